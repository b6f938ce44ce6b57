package store

import (
	"context"
	"database/sql"
	"strings"

	"cmdeck/core"
)

// A publish action's post follows it: the calendar reads the post's status
// and error, so both change in the transaction that changes the action,
// whichever way it goes (engine, outbox overlay or calendar).

// postFollow is how a post changes with its publish action.
type postFollow struct {
	status   core.PostStatus
	setError bool   // replace the post's error with errText
	errText  string // stored as given: the caller bounds it (errorText)
}

// apply moves the post of action id, if the action publishes one. A
// published post stays published: the network's word is final.
func (f postFollow) apply(ctx context.Context, tx *sql.Tx, actionID, now int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE posts SET status = ?1,
			error = CASE WHEN ?2 THEN ?3 ELSE error END, updated_at = ?4
		WHERE id = (SELECT post_id FROM actions WHERE id = ?5 AND kind = 'publish')
			AND status != 'published'`, string(f.status), f.setError, f.errText, now, actionID)
	return err
}

// runnerMode is the mode part of a lease owner "host:pid:mode" ("daemon",
// "tui"), which the calendar shows as who published a post; "" when the
// owner names none.
func runnerMode(owner string) string {
	parts := strings.SplitN(owner, ":", 3)
	if len(parts) < 3 {
		return ""
	}
	return core.SanitizeLine(parts[2])
}
