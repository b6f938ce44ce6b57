package engine

// Spike counters. A spike rule with a query compares this hour's matching
// items with their hourly baseline. The store cannot answer that with an
// index (the query is matched in Go), so the engine counts: each batch's
// new items matching each spike query are added to the store's per-query
// hourly volumes (store.AddRuleHours) before the rules run, and the rule
// reads its baseline back (env.go). The counts are exact for the items
// the runners of this database ingested since the rule exists; a new rule
// starts with an empty baseline, which its min_count guards. Spike rules
// without a query read the items' own hourly volumes instead.

import (
	"context"
	"time"

	"cmdeck/core"
	"cmdeck/rules"
	"cmdeck/store"
)

// spikeCounter counts one spike query's matches.
type spikeCounter struct {
	key     string // the canonical query: one counter for equal queries
	match   func(*rules.Item) bool
	all     bool            // a rule shared by every client uses it
	clients map[string]bool // else the clients whose rules use it
	window  time.Duration   // its longest baseline plus the current hour
}

// newSpikeCounters makes one counter per distinct spike query, and says
// how far back the spike rules read volumes (the longest baseline and the
// current hour).
func newSpikeCounters(rs []rules.Rule) ([]*spikeCounter, time.Duration, error) {
	var out []*spikeCounter
	byKey := map[string]*spikeCounter{}
	var keep time.Duration
	for _, r := range rs {
		if r.Type != rules.TypeSpike {
			continue
		}
		keep = max(keep, time.Duration(r.BaselineHours+1)*time.Hour)
		if r.Query == "" {
			continue
		}
		q, err := rules.ParseQuery(r.Query)
		if err != nil {
			return nil, 0, err
		}
		c := byKey[q.String()]
		if c == nil {
			c = &spikeCounter{key: q.String(), match: q.Matcher(), clients: map[string]bool{}}
			byKey[c.key] = c
			out = append(out, c)
		}
		c.all = c.all || r.Client == ""
		c.clients[r.Client] = true
		c.window = max(c.window, time.Duration(r.BaselineHours+1)*time.Hour)
	}
	return out, keep, nil
}

// applies reports whether a rule using the counter watches the client.
func (c *spikeCounter) applies(client string) bool { return c.all || c.clients[client] }

// countSpikes adds the new items matching each spike query to the store's
// hourly volumes, by client and UTC hour of creation. Our own replies do
// not count, nor items older than the counter's window. A failure is
// logged: the spike rules then see a lower volume, nothing else breaks.
func (r *Runner) countSpikes(ctx context.Context, acct core.Account, items []rules.Item, now time.Time) {
	var counts []store.RuleHour
	for _, c := range r.alerts.spikes {
		if !c.applies(acct.ClientSlug) {
			continue
		}
		counts = c.count(counts, acct.ClientID, items, now)
	}
	if err := r.store.AddRuleHours(ctx, counts); err != nil {
		r.log.Error("engine: counting spike volumes", "account", acct.ID, "err", err.Error())
	}
}

// count appends the counter's hourly counts of items to out.
func (c *spikeCounter) count(out []store.RuleHour, clientID int64, items []rules.Item, now time.Time) []store.RuleHour {
	from := now.Add(-c.window)
	start := len(out)
	for i := range items {
		it := &items[i]
		if it.Outgoing || it.ID == 0 || it.CreatedAt.Before(from) || !c.match(it) {
			continue
		}
		hour := it.CreatedAt.UTC().Truncate(time.Hour)
		if k := hourIndex(out[start:], hour); k >= 0 {
			out[start+k].Count++
			continue
		}
		out = append(out, store.RuleHour{ClientID: clientID, Query: c.key, Hour: hour, Count: 1})
	}
	return out
}

// hourIndex finds the count of an hour among a counter's few hours.
func hourIndex(hs []store.RuleHour, hour time.Time) int {
	for i := range hs {
		if hs[i].Hour.Equal(hour) {
			return i
		}
	}
	return -1
}

// pruneSpikes forgets the volumes older than any baseline, once an hour.
func (r *Runner) pruneSpikes(ctx context.Context, now time.Time) {
	st := &r.alerts
	if st.keep == 0 || now.Before(st.pruneNext) {
		return
	}
	st.pruneNext = now.Add(time.Hour)
	before := now.Add(-st.keep - time.Hour)
	st.volumes.prune(before)
	if len(st.spikes) == 0 {
		return
	}
	if err := r.store.PruneRuleHours(ctx, before); err != nil && ctx.Err() == nil {
		r.log.Warn("engine: pruning spike volumes", "err", err.Error())
	}
}
