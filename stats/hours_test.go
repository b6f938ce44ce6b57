package stats

import (
	"testing"
	"time"
)

func TestHoursBetween(t *testing.T) {
	loc := paris(t)
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2025, m, d, h, min, 0, 0, loc) }
	office, err := ParseHours("mon-fri 09:00-18:00", loc)
	if err != nil {
		t.Fatal(err)
	}
	split, err := ParseHours("lun-ven 9h-12h30,14h-18h; sam 10h-13h", loc)
	if err != nil {
		t.Fatal(err)
	}
	always, err := ParseHours("24/7", loc)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		h    *Hours
		a, b time.Time
		want time.Duration
	}{
		{"inside a day", office, at(3, 3, 10, 0), at(3, 3, 10, 42), 42 * time.Minute},
		{"before opening", office, at(3, 3, 7, 0), at(3, 3, 9, 30), 30 * time.Minute},
		{"over a night", office, at(3, 3, 17, 0), at(3, 4, 10, 0), 2 * time.Hour},
		// Friday 17:30 to Monday 09:45: 30 min on Friday, 45 on Monday.
		{"over a weekend", office, at(3, 7, 17, 30), at(3, 10, 9, 45), 75 * time.Minute},
		{"weekend only", office, at(3, 8, 10, 0), at(3, 9, 20, 0), 0},
		// Saturday 29 March to Monday 31 March 10:00, across the spring DST change.
		{"weekend with DST", office, at(3, 29, 12, 0), at(3, 31, 10, 0), time.Hour},
		{"lunch break", split, at(3, 3, 12, 0), at(3, 3, 14, 30), time.Hour},
		{"saturday morning", split, at(3, 7, 17, 0), at(3, 8, 12, 0), 3 * time.Hour},
		// Sunday 30 March lasts 23 hours.
		{"always, DST day", always, at(3, 30, 0, 0), at(3, 31, 0, 0), 23 * time.Hour},
		{"always, a week", always, at(3, 3, 0, 0), at(3, 10, 0, 0), 7 * 24 * time.Hour},
		{"reversed", office, at(3, 4, 10, 0), at(3, 3, 10, 0), 0},
	}
	for _, c := range cases {
		if got := c.h.Between(c.a, c.b); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestParseHours(t *testing.T) {
	if h, err := ParseHours("  ", nil); h != nil || err != nil {
		t.Errorf("blank: %v, %v; want none", h, err)
	}
	good := []string{"weekdays 07:00-21:00; weekends 09:00-17:00", "fri-mon 10:00-24:00", "mon,wed 9h-18h", "daily 00:00-24:00"}
	for _, s := range good {
		if _, err := ParseHours(s, time.UTC); err != nil {
			t.Errorf("%q: %v", s, err)
		}
	}
	bad := []string{"mon-fri", "mon-xyz 09:00-18:00", "mon-fri 18:00-09:00", "mon-fri 09:00-25:00", "mon-fri 9:5-10:00", "mon-fri nine-ten"}
	for _, s := range bad {
		if _, err := ParseHours(s, time.UTC); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
	// A wrapping range opens Friday to Monday, not Tuesday.
	h, _ := ParseHours("fri-mon 10:00-11:00", time.UTC)
	tue := time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)
	if got := h.Between(tue, tue.Add(24*time.Hour)); got != 0 {
		t.Errorf("fri-mon opens on Tuesday for %v", got)
	}
	if got := h.Between(tue.Add(-24*time.Hour), tue); got != time.Hour {
		t.Errorf("fri-mon opens on Monday for %v, want 1h", got)
	}
}
