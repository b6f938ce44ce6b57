package rules

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

var seriesStart = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

// simulation plays a series of hourly volumes of matching items (plus as
// many non-matching ones) through Evaluate, as the engine would: each hour
// in four batches, each stored before it is evaluated. The first warm
// hours are only stored: the history a store holds when the rule starts.
type simulation struct {
	env   *fakeEnv
	hits  []Hit
	next  int64
	calls int // Evaluate calls
	warm  int
}

// warmHours is the history before the first evaluation: the baseline.
const warmHours = 24

func simulate(t *testing.T, s *Set, series []int) *simulation {
	t.Helper()
	sim := &simulation{env: &fakeEnv{}, next: 1, warm: warmHours}
	for h, n := range series {
		hour := seriesStart.Add(time.Duration(h) * time.Hour)
		for q := range 4 {
			sim.batch(t, s, hour, q, n/4+boolInt(q < n%4), h >= sim.warm)
		}
	}
	return sim
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// batch stores n matching items created in quarter q of the hour, and
// evaluates them if eval.
func (sim *simulation) batch(t *testing.T, s *Set, hour time.Time, q, n int, eval bool) {
	t.Helper()
	at := hour.Add(time.Duration(q) * 15 * time.Minute)
	var batch []Item
	for i := range n {
		created := at.Add(time.Duration(i) * time.Second)
		batch = append(batch,
			Item{ID: sim.next, Client: "fournil", Body: fmt.Sprintf("ma commande n°%d n'est pas arrivée", sim.next), CreatedAt: created},
			Item{ID: sim.next + 1, Client: "fournil", Body: "bonjour, à quelle heure ouvrez-vous ?", CreatedAt: created})
		sim.next += 2
	}
	sim.env.now = at.Add(14 * time.Minute)
	sim.env.ingest(batch)
	if !eval {
		return
	}
	hits, err := s.Evaluate(batch, sim.env)
	if err != nil {
		t.Fatal(err)
	}
	sim.calls++
	sim.hits = append(sim.hits, hits...)
}

func (sim *simulation) groups() []string {
	var keys []string
	for _, h := range sim.hits {
		if !slices.Contains(keys, h.GroupKey) {
			keys = append(keys, h.GroupKey)
		}
	}
	return keys
}

func spikeRule() Rule {
	return Rule{Name: "pic", Client: "fournil", Type: TypeSpike, Query: "commande", BaselineHours: 24, Factor: 3, MinCount: 10}
}

func repeat(n, v int) []int { return slices.Repeat([]int{v}, n) }

func TestSpikeSteadyVolumeNeverAlerts(t *testing.T) {
	var series []int
	for h := range 72 {
		series = append(series, 20+(h%5)*3-6) // 14 … 26 an hour
	}
	sim := simulate(t, mustCompile(t, spikeRule()), series)
	if len(sim.hits) != 0 {
		t.Errorf("steady volume raised %v", sim.groups())
	}
}

func TestSpikeBurstIsOneGroupThatGrows(t *testing.T) {
	series := append(repeat(30, 5), 80, 5, 5)
	sim := simulate(t, mustCompile(t, spikeRule()), series)
	if g := sim.groups(); !slices.Equal(g, []string{"pic:fournil:2026-03-03T06"}) {
		t.Fatalf("groups = %v, want the burst hour's only", g)
	}
	// The first quarter (20 ≥ 3 × 5) fires and every later batch grows it.
	if len(sim.hits) != 4 {
		t.Errorf("%d hits, want one per batch of the burst hour", len(sim.hits))
	}
	total := 0
	for _, h := range sim.hits {
		total += len(h.ItemIDs)
	}
	last := sim.hits[len(sim.hits)-1]
	if total != 80 || last.Count != 80 || last.Title != "pic — fournil: 80/h vs 5.0/h" {
		t.Errorf("items %d, last %+v; want 80 items, count 80", total, last)
	}
}

func TestSpikeSlowRiseAlertsAtMostOnce(t *testing.T) {
	series := repeat(24, 5)
	for k := 1; k <= 48; k++ {
		series = append(series, 5+k)
	}
	sim := simulate(t, mustCompile(t, spikeRule()), series)
	if g := sim.groups(); len(g) > 1 {
		t.Errorf("slow rise raised %d groups: %v", len(g), g)
	}
}

// A bakery's day: 8 busy hours, 16 quiet ones. The median of the last day
// would be the quiet level (1) and call every morning rush a spike; the
// mean (7.3) does not.
func TestSpikeDailyRhythmIsNotASpike(t *testing.T) {
	day := append(append(repeat(7, 1), repeat(8, 20)...), repeat(9, 1)...)
	sim := simulate(t, mustCompile(t, spikeRule()), slices.Repeat(day, 3))
	if len(sim.hits) != 0 {
		t.Errorf("daily rhythm raised %v", sim.groups())
	}
}

func TestSpikeMinCountOnAQuietAccount(t *testing.T) {
	quiet := simulate(t, mustCompile(t, spikeRule()), append(repeat(warmHours, 0), 9))
	loud := simulate(t, mustCompile(t, spikeRule()), append(repeat(warmHours, 0), 10))
	if len(quiet.hits) != 0 {
		t.Errorf("9 items from nothing raised %v", quiet.groups())
	}
	if len(loud.groups()) != 1 {
		t.Errorf("10 items from nothing raised %v, want one group", loud.groups())
	}
}

// The store is asked once per spike rule per batch, and only when an item
// of the hour matches.
func TestSpikeAsksTheStoreOncePerBatch(t *testing.T) {
	s := mustCompile(t, spikeRule(), Rule{Name: "volume", Client: "fournil", Type: TypeSpike})
	sim := simulate(t, s, append(repeat(warmHours, 1), 8, 0))
	// The hour of 8: 4 batches × 2 rules; the next: empty batches, no call.
	if sim.env.countCall != 8 {
		t.Errorf("HourlyCounts called %d times over %d batches, want 8", sim.env.countCall, sim.calls)
	}
	env := &fakeEnv{now: evalNow}
	old := []Item{{ID: 1, Client: "fournil", Body: "commande", CreatedAt: evalNow.Add(-2 * time.Hour)}}
	if _, err := s.Evaluate(old, env); err != nil || env.countCall != 0 {
		t.Errorf("an item of an earlier hour asked the store %d times (%v)", env.countCall, err)
	}
}

func TestSpikeRejectsShortCounts(t *testing.T) {
	s := mustCompile(t, spikeRule())
	_, err := s.Evaluate(items("fournil", 1, 1, "commande"), &shortEnv{fakeEnv{now: evalNow}})
	if err == nil {
		t.Error("a count slice of the wrong length was accepted")
	}
}

// shortEnv answers one hour too few.
type shortEnv struct{ fakeEnv }

func (e *shortEnv) HourlyCounts(string, *Query, time.Time, time.Time) ([]int, error) {
	return make([]int, 24), nil
}

func TestIsSpike(t *testing.T) {
	tests := []struct {
		cur      int
		base     float64
		factor   float64
		minCount int
		want     bool
	}{
		{15, 5, 3, 10, true},
		{14, 5, 3, 10, false},
		{9, 0, 3, 10, false},
		{10, 0, 3, 10, true},
		{29, 10, 3, 10, false},
	}
	for _, tt := range tests {
		if got := isSpike(tt.cur, tt.base, tt.factor, tt.minCount); got != tt.want {
			t.Errorf("isSpike(%d, %v, %v, %d) = %v", tt.cur, tt.base, tt.factor, tt.minCount, got)
		}
	}
}

// An Env whose counts do not include the batch yet still sees the batch's
// own items in the current hour.
func TestSpikeCountsTheBatchItself(t *testing.T) {
	s := mustCompile(t, spikeRule())
	env := &benchEnv{now: evalNow, counts: make([]int, 25)} // the store has nothing
	hits, err := s.Evaluate(items("fournil", 1, 12, "ma commande"), env)
	if err != nil || len(hits) != 1 || hits[0].Count != 12 {
		t.Errorf("hits = %+v, %v; want one spike of 12", hits, err)
	}
}
