package report

import (
	"testing"
	"time"

	"cmdeck/stats"
)

func TestLangFormats(t *testing.T) {
	en, fr := langOf("en"), langOf("fr_FR.UTF-8")
	oct3 := time.Date(2026, 10, 3, 12, 0, 0, 0, time.UTC)
	cases := []struct{ got, want string }{
		{en.int(1234567), "1,234,567"}, {fr.int(1234567), "1\u202f234\u202f567"}, {en.int(-1200), "-1,200"},
		{en.dec(25.46), "25.5"}, {fr.dec(25.46), "25,5"},
		{en.pct(0.184), "18%"}, {fr.pct(0.184), "18\u202f%"}, {en.signedPct(0.2), "+20%"}, {en.signedPct(-0.2), "-20%"},
		{en.duration(42), "42\u00a0s"}, {en.duration(42 * 60), "42\u00a0min"}, {en.duration(3*3600 + 600), "3\u00a0h\u00a010"},
		{en.duration(7200), "2\u00a0h"}, {fr.duration(2*86400 + 4*3600), "2\u00a0j\u00a04\u00a0h"},
		{en.shortDate(oct3), "3 Oct"}, {fr.shortDate(oct3.AddDate(0, -3, 0)), "3 juil."}, {fr.date(oct3), "3 octobre 2026"},
		{fr.fig(stats.NA, fr.int), "non disponible"}, {en.fig(stats.Num(3), en.int), "3"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	month := stats.Period{From: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}
	if got := fr.period(month); got != "octobre 2026" {
		t.Errorf("month = %q", got)
	}
	span := stats.Period{From: time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 11, 4, 0, 0, 0, 0, time.UTC)}
	if got := en.period(span); got != "5 October 2026 – 3 November 2026" {
		t.Errorf("span = %q", got)
	}
	if got := en.t("no.such.key"); got != "{no.such.key}" {
		t.Errorf("missing key = %q", got)
	}
}

// Every word has its French and its English.
func TestWordsComplete(t *testing.T) {
	for k := range wordsEN {
		if _, ok := wordsFR[k]; !ok {
			t.Errorf("%q has no French", k)
		}
	}
	for k := range wordsFR {
		if _, ok := wordsEN[k]; !ok {
			t.Errorf("%q has no English", k)
		}
	}
}
