package demo

import (
	"slices"
	"strings"

	"cmdeck/core"
	"cmdeck/providers"
)

// netProfile is how one fictional network behaves: what kinds of items it
// carries, how conversations branch, and which actions it allows.
type netProfile struct {
	name   string // canonical display name
	host   string // host of the synthetic URLs (reserved .example TLD)
	caps   providers.Capabilities
	kinds  []core.ItemKind // kinds of conversation roots …
	weight []float64       // … and how often each appears
	// rootShare is the share of items that start a conversation; the rest
	// answer a recent one.
	rootShare float64
	// incoming says whether other people can answer in a thread. On a
	// review site only the business answers a review.
	incoming bool
	// outShare is the share of replies (in the backlog) written by us.
	outShare float64
	reviews  bool   // roots are star-rated reviews
	forum    bool   // roots carry a thread title
	style    string // how handles look: "at", "dot", "forum", "review"
	noFollow bool   // the network does not report "following"
	// limit is the longest reply or post, in characters; 0 = none.
	limit int
}

// allCaps is what a full social network lets a page do: answer and
// moderate what reaches it, publish, like, mute people and report them.
// (Server moderation, CapAdmin, belongs to a server's admins: no demo
// network offers it.)
func allCaps() providers.Capabilities {
	return providers.Capabilities{
		providers.CapReply, providers.CapHide, providers.CapDelete,
		providers.CapBlock, providers.CapSpam, providers.CapPublish,
		providers.CapLike, providers.CapMute, providers.CapReport,
	}
}

// forumCaps is what a forum lets a community team do: everything but mute,
// which forums leave to each reader.
func forumCaps() providers.Capabilities {
	return slices.DeleteFunc(allCaps(), func(c providers.Capability) bool { return c == providers.CapMute })
}

// networkProfile returns the profile for a network name (case-insensitive);
// an unknown name gets a generic social network so any configured "demo"
// account works.
func networkProfile(name string) netProfile {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "chirper":
		return netProfile{name: "Chirper", host: "chirper.example", caps: allCaps(),
			kinds:     []core.ItemKind{core.KindMention, core.KindComment, core.KindDM},
			weight:    []float64{0.5, 0.3, 0.2},
			rootShare: 0.6, incoming: true, outShare: 0.35, style: "at", limit: 280}
	case "facegram":
		return netProfile{name: "Facegram", host: "facegram.example", caps: allCaps(),
			kinds:     []core.ItemKind{core.KindComment, core.KindDM, core.KindMention},
			weight:    []float64{0.65, 0.25, 0.1},
			rootShare: 0.55, incoming: true, outShare: 0.3, style: "dot", limit: 2200}
	case "forumplus":
		return netProfile{name: "ForumPlus", host: "forumplus.example", caps: forumCaps(),
			kinds:     []core.ItemKind{core.KindForum, core.KindDM},
			weight:    []float64{0.85, 0.15},
			rootShare: 0.4, incoming: true, outShare: 0.3, forum: true, style: "forum", limit: 10000}
	case "reviewhub":
		// Reviews can only be answered (and deleted, for our own answer, or
		// reported as fake): the site offers no hiding, no blocking of
		// reviewers and no posts of our own. This network exists to
		// exercise capability gating in the deck.
		return netProfile{name: "ReviewHub", host: "reviewhub.example",
			caps:      providers.Capabilities{providers.CapReply, providers.CapDelete, providers.CapSpam},
			kinds:     []core.ItemKind{core.KindReview},
			weight:    []float64{1},
			rootShare: 0.7, incoming: false, outShare: 1, reviews: true, style: "review", noFollow: true,
			limit: 1000}
	}
	display := strings.TrimSpace(name)
	if display == "" {
		display = "DemoNet"
	}
	return netProfile{name: display, host: "demo.example", caps: allCaps(),
		kinds:     []core.ItemKind{core.KindComment, core.KindMention, core.KindDM},
		weight:    []float64{0.5, 0.3, 0.2},
		rootShare: 0.55, incoming: true, outShare: 0.3, style: "at"}
}

// brandProfile is what the demo knows about a client: its trade (which picks
// the message templates), its languages and its vocabulary.
type brandProfile struct {
	slug, name, color string
	domain            string  // template domain: game, bakery, fitness, bank, any
	primary           string  // main language of its community
	other             float64 // share of messages in the other language
	currency          string
	minFollowers      int
	maxFollowers      int
	products          map[string][]string // per language
	features          map[string][]string // per language
	cities            []string
	staff             []string // first names signing our replies
}

// secondary returns the language that is not primary.
func (b brandProfile) secondary() string {
	if b.primary == "fr" {
		return "en"
	}
	return "fr"
}

// brandFor returns the profile for a client slug; unknown clients get a
// neutral, bilingual profile.
func brandFor(slug string) brandProfile {
	for _, b := range brands() {
		if b.slug == slug {
			return b
		}
	}
	return brandProfile{slug: slug, name: slug, domain: domAny, primary: "fr", other: 0.5,
		currency: "€", minFollowers: 500, maxFollowers: 5000,
		products: map[string][]string{
			"fr": {"votre produit", "la nouvelle offre", "votre boutique en ligne", "la nouvelle collection"},
			"en": {"your product", "the new offer", "your online shop", "the new collection"}},
		features: map[string][]string{
			"fr": {"le service client", "la livraison", "le site", "l'appli"},
			"en": {"customer service", "delivery", "the website", "the app"}},
		cities: []string{"Paris", "Lyon", "Lille", "Marseille", "Nantes"},
		staff:  []string{"Alex", "Sasha"},
	}
}
