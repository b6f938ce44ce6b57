package engine

// Sync health: what the engine learns about an account's standing with its
// network — the class of each failure and the request budget the network
// reports — recorded in the store for the health view, and used to pick
// when to try again.

import (
	"context"
	"fmt"
	"time"

	"cmdeck/providers"
)

// rateSeen is a request budget a network reported.
type rateSeen struct {
	known     bool
	remaining int
	reset     time.Time
}

// same reports whether o says what r says.
func (r rateSeen) same(o rateSeen) bool {
	return r.known == o.known && r.remaining == o.remaining && r.reset.Equal(o.reset)
}

// rateOf asks p for its budget. RateLimit is provider code like Fetch: a
// panic there is the provider's bug, not a reason to stop the engine.
func rateOf(p providers.Provider) (seen rateSeen) {
	rr, ok := p.(providers.RateReporter)
	if !ok {
		return rateSeen{}
	}
	defer func() {
		if recover() != nil {
			seen = rateSeen{}
		}
	}()
	remaining, reset, ok := rr.RateLimit()
	if !ok {
		return rateSeen{}
	}
	return rateSeen{known: true, remaining: remaining, reset: reset}
}

// recordRate notes the budget p reports after a call that returned (a
// provider that hung or panicked is not asked: its state is unknown) and
// stores it when it changed: the health view shows it, and a write per call
// that says nothing new would only wake every open deck.
func (r *Runner) recordRate(ctx context.Context, a *account, p providers.Provider) {
	seen := rateOf(p)
	if !seen.known {
		return
	}
	a.rate = seen
	if seen.same(a.rateSaved) {
		return
	}
	rctx, cancel := recordContext(ctx)
	defer cancel()
	if err := r.store.RecordRate(rctx, a.acct.ID, seen.remaining, seen.reset); err != nil {
		r.log.Warn("engine: recording the rate limit", "account", a.acct.ID, "err", err.Error())
		return
	}
	a.rateSaved = seen
}

// syncRetryAt is when an account whose sync failed is tried again:
// exponential backoff, except that a refused token waits the longest
// backoff at once (retrying a revoked token every interval is pointless and
// can get the app banned), and a spent budget waits for its reset when the
// network said when.
func (r *Runner) syncRetryAt(a *account, class providers.ErrorClass, now time.Time) time.Time {
	wait := backoff(r.interval, r.maxBackoff, a.failures)
	if class == providers.ClassAuth {
		wait = r.maxBackoff
	}
	return r.notBeforeReset(a, class, now, now.Add(jittered(wait, r.jitter, r.rnd)))
}

// actionRetryAt is when an outbox action that failed for a transient reason
// is sent again: its retry delay, or the budget's reset when rate-limited.
func (r *Runner) actionRetryAt(a *account, class providers.ErrorClass, attempts int, now time.Time) time.Time {
	return r.notBeforeReset(a, class, now, now.Add(retryDelay(attempts)))
}

// notBeforeReset moves next to the reported reset of a rate-limited
// account's budget when that is later. The reset is the network's word, so
// it never pushes beyond the longest backoff.
func (r *Runner) notBeforeReset(a *account, class providers.ErrorClass, now, next time.Time) time.Time {
	if class != providers.ClassRateLimited || a == nil || !a.rate.known {
		return next
	}
	reset := a.rate.reset
	if limit := now.Add(r.maxBackoff); reset.After(limit) {
		reset = limit
	}
	if reset.After(next) {
		return reset
	}
	return next
}

// logSyncFailure logs a failed sync; a refused token says what to do.
func (r *Runner) logSyncFailure(a *account, class providers.ErrorClass, err error) {
	attrs := []any{"account", a.acct.ID, "handle", a.acct.Handle, "provider", a.acct.Provider,
		"class", string(class), "failures", a.failures, "retry_at", a.nextDue, "err", err.Error()}
	if class == providers.ClassAuth {
		r.log.Warn("engine: sync refused: the account needs re-authorizing", attrs...)
		return
	}
	r.log.Warn("engine: sync failed", attrs...)
}

// errNeedsReauth explains an action refused for lack of authorization: the
// outbox shows it, and retrying is pointless until the token is renewed.
func errNeedsReauth(err error) error {
	return fmt.Errorf("the account needs re-authorizing: %w", err)
}
