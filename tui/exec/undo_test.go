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

func undo(ex *Executor) (common.Outcome, error) {
	return ex.Execute(context.Background(), common.Intent{Kind: common.IntentUndo})
}

func TestUndoTakesBackTheLastIntentAsAWhole(t *testing.T) {
	ex, fs, clock := newTestExec(t)
	run(t, ex, common.Intent{Kind: common.IntentHide, ItemIDs: []int64{1, 2, 3}})
	clock.Advance(time.Second)
	run(t, ex, common.Intent{Kind: common.IntentReply, ItemIDs: []int64{4}, Text: "Merci !"})

	// First u: the reply only.
	out, err := undo(ex)
	if err != nil {
		t.Fatal(err)
	}
	if out.Undone.Kind != core.ActReply || !slices.Equal(out.ActionIDs, []int64{4}) || out.Applied != 1 {
		t.Fatalf("first undo = %+v, want the reply (action 4)", out)
	}
	if !slices.Equal(fs.pending(), []int64{1, 2, 3}) {
		t.Fatalf("pending %v, want the three hides", fs.pending())
	}

	// Second u: the bulk hide, all three.
	out, err = undo(ex)
	if err != nil {
		t.Fatal(err)
	}
	if out.Undone.Kind != core.ActHide || out.Applied != 3 || len(fs.pending()) != 0 {
		t.Fatalf("second undo = %+v, pending %v; want the three hides cancelled", out, fs.pending())
	}
	slices.Sort(out.ActionIDs)
	if !slices.Equal(out.ActionIDs, []int64{1, 2, 3}) {
		t.Errorf("undone actions %v, want [1 2 3]", out.ActionIDs)
	}
	wantAudit := []string{"undo item:4", "undo item:3", "undo item:2", "undo item:1"}
	if got := fs.auditTargets()[4:]; !slices.Equal(got, wantAudit) {
		t.Errorf("undo audit = %v, want %v", got, wantAudit)
	}

	// Third u: nothing left.
	if _, err := undo(ex); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("third undo: %v, want ErrNothingToUndo", err)
	}
}

func TestUndoWindow(t *testing.T) {
	tests := []struct {
		name    string
		advance time.Duration
		wantErr error
	}{
		{"within the window", 7 * time.Second, nil},
		{"at the last instant", 8*time.Second - time.Millisecond, nil},
		{"window closed", 8 * time.Second, ErrNothingToUndo},
		{"long after", time.Hour, ErrNothingToUndo},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, fs, clock := newTestExec(t)
			run(t, ex, common.Intent{Kind: common.IntentHide, ItemIDs: []int64{1}})
			clock.Advance(tt.advance)
			_, err := undo(ex)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
				t.Fatalf("undo after %v: %v, want %v", tt.advance, err, tt.wantErr)
			}
			wantState := core.ActionCancelled
			if tt.wantErr != nil {
				wantState = core.ActionPending
			}
			if fs.actions[0].State != wantState {
				t.Errorf("action state %s, want %s", fs.actions[0].State, wantState)
			}
		})
	}
}

func TestUndoTooLatePassesThrough(t *testing.T) {
	ex, fs, _ := newTestExec(t)
	run(t, ex, common.Intent{Kind: common.IntentDelete, ItemIDs: []int64{1}})
	// The engine claims the action between LastUndoable and Cancel.
	fs.onCancel = func(a *core.Action) { a.State = core.ActionClaimed; a.Attempts = 1 }
	_, err := undo(ex)
	if !errors.Is(err, store.ErrTooLate) {
		t.Fatalf("undo = %v, want store.ErrTooLate", err)
	}
	if len(fs.audits) != 1 {
		t.Errorf("audit %v: a failed undo writes no line", fs.auditTargets())
	}
}

func TestUndoOnlyTheActorsOwnActions(t *testing.T) {
	ex, fs, clock := newTestExec(t)
	run(t, ex, common.Intent{Kind: common.IntentHide, ItemIDs: []int64{1}})
	other := New(Options{Store: fs, Clock: clock, UndoWindow: 8 * time.Second, Actor: "ssh:guest",
		NewKey: func() string { return "other" }})
	if _, err := undo(other); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("another actor's undo: %v, want ErrNothingToUndo", err)
	}
	if !slices.Equal(fs.pending(), []int64{1}) {
		t.Errorf("pending %v: Camille's hide must still be queued", fs.pending())
	}
}

func TestUndoNeverCancelsAScheduledPost(t *testing.T) {
	ex, fs, clock := newTestExec(t)
	run(t, ex, common.Intent{Kind: common.IntentHide, ItemIDs: []int64{1}})
	clock.Advance(time.Second)
	// The calendar scheduled a post for next week, after the hide.
	if _, err := fs.Enqueue(context.Background(), core.Action{AccountID: acctChirper, Kind: core.ActPublish,
		PostID: 9, NotBefore: t0.AddDate(0, 0, 7), CreatedAt: clock.Now(), Actor: "Camille", IdempotencyKey: "post-9"}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(10 * time.Second) // the hide has left its window
	if _, err := undo(ex); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("undo = %v, want ErrNothingToUndo", err)
	}
	if fs.actions[1].State != core.ActionPending {
		t.Errorf("the scheduled post is %s, want pending", fs.actions[1].State)
	}
}
