package engine

import (
	"context"
	"time"
)

// StepReport is what one Step did.
type StepReport struct {
	Lease    LeaseInfo
	Accounts []AccountReport // the accounts synced, in store order
	// NextDue is the soonest time an account is due (zero when there are
	// no accounts or the lease is held elsewhere).
	NextDue time.Time
}

// Step is one deterministic pass at time now: it takes or renews the lease
// and, if this runner holds it, syncs every account due at now, then
// carries the calendar's changes to the networks holding posts and
// confirms those they published (workHanded), hands new posts to them
// (handOver), sends the outbox actions due at now (drainOutbox), makes
// the next occurrence of the recurring posts that went out
// (scheduleRecurrences) and, at most once a minute, checks the SLA rules
// (housekeeping). It returns
// an error only when the store cannot say who holds the lease or list the
// accounts; one account's failure is in its report and does not stop the
// others.
func (r *Runner) Step(ctx context.Context, now time.Time) (StepReport, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return StepReport{}, ErrClosed
	}
	trigger := r.forceDue.Swap(false)
	// A user's "sync now" also re-asks for the lease: its holder may be gone.
	lease, err := r.ensureLease(ctx, now, trigger)
	if err != nil || !lease.Held {
		if trigger && err == nil {
			// Not ours to sync; forget the request rather than surprise the
			// user with a sync much later when the lease comes back.
			r.log.Info("engine: sync requested but another process holds the lease", "holder", lease.Holder)
		}
		return StepReport{Lease: lease}, err
	}
	if err := r.refreshAccounts(ctx, now, trigger); err != nil {
		return StepReport{Lease: lease}, err
	}
	if trigger {
		r.sched.markAllDue(now)
	}
	r.markWanted(now)
	rep := StepReport{Lease: lease}
	for _, id := range r.sched.order {
		if ctx.Err() != nil {
			break
		}
		a := r.sched.byID[id]
		if a.nextDue.After(now) {
			continue
		}
		if !r.keepLease(ctx, now) {
			break
		}
		rep.Accounts = append(rep.Accounts, r.syncAndReport(ctx, a, now, lease))
	}
	r.deliver(ctx, now)
	r.housekeeping(ctx, now)
	rep.NextDue = r.sched.earliestDue()
	return rep, nil
}

// SyncOnce syncs every account now, whatever its schedule or backoff: the
// explicit "sync now" of `cmdeck sync --once`; then it delivers as Step
// does (handed posts, handovers, the outbox actions that are due), so a
// cron job also delivers. It still honors the lease and
// returns a *LeaseHeldError when another process holds it. It keeps the
// lease; Close releases it.
func (r *Runner) SyncOnce(ctx context.Context) ([]AccountReport, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil, ErrClosed
	}
	now := r.clock.Now()
	lease, err := r.ensureLease(ctx, now, true)
	if err != nil {
		return nil, err
	}
	if !lease.Held {
		return nil, &LeaseHeldError{Holder: lease.Holder, Expires: lease.Expires}
	}
	if err := r.refreshAccounts(ctx, now, true); err != nil {
		return nil, err
	}
	reports := make([]AccountReport, 0, len(r.sched.order))
	for _, id := range r.sched.order {
		if err := ctx.Err(); err != nil {
			return reports, err
		}
		if !r.keepLease(ctx, now) {
			return reports, &LeaseHeldError{Holder: r.lease.holder, Expires: r.lease.expires}
		}
		reports = append(reports, r.syncAndReport(ctx, r.sched.byID[id], now, lease))
	}
	r.deliver(ctx, now)
	r.housekeeping(ctx, now)
	return reports, nil
}

// deliver is what leaves after a sync: handed posts first, so a post the
// CM asked to publish now comes back from its network in time for the
// outbox of the same pass, and so does one whose new text must be handed
// over again; then the outbox; then the next occurrence of the recurring
// posts that went out either way.
func (r *Runner) deliver(ctx context.Context, now time.Time) {
	r.workHanded(ctx, now)
	r.handOver(ctx, now)
	r.drainOutbox(ctx, now)
	r.scheduleRecurrences(ctx, now)
}

// syncAndReport syncs one account and tells the UI how it went.
func (r *Runner) syncAndReport(ctx context.Context, a *account, now time.Time, lease LeaseInfo) AccountReport {
	rep := r.syncAccount(ctx, a, now)
	if rep.Err != nil && ctx.Err() != nil {
		return rep // shutting down: not a failure worth showing
	}
	if rep.Err == nil {
		r.watchAccount(ctx, a)
	}
	r.emit(Event{
		AccountID: rep.AccountID, Handle: rep.Handle, NewItems: rep.NewItems,
		Err: rep.Err, At: now, Lease: lease, Alerts: rep.NewAlerts,
	})
	return rep
}

// keepLease renews the lease between accounts when a long pass has used up
// part of it (slow networks, big backlogs), and reports whether it is still
// held. Without this, a pass longer than the TTL would let a second process
// start syncing while this one is still writing.
func (r *Runner) keepLease(ctx context.Context, now time.Time) bool {
	at := r.clock.Now()
	if at.Before(now) {
		at = now
	}
	if _, err := r.ensureLease(ctx, at, false); err != nil {
		r.log.Warn("engine: renewing the sync lease", "err", err.Error())
	}
	return r.lease.held
}
