package store

import (
	"context"
	"fmt"
	"time"
)

// SnoozeAlert hides a live alert until until: it leaves the live list and
// OpenAlerts, keeps growing silently with its group, and is open again
// when the snooze ends, or at once if its severity rises (see RaiseAlert).
// until must be after now; snoozing a resolved alert changes nothing.
func (s *Store) SnoozeAlert(ctx context.Context, id int64, until, now time.Time) error {
	if !until.After(now) {
		return fmt.Errorf("store: snooze alert %d: %s is not after %s", id,
			until.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}
	return s.alertWrite(ctx, "snooze", id, `UPDATE alerts SET state = 'snoozed', snoozed_until = ?
		WHERE id = ? AND state != 'resolved'`, ms(until), id)
}

// ResolveAlert closes an alert at now: it joins the history, and the next
// match in its group opens a new alert (RaiseAlert reports it opened).
// Resolving a resolved alert changes nothing.
func (s *Store) ResolveAlert(ctx context.Context, id int64, now time.Time) error {
	return s.alertWrite(ctx, "resolve", id, `UPDATE alerts SET state = 'resolved', resolved_at = ?,
		snoozed_until = 0 WHERE id = ? AND state != 'resolved'`, max(ms(now), 1), id)
}
