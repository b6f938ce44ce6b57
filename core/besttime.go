package core

import (
	"slices"
	"time"
)

// Best times to post, from an account's own history: the weekday and hour
// whose posts drew the most engagement (likes, shares and replies). Each
// post is weighed against its own account's median, so that a big account
// does not drown a small one, and counts at most bestTimesCap times it, so
// that one post that went viral does not make every other hour look poor.
// An hour seen only a few times is pulled toward the average
// (bestTimesPrior posts' worth of it): one lucky post is not a best time.

// BestTimesMinPosts is how many published posts with their figures the
// hints need; fewer say nothing rather than noise.
const BestTimesMinPosts = 10

// bestTimesPrior is how many average posts each hour starts with.
const bestTimesPrior = 3

// bestTimesMinLift is the least lift worth suggesting: +5%.
const bestTimesMinLift = 0.05

// bestTimesCap is the most a post counts, in times its account's median.
const bestTimesCap = 5.0

// Engaged is one published post: when it went out, on which account, and
// the engagement the network reported for it.
type Engaged struct {
	AccountID  int64
	At         time.Time
	Engagement int // likes + shares + replies
}

// BestTime is a weekday and hour to post at, with how many posts went out
// then and how much more engagement they drew than the average (0.45 =
// +45%).
type BestTime struct {
	Weekday time.Weekday
	Hour    int
	Posts   int
	Lift    float64
}

// BestTimes ranks the weekday-hours of posts (in loc) by engagement and
// returns up to n that beat the average, best first; none when there are
// fewer than BestTimesMinPosts posts or no engagement at all. Only hours
// with at least two posts count.
func BestTimes(posts []Engaged, loc *time.Location, n int) []BestTime {
	if len(posts) < BestTimesMinPosts || n <= 0 {
		return nil
	}
	medians := accountMedians(posts)
	type bucket struct {
		posts int
		sum   float64 // engagement relative to its account's median, capped
	}
	buckets := map[[2]int]*bucket{}
	weighed, total := 0, 0.0
	for _, p := range posts {
		median := medians[p.AccountID]
		if median == 0 {
			continue // an account whose posts mostly draw nothing says nothing
		}
		local := p.At.In(loc)
		k := [2]int{int(local.Weekday()), local.Hour()}
		if buckets[k] == nil {
			buckets[k] = &bucket{}
		}
		rel := min(float64(p.Engagement)/median, bestTimesCap)
		buckets[k].posts++
		buckets[k].sum += rel
		weighed++
		total += rel
	}
	if weighed < BestTimesMinPosts || total == 0 {
		return nil
	}
	mean := total / float64(weighed)
	var out []BestTime
	for k, b := range buckets {
		if b.posts < 2 {
			continue
		}
		score := (b.sum + bestTimesPrior*mean) / float64(b.posts+bestTimesPrior)
		if lift := score/mean - 1; lift >= bestTimesMinLift {
			out = append(out, BestTime{Weekday: time.Weekday(k[0]), Hour: k[1], Posts: b.posts, Lift: lift})
		}
	}
	slices.SortFunc(out, func(a, b BestTime) int {
		switch {
		case a.Lift != b.Lift:
			if a.Lift > b.Lift {
				return -1
			}
			return 1
		case a.Weekday != b.Weekday:
			return int(a.Weekday) - int(b.Weekday)
		}
		return a.Hour - b.Hour
	})
	return out[:min(n, len(out))]
}

// accountMedians is each account's median engagement per post.
func accountMedians(posts []Engaged) map[int64]float64 {
	byAccount := map[int64][]int{}
	for _, p := range posts {
		byAccount[p.AccountID] = append(byAccount[p.AccountID], p.Engagement)
	}
	out := make(map[int64]float64, len(byAccount))
	for id, es := range byAccount {
		slices.Sort(es)
		n := len(es)
		out[id] = float64(es[n/2])
		if n%2 == 0 {
			out[id] = float64(es[n/2-1]+es[n/2]) / 2
		}
	}
	return out
}

// Next is the first time strictly after after that falls on b's weekday
// at b's hour, on the hour, in loc (a wall-clock time: daylight saving
// does not move it).
func (b BestTime) Next(after time.Time, loc *time.Location) time.Time {
	local := after.In(loc)
	// Within eight days: today's hour may be past, next week's is not.
	for d := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loc); ; d = d.AddDate(0, 0, 1) {
		if d.Weekday() != b.Weekday {
			continue
		}
		if at := time.Date(d.Year(), d.Month(), d.Day(), b.Hour, 0, 0, 0, loc); at.After(after) {
			return at
		}
	}
}
