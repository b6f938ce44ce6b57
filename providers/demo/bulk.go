package demo

import (
	"errors"
	"time"

	"cmdeck/core"
)

// bulkSpan is how far back GenerateItems spreads its items.
const bulkSpan = 365 * 24 * time.Hour

// GenerateItems produces n items spread over the year before now across the
// accounts, with threads, authors and our past replies, and hands them to fn
// in batches of at most batchSize items (default 1000), one account per
// batch. Batches go round-robin over the accounts, so fn is called
// ceil(n/batchSize) times. Only one batch is in memory at a time: n may be
// millions. The output depends only on the arguments. RemoteIDs are unique
// per account and live in their own namespace ("…-b123"), so they never
// collide with what a live demo provider fetches. Batches carry no cursor.
// A non-nil error from fn stops the generation and is returned.
func GenerateItems(accounts []core.Account, n int, seed int64, now time.Time,
	fn func(accountID int64, batch core.Batch) error, batchSize int) error {
	if n <= 0 {
		return nil
	}
	if len(accounts) == 0 {
		return errors.New("demo: no accounts to generate items for")
	}
	if fn == nil {
		return errors.New("demo: no batch function given")
	}
	if batchSize <= 0 {
		batchSize = 1000
	}
	chunks := (n + batchSize - 1) / batchSize
	// Each account's total is needed up front to space its items in time.
	totals := make([]int, len(accounts))
	for c := range chunks {
		totals[c%len(accounts)] += min(batchSize, n-c*batchSize)
	}
	cat, w := newCatalog(), newWords()
	gens := make([]*generator, len(accounts))
	for i, a := range accounts {
		gens[i] = newGenerator(a, seed, cat, w).bulk()
	}
	next := make([]int, len(accounts)) // last seq generated per account
	now = now.UTC()
	start := now.Add(-bulkSpan)
	for c := range chunks {
		ai := c % len(accounts)
		size := min(batchSize, n-c*batchSize)
		items := make([]core.Item, 0, min(size, 10000)) // batchSize may be absurd
		for range size {
			next[ai]++
			items = append(items, gens[ai].bulkItem(next[ai], totals[ai], start, now))
		}
		if err := fn(accounts[ai].ID, core.Batch{Items: items}); err != nil {
			return err
		}
	}
	return nil
}

// bulkItem is item seq of total, placed in time and aged: past a few days
// most conversations have been dealt with.
func (g *generator) bulkItem(seq, total int, start, now time.Time) core.Item {
	span := float64(now.Sub(start) - time.Minute)
	u := unit(g.seed, saltTime, uint64(seq))
	at := start.Add(time.Duration(span * (float64(seq-1) + u) / float64(total))).Truncate(time.Millisecond)
	it := g.item(seq, at)
	if it.State == core.StateNew && now.Sub(at) > 72*time.Hour &&
		unit(g.seed, saltTime, uint64(seq), 1) >= 0.005 {
		it.State, it.NeedsReply = core.StateDone, false
	}
	return it
}
