package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"cmdeck/core"
)

// Native scheduling. A pending publish action far enough ahead may be
// handed to a network that holds posts until their time (Mastodon's
// scheduled_at), so it goes out even if no cmdeck runs then. A handed
// action (core.ActionHanded) is never claimed by ClaimDue. The row keeps
// what the calendar wants (not_before, payload, media, withdraw) beside
// what the network was given (scheduled_id, held_*); the calendar's writes
// change only the former, in their one transaction, and the engine carries
// the difference to the network, recording each step it completes here.
// Every write below is guarded by the state and the claim, so two runners
// never both hand over one action or both record one answer.

// Handover is a handed publish action as the engine works on it.
type Handover struct {
	core.Action // what the calendar wants: NotBefore, Payload, Media
	// ScheduledID is the network's id of its copy; "" while unknown (the
	// handover is under way, or its answer was lost).
	ScheduledID string
	HeldAt      time.Time // the time the network was given
	HeldPayload string    // the text the network was given
	HeldMedia   []string  // the attachments the network was given
	// Withdraw: the CM deleted or unscheduled the post; the network's copy
	// is to be cancelled, then the action is.
	Withdraw bool
	// Handovers counts the handovers of the action, this one included:
	// each has its own idempotency key.
	Handovers int
	// NetTries counts the failed calls about the network's copy since the
	// last success, for the backoff.
	NetTries int
	// Paused: the post's client is in crisis. The network's copy is to be
	// cancelled and the action given back to the outbox, which holds it
	// until the crisis ends (crisis.go).
	Paused bool
}

// Edited reports whether the text or media changed since the network was
// given them: its copy must be replaced.
func (h Handover) Edited() bool {
	return h.Payload != h.HeldPayload || !slices.Equal(h.Media, h.HeldMedia)
}

// Moved reports whether the time changed since the network was given it.
func (h Handover) Moved() bool { return !h.NotBefore.Equal(h.HeldAt) }

// Held is the action as the network holds it: its text, media and time.
func (h Handover) Held() core.Action {
	a := h.Action
	a.Payload, a.Media, a.NotBefore = h.HeldPayload, slices.Clone(h.HeldMedia), h.HeldAt
	return a
}

// handedCols are the columns scanHandover reads, over actions x.
const handedCols = actionCols + `, x.scheduled_id, x.held_at, x.held_payload, x.held_media,
	x.withdraw, x.handovers, x.net_tries, x.account_id IN (` + pausedAccountsSQL + `)`

// outOfSyncSQL holds when a handed action x differs from the network's
// copy, or the copy's id is unknown.
const outOfSyncSQL = `(x.scheduled_id = '' OR x.withdraw = 1 OR x.not_before != x.held_at
	OR x.payload != x.held_payload OR x.media != x.held_media)`

// scanHandover reads handedCols.
func scanHandover(row interface{ Scan(...any) error }) (Handover, error) {
	var h Handover
	var heldAt int64
	var heldMedia string
	a, err := scanAction(row, &h.ScheduledID, &heldAt, &h.HeldPayload, &heldMedia,
		&h.Withdraw, &h.Handovers, &h.NetTries, &h.Paused)
	if err != nil {
		return Handover{}, err
	}
	h.Action, h.HeldAt = a, fromMS(heldAt)
	if h.HeldMedia, err = decodeMedia(heldMedia); err != nil {
		return Handover{}, fmt.Errorf("action %d: %w", a.ID, err)
	}
	return h, nil
}

// maxHandover bounds one HandoverCandidates call.
const maxHandover = 100

// handoverCandidatesQuery repeats the WHERE of the actions_handover index
// (migrations/0009_native_schedule.sql) so SQLite reads it.
const handoverCandidatesQuery = `SELECT ` + actionCols + ` FROM actions x
	WHERE x.state = 'pending' AND x.kind = 'publish' AND x.account_id = ? AND x.not_before >= ?
		AND x.account_id NOT IN (` + pausedAccountsSQL + `)
	ORDER BY x.not_before, x.id LIMIT ?`

// HandoverCandidates lists up to limit (at most 100) pending publish
// actions of an account due at or after from, soonest first: those the
// engine may hand to the account's network. None while the account's
// client is in crisis.
func (s *Store) HandoverCandidates(ctx context.Context, accountID int64, from time.Time, limit int) ([]core.Action, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, handoverCandidatesQuery, accountID, ms(from), min(limit, maxHandover))
	if err != nil {
		return nil, fmt.Errorf("store: handover candidates: %w", err)
	}
	defer rows.Close()
	var out []core.Action
	for rows.Next() {
		a, err := scanAction(rows)
		if err != nil {
			return nil, fmt.Errorf("store: handover candidates: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: handover candidates: %w", err)
	}
	return out, nil
}

// ClaimHandover starts handing a pending publish action over for owner: it
// becomes handed and claimed, the network is to be given its current
// time, text and media (held), and it counts one more handover. ok is
// false when the action is no longer a pending publish action due at or
// after from: another runner took it, the outbox claimed it, the CM
// moved it nearer or put its client in crisis meanwhile. The post stays
// scheduled.
func (s *Store) ClaimHandover(ctx context.Context, id int64, owner string, from, now time.Time) (Handover, bool, error) {
	if owner == "" {
		return Handover{}, false, errors.New("store: claim handover: no owner")
	}
	var h Handover
	var ok bool
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `UPDATE actions SET state = 'handed', claimed_by = ?, claimed_at = ?,
				held_at = not_before, held_payload = payload, held_media = media, scheduled_id = '',
				withdraw = 0, handovers = handovers + 1, net_tries = 0, net_retry_at = 0, updated_at = ?
			WHERE id = ? AND state = 'pending' AND kind = 'publish' AND not_before >= ?
				AND account_id NOT IN (`+pausedAccountsSQL+`)`,
			owner, ms(now), ms(now), id, ms(from))
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n != 1 {
			return nil
		}
		h, err = readHandover(ctx, tx, id)
		ok = err == nil
		return err
	})
	if err != nil {
		return Handover{}, false, fmt.Errorf("store: claim handover of action %d: %w", id, err)
	}
	return h, ok, nil
}

// readHandover reads one action with its handover columns.
func readHandover(ctx context.Context, tx *sql.Tx, id int64) (Handover, error) {
	h, err := scanHandover(tx.QueryRowContext(ctx, `SELECT `+handedCols+` FROM actions x WHERE x.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Handover{}, ErrNotFound
	}
	return h, err
}

// handedWorkQuery finds a handed action needing the network (?1 now, ?2
// claims older than this are stale, ?3 a time held at or before this is
// due for confirmation): a change not yet carried there, an unknown id,
// its time passed, or its client in crisis (its copy is to be cancelled).
// Rows waiting for their retry time, and those claimed by a live runner,
// are left. It reads actions_due (state, not_before).
const handedWorkQuery = `SELECT x.id FROM actions x
	WHERE x.state = 'handed' AND x.net_retry_at <= ?1 AND (x.claimed_by = '' OR x.claimed_at < ?2)
		AND (` + outOfSyncSQL + ` OR x.held_at <= ?3 OR x.account_id IN (` + pausedAccountsSQL + `))
	ORDER BY x.net_retry_at, x.id LIMIT 1`

// ClaimHandedWork claims for owner the first handed action that needs the
// network at now: a change of the CM's not carried there yet (withdraw,
// text, media, time), a copy whose id is unknown, or a post held for a time
// more than grace ago, to confirm it went out, or a post of a client in
// crisis (Handover.Paused). A claim older than stale is
// taken back. ok is false when nothing needs work. It writes only when
// something does.
func (s *Store) ClaimHandedWork(ctx context.Context, owner string, now time.Time, grace, stale time.Duration) (Handover, bool, error) {
	if owner == "" {
		return Handover{}, false, errors.New("store: claim handed work: no owner")
	}
	if stale <= 0 {
		return Handover{}, false, fmt.Errorf("store: claim handed work: stale must be positive, got %s", stale)
	}
	staleBefore, dueBefore := ms(now.Add(-stale)), ms(now.Add(-grace))
	var id int64
	err := s.db.QueryRowContext(ctx, handedWorkQuery, ms(now), staleBefore, dueBefore).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return Handover{}, false, nil
	}
	if err != nil {
		return Handover{}, false, fmt.Errorf("store: claim handed work: %w", err)
	}
	var h Handover
	var ok bool
	err = s.Tx(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `UPDATE actions SET claimed_by = ?, claimed_at = ?, updated_at = ?
			WHERE id = ? AND state = 'handed' AND net_retry_at <= ? AND (claimed_by = '' OR claimed_at < ?)`,
			owner, ms(now), ms(now), id, ms(now), staleBefore)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n != 1 {
			return nil // another runner was quicker
		}
		h, err = readHandover(ctx, tx, id)
		ok = err == nil
		return err
	})
	if err != nil {
		return Handover{}, false, fmt.Errorf("store: claim handed work on action %d: %w", id, err)
	}
	return h, ok, nil
}
