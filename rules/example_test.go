package rules

import (
	"fmt"
	"os"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/go-viper/mapstructure/v2"
	"go.yaml.in/yaml/v3"

	"cmdeck/core"
)

// bakeryFile holds the rules of testdata/bakery.yaml.
type bakeryFile struct {
	Rules []Rule `yaml:"rules" mapstructure:"rules"`
}

// loadBakery reads the bakery's rules as the config loader would, setting
// their client.
func loadBakery(t testing.TB) []Rule {
	t.Helper()
	data, err := os.ReadFile("testdata/bakery.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var f bakeryFile
	if err := yaml.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	for i := range f.Rules {
		f.Rules[i].Client = "fournil"
	}
	return f.Rules
}

// The config decodes rules with viper, that is mapstructure with the
// string-to-duration hook and unknown keys refused: the mapstructure tags
// must read the file exactly as the yaml tags do.
func TestBakeryDecodesWithMapstructure(t *testing.T) {
	want := loadBakery(t)
	data, err := os.ReadFile("testdata/bakery.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	var got bakeryFile
	dec, err := mapstructure.NewDecoder(&mapstructure.DecoderConfig{
		DecodeHook:  mapstructure.StringToTimeDurationHookFunc(),
		ErrorUnused: true,
		Result:      &got,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := dec.Decode(raw); err != nil {
		t.Fatal(err)
	}
	for i := range got.Rules {
		got.Rules[i].Client = "fournil"
	}
	if !reflect.DeepEqual(got.Rules, want) {
		t.Errorf("mapstructure and yaml disagree:\n%+v\n%+v", got.Rules, want)
	}
}

func TestBakeryRules(t *testing.T) {
	rules := loadBakery(t)
	s, err := Compile(rules)
	if err != nil {
		t.Fatal(err)
	}
	if s.Len() != 12 {
		t.Fatalf("%d rules, want 12", s.Len())
	}
	paris := zone(t, "Europe/Paris")
	now := time.Date(2026, 3, 7, 11, 40, 0, 0, paris) // a Saturday morning
	at := func(m int) time.Time { return now.Add(-time.Duration(m) * time.Minute) }
	batch := []Item{
		{ID: 1, Client: "fournil", Kind: core.KindComment, Body: "Toujours pas remboursée de ma commande annulée…", Score: -0.3, CreatedAt: at(30)},
		{ID: 2, Client: "fournil", Kind: core.KindReview, Body: "Un CHEVEU dans ma brioche, écœurant.", Score: -0.8, CreatedAt: at(20)},
		{ID: 3, Client: "fournil", Kind: core.KindComment, Body: "Pièce montée livrée en retard pour le mariage !", Score: -0.55, CreatedAt: at(10)},
		{ID: 4, Client: "fournil", Kind: core.KindMention, Body: "Meilleure creme brulee de Lyon", Handle: "@guide_gourmand@gastro.social", Score: 0.9, CreatedAt: at(5)},
		{ID: 5, Client: "fournil", Kind: core.KindComment, Body: "Merci pour la recette du pain de mie, sans insecte ni cheveu promis", Score: 0.6, CreatedAt: at(2)},
		{ID: 6, Client: "fournil", Kind: core.KindComment, Body: "Encore du spam", AuthorKey: "a42", Handle: "promo_bot", CreatedAt: at(1)},
	}
	env := &fakeEnv{now: now, offences: map[string]int{"a42": 4}}
	env.ingest(batch)
	hits, err := s.Evaluate(batch, env)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]int64{}
	for _, h := range hits {
		got[h.Rule] = h.ItemIDs
	}
	want := map[string][]int64{
		"remboursement":          {1},
		"hygiène":                {2}, // not 5: "-recette"
		"commande-spéciale":      {3},
		"avis-négatif":           {2},
		"mécontentement":         {3},
		"critiques-et-influence": {4},
		"récidiviste":            {6},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("hits:\n got %v\nwant %v", got, want)
	}

	// Saturday 11:40: a DM about today's order from 11:05 is late (30
	// minutes); the comment from 10:00 is not yet (2h).
	waiting := []Item{
		{ID: 7, Client: "fournil", Kind: core.KindDM, Body: "Ma commande pour aujourd'hui ?", NeedsReply: true, CreatedAt: at(35)},
		{ID: 8, Client: "fournil", Kind: core.KindComment, Body: "Vous ouvrez lundi ?", NeedsReply: true, CreatedAt: at(100)},
	}
	var late []string
	for _, h := range s.Overdue(waiting, time.Time{}, now) {
		late = append(late, fmt.Sprint(h.Rule, h.ItemIDs))
	}
	if !slices.Equal(late, []string{"dm-urgent[7]"}) {
		t.Errorf("overdue = %v, want the DM", late)
	}
}

// Compiling a client's rules and evaluating a batch.
func ExampleSet_Evaluate() {
	set, err := Compile([]Rule{
		{Name: "remboursement", Client: "fournil", Type: TypeKeyword, Query: `rembours* OR "pas reçu"`},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	now := time.Date(2026, 3, 7, 10, 0, 0, 0, time.UTC)
	batch := []Item{
		{ID: 1, Client: "fournil", Body: "Je n'ai PAS REÇU ma commande", CreatedAt: now},
		{ID: 2, Client: "fournil", Body: "Remboursez-moi", CreatedAt: now},
		{ID: 3, Client: "fournil", Body: "Merci !", CreatedAt: now},
	}
	hits, _ := set.Evaluate(batch, staticEnv{now})
	for _, h := range hits {
		fmt.Println(h.GroupKey, h.ItemIDs, h.Title)
	}
	// Output: remboursement:fournil:2026-03-07 [1 2] remboursement — fournil
}

// staticEnv is an Env for rules that never ask the store.
type staticEnv struct{ now time.Time }

func (e staticEnv) Now() time.Time { return e.now }
func (staticEnv) HourlyCounts(string, *Query, time.Time, time.Time) ([]int, error) {
	return nil, fmt.Errorf("no store")
}
func (staticEnv) OffenceCount(string, time.Time) (int, error) { return 0, fmt.Errorf("no store") }

// A compile error names the rule, the field and the fix.
func ExampleCompile() {
	_, err := Compile([]Rule{{Name: "colère", Type: TypeKeyword, Query: "colis perdu OR cassé"}})
	fmt.Println(err)
	// Output: rule 0 "colère": query: column 13: AND and OR mixed without parentheses (group with parentheses: (colis perdu) OR cassé, or colis (perdu OR cassé))
}
