package engine

import (
	"context"
	"time"

	"cmdeck/core"
	"cmdeck/store"
)

// The in-memory store has an empty outbox and calendar: the outbox worker
// and the calendar are tested against the real store (outbox_test.go,
// calendar_test.go), whose claim and exactly-once semantics matter.

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

func (s *memStore) MissAction(ctx context.Context, id int64, reason string, now time.Time) error {
	return store.ErrNotFound
}

func (s *memStore) RecurringDue(ctx context.Context, limit int) ([]store.Recurring, error) {
	return nil, nil
}

func (s *memStore) ScheduleNextOccurrence(ctx context.Context, postID int64, next, now time.Time) (int64, error) {
	return 0, store.ErrNotFound
}
