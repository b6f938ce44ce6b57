package inbox

import (
	"context"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// Pending marks: an action queued in the outbox (a reply, a hide…) shows
// on its item's row at once — "⧗" while it waits or is being sent, "✗"
// once it failed — and a queued reply shows in the conversation before
// the network confirms it. They are read with the pages and threads that
// show the items (PendingActions), so they cost no query of their own.

// pendingMarks holds the unconfirmed actions of the items in memory.
type pendingMarks struct {
	byItem map[int64][]core.Action
}

// reset forgets every mark (a reload brings them again).
func (p *pendingMarks) reset() { p.byItem = nil }

// set replaces the marks of the items ids with acts.
func (p *pendingMarks) set(ids []int64, acts []core.Action) {
	if len(ids) == 0 {
		return
	}
	for _, id := range ids {
		delete(p.byItem, id)
	}
	for _, a := range acts {
		if a.ItemID == 0 {
			continue
		}
		if p.byItem == nil {
			p.byItem = map[int64][]core.Action{}
		}
		p.byItem[a.ItemID] = append(p.byItem[a.ItemID], a)
	}
}

// mark is the action a row shows for an item: a failed one first (it needs
// the CM), else the newest on its way.
func (p *pendingMarks) mark(id int64) (core.Action, bool) {
	acts := p.byItem[id]
	if len(acts) == 0 {
		return core.Action{}, false
	}
	for _, a := range acts {
		if a.State == core.ActionFailed {
			return a, true
		}
	}
	return acts[len(acts)-1], true
}

// markText is a row's mark for an action: "⧗hide", "✗reply".
func markText(a core.Action) string {
	if a.State == core.ActionFailed {
		return "✗" + string(a.Kind)
	}
	return "⧗" + string(a.Kind)
}

// pendingFor reads the unconfirmed actions of items. A failed read only
// costs the marks: ok is false and the marks already shown stay.
func pendingFor(ctx context.Context, src common.Source, rows ...[]store.ItemView) (acts []core.Action, ok bool) {
	var ids []int64
	for _, rs := range rows {
		for _, r := range rs {
			ids = append(ids, r.ID)
		}
	}
	if len(ids) == 0 {
		return nil, true
	}
	acts, err := src.PendingActions(ctx, ids)
	return acts, err == nil
}

// pendingReplies are the replies on their way to an item, oldest first.
func pendingReplies(acts []core.Action, itemID int64) []core.Action {
	var out []core.Action
	for _, a := range acts {
		if a.ItemID == itemID && a.Kind == core.ActReply {
			out = append(out, a)
		}
	}
	return out
}
