package core

import (
	"strconv"
	"strings"
	"time"
)

// This file reads the absolute forms of ParseWhen: a day ("demain",
// "ven.", "next week", "01/12") and/or a time of day ("14h30", "9am",
// "soir"), in any order, with connecting words ("at", "à", "le") ignored.

// dayKind is which day an absolute time names.
type dayKind int

const (
	dayNone     dayKind = iota // only a time of day: today if ahead, else tomorrow
	dayToday                   // today, even if the time has passed (then an error)
	dayOffset                  // today + offset days
	dayWeekday                 // the next such weekday; today if the time is ahead and not strict
	dayNextWeek                // the next Monday
	dayDate                    // a calendar date
)

// whenSpec is what the words said, before it is placed relative to now.
type whenSpec struct {
	day     dayKind
	offset  int
	weekday time.Weekday
	strict  bool // "next friday", "vendredi prochain": never today
	y, d    int
	m       time.Month
	hasYear bool
	dateTok string

	hour, min int
	hasTime   bool
	ampm      bool   // the time said am or pm
	bareTok   string // the time was a bare number ("demain 14"), allowed only with a day
	partH     int    // hour given by a part of the day ("matin" 9, "soir" 18); -1 = none
	pm        bool   // afternoon or evening: "soir 8h" is 20:00
	tonight   bool   // "tonight" without a time: 21:00 once 18:00 has passed
	connector bool   // "at", "à": a bare number after it is an hour
}

// parseAbsolute reads every word into a whenSpec; a word it cannot place,
// or a second day or time, is a WhenUnknown naming that word.
func parseAbsolute(toks []string) (whenSpec, error) {
	sp := whenSpec{partH: -1}
	for i := 0; i < len(toks); {
		n, err := sp.take(toks[i:])
		if err != nil {
			return sp, err
		}
		if n == 0 {
			return sp, &WhenError{Kind: WhenUnknown, Token: toks[i]}
		}
		i += n
	}
	if sp.bareTok != "" && sp.day == dayNone && !sp.connector {
		return sp, &WhenError{Kind: WhenUnknown, Token: sp.bareTok}
	}
	if sp.day == dayNone && !sp.hasTime && sp.partH < 0 {
		return sp, &WhenError{Kind: WhenUnknown, Token: toks[0]}
	}
	return sp, nil
}

// take reads the word (or phrase) at the front of toks and returns how many
// words it used; 0 means the word is not understood.
func (sp *whenSpec) take(toks []string) (int, error) {
	switch toks[0] {
	case "at", "a", "on", "le", "@", "the", "for", "pour", "vers", "around":
		sp.connector = true
		return 1, nil
	}
	for k := min(4, len(toks)); k >= 1; k-- {
		if ph, ok := phraseOf(strings.Join(toks[:k], " ")); ok {
			return k, sp.setPhrase(ph, toks[0])
		}
	}
	if n, ok := sp.takeWeekday(toks); ok {
		return n, nil
	}
	if y, m, d, hasYear, ok, valid := parseDate(toks[0]); ok {
		if !valid {
			return 0, &WhenError{Kind: WhenInvalid, Token: toks[0]}
		}
		if sp.day != dayNone {
			return 0, &WhenError{Kind: WhenUnknown, Token: toks[0]}
		}
		sp.day, sp.y, sp.m, sp.d, sp.hasYear, sp.dateTok = dayDate, y, m, d, hasYear, toks[0]
		return 1, nil
	}
	return sp.takeClock(toks)
}

// phraseMeaning is what a day or part-of-day phrase says.
type phraseMeaning struct {
	day     dayKind // dayNone: a part of the day only
	offset  int
	partH   int // -1: none
	pm      bool
	tonight bool
}

// phraseOf knows the fixed phrases of both languages (already folded).
func phraseOf(s string) (phraseMeaning, bool) {
	none := -1
	switch s {
	case "tomorrow", "tmrw", "demain":
		return phraseMeaning{day: dayOffset, offset: 1, partH: none}, true
	case "day after tomorrow", "the day after tomorrow", "apres-demain", "apres demain", "apresdemain":
		return phraseMeaning{day: dayOffset, offset: 2, partH: none}, true
	case "today", "aujourd'hui", "aujourdhui", "auj":
		return phraseMeaning{day: dayToday, partH: none}, true
	case "next week", "semaine prochaine", "la semaine prochaine":
		return phraseMeaning{day: dayNextWeek, partH: none}, true
	case "tonight", "ce soir", "this evening":
		return phraseMeaning{day: dayToday, partH: 18, pm: true, tonight: true}, true
	case "this morning", "ce matin":
		return phraseMeaning{day: dayToday, partH: 9}, true
	case "this afternoon", "cet apres-midi", "cet apres midi", "cet aprem":
		return phraseMeaning{day: dayToday, partH: 14, pm: true}, true
	case "morning", "matin", "le matin", "du matin", "in the morning":
		return phraseMeaning{partH: 9}, true
	case "afternoon", "apres-midi", "apres midi", "aprem", "l'apres-midi", "de l'apres-midi", "in the afternoon":
		return phraseMeaning{partH: 14, pm: true}, true
	case "evening", "soir", "le soir", "du soir", "in the evening":
		return phraseMeaning{partH: 18, pm: true}, true
	case "noon", "midday", "midi":
		return phraseMeaning{partH: 12}, true
	case "midnight", "minuit":
		return phraseMeaning{partH: 0}, true
	}
	return phraseMeaning{}, false
}

// setPhrase records a phrase; a second day or part of the day is an error
// naming the phrase's first word.
func (sp *whenSpec) setPhrase(ph phraseMeaning, tok string) error {
	if (ph.day != dayNone && sp.day != dayNone) || (ph.partH >= 0 && sp.partH >= 0) {
		return &WhenError{Kind: WhenUnknown, Token: tok}
	}
	if ph.day != dayNone {
		sp.day, sp.offset = ph.day, ph.offset
	}
	if ph.partH >= 0 {
		sp.partH, sp.pm, sp.tonight = ph.partH, ph.pm, ph.tonight
	}
	return nil
}

// takeWeekday reads "fri", "vendredi", "next friday", "vendredi prochain".
func (sp *whenSpec) takeWeekday(toks []string) (int, bool) {
	n, strict, word := 1, false, toks[0]
	if word == "next" && len(toks) > 1 {
		n, strict, word = 2, true, toks[1]
	}
	wd, ok := weekdayOf(word)
	if !ok || sp.day != dayNone {
		return 0, false
	}
	if !strict && len(toks) > 1 && (toks[1] == "prochain" || toks[1] == "prochaine") {
		n, strict = 2, true
	}
	sp.day, sp.weekday, sp.strict = dayWeekday, wd, strict
	return n, true
}

// weekdayOf reads a weekday name or abbreviation in either language.
func weekdayOf(s string) (time.Weekday, bool) {
	switch s {
	case "monday", "mon", "lundi", "lun":
		return time.Monday, true
	case "tuesday", "tue", "tues", "mardi", "mar":
		return time.Tuesday, true
	case "wednesday", "wed", "mercredi", "mer":
		return time.Wednesday, true
	case "thursday", "thu", "thur", "thurs", "jeudi", "jeu":
		return time.Thursday, true
	case "friday", "fri", "vendredi", "ven":
		return time.Friday, true
	case "saturday", "sat", "samedi", "sam":
		return time.Saturday, true
	case "sunday", "sun", "dimanche", "dim":
		return time.Sunday, true
	}
	return 0, false
}

// parseDate reads "2026-12-01", "01/12", "1/12/26", "01/12/2026" (day
// first, always). ok says it looks like a date; valid that it is one.
func parseDate(s string) (y int, m time.Month, d int, hasYear, ok, valid bool) {
	var parts []string
	iso := strings.Count(s, "-") == 2
	switch {
	case iso:
		parts = strings.Split(s, "-")
	case strings.Contains(s, "/"):
		parts = strings.Split(s, "/")
	default:
		return 0, 0, 0, false, false, false
	}
	nums := make([]int, len(parts))
	for i, p := range parts {
		n, rest := leadingInt(p)
		if n < 0 || rest != "" {
			return 0, 0, 0, false, false, false
		}
		nums[i] = n
	}
	switch {
	case iso && len(parts[0]) == 4:
		y, m, d, hasYear = nums[0], time.Month(nums[1]), nums[2], true
	case !iso && len(nums) == 2:
		d, m = nums[0], time.Month(nums[1])
	case !iso && len(nums) == 3:
		d, m, y, hasYear = nums[0], time.Month(nums[1]), nums[2], true
		if len(parts[2]) <= 2 {
			y += 2000
		}
	default:
		return 0, 0, 0, false, true, false
	}
	valid = m >= 1 && m <= 12 && d >= 1 && d <= 31 && (!hasYear || (y >= 2000 && y <= 2200))
	return y, m, d, hasYear, true, valid
}

// takeClock reads a time of day: "14:30", "14h30", "14h", "9am", "9 pm",
// "8:30am", or a bare hour ("14", only next to a day or after "at").
func (sp *whenSpec) takeClock(toks []string) (int, error) {
	s, n, ampm := toks[0], 1, ""
	for _, suf := range []string{"am", "pm", "a.m", "p.m"} {
		if strings.HasSuffix(s, suf) && len(s) > len(suf) {
			s, ampm = strings.TrimSuffix(s, suf), suf[:1]
			break
		}
	}
	if ampm == "" && len(toks) > 1 {
		switch toks[1] {
		case "am", "a.m", "pm", "p.m":
			n, ampm = 2, toks[1][:1]
		}
	}
	h, m, bare, ok := clockOf(s)
	if !ok {
		return 0, nil
	}
	if sp.hasTime {
		return 0, &WhenError{Kind: WhenUnknown, Token: toks[0]}
	}
	if ampm != "" {
		if h < 1 || h > 12 {
			return 0, &WhenError{Kind: WhenInvalid, Token: strings.Join(toks[:n], " ")}
		}
		h %= 12
		if ampm == "p" {
			h += 12
		}
		bare = false
	}
	if h > 23 || m > 59 {
		return 0, &WhenError{Kind: WhenInvalid, Token: strings.Join(toks[:n], " ")}
	}
	sp.hour, sp.min, sp.hasTime, sp.ampm = h, m, true, ampm != ""
	if bare {
		sp.bareTok = toks[0]
	}
	return n, nil
}

// clockOf reads "14:30", "14h30", "14h" or a bare "14"; bare says there
// was no separator at all.
func clockOf(s string) (h, m int, bare, ok bool) {
	if hh, mm, found := strings.Cut(s, ":"); found {
		h, r1 := leadingInt(hh)
		m, r2 := leadingInt(mm)
		if h < 0 || m < 0 || r1 != "" || r2 != "" || len(hh) > 2 || len(mm) != 2 {
			return 0, 0, false, false
		}
		return h, m, false, true
	}
	if h, m, ok := hourNotation(s); ok {
		return h, m, false, true
	}
	if n, rest := leadingInt(s); n >= 0 && rest == "" && len(s) <= 2 {
		return n, 0, true, true
	}
	return 0, 0, false, false
}

// hourNotation reads the French "14h", "14h30", "9h05".
func hourNotation(s string) (h, m int, ok bool) {
	hh, mm, found := strings.Cut(s, "h")
	if !found || len(hh) == 0 || len(hh) > 2 || (mm != "" && len(mm) != 2) {
		return 0, 0, false
	}
	h, err := strconv.Atoi(hh)
	if err != nil || h < 0 {
		return 0, 0, false
	}
	if mm != "" {
		if m, err = strconv.Atoi(mm); err != nil || m < 0 {
			return 0, 0, false
		}
	}
	return h, m, true
}

// clock is the time of day the spec asks for: the typed time (an hour
// under 12 in the evening or afternoon is pm), else the part of the day's,
// else 9:00.
func (sp whenSpec) clock() (int, int) {
	switch {
	case sp.hasTime:
		h := sp.hour
		if sp.pm && !sp.ampm && h >= 1 && h < 12 {
			h += 12
		}
		return h, sp.min
	case sp.partH >= 0:
		return sp.partH, 0
	}
	return 9, 0
}

// resolve places the spec relative to now (already in the user's zone).
func (sp whenSpec) resolve(now time.Time) (time.Time, error) {
	h, m := sp.clock()
	switch sp.day {
	case dayToday:
		t := wallTime(now, h, m)
		if sp.tonight && !sp.hasTime && !t.After(now) {
			t = wallTime(now, 21, 0)
		}
		return t, nil
	case dayOffset:
		return wallTime(now.AddDate(0, 0, sp.offset), h, m), nil
	case dayWeekday:
		delta := (int(sp.weekday) - int(now.Weekday()) + 7) % 7
		t := wallTime(now.AddDate(0, 0, delta), h, m)
		if delta == 0 && (sp.strict || !t.After(now)) {
			t = wallTime(now.AddDate(0, 0, 7), h, m)
		}
		return t, nil
	case dayNextWeek:
		return wallTime(nextMonday(now), h, m), nil
	case dayDate:
		return sp.resolveDate(now, h, m)
	}
	t := wallTime(now, h, m)
	if !t.After(now) {
		t = wallTime(now.AddDate(0, 0, 1), h, m)
	}
	return t, nil
}

// resolveDate places a calendar date; without a year it is this year's, or
// next year's once this year's day has gone.
func (sp whenSpec) resolveDate(now time.Time, h, m int) (time.Time, error) {
	y := sp.y
	if !sp.hasYear {
		y = now.Year()
		if time.Date(y, sp.m, sp.d, 0, 0, 0, 0, time.UTC).Before(time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)) {
			y++
		}
	}
	day := time.Date(y, sp.m, sp.d, 12, 0, 0, 0, now.Location())
	if day.Day() != sp.d || day.Month() != sp.m {
		return time.Time{}, &WhenError{Kind: WhenInvalid, Token: sp.dateTok} // 31/02
	}
	return wallTime(day, h, m), nil
}
