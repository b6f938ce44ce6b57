package stats

import (
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/store"
)

// In the current month, the days after the last snapshot have no follower
// figure: the chart's line stops at today instead of running flat to the
// month's end.
func TestFollowersStopAtLastSnapshot(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }
	m := store.ClientMetrics{Snapshots: []core.StatSnapshot{
		{AccountID: 1, Day: day(1), Followers: 100}, {AccountID: 1, Day: day(2), Followers: 110}}}
	m.Days = []time.Time{day(1), day(2), day(3), day(4)}
	m.To = day(5)
	got := days(m, nil, newFollowerTally(m), time.UTC)
	if !got[1].Followers.OK || got[1].Followers.Value != 110 {
		t.Errorf("day 2 (last snapshot): %+v", got[1].Followers)
	}
	for _, i := range []int{2, 3} {
		if got[i].Followers.OK {
			t.Errorf("day %d, after the last snapshot, has followers %v", i+1, got[i].Followers.Value)
		}
	}
}
