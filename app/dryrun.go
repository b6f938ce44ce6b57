package app

import (
	"context"
	"math"
	"slices"
	"time"

	"cmdeck/core"
	"cmdeck/rules"
	"cmdeck/store"
)

// DryRunReport is what a client's rules would have raised over its cached
// history (cmdeck rules test). Nothing of it is stored.
type DryRunReport struct {
	Client       core.Client
	Since, Until time.Time
	Checked      int           // incoming items of the period evaluated
	Alerts       []DryAlert    // in the order they would have opened
	Rules        []RuleSummary // every rule that applies to the client, in config order
}

// DryAlert is one alert the rules would have raised, with everything later
// hits of its group added, as store.RaiseAlert grows an open alert.
type DryAlert struct {
	At       time.Time // when it would have opened
	Rule     string
	Type     rules.Type
	Severity core.Severity // the highest reached
	Title    string        // the latest, as the store keeps it
	ItemIDs  []int64       // each item once
	// Figure is what fired a spike (the hour's count) or a repeat offender
	// (the author's offences), at its highest; for other rules, the items.
	Figure   int
	GroupKey string
}

// RuleSummary is one rule's result over the period.
type RuleSummary struct {
	Rule     string
	Type     rules.Type
	Severity core.Severity
	Alerts   int
	Items    int
}

// dryPage is how many items a dry run reads from the store at a time.
const dryPage = 1000

// DryRun evaluates set over the client's items created in [since, until],
// oldest first, as the engine would have at each item's arrival: the
// ingest rules on each item with the history before it (spike baselines,
// offences), the SLA rules against the replies we sent. The items of the
// weeks before since only feed that history. It reads the store and
// writes nothing.
func DryRun(ctx context.Context, st *store.Store, set *rules.Set, client core.Client, since, until time.Time) (DryRunReport, error) {
	rep := DryRunReport{Client: client, Since: since, Until: until}
	keep, warm := historyNeeded(set)
	env := newPastEnv(client.Slug, keep)
	sla, err := newSLAReplay(set)
	if err != nil {
		return rep, err
	}
	acc := newAccumulator()
	err = eachItem(ctx, st, client.ID, since.Add(-warm), func(v store.ItemView) (bool, error) {
		if v.CreatedAt.After(until) {
			return false, nil
		}
		it := rules.FromCore(core.Account{ClientSlug: v.ClientSlug, Network: v.Network}, v.Item)
		env.add(it)
		if it.CreatedAt.Before(since) {
			return true, nil
		}
		sla.add(v, it)
		if it.Outgoing {
			return true, nil
		}
		rep.Checked++
		hits, err := set.Evaluate([]rules.Item{it}, env)
		acc.add(hits)
		return err == nil, err
	})
	if err != nil {
		return rep, err
	}
	acc.add(sla.finish(until))
	rep.Alerts = acc.sorted()
	rep.Rules = summarize(set, client.Slug, rep.Alerts)
	return rep, nil
}

// historyNeeded is how far back the rules look before an item: keep for
// the spike baselines (plus the current hour), warm for those and the
// repeat offenders' periods.
func historyNeeded(set *rules.Set) (keep, warm time.Duration) {
	for _, r := range set.Rules() {
		switch r.Type {
		case rules.TypeSpike:
			keep = max(keep, time.Duration(r.BaselineHours+1)*time.Hour)
		case rules.TypeRepeatOffender:
			warm = max(warm, r.Period)
		}
	}
	return keep, max(keep, warm)
}

// eachItem calls fn with every item of the client created at or after
// from, oldest first, our replies included, until fn returns false. The
// store lists snoozed items apart from the others: both lists are read
// page by page and merged.
func eachItem(ctx context.Context, st *store.Store, clientID int64, from time.Time, fn func(store.ItemView) (bool, error)) error {
	states := []core.ItemState{core.StateNew, core.StateRead, core.StateReplied, core.StateDone,
		core.StateHidden, core.StateSpam, core.StateDeleted}
	start := store.PageKey{CreatedAt: from.UnixMilli() - 1, ID: math.MaxInt64}
	lists := [2]*pager{
		{st: st, f: store.ItemFilter{ClientID: clientID, States: states}, key: start},
		{st: st, f: store.ItemFilter{ClientID: clientID, States: states, Snoozed: true}, key: start},
	}
	for {
		next, err := oldest(ctx, lists)
		if next == nil || err != nil {
			return err
		}
		v := next.pop()
		if more, err := fn(v); !more || err != nil {
			return err
		}
	}
}

// oldest is the pager whose next item is the oldest, nil when both are
// done.
func oldest(ctx context.Context, lists [2]*pager) (*pager, error) {
	var best *pager
	for _, p := range lists {
		v, err := p.peek(ctx)
		if err != nil {
			return nil, err
		}
		if v != nil && (best == nil || before(v, best.buf[0])) {
			best = p
		}
	}
	return best, nil
}

// before orders items by (created_at, id), the store's keyset order.
func before(a *store.ItemView, b store.ItemView) bool {
	ka, kb := store.KeyOf(a.Item), store.KeyOf(b.Item)
	return ka.CreatedAt < kb.CreatedAt || (ka.CreatedAt == kb.CreatedAt && ka.ID < kb.ID)
}

// pager reads one filter's items oldest first, a page at a time.
type pager struct {
	st   *store.Store
	f    store.ItemFilter
	key  store.PageKey
	buf  []store.ItemView
	done bool
}

// peek is the next item, nil at the end.
func (p *pager) peek(ctx context.Context) (*store.ItemView, error) {
	if len(p.buf) == 0 && !p.done {
		page, err := p.st.ListItems(ctx, p.f, p.key, store.Newer, dryPage)
		if err != nil {
			return nil, err
		}
		slices.Reverse(page) // the store hands a Newer page newest first
		p.done = len(page) < dryPage
		if len(page) > 0 {
			p.key = store.KeyOf(page[len(page)-1].Item)
		}
		p.buf = page
	}
	if len(p.buf) == 0 {
		return nil, nil
	}
	return &p.buf[0], nil
}

func (p *pager) pop() store.ItemView {
	v := p.buf[0]
	p.buf = p.buf[1:]
	return v
}

// accumulator groups hits into alerts as the store does: one alert per
// group key, growing.
type accumulator struct {
	byKey  map[string]int
	items  []map[int64]bool
	alerts []DryAlert
}

func newAccumulator() *accumulator { return &accumulator{byKey: map[string]int{}} }

func (a *accumulator) add(hits []rules.Hit) {
	for _, h := range hits {
		i, ok := a.byKey[h.GroupKey]
		if !ok {
			i = len(a.alerts)
			a.byKey[h.GroupKey] = i
			a.alerts = append(a.alerts, DryAlert{At: h.At, Rule: h.Rule, Type: h.Type, Severity: h.Severity, GroupKey: h.GroupKey})
			a.items = append(a.items, map[int64]bool{})
		}
		al := &a.alerts[i]
		if severityRank(h.Severity) > severityRank(al.Severity) {
			al.Severity = h.Severity
		}
		al.Title = h.Title
		for _, id := range h.ItemIDs {
			if !a.items[i][id] {
				a.items[i][id] = true
				al.ItemIDs = append(al.ItemIDs, id)
			}
		}
		al.Figure = max(al.Figure, h.Count, len(al.ItemIDs))
		if h.Type != rules.TypeSpike && h.Type != rules.TypeRepeatOffender {
			al.Figure = len(al.ItemIDs)
		}
	}
}

// sorted is the alerts by opening time (SLA alerts are found at the end of
// the run but open at their deadline).
func (a *accumulator) sorted() []DryAlert {
	out := slices.Clone(a.alerts)
	slices.SortStableFunc(out, func(x, y DryAlert) int { return x.At.Compare(y.At) })
	return out
}

// severityRank orders severities, so an alert only ever escalates.
func severityRank(s core.Severity) int {
	switch s {
	case core.SeverityCritical:
		return 2
	case core.SeverityWarning:
		return 1
	}
	return 0
}

// summarize counts each rule's alerts and items, listing every rule that
// applies to the client, those that never fired too.
func summarize(set *rules.Set, client string, alerts []DryAlert) []RuleSummary {
	var out []RuleSummary
	index := map[string]int{}
	for _, r := range set.Rules() {
		if r.Client != "" && r.Client != client {
			continue
		}
		if _, dup := index[r.Name]; dup {
			continue
		}
		index[r.Name] = len(out)
		out = append(out, RuleSummary{Rule: r.Name, Type: r.Type, Severity: r.Severity})
	}
	for _, al := range alerts {
		if i, ok := index[al.Rule]; ok {
			out[i].Alerts++
			out[i].Items += len(al.ItemIDs)
		}
	}
	return out
}
