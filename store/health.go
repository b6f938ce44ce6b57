package store

import (
	"context"
	"errors"
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

// AccountHealth lists every account's health, ordered by client then handle.
// TODO(helper): implement.
func (s *Store) AccountHealth(ctx context.Context) ([]AccountHealth, error) {
	return nil, errors.New("not implemented")
}
