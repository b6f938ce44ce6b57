package store

import (
	"time"

	"cmdeck/core"
)

// The Alerts pane's and the rules' side of the store. Implementations live
// beside (alerts_*.go); these are the signatures the engine, the app and the
// TUI rely on.

// AlertState is where an alert is in its life.
type AlertState string

const (
	AlertOpen     AlertState = "open"     // new or growing, not yet acknowledged
	AlertAcked    AlertState = "acked"    // seen; still grows with its group
	AlertSnoozed  AlertState = "snoozed"  // hidden until SnoozedUntil, then open again
	AlertResolved AlertState = "resolved" // closed; history
)

// AlertView is an alert as the pane lists it.
type AlertView struct {
	core.Alert
	State        AlertState
	SnoozedUntil time.Time
	ResolvedAt   time.Time
	ClientSlug   string
	ClientName   string
	ClientColor  string
	Excerpt      string // the newest matching item's first line
}

// AlertQuery selects alerts: History false lists open, acked and snoozed
// alerts whose snooze ended (severity, then newest first); History true
// lists resolved ones, newest first. Keyset paging from (AfterRank,
// AfterAt, AfterID) of the last row (see After); Limit <= 0 means 100.
type AlertQuery struct {
	History   bool
	ClientID  int64
	Limit     int
	AfterRank int       // SeverityRank of the last row (live list only)
	AfterAt   time.Time // the last row's LastAt (live list) or ResolvedAt (history)
	AfterID   int64     // the last row's ID; 0 = from the top
}

// After returns q set to page on from the row last (the last one of the
// previous page).
func (q AlertQuery) After(last AlertView) AlertQuery {
	q.AfterRank, q.AfterAt, q.AfterID = SeverityRank(last.Severity), last.LastAt, last.ID
	if q.History {
		q.AfterAt = last.ResolvedAt
	}
	return q
}

// AlertHours is a client's hourly volume and negative items around an alert,
// for the pane's sparkline: Volume[i] and Negative[i] count items created in
// hour From+i.
type AlertHours struct {
	From     time.Time
	Volume   []int
	Negative []int
}
