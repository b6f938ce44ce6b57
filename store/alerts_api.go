package store

import (
	"context"
	"errors"
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
// AfterAt, AfterID) of the last row; Limit <= 0 means 100.
type AlertQuery struct {
	History   bool
	ClientID  int64
	Limit     int
	AfterRank int
	AfterAt   time.Time
	AfterID   int64
}

// AlertHours is a client's hourly volume and negative items around an alert,
// for the pane's sparkline: Volume[i] and Negative[i] count items created in
// hour From+i.
type AlertHours struct {
	From     time.Time
	Volume   []int
	Negative []int
}

func errTodo() error { return errors.New("not implemented") }

// Alerts lists alerts.
func (s *Store) Alerts(ctx context.Context, q AlertQuery) ([]AlertView, error) {
	return nil, errTodo()
}

// SnoozeAlert hides an alert until until.
func (s *Store) SnoozeAlert(ctx context.Context, id int64, until, now time.Time) error {
	return errTodo()
}

// ResolveAlert closes an alert (it joins the history); a later matching
// item opens a new alert in its group.
func (s *Store) ResolveAlert(ctx context.Context, id int64, now time.Time) error {
	return errTodo()
}

// ClientHours returns a client's hourly volume and negative counts in
// [from, to).
func (s *Store) ClientHours(ctx context.Context, clientID int64, from, to time.Time) (AlertHours, error) {
	return AlertHours{}, errTodo()
}

// SetCrisis turns a client's crisis mode on or off: on pauses every
// scheduled post of the client (they stay in the calendar, marked paused,
// and the engine does not publish them); off resumes them.
func (s *Store) SetCrisis(ctx context.Context, clientID int64, on bool, now time.Time) error {
	return errTodo()
}

// Crises lists the clients in crisis mode with when it started.
func (s *Store) Crises(ctx context.Context) (map[int64]time.Time, error) {
	return nil, errTodo()
}
