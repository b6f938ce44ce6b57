package store

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"cmdeck/core"
)

// publishAll claims every due action at the clock's time and completes it.
func (f *fixture) publishAll(t *testing.T, owner string) {
	t.Helper()
	for _, c := range f.claim(t, f.s, owner, 100) {
		if err := f.s.CompleteAction(context.Background(), c.ID, core.ActionResult{RemoteID: "r" + c.IdempotencyKey}, f.clock.Now()); err != nil {
			t.Fatal(err)
		}
	}
}

func (f *fixture) recurringDue(t *testing.T) []int64 {
	t.Helper()
	due, err := f.s.RecurringDue(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []int64
	for _, r := range due {
		out = append(out, r.PostID)
	}
	return out
}

func TestScheduleNextOccurrenceOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	at := t0.Add(time.Hour)
	ids := f.create(t, PostDraft{AccountIDs: []int64{f.accounts[0].ID, f.accounts[2].ID}, Body: "Le pain du lundi",
		Media: []string{"/pain.jpg"}, At: at, Recur: core.RecurWeekly, Actor: "marc"})
	if _, err := f.s.ScheduleNextOccurrence(ctx, ids[0], at.AddDate(0, 0, 7), t0); !errors.Is(err, ErrPostState) {
		t.Fatalf("next of a post not yet published: %v, want ErrPostState", err)
	}
	if due := f.recurringDue(t); len(due) != 0 {
		t.Fatalf("due before publishing: %v", due)
	}
	f.clock.Set(at)
	f.publishAll(t, "h:1:daemon")
	due, err := f.s.RecurringDue(ctx, 100)
	if err != nil || len(due) != 2 || due[0].PostID != ids[0] || !due[0].At.Equal(at) || due[0].Recur != core.RecurWeekly {
		t.Fatalf("due %+v, %v", due, err)
	}
	next := at.AddDate(0, 0, 7)
	var nexts []int64
	for _, id := range ids {
		n1, err := f.s.ScheduleNextOccurrence(ctx, id, next, f.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		n2, err := f.s.ScheduleNextOccurrence(ctx, id, next.Add(time.Hour), f.clock.Now())
		if err != nil || n2 != n1 {
			t.Fatalf("second call: %d, %v; want %d again", n2, err, n1)
		}
		nexts = append(nexts, n1)
	}
	src, p := f.post(t, ids[0]), f.post(t, nexts[0])
	if p.Status != core.PostScheduled || !p.ScheduledAt.Equal(next) || p.Body != src.Body || p.AccountID != src.AccountID ||
		!slices.Equal(p.Media, src.Media) || p.Recur != core.RecurWeekly || p.GroupKey == src.GroupKey ||
		p.GroupKey != f.post(t, nexts[1]).GroupKey || p.ActionState != core.ActionPending {
		t.Fatalf("next occurrence %+v of %+v", p, src)
	}
	if a := f.action(t, p.ActionID); !a.NotBefore.Equal(next) || a.Actor != "marc" || a.Payload != src.Body {
		t.Fatalf("its action %+v", a.Action)
	}
	if due := f.recurringDue(t); len(due) != 0 {
		t.Fatalf("still due after scheduling: %v", due)
	}
	posts, _ := f.s.CalendarPosts(ctx, PostQuery{From: t0, To: next.Add(48 * time.Hour)})
	if len(posts) != 4 {
		t.Fatalf("%d posts, want 2 published and 2 next", len(posts))
	}

	// The CM deletes one next occurrence: that series ends, it is not made again.
	if err := f.s.DeletePost(ctx, nexts[1], f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if again, err := f.s.ScheduleNextOccurrence(ctx, ids[1], next, f.clock.Now()); err != nil || again != nexts[1] {
		t.Fatalf("after deleting the next: %d, %v", again, err)
	}
	if posts, _ := f.s.CalendarPosts(ctx, PostQuery{From: t0, To: next.Add(48 * time.Hour)}); len(posts) != 3 {
		t.Fatalf("%d posts, want the deleted occurrence to stay deleted", len(posts))
	}
}

// Two runners (two handles on one file) racing to make the next occurrence
// make exactly one.
func TestScheduleNextOccurrenceRace(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	other, err := Open(ctx, f.path, WithClock(f.clock))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	at := t0.Add(time.Hour)
	id := f.create(t, PostDraft{AccountIDs: []int64{f.accounts[0].ID}, Body: "x", At: at, Recur: core.RecurMonthly})[0]
	f.clock.Set(at)
	f.publishAll(t, "h:1:daemon")
	next := at.AddDate(0, 1, 0)
	got := make([]int64, 8)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() {
			s := f.s
			if i%2 == 1 {
				s = other
			}
			n, err := s.ScheduleNextOccurrence(ctx, id, next, at)
			if err != nil {
				t.Error(err)
			}
			got[i] = n
		})
	}
	wg.Wait()
	for _, n := range got {
		if n != got[0] || n == 0 {
			t.Fatalf("racing calls returned %v, want one id", got)
		}
	}
	posts, _ := f.s.CalendarPosts(ctx, PostQuery{From: t0, To: next.Add(time.Hour)})
	if len(posts) != 2 {
		t.Fatalf("%d posts, want the published one and one next", len(posts))
	}
}

// A missed recurring post continues its series: a week with the machine
// off must not end it.
func TestMissedRecurringIsDue(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	id := f.create(t, PostDraft{AccountIDs: []int64{f.accounts[0].ID}, Body: "x", At: t0.Add(time.Hour), Recur: core.RecurWeekly})[0]
	f.clock.Set(t0.Add(10 * time.Hour))
	c := f.claimPost(t, "h:1:daemon", id)
	if err := f.s.MissAction(ctx, c.ID, "missed", f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if due := f.recurringDue(t); !slices.Equal(due, []int64{id}) {
		t.Fatalf("due %v, want the missed post", due)
	}
}
