package inbox

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"cmdeck/core"
	"cmdeck/tui/common"
)

// rowOf returns the drawn row of an item (the list must show it).
func rowOf(t *testing.T, m *Model, body string) string {
	t.Helper()
	for _, l := range strings.Split(ansi.Strip(m.View()), "\n") {
		if strings.Contains(l, body) {
			return l
		}
	}
	t.Fatalf("no row shows %q:\n%s", body, ansi.Strip(m.View()))
	return ""
}

func TestRowsMarkPendingAndFailedActions(t *testing.T) {
	src := fixtureSource()
	src.actions = []core.Action{
		{ID: 1, ItemID: 104, Kind: core.ActHide, State: core.ActionPending},
		{ID: 2, ItemID: 105, Kind: core.ActReply, State: core.ActionFailed, LastError: "rate limited"},
		{ID: 3, ItemID: 105, Kind: core.ActHide, State: core.ActionClaimed},
		{ID: 4, ItemID: 111, Kind: core.ActDelete, State: core.ActionDone}, // confirmed: no mark
	}
	m := newTestModel(t, src, 100, 30)
	if row := rowOf(t, m, "Lucas M."); !strings.Contains(row, "⧗hide Pareil") {
		t.Errorf("pending hide not marked: %q", row)
	}
	if row := rowOf(t, m, "田中"); !strings.Contains(row, "✗reply") {
		t.Errorf("a failure must win over what is still on its way: %q", row)
	}
	if row := rowOf(t, m, "galettes"); strings.ContainsAny(row, "⧗✗") {
		t.Errorf("a confirmed action is still marked: %q", row)
	}
	// The network confirmed: the next reload drops the mark.
	src.actions[0].State = core.ActionDone
	_, cmd := m.Update(common.DataChangedMsg{Version: 2})
	drain(t, m, cmd)
	if row := rowOf(t, m, "Lucas M."); strings.Contains(row, "⧗") {
		t.Errorf("mark kept after the confirmation: %q", row)
	}
}

// Our replies show in the conversation as soon as they are queued, muted
// and marked, and a failed one says why and how to retry.
func TestThreadShowsPendingReplies(t *testing.T) {
	src := fixtureSource()
	src.actions = []core.Action{
		{ID: 1, ItemID: 103, Kind: core.ActReply, State: core.ActionPending, Payload: "La version PC arrive cet été !"},
		{ID: 2, ItemID: 104, Kind: core.ActReply, State: core.ActionFailed, Payload: "Bientôt !", LastError: "network refused: too long"},
	}
	m := newTestModel(t, src, 120, 40)
	view := ansi.Strip(m.View())
	for _, want := range []string{"You (@pixelforge) · pending…", "La version PC arrive cet été !",
		"You (@pixelforge) · ✗ not sent", "Bientôt !", "network refused: too long (O to retry)"} {
		if !strings.Contains(view, want) {
			t.Errorf("conversation lacks %q:\n%s", want, view)
		}
	}
	// The pending reply sits under the message it answers.
	if strings.Index(view, "Et pour la version PC") > strings.Index(view, "La version PC arrive") {
		t.Errorf("pending reply above its target:\n%s", view)
	}
}

// Marks come with the pages and threads: no query of their own.
func TestPendingMarksRideWithThePages(t *testing.T) {
	src := newVirtualSource(5_000, 0)
	m := newTestModel(t, src, 80, 24)
	pages, threads, pending := src.calls(), src.threadCalls, src.pendingCalls
	for range 100 {
		press(t, m, "j")
	}
	loads := src.calls() - pages + src.threadCalls - threads
	if got := src.pendingCalls - pending; got > loads {
		t.Errorf("%d pending queries for %d loads", got, loads)
	}
}
