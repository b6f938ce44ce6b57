package engine

import (
	"context"
	"errors"
	"sync"
	"time"

	"cmdeck/providers"
)

// Some networks say when something new arrives (a mailbox's IMAP IDLE).
// After an account syncs well under Run, a watcher goroutine waits on its
// provider (providers.Waiter) and, each time it hears of news, marks the
// account wanted and wakes the loop: the next Step syncs it at once, within
// the same lease and backoff rules as any sync. A watcher ends with Run, when
// the server cannot say (polling alone goes on), or on a failure; the next
// good sync starts it again.

// watchers are the accounts being watched and those wanted now.
type watchers struct {
	mu       sync.Mutex
	watching map[int64]bool
	wanted   map[int64]bool
}

// watchRetry is how long a watcher whose wait failed lets pass before the
// next good sync may start another, so a server that refuses IDLE at once
// is not asked again on every pass.
const watchRetry = time.Minute

// watchAccount starts a watcher for a when its provider can wait for news,
// the runner is running (Run, not a single Step or SyncOnce) and none runs.
func (r *Runner) watchAccount(ctx context.Context, a *account) {
	w, ok := a.prov.(providers.Waiter)
	if !ok || !r.running.Load() {
		return
	}
	id := a.acct.ID
	r.watch.mu.Lock()
	defer r.watch.mu.Unlock()
	if r.watch.watching[id] {
		return
	}
	if r.watch.watching == nil {
		r.watch.watching, r.watch.wanted = map[int64]bool{}, map[int64]bool{}
	}
	r.watch.watching[id] = true
	go r.watchLoop(ctx, id, w)
}

// watchLoop waits for news on one account until ctx ends or the wait
// fails; each piece of news makes the account wanted.
func (r *Runner) watchLoop(ctx context.Context, id int64, w providers.Waiter) {
	defer func() {
		r.watch.mu.Lock()
		delete(r.watch.watching, id)
		r.watch.mu.Unlock()
	}()
	for {
		err := w.WaitForNew(ctx)
		switch {
		case ctx.Err() != nil:
			return
		case errors.Is(err, providers.ErrUnsupported):
			r.log.Info("engine: the server cannot signal new items; polling only", "account", id)
			return
		case err != nil:
			r.log.Warn("engine: waiting for new items", "account", id, "err", err.Error())
			select { // a pause, so a failing server is not hammered
			case <-ctx.Done():
			case <-time.After(watchRetry):
			}
			return
		}
		r.want(id)
	}
}

// want marks an account wanted and wakes the Run loop.
func (r *Runner) want(id int64) {
	r.watch.mu.Lock()
	r.watch.wanted[id] = true
	r.watch.mu.Unlock()
	select {
	case r.wake <- struct{}{}:
	default: // a wake-up is already pending
	}
}

// markWanted makes the wanted accounts due now, unless they are backing
// off after failures. Called by Step with r.mu held.
func (r *Runner) markWanted(now time.Time) {
	r.watch.mu.Lock()
	wanted := r.watch.wanted
	r.watch.wanted = map[int64]bool{}
	r.watch.mu.Unlock()
	for id := range wanted {
		if a, ok := r.sched.byID[id]; ok && a.failures == 0 && a.nextDue.After(now) {
			a.nextDue = now
		}
	}
}
