package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"cmdeck/core"
)

// maxClaim bounds one ClaimDue call.
const maxClaim = 100

// ClaimDue's queries: stale claims (claimed before ?1), then due pending rows
// (not_before <= ?1), oldest first, at most ?2, leaving the posts of the
// clients in crisis (crisis.go). Both read actions_due.
const (
	claimStaleQuery = `SELECT ` + actionCols + ` FROM actions x
		WHERE x.state = 'claimed' AND x.claimed_at < ?1 AND ` + notPausedSQL + `
		ORDER BY x.claimed_at, x.id LIMIT ?2`
	claimDueQuery = `SELECT ` + actionCols + ` FROM actions x
		WHERE x.state = 'pending' AND x.not_before <= ?1 AND ` + notPausedSQL + `
		ORDER BY x.not_before, x.id LIMIT ?2`
)

// ClaimDue atomically claims up to limit pending actions with not_before <= now
// for owner (state claimed, claimed_by, claimed_at, attempts+1), oldest first.
// A post a claimed action publishes shows as publishing.
// Rows claimed by anyone more than stale ago (a worker that died between send
// and record) are returned too, first, with Reclaimed set: the caller must
// check with the network before sending them again. The publish actions of
// a client in crisis are left, pending or stale (crisis.go).
//
// It writes only when something is due: the engine asks every second, and an
// empty write would still tell every reader of the database that it changed.
// Two stores on one file never get the same row: the claim is one IMMEDIATE
// transaction that re-reads the rows under the write lock.
func (s *Store) ClaimDue(ctx context.Context, owner string, now time.Time, stale time.Duration, limit int) ([]ClaimedAction, error) {
	if owner == "" {
		return nil, errors.New("store: claim due actions: no owner")
	}
	if stale <= 0 {
		return nil, fmt.Errorf("store: claim due actions: stale must be positive, got %s", stale)
	}
	if limit <= 0 {
		return nil, nil
	}
	limit = min(limit, maxClaim)
	staleBefore := ms(now.Add(-stale))
	due, err := s.anyDue(ctx, ms(now), staleBefore)
	if err != nil || !due {
		return nil, err
	}
	var out []ClaimedAction
	err = s.Tx(ctx, func(tx *sql.Tx) error {
		reclaimed, err := claimable(ctx, tx, claimStaleQuery, staleBefore, limit, true)
		if err != nil {
			return err
		}
		pending, err := claimable(ctx, tx, claimDueQuery, ms(now), limit-len(reclaimed), false)
		if err != nil {
			return err
		}
		out = append(reclaimed, pending...)
		for i := range out {
			if _, err := tx.ExecContext(ctx, `UPDATE actions SET state = 'claimed', claimed_by = ?,
				claimed_at = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?`,
				owner, ms(now), ms(now), out[i].ID); err != nil {
				return err
			}
			out[i].State = core.ActionClaimed
			out[i].Attempts++
			if out[i].Kind != core.ActPublish {
				continue
			}
			follow := postFollow{status: core.PostPublishing}
			if err := follow.apply(ctx, tx, out[i].ID, ms(now)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: claim due actions: %w", err)
	}
	return out, nil
}

// anyDue is ClaimDue's read-only probe: is any row due or stale?
func (s *Store) anyDue(ctx context.Context, now, staleBefore int64) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT
		EXISTS (SELECT 1 FROM actions x WHERE x.state = 'pending' AND x.not_before <= ? AND `+notPausedSQL+`)
		OR EXISTS (SELECT 1 FROM actions x WHERE x.state = 'claimed' AND x.claimed_at < ? AND `+notPausedSQL+`)`,
		now, staleBefore).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: claim due actions: %w", err)
	}
	return n == 1, nil
}

// claimable reads up to limit rows with query q (a time, then the limit),
// marked reclaimed or not.
func claimable(ctx context.Context, tx *sql.Tx, q string, at int64, limit int, reclaimed bool) ([]ClaimedAction, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := tx.QueryContext(ctx, q, at, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ClaimedAction
	for rows.Next() {
		a, err := scanAction(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, ClaimedAction{Action: a, Reclaimed: reclaimed})
	}
	return out, rows.Err()
}
