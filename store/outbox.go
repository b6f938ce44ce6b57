package store

// The outbox: everything that leaves (replies, moderation, posts) is a row in
// actions. The UI enqueues with not_before = now + the undo window; the
// engine claims due rows, calls the network and records the result. A row
// moves pending → claimed → done, or back to pending (transient failure),
// or to failed (permanent, visible, retryable); pending rows can be
// cancelled (undo, discard).

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"cmdeck/core"
)

// ErrTooLate is returned by Cancel and DiscardAction when the action can no
// longer be undone: it left, is leaving, or already ended.
var ErrTooLate = errors.New("too late to undo: the action has left")

// maxErrorLen bounds the error text kept on a row: a provider may return a
// whole HTML error page.
const maxErrorLen = 500

// actionCols are the columns scanAction reads, over actions x.
const actionCols = `x.id, x.account_id, x.kind, coalesce(x.item_id, 0), coalesce(x.post_id, 0),
	x.target_remote_id, x.payload, x.not_before, x.state, x.attempts, x.last_error,
	x.idempotency_key, x.created_at, x.actor, x.media`

// scanAction reads actionCols, then any extra destinations.
func scanAction(row interface{ Scan(...any) error }, extra ...any) (core.Action, error) {
	var a core.Action
	var kind, state string
	var notBefore, created int64
	var media string
	dest := []any{&a.ID, &a.AccountID, &kind, &a.ItemID, &a.PostID, &a.TargetRemoteID, &a.Payload,
		&notBefore, &state, &a.Attempts, &a.LastError, &a.IdempotencyKey, &created, &a.Actor, &media}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return core.Action{}, err
	}
	a.Kind, a.State = core.ActionKind(kind), core.ActionState(state)
	a.NotBefore, a.CreatedAt = fromMS(notBefore), fromMS(created)
	var err error
	if a.Media, err = decodeMedia(media); err != nil {
		return core.Action{}, fmt.Errorf("action %d: %w", a.ID, err)
	}
	return a, nil
}

// knownAction reports whether k is an action kind the outbox carries.
func knownAction(k core.ActionKind) bool {
	switch k {
	case core.ActReply, core.ActHide, core.ActUnhide, core.ActDelete, core.ActBlock,
		core.ActUnblock, core.ActSpam, core.ActPublish, core.ActLike, core.ActMute, core.ActUnmute,
		core.ActReport, core.ActSilence, core.ActSuspend:
		return true
	}
	return false
}

// Enqueue adds an outbox row (state pending) and returns its id. a.IdempotencyKey
// must be set and unique. For a reply, the pending reply is visible at once via
// PendingActions.
//
// Defaults: CreatedAt is the store's clock; NotBefore is CreatedAt (due at
// once). When ItemID is set, AccountID may be left 0 (the item's account is
// used) and TargetRemoteID may be left "" (the item's remote id, or for
// block/unblock its author's). Text is sanitized; the state is always pending.
func (s *Store) Enqueue(ctx context.Context, a core.Action) (int64, error) {
	if err := normalizeAction(&a, s.clock.Now()); err != nil {
		return 0, fmt.Errorf("store: enqueue: %w", err)
	}
	var id int64
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = enqueueTx(ctx, tx, a)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: enqueue %s: %w", a.Kind, err)
	}
	return id, nil
}

// normalizeAction checks an action to queue, sanitizes its text and fills
// its default times (CreatedAt now, NotBefore CreatedAt).
func normalizeAction(a *core.Action, now time.Time) error {
	a.IdempotencyKey = strings.TrimSpace(a.IdempotencyKey)
	if a.IdempotencyKey == "" {
		return errors.New("the action has no idempotency key")
	}
	if !knownAction(a.Kind) {
		return fmt.Errorf("unknown action %q", a.Kind)
	}
	a.Payload, a.TargetRemoteID = core.Sanitize(a.Payload), core.SanitizeLine(a.TargetRemoteID)
	a.Actor = core.SanitizeLine(a.Actor)
	if a.CreatedAt.IsZero() {
		a.CreatedAt = now
	}
	if a.NotBefore.IsZero() {
		a.NotBefore = a.CreatedAt
	}
	return nil
}

// enqueueTx is Enqueue's write, inside a caller's transaction (the
// calendar queues a post's publish action with the post). a has been
// through normalizeAction.
func enqueueTx(ctx context.Context, tx *sql.Tx, a core.Action) (int64, error) {
	if err := resolveTarget(ctx, tx, &a); err != nil {
		return 0, err
	}
	var dup int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM actions WHERE idempotency_key = ?`,
		a.IdempotencyKey).Scan(&dup); err != nil {
		return 0, err
	}
	if dup > 0 {
		return 0, fmt.Errorf("idempotency key %q is already used", a.IdempotencyKey)
	}
	r, err := tx.ExecContext(ctx, `INSERT INTO actions (account_id, kind, item_id, post_id,
			target_remote_id, payload, not_before, state, attempts, idempotency_key,
			created_at, updated_at, actor, media)
		VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?)`,
		a.AccountID, string(a.Kind), nullID(a.ItemID), nullID(a.PostID), a.TargetRemoteID,
		a.Payload, ms(a.NotBefore), a.IdempotencyKey, ms(a.CreatedAt), ms(a.CreatedAt), a.Actor,
		encodeMedia(a.Media))
	if err != nil {
		return 0, err
	}
	return r.LastInsertId()
}

// resolveTarget fills an action's account and target from its item, and
// checks that they agree.
func resolveTarget(ctx context.Context, tx *sql.Tx, a *core.Action) error {
	if a.ItemID == 0 {
		if a.AccountID == 0 {
			return errors.New("the action names neither an account nor an item")
		}
		return nil
	}
	var account int64
	var remote, authorRemote string
	err := tx.QueryRowContext(ctx, `SELECT i.account_id, i.remote_id, coalesce(au.remote_id, '')
		FROM items i LEFT JOIN authors au ON au.id = i.author_id WHERE i.id = ?`, a.ItemID).
		Scan(&account, &remote, &authorRemote)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("item %d: %w", a.ItemID, ErrNotFound)
	}
	if err != nil {
		return err
	}
	if a.AccountID == 0 {
		a.AccountID = account
	}
	if a.AccountID != account {
		return fmt.Errorf("item %d belongs to account %d, not %d", a.ItemID, account, a.AccountID)
	}
	if a.TargetRemoteID == "" {
		a.TargetRemoteID = remote
		if a.Kind.PerAuthor() {
			a.TargetRemoteID = authorRemote
		}
	}
	return nil
}

// nullID stores an optional reference: 0 is NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// Cancel undoes a pending action (state cancelled). Any pending action that
// was never attempted can be cancelled, even a little past its not_before:
// nothing has left while no worker has claimed it, and the claim and the
// cancel exclude each other. It returns ErrTooLate when the action was
// claimed, attempted, or has ended; cancelling a cancelled action is a no-op.
func (s *Store) Cancel(ctx context.Context, id int64, now time.Time) error {
	return s.cancelIf(ctx, id, now, "state = 'pending' AND attempts = 0", "cancel")
}

// actionState returns the state of one action (ErrNotFound if none).
func actionState(ctx context.Context, tx *sql.Tx, id int64) (core.ActionState, error) {
	var st string
	err := tx.QueryRowContext(ctx, `SELECT state FROM actions WHERE id = ?`, id).Scan(&st)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	return core.ActionState(st), err
}

// LastUndoable returns the newest pending action created by actor whose
// not_before is after now and that was never attempted, or ErrNotFound.
// Scheduled posts are not undone with a key: their wait lasts until their
// slot, and `u` must never cancel next week's post.
func (s *Store) LastUndoable(ctx context.Context, actor string, now time.Time) (core.Action, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+actionCols+` FROM actions x
		WHERE x.actor = ? AND x.state = 'pending' AND x.not_before > ? AND x.attempts = 0
			AND x.kind != 'publish'
		ORDER BY x.created_at DESC, x.id DESC LIMIT 1`, core.SanitizeLine(actor), ms(now))
	a, err := scanAction(row)
	if errors.Is(err, sql.ErrNoRows) {
		return core.Action{}, fmt.Errorf("store: last undoable action: %w", ErrNotFound)
	}
	if err != nil {
		return core.Action{}, fmt.Errorf("store: last undoable action: %w", err)
	}
	return a, nil
}

// RetryLater puts a claimed action back to pending with not_before = at and the
// error recorded (transient failure). The action must still be claimed. A
// post it publishes stays scheduled, showing the error.
func (s *Store) RetryLater(ctx context.Context, id int64, msg string, at time.Time) error {
	now := ms(s.clock.Now())
	follow := postFollow{status: core.PostScheduled, setError: true, errText: errorText(msg)}
	return s.release(ctx, id, "RetryLater", follow, now, `UPDATE actions SET state = 'pending', not_before = ?,
		last_error = ?, claimed_by = '', claimed_at = 0, updated_at = ?
		WHERE id = ? AND state = 'claimed'`, ms(at), errorText(msg), now, id)
}

// FailAction marks an action failed (permanent), with the reason; it stays
// visible. The action must be claimed or pending. A post it publishes is
// marked failed with the reason.
func (s *Store) FailAction(ctx context.Context, id int64, msg string, now time.Time) error {
	follow := postFollow{status: core.PostFailed, setError: true, errText: errorText(msg)}
	return s.release(ctx, id, "FailAction", follow, ms(now), `UPDATE actions SET state = 'failed', last_error = ?,
		claimed_by = '', claimed_at = 0, updated_at = ?
		WHERE id = ? AND state IN ('claimed', 'pending')`, errorText(msg), ms(now), id)
}

// release runs a conditional state change on one action, moves its post
// (if it publishes one) as follow says, and says why when the action was
// not in a state it applies to.
func (s *Store) release(ctx context.Context, id int64, op string, follow postFollow, now int64, q string, args ...any) error {
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		return releaseTx(ctx, tx, id, follow, now, q, args...)
	})
	if err != nil {
		return fmt.Errorf("store: %s action %d: %w", op, id, err)
	}
	return nil
}

// releaseTx is release inside a caller's transaction.
func releaseTx(ctx context.Context, tx *sql.Tx, id int64, follow postFollow, now int64, q string, args ...any) error {
	r, err := tx.ExecContext(ctx, q, args...)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n == 1 {
		return follow.apply(ctx, tx, id, now)
	}
	st, err := actionState(ctx, tx, id)
	if err != nil {
		return err
	}
	return fmt.Errorf("the action is %s", st)
}

// errorText is an error message as stored: one sanitized line, bounded.
func errorText(msg string) string {
	msg = core.SanitizeLine(msg)
	if r := []rune(msg); len(r) > maxErrorLen {
		msg = string(r[:maxErrorLen-1]) + "…"
	}
	return msg
}

// RetryAction puts a failed action back to pending, due now, with its attempts
// counted from zero again: a person decided to try once more. A post it
// publishes is scheduled again, its error cleared.
func (s *Store) RetryAction(ctx context.Context, id int64, now time.Time) error {
	err := s.Tx(ctx, func(tx *sql.Tx) error { return retryTx(ctx, tx, id, now) })
	if err != nil {
		return fmt.Errorf("store: RetryAction action %d: %w", id, err)
	}
	return nil
}

// retryTx is RetryAction inside a caller's transaction: the calendar's
// RetryPost goes the same way.
func retryTx(ctx context.Context, tx *sql.Tx, id int64, now time.Time) error {
	return releaseTx(ctx, tx, id, postFollow{status: core.PostScheduled, setError: true}, ms(now),
		`UPDATE actions SET state = 'pending', not_before = ?, attempts = 0, updated_at = ?
		WHERE id = ? AND state = 'failed'`, ms(now), ms(now), id)
}

// DiscardAction cancels a failed or pending action for good. A claimed or
// done action returns ErrTooLate; discarding a cancelled one is a no-op.
func (s *Store) DiscardAction(ctx context.Context, id int64, now time.Time) error {
	return s.cancelIf(ctx, id, now, "state IN ('failed', 'pending')", "discard")
}

// cancelIf moves an action to cancelled when cond (SQL over actions) holds.
// Otherwise a cancelled action is a no-op and anything else is ErrTooLate:
// the action was claimed, attempted, or has ended.
func (s *Store) cancelIf(ctx context.Context, id int64, now time.Time, cond, verb string) error {
	err := s.Tx(ctx, func(tx *sql.Tx) error { return cancelTx(ctx, tx, id, now, cond) })
	if err != nil {
		return fmt.Errorf("store: %s action %d: %w", verb, id, err)
	}
	return nil
}

// cancelTx is cancelIf inside a caller's transaction. A post the action
// would have published goes back to draft (it keeps its time, so it stays
// where the CM saw it): nothing will publish it any more.
func cancelTx(ctx context.Context, tx *sql.Tx, id int64, now time.Time, cond string) error {
	r, err := tx.ExecContext(ctx, `UPDATE actions SET state = 'cancelled', updated_at = ?
		WHERE id = ? AND `+cond, ms(now), id)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n == 1 {
		return postFollow{status: core.PostDraft, setError: true}.apply(ctx, tx, id, ms(now))
	}
	st, err := actionState(ctx, tx, id)
	if err != nil {
		return err
	}
	if st == core.ActionCancelled {
		return nil
	}
	return ErrTooLate
}
