package store

import (
	"fmt"
	"math/rand"
	"strings"
	"time"
	"unicode/utf8"

	"cmdeck/core"
)

// Realistic inbox text: French and English, with accents, emoji, mentions
// and links, cut to 40-280 characters like network posts.
var (
	phrasesFR = []string{
		"Bonjour, je n'arrive pas à me connecter depuis la mise à jour",
		"Merci pour la crème brûlée d'hier, un régal !",
		"Quand est-ce que la boutique rouvre après les congés d'été ?",
		"Franchement déçu par la livraison, colis abîmé et en retard",
		"Vous pouvez m'envoyer le lien du formulaire de remboursement ?",
		"Super soirée de lancement, bravo à toute l'équipe 🎉",
		"Le jeu plante au chargement sur ma Switch, une idée ?",
		"Est-ce que la pâtisserie est ouverte le dimanche matin ?",
		"J'adore le nouveau design, très réussi 👏",
		"Toujours pas de réponse au ticket #4512, c'est inadmissible",
	}
	phrasesEN = []string{
		"Hi, the app keeps crashing when I open my saved games",
		"Loved the croissants this morning, best in town!",
		"Any news on the next patch? The servers lag a lot tonight",
		"Worst customer service ever, still waiting for my refund",
		"Can you DM me the link to the beta sign-up form?",
		"Great stream yesterday, thanks for the giveaway 🙌",
		"Is there a gluten-free option for the birthday cakes?",
		"Congrats on the launch, the trailer looks amazing",
		"My order #88213 never arrived, please check",
		"How do I transfer my progress to a new phone?",
	}
	tagPool   = []string{"bug", "order", "praise", "refund", "question", "vip", "urgent"}
	firstName = []string{"Camille", "Lucas", "Léa", "Hugo", "Chloé", "Noah", "Emma", "Jules", "Zoé", "Liam"}
	lastName  = []string{"Martin", "Bernard", "Dubois", "Smith", "Johnson", "Lefèvre", "García", "Brown"}
)

// gen builds deterministic, realistic item batches.
type gen struct {
	r       *rand.Rand
	next    int      // next remote id number
	roots   []string // recent roots, for replies
	authors []core.Author
}

func newGen(seed int64) *gen { return &gen{r: rand.New(rand.NewSource(seed))} }

// body returns a FR or EN text of 40-280 characters.
func (g *gen) body() (string, string) {
	lang, pool := "en", phrasesEN
	if g.r.Intn(2) == 0 {
		lang, pool = "fr", phrasesFR
	}
	want := 40 + g.r.Intn(241)
	var b strings.Builder
	for utf8.RuneCountInString(b.String()) < want {
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		b.WriteString(pool[g.r.Intn(len(pool))])
		if g.r.Intn(6) == 0 {
			fmt.Fprintf(&b, " @%s%d", strings.ToLower(firstName[g.r.Intn(len(firstName))]), g.r.Intn(100))
		}
	}
	s := []rune(b.String())
	if len(s) > want {
		s = s[:want]
	}
	return string(s), lang
}

// author returns the i-th author of the pool, creating it on first use.
func (g *gen) author(i int) core.Author {
	for len(g.authors) <= i {
		n := len(g.authors)
		first, last := firstName[g.r.Intn(len(firstName))], lastName[g.r.Intn(len(lastName))]
		g.authors = append(g.authors, core.Author{
			RemoteID:  fmt.Sprintf("a%06d", n),
			Handle:    fmt.Sprintf("@%s_%s%d", strings.ToLower(first), strings.ToLower(last), n),
			Name:      first + " " + last,
			Followers: g.r.Intn(2000) * g.r.Intn(20),
		})
	}
	return g.authors[i]
}

// batch returns n items created before start, going back in time, about
// one distinct author per five items (a third of them seen in earlier
// batches), a fifth of the items replies in an earlier thread.
func (g *gen) batch(n int, start time.Time) []core.Item {
	items := make([]core.Item, n)
	base := max(0, len(g.authors)-n/15)
	at := start
	kinds := []core.ItemKind{core.KindComment, core.KindComment, core.KindMention, core.KindDM, core.KindReview}
	sents := []core.Sentiment{core.SentimentPositive, core.SentimentNeutral, core.SentimentNegative, core.SentimentUnknown}
	for i := range items {
		body, lang := g.body()
		it := core.Item{
			RemoteID:   fmt.Sprintf("r%08d", g.next),
			Kind:       kinds[g.r.Intn(len(kinds))],
			Author:     g.author(base + g.r.Intn(n/5+1)),
			Body:       body,
			URL:        fmt.Sprintf("https://chirper.example/p/%d", g.next),
			Lang:       lang,
			CreatedAt:  at,
			NeedsReply: g.r.Intn(5) < 2,
			Sentiment:  sents[g.r.Intn(len(sents))],
		}
		it.SentimentScore = float64(g.r.Intn(201)-100) / 100
		if g.r.Intn(4) == 0 {
			it.Tags = []string{tagPool[g.r.Intn(len(tagPool))]}
		}
		if len(g.roots) > 0 && g.r.Intn(5) == 0 {
			root := g.roots[g.r.Intn(len(g.roots))]
			it.ParentRemoteID, it.ThreadRemoteID = root, root
		} else {
			g.roots = append(g.roots, it.RemoteID)
			if len(g.roots) > 200 {
				g.roots = g.roots[1:]
			}
		}
		items[i] = it
		g.next++
		if g.r.Intn(4) != 0 { // a quarter share a timestamp with the previous item
			at = at.Add(-time.Duration(1+g.r.Intn(90_000)) * time.Millisecond)
		}
	}
	return items
}
