package engine

// Alert rules (Options.Rules): evaluated on every batch's new items after
// it is stored (spike counters first, so the store's volumes include the
// batch), and the SLA rules once a minute (sla.go). A burst is one alert
// that grows: the rules group hits by key and store.RaiseAlert grows the
// group's live alert. Every newly opened alert is announced: OnAlert, and
// the Alerts of the sync's Event.

import (
	"context"
	"fmt"
	"slices"
	"time"

	"cmdeck/core"
	"cmdeck/rules"
	"cmdeck/store"
)

// AlertNotice tells that an alert was opened: a rule fired for a client
// and no live alert of its group was there to grow.
type AlertNotice struct {
	ID, ClientID     int64
	ClientSlug, Rule string
	Severity         core.Severity
	Title            string // data (rule, client, figures): the UI words it
	ItemCount        int
	At               time.Time
}

// alertState is the runner's memory for the alert rules. r.mu guards it.
type alertState struct {
	spikes  []*spikeCounter // one per distinct spike query (spikes.go)
	volumes volumes         // hourly volumes of the spikes without a query (volumes.go)
	keep    time.Duration   // how far back the spike rules read volumes
	// maxPeriod is the longest repeat-offender period: the batch's
	// authors' offences are read back that far at once (env.go).
	maxPeriod time.Duration
	hasSLA    bool
	// slaLast is the previous SLA check's time (zero before the first);
	// slaNext when the next is due; pruneNext when the counters are
	// pruned next.
	slaLast, slaNext, pruneNext time.Time
}

// newAlertState prepares what the rules need between steps.
func newAlertState(set *rules.Set) (alertState, error) {
	st := alertState{volumes: volumes{}}
	if set == nil {
		return st, nil
	}
	var err error
	if st.spikes, st.keep, err = newSpikeCounters(set.Rules()); err != nil {
		return st, fmt.Errorf("engine: alert rules: %w", err)
	}
	for _, r := range set.Rules() {
		switch r.Type {
		case rules.TypeSLA:
			st.hasSLA = true
		case rules.TypeRepeatOffender:
			st.maxPeriod = max(st.maxPeriod, r.Period)
		}
	}
	return st, nil
}

// evaluateBatch runs the rules on a stored batch's new items and raises
// their alerts. It returns how many alerts were raised or grown and those
// opened. An alert that cannot be stored is logged, not a sync failure:
// the items themselves are safely stored.
func (r *Runner) evaluateBatch(ctx context.Context, acct core.Account, b core.Batch, res store.IngestResult, now time.Time) (int, []AlertNotice) {
	if r.rules == nil {
		return 0, nil
	}
	stored := storedItems(b, res)
	if len(stored) == 0 {
		return 0, nil
	}
	items := make([]rules.Item, len(stored))
	for i := range stored {
		items[i] = rules.FromCore(acct, stored[i])
	}
	r.countSpikes(ctx, acct, items, now)
	r.alerts.volumes.add(acct.ClientID, items)
	clients := map[string]int64{acct.ClientSlug: acct.ClientID}
	hits, err := r.rules.Evaluate(items, r.newEnv(ctx, now, clients, authorIDs(stored)))
	if err != nil {
		// The hits the store could confirm are still raised.
		r.log.Warn("engine: evaluating alert rules", "account", acct.ID, "err", err.Error())
	}
	return r.raiseHits(ctx, hits, clients)
}

// raiseHits raises or grows each hit's alert; clients gives the id of
// each client slug. It returns how many were raised or grown and the
// notices of those opened, which it announces.
func (r *Runner) raiseHits(ctx context.Context, hits []rules.Hit, clients map[string]int64) (int, []AlertNotice) {
	raises := make([]store.AlertRaise, 0, len(hits))
	kept := make([]rules.Hit, 0, len(hits))
	for _, h := range hits {
		clientID, ok := clients[h.Client]
		if !ok {
			r.log.Error("engine: alert for an unknown client", "rule", h.Rule, "client", h.Client)
			continue
		}
		raises = append(raises, store.AlertRaise{Alert: h.Alert(clientID), GroupKey: h.GroupKey, ItemIDs: h.ItemIDs})
		kept = append(kept, h)
	}
	if len(raises) == 0 {
		return 0, nil
	}
	// One transaction for the batch's alerts.
	res, err := r.store.RaiseAlerts(ctx, raises)
	if err != nil {
		r.log.Error("engine: raising alerts", "alerts", len(raises), "err", err.Error())
		return 0, nil
	}
	var opened []AlertNotice
	for i, h := range kept {
		if !res[i].Opened {
			continue
		}
		a := raises[i].Alert
		opened = append(opened, AlertNotice{ID: res[i].ID, ClientID: a.ClientID, ClientSlug: h.Client, Rule: h.Rule,
			Severity: a.Severity, Title: a.Title, ItemCount: a.ItemCount, At: h.At})
	}
	r.announce(ctx, opened)
	return len(raises), opened
}

// announce calls OnAlert for each notice, each on its own goroutine: a
// hook that runs a command or calls a webhook must never hold up a sync.
func (r *Runner) announce(ctx context.Context, notices []AlertNotice) {
	if r.onAlert == nil {
		return
	}
	for _, n := range notices {
		r.hooks.Go(func() { r.callOnAlert(ctx, n) })
	}
}

// callOnAlert runs the hook, recovering a panic: it must not take the
// engine down with it.
func (r *Runner) callOnAlert(ctx context.Context, n AlertNotice) {
	defer func() {
		if p := recover(); p != nil {
			r.log.Error("engine: alert hook panicked", "alert", n.ID, "panic", fmt.Sprint(p))
		}
	}()
	r.onAlert(ctx, n)
}

// authorIDs lists the distinct store ids of the items' authors.
func authorIDs(items []core.Item) []int64 {
	var out []int64
	seen := map[int64]bool{}
	for i := range items {
		if id := items[i].Author.ID; id != 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// storedItems returns the batch's new items as the store wrote them
// (sanitized, with their ids). A Store that does not report them gets
// them rebuilt from the batch and sanitized here: the rules never read
// the provider's raw text.
func storedItems(b core.Batch, res store.IngestResult) []core.Item {
	if len(res.Items) > 0 && len(res.Items) == len(res.NewItemIDs) {
		return res.Items
	}
	items := newItems(b, res)
	for i := range items {
		items[i].Tags = slices.Clone(items[i].Tags) // SanitizeItem rewrites them in place
		core.SanitizeItem(&items[i])
	}
	return items
}

// newItems returns the batch's items the store inserted, with their ids.
// IngestResult.NewItemIndex says which of the batch's items they were, so
// nothing needs reading back. An index out of range (a store bug) is
// skipped rather than trusted.
func newItems(b core.Batch, res store.IngestResult) []core.Item {
	n := min(len(res.NewItemIDs), len(res.NewItemIndex))
	out := make([]core.Item, 0, n)
	for i := range n {
		idx := res.NewItemIndex[i]
		if idx < 0 || idx >= len(b.Items) {
			continue
		}
		it := b.Items[idx]
		it.ID = res.NewItemIDs[i]
		out = append(out, it)
	}
	return out
}

// clientKey is the client's slug, or its id when the slug is unknown.
func clientKey(acct core.Account, clientID int64) string {
	if acct.ClientSlug != "" && clientID == acct.ClientID {
		return acct.ClientSlug
	}
	return fmt.Sprint(clientID)
}
