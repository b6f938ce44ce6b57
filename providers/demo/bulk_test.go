package demo

import (
	"errors"
	"fmt"
	"hash/fnv"
	"runtime"
	"testing"
	"time"

	"cmdeck/core"
)

func TestGenerateItemsStreams(t *testing.T) {
	accts := workspaceAccounts()
	now := t0
	calls, total := 0, 0
	seen := map[int64]map[string]bool{}
	last := map[int64]time.Time{}
	err := GenerateItems(accts, 20000, 9, now, func(id int64, b core.Batch) error {
		calls++
		if len(b.Items) == 0 || len(b.Items) > 500 {
			t.Fatalf("batch of %d items, want 1-500", len(b.Items))
		}
		if seen[id] == nil {
			seen[id] = map[string]bool{}
		}
		for _, it := range b.Items {
			if it.AccountID != id {
				t.Fatalf("item of account %d in a batch for %d", it.AccountID, id)
			}
			if seen[id][it.RemoteID] {
				t.Fatalf("account %d: duplicate %s", id, it.RemoteID)
			}
			if it.ParentRemoteID != "" && !seen[id][it.ParentRemoteID] && !isOurPost(it.ParentRemoteID) {
				t.Fatalf("account %d: %s answers %s, not generated before it", id, it.RemoteID, it.ParentRemoteID)
			}
			if it.CreatedAt.Before(now.Add(-bulkSpan)) || it.CreatedAt.After(now) || it.CreatedAt.Before(last[id]) {
				t.Fatalf("account %d: %s at %v out of the year or out of order", id, it.RemoteID, it.CreatedAt)
			}
			seen[id][it.RemoteID] = true
			last[id] = it.CreatedAt
		}
		total += len(b.Items)
		return nil
	}, 500)
	if err != nil {
		t.Fatal(err)
	}
	if calls != 40 || total != 20000 {
		t.Errorf("%d calls, %d items; want 40 and 20000", calls, total)
	}
	if len(seen) != len(accts) {
		t.Errorf("items went to %d accounts, want all %d", len(seen), len(accts))
	}
}

func digest(t *testing.T, seed int64) uint64 {
	t.Helper()
	h := fnv.New64a()
	err := GenerateItems(workspaceAccounts(), 3000, seed, t0, func(id int64, b core.Batch) error {
		for _, it := range b.Items {
			fmt.Fprintf(h, "%d|%s|%s|%s|%s|%d\n", id, it.RemoteID, it.ParentRemoteID, it.Body, it.Author.RemoteID, it.CreatedAt.UnixMilli())
		}
		return nil
	}, 256)
	if err != nil {
		t.Fatal(err)
	}
	return h.Sum64()
}

func TestGenerateItemsDeterministic(t *testing.T) {
	if digest(t, 1) != digest(t, 1) {
		t.Error("same arguments gave different items")
	}
	if digest(t, 1) == digest(t, 2) {
		t.Error("different seeds gave the same items")
	}
}

// Bulk ids never collide with what the live provider fetches, so bulk data
// and a demo session can share a database.
func TestBulkIDsDifferFromLive(t *testing.T) {
	a := accountOn(t, "Chirper")
	live := map[string]bool{}
	for _, it := range fetch(t, newProvider(t, a, &fakeClock{now: t0}, 1), "").Items {
		live[it.RemoteID] = true
	}
	err := GenerateItems([]core.Account{a}, 200, 1, t0, func(_ int64, b core.Batch) error {
		for _, it := range b.Items {
			if live[it.RemoteID] {
				return fmt.Errorf("bulk id %s is also a live id", it.RemoteID)
			}
		}
		return nil
	}, 100)
	if err != nil {
		t.Fatal(err)
	}
}

func TestGenerateItemsArguments(t *testing.T) {
	accts := workspaceAccounts()
	stop := errors.New("stop")
	calls := 0
	err := GenerateItems(accts, 1000, 1, t0, func(int64, core.Batch) error { calls++; return stop }, 10)
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("fn error: err = %v after %d calls; want stop after 1", err, calls)
	}
	noop := func(int64, core.Batch) error { calls++; return nil }
	calls = 0
	if err := GenerateItems(accts, 0, 1, t0, noop, 10); err != nil || calls != 0 {
		t.Errorf("n=0: err %v, %d calls", err, calls)
	}
	if err := GenerateItems(nil, 5, 1, t0, noop, 10); err == nil {
		t.Error("no accounts: want an error")
	}
	if err := GenerateItems(accts, 5, 1, t0, nil, 10); err == nil {
		t.Error("nil fn: want an error")
	}
	calls = 0
	if err := GenerateItems(accts, 2500, 1, t0, noop, 0); err != nil || calls != 3 {
		t.Errorf("default batch size: err %v, %d calls, want 3", err, calls)
	}
}

// Old items are mostly dealt with: a year of history must not flood the
// "needs reply" view.
func TestBulkAgesItems(t *testing.T) {
	needs, old := 0, 0
	err := GenerateItems(workspaceAccounts(), 10000, 3, t0, func(_ int64, b core.Batch) error {
		for _, it := range b.Items {
			if t0.Sub(it.CreatedAt) > 72*time.Hour {
				old++
				if it.NeedsReply {
					needs++
				}
			}
		}
		return nil
	}, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if old == 0 || needs > old/50 {
		t.Errorf("%d of %d old items still need a reply", needs, old)
	}
}

// A large run keeps only one batch alive: the heap stays far below what
// holding every item would take (~400 B each).
func TestGenerateItemsBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("large run")
	}
	const n = 300000
	var ms runtime.MemStats
	peak, calls := uint64(0), 0
	err := GenerateItems(workspaceAccounts(), n, 1, t0, func(int64, core.Batch) error {
		if calls++; calls%50 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
		return nil
	}, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if peak > 64<<20 {
		t.Errorf("heap reached %d MiB while streaming %d items", peak>>20, n)
	}
}

func BenchmarkGenerateItems(b *testing.B) {
	accts := workspaceAccounts()
	for b.Loop() {
		_ = GenerateItems(accts, 10000, 1, t0, func(int64, core.Batch) error { return nil }, 1000)
	}
}
