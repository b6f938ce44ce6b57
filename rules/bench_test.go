package rules

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"cmdeck/core"
)

// benchQueries are realistic keyword rules: word lists, phrases, prefixes,
// negations, NEAR and fields.
var benchQueries = []string{
	`rembours* OR "pas reçu" OR "jamais reçu"`,
	`(cheveu OR insecte* OR moisi*) -recette`,
	`allergi* (réaction OR hôpital OR urgence*)`,
	`"pièce montée" NEAR/5 retard OR gâteau NEAR/5 retard`,
	`livraison retard`,
	`arnaque OR escroc* OR voleur*`,
	`"service client" (nul OR lamentable OR honteux)`,
	`commande NEAR/3 annul*`,
	`kind:review (déçu* OR décevant*)`,
	`lang:en (refund OR scam OR "never arrived")`,
	`"crème brûlée" OR éclair OR "paris-brest"`,
	`prix NEAR/2 (élevé OR cher OR abusé)`,
	`(boycott OR boycotter) -blague`,
	`avocat OR plainte OR "mise en demeure"`,
	`"avis google" OR tripadvisor OR "guide michelin"`,
	`froid* NEAR/3 (pain OR croissant*)`,
	`gluten NEAR/4 (malade OR intolérant*)`,
	`"pas frais" OR rassis OR périmé*`,
	`author:journaliste* OR author:presse`,
	`network:mastodon (grève OR manif*)`,
	`"file d'attente" OR queue NEAR/2 longue`,
	`horaires OR fermé* OR ouvert*`,
	`recrut* OR candidature OR "offre d'emploi"`,
	`(vegan OR végétalien*) -pub`,
	`"sans sucre" OR diabét*`,
	`concours OR "jeu concours" OR gagnant*`,
	`broken OR damaged OR "wrong order"`,
	`"late delivery" OR delayed`,
	`rude NEAR/3 staff`,
	`kind:dm (urgent* OR "aujourd'hui")`,
	`client:fournil (terrasse OR parking)`,
	`"mal élevé*" OR impoli* OR désagréable*`,
	`hygiène OR sale OR dégoûtant*`,
	`(facture OR ticket) NEAR/4 erreur*`,
	`"carte bancaire" OR "sans contact" OR paiement*`,
	`covid OR masque* OR "pass sanitaire"`,
	`influenceu* OR partenariat OR collab*`,
	`"plus jamais" OR "dernière fois"`,
	`handle:@guide_gourmand OR handle:critique*`,
	`-kind:reply (merde OR putain OR connard*)`,
}

var benchWords = []string{
	"bonjour", "merci", "pour", "votre", "commande", "le", "pain", "était", "délicieux", "mais",
	"la", "livraison", "en", "retard", "croissant", "au", "beurre", "crème", "brûlée", "éclair",
	"café", "déçu", "vraiment", "très", "bon", "accueil", "chaleureux", "prix", "un", "peu",
	"élevé", "the", "bread", "was", "great", "thanks", "order", "#boulangerie", "@fournil",
	"n°48213", "🥐", "👍", "aujourd'hui", "j'adore", "œuf", "pâtisserie", "baguette", "tradition",
	"remboursé", "service", "client", "gâteau", "anniversaire", "fraîche", "sans", "gluten",
}

// benchItems makes n realistic items: French and English bodies of 40–280
// characters with accents, emoji, mentions and order numbers.
func benchItems(n int, now time.Time) []Item {
	r := rand.New(rand.NewPCG(1, 2))
	clients := []string{"fournil", "pixelforge", "cafe-lune", "velo-club"}
	kinds := []core.ItemKind{core.KindComment, core.KindMention, core.KindDM, core.KindReview}
	out := make([]Item, n)
	for i := range out {
		var b strings.Builder
		for target := 40 + r.IntN(240); b.Len() < target; {
			b.WriteString(benchWords[r.IntN(len(benchWords))])
			b.WriteString([]string{" ", " ", " ", ", ", ". ", " ! "}[r.IntN(6)])
		}
		out[i] = Item{
			ID: int64(i + 1), Client: clients[r.IntN(len(clients))], Network: "mastodon.social",
			Kind: kinds[r.IntN(len(kinds))], AuthorKey: fmt.Sprint(r.IntN(n / 5)),
			Handle: fmt.Sprintf("@user%d@pain.social", r.IntN(n/5)), AuthorName: "Marie Dupont",
			Followers: r.IntN(30_000), Body: b.String(), Lang: []string{"fr", "fr", "en"}[r.IntN(3)],
			Score: r.Float64()*2 - 1, CreatedAt: now.Add(-time.Duration(r.IntN(3600)) * time.Second),
			State: core.StateNew,
		}
	}
	return out
}

// benchRules is 50 shared rules (every item meets all of them): the 40
// keyword queries, 4 sentiment, 3 VIP and 3 spike rules.
func benchRules() []Rule {
	var rs []Rule
	for i, q := range benchQueries {
		rs = append(rs, Rule{Name: fmt.Sprintf("kw%d", i), Type: TypeKeyword, Query: q})
	}
	for i, q := range []string{"", "kind:review", "livraison OR commande", "-merci"} {
		rs = append(rs, Rule{Name: fmt.Sprintf("sent%d", i), Type: TypeSentiment, Threshold: ptr(-0.6), Query: q})
	}
	rs = append(rs,
		Rule{Name: "vip0", Type: TypeVIP, MinFollowers: 25_000},
		Rule{Name: "vip1", Type: TypeVIP, Authors: []string{"@user3", "user17@pain.social"}},
		Rule{Name: "vip2", Type: TypeVIP, Marked: true, MinFollowers: 29_000, Query: "kind:mention"},
	)
	for i, q := range []string{"", "retard OR rembours*", "déçu*"} {
		rs = append(rs, Rule{Name: fmt.Sprintf("spike%d", i), Type: TypeSpike, Query: q})
	}
	return rs
}

// benchEnv answers from fixed figures: the benchmark measures the rules,
// not a store.
type benchEnv struct {
	now    time.Time
	counts []int
}

func (e *benchEnv) Now() time.Time { return e.now }
func (e *benchEnv) HourlyCounts(string, *Query, time.Time, time.Time) ([]int, error) {
	return e.counts, nil
}
func (e *benchEnv) OffenceCount(string, time.Time) (int, error) { return 0, nil }

// BenchmarkRulesEvaluate: 40 keyword rules, then 50 mixed ones, against a
// batch of 1,000 items; "tokenize" is the folding and tokenizing alone,
// the part every rule shares.
//
//	go test -run '^$' -bench RulesEvaluate -benchmem ./rules/
func BenchmarkRulesEvaluate(b *testing.B) {
	now := time.Date(2026, 3, 7, 11, 0, 0, 0, time.UTC)
	env := &benchEnv{now: now, counts: make([]int, DefaultBaselineHours+1)}
	batch := benchItems(1000, now)
	all := benchRules()
	keyword, err := Compile(all[:len(benchQueries)])
	if err != nil {
		b.Fatal(err)
	}
	mixed, err := Compile(all)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("tokenize", func(b *testing.B) { benchTokenize(b, keyword, batch) })
	b.Run("keyword40", func(b *testing.B) { benchEvaluate(b, keyword, batch, env) })
	b.Run("mixed50", func(b *testing.B) { benchEvaluate(b, mixed, batch, env) })
}

func benchEvaluate(b *testing.B, s *Set, batch []Item, env Env) {
	b.ReportAllocs()
	hits := 0
	for b.Loop() {
		h, err := s.Evaluate(batch, env)
		if err != nil {
			b.Fatal(err)
		}
		hits = len(h)
	}
	perItem(b, len(batch))
	b.ReportMetric(float64(hits), "hits")
}

func benchTokenize(b *testing.B, s *Set, batch []Item) {
	b.ReportAllocs()
	d := newDoc(s.dict)
	chars := 0
	for _, it := range batch {
		chars += utf8.RuneCountInString(it.Body)
	}
	for b.Loop() {
		for i := range batch {
			d.reset(&batch[i])
			d.body()
		}
	}
	perItem(b, len(batch))
	b.ReportMetric(float64(chars)/float64(len(batch)), "chars/item")
}

func perItem(b *testing.B, n int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/item")
}
