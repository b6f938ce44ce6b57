package engine

// SLA rules: once a minute the lease holder reads the items waiting for a
// reply and raises an alert for those whose reply fell due since the
// previous check (rules.Set.Overdue), so each item alerts once, when it
// crosses its deadline. The previous check's time is kept in the runner;
// a runner that starts looks back a day, so a deadline that passed while
// nothing ran still alerts (one already alerted grows its alert again,
// which adds nothing, unless the CM resolved it meanwhile).

import (
	"context"
	"time"

	"cmdeck/core"
	"cmdeck/rules"
	"cmdeck/store"
)

const (
	// slaEvery is how often the SLA rules are checked.
	slaEvery = time.Minute
	// slaStartLookback is how far back the first check after a start
	// looks for deadlines that passed.
	slaStartLookback = 24 * time.Hour
	// slaBacklog bounds the items read: those created longer than this
	// before the previous check are not. A reply time longer than this in
	// calendar time (business hours included) is never checked.
	slaBacklog = 30 * 24 * time.Hour
	// slaPage and slaMaxItems bound one check's reads.
	slaPage     = 500
	slaMaxItems = 20_000
)

// housekeeping runs the alert work that is not tied to a batch: the SLA
// check and the spike counters' pruning. r.mu is held.
func (r *Runner) housekeeping(ctx context.Context, now time.Time) {
	if r.rules == nil || ctx.Err() != nil {
		return
	}
	r.checkSLA(ctx, now)
	r.pruneSpikes(ctx, now)
}

// checkSLA raises the SLA alerts of the deadlines that passed since the
// previous check, at most once a minute, and reports those opened.
func (r *Runner) checkSLA(ctx context.Context, now time.Time) {
	st := &r.alerts
	if !st.hasSLA || now.Before(st.slaNext) {
		return
	}
	st.slaNext = now.Add(slaEvery)
	since := st.slaLast
	if since.IsZero() {
		since = now.Add(-slaStartLookback)
	}
	items, clients, err := r.awaitingReply(ctx, since.Add(-slaBacklog))
	if err != nil {
		// slaLast stays: the next check covers this one's deadlines.
		if ctx.Err() == nil {
			r.log.Warn("engine: reading items waiting for a reply", "err", err.Error())
		}
		return
	}
	hits := r.rules.Overdue(items, since, now)
	st.slaLast = now
	if _, opened := r.raiseHits(ctx, hits, clients); len(opened) > 0 {
		r.emit(Event{At: now, Lease: r.lease.info(), Alerts: opened})
	}
}

// awaitingReply reads the items waiting for a reply created since, client
// by client, oldest first, as the rules see them, with the id of each
// client slug.
func (r *Runner) awaitingReply(ctx context.Context, since time.Time) ([]rules.Item, map[string]int64, error) {
	var out []rules.Item
	clients := map[string]int64{}
	for _, clientID := range r.sched.clientIDs() {
		var after store.PageKey
		for len(out) < slaMaxItems {
			page, err := r.store.AwaitingReply(ctx, clientID, since, after, slaPage)
			if err != nil {
				return nil, nil, err
			}
			for _, w := range page {
				acct := core.Account{ClientID: w.ClientID, ClientSlug: w.ClientSlug, Network: w.Network}
				out = append(out, rules.FromCore(acct, w.Item))
				clients[w.ClientSlug] = w.ClientID
			}
			if len(page) < slaPage {
				break
			}
			after = store.KeyOf(page[len(page)-1].Item)
		}
	}
	return out, clients, nil
}
