package core

import (
	"testing"
	"time"
)

// A hand-made history in Paris time: account 1 (big) and account 2 (small)
// both do best on Tuesdays at 18:00; account 1 also posts on Thursdays at
// 12:00 (average) and Mondays at 8:00 (poor). One lucky Sunday post does
// not count (a single post at that hour).
func bestTimesFixture(paris *time.Location) []Engaged {
	at := func(day, hour int) time.Time { return time.Date(2026, 10, day, hour, 0, 0, 0, paris) } // 5 Oct 2026 is a Monday
	var out []Engaged
	add := func(acct int64, t time.Time, e int) {
		out = append(out, Engaged{AccountID: acct, At: t, Engagement: e})
	}
	for _, wk := range []int{0, 7, 14} {
		add(1, at(6+wk, 18), 300) // Tuesday 18:00
		add(1, at(8+wk, 12), 100) // Thursday 12:00
		add(1, at(5+wk, 8), 20)   // Monday 8:00
		add(2, at(6+wk, 18), 30)  // Tuesday 18:00, small account
		add(2, at(8+wk, 12), 10)
	}
	add(1, at(11, 21), 5000) // one lucky Sunday 21:00
	return out
}

func TestBestTimes(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no time zone data")
	}
	got := BestTimes(bestTimesFixture(paris), paris, 3)
	if len(got) == 0 || got[0].Weekday != time.Tuesday || got[0].Hour != 18 || got[0].Posts != 6 {
		t.Fatalf("best times %+v, want Tuesday 18:00 (6 posts) first", got)
	}
	for _, b := range got {
		if b.Weekday == time.Sunday || b.Weekday == time.Monday {
			t.Errorf("%+v suggested: one lucky post, or a poor hour", b)
		}
		if b.Lift < bestTimesMinLift {
			t.Errorf("%+v does not beat the average", b)
		}
	}
	// By hand: medians 100 (account 1) and 20 (account 2); relative
	// values Tue 3,3,3 and 1.5,1.5,1.5; Thu 1,1,1 and .5,.5,.5; Mon
	// .2,.2,.2; Sunday 50 capped at 5: mean 23.6/16 = 1.475. Tuesday
	// scores (13.5 + 3*1.475) / 9 = 1.992, a lift of 1.992/1.475 - 1 = 0.350.
	if l := got[0].Lift; l < 0.349 || l > 0.351 {
		t.Errorf("Tuesday's lift %.3f, want 0.350", l)
	}
	if len(got) != 1 {
		t.Errorf("%d best times, want Tuesday alone (Thursday is below the mean)", len(got))
	}
	// In New York the same posts fall at other hours.
	ny, _ := time.LoadLocation("America/New_York")
	if nyBest := BestTimes(bestTimesFixture(paris), ny, 1); len(nyBest) != 1 || nyBest[0].Hour != 12 || nyBest[0].Weekday != time.Tuesday {
		t.Errorf("in New York %+v, want Tuesday 12:00", nyBest)
	}
}

func TestBestTimesNeedsHistory(t *testing.T) {
	few := []Engaged{}
	for i := range BestTimesMinPosts - 1 {
		few = append(few, Engaged{AccountID: 1, At: time.Date(2026, 10, 6+7*i, 18, 0, 0, 0, time.UTC), Engagement: 50})
	}
	if got := BestTimes(few, time.UTC, 3); got != nil {
		t.Errorf("%d posts gave %+v", len(few), got)
	}
	none := append(few, Engaged{AccountID: 1, At: time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)})
	for i := range none {
		none[i].Engagement = 0
	}
	if got := BestTimes(none, time.UTC, 3); got != nil {
		t.Errorf("no engagement at all gave %+v", got)
	}
}

func TestBestTimeNext(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no time zone data")
	}
	b := BestTime{Weekday: time.Tuesday, Hour: 18}
	for _, tc := range []struct{ after, want time.Time }{
		{time.Date(2026, 11, 24, 9, 0, 0, 0, paris), time.Date(2026, 11, 24, 18, 0, 0, 0, paris)},  // Tuesday morning: tonight
		{time.Date(2026, 11, 24, 18, 0, 0, 0, paris), time.Date(2026, 12, 1, 18, 0, 0, 0, paris)},  // on the hour: next week
		{time.Date(2026, 11, 26, 10, 0, 0, 0, paris), time.Date(2026, 12, 1, 18, 0, 0, 0, paris)},  // Thursday
		{time.Date(2026, 10, 20, 19, 0, 0, 0, paris), time.Date(2026, 10, 27, 18, 0, 0, 0, paris)}, // across the DST change
	} {
		if got := b.Next(tc.after, paris); !got.Equal(tc.want) {
			t.Errorf("after %s: %s, want %s", tc.after, got, tc.want)
		}
	}
}
