package rules

import (
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // the zones below, whatever the machine has installed

	"cmdeck/core"
)

func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestDeadline(t *testing.T) {
	paris := zone(t, "Europe/Paris")
	ny := zone(t, "America/New_York")
	in := func(loc *time.Location, y int, m time.Month, d, h, min int) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, loc)
	}
	const week = "mon-fri 09:00-18:00"
	tests := []struct {
		name    string
		hours   string
		loc     *time.Location
		within  time.Duration
		created time.Time
		want    time.Time
	}{
		{"friday evening to monday", week, paris, 2 * time.Hour, in(paris, 2026, 3, 6, 17, 30), in(paris, 2026, 3, 9, 10, 30)},
		{"friday after hours", week, paris, 2 * time.Hour, in(paris, 2026, 3, 6, 20, 0), in(paris, 2026, 3, 9, 11, 0)},
		{"at closing time", week, paris, 2 * time.Hour, in(paris, 2026, 3, 6, 18, 0), in(paris, 2026, 3, 9, 11, 0)},
		{"saturday", week, paris, 2 * time.Hour, in(paris, 2026, 3, 7, 10, 0), in(paris, 2026, 3, 9, 11, 0)},
		{"sunday night", week, paris, 2 * time.Hour, in(paris, 2026, 3, 8, 23, 59), in(paris, 2026, 3, 9, 11, 0)},
		{"before opening", week, paris, 2 * time.Hour, in(paris, 2026, 3, 9, 8, 0), in(paris, 2026, 3, 9, 11, 0)},
		{"within the day", week, paris, 2 * time.Hour, in(paris, 2026, 3, 10, 10, 0), in(paris, 2026, 3, 10, 12, 0)},
		{"ends exactly at closing", week, paris, 2 * time.Hour, in(paris, 2026, 3, 10, 16, 0), in(paris, 2026, 3, 10, 18, 0)},
		{"over the night", week, paris, 2 * time.Hour, in(paris, 2026, 3, 9, 16, 30), in(paris, 2026, 3, 10, 9, 30)},
		{"more than a day", week, paris, 10 * time.Hour, in(paris, 2026, 3, 5, 15, 0), in(paris, 2026, 3, 6, 16, 0)},
		{"over a weekend, days long", week, paris, 20 * time.Hour, in(paris, 2026, 3, 5, 15, 0), in(paris, 2026, 3, 9, 17, 0)},
		{"two weeks of work", week, paris, 90 * time.Hour, in(paris, 2026, 3, 9, 9, 0), in(paris, 2026, 3, 20, 18, 0)},
		{"lunch break", "mon-fri 09:00-12:00,14:00-18:00", paris, 2 * time.Hour, in(paris, 2026, 3, 9, 11, 30), in(paris, 2026, 3, 9, 15, 30)},
		{"saturday morning shop", week + "; sat 10:00-13:00", paris, 2 * time.Hour, in(paris, 2026, 3, 6, 17, 30), in(paris, 2026, 3, 7, 11, 30)},
		{"other zone", week, ny, 2 * time.Hour, in(ny, 2026, 3, 6, 17, 30), in(ny, 2026, 3, 9, 10, 30)},
		{"created in another zone", week, paris, 2 * time.Hour, in(ny, 2026, 3, 6, 11, 30), in(paris, 2026, 3, 9, 10, 30)},
		// Paris springs forward on Sunday 29 March 2026 at 02:00.
		{"weekend over spring DST", "mon-sun 09:00-18:00", paris, 2 * time.Hour, in(paris, 2026, 3, 28, 17, 0), in(paris, 2026, 3, 29, 10, 0)},
		{"around the clock over spring DST", "", paris, 2 * time.Hour, in(paris, 2026, 3, 29, 1, 30), in(paris, 2026, 3, 29, 4, 30)},
		{"span shortened by spring DST", "sun 01:00-05:00", paris, 3*time.Hour + 30*time.Minute, in(paris, 2026, 3, 29, 0, 0), in(paris, 2026, 4, 5, 1, 30)},
		// It falls back on Sunday 25 October 2026 at 03:00: that span is 5h.
		{"span lengthened by autumn DST", "sun 01:00-05:00", paris, 4*time.Hour + 30*time.Minute, in(paris, 2026, 10, 25, 0, 0), in(paris, 2026, 10, 25, 4, 30)},
		{"friday to monday over US DST", week, ny, 2 * time.Hour, in(ny, 2026, 3, 6, 17, 30), in(ny, 2026, 3, 9, 10, 30)},
	}
	for _, tt := range tests {
		hours, err := parseHours(tt.hours)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got := hours.deadline(tt.created, tt.within, tt.loc)
		if !got.Equal(tt.want) {
			t.Errorf("%s: deadline = %s, want %s", tt.name, got.In(tt.loc), tt.want.In(tt.loc))
		}
	}
}

func TestOverdue(t *testing.T) {
	paris := zone(t, "Europe/Paris")
	s := mustCompile(t,
		Rule{Name: "réponse", Client: "fournil", Type: TypeSLA, Within: 2 * time.Hour,
			BusinessHours: "mon-fri 09:00-18:00", Zone: "Europe/Paris"},
		Rule{Name: "dm-rapide", Client: "fournil", Type: TypeSLA, Within: 30 * time.Minute, Query: "kind:dm",
			Zone: "Europe/Paris", Severity: core.SeverityCritical},
	)
	fri := time.Date(2026, 3, 6, 17, 30, 0, 0, paris)
	waiting := func(id int64, kind core.ItemKind, state core.ItemState) Item {
		return Item{ID: id, Client: "fournil", Kind: kind, CreatedAt: fri, NeedsReply: true, State: state}
	}
	batch := []Item{
		waiting(1, core.KindComment, core.StateNew),
		waiting(2, core.KindDM, core.StateRead),
		waiting(3, core.KindComment, core.StateReplied),
		waiting(4, core.KindComment, core.StateDone),
		{ID: 5, Client: "fournil", CreatedAt: fri, State: core.StateNew}, // needs no reply
		{ID: 6, Client: "autre", CreatedAt: fri, NeedsReply: true},       // no rule
	}
	group := func(hits []Hit) map[string][]int64 {
		out := map[string][]int64{}
		for _, h := range hits {
			out[h.GroupKey] = h.ItemIDs
		}
		return out
	}
	// Friday 18:00: the DM (30 minutes around the clock) is late.
	fri18 := time.Date(2026, 3, 6, 18, 0, 0, 0, paris)
	hits := s.Overdue(batch, time.Time{}, fri18)
	if g := group(hits); len(g) != 1 || !slices.Equal(g["dm-rapide:fournil:2026-03-06"], []int64{2}) ||
		hits[0].Severity != core.SeverityCritical {
		t.Errorf("friday 18:00: %+v", hits)
	}
	// Monday 10:29 nothing new; at 10:30 the business-hours SLA is due.
	mon1029 := time.Date(2026, 3, 9, 10, 29, 0, 0, paris)
	mon1030 := mon1029.Add(time.Minute)
	if hits := s.Overdue(batch, fri18, mon1029); len(hits) != 0 {
		t.Errorf("monday 10:29: %+v", hits)
	}
	hits = s.Overdue(batch, mon1029, mon1030)
	want := map[string][]int64{"réponse:fournil:2026-03-09": {1, 2}}
	if g := group(hits); len(g) != 1 || !slices.Equal(g["réponse:fournil:2026-03-09"], want["réponse:fournil:2026-03-09"]) {
		t.Errorf("monday 10:30: %v, want %v", g, want)
	}
	if hits[0].Title != "réponse — fournil: > 2h" {
		t.Errorf("title %q", hits[0].Title)
	}
	// Due: the DM's 30 minutes come first; the comment waits for Monday.
	if due, rule, ok := s.Due(batch[1]); !ok || rule != "dm-rapide" || !due.Equal(fri18) {
		t.Errorf("Due(dm) = %s %q %v", due, rule, ok)
	}
	if due, rule, ok := s.Due(batch[0]); !ok || rule != "réponse" || !due.Equal(mon1030) {
		t.Errorf("Due(comment) = %s %q %v", due, rule, ok)
	}
	if _, _, ok := s.Due(batch[5]); ok {
		t.Error("Due for a client without SLA rules")
	}
	// Checked again later: already reported.
	if hits := s.Overdue(batch, mon1030, mon1030.Add(time.Hour)); len(hits) != 0 {
		t.Errorf("reported twice: %+v", hits)
	}
	// A first run (no since) reports everything overdue.
	if g := group(s.Overdue(batch, time.Time{}, mon1030)); len(g) != 2 {
		t.Errorf("first run: %v, want both groups", g)
	}
}

func TestShortDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		2 * time.Hour: "2h", 90 * time.Minute: "1h30m", 45 * time.Minute: "45m", 90 * time.Second: "1m30s",
	} {
		if got := shortDuration(d); got != want {
			t.Errorf("shortDuration(%v) = %q, want %q", d, got, want)
		}
	}
}
