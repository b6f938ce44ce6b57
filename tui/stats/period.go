package stats

import (
	"time"

	metrics "cmdeck/stats"
)

// span is one of the periods p cycles through.
type span int

const (
	last7 span = iota
	last30
	last90
	thisMonth
	lastMonth
	spanCount
)

// spanNames are the catalog suffixes ("stats.period.7d") and the file
// name parts of the reports.
var spanNames = [...]string{last7: "7d", last30: "30d", last90: "90d", thisMonth: "month", lastMonth: "last_month"}

func (s span) name() string { return spanNames[s] }

// next is the period after s, back to the first after the last.
func (s span) next() span { return (s + 1) % spanCount }

// period is the span's dates at now, in loc. Rolling spans end with
// today (stats.Last). This month runs to tomorrow's midnight, so it is
// compared with as many days before it rather than with a whole month;
// last month is the calendar month, compared with the one before.
func (s span) period(now time.Time, loc *time.Location) metrics.Period {
	day := 24 * time.Hour
	switch s {
	case last30:
		return metrics.Last(30*day, now, loc)
	case last90:
		return metrics.Last(90*day, now, loc)
	case thisMonth:
		n := now.In(loc)
		first := time.Date(n.Year(), n.Month(), 1, 0, 0, 0, 0, loc)
		return metrics.Period{From: first, To: time.Date(n.Year(), n.Month(), n.Day()+1, 0, 0, 0, 0, loc)}
	case lastMonth:
		n := now.In(loc)
		first := time.Date(n.Year(), n.Month(), 1, 0, 0, 0, 0, loc)
		return metrics.Period{From: first.AddDate(0, -1, 0), To: first}
	}
	return metrics.Last(7*day, now, loc)
}
