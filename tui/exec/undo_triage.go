package exec

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// Undoing triage. Triage marks (done, read, snooze, tag, assign) are local
// and take effect at once, so they have no undo window in the outbox: "u"
// takes the last one back by putting back what the items had before, as
// long as it is the actor's newest step (nothing left for the networks
// since) and recent.

// triageUndoFor is how long a triage stays undoable: "u" a while later
// should not change something the CM has forgotten about.
const triageUndoFor = 15 * time.Minute

// triageStep is the last triage of this executor's actor and the items as
// they were before it.
type triageStep struct {
	at     time.Time
	in     common.Intent
	before []store.ItemView
}

// loadExisting reads the items a triage is about to change, as they are,
// for its undo; one gone meanwhile (a sync removed it) is skipped, as the
// triage itself skips it.
func (e *Executor) loadExisting(ctx context.Context, ids []int64) ([]store.ItemView, error) {
	out := make([]store.ItemView, 0, len(ids))
	for _, id := range ids {
		it, err := e.o.Store.Item(ctx, id)
		switch {
		case errors.Is(err, store.ErrNotFound):
			continue
		case err != nil:
			return nil, fmt.Errorf("exec: %w", err)
		}
		out = append(out, it)
	}
	return out, nil
}

// remember keeps a triage to undo, replacing the one before.
func (e *Executor) remember(in common.Intent, before []store.ItemView, now time.Time) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.lastTriage = &triageStep{at: now, in: in, before: before}
}

// sent notes an outgoing intent: a triage before it is no longer the
// newest step, and "u" must not reach past it.
func (e *Executor) sent() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.lastTriage = nil
}

// takeTriage returns the triage to undo and forgets it, or nil when there
// is none recent enough, or when the outbox holds a newer undoable action
// (queued at since).
func (e *Executor) takeTriage(now, since time.Time) *triageStep {
	e.mu.Lock()
	defer e.mu.Unlock()
	step := e.lastTriage
	if step == nil || now.Sub(step.at) > triageUndoFor || step.at.Before(since) {
		return nil
	}
	e.lastTriage = nil
	return step
}

// undoTriage puts the items of step back as they were and audits it.
func (e *Executor) undoTriage(ctx context.Context, step *triageStep, now time.Time) (common.Outcome, error) {
	if err := e.restore(ctx, step, now); err != nil {
		return common.Outcome{}, fmt.Errorf("exec: undo %s: %w", step.in.Kind, err)
	}
	lines := make([]auditLine, len(step.before))
	for i, it := range step.before {
		lines[i] = auditLine{itemTarget(it.ID), "triage=" + string(step.in.Kind)}
	}
	out := common.Outcome{Applied: len(step.before), UndoneIntent: step.in}
	return out, e.audit(ctx, now, string(common.IntentUndo), lines)
}

// restore writes back the marks the triage changed.
func (e *Executor) restore(ctx context.Context, step *triageStep, now time.Time) error {
	s := e.o.Store
	switch step.in.Kind {
	case common.IntentDone, common.IntentUndone, common.IntentRead, common.IntentUnread:
		return e.restoreStates(ctx, step, now)
	case common.IntentSnooze:
		for until, ids := range groupBy(step.before, func(it store.ItemView) int64 { return it.SnoozedUntil.UnixMilli() }) {
			at := time.Time{}
			if until > 0 {
				at = time.UnixMilli(until)
			}
			if err := s.Snooze(ctx, ids, at); err != nil {
				return err
			}
		}
	case common.IntentTag, common.IntentUntag:
		tag, err := NormalizeTag(step.in.Text)
		if err != nil {
			return err
		}
		had := groupBy(step.before, func(it store.ItemView) bool { return slices.Contains(it.Tags, tag) })
		if step.in.Kind == common.IntentTag {
			return s.SetTag(ctx, had[false], tag, false)
		}
		return s.SetTag(ctx, had[true], tag, true)
	case common.IntentAssign:
		for who, ids := range groupBy(step.before, func(it store.ItemView) string { return it.Assignee }) {
			if err := s.Assign(ctx, ids, who); err != nil {
				return err
			}
		}
	}
	return nil
}

// restoreStates puts each item back in its state, and the networks that
// keep a read state (a mailbox) back in step: unread for an item that was
// new, read for one an "unread" had reopened.
func (e *Executor) restoreStates(ctx context.Context, step *triageStep, now time.Time) error {
	for st, ids := range groupBy(step.before, func(it store.ItemView) core.ItemState { return it.State }) {
		if err := e.o.Store.SetState(ctx, ids, st, now); err != nil {
			return err
		}
		carry := common.IntentKind("")
		switch {
		case st == core.StateNew && step.in.Kind != common.IntentUnread:
			carry = common.IntentUnread
		case st != core.StateNew && step.in.Kind == common.IntentUnread:
			carry = common.IntentRead
		}
		if carry == "" {
			continue
		}
		if err := e.carryReadState(ctx, carry, ids, now); err != nil {
			return err
		}
	}
	return nil
}

// groupBy sorts items' ids by a key.
func groupBy[K comparable](items []store.ItemView, key func(store.ItemView) K) map[K][]int64 {
	out := map[K][]int64{}
	for _, it := range items {
		k := key(it)
		out[k] = append(out[k], it.ID)
	}
	return out
}
