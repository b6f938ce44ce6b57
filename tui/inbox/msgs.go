package inbox

import (
	"context"
	"errors"
	"math"
	"time"

	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// The pane's own messages. They are unexported so only this pane handles
// them; each carries the sequence number of its request so a result that
// arrives after a newer request was made is dropped.

// pageKind says which request a page answers.
type pageKind int

const (
	pageTop    pageKind = iota // reload from the newest item
	pageBottom                 // reload from the oldest item (G)
	pageAnchor                 // reload around the selected item
	pageOlder                  // extend the window downwards
	pageNewer                  // extend the window upwards
)

// pageMsg is one answer of ListItems.
type pageMsg struct {
	gen   int // the list generation that asked; reloads bump it
	kind  pageKind
	from  store.PageKey // extend pages: the window edge asked from
	limit int
	rows  []store.ItemView // newest first; pageAnchor: the rows newer than the anchor
	older []store.ItemView // pageAnchor only: the anchor itself (if it still exists) and older
	err   error

	// pending are the unconfirmed outbox actions of the rows; pendingOK is
	// false when they could not be read (the marks shown then stay).
	pending   []core.Action
	pendingOK bool
}

// ids lists the items the page carries, when their pending actions were
// read (nil otherwise, so no mark is dropped).
func (p pageMsg) ids() []int64 {
	if !p.pendingOK || p.err != nil {
		return nil
	}
	return append(idsOf(p.rows), idsOf(p.older)...)
}

// countMsg is the number of items the list holds in all.
type countMsg struct {
	seq int
	n   int
	err error
}

// threadDueMsg fires when the selection has rested long enough to load its
// conversation.
type threadDueMsg struct{ seq int }

// threadMsg is a conversation, with the outbox actions on its items.
type threadMsg struct {
	seq     int
	itemID  int64
	items   []store.ItemView
	author  authorKey // of the item asked for
	pending []core.Action
	err     error
	// history is the author's history when it was read with the thread
	// (nil: it comes in its own historyMsg, or is known already).
	history *historyMsg
}

// queryTimeout bounds one read so a wedged database shows an error instead
// of a pane that waits forever.
const queryTimeout = 10 * time.Second

// errNoSource is returned by every query when the pane has no source.
var errNoSource = errors.New("inbox: no data source")

func queryContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), queryTimeout)
}

// fetchPage asks for one page from a key.
func fetchPage(src common.Source, gen int, kind pageKind, f store.ItemFilter, from store.PageKey, dir store.Direction, limit int) tea.Cmd {
	return func() tea.Msg {
		msg := pageMsg{gen: gen, kind: kind, from: from, limit: limit}
		if src == nil {
			msg.err = errNoSource
			return msg
		}
		ctx, cancel := queryContext()
		defer cancel()
		if msg.rows, msg.err = src.ListItems(ctx, f, from, dir, limit); msg.err == nil {
			msg.pending, msg.pendingOK = pendingFor(ctx, src, msg.rows)
		}
		return msg
	}
}

// fetchAnchor asks for the rows around an item: up to limit newer ones, and
// the item itself with up to limit-1 older ones.
func fetchAnchor(src common.Source, gen int, f store.ItemFilter, anchor store.PageKey, limit int) tea.Cmd {
	return func() tea.Msg {
		msg := pageMsg{gen: gen, kind: pageAnchor, from: anchor, limit: limit}
		if src == nil {
			msg.err = errNoSource
			return msg
		}
		ctx, cancel := queryContext()
		defer cancel()
		if msg.rows, msg.err = src.ListItems(ctx, f, anchor, store.Newer, limit); msg.err != nil {
			return msg
		}
		if msg.older, msg.err = src.ListItems(ctx, f, justAbove(anchor), store.Older, limit); msg.err == nil {
			msg.pending, msg.pendingOK = pendingFor(ctx, src, msg.rows, msg.older)
		}
		return msg
	}
}

// justAbove returns the key immediately newer than k, so an Older page from
// it starts with the item at k itself (keys are strict bounds).
func justAbove(k store.PageKey) store.PageKey {
	if k.ID == math.MaxInt64 {
		return store.PageKey{CreatedAt: k.CreatedAt + 1}
	}
	return store.PageKey{CreatedAt: k.CreatedAt, ID: k.ID + 1}
}

// fetchCount counts what the list shows: the items matching f.
func fetchCount(src common.Source, seq int, f store.ItemFilter) tea.Cmd {
	return func() tea.Msg {
		msg := countMsg{seq: seq}
		if src == nil {
			msg.err = errNoSource
			return msg
		}
		ctx, cancel := queryContext()
		defer cancel()
		msg.n, msg.err = src.CountItems(ctx, f)
		return msg
	}
}

// fetchThread loads an item's conversation and the pending actions on it.
func fetchThread(src common.Source, seq int, it store.ItemView) tea.Cmd {
	return func() tea.Msg {
		msg := threadMsg{seq: seq, itemID: it.ID, author: authorKeyOf(it)}
		if src == nil {
			msg.err = errNoSource
			return msg
		}
		ctx, cancel := queryContext()
		defer cancel()
		if msg.items, msg.err = src.Thread(ctx, it.ID); msg.err != nil {
			return msg
		}
		// Without its pending replies the conversation still shows.
		msg.pending, _ = pendingFor(ctx, src, msg.items)
		return msg
	}
}

// fetchThreadWithHistory loads a conversation and, at the same time, its
// author's history: the history rides along when it is ready within wait
// of the conversation, else it follows in its own message.
func fetchThreadWithHistory(src common.Source, seq int, it store.ItemView, key authorKey, wait time.Duration) tea.Cmd {
	return func() tea.Msg {
		hist := make(chan tea.Msg, 1)
		go func() { hist <- fetchHistory(src, seq, key)() }()
		msg := fetchThread(src, seq, it)().(threadMsg)
		timer := time.NewTimer(wait)
		defer timer.Stop()
		select {
		case h := <-hist:
			hm := h.(historyMsg)
			msg.history = &hm
			return msg
		case <-timer.C:
			return tea.BatchMsg{
				func() tea.Msg { return msg },
				func() tea.Msg { return <-hist },
			}
		}
	}
}

// historyMsg is how many items an author sent a client.
type historyMsg struct {
	seq    int // the thread request it goes with
	author authorKey
	n      int
	err    error
}

// fetchHistory counts an author's items to a client, for the card. A
// failed count only leaves "…" on the card.
func fetchHistory(src common.Source, seq int, key authorKey) tea.Cmd {
	return func() tea.Msg {
		msg := historyMsg{seq: seq, author: key}
		if src == nil {
			msg.err = errNoSource
			return msg
		}
		ctx, cancel := queryContext()
		defer cancel()
		msg.n, msg.err = src.AuthorHistory(ctx, key.author, key.client)
		return msg
	}
}

// threadDue waits for the selection to rest before loading a conversation,
// so holding j does not run one query per row passed.
func threadDue(seq int, delay time.Duration) tea.Cmd {
	if delay <= 0 {
		return func() tea.Msg { return threadDueMsg{seq: seq} }
	}
	return tea.Tick(delay, func(time.Time) tea.Msg { return threadDueMsg{seq: seq} })
}

// incoming reports whether an item belongs in the list: our own replies
// are shown in their threads, not as rows.
func incoming(it store.ItemView) bool {
	return !it.Outgoing && it.Kind != core.KindReply
}

// keepIncoming returns the rows the list shows, in order.
func keepIncoming(rows []store.ItemView) []store.ItemView {
	out := make([]store.ItemView, 0, len(rows))
	for _, r := range rows {
		if incoming(r) {
			out = append(out, r)
		}
	}
	return out
}
