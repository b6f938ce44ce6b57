package engine

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
	"cmdeck/rules"
	"cmdeck/store"
)

// openReal opens the real SQLite store on path with the fixture's clock.
func openReal(t *testing.T, path string, clock core.Clock) *store.Store {
	t.Helper()
	s, err := store.Open(t.Context(), path, store.WithClock(clock))
	if err != nil {
		t.Fatalf("store.Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestWithRealStore runs the engine against the SQLite store: two handles
// on one file stand for two processes sharing a database.
func TestWithRealStore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cmdeck.db")
	clock := core.NewManualClock(time.Date(2026, 3, 2, 14, 10, 0, 0, time.UTC))
	db1 := openReal(t, path, clock)
	db2 := openReal(t, path, clock)

	_, accts, err := db1.UpsertWorkspace(ctx,
		[]core.Client{{Slug: "pixelforge", Name: "PixelForge"}},
		[]core.Account{
			{ClientSlug: "pixelforge", Provider: "fake", Network: "Fakenet", Handle: "@pf"},
			{ClientSlug: "pixelforge", Provider: "fake", Network: "Fakenet", Handle: "@pf_down"},
		})
	if err != nil {
		t.Fatal(err)
	}
	up, down := accts[0], accts[1]
	f := newFixture(t, up, down)
	f.clock = clock
	neg := items("n", 12, core.SentimentNegative)
	neg[0].Author = core.Author{RemoteID: "a1", Handle: "@angry", Followers: 20}
	f.scripts[up.ID].push(
		fetchStep{batch: core.Batch{Cursor: "p1", More: true, Items: neg}},
		fetchStep{batch: core.Batch{Cursor: "p2", Items: items("p", 3, core.SentimentPositive)}},
	)
	f.scripts[down.ID].repeat = &fetchStep{err: errors.New("connection reset")}

	negative, err := rules.Compile([]rules.Rule{{Name: "negative", Type: rules.TypeSentiment,
		Severity: core.SeverityCritical}})
	if err != nil {
		t.Fatal(err)
	}
	newRunner := func(db Store, owner string) *Runner {
		o := f.options(owner)
		o.Store, o.Rules = db, negative
		r, err := New(o)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { r.Close() })
		return r
	}
	a := newRunner(db1, "host:1:tui")
	b := newRunner(db2, "host:2:daemon")

	rep := f.step(a)
	if len(rep.Accounts) != 2 || !rep.Lease.Held {
		t.Fatalf("holder step: %+v", rep)
	}
	if rep := f.step(b); rep.Lease.Held || rep.Lease.Holder != "host:1:tui" || len(rep.Accounts) != 0 {
		t.Fatalf("second process step: %+v, want no sync and the holder named", rep)
	}

	n, err := db2.CountItems(ctx, store.ItemFilter{AccountID: up.ID})
	if err != nil || n != 15 {
		t.Fatalf("stored items = %d, %v; want 15", n, err)
	}
	if st, _ := db2.SyncState(ctx, up.ID); st.Cursor != "p2" || st.Failures != 0 {
		t.Fatalf("sync state %+v, want cursor p2 and no failures", st)
	}
	alerts, err := db2.OpenAlerts(ctx, 10)
	if err != nil || len(alerts) != 1 {
		t.Fatalf("open alerts %+v, %v; want one", alerts, err)
	}
	if al := alerts[0]; al.Rule != "negative" || al.ItemCount != 12 ||
		al.Severity != core.SeverityCritical || al.ClientID != up.ClientID {
		t.Fatalf("alert %+v, want 12 negative items, critical", al)
	}
	st, _ := db2.SyncState(ctx, down.ID)
	if st.Failures != 1 || !st.BackoffUntil.Equal(clock.Now().Add(time.Minute)) ||
		st.LastError == "" {
		t.Fatalf("failing account state %+v, want 1 failure, backoff 1m", st)
	}

	// The holder quits; a restarted process takes over and keeps the
	// failing account's backoff instead of retrying at once.
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	c := newRunner(db2, "host:3:tui")
	clock.Advance(30 * time.Second)
	rep = f.step(c)
	if !rep.Lease.Held {
		t.Fatalf("restarted process did not get the released lease: %+v", rep.Lease)
	}
	if got := synced(rep); len(got) != 1 || got[0] != up.ID {
		t.Fatalf("restarted process synced %v, want only %d (the other is backing off)", got, up.ID)
	}
	clock.Advance(30 * time.Second)
	rep = f.step(c)
	if len(rep.Accounts) != 2 {
		t.Fatalf("after the backoff synced %v, want both", synced(rep))
	}
	if st, _ := db2.SyncState(ctx, down.ID); st.Failures != 2 {
		t.Fatalf("failures %d, want 2 (count carried over the restart)", st.Failures)
	}
}

// The health view of the real store shows what the engine learnt: the
// class of a failure until a success clears it, and the network's budget.
func TestHealthWithRealStore(t *testing.T) {
	ctx := context.Background()
	clock := core.NewManualClock(t0)
	db := openReal(t, filepath.Join(t.TempDir(), "cmdeck.db"), clock)
	_, accts, err := db.UpsertWorkspace(ctx, []core.Client{{Slug: "pf", Name: "PixelForge"}},
		[]core.Account{{ClientSlug: "pf", Provider: "fake", Network: "Fakenet", Handle: "@pf"}})
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, accts[0])
	f.clock = clock
	s := f.scripts[accts[0].ID]
	s.rated = true
	s.setRate(12, t0.Add(5*time.Minute))
	s.push(fetchStep{err: fmt.Errorf("401: %w", providers.ErrAuth)})
	r := f.runner("a", func(o *Options) { o.Store = db; o.MaxBackoff = 5 * time.Minute })

	f.step(r)
	hs, err := db.AccountHealth(ctx)
	if err != nil || len(hs) != 1 {
		t.Fatalf("health %+v, %v", hs, err)
	}
	if h := hs[0]; h.ErrorClass != "auth" || h.Failures != 1 || h.RateRemaining != 12 ||
		!h.BackoffUntil.Equal(t0.Add(5*time.Minute)) {
		t.Fatalf("after an auth failure: %+v", h)
	}
	clock.Advance(5 * time.Minute)
	f.step(r)
	hs, _ = db.AccountHealth(ctx)
	if h := hs[0]; h.ErrorClass != "" || h.LastError != "" || h.Failures != 0 || h.RateRemaining != 12 {
		t.Fatalf("after a success: %+v", h)
	}
}
