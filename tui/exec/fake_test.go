package exec

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"cmdeck/core"
	"cmdeck/store"
)

// fakeStore is an in-memory Store that behaves like the real one where the
// executor depends on it (undo window, cancel, idempotency keys) and
// records every call.
type fakeStore struct {
	items   map[int64]store.ItemView
	actions []core.Action // index = id-1
	audits  []store.AuditEntry

	// Triage calls, in order: "done [1 2]", "tag idea [3]", …
	calls []string

	failEnqueueAt int   // the n-th Enqueue (1-based) fails; 0 = never
	enqueues      int   // Enqueue calls so far
	auditErr      error // every Audit fails with it
	triageErr     error // every triage call fails with it
	// onCancel runs before Cancel looks at the action: a test moves it on
	// (claimed) to play the engine winning the race.
	onCancel func(a *core.Action)
}

func newFakeStore(items ...store.ItemView) *fakeStore {
	f := &fakeStore{items: map[int64]store.ItemView{}}
	for _, it := range items {
		f.items[it.ID] = it
	}
	return f
}

func (f *fakeStore) Item(_ context.Context, id int64) (store.ItemView, error) {
	it, ok := f.items[id]
	if !ok {
		return store.ItemView{}, fmt.Errorf("store: item %d: %w", id, store.ErrNotFound)
	}
	return it, nil
}

func (f *fakeStore) Enqueue(_ context.Context, a core.Action) (int64, error) {
	f.enqueues++
	if f.enqueues == f.failEnqueueAt {
		return 0, errors.New("disk full")
	}
	if a.IdempotencyKey == "" {
		return 0, errors.New("no idempotency key")
	}
	for _, b := range f.actions {
		if b.IdempotencyKey == a.IdempotencyKey {
			return 0, fmt.Errorf("idempotency key %q is already used", a.IdempotencyKey)
		}
	}
	a.ID = int64(len(f.actions) + 1)
	a.State = core.ActionPending
	f.actions = append(f.actions, a)
	return a.ID, nil
}

func (f *fakeStore) action(id int64) (*core.Action, error) {
	if id <= 0 || int(id) > len(f.actions) {
		return nil, store.ErrNotFound
	}
	return &f.actions[id-1], nil
}

func (f *fakeStore) Cancel(_ context.Context, id int64, _ time.Time) error {
	a, err := f.action(id)
	if err == nil && f.onCancel != nil {
		f.onCancel(a)
	}
	switch {
	case err != nil:
		return err
	case a.State == core.ActionCancelled:
		return nil
	case a.State != core.ActionPending || a.Attempts > 0:
		return fmt.Errorf("store: cancel action %d: %w", id, store.ErrTooLate)
	}
	a.State = core.ActionCancelled
	return nil
}

func (f *fakeStore) LastUndoable(_ context.Context, actor string, now time.Time) (core.Action, error) {
	var cands []core.Action
	for _, a := range f.actions {
		if a.Actor == actor && a.State == core.ActionPending && a.NotBefore.After(now) && a.Attempts == 0 {
			cands = append(cands, a)
		}
	}
	if len(cands) == 0 {
		return core.Action{}, fmt.Errorf("store: last undoable action: %w", store.ErrNotFound)
	}
	sort.Slice(cands, func(i, j int) bool {
		if !cands[i].CreatedAt.Equal(cands[j].CreatedAt) {
			return cands[i].CreatedAt.After(cands[j].CreatedAt)
		}
		return cands[i].ID > cands[j].ID
	})
	return cands[0], nil
}

func (f *fakeStore) triage(op string, ids []int64) error {
	if f.triageErr != nil {
		return f.triageErr
	}
	f.calls = append(f.calls, fmt.Sprintf("%s %v", op, ids))
	return nil
}

func (f *fakeStore) SetState(_ context.Context, ids []int64, st core.ItemState, _ time.Time) error {
	return f.triage("state="+string(st), ids)
}

func (f *fakeStore) Snooze(_ context.Context, ids []int64, until time.Time) error {
	if until.IsZero() {
		return f.triage("unsnooze", ids)
	}
	return f.triage("snooze="+until.UTC().Format(time.RFC3339), ids)
}

func (f *fakeStore) SetTag(_ context.Context, ids []int64, tag string, on bool) error {
	return f.triage(fmt.Sprintf("tag=%s on=%t", tag, on), ids)
}

func (f *fakeStore) Assign(_ context.Context, ids []int64, who string) error {
	return f.triage("assign="+who, ids)
}

func (f *fakeStore) RetryAction(_ context.Context, id int64, _ time.Time) error {
	a, err := f.action(id)
	if err != nil {
		return err
	}
	if a.State != core.ActionFailed {
		return fmt.Errorf("the action is %s", a.State)
	}
	a.State = core.ActionPending
	return nil
}

func (f *fakeStore) DiscardAction(_ context.Context, id int64, _ time.Time) error {
	a, err := f.action(id)
	if err != nil {
		return err
	}
	if a.State != core.ActionFailed && a.State != core.ActionPending {
		return store.ErrTooLate
	}
	a.State = core.ActionCancelled
	return nil
}

func (f *fakeStore) Audit(_ context.Context, at time.Time, actor, action, target, detail string) error {
	if f.auditErr != nil {
		return f.auditErr
	}
	f.audits = append(f.audits, store.AuditEntry{At: at, Actor: actor, Action: action, Target: target, Detail: detail})
	return nil
}

// pending lists the ids of pending actions.
func (f *fakeStore) pending() []int64 {
	var out []int64
	for _, a := range f.actions {
		if a.State == core.ActionPending {
			out = append(out, a.ID)
		}
	}
	return out
}

// auditTargets lists "action target" for every audit line.
func (f *fakeStore) auditTargets() []string {
	out := make([]string, len(f.audits))
	for i, e := range f.audits {
		out[i] = e.Action + " " + e.Target
	}
	return out
}
