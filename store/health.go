package store

import (
	"context"
	"fmt"
	"time"

	"cmdeck/core"
)

// AccountHealth is one account's sync health, for the health view and
// `cmdeck accounts`.
type AccountHealth struct {
	Account      core.Account
	ClientName   string
	LastSuccess  time.Time // zero: never synced
	LastAttempt  time.Time
	LastError    string // "" when the last sync worked
	ErrorClass   string // providers.ErrorClass of the last error ("auth" = re-authorize)
	Failures     int    // consecutive failures
	BackoffUntil time.Time
	// RateRemaining is the request budget the network last reported, -1
	// when it never said; RateReset is when it refills.
	RateRemaining int
	RateReset     time.Time
}

// sqlAccountHealth reads every account with its client and sync state in one
// query; an account that never synced has no sync_state row and reads as
// "never synced, budget unknown".
const sqlAccountHealth = `
	SELECT a.id, a.client_id, c.slug, c.name, a.provider, a.network, a.handle, a.name,
		coalesce(ss.last_success, 0), coalesce(ss.last_attempt, 0), coalesce(ss.last_error, ''),
		coalesce(ss.error_class, ''), coalesce(ss.failures, 0), coalesce(ss.backoff_until, 0),
		coalesce(ss.rate_remaining, -1), coalesce(ss.rate_reset, 0)
	FROM accounts a
	JOIN clients c ON c.id = a.client_id
	LEFT JOIN sync_state ss ON ss.account_id = a.id
	ORDER BY c.name COLLATE NOCASE, c.slug, a.handle COLLATE NOCASE, a.provider, a.id`

// AccountHealth lists every account's health, ordered by client then handle.
func (s *Store) AccountHealth(ctx context.Context) ([]AccountHealth, error) {
	rows, err := s.db.QueryContext(ctx, sqlAccountHealth)
	if err != nil {
		return nil, fmt.Errorf("store: account health: %w", err)
	}
	defer rows.Close()
	var out []AccountHealth
	for rows.Next() {
		h, err := scanHealth(rows)
		if err != nil {
			return nil, fmt.Errorf("store: account health: %w", err)
		}
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: account health: %w", err)
	}
	return out, nil
}

// scanHealth reads one row of sqlAccountHealth.
func scanHealth(rows interface{ Scan(...any) error }) (AccountHealth, error) {
	var h AccountHealth
	var st syncTimes
	var reset int64
	a := &h.Account
	err := rows.Scan(&a.ID, &a.ClientID, &a.ClientSlug, &h.ClientName, &a.Provider, &a.Network,
		&a.Handle, &a.Name, &st.success, &st.attempt, &h.LastError, &h.ErrorClass, &h.Failures,
		&st.backoff, &h.RateRemaining, &reset)
	if err != nil {
		return AccountHealth{}, err
	}
	h.LastSuccess, h.LastAttempt, h.BackoffUntil = fromMS(st.success), fromMS(st.attempt), fromMS(st.backoff)
	h.RateReset = fromMS(reset)
	return h, nil
}
