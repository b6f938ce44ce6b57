package core

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Slot is one recurring publishing time of an account's queue: "weekdays
// 09:00", "mon,wed,fri 12:30", "sat-sun 10:00", "daily 18:00" (French day
// names too: "lun-ven 9h").
type Slot struct {
	Days         [7]bool // indexed by time.Weekday
	Hour, Minute int
}

// String formats the slot back in the config syntax.
func (s Slot) String() string {
	var days []string
	names := [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}
	for d := time.Monday; ; d = (d + 1) % 7 {
		if s.Days[d] {
			days = append(days, names[d])
		}
		if d == time.Sunday {
			break
		}
	}
	spec := strings.Join(days, ",")
	switch spec {
	case "mon,tue,wed,thu,fri,sat,sun":
		spec = "daily"
	case "mon,tue,wed,thu,fri":
		spec = "weekdays"
	}
	return fmt.Sprintf("%s %02d:%02d", spec, s.Hour, s.Minute)
}

// ParseSlot reads one queue slot. A bare time means every day.
func ParseSlot(s string) (Slot, error) {
	fields := strings.Fields(strings.ToLower(strings.TrimSpace(s)))
	var sl Slot
	switch len(fields) {
	case 1:
		for d := range sl.Days {
			sl.Days[d] = true
		}
	case 2:
		days, err := parseDaySpec(fields[0])
		if err != nil {
			return Slot{}, err
		}
		sl.Days = days
	default:
		return Slot{}, fmt.Errorf("slot %q: want [days] HH:MM, e.g. \"weekdays 09:00\"", s)
	}
	h, m, ok := parseClock(fields[len(fields)-1])
	if !ok {
		return Slot{}, fmt.Errorf("slot %q: %q is not a time of day (HH:MM or 9h30)", s, fields[len(fields)-1])
	}
	sl.Hour, sl.Minute = h, m
	return sl, nil
}

// parseDaySpec reads "daily", "weekdays", "weekends", "mon-fri",
// "mon,wed,fri" and their French forms.
func parseDaySpec(s string) ([7]bool, error) {
	var days [7]bool
	switch s {
	case "daily", "everyday", "tous-les-jours", "quotidien":
		for d := range days {
			days[d] = true
		}
		return days, nil
	case "weekdays", "semaine":
		s = "mon-fri"
	case "weekends", "weekend", "week-end":
		s = "sat-sun"
	}
	for _, part := range strings.Split(s, ",") {
		from, to, isRange := strings.Cut(part, "-")
		a, ok := weekdayOf(from)
		if !ok {
			return days, fmt.Errorf("%q is not a day (mon…sun, lun…dim, weekdays, daily)", from)
		}
		if !isRange {
			days[a] = true
			continue
		}
		b, ok := weekdayOf(to)
		if !ok {
			return days, fmt.Errorf("%q is not a day (mon…sun, lun…dim, weekdays, daily)", to)
		}
		for d := a; ; d = (d + 1) % 7 {
			days[d] = true
			if d == b {
				break
			}
		}
	}
	return days, nil
}

// parseClock reads "09:00", "9:30", "9h", "9h30", "18h".
func parseClock(s string) (h, m int, ok bool) {
	hs, ms, found := strings.Cut(s, ":")
	if !found {
		hs, ms, found = strings.Cut(s, "h")
	}
	if !found {
		return 0, 0, false
	}
	h, err := strconv.Atoi(hs)
	if err != nil || h < 0 || h > 23 || hs == "" {
		return 0, 0, false
	}
	if ms == "" {
		return h, 0, true
	}
	m, err = strconv.Atoi(ms)
	if err != nil || m < 0 || m > 59 || len(ms) != 2 {
		return 0, 0, false
	}
	return h, m, true
}

// slotHorizon bounds the search for a free slot: a queue full for two
// months is a planning problem the CM should see, not a loop.
const slotHorizon = 62

// NextFreeSlot returns the first slot time strictly after after, in loc,
// for which taken is false. Slot times are wall-clock times in loc, so a
// 09:00 slot stays at 09:00 across daylight-saving changes. ok is false when
// there are no slots or none is free within the horizon.
func NextFreeSlot(slots []Slot, after time.Time, loc *time.Location, taken func(time.Time) bool) (time.Time, bool) {
	if len(slots) == 0 {
		return time.Time{}, false
	}
	local := after.In(loc)
	day := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loc)
	for i := 0; i <= slotHorizon; i++ {
		d := day.AddDate(0, 0, i)
		best := time.Time{}
		for _, s := range slots {
			if !s.Days[d.Weekday()] {
				continue
			}
			t := wallTime(d, s.Hour, s.Minute)
			if !t.After(after) || (taken != nil && taken(t)) {
				continue
			}
			if best.IsZero() || t.Before(best) {
				best = t
			}
		}
		if !best.IsZero() {
			return best, true
		}
	}
	return time.Time{}, false
}

// Recurrence repeats a post.
type Recurrence string

const (
	RecurNone    Recurrence = ""
	RecurWeekly  Recurrence = "weekly"
	RecurMonthly Recurrence = "monthly"
)

// ParseRecurrence reads "", "none", "weekly"/"hebdo", "monthly"/"mensuel".
func ParseRecurrence(s string) (Recurrence, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "none", "aucune":
		return RecurNone, nil
	case "weekly", "hebdo", "hebdomadaire":
		return RecurWeekly, nil
	case "monthly", "mensuel", "mensuelle":
		return RecurMonthly, nil
	}
	return RecurNone, fmt.Errorf("%q is not a recurrence (weekly, monthly)", s)
}

// Next returns the occurrence after t: the same wall-clock time in loc a
// week or a month later (so a weekly 09:00 post stays at 09:00 across a
// daylight-saving change). A monthly post on the 31st goes out on the last
// day of shorter months; its series then continues from that day.
func (r Recurrence) Next(t time.Time, loc *time.Location) (time.Time, bool) {
	local := t.In(loc)
	switch r {
	case RecurWeekly:
		d := time.Date(local.Year(), local.Month(), local.Day()+7, 0, 0, 0, 0, loc)
		return wallTime(d, local.Hour(), local.Minute()), true
	case RecurMonthly:
		y, m := local.Year(), local.Month()+1
		last := time.Date(y, m+1, 0, 0, 0, 0, 0, loc).Day()
		day := min(local.Day(), last)
		d := time.Date(y, m, day, 0, 0, 0, 0, loc)
		return wallTime(d, local.Hour(), local.Minute()), true
	}
	return time.Time{}, false
}
