package engine

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"cmdeck/core"
	"cmdeck/providers"
	"cmdeck/rules"
	"cmdeck/store"
)

// The engine's ingest path with and without alert rules: each op is one
// sync of one batch of benchBatch new items (sentiment, store, rules and
// their alerts, and what Step does besides).
//
//	go test -run '^$' -bench SyncIngestRules -benchtime 100x -count 5 ./engine/

const benchBatch = 500

// benchPhrases are a bakery's inbox; benchAlarms the messages its rules
// look for (refunds, delays, hygiene, allergies, special orders, anger),
// one phrase in twelve.
var (
	benchPhrases = []string{
		"Bonjour, la baguette tradition était parfaite ce matin, merci !",
		"Est-ce que vous êtes ouverts le dimanche matin ?",
		"Super accueil, la crème brûlée est une tuerie 🥐",
		"Loved the croissants this morning, best bakery in town!",
		"Can I order a gluten-free birthday cake for Saturday?",
		"Merci pour la livraison rapide, tout était délicieux",
		"Vous faites des galettes des rois cette année ?",
		"Quelle belle vitrine pour Noël, bravo à toute l'équipe",
		"Le pain aux céréales est mon préféré, vivement demain",
		"Do you have vegan options for brunch?",
		"On a adoré le atelier pâtisserie de samedi 👏",
		"Les éclairs au café sont revenus ? @fournil",
	}
	benchAlarms = []string{
		"Toujours pas reçu ma commande de croissants, je veux être remboursé",
		"La pièce montée pour l'anniversaire de ma fille n'était pas prête, quel retard",
		"Un cheveu dans mon éclair au chocolat, franchement dégoûtant",
		"Ma fille a fait une réaction allergique aux noisettes, on est aux urgences",
		"Déçu par le service, plus jamais je ne reviens, c'est nul",
		"My order never arrived and nobody answers, I want a refund",
	}
)

// benchGen makes deterministic batches of fresh items.
type benchGen struct {
	r    *rand.Rand
	next int
}

func (g *benchGen) batch(now time.Time) []core.Item {
	items := make([]core.Item, benchBatch)
	kinds := []core.ItemKind{core.KindComment, core.KindComment, core.KindMention, core.KindDM, core.KindReview}
	for i := range items {
		var b strings.Builder
		for target := 40 + g.r.IntN(200); b.Len() < target; {
			if b.Len() > 0 {
				b.WriteString(" ")
			}
			if g.r.IntN(12) == 0 {
				b.WriteString(benchAlarms[g.r.IntN(len(benchAlarms))])
			} else {
				b.WriteString(benchPhrases[g.r.IntN(len(benchPhrases))])
			}
		}
		author := g.r.IntN(2000)
		items[i] = core.Item{
			RemoteID: fmt.Sprintf("r%08d", g.next), Kind: kinds[g.r.IntN(len(kinds))], Body: b.String(),
			CreatedAt:  now.Add(-time.Duration(g.r.IntN(600)) * time.Second),
			NeedsReply: g.r.IntN(5) < 2,
			Author: core.Author{RemoteID: fmt.Sprintf("a%05d", author), Handle: fmt.Sprintf("@client%d", author),
				Name: "Client " + fmt.Sprint(author), Followers: g.r.IntN(2000) * g.r.IntN(15)},
		}
		g.next++
	}
	return items
}

// benchProvider hands out one prepared batch per fetch.
type benchProvider struct {
	batches [][]core.Item
	next    *int
}

func (p benchProvider) Capabilities() providers.Capabilities { return nil }
func (p benchProvider) Do(context.Context, core.Action) (core.ActionResult, error) {
	return core.ActionResult{}, providers.ErrUnsupported
}
func (p benchProvider) Fetch(ctx context.Context, cursor string) (core.Batch, error) {
	if *p.next >= len(p.batches) {
		return core.Batch{Cursor: cursor}, nil
	}
	b := core.Batch{Items: p.batches[*p.next], Cursor: fmt.Sprint(*p.next)}
	*p.next++
	return b, nil
}

// benchRuleSet is the bakery's rules four times over for one client, each
// copy with its own thresholds, factors and a word more or less: 48 rules,
// plus two keyword rules, 50 in all.
func benchRuleSet(b *testing.B) *rules.Set {
	data, err := os.ReadFile("../rules/testdata/bakery.yaml")
	if err != nil {
		b.Fatal(err)
	}
	var file struct {
		Rules []rules.Rule `yaml:"rules"`
	}
	if err := yaml.Unmarshal(data, &file); err != nil {
		b.Fatal(err)
	}
	extra := []string{"", " OR rassis", " OR oubli*", " -merci"}
	var rs []rules.Rule
	for v := range 4 {
		for _, r := range file.Rules {
			r.Name = fmt.Sprintf("%s-%d", r.Name, v)
			r.Client = "fournil"
			switch r.Type {
			case rules.TypeKeyword:
				r.Query = "(" + r.Query + ")" + extra[v]
			case rules.TypeSentiment:
				th := *r.Threshold - 0.05*float64(v)
				r.Threshold = &th
			case rules.TypeSpike:
				r.Factor += float64(v) / 2
				r.BaselineHours = 24 * (v + 1)
			case rules.TypeSLA:
				r.Within += time.Duration(v) * 30 * time.Minute
			case rules.TypeRepeatOffender:
				r.Count += v
			}
			rs = append(rs, r)
		}
	}
	rs = append(rs,
		rules.Rule{Name: "livraison", Client: "fournil", Type: rules.TypeKeyword, Query: `livraison NEAR/3 (retard OR jamais)`},
		rules.Rule{Name: "refund", Client: "fournil", Type: rules.TypeKeyword, Query: `lang:en (refund OR "never arrived")`},
	)
	set, err := rules.Compile(rs)
	if err != nil {
		b.Fatal(err)
	}
	if set.Len() != 50 {
		b.Fatalf("%d rules, want 50", set.Len())
	}
	return set
}

// BenchmarkSyncIngestRules runs the ingest path without rules, then with
// 50, on identical batches into identical fresh databases.
func BenchmarkSyncIngestRules(b *testing.B) {
	set := benchRuleSet(b)
	b.Run("rules=off", func(b *testing.B) { benchSync(b, nil) })
	b.Run("rules=50", func(b *testing.B) { benchSync(b, set) })
}

func benchSync(b *testing.B, set *rules.Set) {
	ctx := context.Background()
	start := time.Date(2026, 3, 6, 9, 0, 0, 0, time.UTC) // a Friday morning
	clock := core.NewManualClock(start)
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "cmdeck.db"), store.WithClock(clock))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, _, err := db.UpsertWorkspace(ctx, []core.Client{{Slug: "fournil", Name: "Le Fournil"}},
		[]core.Account{{ClientSlug: "fournil", Provider: "bench", Network: "mastodon.social", Handle: "@fournil"}}); err != nil {
		b.Fatal(err)
	}
	// A batch a second: the SLA rules are checked every 60 batches.
	g := &benchGen{r: rand.New(rand.NewPCG(1, 2))}
	batches := make([][]core.Item, b.N)
	for i := range batches {
		batches[i] = g.batch(start.Add(time.Duration(i) * time.Second))
	}
	next := 0
	reg := providers.NewRegistry()
	reg.Register("bench", func(providers.AccountConfig) (providers.Provider, error) {
		return benchProvider{batches: batches, next: &next}, nil
	})
	r, err := New(Options{Store: db, Registry: reg, Clock: clock, Interval: time.Second, Seed: 1, Rules: set})
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	raised := 0
	b.ResetTimer()
	for i := range b.N {
		rep, err := r.Step(ctx, start.Add(time.Duration(i)*time.Second))
		if err != nil || len(rep.Accounts) != 1 || rep.Accounts[0].Err != nil || rep.Accounts[0].NewItems != benchBatch {
			b.Fatalf("step %d: %+v, %v", i, rep, err)
		}
		raised += rep.Accounts[0].Alerts
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N*benchBatch)/b.Elapsed().Seconds(), "items/s")
	b.ReportMetric(float64(raised)/float64(b.N), "alerts/batch")
}
