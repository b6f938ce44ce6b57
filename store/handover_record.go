package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"cmdeck/core"
)

// The engine's records of what a network said about a handed action. Each
// is one transaction, guarded by the state and by owner's claim: a runner
// whose claim went stale and was taken back records nothing, and the
// runner that took it decides from the network again.

// byNetwork is the published_by of a post the network published itself.
const byNetwork = "network"

// handedRecord runs one guarded write on a handed action claimed by owner
// and says why when the guard did not hold.
func (s *Store) handedRecord(ctx context.Context, op string, id int64, owner string, q string, args ...any) error {
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, q+` WHERE id = ? AND state = 'handed' AND claimed_by = ?`,
			append(args, id, owner)...)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 1 {
			return nil
		}
		return notClaimed(ctx, tx, id)
	})
	if err != nil {
		return fmt.Errorf("store: %s action %d: %w", op, id, err)
	}
	return nil
}

// notClaimed says why a guarded write on a handed action changed nothing.
func notClaimed(ctx context.Context, tx *sql.Tx, id int64) error {
	st, err := actionState(ctx, tx, id)
	if err != nil {
		return err
	}
	if st == core.ActionHanded {
		return ErrNotClaimed
	}
	return fmt.Errorf("the action is %s", st)
}

// ErrNotClaimed is returned when a runner records an answer about a
// handed action it no longer holds: its claim went stale and another
// runner took it.
var ErrNotClaimed = errors.New("the action is claimed by another runner")

// RecordScheduled records that the network holds the action as
// scheduledID, at the time and with the text it was given; the claim is
// released.
func (s *Store) RecordScheduled(ctx context.Context, id int64, owner, scheduledID string, now time.Time) error {
	scheduledID = core.SanitizeLine(scheduledID)
	if scheduledID == "" {
		return fmt.Errorf("store: record scheduled action %d: no scheduled id", id)
	}
	return s.handedRecord(ctx, "record scheduled", id, owner, `UPDATE actions SET scheduled_id = ?,
		claimed_by = '', claimed_at = 0, net_tries = 0, net_retry_at = 0, last_error = '', updated_at = ?`,
		scheduledID, ms(now))
}

// RecordRescheduled records that the network's copy was moved to at; the
// claim is released. A later move by the CM stays to be carried.
func (s *Store) RecordRescheduled(ctx context.Context, id int64, owner string, at, now time.Time) error {
	return s.handedRecord(ctx, "record rescheduled", id, owner, `UPDATE actions SET held_at = ?,
		claimed_by = '', claimed_at = 0, net_tries = 0, net_retry_at = 0, last_error = '', updated_at = ?`,
		ms(at), ms(now))
}

// DeferHanded releases the claim and leaves the action handed until
// retryAt. A non-empty msg records a failed call (the error shows on the
// action, and the failures count for the backoff); an empty one is a plain
// wait (the time to confirm has not come, the post is not visible yet).
// forget says the network no longer holds the copy it had an id for (it
// took it, to publish it or not): the id is dropped.
func (s *Store) DeferHanded(ctx context.Context, id int64, owner, msg string, forget bool, retryAt, now time.Time) error {
	failed := msg != ""
	return s.handedRecord(ctx, "defer handed", id, owner, `UPDATE actions SET
		claimed_by = '', claimed_at = 0, net_retry_at = ?,
		net_tries = CASE WHEN ? THEN net_tries + 1 ELSE net_tries END,
		last_error = CASE WHEN ? THEN ? ELSE last_error END,
		scheduled_id = CASE WHEN ? THEN '' ELSE scheduled_id END, updated_at = ?`,
		ms(retryAt), failed, failed, errorText(msg), forget, ms(now))
}

// ReleaseHandover records that the network does not hold the action (it
// refused it, or its copy was cancelled or lost): a withdrawn action is
// cancelled (its post is already a draft, or deleted); any other goes
// back to the outbox, pending at its time. Its attempts count at least one,
// so the outbox asks the network (providers.Checker) before sending it:
// whatever happened to the network's copy, the post is never published
// twice. A non-empty reason shows on the action and its post.
func (s *Store) ReleaseHandover(ctx context.Context, id int64, owner, reason string, now time.Time) error {
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		var state string
		err := tx.QueryRowContext(ctx, `UPDATE actions SET
				state = CASE WHEN withdraw = 1 THEN 'cancelled' ELSE 'pending' END,
				scheduled_id = '', held_at = 0, held_payload = '', held_media = '', withdraw = 0,
				net_tries = 0, net_retry_at = 0, claimed_by = '', claimed_at = 0,
				attempts = max(attempts, 1), last_error = ?, updated_at = ?
			WHERE id = ? AND state = 'handed' AND claimed_by = ? RETURNING state`,
			errorText(reason), ms(now), id, owner).Scan(&state)
		if errors.Is(err, sql.ErrNoRows) {
			return notClaimed(ctx, tx, id)
		}
		if err != nil {
			return err
		}
		follow := postFollow{status: core.PostScheduled, setError: true, errText: errorText(reason)}
		if core.ActionState(state) == core.ActionCancelled {
			follow = postFollow{status: core.PostDraft, setError: true}
		}
		return follow.apply(ctx, tx, id, ms(now))
	})
	if err != nil {
		return fmt.Errorf("store: release handover of action %d: %w", id, err)
	}
	return nil
}

// CompleteHandover records that the network published a handed action
// (found by providers.Checker): the action is done and its post published
// with the network's id and link, by "network", at the time the network
// held it for (or the time a synced copy of it says). Like CompleteAction,
// the network's word wins over the row's state, and completing a done
// action does nothing.
func (s *Store) CompleteHandover(ctx context.Context, id int64, res core.ActionResult, now time.Time) error {
	return s.complete(ctx, id, res, now, byTheNetwork)
}

// byTheNetwork is the network, at the time it held the post for.
func byTheNetwork(_ string, heldAt, now int64) (string, int64) {
	if heldAt > 0 {
		return byNetwork, heldAt
	}
	return byNetwork, now
}
