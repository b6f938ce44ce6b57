package engine

import (
	"context"
	"fmt"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

// An account whose network says when news arrives (IMAP IDLE) is synced at
// once when it does, without waiting for its interval; a server that cannot
// say leaves the account to polling. Time never moves: only news can sync.
func TestNewsSyncsTheAccountAtOnce(t *testing.T) {
	f := newFixture(t, acct(1))
	news := make(chan error)
	f.scripts[1].news = news
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
	defer func() {
		cancel()
		<-done
	}()

	waitEvent(t, synced) // the first sync starts the watcher
	f.scripts[1].push(fetchStep{batch: core.Batch{Cursor: "n", Items: items("t", 2, core.SentimentNeutral)}})
	news <- nil
	if e := waitEvent(t, synced); e.NewItems != 2 {
		t.Fatalf("sync after news %+v, want the 2 new items", e)
	}
	if n := len(f.scripts[1].calls()); n != 2 {
		t.Fatalf("%d fetches, want 2", n)
	}

	// A server without IDLE: the watcher stops, and polling goes on.
	news <- fmt.Errorf("no IDLE: %w", providers.ErrUnsupported)
	deadline := time.Now().Add(10 * time.Second)
	for {
		r.watch.mu.Lock()
		watching := r.watch.watching[1]
		r.watch.mu.Unlock()
		if !watching {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the watcher did not stop on ErrUnsupported")
		}
		time.Sleep(time.Millisecond)
	}
	if n := len(f.scripts[1].calls()); n != 2 {
		t.Fatalf("%d fetches after ErrUnsupported, want no sync from it", n)
	}
}

// A single Step (sync --once, tests) never starts a watcher.
func TestStepAloneStartsNoWatcher(t *testing.T) {
	f := newFixture(t, acct(1))
	f.scripts[1].news = make(chan error)
	r := f.runner("a")
	f.step(r)
	r.watch.mu.Lock()
	defer r.watch.mu.Unlock()
	if r.watch.watching[1] {
		t.Fatal("a Step outside Run started a watcher")
	}
}
