package core

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseBusinessHours(t *testing.T) {
	h, err := ParseBusinessHours("Mon-Fri 09:00-12:30, 14:00-18:00; sat 10h-13h; fri 12:00-15:00; dim-lun 8h30-9h")
	if err != nil {
		t.Fatal(err)
	}
	want := map[time.Weekday][]hoursSpan{
		time.Monday:    {{8*60 + 30, 12*60 + 30}, {14 * 60, 18 * 60}},
		time.Tuesday:   {{9 * 60, 12*60 + 30}, {14 * 60, 18 * 60}},
		time.Wednesday: {{9 * 60, 12*60 + 30}, {14 * 60, 18 * 60}},
		time.Thursday:  {{9 * 60, 12*60 + 30}, {14 * 60, 18 * 60}},
		time.Friday:    {{9 * 60, 18 * 60}}, // merged with 12:00-15:00
		time.Saturday:  {{10 * 60, 13 * 60}},
		time.Sunday:    {{8*60 + 30, 9 * 60}},
	}
	for d, spans := range want {
		if got := h.days[d]; !slices.Equal(got, spans) {
			t.Errorf("%s = %v, want %v", d, got, spans)
		}
	}
	words, err := ParseBusinessHours("weekdays 9h-18h; week-end 10h-24h")
	if err != nil || !slices.Equal(words.days[time.Friday], []hoursSpan{{540, 1080}}) ||
		!slices.Equal(words.days[time.Sunday], []hoursSpan{{600, 1440}}) {
		t.Errorf("weekdays/week-end = %+v, %v", words, err)
	}
	// A wrapping range opens Friday to Monday, not Tuesday.
	wrap, err := ParseBusinessHours("fri-mon 10:00-11:00")
	if err != nil || len(wrap.days[time.Monday]) != 1 || len(wrap.days[time.Tuesday]) != 0 {
		t.Errorf("fri-mon = %+v, %v", wrap, err)
	}
	for _, always := range []string{"", " 24/7 "} {
		if h, err := ParseBusinessHours(always); h != nil || err != nil {
			t.Errorf("%q = %v, %v; want around the clock", always, h, err)
		}
	}
}

func TestParseBusinessHoursErrors(t *testing.T) {
	bad := map[string]string{
		"mon":                  "needs days then hours",
		"mon 9:00-25:00":       "bad hours",
		"mon 09:60-10:00":      "bad hours",
		"mon-fri 9:5-10:00":    "bad hours",
		"mon-fri 9-18":         "bad hours",
		"mon-fri nine-ten":     "bad hours",
		"xyz 09:00-10:00":      "unknown day",
		"mon-fry 09:00-10:00":  "unknown day",
		"mon 10:00-10:00":      "end before they start",
		"mon 22:00-06:00":      "split a night",
		"mon 09:00-10:00; tue": "needs days then hours",
	}
	for spec, want := range bad {
		_, err := ParseBusinessHours(spec)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", spec, err, want)
		}
	}
}

// The DST and weekend cases are pinned by the users' tests (rules'
// TestDeadline, stats' TestHoursBetween); these pin the edges.
func TestBusinessHoursDeadlineBetween(t *testing.T) {
	at := func(d, h, m int) time.Time { return time.Date(2026, 3, d, h, m, 0, 0, time.UTC) }
	office, err := ParseBusinessHours("mon-fri 09:00-18:00")
	if err != nil {
		t.Fatal(err)
	}
	// Friday 6 March 17:00 + 2h: one hour on Friday, one on Monday 9.
	if got := office.Deadline(at(6, 17, 0), 2*time.Hour, time.UTC); !got.Equal(at(9, 10, 0)) {
		t.Errorf("office deadline = %v", got)
	}
	if got := office.Between(at(6, 17, 0), at(9, 10, 0), time.UTC); got != 2*time.Hour {
		t.Errorf("office between = %v", got)
	}
	var always *BusinessHours
	if got := always.Deadline(at(7, 1, 0), time.Hour, time.UTC); !got.Equal(at(7, 2, 0)) {
		t.Errorf("always deadline = %v", got)
	}
	if got := always.Between(at(7, 1, 0), at(7, 3, 0), time.UTC); got != 2*time.Hour {
		t.Errorf("always between = %v", got)
	}
	if got := always.Between(at(7, 3, 0), at(7, 1, 0), time.UTC); got != 0 {
		t.Errorf("always between reversed = %v", got)
	}
	// The zero value is never open, and must not walk the dates forever.
	never := &BusinessHours{}
	if got := never.Deadline(at(7, 1, 0), time.Hour, time.UTC); !got.IsZero() {
		t.Errorf("never deadline = %v", got)
	}
	if got := never.Between(at(7, 1, 0), at(9, 1, 0), time.UTC); got != 0 {
		t.Errorf("never between = %v", got)
	}
}
