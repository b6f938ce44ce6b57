package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"cmdeck/core"
)

// t0 is the fixed "now" of the tests.
var t0 = time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)

// fixture is a store with a small workspace: two clients, three accounts.
type fixture struct {
	s        *Store
	path     string
	clock    *core.ManualClock
	clients  []core.Client // pixelforge, boulangerie
	accounts []core.Account
}

// newFixture opens a store on a fresh temp file and sets up the workspace.
func newFixture(t testing.TB) *fixture {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub", "dir", "cmdeck.db")
	clock := core.NewManualClock(t0)
	s, err := Open(ctx, path, WithClock(clock))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	cs, as, err := s.UpsertWorkspace(ctx,
		[]core.Client{
			{Slug: "pixelforge", Name: "PixelForge Studio", Color: "#7C3AED"},
			{Slug: "boulangerie", Name: "Boulangerie Martin", Color: "#D97706"},
		},
		[]core.Account{
			{ClientSlug: "pixelforge", Provider: "demo", Network: "Chirper", Handle: "@pixelforge"},
			{ClientSlug: "pixelforge", Provider: "mastodon", Network: "mastodon.social", Handle: "@pixelforge@mastodon.social"},
			{ClientSlug: "boulangerie", Provider: "demo", Network: "Chirper", Handle: "@boulangerie"},
		})
	if err != nil {
		t.Fatalf("UpsertWorkspace: %v", err)
	}
	return &fixture{s: s, path: path, clock: clock, clients: cs, accounts: as}
}

// ingest writes a batch and fails the test on error.
func (f *fixture) ingest(t testing.TB, account int, b core.Batch) IngestResult {
	t.Helper()
	res, err := f.s.IngestBatch(context.Background(), f.accounts[account].ID, b, f.clock.Now())
	if err != nil {
		t.Fatalf("IngestBatch: %v", err)
	}
	return res
}

// item builds a simple incoming item.
func item(remote string, at time.Time, body string) core.Item {
	return core.Item{
		RemoteID:  remote,
		Kind:      core.KindComment,
		Author:    core.Author{RemoteID: "u-" + remote, Handle: "@user" + remote, Name: "User " + remote},
		Body:      body,
		CreatedAt: at,
	}
}

// exec runs SQL directly, for arranging state the API does not expose.
func (f *fixture) exec(t testing.TB, q string, args ...any) {
	t.Helper()
	if _, err := f.s.db.ExecContext(context.Background(), q, args...); err != nil {
		t.Fatalf("exec %q: %v", q, err)
	}
}

// ids returns the ids of views, in order.
func ids(vs []ItemView) []int64 {
	out := make([]int64, len(vs))
	for i, v := range vs {
		out[i] = v.ID
	}
	return out
}

// remoteIDs returns the remote ids of views, in order.
func remoteIDs(vs []ItemView) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.RemoteID
	}
	return out
}

// mustList lists items and fails the test on error.
func (f *fixture) mustList(t testing.TB, flt ItemFilter, from PageKey, dir Direction, limit int) []ItemView {
	t.Helper()
	vs, err := f.s.ListItems(context.Background(), flt, from, dir, limit)
	if err != nil {
		t.Fatalf("ListItems(%+v): %v", flt, err)
	}
	return vs
}

// eq compares two slices and reports the first difference.
func eq[T comparable](a, b []T) error {
	if len(a) != len(b) {
		return fmt.Errorf("len %d != %d", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			return fmt.Errorf("at %d: %v != %v", i, a[i], b[i])
		}
	}
	return nil
}
