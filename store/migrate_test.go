package store

import (
	"context"
	"path/filepath"
	"testing"

	"cmdeck/core"
)

func TestParseMigration(t *testing.T) {
	tests := []struct {
		file    string
		version int
		name    string
		ok      bool
	}{
		{"0001_init.sql", 1, "init", true},
		{"0012_add_things.sql", 12, "add_things", true},
		{"init.sql", 0, "", false},
		{"0000_zero.sql", 0, "", false},
		{"0003_.sql", 0, "", false},
		{"x001_bad.sql", 0, "", false},
	}
	for _, tc := range tests {
		m, err := parseMigration(tc.file)
		if (err == nil) != tc.ok {
			t.Errorf("parseMigration(%q) error = %v, want ok=%v", tc.file, err, tc.ok)
			continue
		}
		if tc.ok && (m.version != tc.version || m.name != tc.name) {
			t.Errorf("parseMigration(%q) = %d %q", tc.file, m.version, m.name)
		}
	}
}

// appliedVersions lists schema_migrations.
func appliedVersions(t *testing.T, s *Store) []int {
	t.Helper()
	rows, err := s.db.Query(`SELECT version FROM schema_migrations ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var v int
		rows.Scan(&v)
		out = append(out, v)
	}
	return out
}

func TestMigrateAllOnEmptyFile(t *testing.T) {
	steps, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) < 2 {
		t.Fatalf("expected several migrations, got %d", len(steps))
	}
	f := newFixture(t)
	got := appliedVersions(t, f.s)
	if len(got) != len(steps) || got[len(got)-1] != len(steps) {
		t.Fatalf("applied %v, want 1..%d", got, len(steps))
	}
	for _, table := range []string{"clients", "accounts", "authors", "items", "item_tags", "items_fts",
		"posts", "actions", "alerts", "alert_items", "sync_state", "stat_snapshots", "leases", "audit_log",
		"engagements"} {
		var n int
		if err := f.s.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = ?`, table).Scan(&n); err != nil || n != 1 {
			t.Errorf("table %s missing (%v)", table, err)
		}
	}
}

func TestMigrateUpgradeFromFirst(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := open(ctx, path, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := appliedVersions(t, old); len(got) != 1 {
		t.Fatalf("applied %v, want [1]", got)
	}
	// Data written by a version that had only the first migration.
	for _, q := range []string{
		`INSERT INTO clients (id, slug, name) VALUES (1, 'pf', 'PixelForge')`,
		`INSERT INTO accounts (id, client_id, provider, network, handle) VALUES (1, 1, 'demo', 'Chirper', '@pf')`,
		`INSERT INTO authors (id, network, remote_id, handle, name) VALUES (1, 'Chirper', 'a1', '@zoe', 'Zoé Lefèvre')`,
		`INSERT INTO items (account_id, client_id, remote_id, author_id, body, created_at)
			VALUES (1, 1, 'r1', 1, 'La crème brûlée était parfaite', 1000)`,
	} {
		if _, err := old.db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	old.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer s.Close()
	steps, _ := loadMigrations()
	if got := appliedVersions(t, s); len(got) != len(steps) {
		t.Fatalf("after upgrade applied %v", got)
	}
	// The search index was built for the rows that were already there.
	for _, q := range []string{"creme", "lefevre", "zoe"} {
		vs, err := s.ListItems(ctx, ItemFilter{Query: q}, PageKey{}, Older, 10)
		if err != nil || len(vs) != 1 || vs[0].RemoteID != "r1" {
			t.Errorf("search %q after upgrade = %v, %v", q, remoteIDs(vs), err)
		}
	}
}

// A database left by the previous release (migrations up to 0003) with an
// outbox row and items: 0004 adds the actor column and the triage indexes,
// and the old rows keep working.
func TestMigrateUpgradeFromPrevious(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "prev.db")
	old, err := open(ctx, path, 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO clients (id, slug, name) VALUES (1, 'pf', 'PixelForge')`,
		`INSERT INTO accounts (id, client_id, provider, network, handle) VALUES (1, 1, 'demo', 'Chirper', '@pf')`,
		`INSERT INTO items (id, account_id, client_id, remote_id, body, created_at, needs_reply)
			VALUES (1, 1, 1, 'r1', 'Toujours pas de colis', 1000, 1)`,
		`INSERT INTO actions (account_id, kind, item_id, target_remote_id, payload, not_before,
			idempotency_key, created_at) VALUES (1, 'reply', 1, 'r1', 'On regarde', 2000, 'k-old', 1000)`,
	} {
		if _, err := old.db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	old.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer s.Close()
	if got := appliedVersions(t, s); len(got) < 4 || got[3] != 4 {
		t.Fatalf("after upgrade applied %v", got)
	}
	acts, err := s.Actions(ctx, nil, 10)
	if err != nil || len(acts) != 1 || acts[0].Actor != "" || acts[0].ItemExcerpt != "Toujours pas de colis" {
		t.Fatalf("old action after upgrade: %+v, %v", acts, err)
	}
	if n, err := s.CountItems(ctx, ItemFilter{NeedsReply: true}); err != nil || n != 1 {
		t.Fatalf("needs reply after upgrade: %d, %v", n, err)
	}
	for _, index := range []string{"actions_undo", "actions_item_state", "items_snoozed", "items_assignee"} {
		var n int
		if err := s.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?`, index).Scan(&n); err != nil || n != 1 {
			t.Errorf("index %s missing after upgrade (%v)", index, err)
		}
	}
}

func TestReopenIsIdempotent(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.ingest(t, 0, core.Batch{Items: []core.Item{item("1", t0, "hello")}})
	before := appliedVersions(t, f.s)
	for range 2 {
		s, err := Open(ctx, f.path)
		if err != nil {
			t.Fatalf("reopen: %v", err)
		}
		if err := eq(appliedVersions(t, s), before); err != nil {
			t.Fatalf("reopen changed migrations: %v", err)
		}
		if n, _ := s.CountItems(ctx, ItemFilter{}); n != 1 {
			t.Fatalf("reopen lost data: %d items", n)
		}
		s.Close()
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.exec(t, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)`)
	if _, err := Open(ctx, f.path); err == nil {
		t.Fatal("opening a database from a newer cmdeck succeeded")
	}
}

// A database at 0006 with a failing account: 0007 adds the error class and
// the rate columns with their "unknown" defaults, and the engagements table.
func TestMigrateUpgradeTo0007(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v6.db")
	old, err := open(ctx, path, 6)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO clients (id, slug, name) VALUES (1, 'pf', 'PixelForge')`,
		`INSERT INTO accounts (id, client_id, provider, network, handle) VALUES (1, 1, 'demo', 'Chirper', '@pf')`,
		`INSERT INTO sync_state (account_id, cursor, last_error, failures) VALUES (1, 'c9', 'HTTP 503', 2)`,
	} {
		if _, err := old.db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	old.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer s.Close()
	hs, err := s.AccountHealth(ctx)
	if err != nil || len(hs) != 1 {
		t.Fatalf("health after upgrade: %+v, %v", hs, err)
	}
	if h := hs[0]; h.LastError != "HTTP 503" || h.Failures != 2 || h.ErrorClass != "" || h.RateRemaining != -1 {
		t.Fatalf("health after upgrade = %+v", h)
	}
	res, err := s.IngestBatch(ctx, 1, core.Batch{Engagements: []core.Engagement{
		{RemoteID: "n1", Kind: core.EngageFollow, Author: core.Author{RemoteID: "u1"}}}}, t0)
	if err != nil || res.NewEngagements != 1 {
		t.Fatalf("engagement after upgrade: %+v, %v", res, err)
	}
}

// A database of the release before the alert lifecycle (migrations up to
// 0009): acked alerts were closed, so they become resolved history (a
// group may have several), open ones stay open, and items hidden before
// count as offences from their last change.
func TestMigrateAlertStates(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "prev.db")
	old, err := open(ctx, path, 9)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO clients (id, slug, name) VALUES (1, 'pf', 'PixelForge')`,
		`INSERT INTO accounts (id, client_id, provider, network, handle) VALUES (1, 1, 'demo', 'Chirper', '@pf')`,
		`INSERT INTO authors (id, network, remote_id, handle) VALUES (1, 'Chirper', 'a1', '@troll')`,
		`INSERT INTO items (account_id, client_id, remote_id, author_id, body, created_at, state, updated_at)
			VALUES (1, 1, 'r1', 1, 'spam', 1000, 'hidden', 5000)`,
		`INSERT INTO alerts (id, client_id, rule, group_key, last_at, acked) VALUES (1, 1, 'negative', 'g', 100, 1)`,
		`INSERT INTO alerts (id, client_id, rule, group_key, last_at, acked) VALUES (2, 1, 'negative', 'g', 200, 1)`,
		`INSERT INTO alerts (id, client_id, rule, group_key, last_at, acked) VALUES (3, 1, 'negative', 'g', 300, 0)`,
	} {
		if _, err := old.db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	old.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer s.Close()
	hist, err := s.Alerts(ctx, AlertQuery{History: true})
	if err != nil || len(hist) != 2 || hist[0].ID != 2 || !hist[0].ResolvedAt.Equal(fromMS(200)) {
		t.Fatalf("history after upgrade = %+v, %v", hist, err)
	}
	live, err := s.Alerts(ctx, AlertQuery{})
	if err != nil || len(live) != 1 || live[0].ID != 3 || live[0].State != AlertOpen {
		t.Fatalf("live after upgrade = %+v, %v", live, err)
	}
	if n, err := s.OffenceCount(ctx, 1, fromMS(4000)); err != nil || n != 1 {
		t.Fatalf("offences after upgrade = %d, %v; want 1", n, err)
	}
}
