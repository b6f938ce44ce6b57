package engine

import (
	"context"
	"time"

	"cmdeck/core"
	"cmdeck/store"
)

// The in-memory store has an empty outbox and calendar: the outbox worker,
// the calendar and native scheduling are tested against the real store
// (outbox_test.go, calendar_test.go, handover_test.go), whose claim and
// exactly-once semantics matter.

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

func (s *memStore) HandoverCandidates(ctx context.Context, accountID int64, from time.Time, limit int) ([]core.Action, error) {
	return nil, nil
}

func (s *memStore) ClaimHandover(ctx context.Context, id int64, owner string, from, now time.Time) (store.Handover, bool, error) {
	return store.Handover{}, false, nil
}

func (s *memStore) ClaimHandedWork(ctx context.Context, owner string, now time.Time, grace, stale time.Duration) (store.Handover, bool, error) {
	return store.Handover{}, false, nil
}

func (s *memStore) RecordScheduled(ctx context.Context, id int64, owner, scheduledID string, now time.Time) error {
	return store.ErrNotFound
}

func (s *memStore) RecordRescheduled(ctx context.Context, id int64, owner string, at, now time.Time) error {
	return store.ErrNotFound
}

func (s *memStore) DeferHanded(ctx context.Context, id int64, owner, msg string, forget bool, retryAt, now time.Time) error {
	return store.ErrNotFound
}

func (s *memStore) ReleaseHandover(ctx context.Context, id int64, owner, reason string, now time.Time) error {
	return store.ErrNotFound
}

func (s *memStore) CompleteHandover(ctx context.Context, id int64, res core.ActionResult, now time.Time) error {
	return store.ErrNotFound
}
