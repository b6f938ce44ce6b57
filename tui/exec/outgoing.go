package exec

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// planned is one outbox action and the selected items it covers: several
// when a block aims at an author who wrote several of them.
type planned struct {
	action core.Action
	items  []store.ItemView
}

// plan is what an outgoing intent will queue, and what it leaves out.
type plan struct {
	actions     []planned
	skipped     int
	unsupported []string // networks that cannot do it, sorted, unique
	own         int      // our own replies (block, unblock, spam)
	noAuthor    int      // items without a known author (block, unblock)
}

// outgoing queues one outbox action per item (per author for the actions
// on an author: block, mute, silence, …), each due when the undo window
// closes.
func (e *Executor) outgoing(ctx context.Context, in common.Intent, kind core.ActionKind, now time.Time) (common.Outcome, error) {
	ids, err := itemIDs(in.ItemIDs)
	if err != nil {
		return common.Outcome{}, err
	}
	payload, err := outgoingPayload(kind, in, len(ids))
	if err != nil {
		return common.Outcome{}, err
	}
	items, err := e.load(ctx, ids)
	if err != nil {
		return common.Outcome{}, err
	}
	p := e.plan(kind, items, payload)
	if len(p.actions) == 0 {
		return common.Outcome{Skipped: p.skipped}, p.none(kind)
	}
	undoUntil := now.Add(e.o.UndoWindow)
	queued, err := e.enqueue(ctx, p.actions, now, undoUntil)
	if err != nil {
		return common.Outcome{Skipped: p.skipped}, err
	}
	out := common.Outcome{Skipped: p.skipped, ActionIDs: queued, UndoUntil: undoUntil}
	var lines []auditLine
	for i, pl := range p.actions {
		out.Applied += len(pl.items)
		for _, it := range pl.items {
			lines = append(lines, auditLine{itemTarget(it.ID), outgoingDetail(pl.action, it, queued[i], undoUntil)})
		}
	}
	return out, e.audit(ctx, now, string(kind), lines)
}

// outgoingPayload checks the intent's text and returns the action payload:
// the reply body, or the moderation reason (may be empty).
func outgoingPayload(kind core.ActionKind, in common.Intent, n int) (string, error) {
	if kind != core.ActReply {
		return strings.TrimSpace(core.SanitizeLine(in.Reason)), nil
	}
	if n != 1 {
		return "", ErrReplyOneItem
	}
	text := strings.TrimSpace(in.Text)
	if text == "" {
		return "", ErrEmptyReply
	}
	return text, nil
}

// load reads the selected items; a missing one stops the intent before
// anything is queued (the selection is stale: the deck re-reads it).
func (e *Executor) load(ctx context.Context, ids []int64) ([]store.ItemView, error) {
	items := make([]store.ItemView, 0, len(ids))
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		it, err := e.o.Store.Item(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("exec: %w", err)
		}
		items = append(items, it)
	}
	return items, nil
}

// plan decides which items get an action: the network must support it,
// the actions on an author (block, mute, silence, …), spam and report never
// aim at our own replies, and the actions on an author go once per author
// and account (blocking and muting are per account on a network).
func (e *Executor) plan(kind core.ActionKind, items []store.ItemView, payload string) plan {
	var p plan
	byAuthor := map[string]int{}
	perAuthor := kind.PerAuthor()
	for _, it := range items {
		switch {
		case !e.can(it.AccountID, kind):
			p.skipped++
			if !slices.Contains(p.unsupported, it.Network) {
				p.unsupported = append(p.unsupported, it.Network)
			}
			continue
		case it.Outgoing && (perAuthor || kind == core.ActSpam || kind == core.ActReport):
			p.skipped++
			p.own++
			continue
		case perAuthor && it.Author.RemoteID == "":
			p.skipped++
			p.noAuthor++
			continue
		}
		a := core.Action{AccountID: it.AccountID, Kind: kind, ItemID: it.ID,
			TargetRemoteID: it.RemoteID, Payload: payload}
		if perAuthor {
			key := fmt.Sprintf("%d\x00%s", it.AccountID, it.Author.RemoteID)
			if i, ok := byAuthor[key]; ok {
				p.actions[i].items = append(p.actions[i].items, it)
				continue
			}
			byAuthor[key] = len(p.actions)
			a.TargetRemoteID = it.Author.RemoteID
		}
		p.actions = append(p.actions, planned{action: a, items: []store.ItemView{it}})
	}
	slices.Sort(p.unsupported)
	return p
}

// none is the error when the plan queues nothing: the network's limits
// first, since they are what the CM can least guess.
func (p plan) none(kind core.ActionKind) error {
	switch {
	case len(p.unsupported) > 0:
		return &UnsupportedError{Network: strings.Join(p.unsupported, ", "), Kind: kind}
	case p.own > 0:
		return ErrOwnMessage
	default:
		return ErrNoAuthor
	}
}

// enqueue writes the planned actions under one idempotency key prefix (undo
// takes them back together). If one fails, those already queued are
// cancelled so a bulk action never half-leaves.
func (e *Executor) enqueue(ctx context.Context, actions []planned, now, notBefore time.Time) ([]int64, error) {
	batch := e.o.NewKey()
	ids := make([]int64, 0, len(actions))
	for i, pl := range actions {
		a := pl.action
		a.IdempotencyKey = fmt.Sprintf("%s.%d", batch, i+1)
		a.NotBefore, a.CreatedAt, a.Actor = notBefore, now, e.o.Actor
		id, err := e.o.Store.Enqueue(ctx, a)
		if err != nil {
			err = fmt.Errorf("exec: queue %s of item %d: %w", a.Kind, a.ItemID, err)
			return nil, errors.Join(err, e.rollback(ctx, ids, now))
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// rollback cancels actions just queued. It runs even when ctx was
// cancelled: leaving half a bulk action queued is worse than a late return.
func (e *Executor) rollback(ctx context.Context, ids []int64, now time.Time) error {
	ctx = context.WithoutCancel(ctx)
	var errs []error
	for _, id := range ids {
		if err := e.o.Store.Cancel(ctx, id, now); err != nil {
			errs = append(errs, fmt.Errorf("exec: could not take back action %d: %w", id, err))
		}
	}
	return errors.Join(errs...)
}

// outgoingDetail is an outgoing action's audit detail: never the reply
// text itself (it may quote a customer's personal data), only its length.
func outgoingDetail(a core.Action, it store.ItemView, actionID int64, undoUntil time.Time) string {
	d := fmt.Sprintf("action=%d undo_until=%s", actionID, undoUntil.UTC().Format(time.RFC3339))
	switch {
	case a.Kind == core.ActReply:
		d += fmt.Sprintf(" chars=%d", utf8.RuneCountInString(a.Payload))
	case a.Kind.PerAuthor():
		d += " author=" + strings.TrimSpace(core.SanitizeLine(it.Author.Handle))
	}
	if a.Kind != core.ActReply && a.Payload != "" {
		d += fmt.Sprintf(" reason=%q", a.Payload)
	}
	return d
}
