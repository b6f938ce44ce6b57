package engine

// The outbox worker: the one way out (DESIGN.md). The UI enqueues actions in
// the store with not_before = now + the undo window; each Step, after
// syncing, the lease holder claims the due ones and sends them.
//
// Nothing is sent twice. An action is claimed (a row write) before the
// network is called, and its result recorded after. If a worker dies in
// between, its claim goes stale and the next runner gets the row back
// marked Reclaimed: it may have been sent. So may an action retried after
// an error (the request may have reached the network before the error).
// Either way, a provider that can check (providers.Checker) is asked first,
// and a found action is recorded without a second send. A provider that
// cannot check gets a retry after an error (its Do honors the idempotency
// key), but a reclaimed action is marked failed as uncertain instead: a
// person looks on the network, then retries or discards it.

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
	"cmdeck/store"
)

const (
	// outboxBatch bounds the actions one step sends; the rest wait for the
	// next step (a second later under Run), so syncing is never starved.
	outboxBatch = 20
	// MaxActionAttempts is how many sends of an action may fail for a
	// transient reason before it is marked failed for a person to decide.
	MaxActionAttempts = 8
	// recordTimeout bounds the store write that records an outcome; it runs
	// even when the caller is shutting down, so a sent action is recorded.
	recordTimeout = 5 * time.Second
)

// ErrUncertain is the failure of a reclaimed action on a network that cannot
// tell whether it already took effect: sending again could double it.
var ErrUncertain = errors.New("uncertain whether it was sent: check on the network, then retry or discard")

// ErrAccountGone is the failure of an action whose account is no longer
// in the workspace.
var ErrAccountGone = errors.New("the account is no longer in the workspace")

// setOutboxStale validates Options.OutboxStale and fills its default. A
// claim must outlive the longest provider call, or a second runner could
// take back an action that is still being sent.
func (r *Runner) setOutboxStale(d time.Duration) error {
	if d == 0 {
		r.outboxStale = max(DefaultOutboxStale, 2*r.callTimeout)
		return nil
	}
	if d <= r.callTimeout {
		return fmt.Errorf("engine: OutboxStale (%v) must be longer than CallTimeout (%v)", d, r.callTimeout)
	}
	r.outboxStale = d
	return nil
}

// retryDelay is the wait after the given number of failed attempts: 10 s,
// 30 s, 1 min, 5 min, then 15 min.
func retryDelay(attempts int) time.Duration {
	switch {
	case attempts <= 1:
		return 10 * time.Second
	case attempts == 2:
		return 30 * time.Second
	case attempts == 3:
		return time.Minute
	case attempts == 4:
		return 5 * time.Minute
	}
	return 15 * time.Minute
}

// drainOutbox sends up to outboxBatch due actions. It claims one at a time,
// just before sending it: a claim held while earlier actions are sent could
// go stale and be taken back by another runner mid-send. r.mu is held.
func (r *Runner) drainOutbox(ctx context.Context, now time.Time) {
	for range outboxBatch {
		if ctx.Err() != nil {
			return
		}
		at := r.after(now)
		if !r.keepLease(ctx, at) {
			return
		}
		claimed, err := r.store.ClaimDue(ctx, r.owner, at, r.outboxStale, 1)
		if err != nil {
			if ctx.Err() == nil {
				r.log.Warn("engine: claiming due actions", "err", err.Error())
			}
			return
		}
		if len(claimed) == 0 {
			return
		}
		r.sendAction(ctx, claimed[0], at)
	}
}

// after is the clock's time, never before now: a long pass moves time on.
func (r *Runner) after(now time.Time) time.Time {
	if t := r.clock.Now(); t.After(now) {
		return t
	}
	return now
}

// sendAction carries one claimed action to its network and records the outcome.
func (r *Runner) sendAction(ctx context.Context, c store.ClaimedAction, now time.Time) {
	a := r.actionAccount(ctx, c.AccountID, now)
	if a == nil {
		r.failAction(ctx, c, nil, now, ErrAccountGone)
		return
	}
	prov, err := r.provider(ctx, a)
	if err != nil {
		r.actionError(ctx, c, a, now, fmt.Errorf("starting provider: %w", err))
		return
	}
	if c.Reclaimed || c.Attempts > 1 {
		if chk, ok := prov.(providers.Checker); ok {
			res, found, err := r.checkAction(ctx, a, chk, c.Action)
			switch {
			case err != nil:
				r.actionError(ctx, c, a, now, fmt.Errorf("checking whether it was sent: %w", err))
				return
			case found:
				r.completeAction(ctx, c, a, now, res)
				return
			}
		} else if c.Reclaimed {
			r.failAction(ctx, c, a, now, ErrUncertain)
			return
		}
	}
	// Only now, once the network said it was not sent: a post claimed on
	// time by a runner that died is late when taken back, but was sent.
	if late, missed := r.missed(c.Action, now); missed {
		r.missAction(ctx, c, a, now, late)
		return
	}
	res, err := r.doAction(ctx, a, prov, c.Action)
	if err != nil {
		r.actionError(ctx, c, a, now, err)
		return
	}
	r.completeAction(ctx, c, a, r.after(now), res)
}

// actionAccount returns the schedule's entry for an account, reloading the
// list once if it is unknown (added since the last reload); nil if gone.
func (r *Runner) actionAccount(ctx context.Context, id int64, now time.Time) *account {
	if a, ok := r.sched.byID[id]; ok {
		return a
	}
	if err := r.refreshAccounts(ctx, now, true); err != nil {
		r.log.Warn("engine: reloading accounts for the outbox", "err", err.Error())
	}
	return r.sched.byID[id]
}

// actionError handles a failed send or check by the error's class. A
// refused token fails the action (visible, retryable once the account is
// re-authorized: resending it meanwhile is pointless), and so do a missing
// target and other permanent errors. Transient errors — a spent request
// budget included — retry with backoff (a rate-limited one not before the
// budget's reset, when the network said it), and fail after
// MaxActionAttempts. A caller shutting down leaves the action due again at
// once.
func (r *Runner) actionError(ctx context.Context, c store.ClaimedAction, a *account, now time.Time, err error) {
	class := providers.Classify(err)
	err = redact(err, a.secret)
	switch {
	case ctx.Err() != nil:
		r.retryAction(ctx, c, now, now, err)
	case class == providers.ClassAuth:
		r.failAction(ctx, c, a, now, errNeedsReauth(err))
	case class == providers.ClassNotFound, class == providers.ClassPermanent:
		r.failAction(ctx, c, a, now, err)
	case c.Attempts >= MaxActionAttempts:
		r.failAction(ctx, c, a, now, fmt.Errorf("gave up after %d attempts: %w", c.Attempts, err))
	default:
		r.retryAction(ctx, c, now, r.actionRetryAt(a, class, c.Attempts, now), err)
	}
}

// retryAction puts the action back in the queue until at.
func (r *Runner) retryAction(ctx context.Context, c store.ClaimedAction, now, at time.Time, err error) {
	rctx, cancel := recordContext(ctx)
	defer cancel()
	r.log.Warn("engine: action failed; will retry", "action", c.ID, "kind", string(c.Kind),
		"account", c.AccountID, "attempts", c.Attempts, "retry_at", at, "err", err.Error())
	if rerr := r.store.RetryLater(rctx, c.ID, err.Error(), at); rerr != nil {
		// The claim stays; it goes stale and comes back reclaimed.
		r.log.Error("engine: recording a retry", "action", c.ID, "err", rerr.Error())
	}
}

// failAction records a permanent failure and tells the UI. a may be nil.
func (r *Runner) failAction(ctx context.Context, c store.ClaimedAction, a *account, now time.Time, err error) {
	rctx, cancel := recordContext(ctx)
	defer cancel()
	r.log.Warn("engine: action failed", "action", c.ID, "kind", string(c.Kind),
		"account", c.AccountID, "attempts", c.Attempts, "err", err.Error())
	if ferr := r.store.FailAction(rctx, c.ID, err.Error(), now); ferr != nil {
		r.log.Error("engine: recording a failed action", "action", c.ID, "err", ferr.Error())
		return
	}
	r.emitAction(c, a, now, err)
}

// completeAction records a confirmed action and its local effect.
func (r *Runner) completeAction(ctx context.Context, c store.ClaimedAction, a *account, now time.Time, res core.ActionResult) {
	core.SanitizeActionResult(&res)
	rctx, cancel := recordContext(ctx)
	defer cancel()
	if err := r.store.CompleteAction(rctx, c.ID, res, now); err != nil {
		// Sent but not recorded: the claim goes stale, and the next
		// runner checks with the network before anything is sent again.
		r.log.Error("engine: recording a sent action", "action", c.ID, "err", err.Error())
		return
	}
	r.log.Info("engine: action sent", "action", c.ID, "kind", string(c.Kind), "account", c.AccountID)
	r.emitAction(c, a, now, nil)
}

// emitAction tells the UI that an action finished.
func (r *Runner) emitAction(c store.ClaimedAction, a *account, now time.Time, err error) {
	e := Event{AccountID: c.AccountID, At: now, Lease: r.lease.info(),
		ActionID: c.ID, ActionKind: c.Kind, ActionErr: err}
	if a != nil {
		e.Handle = a.acct.Handle
	}
	r.emit(e)
}

// recordContext is a bounded context for recording an outcome that
// survives the caller's cancellation.
func recordContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), recordTimeout)
}

// doAction calls the provider's Do, guarded like a fetch.
func (r *Runner) doAction(ctx context.Context, a *account, p providers.Provider, act core.Action) (core.ActionResult, error) {
	type out struct{ res core.ActionResult }
	o, err := guardedCall(r, ctx, a, func(cctx context.Context) (out, error) {
		res, err := p.Do(cctx, act)
		return out{res}, err
	})
	if a.prov != nil { // not dropped for hanging or panicking: it answered
		r.recordRate(ctx, a, p)
	}
	if err != nil {
		return core.ActionResult{}, fmt.Errorf("sending %s: %w", act.Kind, err)
	}
	return o.res, nil
}

// checkAction asks the provider whether the action already took effect.
func (r *Runner) checkAction(ctx context.Context, a *account, c providers.Checker, act core.Action) (core.ActionResult, bool, error) {
	type out struct {
		res   core.ActionResult
		found bool
	}
	o, err := guardedCall(r, ctx, a, func(cctx context.Context) (out, error) {
		res, found, err := c.Check(cctx, act)
		return out{res, found}, err
	})
	return o.res, o.found, err
}

// guardedCall runs a provider call with the call timeout, on its own
// goroutine so a provider that ignores its context cannot stall the engine,
// and turns a panic into an error. A provider that panicked or hung is
// dropped and rebuilt next time (its state is unknown), as for fetch.
func guardedCall[T any](r *Runner, ctx context.Context, a *account, fn func(context.Context) (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	cctx, cancel := context.WithTimeout(ctx, r.callTimeout)
	defer cancel()
	done := make(chan result, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				r.log.Error("engine: provider panicked", "account", a.acct.ID, "stack", string(debug.Stack()))
				done <- result{err: &panicError{provider: a.acct.Provider, value: v}}
			}
		}()
		v, err := fn(cctx)
		done <- result{v, err}
	}()
	var zero T
	select {
	case res := <-done:
		if _, ok := errors.AsType[*panicError](res.err); ok {
			a.prov = nil
		}
		return res.v, res.err
	case <-cctx.Done():
		a.prov = nil
		if ctx.Err() != nil {
			return zero, ctx.Err()
		}
		return zero, errProviderHung
	}
}
