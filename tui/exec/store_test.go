package exec

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// The real store is an exec.Store.
var _ Store = (*store.Store)(nil)

// realStore is a real store in a temp dir, with one client and its
// Chirper account, on a manual clock at t0.
func realStore(t *testing.T) (*store.Store, core.Account, *core.ManualClock) {
	t.Helper()
	ctx := context.Background()
	clock := core.NewManualClock(t0)
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "cmdeck.db"), store.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	_, accts, err := st.UpsertWorkspace(ctx, []core.Client{{Slug: "fournil", Name: "Le Fournil"}},
		[]core.Account{{ClientSlug: "fournil", Provider: "demo", Network: "Chirper", Handle: "@lefournil_fr"}})
	if err != nil {
		t.Fatal(err)
	}
	return st, accts[0], clock
}

// TestAgainstTheRealStore runs the executor on a real SQLite file: a bulk
// hide and its undo, a block, triage, and the audit trail.
func TestAgainstTheRealStore(t *testing.T) {
	ctx := context.Background()
	st, acct, clock := realStore(t)
	var batch core.Batch
	for i, who := range []string{"lea", "lea", "tom"} {
		batch.Items = append(batch.Items, core.Item{RemoteID: "c" + string(rune('1'+i)), Kind: core.KindComment,
			Author: core.Author{RemoteID: "u-" + who, Handle: "@" + who, Name: who},
			Body:   "Le pain était rassis", CreatedAt: t0.Add(-time.Duration(i+1) * time.Minute)})
	}
	res, err := st.IngestBatch(ctx, acct.ID, batch, t0)
	if err != nil {
		t.Fatal(err)
	}
	ids := res.NewItemIDs
	ex := New(Options{Store: st, Clock: clock, UndoWindow: 5 * time.Second, Actor: "Camille"})

	// Bulk hide, then undo it as a whole.
	out := run(t, ex, common.Intent{Kind: common.IntentHide, ItemIDs: ids, Reason: "hors sujet"})
	if out.Applied != 3 || len(out.ActionIDs) != 3 || !out.UndoUntil.Equal(t0.Add(5*time.Second)) {
		t.Fatalf("hide outcome %+v", out)
	}
	pending, err := st.PendingActions(ctx, ids)
	if err != nil || len(pending) != 3 || pending[0].TargetRemoteID != "c1" || !pending[0].NotBefore.Equal(out.UndoUntil) {
		t.Fatalf("pending actions %+v, %v", pending, err)
	}
	clock.Advance(4 * time.Second)
	if out := run(t, ex, common.Intent{Kind: common.IntentUndo}); out.Applied != 3 {
		t.Fatalf("undo applied to %d actions, want 3", out.Applied)
	}
	if pending, _ := st.PendingActions(ctx, ids); len(pending) != 0 {
		t.Errorf("after undo, still pending: %+v", pending)
	}

	// Block lea (two items) and tom: two actions, aimed at the authors.
	out = run(t, ex, common.Intent{Kind: common.IntentBlock, ItemIDs: ids})
	if len(out.ActionIDs) != 2 {
		t.Fatalf("block queued %d actions, want one per author", len(out.ActionIDs))
	}
	queued, err := st.Actions(ctx, []core.ActionState{core.ActionPending}, 10)
	if err != nil {
		t.Fatal(err)
	}
	var targets []string
	for _, a := range queued {
		targets = append(targets, a.TargetRemoteID)
	}
	slices.Sort(targets)
	if !slices.Equal(targets, []string{"u-lea", "u-tom"}) {
		t.Errorf("block targets %v, want the two authors", targets)
	}
	clock.Advance(6 * time.Second)
	if _, err := ex.Execute(ctx, common.Intent{Kind: common.IntentUndo}); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("undo after the window: %v, want ErrNothingToUndo", err)
	}

	// Triage: tag and done, then the tag is in the export.
	run(t, ex, common.Intent{Kind: common.IntentTag, ItemIDs: ids[:2], Text: "complaint"})
	run(t, ex, common.Intent{Kind: common.IntentDone, ItemIDs: ids})
	tagged, err := st.TaggedItems(ctx, acct.ClientID, t0.Add(-time.Hour))
	if err != nil || len(tagged) != 2 || !slices.Equal(tagged[0].Tags, []string{"complaint"}) || tagged[0].State != core.StateDone {
		t.Errorf("tagged items %+v, %v", tagged, err)
	}

	log, err := st.AuditLog(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, e := range log {
		count[e.Action]++
		if e.Actor != "Camille" {
			t.Errorf("audit line %+v: actor %q", e, e.Actor)
		}
	}
	want := map[string]int{"hide": 3, "undo": 3, "block": 3, "tag": 2, "done": 3}
	for k, n := range want {
		if count[k] != n {
			t.Errorf("%d %q audit lines, want %d (all: %v)", count[k], k, n, count)
		}
	}
}
