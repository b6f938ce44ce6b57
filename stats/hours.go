package stats

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Hours are business hours: open spans of each weekday, in wall-clock time
// of a zone. The syntax is the SLA rules' (rules/hours.go, unexported
// there): "mon-fri 09:00-18:00; sat 10:00-13:00", days in English or
// French (lun-ven), lists (mon,wed), ranges that may wrap (fri-mon) or the
// words daily, weekdays, weekends; times 09:00, 9h30 or 9h, up to 24:00.
type Hours struct {
	days [7][]span // by time.Weekday, sorted, not overlapping
	loc  *time.Location
}

// span is a stretch of one day in minutes since midnight; to may be 1440.
type span struct{ from, to int }

// ParseHours reads business hours in loc (nil = UTC). "" means none were
// given (nil, nil): the business-hours figures are then not available;
// "24/7" is always open.
func ParseHours(spec string, loc *time.Location) (*Hours, error) {
	if loc == nil {
		loc = time.UTC
	}
	spec = strings.ToLower(strings.TrimSpace(spec))
	switch spec {
	case "":
		return nil, nil
	case "24/7":
		spec = "mon-sun 00:00-24:00"
	}
	h := &Hours{loc: loc}
	for part := range strings.SplitSeq(spec, ";") {
		if err := h.add(strings.TrimSpace(part)); err != nil {
			return nil, fmt.Errorf("business hours %q: %w", spec, err)
		}
	}
	open := false
	for d := range h.days {
		h.days[d] = mergeSpans(h.days[d])
		open = open || len(h.days[d]) > 0
	}
	if !open {
		return nil, fmt.Errorf("business hours %q: no open hours", spec)
	}
	return h, nil
}

// add reads one "days spans" part, e.g. "mon-fri 09:00-12:00,14:00-18:00".
func (h *Hours) add(part string) error {
	dayText, spanText, ok := strings.Cut(part, " ")
	if !ok {
		return fmt.Errorf("%q needs days then hours, e.g. \"mon-fri 09:00-18:00\"", part)
	}
	days, err := parseDays(dayText)
	if err != nil {
		return err
	}
	for text := range strings.SplitSeq(strings.ReplaceAll(spanText, " ", ""), ",") {
		sp, err := parseSpan(text)
		if err != nil {
			return err
		}
		for _, d := range days {
			h.days[d] = append(h.days[d], sp)
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

var dayWords = map[string]string{
	"daily": "mon-sun", "everyday": "mon-sun", "tous-les-jours": "mon-sun", "quotidien": "mon-sun",
	"weekdays": "mon-fri", "semaine": "mon-fri",
	"weekends": "sat-sun", "weekend": "sat-sun", "week-end": "sat-sun",
}

// parseDays reads "mon-fri", "sat", "mon,wed", "fri-mon" or a day word.
func parseDays(text string) ([]time.Weekday, error) {
	if w, ok := dayWords[text]; ok {
		text = w
	}
	var out []time.Weekday
	for item := range strings.SplitSeq(text, ",") {
		first, last, isRange := strings.Cut(item, "-")
		a, okA := dayNames[first]
		b, okB := dayNames[last]
		if !isRange {
			b, okB = a, okA
		}
		if !okA || !okB {
			return nil, fmt.Errorf("unknown day in %q (mon…sun, lun…dim, weekdays, weekends, daily)", item)
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

// parseSpan reads "09:00-18:00" or "9h-18h".
func parseSpan(text string) (span, error) {
	a, b, ok := strings.Cut(text, "-")
	from, errA := parseClock(a)
	to, errB := parseClock(b)
	if !ok || errA != nil || errB != nil {
		return span{}, fmt.Errorf("bad hours %q (want 09:00-18:00)", text)
	}
	if to <= from {
		return span{}, fmt.Errorf("hours %q end before they start (split a night at midnight)", text)
	}
	return span{from, to}, nil
}

// parseClock reads "09:00", "9h30" or "18h" as minutes since midnight.
func parseClock(s string) (int, error) {
	hs, ms, found := strings.Cut(s, ":")
	if !found {
		hs, ms, found = strings.Cut(s, "h")
	}
	h, errH := strconv.Atoi(hs)
	m := 0
	var errM error
	if ms != "" || !found {
		m, errM = strconv.Atoi(ms)
	}
	if !found || errH != nil || errM != nil || len(hs) > 2 || (ms != "" && len(ms) != 2) ||
		h < 0 || m < 0 || m > 59 || h*60+m > 24*60 {
		return 0, fmt.Errorf("bad time %q", s)
	}
	return h*60 + m, nil
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

// Between is the open time in [a, b): what a customer waited in business
// hours. Spans are placed on each date with time.Date, so a DST change
// inside a span makes it an hour shorter or longer, as the wall clock says.
func (h *Hours) Between(a, b time.Time) time.Duration {
	if !b.After(a) {
		return 0
	}
	var total time.Duration
	la := a.In(h.loc)
	y, m, d := la.Date()
	for i := 0; ; i++ {
		// Noon: a date's midnight may not exist on a DST day.
		noon := time.Date(y, m, d+i, 12, 0, 0, 0, h.loc)
		day := time.Date(noon.Year(), noon.Month(), noon.Day(), 0, 0, 0, 0, h.loc)
		if !day.Before(b) && i > 0 {
			return total
		}
		total += h.openOn(noon, a, b)
	}
}

// openOn is the open time of the date of noon that falls in [a, b).
func (h *Hours) openOn(noon, a, b time.Time) time.Duration {
	var total time.Duration
	y, m, d := noon.Date()
	for _, sp := range h.days[noon.Weekday()] {
		start := later(time.Date(y, m, d, 0, sp.from, 0, 0, h.loc), a)
		end := earlier(time.Date(y, m, d, 0, sp.to, 0, 0, h.loc), b)
		if end.After(start) {
			total += end.Sub(start)
		}
	}
	return total
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
