package config

import (
	"fmt"
	"strings"
	"time"

	"cmdeck/core"
)

// Calendar holds the calendar's settings (the calendar: block).
type Calendar struct {
	// LateLimit is how late a scheduled post may still go out when nothing
	// ran at its time (the machine was off): a duration such as "2h", or
	// "never". It is a string, not a time.Duration, because "never" is a
	// valid value; LateLimit() reads it.
	LateLimit string `mapstructure:"late_limit"`
}

// DefaultLateLimit is the late limit when the config sets none. It matches
// the engine's default, so leaving the key out changes nothing.
const DefaultLateLimit = 2 * time.Hour

// NeverLate is the late limit of "never": negative, which the engine reads
// as "publish on time or not at all".
const NeverLate time.Duration = -1

// lateLimitFix is the end of every late_limit problem: how to write it.
const lateLimitFix = `write a duration such as 2h or 30m, or "never" to never publish late`

// LateLimit is calendar.late_limit as the engine wants it: the duration,
// DefaultLateLimit when unset, NeverLate for "never", zero or a negative
// value (a post late by any amount is not published).
func (c *Config) LateLimit() time.Duration {
	d, err := parseLateLimit(c.Calendar.LateLimit)
	if err != nil {
		return DefaultLateLimit // Validate reported it; Load never returns it
	}
	return d
}

// parseLateLimit reads a late limit; see LateLimit.
func parseLateLimit(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "":
		return DefaultLateLimit, nil
	case "never", "jamais":
		return NeverLate, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration (%s)", s, lateLimitFix)
	}
	if d <= 0 {
		// The engine reads zero as "its default": a zero the user wrote
		// means no lateness at all, which is "never".
		return NeverLate, nil
	}
	return d, nil
}

// QueueSlots is the account's queue slots, parsed. A slot that does not
// parse is left out: Validate reports it, and Load never returns it.
func (a Account) QueueSlots() []core.Slot {
	return parseSlots(a.Slots)
}

// QueueSlots is the demo client's queue slots, parsed.
func (d DemoSettings) QueueSlots(clientSlug string) []core.Slot {
	return parseSlots(d.Slots[clientSlug])
}

// parseSlots parses slot specs, leaving out those that do not parse.
func parseSlots(specs []string) []core.Slot {
	var out []core.Slot
	for _, s := range specs {
		if sl, err := core.ParseSlot(s); err == nil {
			out = append(out, sl)
		}
	}
	return out
}

// validateCalendar checks calendar.late_limit and every account's slots.
func (c *Config) validateCalendar(ps *problems) {
	if _, err := parseLateLimit(c.Calendar.LateLimit); err != nil {
		ps.add("calendar.late_limit", "%v", err)
	}
	for ci, cl := range c.Clients {
		for ai, a := range cl.Accounts {
			validateSlots(ps, c.AccountPath(ci, ai)+".slots", a.Slots)
		}
	}
}

// slotFix is the end of every slot problem: how a slot is written.
const slotFix = `write [days] HH:MM, e.g. "weekdays 09:00", "mon,wed,fri 12:30" or "sat 10:00"`

// validateSlots checks one account's slots: each parses, none is repeated.
func validateSlots(ps *problems, base string, specs []string) {
	seen := map[core.Slot]int{}
	for i, s := range specs {
		path := fmt.Sprintf("%s[%d]", base, i)
		sl, err := core.ParseSlot(s)
		if err != nil {
			ps.add(path, "%s", slotProblem(s, err))
			continue
		}
		if prev, dup := seen[sl]; dup {
			ps.add(path, "%q is the same slot as slots[%d] (keep one)", s, prev)
			continue
		}
		seen[sl] = i
	}
}

// slotProblem is core.ParseSlot's error naming the slot, with how to
// write one unless the error already shows it.
func slotProblem(spec string, err error) string {
	msg := err.Error()
	if !strings.HasPrefix(msg, "slot ") {
		msg = fmt.Sprintf("slot %q: %s", spec, msg)
	}
	if !strings.Contains(msg, "e.g.") {
		msg += " (" + slotFix + ")"
	}
	return msg
}
