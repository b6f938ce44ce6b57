package engine

import (
	"context"
	"errors"
	"time"
)

// ErrRunning is returned by Run when another Run of the same runner is active.
var ErrRunning = errors.New("engine: runner is already running")

// Run syncs until ctx is done: every Tick it calls Step with the clock's
// time, and TriggerNow makes it step at once with every account due. Steps
// never overlap. On return the lease is released. It returns nil when ctx
// ends or the runner is closed; Step errors (a busy or broken database) are
// logged and retried on the next tick, never fatal.
func (r *Runner) Run(ctx context.Context) error {
	if !r.running.CompareAndSwap(false, true) {
		return ErrRunning
	}
	defer r.running.Store(false)
	defer r.release(ctx)

	ticker := time.NewTicker(r.tick)
	defer ticker.Stop()
	for {
		if closed := r.runStep(ctx); closed {
			return nil
		}
		select {
		case <-ctx.Done():
			return nil
		case <-ticker.C:
		case <-r.wake:
		}
	}
}

// runStep does one Step for Run and reports whether the runner is closed.
func (r *Runner) runStep(ctx context.Context) bool {
	if ctx.Err() != nil {
		return false
	}
	_, err := r.Step(ctx, r.clock.Now())
	switch {
	case errors.Is(err, ErrClosed):
		return true
	case err != nil && ctx.Err() == nil:
		r.log.Warn("engine: step failed; retrying next tick", "err", err.Error())
	}
	return false
}

// TriggerNow makes every account due now (backoff included) and wakes Run.
// It never blocks, so the UI can call it from Update.
func (r *Runner) TriggerNow() {
	r.forceDue.Store(true)
	select {
	case r.wake <- struct{}{}:
	default: // a wake-up is already pending
	}
}

// release gives the lease up when Run ends.
func (r *Runner) release(ctx context.Context) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.releaseLocked(ctx); err != nil {
		r.log.Warn("engine: releasing lease", "err", err.Error())
	}
}
