package rules

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"cmdeck/core"
)

var evalNow = time.Date(2026, 3, 6, 14, 20, 0, 0, time.UTC) // a Friday

func mustCompile(t testing.TB, rules ...Rule) *Set {
	t.Helper()
	s, err := Compile(rules)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// items makes n items of a client with the body, ids from first.
func items(client string, first int64, n int, body string) []Item {
	out := make([]Item, n)
	for i := range out {
		out[i] = Item{ID: first + int64(i), Client: client, Body: body, CreatedAt: evalNow.Add(-time.Minute)}
	}
	return out
}

func ids(h Hit) []int64 { return h.ItemIDs }

func TestEvaluateBurstIsOneGroupThatGrows(t *testing.T) {
	s := mustCompile(t, Rule{Name: "remboursement", Client: "fournil", Type: TypeKeyword, Query: "rembours*"})
	env := &fakeEnv{now: evalNow}
	batch := append(items("fournil", 1, 100, "Je veux être remboursé"), items("fournil", 101, 5, "merci")...)
	hits, err := s.Evaluate(batch, env)
	if err != nil || len(hits) != 1 {
		t.Fatalf("hits = %+v, %v; want one", hits, err)
	}
	h := hits[0]
	if len(h.ItemIDs) != 100 || h.Count != 100 || h.GroupKey != "remboursement:fournil:2026-03-06" ||
		h.Severity != core.SeverityWarning || h.Title != "remboursement — fournil" {
		t.Errorf("hit = %+v", h)
	}
	// Later the same day: the same group; the next day: a new one.
	env.now = evalNow.Add(3 * time.Hour)
	later, _ := s.Evaluate(items("fournil", 200, 1, "remboursez!"), env)
	env.now = time.Date(2026, 3, 7, 0, 5, 0, 0, time.UTC)
	next, _ := s.Evaluate(items("fournil", 300, 1, "remboursez!"), env)
	if len(later) != 1 || later[0].GroupKey != h.GroupKey {
		t.Errorf("same day: %+v, want group %s", later, h.GroupKey)
	}
	if len(next) != 1 || next[0].GroupKey == h.GroupKey {
		t.Errorf("next day: %+v, want a new group", next)
	}
}

func TestEvaluateSkips(t *testing.T) {
	s := mustCompile(t, Rule{Name: "k", Type: TypeKeyword, Query: "pain"})
	batch := []Item{
		{ID: 1, Client: "a", Body: "pain", Outgoing: true},
		{ID: 0, Client: "a", Body: "pain"},
		{ID: 3, Client: "a", Body: "pain", CreatedAt: evalNow.Add(-25 * time.Hour)},
		{ID: 4, Client: "a", Body: "pain", CreatedAt: evalNow.Add(-23 * time.Hour)},
		{ID: 5, Client: "a", Body: "pain"}, // no date: trusted as new
	}
	hits, _ := s.Evaluate(batch, &fakeEnv{now: evalNow})
	if len(hits) != 1 || !slices.Equal(hits[0].ItemIDs, []int64{4, 5}) {
		t.Errorf("hits = %+v, want items 4 and 5", hits)
	}
}

func TestEvaluateClientScope(t *testing.T) {
	s := mustCompile(t,
		Rule{Name: "own", Client: "a", Type: TypeKeyword, Query: "pain"},
		Rule{Name: "shared", Type: TypeKeyword, Query: "pain"},
	)
	batch := []Item{{ID: 1, Client: "a", Body: "pain"}, {ID: 2, Client: "b", Body: "pain"}, {ID: 3, Client: "c", Body: "pain"}}
	hits, _ := s.Evaluate(batch, &fakeEnv{now: evalNow})
	var got []string
	for _, h := range hits {
		got = append(got, h.GroupKey)
	}
	want := []string{"own:a:2026-03-06", "shared:a:2026-03-06", "shared:b:2026-03-06", "shared:c:2026-03-06"}
	if !slices.Equal(got, want) {
		t.Errorf("groups = %v, want %v", got, want)
	}
}

func TestEvaluateSentiment(t *testing.T) {
	s := mustCompile(t, Rule{Name: "colère", Type: TypeSentiment, Threshold: ptr(-0.5), Query: "-merci", Severity: core.SeverityCritical})
	batch := []Item{
		{ID: 1, Client: "a", Score: -0.8, Body: "nul"},
		{ID: 2, Client: "a", Score: -0.5, Body: "bof"},                       // at the threshold
		{ID: 3, Client: "a", Score: -0.49, Body: "bof"},                      // above
		{ID: 4, Client: "a", Score: -0.9, Body: "merci"},                     // filtered by the query
		{ID: 5, Client: "a", Sentiment: core.SentimentNegative, Body: "nul"}, // label only
		{ID: 6, Client: "a", Score: 0.7, Sentiment: core.SentimentNegative, Body: "?"},
	}
	hits, _ := s.Evaluate(batch, &fakeEnv{now: evalNow})
	if len(hits) != 1 || !slices.Equal(ids(hits[0]), []int64{1, 2, 5}) || hits[0].Severity != core.SeverityCritical {
		t.Errorf("hits = %+v, want items 1, 2, 5, critical", hits)
	}
}

func TestEvaluateVIP(t *testing.T) {
	s := mustCompile(t,
		Rule{Name: "chefs", Type: TypeVIP, Authors: []string{"@Chef", "critique@gastro.social"}},
		Rule{Name: "influence", Type: TypeVIP, MinFollowers: 10_000},
		Rule{Name: "marqués", Type: TypeVIP, Marked: true, Query: "kind:review"},
	)
	batch := []Item{
		{ID: 1, Client: "a", Handle: "@chef@cuisine.social"},
		{ID: 2, Client: "a", Handle: "critique@autre.social"},
		{ID: 3, Client: "a", Handle: "@critique@Gastro.social", Followers: 10_000},
		{ID: 4, Client: "a", Handle: "lambda", Followers: 9_999, VIP: true, Kind: core.KindComment},
		{ID: 5, Client: "a", Handle: "fan", VIP: true, Kind: core.KindReview},
	}
	hits, _ := s.Evaluate(batch, &fakeEnv{now: evalNow})
	got := map[string][]int64{}
	for _, h := range hits {
		got[h.Rule] = h.ItemIDs
	}
	want := map[string][]int64{"chefs": {1, 3}, "influence": {3}, "marqués": {5}}
	for r, w := range want {
		if !slices.Equal(got[r], w) {
			t.Errorf("%s = %v, want %v", r, got[r], w)
		}
	}
	if len(hits) != 3 || hits[0].Title != "chefs — a: @chef@cuisine.social" {
		t.Errorf("hits = %+v", hits)
	}
}

func TestEvaluateRepeatOffender(t *testing.T) {
	s := mustCompile(t,
		Rule{Name: "récidive", Type: TypeRepeatOffender, Count: 3},
		Rule{Name: "récidive-commentaires", Type: TypeRepeatOffender, Count: 5, Query: "kind:comment"},
	)
	env := &fakeEnv{now: evalNow, offences: map[string]int{"troll": 3, "distrait": 2}}
	batch := []Item{
		{ID: 1, Client: "a", AuthorKey: "troll", Handle: "troll", Kind: core.KindComment},
		{ID: 2, Client: "a", AuthorKey: "troll", Handle: "troll", Kind: core.KindComment},
		{ID: 3, Client: "a", AuthorKey: "distrait", Handle: "distrait"},
		{ID: 4, Client: "a", Handle: "sans-clé"},
	}
	hits, err := s.Evaluate(batch, env)
	if err != nil || len(hits) != 1 {
		t.Fatalf("hits = %+v, %v; want one", hits, err)
	}
	h := hits[0]
	if !slices.Equal(h.ItemIDs, []int64{1, 2}) || h.Count != 3 || h.GroupKey != "récidive:a:troll:2026-03-06" ||
		!strings.HasSuffix(h.Title, "@troll ×3") {
		t.Errorf("hit = %+v", h)
	}
	if env.offCall != 2 { // once per author, though the troll fits both rules
		t.Errorf("OffenceCount called %d times, want 2", env.offCall)
	}
}

// A failing store skips its rule; the other hits still come.
func TestEvaluateEnvErrorKeepsOtherHits(t *testing.T) {
	s := mustCompile(t,
		Rule{Name: "k", Type: TypeKeyword, Query: "pain"},
		Rule{Name: "pic", Type: TypeSpike},
	)
	env := &fakeEnv{now: evalNow, countErr: errors.New("disk on fire")}
	hits, err := s.Evaluate(items("a", 1, 3, "pain"), env)
	if err == nil || !strings.Contains(err.Error(), "disk on fire") || !strings.Contains(err.Error(), `"pic"`) {
		t.Errorf("err = %v", err)
	}
	if len(hits) != 1 || hits[0].Rule != "k" {
		t.Errorf("hits = %+v", hits)
	}
}

func TestHitAlert(t *testing.T) {
	h := Hit{Rule: "k", Severity: core.SeverityCritical, Title: "k — a", ItemIDs: []int64{1, 2}, At: evalNow}
	a := h.Alert(7)
	if a.ClientID != 7 || a.Rule != "k" || a.ItemCount != 2 || !a.FirstAt.Equal(evalNow) || a.Severity != core.SeverityCritical {
		t.Errorf("alert = %+v", a)
	}
}

func TestFromCore(t *testing.T) {
	acct := core.Account{ClientSlug: "fournil", Network: "mastodon.social"}
	it := core.Item{ID: 9, Body: "b", Author: core.Author{RemoteID: "r1", Handle: "@x", Followers: 5, VIP: true},
		SentimentScore: -0.4, NeedsReply: true, State: core.StateNew}
	got := FromCore(acct, it)
	if got.Client != "fournil" || got.AuthorKey != "mastodon.social/r1" || !got.VIP || got.Score != -0.4 || !got.NeedsReply {
		t.Errorf("FromCore = %+v", got)
	}
	it.Author.ID = 42
	if got := FromCore(acct, it); got.AuthorKey != "42" {
		t.Errorf("author key = %q, want the store id", got.AuthorKey)
	}
}

// A Set is shared by the engine's goroutines; run with -race.
func TestSetConcurrentUse(t *testing.T) {
	s := mustCompile(t, loadBakery(t)...)
	batch := benchItems(200, evalNow)
	for i := range batch {
		batch[i].Client = "fournil"
	}
	want, _ := s.Evaluate(batch, &benchEnv{now: evalNow, counts: make([]int, 25)})
	if len(want) == 0 {
		t.Fatal("the batch fires no rule: nothing to compare")
	}
	done := make(chan []Hit)
	for range 4 {
		go func() {
			hits, _ := s.Evaluate(batch, &benchEnv{now: evalNow, counts: make([]int, 25)})
			s.Overdue(batch, time.Time{}, evalNow)
			done <- hits
		}()
	}
	for range 4 {
		if got := <-done; len(got) != len(want) {
			t.Errorf("concurrent Evaluate: %d hits, want %d", len(got), len(want))
		}
	}
}
