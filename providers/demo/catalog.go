package demo

import (
	"fmt"
	"strings"
)

// Message categories: what a message is about, which decides its sentiment,
// whether it needs a reply, and how we answer it.
const (
	catPraise    = "praise"
	catQuestion  = "question"
	catComplaint = "complaint"
	catSpam      = "spam"
	catToxic     = "toxic"
	catIdea      = "idea"
	catThanks    = "thanks" // a follow-up after our answer, satisfied
	catMeToo     = "metoo"  // a follow-up: same problem, still waiting
	catHostile   = "hostile"
	catReview    = "review" // star-rated; the stars say the mood
)

// Kinds of our own answers, chosen from what we answer.
const (
	outThanks = "out-thanks"
	outAnswer = "out-answer"
	outSorry  = "out-sorry"
	outIdea   = "out-idea"
)

// Other template families.
const (
	famTitle = "title-" // + category: forum thread titles
	famPost  = "post"   // our own posts
)

// entry is a family of templates for one domain. Templates contain slots in
// braces ({product}, {city}…) that fill draws from the brand's vocabulary.
type entry struct {
	dom, fam string
	texts    []string
}

// catalog indexes the templates by language, domain and family.
type catalog struct{ m map[string][]string }

func catKey(lang, dom, fam string) string { return lang + "|" + dom + "|" + fam }

// newCatalog builds the index. It is built per provider (cheap: the strings
// are literals) so that nothing is shared mutable state.
func newCatalog() *catalog {
	c := &catalog{m: map[string][]string{}}
	add := func(lang string, es []entry) {
		for _, e := range es {
			k := catKey(lang, e.dom, e.fam)
			c.m[k] = append(c.m[k], e.texts...)
		}
	}
	add("fr", frTexts())
	add("fr", frReviews())
	add("fr", frOwn())
	add("en", enTexts())
	add("en", enReviews())
	add("en", enOwn())
	return c
}

// choose picks one template of the family, from the brand's domain and the
// generic pool together, each template equally likely.
func (c *catalog) choose(r *rng, lang, dom, fam string) string {
	own := c.m[catKey(lang, dom, fam)]
	var shared []string
	if dom != domAny {
		shared = c.m[catKey(lang, domAny, fam)]
	}
	n := len(own) + len(shared)
	if n == 0 {
		return ""
	}
	i := r.intn(n)
	if i < len(own) {
		return own[i]
	}
	return shared[i-len(own)]
}

// reviewFamily is the template family for a star rating.
func reviewFamily(stars int) string { return fmt.Sprintf("%s%d", catReview, stars) }

// starLine renders a rating the way review sites print it in text.
func starLine(stars int) string {
	stars = max(1, min(5, stars))
	return strings.Repeat("★", stars) + strings.Repeat("☆", 5-stars) + fmt.Sprintf(" %d/5", stars)
}
