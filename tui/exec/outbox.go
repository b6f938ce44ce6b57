package exec

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// maxUndoBatch bounds the undo loop whatever the store answers.
const maxUndoBatch = 10_000

// undo takes back the actor's last step: a triage (undo_triage.go) when it
// is the newest, else the last outgoing intent while its undo window is
// open: its newest undoable action and every other action queued by the
// same intent (same idempotency key prefix), so "u" takes back a bulk hide
// as a whole. Outcome.Undone is the newest of them.
func (e *Executor) undo(ctx context.Context, now time.Time) (common.Outcome, error) {
	first, err := e.lastUndoable(ctx, now)
	if err != nil && !errors.Is(err, ErrNothingToUndo) {
		return common.Outcome{}, err
	}
	if step := e.takeTriage(now, first.CreatedAt); step != nil {
		return e.undoTriage(ctx, step, now) // the newest step was a triage
	}
	if err != nil {
		return common.Outcome{}, err
	}
	if err := e.o.Store.Cancel(ctx, first.ID, now); err != nil {
		return common.Outcome{}, fmt.Errorf("exec: undo %s: %w", first.Kind, err) // store.ErrTooLate passes through
	}
	out := common.Outcome{Applied: 1, ActionIDs: []int64{first.ID}, Undone: first}
	undone := []core.Action{first}
	batch := batchOf(first.IdempotencyKey)
	var loopErr error
	for len(undone) < maxUndoBatch {
		next, err := e.o.Store.LastUndoable(ctx, e.o.Actor, now)
		if errors.Is(err, store.ErrNotFound) {
			break
		}
		if err != nil {
			loopErr = fmt.Errorf("exec: undo: %w", err)
			break
		}
		if next.ID == undone[len(undone)-1].ID || batchOf(next.IdempotencyKey) != batch {
			break // another intent's action, or a store that did not cancel
		}
		if err := e.o.Store.Cancel(ctx, next.ID, now); err != nil {
			loopErr = fmt.Errorf("exec: undo %s: %w", next.Kind, err)
			break
		}
		undone = append(undone, next)
		out.ActionIDs = append(out.ActionIDs, next.ID)
		out.Applied++
	}
	lines := make([]auditLine, len(undone))
	for i, a := range undone {
		lines[i] = auditLine{undoTarget(a), fmt.Sprintf("action=%d kind=%s", a.ID, a.Kind)}
	}
	return out, errors.Join(loopErr, e.audit(ctx, now, string(common.IntentUndo), lines))
}

// lastUndoable is the actor's newest action still in its undo window. A
// scheduled post is not one: its not_before is its publication slot, and
// "u" must never cancel it (the calendar does that).
func (e *Executor) lastUndoable(ctx context.Context, now time.Time) (core.Action, error) {
	a, err := e.o.Store.LastUndoable(ctx, e.o.Actor, now)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return core.Action{}, ErrNothingToUndo
	case err != nil:
		return core.Action{}, fmt.Errorf("exec: undo: %w", err)
	case a.Kind == core.ActPublish:
		return core.Action{}, ErrNothingToUndo
	}
	return a, nil
}

// batchOf is the intent part of an idempotency key ("<batch>.<n>").
func batchOf(key string) string {
	if i := strings.LastIndexByte(key, '.'); i > 0 {
		return key[:i]
	}
	return key
}

func undoTarget(a core.Action) string {
	if a.ItemID != 0 {
		return itemTarget(a.ItemID)
	}
	return actionTarget(a.ID)
}

// control retries or discards one outbox action (the failed-actions view).
func (e *Executor) control(ctx context.Context, in common.Intent, now time.Time) (common.Outcome, error) {
	if in.ActionID <= 0 {
		return common.Outcome{}, ErrNoAction
	}
	var err error
	if in.Kind == common.IntentRetry {
		err = e.o.Store.RetryAction(ctx, in.ActionID, now)
	} else {
		err = e.o.Store.DiscardAction(ctx, in.ActionID, now)
	}
	if err != nil {
		return common.Outcome{}, fmt.Errorf("exec: %s: %w", in.Kind, err)
	}
	out := common.Outcome{Applied: 1, ActionIDs: []int64{in.ActionID}}
	line := auditLine{actionTarget(in.ActionID), ""}
	return out, e.audit(ctx, now, string(in.Kind), []auditLine{line})
}
