package engine

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"cmdeck/core"
)

// TestRunTriggerAndShutdown drives Run with a manual clock: time never moves,
// so only the first step and TriggerNow can sync. Events arrive on a channel;
// the test waits on it, never on time.
func TestRunTriggerAndShutdown(t *testing.T) {
	f := newFixture(t, acct(1))
	synced := make(chan Event, 16)
	r := f.runner("runner", func(o *Options) {
		o.Tick = time.Millisecond
		o.Notify = func(e Event) {
			if e.AccountID != 0 {
				synced <- e
			}
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()

	waitEvent(t, synced) // first step: the account is due at start
	if err := r.Run(ctx); !errors.Is(err, ErrRunning) {
		t.Fatalf("second Run: %v, want ErrRunning", err)
	}
	f.scripts[1].push(fetchStep{batch: core.Batch{Cursor: "n", Items: items("t", 3, core.SentimentNeutral)}})
	r.TriggerNow()
	if e := waitEvent(t, synced); e.NewItems != 3 {
		t.Fatalf("triggered sync event %+v, want 3 new items", e)
	}
	if n := len(f.scripts[1].calls()); n != 2 {
		t.Fatalf("%d fetches, want 2: ticks alone must not sync before the interval", n)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run returned %v, want nil on cancel", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	f.store.mu.Lock()
	_, held := f.store.leases[LeaseName]
	f.store.mu.Unlock()
	if held {
		t.Fatal("lease still held after Run returned")
	}
}

func TestTriggerNeverBlocks(t *testing.T) {
	f := newFixture(t, acct(1))
	r := f.runner("a")
	for range 100 { // no Run loop draining the wake channel
		r.TriggerNow()
	}
	f.step(r)
	f.clock.Advance(time.Second)
	r.TriggerNow()
	if got := synced(f.step(r)); len(got) != 1 {
		t.Fatalf("triggered step synced %v, want the account again before its interval", got)
	}
}

func TestStepsNeverOverlap(t *testing.T) {
	f := newFixture(t, acct(1), acct(2))
	var inFetch, overlaps atomic.Int32
	probe := func() {
		if inFetch.Add(1) > 1 {
			overlaps.Add(1)
		}
		for range 100 { // let a racing pass (if any) run into this one
			runtime.Gosched()
		}
		inFetch.Add(-1)
	}
	for id := range f.scripts {
		f.scripts[id].repeat = &fetchStep{call: probe}
	}
	r := f.runner("a")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 20 {
			r.TriggerNow()
			r.Step(ctx, f.clock.Now())
		}
	}()
	for range 20 {
		r.TriggerNow()
		if _, err := r.SyncOnce(ctx); err != nil {
			t.Fatal(err)
		}
	}
	<-done
	if n := overlaps.Load(); n != 0 {
		t.Fatalf("%d overlapping fetches: passes ran at the same time", n)
	}
}

func waitEvent(t *testing.T, ch <-chan Event) Event {
	t.Helper()
	select {
	case e := <-ch:
		return e
	case <-time.After(10 * time.Second):
		t.Fatal("no sync event")
		return Event{}
	}
}
