package inbox

import "cmdeck/store"

// window is the part of the inbox held in memory: a few pages of rows around
// the cursor, never the whole table. It is pure state with no I/O; list.go
// decides when to fetch and feeds the pages in.
//
// Invariants (checked by the tests): cursor is a valid index of rows (0 when
// rows is empty); offset <= cursor < offset+height when height > 0; topKey
// and bottomKey are where the next Newer and Older pages start.
type window struct {
	rows     []store.ItemView
	cursor   int  // index in rows of the selected row
	offset   int  // index in rows of the first visible row
	height   int  // rows visible at once
	atTop    bool // nothing newer exists above rows[0]
	atBottom bool // nothing older exists below the last row

	// The keys pages continue from. They are the raw edges of what the store
	// returned, which can differ from the first/last shown row when rows are
	// filtered out on our side; paging from them always makes progress.
	topKey, bottomKey store.PageKey

	pos position
}

// position tracks where the window sits in the whole list, so "12 / 4 312"
// can be shown without counting rows above a key. It is exact whenever the
// window has touched an end, and stays right while new items arrive at the
// top when measured from the bottom.
type position struct {
	fromTop bool // base counts items above rows[0]; else items below the last row
	base    int
}

// reload is what a reload puts in the window: the rows, their raw edge
// keys, which ends were reached, where the cursor goes and on which screen
// row it should appear, and the position when no end was reached.
type reload struct {
	rows              []store.ItemView
	topKey, bottomKey store.PageKey
	atTop, atBottom   bool
	cursor, screenRow int
	pos               position
}

// fill replaces the rows with a reload.
func (w *window) fill(r reload) {
	w.rows = r.rows
	w.topKey, w.bottomKey = r.topKey, r.bottomKey
	w.atTop, w.atBottom = r.atTop, r.atBottom
	w.cursor = clampIndex(r.cursor, len(r.rows))
	w.offset = w.cursor - r.screenRow
	w.pos = r.pos
	w.syncEnds()
	w.show()
}

// appendOlder adds a page below the last row, then trims the top so at most
// maxRows stay in memory.
func (w *window) appendOlder(rows []store.ItemView, edge store.PageKey, exhausted bool, maxRows int) {
	w.rows = append(w.rows, rows...)
	w.bottomKey = edge
	w.atBottom = exhausted
	if !w.pos.fromTop {
		w.pos.base = max(w.pos.base-len(rows), 0)
	}
	w.trimTop(len(w.rows) - maxRows)
	w.syncEnds()
	w.show()
}

// prependNewer adds a page above the first row (rows newest first), then
// trims the bottom so at most maxRows stay in memory.
func (w *window) prependNewer(rows []store.ItemView, edge store.PageKey, exhausted bool, maxRows int) {
	n := len(rows)
	merged := make([]store.ItemView, 0, n+len(w.rows))
	merged = append(merged, rows...)
	w.rows = append(merged, w.rows...)
	w.cursor += n
	w.offset += n
	w.topKey = edge
	w.atTop = exhausted
	if w.pos.fromTop {
		w.pos.base = max(w.pos.base-n, 0)
	}
	w.trimBottom(len(w.rows) - maxRows)
	w.syncEnds()
	w.show()
}

// trimTop drops up to n rows above the visible part. It never drops the
// cursor's row or a visible one, so the screen does not change.
func (w *window) trimTop(n int) {
	n = min(n, w.offset, w.cursor)
	if n <= 0 {
		return
	}
	// Copy so the dropped rows can be collected.
	w.rows = append([]store.ItemView(nil), w.rows[n:]...)
	w.cursor -= n
	w.offset -= n
	w.atTop = false
	w.topKey = store.KeyOf(w.rows[0].Item)
	if w.pos.fromTop {
		w.pos.base += n
	}
}

// trimBottom drops up to n rows below the visible part.
func (w *window) trimBottom(n int) {
	lastKept := max(w.cursor, w.offset+w.height-1)
	n = min(n, len(w.rows)-1-lastKept)
	if n <= 0 {
		return
	}
	w.rows = append([]store.ItemView(nil), w.rows[:len(w.rows)-n]...)
	w.atBottom = false
	w.bottomKey = store.KeyOf(w.rows[len(w.rows)-1].Item)
	if !w.pos.fromTop {
		w.pos.base += n
	}
}

// syncEnds makes the position exact when the window touches an end.
func (w *window) syncEnds() {
	switch {
	case w.atTop:
		w.pos = position{fromTop: true}
	case w.atBottom:
		w.pos = position{fromTop: false}
	}
}

// move shifts the cursor by delta rows within the loaded rows and returns
// the part of the move that did not fit (to wait for a page).
func (w *window) move(delta int) (rest int) {
	target := w.cursor + delta
	w.cursor = clampIndex(target, len(w.rows))
	w.show()
	if len(w.rows) == 0 {
		return delta
	}
	return target - w.cursor
}

// setHeight changes how many rows are visible.
func (w *window) setHeight(h int) {
	w.height = max(h, 0)
	w.show()
}

// show scrolls the least needed to keep the cursor visible, without blank
// rows below the last one when there are enough rows to fill the view.
func (w *window) show() {
	if w.height <= 0 {
		w.offset = w.cursor
		return
	}
	if w.cursor < w.offset {
		w.offset = w.cursor
	}
	if w.cursor >= w.offset+w.height {
		w.offset = w.cursor - w.height + 1
	}
	w.offset = max(min(w.offset, len(w.rows)-w.height), 0)
}

// needOlder reports that the cursor is within margin rows of the last row,
// or that the rows do not fill the view, and older rows exist.
func (w *window) needOlder(margin int) bool {
	if w.atBottom {
		return false
	}
	return len(w.rows)-1-w.cursor < margin || len(w.rows) < w.offset+w.height
}

// needNewer reports that the cursor is within margin rows of the first row
// and newer rows exist.
func (w *window) needNewer(margin int) bool {
	return !w.atTop && w.cursor < margin
}

// selected returns the row under the cursor.
func (w *window) selected() (store.ItemView, bool) {
	if len(w.rows) == 0 {
		return store.ItemView{}, false
	}
	return w.rows[w.cursor], true
}

// absolute returns the 1-based rank of the cursor's row in the whole list,
// given the total count (negative when unknown).
func (w *window) absolute(total int) (int, bool) {
	if len(w.rows) == 0 {
		return 0, false
	}
	if w.pos.fromTop {
		return w.pos.base + w.cursor + 1, true
	}
	below, ok := w.below(total)
	if !ok || total < 0 {
		return 0, false
	}
	return max(total-below, 1), true
}

// below returns how many items of the whole list are older than the
// cursor's row, given the total count (negative when unknown).
func (w *window) below(total int) (int, bool) {
	if len(w.rows) == 0 {
		return 0, false
	}
	if !w.pos.fromTop {
		return w.pos.base + len(w.rows) - 1 - w.cursor, true
	}
	if total < 0 {
		return 0, false
	}
	return max(total-(w.pos.base+w.cursor+1), 0), true
}

// clampIndex limits i to [0, n-1], 0 when n is 0.
func clampIndex(i, n int) int {
	if n <= 0 {
		return 0
	}
	return min(max(i, 0), n-1)
}
