package rules

import (
	"time"

	"cmdeck/core"
)

// schedule is an SLA rule's business hours, parsed by core (the syntax is
// shared with the stats' business hours). A nil schedule is around the
// clock.
type schedule struct{ open *core.BusinessHours }

// hoursFix is the example every business-hours error ends with.
const hoursFix = `write e.g. "mon-fri 09:00-18:00" or "mon-fri 09:00-12:30,14:00-18:00; sat 10:00-13:00"`

// parseHours parses "mon-fri 09:00-18:00; sat 10:00-13:00" (see
// core.ParseBusinessHours); "" and "24/7" mean around the clock (nil).
func parseHours(spec string) (*schedule, error) {
	open, err := core.ParseBusinessHours(spec)
	if err != nil || open == nil {
		return nil, err
	}
	return &schedule{open}, nil
}

// deadline is the instant at which d of business time has passed since
// from, the hours being wall-clock times of loc.
func (s *schedule) deadline(from time.Time, d time.Duration, loc *time.Location) time.Time {
	if s == nil {
		return from.Add(d)
	}
	return s.open.Deadline(from, d, loc)
}
