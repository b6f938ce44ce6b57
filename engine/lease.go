package engine

import (
	"context"
	"fmt"
	"time"
)

// leaseState is the runner's view of the "engine" lease. It lets Step skip
// the store between renewals: renewing every tick would write (and wake
// every reader of the database) once a second for nothing.
type leaseState struct {
	held      bool
	holder    string
	expires   time.Time
	nextCheck time.Time // no store call before this, unless forced
	reported  bool      // an event has told the UI the current state
	last      LeaseInfo // what was last reported
}

func (l *leaseState) info() LeaseInfo {
	return LeaseInfo{Held: l.held, Holder: l.holder, Expires: l.expires}
}

// LeaseHeldError says another process runs the engine on this database.
type LeaseHeldError struct {
	Holder  string
	Expires time.Time
}

func (e *LeaseHeldError) Error() string {
	return fmt.Sprintf("another cmdeck (%s) is syncing this database; try again after it stops", e.Holder)
}

// ensureLease takes or renews the lease when it is time to (or always when
// force is set) and reports the result. A store error leaves the runner
// without the lease for this pass: syncing without knowing could make two
// processes sync at once.
func (r *Runner) ensureLease(ctx context.Context, now time.Time, force bool) (LeaseInfo, error) {
	l := &r.lease
	if !force && !l.nextCheck.IsZero() && now.Before(l.nextCheck) {
		return l.info(), nil
	}
	got, ok, err := r.store.AcquireLease(ctx, LeaseName, r.owner, now, r.leaseTTL)
	if err != nil {
		l.held = false
		l.nextCheck = time.Time{}
		return l.info(), fmt.Errorf("engine: taking the sync lease: %w", err)
	}
	if ok && !l.held {
		// Another runner may have ingested while this one did not hold
		// the lease: the volumes it kept are stale.
		r.alerts.volumes = volumes{}
	}
	l.held = ok
	l.holder = got.Owner
	l.expires = got.Expires
	l.nextCheck = now.Add(r.leaseTTL / 3)
	if !ok && !got.Expires.IsZero() && got.Expires.Before(l.nextCheck) {
		// The other holder's lease ends sooner: try again then.
		l.nextCheck = got.Expires
	}
	r.reportLeaseChange(now)
	return l.info(), nil
}

// reportLeaseChange emits an event when who holds the lease changed since
// the last report, so the UI hears about it once, not every step.
func (r *Runner) reportLeaseChange(now time.Time) {
	l := &r.lease
	cur := l.info()
	if l.reported && cur.Held == l.last.Held && cur.Holder == l.last.Holder {
		return
	}
	l.reported = true
	l.last = cur
	if cur.Held {
		r.log.Info("engine: holding the sync lease", "owner", r.owner)
	} else {
		r.log.Info("engine: another process syncs this database", "holder", cur.Holder)
	}
	r.emit(Event{At: now, Lease: cur})
}

// releaseLocked gives the lease up if held. r.mu must be held.
func (r *Runner) releaseLocked(ctx context.Context) error {
	if !r.lease.held {
		return nil
	}
	// The caller's context may already be cancelled (shutdown): releasing
	// must still happen, within a bound.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	r.lease.held = false
	r.lease.holder = ""
	r.lease.nextCheck = time.Time{}
	if err := r.store.ReleaseLease(ctx, LeaseName, r.owner); err != nil {
		return fmt.Errorf("engine: releasing the sync lease: %w", err)
	}
	return nil
}
