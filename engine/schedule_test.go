package engine

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/store"
)

func TestBackoffTable(t *testing.T) {
	const iv, cap = 30 * time.Second, 15 * time.Minute
	tests := []struct {
		failures int
		want     time.Duration
	}{
		{-1, iv}, {0, iv}, {1, time.Minute}, {2, 2 * time.Minute}, {3, 4 * time.Minute},
		{4, 8 * time.Minute}, {5, cap}, {6, cap}, {62, cap}, {1000, cap},
	}
	for _, tt := range tests {
		if got := backoff(iv, cap, tt.failures); got != tt.want {
			t.Errorf("backoff(%d failures) = %v, want %v", tt.failures, got, tt.want)
		}
	}
}

func TestJitteredBounds(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	const d = time.Minute
	tests := []struct {
		j      float64
		lo, hi time.Duration
	}{
		{0, d, d},
		{0.1, 54 * time.Second, 66 * time.Second},
		{0.5, 30 * time.Second, 90 * time.Second},
	}
	for _, tt := range tests {
		lo, hi := time.Duration(1<<62), time.Duration(0)
		for range 2000 {
			got := jittered(d, tt.j, rnd)
			lo, hi = min(lo, got), max(hi, got)
		}
		if lo < tt.lo || hi > tt.hi {
			t.Errorf("jitter %v: range [%v, %v], want within [%v, %v]", tt.j, lo, hi, tt.lo, tt.hi)
		}
		// The draws should use most of the allowed range, or jitter is broken.
		if tt.j > 0 && hi-lo < (tt.hi-tt.lo)*9/10 {
			t.Errorf("jitter %v: range [%v, %v] too narrow", tt.j, lo, hi)
		}
	}
}

func TestMergeAccounts(t *testing.T) {
	f := newFixture(t)
	r := f.runner("a")
	now := t0
	a1, a2 := acct(1), acct(2)
	r.mergeAccounts([]store.AccountSync{{Account: a1}, {Account: a2,
		State: core.SyncState{Failures: 2, BackoffUntil: now.Add(time.Minute)}}}, now)
	if !slices.Equal(r.sched.order, []int64{1, 2}) {
		t.Fatalf("order %v", r.sched.order)
	}
	if s := r.sched.byID[2]; s.failures != 2 || !s.nextDue.Equal(now.Add(time.Minute)) {
		t.Fatalf("restored state %+v, want 2 failures due in 1m", s)
	}
	r.sched.byID[1].prov = fakeProvider{&script{}}
	r.sched.byID[2].prov = fakeProvider{&script{}}

	changed := a1
	changed.Handle = "@renamed"
	r.mergeAccounts([]store.AccountSync{{Account: changed}, {Account: a2}}, now)
	if s := r.sched.byID[1]; s.prov != nil || s.acct.Handle != "@renamed" {
		t.Fatalf("changed account kept its provider: %+v", s)
	}
	if r.sched.byID[2].prov == nil {
		t.Fatal("unchanged account lost its cached provider")
	}
	r.mergeAccounts([]store.AccountSync{{Account: a2}, {Account: a2}}, now)
	if !slices.Equal(r.sched.order, []int64{2}) || len(r.sched.byID) != 1 {
		t.Fatalf("after removal order %v, %d known", r.sched.order, len(r.sched.byID))
	}
}
