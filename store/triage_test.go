package store

import (
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"cmdeck/core"
)

// triageFixture stores n incoming items needing a reply, one minute apart
// (newest first in ids order reversed), on the first account.
func triageFixture(t *testing.T, n int) (*fixture, []int64) {
	t.Helper()
	f := newFixture(t)
	batch := make([]core.Item, n)
	for i := range batch {
		batch[i] = item("t"+strconv.Itoa(i), t0.Add(-time.Duration(i)*time.Minute), "message "+strconv.Itoa(i))
		batch[i].NeedsReply = true
	}
	return f, f.ingest(t, 0, core.Batch{Items: batch}).NewItemIDs
}

func TestSetStateBulk(t *testing.T) {
	f, all := triageFixture(t, 5)
	ctx := context.Background()
	tests := []struct {
		state      core.ItemState
		needsReply bool // the flag after the change
		listed     bool // still under "needs reply"
	}{
		{core.StateRead, true, true},
		{core.StateDone, true, false}, // kept: "undone" brings it back
		{core.StateNew, true, true},
		{core.StateHidden, true, false},
		{core.StateSpam, true, false},
		{core.StateReplied, false, false},
		{core.StateRead, false, false}, // an answered item stays answered
	}
	sel := all[1:4]
	for _, tc := range tests {
		if err := f.s.SetState(ctx, sel, tc.state, f.clock.Now()); err != nil {
			t.Fatalf("%s: %v", tc.state, err)
		}
		for _, id := range all {
			v, _ := f.s.Item(ctx, id)
			in := slices.Contains(sel, id)
			if in && (v.State != tc.state || v.NeedsReply != tc.needsReply) {
				t.Fatalf("%s: selected item %+v", tc.state, v.Item)
			}
			if !in && (v.State != core.StateNew || !v.NeedsReply) {
				t.Fatalf("%s: item outside the selection changed: %+v", tc.state, v.Item)
			}
		}
		n, _ := f.s.CountItems(ctx, ItemFilter{NeedsReply: true})
		if want := 2 + map[bool]int{true: 3}[tc.listed]; n != want {
			t.Fatalf("%s: %d need a reply, want %d", tc.state, n, want)
		}
	}
	if err := f.s.SetState(ctx, sel, "archived", f.clock.Now()); err == nil {
		t.Error("an unknown state was accepted")
	}
	if err := f.s.SetState(ctx, nil, core.StateDone, f.clock.Now()); err != nil {
		t.Errorf("empty selection: %v", err)
	}
}

// A bulk action on more ids than SQLite accepts variables (32766) is still
// one call.
func TestTriageHugeSelection(t *testing.T) {
	f, all := triageFixture(t, 3)
	ctx := context.Background()
	sel := make([]int64, 0, 40000)
	for i := range int64(40000) {
		sel = append(sel, 1_000_000+i) // unknown ids are ignored
	}
	sel = append(sel, all...)
	if err := f.s.SetState(ctx, sel, core.StateDone, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetTag(ctx, sel, "idea", true); err != nil {
		t.Fatal(err)
	}
	if n, _ := f.s.CountItems(ctx, ItemFilter{States: []core.ItemState{core.StateDone}, Tag: "idea"}); n != 3 {
		t.Fatalf("%d items done and tagged, want 3", n)
	}
}

func TestSnooze(t *testing.T) {
	f, all := triageFixture(t, 4)
	ctx := context.Background()
	list := func(flt ItemFilter) []int64 { return ids(f.mustList(t, flt, PageKey{}, Older, 50)) }
	if err := f.s.Snooze(ctx, all[:2], t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := eq(list(ItemFilter{}), all[2:]); err != nil {
		t.Fatalf("default view still shows snoozed items: %v", err)
	}
	if err := eq(list(ItemFilter{Snoozed: true}), all[:2]); err != nil {
		t.Fatalf("snoozed view: %v", err)
	}
	if v, err := f.s.Item(ctx, all[0]); err != nil || !v.SnoozedUntil.Equal(t0.Add(time.Hour)) {
		t.Fatalf("item shows snoozed until %v (%v), want %v", v.SnoozedUntil, err, t0.Add(time.Hour))
	}
	if n, _ := f.s.CountItems(ctx, ItemFilter{NeedsReply: true}); n != 2 {
		t.Fatalf("needs reply counts %d, want 2 (snoozed left out)", n)
	}
	if st, _ := f.s.Status(ctx); st.NeedsReply != 2 {
		t.Fatalf("status needs reply %d, want 2", st.NeedsReply)
	}
	if n, _ := f.s.CountItems(ctx, ItemFilter{Snoozed: true, Query: "message"}); n != 2 {
		t.Fatalf("search among snoozed counts %d, want 2", n)
	}
	// One is woken by hand, the other when its time comes.
	if err := f.s.Snooze(ctx, all[:1], time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := eq(list(ItemFilter{Snoozed: true}), all[1:2]); err != nil {
		t.Fatalf("after unsnooze: %v", err)
	}
	f.clock.Advance(time.Hour)
	if err := eq(list(ItemFilter{}), all); err != nil {
		t.Fatalf("when the snooze ends the item is back: %v", err)
	}
	if got := list(ItemFilter{Snoozed: true}); len(got) != 0 {
		t.Fatalf("snoozed view after the end: %v", got)
	}
	if st, _ := f.s.Status(ctx); st.NeedsReply != 4 {
		t.Fatalf("status needs reply %d, want 4", st.NeedsReply)
	}
}

func TestTagsAndAssignee(t *testing.T) {
	f, all := triageFixture(t, 4)
	ctx := context.Background()
	list := func(flt ItemFilter) []int64 { return ids(f.mustList(t, flt, PageKey{}, Older, 50)) }
	if err := f.s.SetTag(ctx, all[:3], " bug ", true); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetTag(ctx, all[:3], "bug", true); err != nil { // twice: no duplicate
		t.Fatal(err)
	}
	if err := f.s.SetTag(ctx, all[1:2], "bug", false); err != nil {
		t.Fatal(err)
	}
	if err := eq(list(ItemFilter{Tag: "bug"}), []int64{all[0], all[2]}); err != nil {
		t.Fatalf("tag filter: %v", err)
	}
	if v, _ := f.s.Item(ctx, all[0]); len(v.Tags) != 1 || v.Tags[0] != "bug" {
		t.Fatalf("tags %v", v.Tags)
	}
	for _, bad := range []string{"", "  ", string(make([]byte, 100))} {
		if err := f.s.SetTag(ctx, all, bad, true); err == nil {
			t.Errorf("tag %q accepted", bad)
		}
	}

	if err := f.s.Assign(ctx, all[1:3], " Camille "); err != nil {
		t.Fatal(err)
	}
	if err := eq(list(ItemFilter{Assignee: "Camille"}), all[1:3]); err != nil {
		t.Fatalf("assignee filter: %v", err)
	}
	if v, _ := f.s.Item(ctx, all[1]); v.Assignee != "Camille" {
		t.Fatalf("item shows assignee %q, want Camille", v.Assignee)
	}
	if err := f.s.Assign(ctx, all[1:2], ""); err != nil {
		t.Fatal(err)
	}
	if err := eq(list(ItemFilter{Assignee: "Camille"}), all[2:3]); err != nil {
		t.Fatalf("after unassign: %v", err)
	}
	if n, _ := f.s.CountItems(ctx, ItemFilter{Assignee: "Camille"}); n != 1 {
		t.Fatalf("count by assignee %d", n)
	}
}

func TestTaggedItems(t *testing.T) {
	f, all := triageFixture(t, 4)
	ctx := context.Background()
	other := f.ingest(t, 2, core.Batch{Items: []core.Item{item("b1", t0, "autre client")}}).NewItemIDs
	if err := f.s.SetTag(ctx, append([]int64{all[0], all[1], all[3]}, other...), "idea", true); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetTag(ctx, all[:1], "bug", true); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetState(ctx, all[:1], core.StateDeleted, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.TaggedItems(ctx, f.clients[0].ID, t0.Add(-2*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	// all[3] is older than since; the other client's item is not this client's.
	if err := eq(ids(got), []int64{all[1], all[0]}); err != nil {
		t.Fatalf("tagged items oldest first: %v", err)
	}
	if tags := got[1].Tags; len(tags) != 2 {
		t.Fatalf("tags of the deleted item %v, want both", tags)
	}
	if all, _ := f.s.TaggedItems(ctx, f.clients[0].ID, time.Time{}); len(all) != 3 {
		t.Fatalf("since the beginning: %d items, want 3", len(all))
	}
}
