package tui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
	"cmdeck/tui/exec"
)

// The root over the real store and the real executor: hide a message,
// see it queued with an undo hint, undo it with u, find it cancelled in
// the outbox view. It checks that the contracts the root builds on hold
// together, not only against fakes.
func TestHideUndoAgainstTheRealStore(t *testing.T) {
	ctx := context.Background()
	clock := core.NewManualClock(now)
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "deck.db"), store.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	_, accounts, err := st.UpsertWorkspace(ctx,
		[]core.Client{{Slug: "dupre", Name: "Boulangerie Dupré"}},
		[]core.Account{{ClientSlug: "dupre", Provider: "demo", Network: "Chirper", Handle: "@dupre"}})
	if err != nil {
		t.Fatal(err)
	}
	item := core.Item{RemoteID: "c1", Kind: core.KindComment, Body: "Vos croissants sont trop chers",
		Author: core.Author{RemoteID: "u1", Handle: "@troll", Name: "Troll"}, CreatedAt: now.Add(-time.Hour),
		State: core.StateNew}
	if _, err := st.IngestBatch(ctx, accounts[0].ID, core.Batch{Items: []core.Item{item}}, now); err != nil {
		t.Fatal(err)
	}
	rows, err := st.ListItems(ctx, store.ItemFilter{}, store.PageKey{}, store.Older, 10)
	if err != nil || len(rows) != 1 {
		t.Fatalf("seeded items: %v, %v", rows, err)
	}
	ex := exec.New(exec.Options{Store: st, Clock: clock, Actor: "marie", UndoWindow: 5 * time.Second})

	d := newDeck(t, 120, 30, func(o *Options) { o.Source, o.Clock, o.Executor = st, clock, ex })

	d.send(common.IntentMsg{Intent: common.Intent{Kind: common.IntentHide, ItemIDs: []int64{rows[0].ID}, Reason: "troll"}})
	if s := d.statusLine(); !strings.Contains(s, "1 message hidden · u to undo") {
		t.Fatalf("status bar after hide: %q", s)
	}
	pending, err := st.Actions(ctx, []core.ActionState{core.ActionPending}, 10)
	if err != nil || len(pending) != 1 || pending[0].Kind != core.ActHide {
		t.Fatalf("outbox after hide: %+v, %v", pending, err)
	}
	if !strings.Contains(d.statusLine(), "⇡ 1 queued") {
		t.Fatalf("the counts were not refreshed: %q", d.statusLine())
	}

	d.press("u")
	if s := d.statusLine(); !strings.Contains(s, "Undone: hide") {
		t.Fatalf("status bar after undo: %q", s)
	}
	d.press("u")
	if s := d.statusLine(); !strings.Contains(s, "Nothing to undo") {
		t.Fatalf("status bar after a second undo: %q", s)
	}

	d.press("O")
	text := d.text()
	if !strings.Contains(text, "Recently sent or cancelled") || !strings.Contains(text, "cancelled") {
		t.Fatalf("the outbox does not show the cancelled hide:\n%s", text)
	}
}
