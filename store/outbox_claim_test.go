package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"cmdeck/core"
)

func TestClaimDueLifecycle(t *testing.T) {
	f, items := outboxFixture(t)
	ctx := context.Background()
	early := f.enqueue(t, core.Action{Kind: core.ActReply, ItemID: items[0], Payload: "Bonjour"})
	f.clock.Advance(2 * time.Second)
	late := f.enqueue(t, core.Action{Kind: core.ActHide, ItemID: items[1]})

	if got := f.claim(t, f.s, "w1", 10); len(got) != 0 {
		t.Fatalf("claimed %v before anything was due", claimedIDs(got))
	}
	f.clock.Advance(undoWindow - 2*time.Second) // early is due, late is not
	got := f.claim(t, f.s, "w1", 10)
	if err := eq(claimedIDs(got), []int64{early}); err != nil {
		t.Fatalf("claimed: %v", err)
	}
	if got[0].Reclaimed || got[0].Attempts != 1 || got[0].State != core.ActionClaimed {
		t.Fatalf("claim %+v", got[0])
	}
	if again := f.claim(t, f.s, "w2", 10); len(again) != 0 {
		t.Fatalf("a claimed row was claimed again: %v", claimedIDs(again))
	}

	// Transient failure: back to pending, not due before its new time.
	if err := f.s.RetryLater(ctx, early, "connection reset", f.clock.Now().Add(30*time.Second)); err != nil {
		t.Fatal(err)
	}
	if v := f.action(t, early); v.State != core.ActionPending || v.LastError != "connection reset" {
		t.Fatalf("after RetryLater: %+v", v.Action)
	}
	if err := f.s.RetryLater(ctx, early, "x", f.clock.Now()); err == nil {
		t.Error("RetryLater on an action that is not claimed succeeded")
	}
	f.clock.Advance(2 * time.Second)
	if err := eq(claimedIDs(f.claim(t, f.s, "w1", 10)), []int64{late}); err != nil {
		t.Fatalf("claim before the retry time: %v", err)
	}
	f.clock.Advance(30 * time.Second)
	got = f.claim(t, f.s, "w1", 10)
	if len(got) != 1 || got[0].ID != early || got[0].Attempts != 2 {
		t.Fatalf("retry claim %+v", got)
	}

	// Permanent failure: visible, never claimed, retryable by hand.
	if err := f.s.FailAction(ctx, early, "forbidden", f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	failed, err := f.s.Actions(ctx, []core.ActionState{core.ActionFailed}, 10)
	if err != nil || len(failed) != 1 || failed[0].ID != early || failed[0].LastError != "forbidden" {
		t.Fatalf("failed actions %+v, %v", failed, err)
	}
	f.clock.Advance(time.Hour)
	for _, c := range f.claim(t, f.s, "w1", 10) {
		if c.ID == early {
			t.Fatal("a failed action was claimed")
		}
	}
	if err := f.s.RetryAction(ctx, early, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	got = f.claim(t, f.s, "w1", 10)
	if len(got) != 1 || got[0].ID != early || got[0].Attempts != 1 {
		t.Fatalf("after RetryAction claimed %+v, want it with attempts counted afresh", got)
	}
	if err := f.s.DiscardAction(ctx, early, f.clock.Now()); !errors.Is(err, ErrTooLate) {
		t.Fatalf("discard a claimed action: %v, want ErrTooLate", err)
	}
	if err := f.s.FailAction(ctx, early, "still forbidden", f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if err := f.s.DiscardAction(ctx, early, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if v := f.action(t, early); v.State != core.ActionCancelled {
		t.Fatalf("discarded action is %s", v.State)
	}
	if err := f.s.RetryAction(ctx, early, f.clock.Now()); err == nil {
		t.Error("RetryAction on a discarded action succeeded")
	}
}

// A worker that claimed and went silent: after the stale time its row comes
// back, marked Reclaimed, to whoever asks.
func TestClaimDueReclaimsStale(t *testing.T) {
	f, items := outboxFixture(t)
	id := f.enqueue(t, core.Action{Kind: core.ActReply, ItemID: items[0], Payload: "Bonjour", NotBefore: t0})
	if got := f.claim(t, f.s, "dead", 10); len(got) != 1 {
		t.Fatalf("claimed %v", claimedIDs(got))
	}
	f.clock.Advance(2 * time.Minute)
	if got := f.claim(t, f.s, "alive", 10); len(got) != 0 {
		t.Fatalf("reclaimed at exactly the stale time: %v", claimedIDs(got))
	}
	f.clock.Advance(time.Millisecond)
	got := f.claim(t, f.s, "alive", 10)
	if len(got) != 1 || got[0].ID != id || !got[0].Reclaimed || got[0].Attempts != 2 {
		t.Fatalf("reclaim %+v", got)
	}
	if got := f.claim(t, f.s, "third", 10); len(got) != 0 {
		t.Fatalf("a fresh reclaim was taken again: %v", claimedIDs(got))
	}
}

// Two stores on one file stand for two processes: racing for the same rows,
// each row goes to exactly one.
func TestClaimDueTwoStoresNeverShare(t *testing.T) {
	f, items := outboxFixture(t)
	ctx := context.Background()
	other, err := Open(ctx, f.path, WithClock(f.clock))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	const n = 60
	for i := range n {
		f.enqueue(t, core.Action{Kind: core.ActHide, ItemID: items[i%2], NotBefore: t0,
			IdempotencyKey: fmt.Sprintf("race-%d", i)})
	}
	var mu sync.Mutex
	owners := map[int64][]string{}
	var wg sync.WaitGroup
	for w, s := range []*Store{f.s, other, f.s, other} {
		owner := fmt.Sprintf("w%d", w)
		wg.Go(func() {
			for {
				got, err := s.ClaimDue(ctx, owner, t0, 2*time.Minute, 3)
				if err != nil {
					t.Error(err)
					return
				}
				if len(got) == 0 {
					return
				}
				mu.Lock()
				for _, c := range got {
					owners[c.ID] = append(owners[c.ID], owner)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(owners) != n {
		t.Fatalf("%d rows claimed, want %d", len(owners), n)
	}
	for id, o := range owners {
		if len(o) != 1 {
			t.Errorf("action %d claimed by %v", id, o)
		}
	}
}

func TestClaimDueBadInput(t *testing.T) {
	f, _ := outboxFixture(t)
	ctx := context.Background()
	if _, err := f.s.ClaimDue(ctx, "", t0, time.Minute, 1); err == nil {
		t.Error("no owner accepted")
	}
	if _, err := f.s.ClaimDue(ctx, "w", t0, 0, 1); err == nil {
		t.Error("zero stale time accepted")
	}
	if got, err := f.s.ClaimDue(ctx, "w", t0, time.Minute, 0); err != nil || got != nil {
		t.Errorf("limit 0: %v, %v", got, err)
	}
}

// Claiming when nothing is due must not write: the UI would take every
// engine tick for a change and reload.
func TestClaimDueIdleDoesNotWrite(t *testing.T) {
	f, _ := outboxFixture(t)
	ctx := context.Background()
	v1, _ := f.s.DataVersion(ctx)
	for range 3 {
		f.claim(t, f.s, "w", 10)
	}
	if v2, _ := f.s.DataVersion(ctx); v2 != v1 {
		t.Fatalf("idle ClaimDue changed the data version %d → %d", v1, v2)
	}
}
