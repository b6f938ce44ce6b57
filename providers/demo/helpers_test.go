package demo

import (
	"context"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct{ now time.Time }

func (c *fakeClock) Now() time.Time          { return c.now }
func (c *fakeClock) advance(d time.Duration) { c.now = c.now.Add(d) }

// t0 is an arbitrary fixed instant; tests never look at the wall clock.
var t0 = time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC)

// workspaceAccounts returns the demo accounts with ids set, as the store
// would hand them to the engine.
func workspaceAccounts() []core.Account {
	clients, accts := Workspace()
	ids := map[string]int64{}
	for i, c := range clients {
		ids[c.Slug] = int64(i + 1)
	}
	for i := range accts {
		accts[i].ID = int64(100 + i)
		accts[i].ClientID = ids[accts[i].ClientSlug]
	}
	return accts
}

func accountOn(t *testing.T, network string) core.Account {
	t.Helper()
	for _, a := range workspaceAccounts() {
		if a.Network == network {
			return a
		}
	}
	t.Fatalf("no demo account on %s", network)
	return core.Account{}
}

func newProvider(t *testing.T, a core.Account, clk core.Clock, seed int64) *Provider {
	t.Helper()
	p, err := New(providers.AccountConfig{Account: a}, clk, seed)
	if err != nil {
		t.Fatalf("New(%s %s): %v", a.Network, a.Handle, err)
	}
	return p
}

func fetch(t *testing.T, p *Provider, cursor string) core.Batch {
	t.Helper()
	b, err := p.Fetch(context.Background(), cursor)
	if err != nil {
		t.Fatalf("Fetch(%q): %v", cursor, err)
	}
	return b
}

// backlogs fetches the first batch of every workspace account.
func backlogs(t *testing.T, seed int64) map[int64]core.Batch {
	t.Helper()
	clk := &fakeClock{now: t0}
	out := map[int64]core.Batch{}
	for _, a := range workspaceAccounts() {
		out[a.ID] = fetch(t, newProvider(t, a, clk, seed), "")
	}
	return out
}
