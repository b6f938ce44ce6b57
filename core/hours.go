package core

import (
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"
)

// BusinessHours are the open spans of each weekday, in the wall-clock time
// of a zone given when they are used. A nil *BusinessHours is open around
// the clock; the zero value is never open.
type BusinessHours struct {
	days [7][]hoursSpan // by time.Weekday, sorted, not overlapping
}

// hoursSpan is a stretch of one day in minutes since midnight; to may be
// 1440 (24:00), the end of the day.
type hoursSpan struct{ from, to int }

// ParseBusinessHours reads "mon-fri 09:00-12:30,14:00-18:00; sat 10h-13h".
// Days are those of queue slots (English or French, lists, ranges that may
// wrap like fri-mon, or daily, weekdays, weekends); times are 09:00, 9h30
// or 9h, up to 24:00. Overlapping spans merge. "" and "24/7" are around the
// clock (nil, nil): callers that must tell "none given" from "always"
// check for "" themselves.
func ParseBusinessHours(spec string) (*BusinessHours, error) {
	spec = strings.ToLower(strings.TrimSpace(spec))
	if spec == "" || spec == "24/7" {
		return nil, nil
	}
	h := &BusinessHours{}
	for part := range strings.SplitSeq(spec, ";") {
		if err := h.addPart(strings.TrimSpace(part)); err != nil {
			return nil, err
		}
	}
	open := false
	for d := range h.days {
		h.days[d] = mergeSpans(h.days[d])
		open = open || len(h.days[d]) > 0
	}
	if !open {
		return nil, fmt.Errorf("no open hours")
	}
	return h, nil
}

// addPart adds one "days spans" part, e.g. "mon-fri 09:00-12:00,14:00-18:00".
func (h *BusinessHours) addPart(part string) error {
	dayText, spanText, ok := strings.Cut(part, " ")
	if !ok {
		return fmt.Errorf("%q needs days then hours", part)
	}
	days, err := parseDaySpec(dayText)
	if err != nil {
		return fmt.Errorf("unknown day: %w", err)
	}
	for text := range strings.SplitSeq(strings.ReplaceAll(spanText, " ", ""), ",") {
		sp, err := parseSpan(text)
		if err != nil {
			return err
		}
		for d, on := range days {
			if on {
				h.days[d] = append(h.days[d], sp)
			}
		}
	}
	return nil
}

// parseSpan reads "09:00-18:00" or "9h-18h".
func parseSpan(text string) (hoursSpan, error) {
	a, b, ok := strings.Cut(text, "-")
	from, okA := spanClock(a)
	to, okB := spanClock(b)
	switch {
	case !ok || !okA || !okB:
		return hoursSpan{}, fmt.Errorf("bad hours %q (want 09:00-18:00)", text)
	case to <= from:
		return hoursSpan{}, fmt.Errorf("hours %q end before they start (split a night at midnight: 22:00-24:00, then 00:00-06:00 the next days)", text)
	}
	return hoursSpan{from, to}, nil
}

// spanClock reads a time of day as slots do, in minutes since midnight,
// plus 24:00: a span may run to the end of the day, a slot may not.
func spanClock(s string) (int, bool) {
	switch s {
	case "24:00", "24h", "24h00":
		return 24 * 60, true
	}
	h, m, ok := parseClock(s)
	return h*60 + m, ok
}

// mergeSpans sorts spans and joins those that overlap or touch.
func mergeSpans(spans []hoursSpan) []hoursSpan {
	slices.SortFunc(spans, func(a, b hoursSpan) int { return a.from - b.from })
	var out []hoursSpan
	for _, sp := range spans {
		if n := len(out); n > 0 && sp.from <= out[n-1].to {
			out[n-1].to = max(out[n-1].to, sp.to)
			continue
		}
		out = append(out, sp)
	}
	return out
}

// Deadline is the instant at which d of open time has passed since from,
// with the spans read in loc.
func (h *BusinessHours) Deadline(from time.Time, d time.Duration, loc *time.Location) time.Time {
	if h == nil {
		return from.Add(d)
	}
	left := d
	for start, end := range h.spansFrom(from, loc) {
		if !end.After(from) {
			continue
		}
		start = later(start, from)
		if avail := end.Sub(start); avail < left {
			left -= avail
			continue
		}
		return start.Add(left)
	}
	return time.Time{} // never open
}

// Between is the open time in [a, b), with the spans read in loc.
func (h *BusinessHours) Between(a, b time.Time, loc *time.Location) time.Duration {
	if h == nil {
		return max(0, b.Sub(a))
	}
	var total time.Duration
	for start, end := range h.spansFrom(a, loc) {
		if !start.Before(b) {
			break // spans come in order: the rest are later still
		}
		start, end = later(start, a), earlier(end, b)
		if end.After(start) {
			total += end.Sub(start)
		}
	}
	return total
}

// spansFrom yields the open spans, in order and without end, from the
// date of t in loc on. Spans are placed on each date with time.Date, so a
// DST change inside one makes it an hour shorter or longer, as the wall
// clock says.
func (h *BusinessHours) spansFrom(t time.Time, loc *time.Location) iter.Seq2[time.Time, time.Time] {
	return func(yield func(time.Time, time.Time) bool) {
		if h.never() {
			return
		}
		y, m, d := t.In(loc).Date()
		for i := 0; ; i++ {
			// Dates are counted in UTC, where every day has a midnight and
			// 24 hours; the spans are then placed in loc.
			date := time.Date(y, m, d+i, 0, 0, 0, 0, time.UTC)
			dy, dm, dd := date.Date()
			for _, sp := range h.days[date.Weekday()] {
				start := time.Date(dy, dm, dd, 0, sp.from, 0, 0, loc)
				end := time.Date(dy, dm, dd, 0, sp.to, 0, 0, loc)
				if !yield(start, end) {
					return
				}
			}
		}
	}
}

// never says no day has a span: walking the dates would never end.
func (h *BusinessHours) never() bool {
	for _, spans := range h.days {
		if len(spans) > 0 {
			return false
		}
	}
	return true
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
