package common

import (
	"fmt"
	"strings"
	"time"

	"cmdeck/i18n"
)

// sparkBars are the eight heights of a sparkline cell, lowest first.
const sparkBars = "▁▂▃▄▅▆▇█"

// Sparkline draws one cell per value, scaled to the largest value. Zero is
// the lowest bar and any non-zero value at least the second, so "a little"
// never looks like "nothing".
func Sparkline(values []int) string {
	hi := 0
	for _, v := range values {
		hi = max(hi, v)
	}
	return SparklineTo(values, hi)
}

// SparklineTo is Sparkline on a fixed scale: hi is the full bar, whatever
// the values (a share in percent is drawn against 100, so 10% never looks
// like a crisis because nothing else happened). Values above hi are full.
func SparklineTo(values []int, hi int) string {
	bars := []rune(sparkBars)
	var b strings.Builder
	for _, v := range values {
		idx := 0
		if v > 0 && hi > 0 {
			// ceil(v*7/hi) maps 1..hi onto bars 1..7.
			idx = (min(v, hi)*(len(bars)-1) + hi - 1) / hi
			idx = min(max(idx, 1), len(bars)-1)
		}
		b.WriteRune(bars[idx])
	}
	return b.String()
}

// Age says how long ago t was, relative to now, in at most six cells:
// "now", "5m", "3h", "2d", then the date ("3 Mar"), and only the year for
// what is older than about ten months, so last year's "24 Nov" is never
// read as today. A t in the future reads as "now" (clock skew between
// networks is common).
func Age(t *i18n.Catalog, now, at time.Time, loc *time.Location) string {
	if at.IsZero() {
		return "–"
	}
	d := now.Sub(at)
	switch {
	case d < time.Minute:
		return t.T("panes.common.age.now")
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d/time.Minute))
	case d < 24*time.Hour:
		return fmt.Sprintf("%dh", int(d/time.Hour))
	case d < 7*24*time.Hour:
		return fmt.Sprintf("%dd", int(d/(24*time.Hour)))
	case d > 300*24*time.Hour:
		return fmt.Sprintf("%d", at.In(loc).Year())
	}
	return ShortDate(t, at.In(loc))
}

// Until says how far ahead t is, in at most seven cells: "→5m", "→3h",
// "→2d", then the date ("→3 Mar"); a t already past reads as "now".
func Until(t *i18n.Catalog, now, at time.Time, loc *time.Location) string {
	d := at.Sub(now)
	switch {
	case d < time.Minute:
		return t.T("panes.common.age.now")
	case d < time.Hour:
		return fmt.Sprintf("→%dm", int(d/time.Minute))
	case d < 24*time.Hour:
		return fmt.Sprintf("→%dh", int(d/time.Hour))
	case d < 7*24*time.Hour:
		return fmt.Sprintf("→%dd", int(d/(24*time.Hour)))
	}
	return "→" + ShortDate(t, at.In(loc))
}

// ShortDate is "3 Mar" / "3 mars" for a time already in the display zone.
func ShortDate(t *i18n.Catalog, at time.Time) string {
	return fmt.Sprintf("%d %s", at.Day(), t.T(fmt.Sprintf("panes.common.month.short.%d", int(at.Month()))))
}

// LongDate is "Monday 3 March" / "lundi 3 mars" for a time already in the
// display zone.
func LongDate(t *i18n.Catalog, at time.Time) string {
	return t.T("panes.common.date.long",
		t.T(fmt.Sprintf("panes.common.weekday.%d", int(at.Weekday()))),
		at.Day(),
		t.T(fmt.Sprintf("panes.common.month.%d", int(at.Month()))))
}

// StartOfDay is midnight of t's day in loc.
func StartOfDay(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// Percent is a share as a whole percentage ("12%", "12 %" in French),
// "–" when there is no total to divide by.
func Percent(t *i18n.Catalog, part, total int) string {
	if total <= 0 {
		return "–"
	}
	return t.T("panes.common.percent", (part*100+total/2)/total)
}

// Compact writes a count in at most five cells: 1234 → "1.2k", 56789 →
// "56k", 12345678 → "12M"; a negative count (not available) is "–".
func Compact(n int) string {
	switch {
	case n < 0:
		return "–"
	case n < 1000:
		return fmt.Sprint(n)
	case n < 10_000:
		return fmt.Sprintf("%.1fk", float64(n)/1000)
	case n < 1_000_000:
		return fmt.Sprintf("%dk", n/1000)
	}
	return fmt.Sprintf("%dM", n/1_000_000)
}

// Plural picks key+".one" for exactly one and key+".other" otherwise, and
// formats it with n: enough for English and French counts.
func Plural(t *i18n.Catalog, key string, n int) string {
	if n == 1 || (n == 0 && t.Lang() == i18n.FR) {
		return t.T(key+".one", n)
	}
	return t.T(key+".other", n)
}

// WeekdayShort is "Mon" / "lun." for a time already in the display zone.
func WeekdayShort(t *i18n.Catalog, at time.Time) string {
	return t.T(fmt.Sprintf("panes.common.weekday.short.%d", int(at.Weekday())))
}
