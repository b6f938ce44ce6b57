package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// span is a stretch of one day, in minutes since midnight; to may be 1440.
type span struct{ from, to int }

// schedule is business hours: the open spans of each weekday, in wall
// clock time of the rule's zone. A nil schedule is around the clock.
type schedule struct {
	days [7][]span // by time.Weekday
	week int       // open minutes in a week
}

// hoursFix is the example every business-hours error ends with.
const hoursFix = `write e.g. "mon-fri 09:00-18:00" or "mon-fri 09:00-12:30,14:00-18:00; sat 10:00-13:00"`

// parseHours parses "mon-fri 09:00-18:00; sat 10:00-13:00". Days are
// English or French abbreviations (lun-ven) or the calendar slots' words
// (weekdays, weekends, daily); a range may wrap (fri-mon);
// times are 09:00 or 9h00 or 9h, up to 24:00. Overlapping spans merge. ""
// and "24/7" mean around the clock (nil).
func parseHours(spec string) (*schedule, error) {
	spec = strings.ToLower(strings.TrimSpace(spec))
	if spec == "" || spec == "24/7" {
		return nil, nil
	}
	s := &schedule{}
	for part := range strings.SplitSeq(spec, ";") {
		if err := s.addPart(strings.TrimSpace(part)); err != nil {
			return nil, err
		}
	}
	for d := range s.days {
		s.days[d] = mergeSpans(s.days[d])
		for _, sp := range s.days[d] {
			s.week += sp.to - sp.from
		}
	}
	if s.week == 0 {
		return nil, fmt.Errorf("no open hours")
	}
	return s, nil
}

// addPart adds "mon-fri 09:00-12:00,14:00-18:00".
func (s *schedule) addPart(part string) error {
	dayText, timeText, ok := strings.Cut(part, " ")
	if !ok {
		return fmt.Errorf("%q needs days then hours", part)
	}
	days, err := parseDays(dayText)
	if err != nil {
		return err
	}
	for r := range strings.SplitSeq(strings.ReplaceAll(timeText, " ", ""), ",") {
		sp, err := parseSpan(r)
		if err != nil {
			return err
		}
		for _, d := range days {
			s.days[d] = append(s.days[d], sp)
		}
	}
	return nil
}

var dayNames = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
	"dim": time.Sunday, "lun": time.Monday, "mar": time.Tuesday, "mer": time.Wednesday,
	"jeu": time.Thursday, "ven": time.Friday, "sam": time.Saturday,
}

// dayWords are the day sets the calendar's slots also accept.
var dayWords = map[string]string{
	"daily": "mon-sun", "everyday": "mon-sun", "tous-les-jours": "mon-sun", "quotidien": "mon-sun",
	"weekdays": "mon-fri", "semaine": "mon-fri",
	"weekends": "sat-sun", "weekend": "sat-sun", "week-end": "sat-sun",
}

// parseDays parses "mon-fri", "sat", "mon,wed,fri", "fri-mon" or a word
// of dayWords ("weekdays").
func parseDays(text string) ([]time.Weekday, error) {
	if days, ok := dayWords[text]; ok {
		text = days
	}
	var out []time.Weekday
	for item := range strings.SplitSeq(text, ",") {
		first, last, isRange := strings.Cut(item, "-")
		a, okA := dayNames[first]
		b, okB := dayNames[last]
		if !okA || (isRange && !okB) {
			return nil, fmt.Errorf("unknown day in %q (days are mon…sun or lun…dim, ranges mon-fri, lists mon,wed, or daily, weekdays, weekends)", item)
		}
		if !isRange {
			b = a
		}
		for d := a; ; d = (d + 1) % 7 {
			out = append(out, d)
			if d == b {
				break
			}
		}
	}
	return out, nil
}

var clockRe = regexp.MustCompile(`^(\d{1,2})(?:[:h](\d{2})?)$`)

// parseSpan parses "09:00-18:00" or "9h-18h".
func parseSpan(text string) (span, error) {
	a, b, ok := strings.Cut(text, "-")
	from, errA := parseClock(a)
	to, errB := parseClock(b)
	switch {
	case !ok || errA != nil || errB != nil:
		return span{}, fmt.Errorf("bad hours %q", text)
	case to <= from:
		return span{}, fmt.Errorf("hours %q end before they start (split a night at midnight: 22:00-24:00, then 00:00-06:00 the next days)", text)
	}
	return span{from, to}, nil
}

// parseClock parses "09:00", "9h30" or "18h" into minutes since midnight.
func parseClock(s string) (int, error) {
	m := clockRe.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("bad time %q", s)
	}
	h, _ := strconv.Atoi(m[1])
	mins := 0
	if m[2] != "" {
		mins, _ = strconv.Atoi(m[2])
	}
	if mins > 59 || h*60+mins > 24*60 {
		return 0, fmt.Errorf("bad time %q", s)
	}
	return h*60 + mins, nil
}

// mergeSpans sorts spans and joins those that overlap or touch.
func mergeSpans(spans []span) []span {
	slices.SortFunc(spans, func(a, b span) int { return a.from - b.from })
	var out []span
	for _, sp := range spans {
		if n := len(out); n > 0 && sp.from <= out[n-1].to {
			out[n-1].to = max(out[n-1].to, sp.to)
			continue
		}
		out = append(out, sp)
	}
	return out
}

// deadline is the instant at which d of business time has passed since
// from. Spans are wall clock times of loc, placed on each date with
// time.Date, so a DST change inside a span makes it an hour shorter or
// longer, as the clock on the wall says.
func (s *schedule) deadline(from time.Time, d time.Duration, loc *time.Location) time.Time {
	if s == nil {
		return from.Add(d)
	}
	from = from.In(loc)
	left := d
	y, m, day := from.Date()
	for i := range s.searchDays(d) {
		// Noon: a date's midnight may not exist on a DST day.
		dy, dm, dd := time.Date(y, m, day+i, 12, 0, 0, 0, loc).Date()
		wd := time.Date(dy, dm, dd, 12, 0, 0, 0, loc).Weekday()
		for _, sp := range s.days[wd] {
			start := time.Date(dy, dm, dd, 0, sp.from, 0, 0, loc)
			end := time.Date(dy, dm, dd, 0, sp.to, 0, 0, loc)
			if !end.After(from) {
				continue
			}
			start = later(start, from)
			avail := end.Sub(start)
			if avail >= left {
				return start.Add(left)
			}
			left -= avail
		}
	}
	return time.Time{} // not reached: searchDays covers d with margin
}

// searchDays bounds the days deadline walks: enough whole weeks for d,
// one more for the partial first week and DST.
func (s *schedule) searchDays(d time.Duration) int {
	weeks := int(d/(time.Duration(s.week)*time.Minute)) + 2
	return weeks * 7
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
