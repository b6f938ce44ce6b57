package stats

import (
	"fmt"
	"math"
	"time"
)

// Period is the span [From, To) a report covers. Its times carry the zone
// the period was cut in, which Previous keeps.
type Period struct {
	From, To time.Time
}

// Month is the calendar month spec ("2026-10") in loc (nil = UTC): from
// its first midnight to the next month's.
func Month(spec string, loc *time.Location) (Period, error) {
	if loc == nil {
		loc = time.UTC
	}
	t, err := time.ParseInLocation("2006-01", spec, loc)
	if err != nil {
		return Period{}, fmt.Errorf("month %q: want YYYY-MM, e.g. 2026-10", spec)
	}
	return Period{From: t, To: t.AddDate(0, 1, 0)}, nil
}

// Last is the d before now as whole calendar days of loc (nil = UTC),
// today included: it ends at tomorrow's midnight and starts as many days
// earlier as d holds (rounded up), so 30*24h is the last 30 days across a
// DST change too.
func Last(d time.Duration, now time.Time, loc *time.Location) Period {
	if loc == nil {
		loc = time.UTC
	}
	days := max(1, int(math.Ceil(d.Hours()/24)))
	n := now.In(loc)
	to := time.Date(n.Year(), n.Month(), n.Day()+1, 0, 0, 0, 0, loc)
	return Period{From: to.AddDate(0, 0, -days), To: to}
}

// Previous is the period of the same length just before p: the month
// before a calendar month, as many calendar days before a span of whole
// days (the same weekdays, whatever DST does), else the same duration.
func (p Period) Previous() Period {
	switch {
	case p.isMonth():
		return Period{From: p.From.AddDate(0, -1, 0), To: p.From}
	case isMidnight(p.From) && isMidnight(p.To):
		return Period{From: p.From.AddDate(0, 0, -p.days()), To: p.From}
	}
	return Period{From: p.From.Add(-p.To.Sub(p.From)), To: p.From}
}

// Valid reports whether the period is not empty.
func (p Period) Valid() bool { return p.To.After(p.From) }

// isMonth reports whether p is exactly one calendar month of its zone.
func (p Period) isMonth() bool {
	return isMidnight(p.From) && p.From.Day() == 1 && p.To.Equal(p.From.AddDate(0, 1, 0))
}

// days counts the calendar days of a span of whole days.
func (p Period) days() int {
	n := 0
	for t := p.From; t.Before(p.To); t = t.AddDate(0, 0, 1) {
		n++
	}
	return n
}

// isMidnight reports whether t is the start of a day in its own zone.
func isMidnight(t time.Time) bool {
	return t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0
}
