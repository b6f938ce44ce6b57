package stats

import (
	"time"

	"cmdeck/core"
	"cmdeck/store"
)

// days spreads the period's item groups over its days (their starts in
// loc); a day's followers are those at its end.
func days(m store.ClientMetrics, kinds []core.ItemKind, f followerTally, loc *time.Location) []Day {
	index := make(map[core.ItemKind]int, len(kinds))
	for i, k := range kinds {
		index[k] = i
	}
	out := make([]Day, len(m.Days))
	for i, start := range m.Days {
		end := m.To
		if i+1 < len(m.Days) {
			end = m.Days[i+1]
		}
		fol := f.at(end)
		if !f.reportedBy(start) {
			fol = NA // a day not reached yet (the current month): no line drawn into the future
		}
		out[i] = Day{Start: start.In(loc), ByKind: make([]int, len(kinds)), Followers: fol}
	}
	for _, g := range m.Items {
		if g.Day < 0 || g.Day >= len(out) {
			continue
		}
		addGroup(&out[g.Day], g, index)
	}
	for i := range out {
		d := &out[i]
		d.Net = ratio(d.Positive-d.Negative, d.Positive+d.Neutral+d.Negative)
	}
	return out
}

// addGroup adds one item group to its day.
func addGroup(d *Day, g store.ItemGroup, index map[core.ItemKind]int) {
	if g.Outgoing {
		d.Replies += g.Count
		return
	}
	d.Received += g.Count
	if i, ok := index[g.Kind]; ok {
		d.ByKind[i] += g.Count
	}
	switch g.Sentiment {
	case core.SentimentPositive:
		d.Positive += g.Count
	case core.SentimentNeutral:
		d.Neutral += g.Count
	case core.SentimentNegative:
		d.Negative += g.Count
	}
}
