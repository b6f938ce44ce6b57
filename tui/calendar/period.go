package calendar

import (
	"time"

	"cmdeck/tui/common"
)

// viewKind is what the pane shows: a week (days as columns, hours as
// rows), a month (a grid of days) or the agenda (a list by day).
type viewKind int

const (
	viewWeek viewKind = iota
	viewMonth
	viewAgenda
)

// viewNames are the catalog suffixes of the views.
var viewNames = [...]string{viewWeek: "week", viewMonth: "month", viewAgenda: "agenda"}

// Weeks start on Monday, as in France and ISO 8601.

// weekStart is midnight of the Monday of t's week, in loc.
func weekStart(t time.Time, loc *time.Location) time.Time {
	d := common.StartOfDay(t, loc)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

// monthStart is midnight of the first day of t's month, in loc.
func monthStart(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc)
}

// period is the range [from, to) a view shows around at: its week, the
// whole weeks that hold its month (the month grid), or its month (the
// agenda). Days are added on the calendar, so a DST week still ends on a
// Monday at midnight.
func period(v viewKind, at time.Time, loc *time.Location) (from, to time.Time) {
	switch v {
	case viewMonth:
		first := monthStart(at, loc)
		from = weekStart(first, loc)
		last := first.AddDate(0, 1, -1)
		to = weekStart(last, loc).AddDate(0, 0, 7)
	case viewAgenda:
		from = monthStart(at, loc)
		to = from.AddDate(0, 1, 0)
	default:
		from = weekStart(at, loc)
		to = from.AddDate(0, 0, 7)
	}
	return from, to
}

// addMonths moves at by n months, keeping its day when the month has it
// and its last day otherwise (31 January + 1 month is 28 February, not 3
// March), and its time of day.
func addMonths(at time.Time, n int, loc *time.Location) time.Time {
	at = at.In(loc)
	first := time.Date(at.Year(), at.Month()+time.Month(n), 1, at.Hour(), at.Minute(), 0, 0, loc)
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(at.Day(), last)-1)
}

// atHour is day's wall-clock hour h in loc.
func atHour(day time.Time, h int, loc *time.Location) time.Time {
	d := day.In(loc)
	return time.Date(d.Year(), d.Month(), d.Day(), h, 0, 0, 0, loc)
}

// sameDay reports whether a and b fall on the same day in loc.
func sameDay(a, b time.Time, loc *time.Location) bool {
	ay, am, ad := a.In(loc).Date()
	by, bm, bd := b.In(loc).Date()
	return ay == by && am == bm && ad == bd
}

// dayIndex is how many calendar days from from to t, in loc (from is a
// midnight).
func dayIndex(from, t time.Time, loc *time.Location) int {
	f, d := from.In(loc), common.StartOfDay(t, loc)
	if d.Before(f) {
		return -1
	}
	// Rounding absorbs the 23- and 25-hour days of DST changes.
	return int((d.Sub(f) + 12*time.Hour) / (24 * time.Hour))
}
