package engine

import (
	"context"
	"strconv"
	"time"

	"cmdeck/core"
	"cmdeck/store"
)

// The skeleton alert rule: negative messages about a client. A burst is one
// alert per client per hour that grows, not one alert per message. The
// configurable rules of the alerts work replace this; keep it one small,
// pure function over the new items.
const (
	RuleNegative = "negative"
	// criticalFollowers: an author this followed can start a crisis alone.
	criticalFollowers = 10_000
	// criticalCount: past this many negative items in an hour, it is a crisis.
	criticalCount = 10
	// recentWindow: older items are history, not a trend. A first sync
	// pulls days of backlog; without this it would open a critical alert
	// per client for messages long since dealt with.
	recentWindow = 24 * time.Hour
)

// alertRaise is one call to make to store.RaiseAlert.
type alertRaise struct {
	alert    core.Alert
	groupKey string
	itemIDs  []int64
}

// negativeCounts remembers how many negative items each open group has had
// in this process, for the count threshold. It only keeps the current hour:
// older groups cannot grow any more.
type negativeCounts struct {
	bucket string
	counts map[string]int
}

// hourBucket names the UTC hour of t, as used in group keys.
func hourBucket(t time.Time) string { return t.UTC().Format("2006-01-02T15") }

// negativeRule groups the new, incoming, negative items of the last day by
// client into alerts for the hour of at. The hour is the ingestion hour, not
// the items' creation time, so late-arriving items join the current burst
// instead of opening alerts for past hours. seen holds each group's earlier
// count this hour. Titles are data (rule and client), not prose: the UI
// translates.
func negativeRule(acct core.Account, items []core.Item, at time.Time, seen map[string]int) []alertRaise {
	bucket := hourBucket(at)
	var out []alertRaise
	index := map[int64]int{} // client id -> position in out
	for _, it := range items {
		if it.Outgoing || it.Sentiment != core.SentimentNegative || it.ID == 0 ||
			(!it.CreatedAt.IsZero() && it.CreatedAt.Before(at.Add(-recentWindow))) {
			continue
		}
		clientID := it.ClientID
		if clientID == 0 {
			clientID = acct.ClientID
		}
		i, ok := index[clientID]
		if !ok {
			client := clientKey(acct, clientID)
			i = len(out)
			index[clientID] = i
			out = append(out, alertRaise{
				groupKey: RuleNegative + ":" + client + ":" + bucket,
				alert: core.Alert{
					ClientID: clientID, Rule: RuleNegative, Severity: core.SeverityWarning,
					Title: RuleNegative + " " + client, FirstAt: at, LastAt: at,
				},
			})
		}
		g := &out[i]
		g.itemIDs = append(g.itemIDs, it.ID)
		g.alert.ItemCount = len(g.itemIDs)
		if it.Author.Followers >= criticalFollowers {
			g.alert.Severity = core.SeverityCritical
		}
	}
	for i := range out {
		if seen[out[i].groupKey]+len(out[i].itemIDs) > criticalCount {
			out[i].alert.Severity = core.SeverityCritical
		}
	}
	return out
}

// clientKey is the client's slug, or its id when the slug is unknown.
func clientKey(acct core.Account, clientID int64) string {
	if acct.ClientSlug != "" && clientID == acct.ClientID {
		return acct.ClientSlug
	}
	return strconv.FormatInt(clientID, 10)
}

// raiseNegative evaluates the negative rule on a batch's new items and
// raises the alerts. An alert that cannot be stored is logged, not a sync
// failure: the items themselves are safely stored. It returns how many
// alerts were raised or grown.
func (r *Runner) raiseNegative(ctx context.Context, acct core.Account, b core.Batch, res store.IngestResult, at time.Time) int {
	items := newItems(b, res)
	if len(items) == 0 {
		return 0
	}
	bucket := hourBucket(at)
	if r.negative.bucket != bucket || r.negative.counts == nil {
		r.negative = negativeCounts{bucket: bucket, counts: map[string]int{}}
	}
	raised := 0
	for _, g := range negativeRule(acct, items, at, r.negative.counts) {
		if _, err := r.store.RaiseAlert(ctx, g.alert, g.groupKey, g.itemIDs); err != nil {
			r.log.Error("engine: raising alert", "rule", g.alert.Rule, "group", g.groupKey, "err", err.Error())
			continue
		}
		r.negative.counts[g.groupKey] += len(g.itemIDs)
		raised++
	}
	return raised
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
