package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
	"unicode/utf8"

	"cmdeck/core"
)

// maxSyncError bounds a stored sync error: it is shown in a status line,
// and a network may answer with a whole HTML page.
const maxSyncError = 1000

// syncTimes holds sync_state's millisecond columns while scanning.
type syncTimes struct{ success, attempt, backoff int64 }

// fill converts the scanned times into st.
func (t syncTimes) fill(st *core.SyncState) {
	st.LastSuccess = fromMS(t.success)
	st.LastAttempt = fromMS(t.attempt)
	st.BackoffUntil = fromMS(t.backoff)
}

// SyncState returns the bookkeeping for an account (zero value, with the
// account id set, if it never synced).
func (s *Store) SyncState(ctx context.Context, accountID int64) (core.SyncState, error) {
	st := core.SyncState{AccountID: accountID}
	var t syncTimes
	err := s.db.QueryRowContext(ctx, `
		SELECT cursor, last_success, last_attempt, last_error, failures, backoff_until
		FROM sync_state WHERE account_id = ?`, accountID).
		Scan(&st.Cursor, &t.success, &t.attempt, &st.LastError, &st.Failures, &t.backoff)
	if err == sql.ErrNoRows {
		return st, nil
	}
	if err != nil {
		return core.SyncState{}, fmt.Errorf("store: sync state of account %d: %w", accountID, err)
	}
	t.fill(&st)
	return st, nil
}

// maxErrorClass bounds a stored error class: classes are short words
// ("auth", "rate-limited"), anything longer is a caller's mistake.
const maxErrorClass = 32

// RecordSyncFailure stores a failed sync attempt, the class of its error
// (a providers.ErrorClass: "auth" tells the health view the account needs
// re-authorizing) and the backoff deadline. The cursor and last success are
// kept; the next successful ingest clears the error and its class. msg is
// shown to the user: the caller must not put secrets in it; it is sanitized
// and shortened here.
func (s *Store) RecordSyncFailure(ctx context.Context, accountID int64, msg, class string, at, backoffUntil time.Time, failures int) error {
	msg = truncate(core.SanitizeLine(msg), maxSyncError)
	if msg == "" {
		msg = "sync failed" // an empty error would read as "healthy"
	}
	class = truncate(core.SanitizeLine(class), maxErrorClass)
	return s.Tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO sync_state (account_id, last_attempt, last_error, error_class, failures, backoff_until)
			VALUES (?1, ?2, ?3, ?4, ?5, ?6)
			ON CONFLICT (account_id) DO UPDATE SET last_attempt = ?2, last_error = ?3,
				error_class = ?4, failures = ?5, backoff_until = ?6`,
			accountID, ms(at), msg, class, failures, ms(backoffUntil))
		if err != nil {
			return fmt.Errorf("store: record sync failure of account %d: %w", accountID, err)
		}
		return nil
	})
}

// RecordRate stores the request budget the account's network last reported:
// remaining requests (a negative value is stored as -1, "unknown") and when
// the budget refills. It touches nothing else of the sync state.
func (s *Store) RecordRate(ctx context.Context, accountID int64, remaining int, reset time.Time) error {
	remaining = max(remaining, -1)
	return s.Tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO sync_state (account_id, rate_remaining, rate_reset) VALUES (?1, ?2, ?3)
			ON CONFLICT (account_id) DO UPDATE SET rate_remaining = ?2, rate_reset = ?3`,
			accountID, remaining, ms(reset))
		if err != nil {
			return fmt.Errorf("store: record rate of account %d: %w", accountID, err)
		}
		return nil
	})
}

// truncate cuts s to at most n bytes on a rune boundary, marking the cut.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
