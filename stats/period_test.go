package stats

import (
	"testing"
	"time"
)

func paris(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no time zone database")
	}
	return loc
}

func TestMonth(t *testing.T) {
	loc := paris(t)
	p, err := Month("2026-10", loc)
	if err != nil {
		t.Fatal(err)
	}
	// October 2026 starts in summer time (+02:00) and ends in winter time.
	if want := time.Date(2026, 9, 30, 22, 0, 0, 0, time.UTC); !p.From.Equal(want) {
		t.Errorf("from = %v, want %v", p.From, want)
	}
	if want := time.Date(2026, 10, 31, 23, 0, 0, 0, time.UTC); !p.To.Equal(want) {
		t.Errorf("to = %v, want %v", p.To, want)
	}
	prev := p.Previous()
	if want := time.Date(2026, 8, 31, 22, 0, 0, 0, time.UTC); !prev.From.Equal(want) || !prev.To.Equal(p.From) {
		t.Errorf("previous = %v – %v, want September", prev.From, prev.To)
	}
	// March follows February: a calendar month, not 31 days back.
	mar, _ := Month("2026-03", time.UTC)
	if got := mar.Previous(); got.From != time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC) {
		t.Errorf("before March: %v", got.From)
	}
	for _, bad := range []string{"", "2026-13", "10/2026", "2026-1x"} {
		if _, err := Month(bad, loc); err == nil {
			t.Errorf("Month(%q) accepted", bad)
		}
	}
}

func TestLast(t *testing.T) {
	loc := paris(t)
	now := time.Date(2026, 11, 3, 15, 0, 0, 0, loc)
	p := Last(30*24*time.Hour, now, loc)
	// The 30 days up to today (3 November included), across the October
	// DST change: 30 calendar days, 721 hours.
	if want := time.Date(2026, 11, 4, 0, 0, 0, 0, loc); !p.To.Equal(want) {
		t.Errorf("to = %v, want %v", p.To, want)
	}
	if want := time.Date(2026, 10, 5, 0, 0, 0, 0, loc); !p.From.Equal(want) {
		t.Errorf("from = %v, want %v", p.From, want)
	}
	prev := p.Previous()
	if want := time.Date(2026, 9, 5, 0, 0, 0, 0, loc); !prev.From.Equal(want) || !prev.To.Equal(p.From) {
		t.Errorf("previous = %v – %v, want from %v", prev.From, prev.To, want)
	}
	// A span that is not whole days goes back by its duration.
	odd := Period{From: now, To: now.Add(90 * time.Minute)}
	if got := odd.Previous(); !got.From.Equal(now.Add(-90*time.Minute)) || !got.To.Equal(now) {
		t.Errorf("previous of 90 min = %v – %v", got.From, got.To)
	}
}
