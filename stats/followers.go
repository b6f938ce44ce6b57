package stats

import (
	"slices"
	"time"

	"cmdeck/core"
	"cmdeck/store"
)

// followerTally holds the follower counts each account's network reported,
// oldest first; accounts that reported none are absent.
type followerTally struct {
	byAccount map[int64][]core.StatSnapshot
}

// newFollowerTally keeps m's snapshots that carry a follower count.
func newFollowerTally(m store.ClientMetrics) followerTally {
	f := followerTally{byAccount: map[int64][]core.StatSnapshot{}}
	for _, sn := range m.Snapshots {
		if sn.Followers >= 0 {
			f.byAccount[sn.AccountID] = append(f.byAccount[sn.AccountID], sn)
		}
	}
	for _, sns := range f.byAccount {
		slices.SortFunc(sns, func(a, b core.StatSnapshot) int { return a.Day.Compare(b.Day) })
	}
	return f
}

// accountAt is the account's followers at instant t: the count of the
// last day reported before t (a snapshot's day is its UTC date, so the
// period's start reads the day before it and its end its last day).
func (f followerTally) accountAt(id int64, t time.Time) Figure {
	v := NA
	for _, sn := range f.byAccount[id] {
		if !sn.Day.Before(t) {
			break
		}
		v = Num(float64(sn.Followers))
	}
	return v
}

// at is the client's followers at t: the sum over the accounts that report
// them, not available when one of them has no count by then (or none
// reports any).
func (f followerTally) at(t time.Time) Figure {
	if len(f.byAccount) == 0 {
		return NA
	}
	total := 0.0
	for id := range f.byAccount {
		v := f.accountAt(id, t)
		if !v.OK {
			return NA
		}
		total += v.Value
	}
	return Num(total)
}

// reportedBy says whether some account reported a count for the day of t
// or later: the days after the last snapshot have not happened yet.
func (f followerTally) reportedBy(t time.Time) bool {
	day := time.Date(t.UTC().Year(), t.UTC().Month(), t.UTC().Day(), 0, 0, 0, 0, time.UTC)
	for _, sns := range f.byAccount {
		if len(sns) > 0 && !sns[len(sns)-1].Day.Before(day) {
			return true
		}
	}
	return false
}
