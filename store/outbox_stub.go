package store

// Contract for the outbox and triage (inbox issue). Bodies are placeholders
// to be replaced by the real implementation (then delete this file).

import (
	"context"
	"errors"
	"time"

	"cmdeck/core"
)

// Enqueue adds an outbox row (state pending) and returns its id. a.IdempotencyKey
// must be set and unique. For a reply, the pending reply is visible at once via
// PendingReplies.
func (s *Store) Enqueue(ctx context.Context, a core.Action) (int64, error) { return 0, errTODO }

// Cancel undoes a pending action whose not_before is still after now (state
// cancelled). It returns ErrTooLate when the action already left or was claimed.
func (s *Store) Cancel(ctx context.Context, id int64, now time.Time) error { return errTODO }

// LastUndoable returns the newest pending action created by actor whose
// not_before is after now, or ErrNotFound.
func (s *Store) LastUndoable(ctx context.Context, actor string, now time.Time) (core.Action, error) {
	return core.Action{}, errTODO
}

// ClaimDue atomically claims up to limit pending actions with not_before <= now
// for owner (state claimed, claimed_by, claimed_at, attempts+1), oldest first.
// Rows claimed by anyone more than stale ago (a worker that died between send
// and record) are returned too, with Reclaimed set: the caller must check with
// the network before sending them again.
func (s *Store) ClaimDue(ctx context.Context, owner string, now time.Time, stale time.Duration, limit int) ([]ClaimedAction, error) {
	return nil, errTODO
}

// CompleteAction records a confirmed action (state done) and applies its local
// effect in the same transaction: a reply becomes an Outgoing item in the thread
// (with its FTS row) and the target item becomes replied; hide → hidden, unhide →
// read, delete → deleted, spam → spam, block/unblock → the author's blocked flag.
func (s *Store) CompleteAction(ctx context.Context, id int64, res core.ActionResult, now time.Time) error {
	return errTODO
}

// RetryLater puts a claimed action back to pending with not_before = at and the
// error recorded (transient failure).
func (s *Store) RetryLater(ctx context.Context, id int64, msg string, at time.Time) error { return errTODO }

// FailAction marks an action failed (permanent), with the reason; it stays visible.
func (s *Store) FailAction(ctx context.Context, id int64, msg string, now time.Time) error { return errTODO }

// RetryAction puts a failed action back to pending, due now.
func (s *Store) RetryAction(ctx context.Context, id int64, now time.Time) error { return errTODO }

// DiscardAction cancels a failed or pending action for good.
func (s *Store) DiscardAction(ctx context.Context, id int64, now time.Time) error { return errTODO }

// Actions lists outbox rows in the given states (all when empty), newest first.
func (s *Store) Actions(ctx context.Context, states []core.ActionState, limit int) ([]ActionView, error) {
	return nil, errTODO
}

// PendingActions returns the actions not yet confirmed (pending, claimed or
// failed) for the given items, oldest first: a thread shows pending replies at
// once, and list rows mark items with an action on its way.
func (s *Store) PendingActions(ctx context.Context, itemIDs []int64) ([]core.Action, error) {
	return nil, errTODO
}

// SetState sets the triage state of items (done, read, new…). needsReply is
// cleared for done/hidden/spam/deleted/replied.
func (s *Store) SetState(ctx context.Context, ids []int64, st core.ItemState, now time.Time) error {
	return errTODO
}

// Snooze hides items from the default views until the given time (zero = unsnooze).
func (s *Store) Snooze(ctx context.Context, ids []int64, until time.Time) error { return errTODO }

// SetTag adds (on) or removes a tag on items.
func (s *Store) SetTag(ctx context.Context, ids []int64, tag string, on bool) error { return errTODO }

// Assign sets who handles the items ("" = nobody).
func (s *Store) Assign(ctx context.Context, ids []int64, who string) error { return errTODO }

// TaggedItems lists a client's tagged items since a time, oldest first, for export.
func (s *Store) TaggedItems(ctx context.Context, clientID int64, since time.Time) ([]ItemView, error) {
	return nil, errTODO
}

// ErrTooLate is returned by Cancel when the action can no longer be undone.
var ErrTooLate = errors.New("too late to undo: the action has left")

var errTODO = errors.New("store: not implemented yet")
