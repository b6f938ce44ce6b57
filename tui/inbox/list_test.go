package inbox

import (
	"errors"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"cmdeck/store"
	"cmdeck/tui/common"
)

// checkWindow asserts the window invariants: the cursor is on a loaded,
// visible row, the window holds at most maxRows, and the selected row is
// the one at rank want in the full list (want < 0 skips that check).
func checkWindow(t *testing.T, m *Model, ids []int64, want int) {
	t.Helper()
	w := &m.list.win
	if len(w.rows) == 0 {
		t.Fatalf("no rows loaded")
	}
	if w.cursor < 0 || w.cursor >= len(w.rows) {
		t.Fatalf("cursor %d outside %d loaded rows", w.cursor, len(w.rows))
	}
	if w.cursor < w.offset || w.cursor >= w.offset+w.height {
		t.Fatalf("cursor %d not visible (offset %d, height %d)", w.cursor, w.offset, w.height)
	}
	if len(w.rows) > m.list.maxRows() {
		t.Fatalf("window holds %d rows, more than %d", len(w.rows), m.list.maxRows())
	}
	for i, r := range w.rows {
		if !incoming(r) {
			t.Fatalf("row %d is our own reply %d", i, r.ID)
		}
		if i > 0 && !newerThan(store.KeyOf(w.rows[i-1].Item), store.KeyOf(r.Item)) {
			t.Fatalf("rows %d and %d out of order", i-1, i)
		}
	}
	if want >= 0 {
		sel, _ := w.selected()
		if sel.ID != ids[want] {
			t.Fatalf("selected id %d, want %d (rank %d)", sel.ID, ids[want], want)
		}
		if abs, ok := w.absolute(m.list.total); !ok || abs != want+1 {
			t.Fatalf("position %d (known %v), want %d", abs, ok, want+1)
		}
	}
}

func TestInitLoadsOnlyTheTopPage(t *testing.T) {
	src := newVirtualSource(10_000, 7)
	m := newTestModel(t, src, 80, 24)
	ids := src.incomingIDs()
	checkWindow(t, m, ids, 0)
	if got := src.calls(); got != 1 {
		t.Errorf("Init made %d ListItems calls, want 1", got)
	}
	if len(m.list.win.rows) > m.list.pageSize() {
		t.Errorf("Init loaded %d rows, more than a page (%d)", len(m.list.win.rows), m.list.pageSize())
	}
	if got, want := m.position(), "1 / 8,572"; got != want {
		t.Errorf("position %q, want %q", got, want)
	}
}

// Walking the whole list one row at a time never holds more than the
// window, asks for about one page per page walked, and lands on every
// incoming item in order.
func TestScrollingThroughTenThousandItems(t *testing.T) {
	src := newVirtualSource(10_000, 7)
	m := newTestModel(t, src, 80, 24)
	ids := src.incomingIDs()
	for i := 1; i < len(ids); i++ {
		press(t, m, "j")
		checkWindow(t, m, ids, i)
	}
	press(t, m, "j") // past the end: stays on the oldest
	checkWindow(t, m, ids, len(ids)-1)
	if !m.list.win.atBottom {
		t.Error("at the last item but the window does not know it is at the bottom")
	}
	page := m.list.pageSize()
	if max := 10_000/page + 3; src.calls() > max {
		t.Errorf("%d ListItems calls to walk 10,000 items, want at most %d", src.calls(), max)
	}
	if src.maxLimit > page {
		t.Errorf("asked for %d rows at once, more than a page (%d)", src.maxLimit, page)
	}
	if got, want := m.position(), "8,572 / 8,572"; got != want {
		t.Errorf("position %q, want %q", got, want)
	}
	// And back up to the top, the same way.
	for i := len(ids) - 2; i >= 0; i-- {
		press(t, m, "k")
		checkWindow(t, m, ids, i)
	}
	if !m.list.win.atTop {
		t.Error("back at the first item but the window does not know it is at the top")
	}
}

func TestPageKeysMoveByTheVisibleHeight(t *testing.T) {
	src := newVirtualSource(5_000, 0)
	m := newTestModel(t, src, 80, 24)
	ids := src.incomingIDs()
	h := m.list.win.height
	tests := []struct {
		key  string
		want int
	}{
		{"pgdown", h}, {"pgdown", 2 * h}, {"ctrl+d", 3 * h}, {"pgup", 2 * h},
		{"down", 2*h + 1}, {"up", 2 * h}, {"end", len(ids) - 1}, {"pgdown", len(ids) - 1},
		{"pgup", len(ids) - 1 - h}, {"home", 0}, {"pgup", 0},
	}
	for _, tt := range tests {
		if tt.key == "ctrl+d" {
			_, cmd := m.Update(tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl})
			drain(t, m, cmd)
		} else {
			press(t, m, tt.key)
		}
		checkWindow(t, m, ids, tt.want)
	}
}

// A move past the loaded rows waits for the page and lands when it comes.
func TestMoveWaitingForAPageLandsWhenItArrives(t *testing.T) {
	src := newVirtualSource(5_000, 0)
	m := newTestModel(t, src, 80, 10) // a page is minPage rows
	ids := src.incomingIDs()
	loaded := len(m.list.win.rows)
	var held []tea.Cmd
	for range loaded + 5 { // run off the loaded rows while no page comes in
		_, cmd := m.Update(keyMsg("j"))
		held = append(held, cmd)
	}
	checkWindow(t, m, ids, loaded-1)
	if m.list.pending != 6 {
		t.Fatalf("pending move %d, want 6", m.list.pending)
	}
	for _, c := range held {
		drain(t, m, c)
	}
	checkWindow(t, m, ids, loaded+5)
	if m.list.pending != 0 {
		t.Errorf("pending move %d after the page landed", m.list.pending)
	}
}

func TestBottomThenUp(t *testing.T) {
	src := newVirtualSource(10_000, 7)
	m := newTestModel(t, src, 80, 24)
	ids := src.incomingIDs()
	before := src.calls()
	press(t, m, "G")
	last := len(ids) - 1
	checkWindow(t, m, ids, last)
	if got := src.calls() - before; got > 2 {
		t.Errorf("G made %d ListItems calls, want at most 2", got)
	}
	for i := 1; i <= 100; i++ {
		press(t, m, "k")
		checkWindow(t, m, ids, last-i)
	}
	if got, want := m.position(), "8,472 / 8,572"; got != want {
		t.Errorf("position %q, want %q", got, want)
	}
	press(t, m, "g")
	checkWindow(t, m, ids, 0)
}

func TestTopAndBottomOnAShortListNeedNoQuery(t *testing.T) {
	src := newVirtualSource(12, 0)
	m := newTestModel(t, src, 80, 24)
	ids := src.incomingIDs()
	before := src.calls()
	press(t, m, "G")
	checkWindow(t, m, ids, 11)
	press(t, m, "g")
	checkWindow(t, m, ids, 0)
	if src.calls() != before {
		t.Errorf("g/G on a fully loaded list queried %d times", src.calls()-before)
	}
}

// Keys pressed while a reload is in flight are not lost: they apply once
// it lands.
func TestKeysDuringAReloadApplyAfterIt(t *testing.T) {
	src := newVirtualSource(5_000, 0)
	m := newTestModel(t, src, 80, 24)
	ids := src.incomingIDs()
	_, reload := m.Update(keyMsg("G"))
	for range 3 {
		_, cmd := m.Update(keyMsg("k"))
		drain(t, m, cmd)
	}
	drain(t, m, reload)
	checkWindow(t, m, ids, len(ids)-4)
}

func TestDataChangedAtTopShowsNewItemsMarked(t *testing.T) {
	items := fixtureItems()
	src := newSliceSource(items[3:]) // two new items and one of our replies are not there yet
	m := newTestModel(t, src, 80, 24)
	press(t, m, "j") // select the second row, still at the top
	sel, _ := m.list.win.selected()

	src.setItems(items)
	_, cmd := m.Update(common.DataChangedMsg{Version: 2})
	drain(t, m, cmd)

	got, _ := m.list.win.selected()
	if got.ID != sel.ID {
		t.Fatalf("selection moved from %d to %d", sel.ID, got.ID)
	}
	if m.list.win.offset != 0 {
		t.Fatalf("offset %d: the new items are not in view", m.list.win.offset)
	}
	if len(m.list.fresh) != 2 {
		t.Fatalf("fresh %v, want the 2 new items", m.list.fresh)
	}
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "new: 2") {
		t.Errorf("header does not announce the new items:\n%s", view)
	}
	lines := strings.Split(view, "\n")
	if !strings.HasPrefix(lines[2], "•") || !strings.HasPrefix(lines[3], "•") { // under the bar and header
		t.Errorf("new rows are not marked:\n%s", view)
	}
	press(t, m, "k", "k", "k") // reading them clears the marks
	if len(m.list.fresh) != 0 {
		t.Errorf("fresh %v after selecting the new items", m.list.fresh)
	}
}

func TestDataChangedScrolledKeepsTheSelectionInPlace(t *testing.T) {
	src := newVirtualSource(5_000, 7)
	m := newTestModel(t, src, 80, 24)
	for range 300 {
		press(t, m, "j")
	}
	sel, _ := m.list.win.selected()
	row := m.list.win.cursor - m.list.win.offset

	src.grow(5_040, 7) // 40 new items at the top
	_, cmd := m.Update(common.DataChangedMsg{Version: 2})
	drain(t, m, cmd)

	ids := src.incomingIDs()
	rank := slices.Index(ids, sel.ID)
	checkWindow(t, m, ids, rank)
	if got := m.list.win.cursor - m.list.win.offset; got != row {
		t.Errorf("selection moved from screen row %d to %d", row, got)
	}
	if rank <= 300 {
		t.Fatalf("test setup: the new items did not land above the selection (rank %d)", rank)
	}
	// Scrolling on from the re-anchored window still follows the list.
	for i := 1; i <= 50; i++ {
		press(t, m, "k")
		checkWindow(t, m, ids, rank-i)
	}
}

func TestDataChangedWhenTheSelectedItemIsGone(t *testing.T) {
	items := fixtureItems()
	src := newSliceSource(items)
	m := newTestModel(t, src, 80, 10) // small: the window is not at its top after scrolling
	press(t, m, "j", "j", "j")
	sel, _ := m.list.win.selected()
	rest := slices.DeleteFunc(slices.Clone(items), func(it store.ItemView) bool { return it.ID == sel.ID })
	src.setItems(rest)
	_, cmd := m.Update(common.DataChangedMsg{Version: 2})
	drain(t, m, cmd)
	ids := src.incomingIDs()
	got, ok := m.list.win.selected()
	if !ok || got.ID == sel.ID || !slices.Contains(ids, got.ID) {
		t.Fatalf("selection %d after its item %d was deleted", got.ID, sel.ID)
	}
}

func TestStalePagesAreDropped(t *testing.T) {
	for _, order := range []string{"newest first", "oldest first"} {
		t.Run(order, func(t *testing.T) {
			src := newVirtualSource(5_000, 0)
			m := newTestModel(t, src, 80, 24)
			ids := src.incomingIDs()
			for range 200 {
				press(t, m, "j")
			}
			_, bottom := m.Update(keyMsg("G")) // superseded by g
			_, top := m.Update(keyMsg("g"))
			first, second := bottom, top
			if order == "newest first" {
				first, second = top, bottom
			}
			drain(t, m, first)
			drain(t, m, second)
			checkWindow(t, m, ids, 0)
		})
	}
}

func TestStaleCountIsDropped(t *testing.T) {
	src := newVirtualSource(100, 0)
	m := newTestModel(t, src, 80, 24)
	m.Update(countMsg{seq: m.list.countSeq - 1, n: 999})
	if m.list.total != 100 {
		t.Errorf("total %d after a stale count", m.list.total)
	}
}

func TestListErrorShowsAndRetries(t *testing.T) {
	src := newVirtualSource(100, 0)
	src.listErr = errors.New("database is locked")
	m := newTestModel(t, src, 80, 24)
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "Could not read the inbox: database is locked.") || !strings.Contains(view, "Press g") {
		t.Fatalf("error not shown:\n%s", view)
	}
	src.listErr = nil
	press(t, m, "g")
	checkWindow(t, m, src.incomingIDs(), 0)
	if m.list.err != nil {
		t.Errorf("error %v kept after a successful reload", m.list.err)
	}
}

// After a failed page the list waits for g instead of asking again on
// every key.
func TestFailedPageIsNotRetriedOnEveryKey(t *testing.T) {
	src := newVirtualSource(5_000, 0)
	m := newTestModel(t, src, 80, 24)
	src.listErr = errors.New("disk I/O error")
	for range 40 {
		press(t, m, "j")
	}
	calls := src.calls()
	for range 10 {
		press(t, m, "j")
	}
	if src.calls() != calls {
		t.Errorf("%d queries after the error", src.calls()-calls)
	}
	if !strings.Contains(ansi.Strip(m.View()), "read error, g to retry") {
		t.Errorf("the header does not show the error")
	}
}

func TestEmptyInboxWaitsForTheFirstSync(t *testing.T) {
	m := newTestModel(t, newSliceSource(nil), 80, 24)
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "Waiting for the first sync…") {
		t.Errorf("empty state missing:\n%s", view)
	}
	press(t, m, "j", "k", "G", "g", "enter", "esc", "pgdown")
}

// A list whose every row is our own reply pages on until it finds the end
// instead of asking for the same page again.
func TestOnlyOwnRepliesStillReachTheEnd(t *testing.T) {
	src := newVirtualSource(100, 1) // every item is a reply
	m := newTestModel(t, src, 80, 24)
	if len(m.list.win.rows) != 0 || !m.list.win.atBottom {
		t.Fatalf("rows %d, at bottom %v", len(m.list.win.rows), m.list.win.atBottom)
	}
	if src.calls() > 100/m.list.pageSize()+2 {
		t.Errorf("%d calls for 100 hidden items", src.calls())
	}
}

func TestNoSourceShowsAnErrorAndNeverPanics(t *testing.T) {
	m := New(common.Context{}, DefaultKeyMap(nil))
	m.thread.delay = 0
	m.SetSize(80, 24)
	drain(t, m, m.Init())
	press(t, m, "j", "G", "g", "enter", "esc")
	_, cmd := m.Update(common.DataChangedMsg{})
	drain(t, m, cmd)
	if view := ansi.Strip(m.View()); !strings.Contains(view, "no data source is connected") {
		t.Errorf("missing source not reported:\n%s", view)
	}
}

// Pages are dropped when a reload happened since they were asked (older
// generation) or when the window's edge moved (another key).
func TestStaleExtendPagesAreDropped(t *testing.T) {
	src := newVirtualSource(5_000, 0)
	m := newTestModel(t, src, 80, 24)
	extra, _ := src.ListItems(t.Context(), store.ItemFilter{}, m.list.win.bottomKey, store.Older, 5)
	tests := []struct {
		name string
		msg  pageMsg
	}{
		{"older generation", pageMsg{gen: m.list.gen - 1, kind: pageOlder, from: m.list.win.bottomKey, limit: 5, rows: extra}},
		{"moved edge", pageMsg{gen: m.list.gen, kind: pageOlder, from: store.PageKey{CreatedAt: 1, ID: 1}, limit: 5, rows: extra}},
		{"reload not asked", pageMsg{gen: m.list.gen, kind: pageBottom, limit: 5, rows: extra}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := slices.Clone(m.list.win.rows)
			m.Update(tt.msg)
			if len(m.list.win.rows) != len(before) || m.list.win.rows[len(before)-1].ID != before[len(before)-1].ID {
				t.Errorf("stale page applied: %d rows, was %d", len(m.list.win.rows), len(before))
			}
		})
	}
}

// A data change while a reload is on its way asks for the same reload
// again (fresh data, same intent): g still goes to the newest item, G to
// the oldest, an anchored reload keeps its anchor.
func TestDataChangedRepeatsTheReloadInFlight(t *testing.T) {
	tests := []struct {
		name  string
		start func(l *list) tea.Cmd
	}{
		{"top", func(l *list) tea.Cmd { return l.reloadTop(0) }},
		{"bottom", func(l *list) tea.Cmd { return l.reloadBottom() }},
		{"anchor", func(l *list) tea.Cmd { sel, _ := l.win.selected(); return l.reloadAround(sel) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := newVirtualSource(500, 0)
			m := newTestModel(t, src, 80, 24)
			press(t, m, "j", "j", "j")
			tt.start(&m.list)
			kind, keep, anchor, gen := m.list.reloading, m.list.keepID, m.list.anchor, m.list.gen
			m.Update(common.DataChangedMsg{Version: 2})
			if !m.list.busy || m.list.reloading != kind || m.list.keepID != keep || m.list.anchor != anchor {
				t.Errorf("reload became %v (keep %d, anchor %v), want %v (keep %d, anchor %v)",
					m.list.reloading, m.list.keepID, m.list.anchor, kind, keep, anchor)
			}
			if m.list.gen == gen {
				t.Error("the reload was not asked again")
			}
		})
	}
}
