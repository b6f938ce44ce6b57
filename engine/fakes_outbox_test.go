package engine

import (
	"context"
	"time"

	"cmdeck/core"
	"cmdeck/store"
)

// The in-memory store has an empty outbox: the outbox worker is tested
// against the real store (outbox_test.go), whose claim semantics matter.

func (s *memStore) ClaimDue(ctx context.Context, owner string, now time.Time, stale time.Duration, limit int) ([]store.ClaimedAction, error) {
	return nil, nil
}

func (s *memStore) CompleteAction(ctx context.Context, id int64, res core.ActionResult, now time.Time) error {
	return store.ErrNotFound
}

func (s *memStore) RetryLater(ctx context.Context, id int64, msg string, at time.Time) error {
	return store.ErrNotFound
}

func (s *memStore) FailAction(ctx context.Context, id int64, msg string, now time.Time) error {
	return store.ErrNotFound
}
