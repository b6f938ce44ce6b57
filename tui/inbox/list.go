package inbox

import (
	tea "charm.land/bubbletea/v2"

	"cmdeck/store"
	"cmdeck/tui/common"
)

// Paging sizes. A page is at least minPage rows (and at least the visible
// height); the window keeps at most windowPages pages in memory.
const (
	minPage     = 20
	windowPages = 3
)

// list is the virtualized message list: the window of rows plus the state
// of the pages being fetched for it. Every query it needs is returned as a
// tea.Cmd; results come back through apply.
type list struct {
	src    common.Source
	filter store.ItemFilter
	win    window

	gen          int           // bumped by every reload; pages of an older gen are dropped
	reloading    pageKind      // which reload is in flight, when busy
	busy         bool          // a reload is in flight
	anchor       store.PageKey // the key of the anchored reload in flight
	keepID       int64         // top reload: keep the cursor on this item if still there
	screenRow    int           // anchored reload: the screen row the selection stays on
	anchorBelow  int           // anchored reload: items older than the selection; -1 unknown
	loadingOlder bool
	loadingNewer bool
	pending      int // rows of a move still waiting for a page (+ down, − up)

	total    int // CountItems; -1 until known
	countSeq int

	loaded bool           // a reload has landed at least once
	fresh  map[int64]bool // items that arrived at the top with the last reload
	err    error          // the last failed read, cleared by the next success
}

func newList(src common.Source) list {
	// Our own replies live in their threads, not as rows of the list.
	return list{src: src, total: -1, filter: store.ItemFilter{IncomingOnly: true}}
}

// pageSize is how many rows one page asks for.
func (l *list) pageSize() int { return max(l.win.height, minPage) }

// maxRows is the most rows the window keeps.
func (l *list) maxRows() int { return windowPages * l.pageSize() }

// margin is how close to an edge the cursor gets before the next page is
// fetched, so scrolling rarely waits.
func (l *list) margin() int { return l.pageSize() / 2 }

// reloadTop loads the newest page. keep is the item to keep selected (0 =
// select the newest).
func (l *list) reloadTop(keep int64) tea.Cmd {
	l.startReload(pageTop)
	l.keepID = keep
	limit := min(max(len(l.win.rows), l.pageSize()), l.maxRows())
	return fetchPage(l.src, l.gen, pageTop, l.filter, store.PageKey{}, store.Older, limit)
}

// setFilter changes what the list shows and reloads it from the top. The
// rows shown stay until the new ones land; the total is unknown until
// counted again.
func (l *list) setFilter(f store.ItemFilter) tea.Cmd {
	l.filter = f
	l.fresh = nil
	l.loaded = false // nothing of the new filter is "new since last time"
	l.total = -1
	l.pending = 0
	l.startReload(pageTop)
	l.keepID = 0
	// One page: the rows of the old filter say nothing about how many of
	// the new one are worth loading.
	return fetchPage(l.src, l.gen, pageTop, l.filter, store.PageKey{}, store.Older, l.pageSize())
}

// reloadBottom loads the oldest page (the zero key with Newer).
func (l *list) reloadBottom() tea.Cmd {
	l.startReload(pageBottom)
	return fetchPage(l.src, l.gen, pageBottom, l.filter, store.PageKey{}, store.Newer, l.pageSize())
}

// reloadAround reloads the window around the selected item, keeping it on
// the same screen row, so new data does not make the selection jump.
func (l *list) reloadAround(sel store.ItemView) tea.Cmd {
	l.startReload(pageAnchor)
	l.anchor = store.KeyOf(sel.Item)
	l.screenRow = l.win.cursor - l.win.offset
	l.anchorBelow = -1
	if below, ok := l.win.below(l.total); ok {
		l.anchorBelow = below
	}
	return fetchAnchor(l.src, l.gen, l.filter, l.anchor, l.pageSize())
}

func (l *list) startReload(kind pageKind) {
	l.gen++
	l.busy, l.reloading = true, kind
	l.loadingOlder, l.loadingNewer = false, false
}

// refresh re-reads the list after the data changed: at the top it reloads
// the top page (new items show at once), else the window around the
// selection. A reload in flight is simply asked again.
func (l *list) refresh() tea.Cmd {
	sel, ok := l.win.selected()
	switch {
	case l.busy && l.reloading == pageBottom:
		return l.reloadBottom()
	case l.busy && l.reloading == pageAnchor:
		l.startReload(pageAnchor)
		return fetchAnchor(l.src, l.gen, l.filter, l.anchor, l.pageSize())
	case l.busy:
		return l.reloadTop(l.keepID)
	case !ok || (l.win.atTop && l.win.offset == 0):
		return l.reloadTop(sel.ID)
	}
	return l.reloadAround(sel)
}

// count asks for the total shown next to the position.
func (l *list) count() tea.Cmd {
	l.countSeq++
	return fetchCount(l.src, l.countSeq, l.filter)
}

func (l *list) applyCount(msg countMsg) {
	if msg.seq != l.countSeq || msg.err != nil {
		return // the position shows "…" until a count succeeds
	}
	l.total = msg.n
}

// moveBy moves the cursor; what does not fit in the loaded rows waits for
// the next page and lands when it arrives.
func (l *list) moveBy(delta int) {
	if l.busy {
		l.pending = max(min(l.pending+delta, l.maxRows()), -l.maxRows())
		return
	}
	if l.pending*delta < 0 {
		l.pending = 0 // a move the other way cancels what was waiting
	}
	rest := l.win.move(delta)
	if (rest > 0 && !l.win.atBottom) || (rest < 0 && !l.win.atTop) {
		l.pending = max(min(l.pending+rest, l.maxRows()), -l.maxRows())
	}
	if sel, ok := l.win.selected(); ok {
		delete(l.fresh, sel.ID) // seen
	}
}

// top goes to the newest item: at once when it is loaded, else by reload.
func (l *list) top() tea.Cmd {
	l.pending = 0
	if l.win.atTop && !l.busy && l.loaded {
		l.moveBy(-len(l.win.rows))
		return nil
	}
	return l.reloadTop(0)
}

// bottom goes to the oldest item: at once when it is loaded, else by reload.
func (l *list) bottom() tea.Cmd {
	l.pending = 0
	if l.win.atBottom && !l.busy && l.loaded {
		l.moveBy(len(l.win.rows))
		return nil
	}
	return l.reloadBottom()
}

// fetchMore asks for the next page on either side when the cursor nears an
// edge of the window (one request per side at a time). After a failed read
// it waits for a reload (g) rather than retrying on every key.
func (l *list) fetchMore() tea.Cmd {
	if l.busy || !l.loaded || l.err != nil {
		return nil
	}
	var cmds []tea.Cmd
	if !l.loadingOlder && l.win.needOlder(l.margin()) {
		l.loadingOlder = true
		cmds = append(cmds, fetchPage(l.src, l.gen, pageOlder, l.filter, l.win.bottomKey, store.Older, l.pageSize()))
	}
	if !l.loadingNewer && l.win.needNewer(l.margin()) {
		l.loadingNewer = true
		cmds = append(cmds, fetchPage(l.src, l.gen, pageNewer, l.filter, l.win.topKey, store.Newer, l.pageSize()))
	}
	return tea.Batch(cmds...)
}

// apply takes a page into the window, drops it when stale, then lands any
// move that was waiting for it. It reports whether the rows were replaced
// (a reload landed), when items already drawn may have changed.
func (l *list) apply(msg pageMsg) (reloaded bool) {
	if msg.gen != l.gen {
		return false
	}
	switch msg.kind {
	case pageOlder:
		l.loadingOlder = false
	case pageNewer:
		l.loadingNewer = false
	default:
		if !l.busy || msg.kind != l.reloading {
			return false
		}
		l.busy = false
		reloaded = true
	}
	if msg.err != nil {
		l.err = msg.err
		l.pending = 0
		return false
	}
	l.err = nil
	switch msg.kind {
	case pageTop:
		l.applyTop(msg)
	case pageBottom:
		l.applyBottom(msg)
	case pageAnchor:
		l.applyAnchor(msg)
	case pageOlder:
		l.applyOlder(msg)
	case pageNewer:
		l.applyNewer(msg)
	}
	l.loaded = true
	if p := l.pending; p != 0 {
		l.pending = 0
		l.moveBy(p)
	}
	return reloaded
}

func (l *list) applyTop(msg pageMsg) {
	rows := keepIncoming(msg.rows)
	l.markFresh(rows)
	cursor := 0
	for i, r := range rows {
		if l.keepID != 0 && r.ID == l.keepID {
			cursor = i
			break
		}
	}
	l.win.fill(reload{
		rows: rows, bottomKey: lastKey(msg.rows, store.PageKey{}),
		atTop: true, atBottom: len(msg.rows) < msg.limit, cursor: cursor,
		screenRow: cursor, // offset 0: the newest items stay in view
	})
}

func (l *list) applyBottom(msg pageMsg) {
	rows := keepIncoming(msg.rows)
	l.fresh = nil
	l.win.fill(reload{
		rows: rows, topKey: firstKey(msg.rows, store.PageKey{}),
		atTop: len(msg.rows) < msg.limit, atBottom: true,
		cursor: len(rows) - 1, screenRow: l.win.height - 1,
	})
}

// applyAnchor puts the selection back on the anchored item (or the next
// older one when it is gone), on the same screen row. The position is now
// counted from the bottom, which new items arriving at the top do not move.
func (l *list) applyAnchor(msg pageMsg) {
	newer, older := keepIncoming(msg.rows), keepIncoming(msg.older)
	rows := append(newer, older...)
	cursor := len(newer)
	r := reload{
		rows: rows, cursor: cursor, screenRow: l.screenRow,
		topKey: firstKey(msg.rows, msg.from), bottomKey: lastKey(msg.older, msg.from),
		atTop: len(msg.rows) < msg.limit, atBottom: len(msg.older) < msg.limit,
	}
	if l.anchorBelow >= 0 {
		// The items older than the anchor are the same as before the
		// change, so count the window's bottom from there.
		shown := len(older) // rows of older that are below the anchor
		if len(msg.older) > 0 && store.KeyOf(msg.older[0].Item) == msg.from {
			shown-- // the first is the anchor itself
		}
		r.pos = position{base: max(l.anchorBelow-shown, 0)}
	} else {
		r.pos = l.win.pos // unknown total: keep the old estimate
	}
	l.win.fill(r)
}

func (l *list) applyOlder(msg pageMsg) {
	if msg.from != l.win.bottomKey {
		return // the window moved since it was asked
	}
	l.win.appendOlder(keepIncoming(msg.rows), lastKey(msg.rows, msg.from), len(msg.rows) < msg.limit, l.maxRows())
}

func (l *list) applyNewer(msg pageMsg) {
	if msg.from != l.win.topKey {
		return
	}
	l.win.prependNewer(keepIncoming(msg.rows), firstKey(msg.rows, msg.from), len(msg.rows) < msg.limit, l.maxRows())
}

// markFresh remembers which rows of a top reload are newer than the top of
// the previous one, to mark them new.
func (l *list) markFresh(rows []store.ItemView) {
	if !l.loaded || !l.win.atTop || len(l.win.rows) == 0 {
		l.fresh = nil
		return
	}
	prev := store.KeyOf(l.win.rows[0].Item)
	fresh := map[int64]bool{}
	for _, r := range rows {
		// New since the last reload, or still unseen from an earlier one.
		if newerThan(store.KeyOf(r.Item), prev) || l.fresh[r.ID] {
			fresh[r.ID] = true
		}
	}
	l.fresh = fresh
}

// newerThan reports whether a comes before b in newest-first order.
func newerThan(a, b store.PageKey) bool {
	return a.CreatedAt > b.CreatedAt || (a.CreatedAt == b.CreatedAt && a.ID > b.ID)
}

func firstKey(rows []store.ItemView, def store.PageKey) store.PageKey {
	if len(rows) == 0 {
		return def
	}
	return store.KeyOf(rows[0].Item)
}

func lastKey(rows []store.ItemView, def store.PageKey) store.PageKey {
	if len(rows) == 0 {
		return def
	}
	return store.KeyOf(rows[len(rows)-1].Item)
}
