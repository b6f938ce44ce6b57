package inbox

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// threadDelay is how long the selection must rest before its conversation
// is loaded: holding j passes rows without a query for each.
const threadDelay = 120 * time.Millisecond

// maxIndent caps the reply depth drawn, so deep threads keep room for text.
const maxIndent = 4

// thread is the conversation of the selected item: what was asked, what
// arrived, and how it is scrolled when it has the focus.
type thread struct {
	src   common.Source
	delay time.Duration

	seq     int   // id of the latest request; older answers are dropped
	want    int64 // the item the latest request is for
	itemID  int64 // the item items belong to
	items   []store.ItemView
	pending []core.Action // unconfirmed actions on the items (replies on their way)
	history int           // items the author sent the client; -1 unknown
	err     error
	version int // bumped by every answer applied, to redraw

	focused bool
	offset  int // first conversation line shown while focused

	moved time.Time // when the selection last changed

	// histories remembers authors' histories with a client until the data
	// changes: counting an author's messages is the costliest read of a
	// key press on a big database, and authors come back often.
	histories map[authorKey]int
}

// authorKey is an author with a client.
type authorKey struct{ author, client int64 }

func authorKeyOf(it store.ItemView) authorKey {
	return authorKey{it.Author.ID, it.ClientID}
}

// maxHistories bounds the remembered histories.
const maxHistories = 4096

// fetch loads sel's conversation and its author's history, unless already
// known. Both land in one frame when the history comes soon enough (over
// SSH every frame costs bytes); a slow count comes in its own message, so
// the conversation never waits for it.
func (t *thread) fetch(sel store.ItemView) tea.Cmd {
	key := authorKeyOf(sel)
	if _, known := t.histories[key]; known || key.author == 0 {
		return fetchThread(t.src, t.seq, sel)
	}
	return fetchThreadWithHistory(t.src, t.seq, sel, key, historyWait)
}

// historyWait is how long a conversation, once read, waits for its
// author's history to come with it in one frame.
const historyWait = 30 * time.Millisecond

// applyHistory remembers an author's history, and shows it when it is the
// current selection's.
func (t *thread) applyHistory(msg historyMsg) {
	if msg.err != nil {
		return // the card keeps "…"
	}
	if t.histories == nil || len(t.histories) >= maxHistories {
		t.histories = map[authorKey]int{}
	}
	t.histories[msg.author] = msg.n
	if msg.seq == t.seq {
		t.history = msg.n
		t.version++
	}
}

func newThread(src common.Source) thread {
	return thread{src: src, delay: threadDelay, history: -1}
}

// follow notes a new selection. A selection reached after a rest (the
// first one, or a single key press) loads at once; one reached while the
// cursor is moving fast waits for the debounce, so holding j does not run
// one query per row passed.
func (t *thread) follow(sel store.ItemView, ok bool, now time.Time) tea.Cmd {
	if !ok {
		t.want, t.itemID, t.items, t.pending, t.err = 0, 0, nil, nil, nil
		t.focused = false
		return nil
	}
	if sel.ID == t.want {
		return nil
	}
	t.seq++
	t.want, t.err, t.offset = sel.ID, nil, 0
	rested := t.moved.IsZero() || now.Sub(t.moved) >= t.delay
	t.moved = now
	if rested {
		return t.fetch(sel)
	}
	return threadDue(t.seq, t.delay)
}

// due loads the selection once it has rested, if it is still the latest.
func (t *thread) due(msg threadDueMsg, sel store.ItemView, ok bool) tea.Cmd {
	if msg.seq != t.seq || !ok || sel.ID != t.want {
		return nil
	}
	return t.fetch(sel)
}

// reload re-reads the selection's conversation now (the data changed).
func (t *thread) reload(sel store.ItemView, ok bool) tea.Cmd {
	if !ok {
		return nil
	}
	t.seq++
	t.want = sel.ID
	t.histories = nil // the data changed: counts may have too
	return t.fetch(sel)
}

// apply takes an answer if it is the latest one asked for.
func (t *thread) apply(msg threadMsg) {
	if msg.seq != t.seq {
		return
	}
	t.version++
	t.err = msg.err
	if msg.err != nil {
		return
	}
	t.itemID, t.items, t.pending = msg.itemID, msg.items, msg.pending
	t.history = -1 // until its count lands, unless known
	if msg.history != nil {
		t.applyHistory(*msg.history)
	}
	if n, ok := t.histories[msg.author]; ok {
		t.history = n
	}
}

// entries returns the conversation to draw for sel: the loaded one when it
// is sel's, else sel alone so the body shows at once while the rest loads.
func (t *thread) entries(sel store.ItemView) []store.ItemView {
	if t.itemID == sel.ID && len(t.items) > 0 {
		return t.items
	}
	return []store.ItemView{sel}
}

// historyFor returns the author history when it belongs to sel.
func (t *thread) historyFor(sel store.ItemView) int {
	if t.itemID != sel.ID {
		return -1
	}
	return t.history
}

// scroll moves the focused conversation by delta lines within n lines
// shown h at a time.
func (t *thread) scroll(delta, n, h int) {
	t.offset = max(min(t.offset+delta, n-h), 0)
}

// depths returns each entry's reply depth: one more than its parent's when
// the parent is in the conversation, 1 for a reply to an unknown parent.
func depths(items []store.ItemView) []int {
	type ref struct {
		account int64
		remote  string
	}
	seen := make(map[ref]int, len(items))
	out := make([]int, len(items))
	for i, it := range items {
		d := 0
		if it.ParentRemoteID != "" {
			d = 1
			if pd, ok := seen[ref{it.AccountID, it.ParentRemoteID}]; ok {
				d = pd + 1
			}
		}
		out[i] = d
		seen[ref{it.AccountID, it.RemoteID}] = d
	}
	return out
}

// conversation renders the entries oldest first, indented by depth, bodies
// wrapped to width. It returns the lines and the first and last line of the
// selected entry.
func (m *Model) conversation(sel store.ItemView, width int, now time.Time) (lines []string, selFrom, selTo int) {
	items := m.thread.entries(sel)
	deps := depths(items)
	for i, it := range items {
		if i > 0 {
			lines = append(lines, "")
		}
		indent := strings.Repeat("  ", min(deps[i], maxIndent))
		selected := it.ID == sel.ID
		if selected {
			selFrom = len(lines)
		}
		lines = append(lines, m.entryHeader(it, indent, deps[i] > 0, selected, width, now))
		for _, l := range wrapText(it.Body, width-len(indent)-2) {
			lines = append(lines, indent+"  "+l)
		}
		if selected {
			lines = append(lines, m.urlLines(it.URL, indent, width)...)
			selTo = len(lines) - 1
		}
		lines = append(lines, m.pendingLines(it, min(deps[i]+1, maxIndent), width)...)
	}
	return lines, selFrom, selTo
}

// pendingLines draws our replies to it that the network has not confirmed
// yet, as they will read once sent, muted and marked; a failed one says
// why and how to retry.
func (m *Model) pendingLines(it store.ItemView, depth, width int) []string {
	if m.thread.itemID == 0 || len(m.thread.pending) == 0 {
		return nil
	}
	var lines []string
	s := m.styles
	indent := strings.Repeat("  ", depth)
	for _, a := range pendingReplies(m.thread.pending, it.ID) {
		who := m.t.T("inbox.thread.you")
		if h := flatten(it.AccountHandle); h != "" {
			who += " (" + h + ")"
		}
		state, style := m.t.T("inbox.thread.pending"), s.Muted
		if a.State == core.ActionFailed {
			state, style = m.t.T("inbox.thread.failed"), s.Negative
		}
		lines = append(lines, "", indent+s.Muted.Render("↳ ")+s.Accent.Render(who)+s.Muted.Render(" · ")+style.Render(state))
		for _, l := range wrapText(a.Payload, width-len(indent)-2) {
			lines = append(lines, indent+"  "+s.Muted.Render(l))
		}
		if a.State == core.ActionFailed {
			msg := m.t.T("inbox.thread.retry", flatten(a.LastError))
			for _, l := range wrapText(msg, width-len(indent)-2) {
				lines = append(lines, indent+"  "+s.Negative.Render(l))
			}
		}
	}
	return lines
}

// entryHeader is "↳ Author · 3h ●" for one entry; our own replies read
// "You (@handle)".
func (m *Model) entryHeader(it store.ItemView, indent string, reply, selected bool, width int, now time.Time) string {
	s := m.styles
	who := flatten(firstNonEmpty(it.Author.Name, it.Author.Handle))
	if it.Outgoing {
		who = m.t.T("inbox.thread.you")
		if h := flatten(it.AccountHandle); h != "" {
			who += " (" + h + ")"
		}
	}
	arrow := ""
	if reply {
		arrow = "↳ "
	}
	mark, markStyle := stateMark(it.Item, s)
	age := common.Age(m.t, now, it.CreatedAt, m.loc)
	if selected {
		text := indent + arrow + who + " · " + age + " " + mark
		return s.Selected.Render(common.Fit(text, width))
	}
	whoStyle := s.Bold
	if it.Outgoing {
		whoStyle = s.Accent
	}
	return indent + s.Muted.Render(arrow) + whoStyle.Render(who) + s.Muted.Render(" · "+age+" ") + markStyle.Render(mark)
}

// autoOffset is where the conversation starts when it follows the
// selection: the selected entry in view, with as much context above it as
// fits.
func autoOffset(selFrom, selTo, n, h int) int {
	off := max(selTo-h+1, 0)
	off = min(off, selFrom)
	return max(min(off, n-h), 0)
}

// convKey is everything the drawn conversation block depends on.
type convKey struct {
	selID, itemID  int64
	cursorShown    bool // the title says when enter would show another
	version        int
	focused        bool
	offset         int
	w, h           int
	minute         int64
	loaded, hasErr bool
	styles         *common.Styles
	palette        common.Palette // the styles change in place with the theme
	t              *i18n.Catalog
}

// convMemo keeps the last drawn conversation block: most frames (a page
// landing, a count) leave it as it was.
type convMemo struct {
	key   convKey
	lines []string
	ok    bool
}

func (m *Model) convKey(lay layout, now time.Time) convKey {
	sel, _ := m.readingItem()
	return convKey{
		selID: sel.ID, cursorShown: m.showsCursor(), itemID: m.thread.itemID, version: m.thread.version,
		focused: m.thread.focused, offset: m.thread.offset, w: lay.threadW, h: lay.threadH,
		minute: now.Unix() / 60, loaded: m.list.loaded, hasErr: m.thread.err != nil,
		styles: m.styles, palette: m.styles.Palette, t: m.t,
	}
}

// get returns the block for k, drawing it when k changed.
func (c *convMemo) get(k convKey, draw func() []string) []string {
	if !c.ok || c.key != k {
		c.key, c.lines, c.ok = k, draw(), true
	}
	return c.lines
}
