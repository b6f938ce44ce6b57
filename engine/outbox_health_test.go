package engine

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

// rated is a sender whose network reports its request budget.
type rated struct {
	sender
	mu        *sync.Mutex
	remaining *int
	reset     *time.Time
}

func (p rated) RateLimit() (int, time.Time, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return *p.remaining, *p.reset, true
}

// An action refused for authorization fails at once, visibly, saying the
// account needs re-authorizing; it is not resent by itself, and goes out
// once a person retries it.
func TestOutboxAuthFailureFailsVisibly(t *testing.T) {
	w := newOutboxWorld(t, "sender")
	r := w.runner("a")
	id := w.reply("k1")
	w.net.push(fmt.Errorf("HTTP 401: %w", providers.ErrAuth))
	w.clock.Advance(5 * time.Second)
	w.step(r)
	a := w.action(id)
	if a.State != core.ActionFailed || !strings.Contains(a.LastError, "needs re-authorizing") {
		t.Fatalf("action %+v, want failed saying to re-authorize", a.Action)
	}
	ev := w.actionEvents()
	if len(ev) != 1 || ev[0].ActionID != id || providers.Classify(ev[0].ActionErr) != providers.ClassAuth {
		t.Fatalf("events %+v, want one auth failure", ev)
	}
	for range 3 {
		w.clock.Advance(time.Hour)
		w.step(r)
	}
	if sends, _, _ := w.net.counts(); sends != 1 {
		t.Fatalf("an auth failure was resent by itself (%d sends)", sends)
	}
	// Re-authorized, the person retries it.
	if err := w.db.RetryAction(context.Background(), id, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	w.step(r)
	if a := w.action(id); a.State != core.ActionDone || w.replies() != 1 {
		t.Fatalf("after a retry: %+v, %d replies", a.Action, w.replies())
	}
}

// A missing target fails the action: resending cannot make it exist.
func TestOutboxNotFoundFails(t *testing.T) {
	w := newOutboxWorld(t, "sender")
	r := w.runner("a")
	id := w.reply("k1")
	w.net.push(fmt.Errorf("HTTP 404: %w", providers.ErrNotFound))
	w.clock.Advance(5 * time.Second)
	w.step(r)
	if a := w.action(id); a.State != core.ActionFailed {
		t.Fatalf("action %+v, want failed", a.Action)
	}
}

// A spent budget is transient: the action waits and goes out later.
func TestOutboxRateLimitedRetriesLater(t *testing.T) {
	w := newOutboxWorld(t, "sender")
	r := w.runner("a")
	id := w.reply("k1")
	w.net.push(fmt.Errorf("HTTP 429: %w", providers.ErrRateLimited))
	w.clock.Advance(5 * time.Second)
	w.step(r)
	a := w.action(id)
	if a.State != core.ActionPending || !a.NotBefore.Equal(w.clock.Now().Add(10*time.Second)) ||
		!strings.Contains(a.LastError, "rate limited") {
		t.Fatalf("action %+v, want pending for 10s with the reason", a.Action)
	}
	if ev := w.actionEvents(); len(ev) != 0 {
		t.Fatalf("a retried action was reported as finished: %+v", ev)
	}
	w.clock.Advance(10 * time.Second)
	w.step(r)
	if a := w.action(id); a.State != core.ActionDone || w.replies() != 1 {
		t.Fatalf("after the wait: %+v, %d replies", a.Action, w.replies())
	}
}

// When the network says when its budget refills, a rate-limited action
// waits until then, and the budget is recorded for the health view.
func TestOutboxRateLimitedWaitsForReset(t *testing.T) {
	w := newOutboxWorld(t, "rated")
	var mu sync.Mutex
	remaining, reset := 0, t0.Add(3*time.Minute)
	w.reg.Register("rated", func(providers.AccountConfig) (providers.Provider, error) {
		return rated{sender: sender{w.net}, mu: &mu, remaining: &remaining, reset: &reset}, nil
	})
	r := w.runner("a")
	id := w.reply("k1")
	w.net.push(fmt.Errorf("HTTP 429: %w", providers.ErrRateLimited))
	w.clock.Advance(5 * time.Second)
	w.step(r)
	if a := w.action(id); a.State != core.ActionPending || !a.NotBefore.Equal(reset) {
		t.Fatalf("action %+v, want pending until the reset %v", a.Action, reset)
	}
	hs, err := w.db.AccountHealth(context.Background())
	if err != nil || len(hs) != 1 || hs[0].RateRemaining != 0 || !hs[0].RateReset.Equal(reset) {
		t.Fatalf("health %+v, %v: want the spent budget recorded", hs, err)
	}
	w.clock.Set(reset.Add(-time.Second))
	w.step(r)
	if sends, _, _ := w.net.counts(); sends != 1 {
		t.Fatalf("sent again before the reset (%d sends)", sends)
	}
	w.clock.Set(reset)
	w.step(r)
	if a := w.action(id); a.State != core.ActionDone {
		t.Fatalf("after the reset: %+v", a.Action)
	}
}
