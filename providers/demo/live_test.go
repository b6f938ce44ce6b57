package demo

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

func TestLaterFetchesBringNewItems(t *testing.T) {
	accts := workspaceAccounts()
	clk := &fakeClock{now: t0}
	total := 0
	for _, a := range accts {
		p := newProvider(t, a, clk, 42)
		first := fetch(t, p, "")
		seen := map[string]bool{}
		for _, it := range first.Items {
			seen[it.RemoteID] = true
		}
		cur := first.Cursor
		for range 20 { // ten minutes of 30-second ticks
			from := clk.now
			clk.advance(30 * time.Second)
			b := fetch(t, p, cur)
			if len(b.Items) > maxPerFetch {
				t.Fatalf("%s: %d items in one fetch, want at most %d", a.Handle, len(b.Items), maxPerFetch)
			}
			for _, it := range b.Items {
				if seen[it.RemoteID] {
					t.Fatalf("%s: %s fetched twice", a.Handle, it.RemoteID)
				}
				seen[it.RemoteID] = true
				if !it.CreatedAt.After(from) || it.CreatedAt.After(clk.now) {
					t.Errorf("%s: %s at %v, outside (%v, %v]", a.Handle, it.RemoteID, it.CreatedAt, from, clk.now)
				}
				if it.Outgoing {
					t.Errorf("%s: %s is one of our replies; nobody answers for the CM live", a.Handle, it.RemoteID)
				}
				if it.ParentRemoteID != "" && !seen[it.ParentRemoteID] && !isOurPost(it.ParentRemoteID) {
					t.Errorf("%s: %s answers unknown %s", a.Handle, it.RemoteID, it.ParentRemoteID)
				}
			}
			total += len(b.Items)
			cur = b.Cursor
		}
		clk.now = t0
	}
	// 12 accounts, 10 minutes, about 0.22 a minute each: a few a minute.
	if total < 8 || total > 80 {
		t.Errorf("%d items arrived in 10 minutes across the workspace, want a few a minute", total)
	}
}

// What arrives depends on the interval, not on how often the engine polls.
func TestArrivalsIgnorePollingRate(t *testing.T) {
	a := accountOn(t, "Chirper")
	poll := func(step time.Duration) []core.Item {
		clk := &fakeClock{now: t0}
		p := newProvider(t, a, clk, 7)
		cur := fetch(t, p, "").Cursor
		var got []core.Item
		for clk.now.Before(t0.Add(90 * time.Minute)) {
			clk.advance(step)
			for {
				b := fetch(t, p, cur)
				got, cur = append(got, b.Items...), b.Cursor
				if !b.More {
					break
				}
			}
		}
		return got
	}
	fast, slow := poll(30*time.Second), poll(15*time.Minute)
	if len(fast) == 0 {
		t.Fatal("nothing arrived in 90 minutes")
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("polling every 30s gave %d items, every 15m gave %d; want the same stream", len(fast), len(slow))
	}
}

func TestTrickleIsDeterministic(t *testing.T) {
	a := accountOn(t, "Facegram")
	run := func(seed int64) core.Batch {
		clk := &fakeClock{now: t0}
		p := newProvider(t, a, clk, seed)
		cur := fetch(t, p, "").Cursor
		clk.advance(40 * time.Minute)
		return fetch(t, p, cur)
	}
	x, y, z := run(5), run(5), run(6)
	if len(x.Items) == 0 {
		t.Fatal("no item after 40 minutes")
	}
	if !reflect.DeepEqual(x, y) {
		t.Error("same seed, cursor and clock gave different batches")
	}
	if reflect.DeepEqual(x.Items, z.Items) {
		t.Error("different seeds gave the same batch")
	}
}

func TestTrickleEdges(t *testing.T) {
	a := accountOn(t, "Chirper")
	clk := &fakeClock{now: t0}
	p := newProvider(t, a, clk, 42)
	cur := fetch(t, p, "").Cursor

	if b := fetch(t, p, cur); len(b.Items) != 0 || b.Cursor != cur {
		t.Errorf("clock did not move: got %d items, cursor %q → %q", len(b.Items), cur, b.Cursor)
	}
	clk.advance(-time.Hour)
	if b := fetch(t, p, cur); len(b.Items) != 0 || b.Cursor != cur {
		t.Errorf("clock went back: got %d items, cursor %q → %q", len(b.Items), cur, b.Cursor)
	}

	// A day away: the quiet day is skipped, the last two hours come in
	// small batches flagged More, and the new day's audience is reported.
	clk.now = t0.Add(24 * time.Hour)
	b := fetch(t, p, cur)
	if len(b.Items) != maxPerFetch || !b.More {
		t.Errorf("after a day: %d items, More=%v; want %d and More", len(b.Items), b.More, maxPerFetch)
	}
	for _, it := range b.Items {
		if clk.now.Sub(it.CreatedAt) > maxQuietSpan {
			t.Errorf("%s at %v replays the quiet day", it.RemoteID, it.CreatedAt)
		}
	}
	if len(b.Snapshots) != 1 || !b.Snapshots[0].Day.Equal(clk.now.Truncate(24*time.Hour)) {
		t.Errorf("day changed: snapshots %+v, want today's", b.Snapshots)
	}
}

func TestFetchErrors(t *testing.T) {
	p := newProvider(t, accountOn(t, "Chirper"), &fakeClock{now: t0}, 1)
	for _, c := range []string{"garbage", "demo1:x:1", "demo1:1:-4", "demo1:1", "v0:1:1", "demo1:1:2:3"} {
		_, err := p.Fetch(context.Background(), c)
		if err == nil || !providers.IsPermanent(err) {
			t.Errorf("cursor %q: err = %v, want a permanent error", c, err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.Fetch(ctx, ""); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: err = %v", err)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	if _, err := New(providers.AccountConfig{Account: core.Account{Network: "Chirper"}}, &fakeClock{}, 1); err == nil {
		t.Error("account without handle accepted")
	}
	if _, err := New(providers.AccountConfig{Account: accountOn(t, "Chirper")}, nil, 1); err == nil {
		t.Error("nil clock accepted")
	}
}

// An account on a network the demo does not know still works, as a generic
// social network.
func TestUnknownNetworkAndClient(t *testing.T) {
	a := core.Account{ID: 9, Provider: "demo", Network: "Mystery", Handle: "@x", ClientSlug: "acme", Name: "Acme"}
	p := newProvider(t, a, &fakeClock{now: t0}, 3)
	b := fetch(t, p, "")
	if len(b.Items) == 0 || b.Items[0].Author.Network != "Mystery" {
		t.Fatalf("unknown network: %d items", len(b.Items))
	}
	if !p.Capabilities().Has(providers.CapHide) {
		t.Error("generic network should allow hiding")
	}
}
