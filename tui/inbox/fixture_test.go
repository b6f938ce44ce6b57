package inbox

import (
	"time"

	"cmdeck/core"
	"cmdeck/store"
)

// Fixed data for the screen tests: French accents, emoji, CJK, a long line,
// a tab that slipped through, every kind and state, a nested thread with
// one of our own replies, and a deleted item that must never show.

type fixClient struct {
	slug, name, color, network, handle string
	account                            int64 // each client has one account
}

var (
	fixPixel  = fixClient{"pixelforge", "PixelForge Studio", "#7C3AED", "Chirper", "@pixelforge", 1}
	fixBakery = fixClient{"boulangerie", "Boulangerie Émile", "#D97706", "mastodon.social", "@emile", 2}
	fixRamen  = fixClient{"kitsune", "Kitsune Ramen 狐", "#DC2626", "Chirper", "@kitsune_ramen", 3}
)

var (
	authorAmelie = core.Author{ID: 1, Network: "Chirper", Handle: "@amelie_db", Name: "Amélie Dubois", Followers: 12_345, VIP: true}
	authorLucas  = core.Author{ID: 2, Network: "Chirper", Handle: "@lucas_m", Name: "Lucas M.", Followers: 310}
	authorHanako = core.Author{ID: 3, Network: "Chirper", Handle: "@hanako_t", Name: "田中 花子", Followers: 2_048}
	authorJP     = core.Author{ID: 4, Network: "mastodon.social", Handle: "@jplefevre", Name: "Jean-Pierre Lefèvre", Followers: 87}
	authorZoe    = core.Author{ID: 5, Handle: "zoe.k", Name: "Zoë Kowalski", Followers: -1}
	authorSpeed  = core.Author{ID: 6, Handle: "speedrunner_42", Followers: 1_250_000}
	authorTroll  = core.Author{ID: 7, Handle: "@troll", Name: "Troll Account", Blocked: true}
	authorBot    = core.Author{ID: 8, Handle: "@promo_bot", Name: "Promo Bot"}
	authorMH     = core.Author{ID: 9, Handle: "@mh_rousseau", Name: "Marie-Hélène Rousseau", Followers: 455}
	authorWang   = core.Author{ID: 10, Handle: "wangwei", Name: "Wang Wei 王伟", Followers: 9_999}
	authorChloe  = core.Author{ID: 11, Handle: "@chloe_plays", Name: "Chloé Martin", Followers: 48_700}
	authorGerard = core.Author{ID: 12, Handle: "@gdupont", Name: "Gérard Dupont", Followers: 12}
)

type fix struct {
	id      int64
	ago     time.Duration
	c       fixClient
	kind    core.ItemKind
	author  core.Author
	body    string
	state   core.ItemState
	needs   bool
	senti   core.Sentiment
	remote  string
	parent  string
	own     bool
	threadR string
}

func (f fix) item() store.ItemView {
	it := store.ItemView{
		ClientSlug: f.c.slug, ClientName: f.c.name, ClientColor: f.c.color,
		Network: f.c.network, AccountHandle: f.c.handle,
	}
	it.ID = f.id
	it.AccountID = f.c.account
	it.ClientID = int64(len(f.c.slug)) // any stable id per client
	it.RemoteID = f.remote
	it.ParentRemoteID = f.parent
	it.ThreadRemoteID = f.threadR
	it.Kind = f.kind
	it.Author = f.author
	it.Body = f.body
	it.CreatedAt = fakeEpoch.Add(-f.ago)
	it.State = f.state
	it.NeedsReply = f.needs
	it.Sentiment = f.senti
	it.Outgoing = f.own
	return it
}

const longLine = "Bonjour, j'ai commandé trois baguettes tradition et un pain de campagne pour samedi matin " +
	"mais je n'ai reçu aucune confirmation par e-mail, pouvez-vous vérifier ma commande n°48213 s'il vous plaît ?"

func fixtures() []fix {
	h, d := time.Hour, 24*time.Hour
	return []fix{
		{103, 2 * time.Minute, fixPixel, core.KindComment, authorAmelie, "Super, merci pour la réponse rapide ! 😍 Et pour la version PC ?", core.StateNew, true, core.SentimentPositive, "c-103", "r-101", false, "c-102"},
		{101, 6 * time.Minute, fixPixel, core.KindReply, core.Author{Handle: "@pixelforge"}, "Merci Amélie ! La sauvegarde cloud arrive sur Switch en mars 🙌", core.StateDone, false, "", "r-101", "c-102", true, "c-102"},
		{104, 8 * time.Minute, fixPixel, core.KindComment, authorLucas, "Pareil, je veux savoir aussi !", core.StateRead, false, core.SentimentNeutral, "c-104", "c-102", false, "c-102"},
		{102, 12 * time.Minute, fixPixel, core.KindComment, authorAmelie, "Trop hâte de tester la nouvelle version ! 🎉 Est-ce que la sauvegarde cloud arrive aussi sur Switch ?", core.StateReplied, false, core.SentimentPositive, "c-102", "", false, ""},
		{105, 25 * time.Minute, fixRamen, core.KindMention, authorHanako, "新しいラーメンのメニューはいつですか？🍜 楽しみにしています！", core.StateNew, false, core.SentimentNeutral, "m-105", "", false, ""},
		{115, 1 * h, fixRamen, core.KindComment, authorBot, "supprimé", core.StateDeleted, false, "", "c-115", "", false, ""},
		{106, 2 * h, fixBakery, core.KindDM, authorJP, longLine, core.StateRead, true, core.SentimentNegative, "d-106", "", false, ""},
		{107, 5 * h, fixBakery, core.KindReview, authorZoe, "★★★★★ Meilleur croissant de Lyon, sans hésiter. L'équipe est adorable.", core.StateReplied, false, core.SentimentPositive, "v-107", "", false, ""},
		{108, 26 * h, fixPixel, core.KindForum, authorSpeed, "Bug : le jeu plante au lancement après le patch 1.4.2 (Steam Deck)\nLogs attachés.", core.StateDone, false, core.SentimentNegative, "f-108", "", false, ""},
		{109, 2 * d, fixPixel, core.KindComment, authorTroll, "Ce studio ne sait plus faire de jeux, remboursez-moi", core.StateHidden, false, core.SentimentNegative, "c-109", "", false, ""},
		{110, 3 * d, fixRamen, core.KindComment, authorBot, "Gagnez un iPhone gratuit 👉 cliquez ici !!!", core.StateSpam, false, "", "c-110", "", false, ""},
		{111, 3*d + 4*h, fixBakery, core.KindComment, authorMH, "Est-ce que vous faites des galettes des rois sans frangipane ?", core.StateRead, false, core.SentimentNeutral, "c-111", "", false, ""},
		{112, 4 * d, fixRamen, core.KindReview, authorWang, "汤很好喝，面条也很好吃。Service un peu lent le samedi soir.", core.StateRead, false, core.SentimentPositive, "v-112", "", false, ""},
		{113, 5 * d, fixPixel, core.KindMention, authorChloe, "Le trailer de @pixelforge est incroyable 🔥🔥🔥", core.StateNew, false, core.SentimentPositive, "m-113", "", false, ""},
		{114, 6 * d, fixBakery, core.KindDM, authorGerard, "Bonjour\tvous êtes ouverts le lundi ?", core.StateRead, false, "", "d-114", "", false, ""},
	}
}

// fixtureItems returns the fixed items, newest first.
func fixtureItems() []store.ItemView {
	var out []store.ItemView
	for _, f := range fixtures() {
		out = append(out, f.item())
	}
	return out
}

// fixtureSource serves the fixed items, the thread of the 10x items and
// Amélie's history with PixelForge.
func fixtureSource() *fakeSource {
	items := fixtureItems()
	src := newSliceSource(items)
	byID := map[int64]store.ItemView{}
	for _, it := range items {
		byID[it.ID] = it
	}
	conv := []store.ItemView{byID[102], byID[104], byID[101], byID[103]} // oldest first
	for _, it := range conv {
		src.threads[it.ID] = conv
	}
	src.history[authorAmelie.ID] = 14
	src.history[authorJP.ID] = 1
	for _, c := range []fixClient{fixPixel, fixBakery, fixRamen} {
		id := int64(len(c.slug))
		src.clients = append(src.clients, core.Client{ID: id, Slug: c.slug, Name: c.name, Color: c.color})
		src.accounts = append(src.accounts, store.AccountSync{Account: core.Account{
			ID: c.account, ClientID: id, ClientSlug: c.slug, Provider: "demo", Network: c.network, Handle: c.handle}})
	}
	return src
}
