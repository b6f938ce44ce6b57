package core

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// This file reads the times a CM types for a snooze or a post, in English or
// French: "in 2h", "demain 14h30", "ven. 18:00", "next week", "01/12 8h30".
//
// Choices worth knowing:
//   - Numeric dates are always day first (dd/mm, dd/mm/yyyy), as in France;
//     "12/01" is the 12th of January whatever the language. ISO dates
//     (2026-12-01) are read as such.
//   - A lone "2h" or "2h30" is a duration when the hour is 6 or less and a
//     time of day from 7 on ("9h", "18h30"): nobody snoozes until 3 a.m., and
//     "9h" is how French writes 9:00. "+2h", "in 9h", "dans 9h" are always
//     durations; "9:00" is always a time of day.
//   - Days and weeks in a duration are calendar days (the wall clock stays
//     put across a DST change); hours and minutes are elapsed time.
//   - A wall time that happens twice (the night clocks go back) is the first
//     one; one that never happens (the night clocks go forward) moves on by
//     the gap: 02:30 becomes 03:30.
//   - The result must be after now; anything else is a WhenError.

// WhenErrorKind says why a typed time was refused.
type WhenErrorKind int

const (
	WhenUnknown WhenErrorKind = iota // a word was not understood (Token)
	WhenInvalid                      // understood but impossible: "25h", "31/02" (Token)
	WhenPast                         // a real time, but not after now
	WhenEmpty                        // nothing was typed
)

// WhenError is what ParseWhen returns for input it cannot turn into a future
// time. The UI translates it from Kind and Token; Error is the English text.
type WhenError struct {
	Kind  WhenErrorKind
	Input string
	Token string
}

func (e *WhenError) Error() string {
	const examples = `try "tomorrow 9:00" or "in 2h"`
	switch e.Kind {
	case WhenEmpty:
		return "no time given: " + examples
	case WhenPast:
		return fmt.Sprintf("%q is already past: %s", e.Input, examples)
	case WhenInvalid:
		return fmt.Sprintf("%q is not a valid date or time: %s", e.Token, examples)
	}
	return fmt.Sprintf("%q is not understood in %q: %s", e.Token, e.Input, examples)
}

// Preset is one ready-made snooze time. Label is an i18n catalog key.
type Preset struct {
	Label string
	Time  time.Time // UTC
}

// Snooze preset labels (keys of the dialog message table).
const (
	PresetLater    = "dialog.snooze.later"
	PresetTonight  = "dialog.snooze.tonight"
	PresetTomorrow = "dialog.snooze.tomorrow"
	PresetNextWeek = "dialog.snooze.next_week"
)

// SnoozePresets returns the snooze picker's choices at now: later today,
// tonight, tomorrow 9:00, next Monday 9:00. A choice that has passed or that
// lands on the same time as an earlier one is left out, so "later today"
// never shows once it would mean tomorrow.
func SnoozePresets(now time.Time, loc *time.Location) []Preset {
	if loc == nil {
		loc = time.UTC
	}
	local := now.In(loc)
	var out []Preset
	add := func(label string, t time.Time, err error) {
		if err != nil || !t.After(now) {
			return
		}
		for _, p := range out {
			if p.Time.Equal(t) {
				return
			}
		}
		out = append(out, Preset{Label: label, Time: t.UTC()})
	}
	later := laterToday(local)
	if sameDay(later, local) {
		add(PresetLater, later, nil)
	}
	tonight, err := ParseWhen("tonight", now, loc)
	add(PresetTonight, tonight, err)
	add(PresetTomorrow, wallTime(local.AddDate(0, 0, 1), 9, 0), nil)
	add(PresetNextWeek, nextMonday(local), nil)
	return out
}

// maxWhenInput bounds what is parsed: a time is a few words.
const maxWhenInput = 100

// ParseWhen reads a time typed in English or French (accents and case do not
// matter) relative to now, in the user's zone loc, and returns it in UTC.
func ParseWhen(s string, now time.Time, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	input := strings.TrimSpace(s)
	if len([]rune(input)) > maxWhenInput {
		return time.Time{}, &WhenError{Kind: WhenUnknown, Input: string([]rune(input)[:maxWhenInput]) + "…", Token: "…"}
	}
	toks := whenTokens(input)
	if len(toks) == 0 {
		return time.Time{}, &WhenError{Kind: WhenEmpty, Input: input}
	}
	local := now.In(loc)
	t, err := resolveWhen(toks, local)
	if err != nil {
		if we, ok := err.(*WhenError); ok {
			we.Input = input
		}
		return time.Time{}, err
	}
	if !t.After(now) {
		return time.Time{}, &WhenError{Kind: WhenPast, Input: input}
	}
	return t.UTC(), nil
}

// resolveWhen tries each form in turn: a duration, "later", then a day
// and/or a time of day.
func resolveWhen(toks []string, now time.Time) (time.Time, error) {
	if t, ok, err := parseRelative(toks, now); ok || err != nil {
		return t, err
	}
	if isLater(toks) {
		return laterToday(now), nil
	}
	spec, err := parseAbsolute(toks)
	if err != nil {
		return time.Time{}, err
	}
	return spec.resolve(now)
}

// whenTokens folds the input and splits it into words, dropping commas and
// the dot of abbreviations ("ven." → "ven").
func whenTokens(s string) []string {
	s = strings.Map(func(r rune) rune {
		if r == ',' || r == ';' {
			return ' '
		}
		return r
	}, Fold(s))
	var out []string
	for _, f := range strings.Fields(s) {
		if f = strings.TrimRight(f, "."); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// parseRelative reads "in 2h", "dans 3 jours", "+30m", "2 hours", "2h30".
// ok is false when the input is not a duration at all.
func parseRelative(toks []string, now time.Time) (time.Time, bool, error) {
	rest, explicit := toks, false
	switch {
	case toks[0] == "in" || toks[0] == "dans" || toks[0] == "+":
		rest, explicit = toks[1:], true
	case strings.HasPrefix(toks[0], "+"):
		rest = append([]string{toks[0][1:]}, toks[1:]...)
		explicit = true
	}
	if len(rest) == 0 {
		return time.Time{}, true, &WhenError{Kind: WhenUnknown, Token: toks[0]}
	}
	if !explicit && len(rest) == 1 {
		if h, _, ok := hourNotation(rest[0]); ok && h > 6 {
			return time.Time{}, false, nil // "9h", "18h30": a time of day
		}
	}
	days, d, ok := parseDuration(rest)
	if !ok {
		if explicit {
			return time.Time{}, true, &WhenError{Kind: WhenUnknown, Token: strings.Join(rest, " ")}
		}
		return time.Time{}, false, nil
	}
	if days > 400 || d > 400*24*time.Hour {
		return time.Time{}, true, &WhenError{Kind: WhenInvalid, Token: strings.Join(rest, " ")}
	}
	return now.AddDate(0, 0, days).Add(d), true, nil
}

// parseDuration reads number-unit pairs ("2h", "1h30", "3 jours", "an
// hour", "2 hours 30 min"); days and weeks come back as calendar days.
func parseDuration(toks []string) (days int, d time.Duration, ok bool) {
	pending, lastUnit := -1, "" // a number still waiting for its unit
	add := func(n int, unit string) bool {
		switch unit {
		case "m":
			d += time.Duration(n) * time.Minute
		case "h":
			d += time.Duration(n) * time.Hour
		case "d":
			days += n
		case "w":
			days += 7 * n
		default:
			return false
		}
		lastUnit, pending, ok = unit, -1, true
		return true
	}
	for _, t := range toks {
		switch t {
		case "a", "an", "un", "une":
			if pending >= 0 {
				return 0, 0, false
			}
			pending = 1
			continue
		}
		for s := t; s != ""; {
			if pending < 0 {
				if pending, s = leadingInt(s); pending < 0 || pending > 100000 {
					return 0, 0, false
				}
				if s == "" {
					break // the unit may be the next word
				}
			}
			var unit string
			unit, s = leadingLetters(s)
			if !add(pending, durationUnit(unit)) {
				return 0, 0, false
			}
		}
	}
	if pending >= 0 && (lastUnit != "h" || pending > 59 || !add(pending, "m")) {
		return 0, 0, false // a number without a unit, except the minutes of "1h30"
	}
	return days, d, ok
}

// durationUnit names a unit word: m, h, d, w, or "" when it is none.
func durationUnit(u string) string {
	switch u {
	case "m", "min", "mins", "minute", "minutes", "mn":
		return "m"
	case "h", "hr", "hrs", "hour", "hours", "heure", "heures":
		return "h"
	case "d", "day", "days", "j", "jour", "jours":
		return "d"
	case "w", "wk", "week", "weeks", "sem", "semaine", "semaines":
		return "w"
	}
	return ""
}

// leadingInt splits the decimal digits off the front of s; n is -1 when s
// does not start with one (or it is absurdly long).
func leadingInt(s string) (n int, rest string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i > 6 {
		return -1, s
	}
	n, _ = strconv.Atoi(s[:i])
	return n, s[i:]
}

// leadingLetters splits the ASCII letters off the front of s.
func leadingLetters(s string) (string, string) {
	i := 0
	for i < len(s) && s[i] >= 'a' && s[i] <= 'z' {
		i++
	}
	return s[:i], s[i:]
}

// isLater matches "later", "later today", "plus tard", "tout à l'heure"
// and a lone "today".
func isLater(toks []string) bool {
	switch strings.Join(toks, " ") {
	case "later", "later today", "today", "plus tard", "plus tard aujourd'hui",
		"aujourd'hui", "aujourdhui", "tout a l'heure", "tantot":
		return true
	}
	return false
}

// laterToday is now + 3h, or tomorrow 9:00 once that would pass 20:00.
func laterToday(now time.Time) time.Time {
	t := now.Add(3 * time.Hour)
	if t.After(wallTime(now, 20, 0)) {
		return wallTime(now.AddDate(0, 0, 1), 9, 0)
	}
	return t
}

// nextMonday is 9:00 on the first Monday after now's day.
func nextMonday(now time.Time) time.Time {
	delta := (int(time.Monday) - int(now.Weekday()) + 7) % 7
	if delta == 0 {
		delta = 7
	}
	return wallTime(now.AddDate(0, 0, delta), 9, 0)
}

// wallTime is hh:mm on day's date in day's zone. Of a wall time that happens
// twice it returns the first; one that never happens moves on by the gap.
func wallTime(day time.Time, h, m int) time.Time {
	loc := day.Location()
	t := time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, loc)
	_, after := t.Zone()
	_, before := t.Add(-12 * time.Hour).Zone()
	if shift := after - before; shift < 0 {
		earlier := t.Add(time.Duration(shift) * time.Second)
		if earlier.Hour() == h && earlier.Minute() == m && earlier.Day() == t.Day() {
			return earlier
		}
	}
	return t
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}
