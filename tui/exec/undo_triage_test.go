package exec

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// triageStore is a real store with three comments, one of them already
// read, snoozed, tagged and assigned.
func triageStore(t *testing.T) (*store.Store, []int64, *core.ManualClock) {
	t.Helper()
	ctx := context.Background()
	st, acct, clock := realStore(t)
	var batch core.Batch
	for i := range 3 {
		batch.Items = append(batch.Items, core.Item{RemoteID: "c" + string(rune('1'+i)), Kind: core.KindComment,
			Author: core.Author{RemoteID: "u-lea", Handle: "@lea"}, Body: "Une question",
			CreatedAt: t0.Add(-time.Duration(i+1) * time.Minute)})
	}
	res, err := st.IngestBatch(ctx, acct.ID, batch, t0)
	if err != nil {
		t.Fatal(err)
	}
	ids := res.NewItemIDs
	first := ids[:1]
	for _, err := range []error{
		st.SetState(ctx, first, core.StateRead, t0),
		st.Snooze(ctx, first, t0.Add(48*time.Hour)),
		st.SetTag(ctx, first, "idea", true),
		st.Assign(ctx, first, "Karim"),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return st, ids, clock
}

// marks are what triage sets on an item, to compare before and after.
type marks struct {
	state    core.ItemState
	snoozed  time.Time
	tags     string
	assignee string
}

func marksOf(t *testing.T, st *store.Store, ids []int64) []marks {
	t.Helper()
	var out []marks
	for _, id := range ids {
		it, err := st.Item(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		tags := slices.Clone(it.Tags)
		slices.Sort(tags)
		out = append(out, marks{it.State, it.SnoozedUntil.UTC(), fmtTags(tags), it.Assignee})
	}
	return out
}

func fmtTags(tags []string) string {
	out := ""
	for _, t := range tags {
		out += t + ","
	}
	return out
}

// "u" takes back each kind of triage, restoring every item as it was
// (one read, two new; one snoozed; one tagged; one assigned), and says
// what it took back.
func TestUndoTriage(t *testing.T) {
	for _, in := range []common.Intent{
		{Kind: common.IntentDone},
		{Kind: common.IntentRead},
		{Kind: common.IntentUnread},
		{Kind: common.IntentSnooze, Until: t0.Add(3 * time.Hour)},
		{Kind: common.IntentSnooze},
		{Kind: common.IntentTag, Text: "idea"},
		{Kind: common.IntentUntag, Text: "idea"},
		{Kind: common.IntentAssign, Text: "Marie"},
		{Kind: common.IntentAssign},
	} {
		t.Run(string(in.Kind)+in.Text, func(t *testing.T) {
			st, ids, clock := triageStore(t)
			ex := New(Options{Store: st, Clock: clock, UndoWindow: 5 * time.Second, Actor: "Camille"})
			before := marksOf(t, st, ids)
			in.ItemIDs = ids
			run(t, ex, in)
			if slices.Equal(marksOf(t, st, ids), before) {
				t.Fatalf("%s changed nothing: the test proves nothing", in.Kind)
			}
			clock.Advance(time.Minute)
			out := run(t, ex, common.Intent{Kind: common.IntentUndo})
			if out.UndoneIntent.Kind != in.Kind || out.Applied != len(ids) {
				t.Errorf("undo outcome %+v, want %s on %d items", out, in.Kind, len(ids))
			}
			if got := marksOf(t, st, ids); !slices.Equal(got, before) {
				t.Errorf("after undo:\n%+v\nwant as before:\n%+v", got, before)
			}
			if _, err := undo(ex); !errors.Is(err, ErrNothingToUndo) {
				t.Errorf("a second u: %v, want nothing to undo", err)
			}
		})
	}
}

// "u" takes back the newest step only: a reply queued after a triage is
// what it cancels, and the triage is not undone after it; a triage after
// a reply is undone first, the reply next; and a triage older than
// triageUndoFor stays.
func TestUndoTriageOrder(t *testing.T) {
	st, ids, clock := triageStore(t)
	ex := New(Options{Store: st, Clock: clock, UndoWindow: 5 * time.Second, Actor: "Camille"})
	run(t, ex, common.Intent{Kind: common.IntentDone, ItemIDs: ids[1:2]})
	clock.Advance(time.Second)
	run(t, ex, common.Intent{Kind: common.IntentReply, ItemIDs: ids[2:3], Text: "Merci !"})
	if out := run(t, ex, common.Intent{Kind: common.IntentUndo}); out.Undone.Kind != core.ActReply {
		t.Fatalf("u after a reply took back %+v, want the reply", out)
	}
	if _, err := undo(ex); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("u reached past the reply to the triage before it: %v", err)
	}

	run(t, ex, common.Intent{Kind: common.IntentReply, ItemIDs: ids[2:3], Text: "Merci !"})
	clock.Advance(time.Second)
	run(t, ex, common.Intent{Kind: common.IntentRead, ItemIDs: ids[1:2]})
	if out := run(t, ex, common.Intent{Kind: common.IntentUndo}); out.UndoneIntent.Kind != common.IntentRead {
		t.Fatalf("u after a triage took back %+v, want the triage", out)
	}
	if out := run(t, ex, common.Intent{Kind: common.IntentUndo}); out.Undone.Kind != core.ActReply {
		t.Fatalf("the next u took back %+v, want the reply still in its window", out)
	}

	run(t, ex, common.Intent{Kind: common.IntentDone, ItemIDs: ids[1:2]})
	clock.Advance(triageUndoFor + time.Second)
	if _, err := undo(ex); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("u took back a triage of %s ago: %v", triageUndoFor, err)
	}
}

// A triage of a selection where one message is gone meanwhile applies to
// the others, and its undo puts back those.
func TestTriageSkipsAGoneItem(t *testing.T) {
	st, ids, clock := triageStore(t)
	ex := New(Options{Store: st, Clock: clock, UndoWindow: 5 * time.Second, Actor: "Camille"})
	before := marksOf(t, st, ids)
	run(t, ex, common.Intent{Kind: common.IntentDone, ItemIDs: append([]int64{999_999}, ids...)})
	out := run(t, ex, common.Intent{Kind: common.IntentUndo})
	if out.Applied != len(ids) {
		t.Errorf("undo applied to %d, want %d", out.Applied, len(ids))
	}
	if got := marksOf(t, st, ids); !slices.Equal(got, before) {
		t.Errorf("after undo %+v, want %+v", got, before)
	}
}
