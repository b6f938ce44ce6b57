package rules

import (
	"fmt"
	"strconv"
	"time"
)

// spikes confirms the spike candidates: one HourlyCounts call per rule and
// client with a matching item this hour.
//
// The baseline is the mean of the previous BaselineHours hours, not their
// median. Volumes follow the day: a bakery gets most of its messages in a
// few busy hours and almost none at night. When the busy hours are fewer
// than half the window, the median is the quiet level, and every ordinary
// busy hour would pass for a spike; the mean keeps the day's real volume.
// Its weakness, an earlier burst lifting the bar for a day, is the lesser
// harm: that burst already has its alert.
func (e *evaluation) spikes(env Env) {
	for _, c := range e.cands {
		if c.r.Type != TypeSpike {
			continue
		}
		counts, err := e.hourlyCounts(env, c)
		if err != nil {
			e.errs = append(e.errs, err)
			continue
		}
		hours := c.r.BaselineHours
		base := mean(counts[:hours])
		// The store's count includes this batch; max() guards against an
		// Env that has not stored it yet.
		cur := max(counts[hours], len(c.ids))
		if !isSpike(cur, base, c.r.Factor, c.r.MinCount) {
			continue
		}
		bucket := e.hour.Format("2006-01-02T15")
		detail := strconv.Itoa(cur) + "/h vs " + strconv.FormatFloat(base, 'f', 1, 64) + "/h"
		e.addAll(c, bucket, detail, cur)
	}
}

// hourlyCounts asks the store for the baseline hours and the current one.
func (e *evaluation) hourlyCounts(env Env, c *candidate) ([]int, error) {
	hours := c.r.BaselineHours
	from := e.hour.Add(-time.Duration(hours) * time.Hour)
	counts, err := env.HourlyCounts(c.client, c.r.query, from, e.hour.Add(time.Hour))
	if err != nil {
		return nil, fmt.Errorf("rules: rule %q: hourly counts for %s: %w", c.r.Name, c.client, err)
	}
	if len(counts) != hours+1 {
		return nil, fmt.Errorf("rules: rule %q: hourly counts for %s: got %d hours, want %d",
			c.r.Name, c.client, len(counts), hours+1)
	}
	return counts, nil
}

// isSpike: the hour reaches both the floor and factor × baseline.
func isSpike(cur int, base, factor float64, minCount int) bool {
	return float64(cur) >= max(float64(minCount), factor*base)
}

func mean(xs []int) float64 {
	if len(xs) == 0 {
		return 0
	}
	sum := 0
	for _, x := range xs {
		sum += x
	}
	return float64(sum) / float64(len(xs))
}
