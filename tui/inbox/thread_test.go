package inbox

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
)

func TestThreadShowsTheConversationOldestFirst(t *testing.T) {
	m := newTestModel(t, fixtureSource(), 120, 40)
	sel, _ := m.list.win.selected()
	if sel.ID != 103 {
		t.Fatalf("selected %d, want 103", sel.ID)
	}
	if m.thread.itemID != 103 || len(m.thread.items) != 4 || m.thread.history != 14 {
		t.Fatalf("thread for %d with %d items, history %d", m.thread.itemID, len(m.thread.items), m.thread.history)
	}
	view := ansi.Strip(m.View())
	order := []string{"Amélie Dubois · 12m", "↳ Lucas M. · 8m", "↳ You (@pixelforge) · 6m", "    ↳ Amélie Dubois · 2m"}
	last := -1
	for _, s := range order {
		i := strings.Index(view, s)
		if i < 0 || i < last {
			t.Fatalf("%q missing or out of order in:\n%s", s, view)
		}
		last = i
	}
	for _, s := range []string{"12.3k followers", "14 messages to PixelForge Studio", "VIP", "influencer"} {
		if !strings.Contains(view, s) {
			t.Errorf("author card lacks %q", s)
		}
	}
}

func TestDepths(t *testing.T) {
	mk := func(remote, parent string) store.ItemView {
		var it store.ItemView
		it.RemoteID, it.ParentRemoteID = remote, parent
		return it
	}
	items := []store.ItemView{mk("a", ""), mk("b", "a"), mk("c", "b"), mk("d", "a"), mk("e", "zz"), mk("f", "c")}
	if got, want := depths(items), []int{0, 1, 2, 1, 1, 3}; !slices.Equal(got, want) {
		t.Errorf("depths %v, want %v", got, want)
	}
}

// Holding j does not query a conversation per row: a selection loads only
// once its debounce fires, and only the latest one's does.
func TestThreadLoadsOnlyTheRestingSelection(t *testing.T) {
	src := fixtureSource()
	m := newTestModel(t, src, 80, 24)
	m.thread.delay = threadDelay // a real debounce; its ticks are not run here
	before := src.threadCalls
	for range 5 {
		m.Update(keyMsg("j")) // the debounce ticks it returns are not run
	}
	if src.threadCalls != before {
		t.Fatalf("%d thread queries while moving", src.threadCalls-before)
	}
	latest := m.thread.seq
	for seq := latest - 4; seq < latest; seq++ {
		if _, cmd := m.Update(threadDueMsg{seq: seq}); cmd != nil {
			t.Errorf("a passed-over selection (seq %d) still loads", seq)
		}
	}
	_, cmd := m.Update(threadDueMsg{seq: latest})
	drain(t, m, cmd)
	sel, _ := m.list.win.selected()
	if src.threadCalls != before+1 || m.thread.itemID != sel.ID {
		t.Errorf("%d queries, thread of %d; want 1 query for %d", src.threadCalls-before, m.thread.itemID, sel.ID)
	}
}

func TestStaleThreadIsDropped(t *testing.T) {
	m := newTestModel(t, fixtureSource(), 80, 24)
	fetch := func() []tea.Msg { // move down; the answers, not applied yet
		_, cmd := m.Update(keyMsg("j"))
		msgs := run(cmd)
		if len(msgs) == 0 {
			t.Fatal("no conversation query")
		}
		return msgs
	}
	older, newer := fetch(), fetch()
	for _, msg := range append(newer, older...) {
		m.Update(msg)
	}
	sel, _ := m.list.win.selected()
	if m.thread.itemID != sel.ID {
		t.Errorf("thread shows %d, selection is %d", m.thread.itemID, sel.ID)
	}
	if m.thread.history != -1 && sel.Author.ID != authorAmelie.ID {
		t.Errorf("history %d from another author", m.thread.history)
	}
}

func TestEnterFocusesTheThreadAndEscGivesItBack(t *testing.T) {
	m := newTestModel(t, fixtureSource(), 80, 24)
	press(t, m, "enter")
	if !m.thread.focused {
		t.Fatal("enter did not focus the thread")
	}
	start := m.thread.offset
	if start == 0 {
		t.Fatal("test setup: the conversation fits, nothing to scroll")
	}
	press(t, m, "k")
	if m.thread.offset != start-1 {
		t.Errorf("k scrolled the thread from %d to %d", start, m.thread.offset)
	}
	press(t, m, "j")
	if m.list.win.cursor != 0 {
		t.Error("j moved the list while the thread had the focus")
	}
	if m.thread.offset != start {
		t.Errorf("j scrolled the thread to %d, want %d", m.thread.offset, start)
	}
	press(t, m, "G")
	lay := m.layout()
	sel := m.list.win.rows[0]
	lines, _, _ := m.conversation(sel, lay.threadW, fakeEpoch)
	if want := len(lines) - m.convRows(sel, lay); m.thread.offset != want {
		t.Errorf("G scrolled to %d, want the end %d", m.thread.offset, want)
	}
	press(t, m, "g")
	if m.thread.offset != 0 {
		t.Errorf("g scrolled to %d", m.thread.offset)
	}
	if got := ansi.Strip(m.View()); !strings.Contains(got, "esc: back to list") {
		t.Errorf("the focused thread does not say how to leave:\n%s", got)
	}
	if help := m.ShortHelp(); help[len(help)-1].Help().Key != "esc" {
		t.Errorf("help bar does not offer esc while the thread is focused")
	}
	press(t, m, "esc", "j")
	if m.thread.focused || m.list.win.cursor != 1 {
		t.Errorf("after esc: focused %v, cursor %d", m.thread.focused, m.list.win.cursor)
	}
}

func TestDataChangedReloadsTheThread(t *testing.T) {
	src := fixtureSource()
	m := newTestModel(t, src, 80, 24)
	conv := slices.Clone(src.threads[103])
	reply := conv[len(conv)-1]
	reply.ID, reply.RemoteID, reply.Body = 120, "c-120", "Une nouvelle réponse"
	reply.CreatedAt = fakeEpoch
	conv = append(conv, reply)
	for _, it := range conv {
		src.threads[it.ID] = conv
	}
	_, cmd := m.Update(common.DataChangedMsg{Version: 3})
	drain(t, m, cmd)
	if len(m.thread.items) != 5 {
		t.Errorf("thread has %d items after the change, want 5", len(m.thread.items))
	}
}

func TestKeyMapOverridesReachThePane(t *testing.T) {
	km := DefaultKeyMap(nil)
	acts := km.Actions()
	want := []string{"all", "assign", "back", "block", "bottom", "copy", "delete", "done", "done_filter", "down",
		"filter", "hidden", "hide", "like", "mute", "needs_reply", "next_filter", "open", "open_link", "pagedown", "pageup", "pipe",
		"prev_filter", "read", "reply", "reply_editor", "report", "search", "select", "silence", "snooze", "spam",
		"suspend", "tag", "top", "unmute", "unread", "up", "visual"}
	var got []string
	for name := range acts {
		got = append(got, name)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("actions %v, want %v", got, want)
	}
	common.Rebind(acts["down"], []string{"n"})
	m := newTestModel(t, fixtureSource(), 80, 24)
	m.keys = km
	press(t, m, "j")
	if m.list.win.cursor != 0 {
		t.Error("j still moves after down was rebound to n")
	}
	press(t, m, "n")
	if m.list.win.cursor != 1 {
		t.Error("n does not move down after the rebind")
	}
}

// A single key press after a rest loads its conversation at once (no
// debounce to wait for); the author's history is counted once per author
// until the data changes.
func TestThreadLoadsAtOnceAfterARest(t *testing.T) {
	src := fixtureSource()
	m := newTestModel(t, src, 80, 24)
	m.thread.delay = threadDelay
	clock := m.clock.(*core.ManualClock)
	clock.Advance(time.Second)
	_, cmd := m.Update(keyMsg("j"))
	for _, msg := range run(cmd) {
		if _, ok := msg.(threadDueMsg); ok {
			t.Fatal("a rested press waits for the debounce")
		}
		m.Update(msg)
	}
	if sel, _ := m.list.win.selected(); m.thread.itemID != sel.ID {
		t.Fatalf("thread of %d, want %d", m.thread.itemID, sel.ID)
	}
	// 102 is Amélie's again: her history is known.
	before := src.historyCalls
	clock.Advance(time.Second)
	press(t, m, "j")
	if src.historyCalls != before || m.thread.history != 14 {
		t.Errorf("history counted again (%d calls) or lost (%d)", src.historyCalls-before, m.thread.history)
	}
	_, cmd = m.Update(common.DataChangedMsg{Version: 2})
	drain(t, m, cmd)
	if src.historyCalls != before+1 {
		t.Errorf("a data change does not recount the history")
	}
}
