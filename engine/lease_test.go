package engine

import (
	"errors"
	"strings"
	"testing"
	"time"

	"cmdeck/core"
)

// leaseEvents are the lease-change events (AccountID 0) in order.
func leaseEvents(evs []Event) []LeaseInfo {
	var out []LeaseInfo
	for _, e := range evs {
		if e.AccountID == 0 {
			out = append(out, e.Lease)
		}
	}
	return out
}

func TestOnlyLeaseHolderSyncsAndTakeoverAfterTTL(t *testing.T) {
	f := newFixture(t, acct(1))
	var evA, evB []Event
	a := f.runner("host:1:tui", func(o *Options) { o.Notify = func(e Event) { evA = append(evA, e) } })
	b := f.runner("host:2:daemon", func(o *Options) { o.Notify = func(e Event) { evB = append(evB, e) } })

	if rep := f.step(a); !rep.Lease.Held || len(rep.Accounts) != 1 {
		t.Fatalf("first runner: %+v, want lease held and one sync", rep)
	}
	for range 3 { // b keeps stepping while a holds the lease
		rep := f.step(b)
		if rep.Lease.Held || rep.Lease.Holder != "host:1:tui" || len(rep.Accounts) != 0 {
			t.Fatalf("second runner: %+v, want no sync and holder host:1:tui", rep)
		}
		f.clock.Advance(time.Second)
	}
	if n := len(f.scripts[1].calls()); n != 1 {
		t.Fatalf("%d fetches, want 1: only the holder syncs", n)
	}
	if got := leaseEvents(evB); len(got) != 1 || got[0].Held || got[0].Holder != "host:1:tui" {
		t.Fatalf("second runner lease events %+v, want exactly one naming the holder", got)
	}

	// a stops renewing (hung or killed); once its lease expires b takes over.
	f.clock.Advance(r0TTL(a))
	rep := f.step(b)
	if !rep.Lease.Held || len(rep.Accounts) != 1 {
		t.Fatalf("after the TTL the second runner got %+v, want lease and a sync", rep)
	}
	if got := leaseEvents(evB); len(got) != 2 || !got[1].Held {
		t.Fatalf("second runner lease events %+v, want a second one saying held", got)
	}
	// a comes back: it must see b as the holder and not sync.
	rep = f.step(a)
	if rep.Lease.Held || rep.Lease.Holder != "host:2:daemon" || len(rep.Accounts) != 0 {
		t.Fatalf("first runner after takeover: %+v, want holder host:2:daemon and no sync", rep)
	}
	if got := leaseEvents(evA); len(got) != 2 || !got[0].Held || got[1].Held {
		t.Fatalf("first runner lease events %+v, want held then lost", got)
	}
}

func r0TTL(r *Runner) time.Duration { return r.leaseTTL }

func TestLeaseRenewedBeforeExpiryWithoutWritingEveryStep(t *testing.T) {
	f := newFixture(t, acct(1))
	a := f.runner("a")
	b := f.runner("b")
	ttl := a.leaseTTL
	for elapsed := time.Duration(0); elapsed < 3*ttl; elapsed += time.Second {
		if rep := f.step(a); !rep.Lease.Held {
			t.Fatalf("holder lost its own lease at +%v", elapsed)
		}
		if rep := f.step(b); rep.Lease.Held {
			t.Fatalf("second runner took a renewed lease at +%v", elapsed)
		}
		f.clock.Advance(time.Second)
	}
	// 3 TTLs of one-second steps by two runners: a renews every TTL/3 and b
	// retries at most as often, not on each of the 2×3×TTL steps.
	if ops, max := f.store.leaseOps, 2*(9+1); ops > max {
		t.Fatalf("%d lease calls, want at most %d", ops, max)
	}
}

func TestLeaseReleasedOnCloseLetsOtherTakeOver(t *testing.T) {
	f := newFixture(t, acct(1))
	a := f.runner("a")
	b := f.runner("b")
	f.step(a)
	f.step(b)
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	// b would wait for its next check; a user's "sync now" asks again at once.
	b.TriggerNow()
	if rep := f.step(b); !rep.Lease.Held || len(rep.Accounts) != 1 {
		t.Fatalf("after release and trigger: %+v, want lease and a sync", rep)
	}
}

func TestLeaseStoreErrorMeansNoSync(t *testing.T) {
	f := newFixture(t, acct(1))
	f.store.leaseErr = errors.New("disk I/O error")
	r := f.runner("a")
	rep, err := r.Step(t.Context(), f.clock.Now())
	if err == nil || rep.Lease.Held || len(rep.Accounts) != 0 {
		t.Fatalf("step = %+v, %v; want an error and no sync", rep, err)
	}
	f.store.leaseErr = nil
	if rep := f.step(r); !rep.Lease.Held || len(rep.Accounts) != 1 {
		t.Fatalf("after the store recovers: %+v, want lease and sync", rep)
	}
}

func TestAccountEventsCarryLease(t *testing.T) {
	f := newFixture(t, acct(1))
	f.scripts[1].push(fetchStep{batch: core.Batch{Cursor: "c", Items: items("x", 2, core.SentimentNeutral)}})
	r := f.runner("me")
	f.step(r)
	evs := f.eventList()
	if len(evs) != 2 {
		t.Fatalf("events %+v, want a lease event and an account event", evs)
	}
	e := evs[1]
	if e.AccountID != 1 || e.Handle != "@acct1" || e.NewItems != 2 || e.Err != nil ||
		!e.At.Equal(t0) || !e.Lease.Held || e.Lease.Holder != "me" {
		t.Fatalf("account event %+v", e)
	}
}

func TestLongPassRenewsLeaseAndStopsWhenLost(t *testing.T) {
	f := newFixture(t, acct(1), acct(2), acct(3))
	a := f.runner("a")
	b := f.runner("b")
	ttl := a.leaseTTL
	// Account 1 is slow: the pass outlives a third of the TTL.
	f.scripts[1].push(fetchStep{call: func() { f.clock.Advance(ttl/3 + time.Second) }})
	before := f.store.leaseOps
	rep := f.step(a)
	if got := synced(rep); len(got) != 3 {
		t.Fatalf("synced %v, want all 3", got)
	}
	if ops := f.store.leaseOps - before; ops != 2 {
		t.Fatalf("%d lease calls in the pass, want 2 (take, then renew mid-pass)", ops)
	}

	// Account 1 now hangs past the whole TTL and b takes over meanwhile:
	// a must stop before account 2.
	f.clock.Advance(time.Minute)
	f.scripts[1].push(fetchStep{call: func() {
		f.clock.Advance(ttl + time.Second)
		if _, err := b.Step(t.Context(), f.clock.Now()); err != nil {
			t.Error(err)
		}
	}})
	b2 := len(f.scripts[2].calls())
	rep = f.step(a)
	if got := synced(rep); len(got) != 1 {
		t.Fatalf("synced %v after losing the lease, want only the account in flight", got)
	}
	// b synced accounts 1-3 inside the call; a added nothing for account 2.
	if n := len(f.scripts[2].calls()) - b2; n != 1 {
		t.Fatalf("account 2 fetched %d times, want once (by the new holder)", n)
	}
}

func TestLeaseHeldErrorNamesHolder(t *testing.T) {
	err := &LeaseHeldError{Holder: "laptop:42:tui"}
	if !strings.Contains(err.Error(), "laptop:42:tui") {
		t.Fatalf("error %q does not name the holder", err)
	}
}
