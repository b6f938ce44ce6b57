package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"cmdeck/core"
)

func TestOpenCreatesDirsAndSetsPragmas(t *testing.T) {
	f := newFixture(t)
	st, err := os.Stat(f.path)
	if err != nil {
		t.Fatalf("database file not created: %v", err)
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 {
		t.Errorf("database file mode %v: readable by others", perm)
	}
	ctx := context.Background()
	for pragma, want := range map[string]string{
		"journal_mode": "wal", "foreign_keys": "1", "synchronous": "1", "busy_timeout": "5000",
	} {
		var got string
		if err := f.s.db.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
			t.Fatalf("PRAGMA %s: %v", pragma, err)
		}
		if strings.ToLower(got) != want {
			t.Errorf("PRAGMA %s = %q, want %q", pragma, got, want)
		}
	}
}

func TestOpenOddPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a dir?#%", "my db.sqlite")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open(%q): %v", path, err)
	}
	defer s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("file not at the path asked for: %v", err)
	}
}

func TestOpenEmptyPath(t *testing.T) {
	if _, err := Open(context.Background(), ""); err == nil {
		t.Fatal("Open(\"\") succeeded")
	}
}

func TestTxRollsBack(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		fn   func(tx *sql.Tx) error
	}{
		{"error", func(tx *sql.Tx) error {
			tx.Exec(`INSERT INTO clients (slug) VALUES ('ghost')`)
			return errors.New("boom")
		}},
		{"panic", func(tx *sql.Tx) error {
			tx.Exec(`INSERT INTO clients (slug) VALUES ('ghost')`)
			panic("bug")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			if err := f.s.Tx(ctx, tc.fn); err == nil {
				t.Fatal("Tx returned nil")
			}
			var n int
			f.s.db.QueryRow(`SELECT count(*) FROM clients WHERE slug = 'ghost'`).Scan(&n)
			if n != 0 {
				t.Fatalf("the transaction was not rolled back")
			}
			// The store still works afterwards.
			if _, err := f.s.Clients(ctx); err != nil {
				t.Fatalf("Clients after rollback: %v", err)
			}
		})
	}
}

func TestDataVersion(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	v1, err := f.s.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v2, _ := f.s.DataVersion(ctx); v2 != v1 {
		t.Fatalf("DataVersion changed without a write: %d -> %d", v1, v2)
	}

	// A write by this store.
	f.ingest(t, 0, core.Batch{Items: []core.Item{item("1", t0, "hello")}})
	v2, _ := f.s.DataVersion(ctx)
	if v2 == v1 {
		t.Fatal("DataVersion did not change after this store wrote")
	}

	// A write by another Store (another process) on the same file.
	other, err := Open(ctx, f.path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.IngestBatch(ctx, f.accounts[0].ID, core.Batch{Items: []core.Item{item("2", t0, "again")}}, t0); err != nil {
		t.Fatal(err)
	}
	v3, _ := f.s.DataVersion(ctx)
	if v3 == v2 {
		t.Fatal("DataVersion did not change after another store wrote")
	}
	if v4, _ := f.s.DataVersion(ctx); v4 != v3 {
		t.Fatalf("DataVersion changed without a write: %d -> %d", v3, v4)
	}
}

func TestClosedStore(t *testing.T) {
	f := newFixture(t)
	if err := f.s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if _, err := f.s.DataVersion(context.Background()); err == nil {
		t.Fatal("DataVersion on a closed store succeeded")
	}
	if _, err := f.s.Clients(context.Background()); err == nil {
		t.Fatal("Clients on a closed store succeeded")
	}
}

// Writers in this process and in another one (a second Store on the file)
// must wait for each other, not fail with "database is locked", while
// readers keep reading.
func TestConcurrentWritersAndReaders(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	other, err := Open(ctx, f.path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	g := newGen(3)
	batches := make([][]core.Item, 12)
	for i := range batches {
		batches[i] = g.batch(50, t0.Add(-time.Duration(i)*time.Hour))
	}
	errs := make(chan error, len(batches)+4)
	var wg sync.WaitGroup
	for i, items := range batches {
		s := f.s
		if i%2 == 1 {
			s = other
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.IngestBatch(ctx, f.accounts[i%3].ID, core.Batch{Items: items}, t0)
			errs <- err
		}()
	}
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 10 {
				if _, err := f.s.ListItems(ctx, ItemFilter{}, PageKey{}, Older, 20); err != nil {
					errs <- err
					return
				}
				if _, err := f.s.Status(ctx); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent use: %v", err)
		}
	}
	if n, _ := f.s.CountItems(ctx, ItemFilter{States: []core.ItemState{core.StateNew}}); n != 12*50 {
		t.Fatalf("%d items stored, want %d", n, 12*50)
	}
}
