package store

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"cmdeck/core"
)

// Run: go test -run '^$' -bench . -benchtime 40x ./store/
// One op is one batch of benchBatch items; items/s is reported per run.
// The three insert benchmarks write the same generated rows into the same
// schema, so their items/s can be compared (see docs/PERFORMANCE.md).

const benchBatch = 500

// benchBatches generates n batches of realistic items, newest first, with
// about one distinct author per five items.
func benchBatches(n int) [][]core.Item {
	g := newGen(1)
	out := make([][]core.Item, n)
	at := t0
	for i := range out {
		out[i] = g.batch(benchBatch, at)
		at = out[i][len(out[i])-1].CreatedAt
	}
	return out
}

// reportRate reports items/s for b.N batches.
func reportRate(b *testing.B) {
	b.ReportMetric(float64(b.N*benchBatch)/b.Elapsed().Seconds(), "items/s")
}

func BenchmarkSyncIngest(b *testing.B) {
	f := newFixture(b)
	batches := benchBatches(b.N)
	ctx := context.Background()
	acc := f.accounts[0].ID
	b.ResetTimer()
	for i := range b.N {
		if _, err := f.s.IngestBatch(ctx, acc, core.Batch{Items: batches[i], Cursor: "c"}, t0); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	reportRate(b)
}

func BenchmarkRawInsert(b *testing.B) {
	benchRaw(b, true)
}

func BenchmarkRawInsertNoFTS(b *testing.B) {
	benchRaw(b, false)
}

// benchRaw inserts the rows SyncIngest writes with plain prepared INSERTs,
// benchBatch per transaction: new authors, items, their search index rows
// (unless !fts) and tags, nothing else (no sanitizing, no upsert, no sync
// state).
func benchRaw(b *testing.B, fts bool) {
	f := newFixture(b)
	ctx := context.Background()
	batches := benchBatches(b.N)
	acc, client := f.accounts[0].ID, f.clients[0].ID
	authorIDs := map[string]int64{}
	b.ResetTimer()
	for i := range b.N {
		err := f.s.Tx(ctx, func(tx *sql.Tx) error {
			return rawBatch(ctx, tx, batches[i], acc, client, authorIDs, fts)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	reportRate(b)
}

// rawBatch is the plain-INSERT baseline for one batch.
func rawBatch(ctx context.Context, tx *sql.Tx, items []core.Item, acc, client int64, authorIDs map[string]int64, fts bool) error {
	insAuthor, err := tx.PrepareContext(ctx, `INSERT INTO authors (id, network, remote_id, handle, name, followers)
		VALUES (?, 'Chirper', ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer insAuthor.Close()
	insItem, err := tx.PrepareContext(ctx, `INSERT INTO items (account_id, client_id, remote_id,
		parent_remote_id, thread_remote_id, kind, author_id, body, url, lang, created_at, state,
		needs_reply, sentiment, sentiment_score, outgoing, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?, 0, ?)`)
	if err != nil {
		return err
	}
	defer insItem.Close()
	insTag, err := tx.PrepareContext(ctx, `INSERT INTO item_tags (item_id, tag) VALUES (?, ?)`)
	if err != nil {
		return err
	}
	defer insTag.Close()
	insFTS, err := tx.PrepareContext(ctx, `INSERT INTO items_fts (rowid, body, author) VALUES (?, ?, ?)`)
	if err != nil {
		return err
	}
	defer insFTS.Close()
	for _, it := range items {
		a := it.Author
		id, ok := authorIDs[a.RemoteID]
		if !ok {
			id = int64(len(authorIDs) + 1)
			authorIDs[a.RemoteID] = id
			if _, err := insAuthor.ExecContext(ctx, id, a.RemoteID, a.Handle, a.Name, a.Followers); err != nil {
				return err
			}
		}
		r, err := insItem.ExecContext(ctx, acc, client, it.RemoteID, it.ParentRemoteID, it.ThreadRemoteID,
			string(it.Kind), id, it.Body, it.URL, it.Lang, it.CreatedAt.UnixMilli(), b2i(it.NeedsReply),
			string(it.Sentiment), it.SentimentScore, int64(0))
		if err != nil {
			return err
		}
		itemID, _ := r.LastInsertId()
		if fts {
			if _, err := insFTS.ExecContext(ctx, itemID, it.Body, a.Name+" "+a.Handle); err != nil {
				return err
			}
		}
		for _, tag := range it.Tags {
			if _, err := insTag.ExecContext(ctx, itemID, tag); err != nil {
				return err
			}
		}
	}
	return nil
}

// bigStore is a store holding n generated items over two clients, built
// once per benchmark run.
func bigStore(b *testing.B, n int) *fixture {
	f := newFixture(b)
	ctx := context.Background()
	g := newGen(2)
	at := t0
	for i := 0; i < n; i += benchBatch {
		items := g.batch(benchBatch, at)
		at = items[len(items)-1].CreatedAt
		for k := range items {
			if (i+k)%997 == 0 { // a rare word, about 200 matches
				items[k].Body += " Zéphyrin"
			}
		}
		if _, err := f.s.IngestBatch(ctx, f.accounts[(i/benchBatch)%3].ID, core.Batch{Items: items}, t0); err != nil {
			b.Fatal(err)
		}
	}
	f.exec(b, "ANALYZE")
	return f
}

func BenchmarkListItemsPage(b *testing.B) {
	const size = 200_000
	f := bigStore(b, size)
	ctx := context.Background()
	deep := f.mustList(b, ItemFilter{}, PageKey{}, Newer, 1)[0] // the oldest item
	deepKey := PageKey{CreatedAt: deep.CreatedAt.Add(time.Hour).UnixMilli(), ID: 0}
	cases := []struct {
		name string
		f    ItemFilter
		key  PageKey
		dir  Direction
	}{
		{"top", ItemFilter{}, PageKey{}, Older},
		{"deep", ItemFilter{}, deepKey, Older},
		{"bottom", ItemFilter{}, PageKey{}, Newer},
		{"client-needs-reply-top", ItemFilter{ClientID: f.clients[0].ID, NeedsReply: true}, PageKey{}, Older},
		{"client-needs-reply-deep", ItemFilter{ClientID: f.clients[0].ID, NeedsReply: true}, deepKey, Older},
		{"search-common-word", ItemFilter{Query: "the"}, PageKey{}, Older},
		{"search-common-deep", ItemFilter{Query: "the"}, deepKey, Older},
		{"search-frequent-word", ItemFilter{Query: "gluten"}, PageKey{}, Older},
		{"search-rare-word", ItemFilter{Query: "zephyrin"}, PageKey{}, Older},
		{"search-rare-word-client", ItemFilter{Query: "zephyrin", ClientID: f.clients[0].ID, NeedsReply: true}, PageKey{}, Older},
		{"search-mention-prefix", ItemFilter{Query: "@camille4"}, PageKey{}, Older},
		{"search-author", ItemFilter{Query: "zoé"}, PageKey{}, Older},
		{"search-nothing", ItemFilter{Query: "zzzzqqq"}, PageKey{}, Older},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := f.s.ListItems(ctx, c.f, c.key, c.dir, 50); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("count-all", func(b *testing.B) {
		for b.Loop() {
			if _, err := f.s.CountItems(ctx, ItemFilter{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("count-search-common", func(b *testing.B) {
		for b.Loop() {
			if _, err := f.s.CountItems(ctx, ItemFilter{Query: "the"}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("status", func(b *testing.B) {
		for b.Loop() {
			if _, err := f.s.Status(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})

	// The same with 200 items snoozed across the inbox: lists leave them
	// out row by row, counts subtract them.
	var sel []int64
	for id := int64(1); id <= size; id += size / 200 {
		sel = append(sel, id)
	}
	if err := f.s.Snooze(ctx, sel, t0.Add(time.Hour)); err != nil {
		b.Fatal(err)
	}
	snoozing := []struct {
		name string
		run  func() error
	}{
		{"snoozing-top", func() error { _, err := f.s.ListItems(ctx, ItemFilter{}, PageKey{}, Older, 50); return err }},
		{"snoozing-list-snoozed", func() error {
			_, err := f.s.ListItems(ctx, ItemFilter{Snoozed: true}, PageKey{}, Older, 50)
			return err
		}},
		{"snoozing-count-all", func() error { _, err := f.s.CountItems(ctx, ItemFilter{}); return err }},
		{"snoozing-count-search-common", func() error { _, err := f.s.CountItems(ctx, ItemFilter{Query: "the"}); return err }},
		{"snoozing-status", func() error { _, err := f.s.Status(ctx); return err }},
	}
	for _, c := range snoozing {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if err := c.run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMonthDays reads a month view holding 5,000 posts (about 160 a
// day over three accounts, all scheduled through the outbox) on a warm
// database: the counts per day and status, and the first three posts of
// each day. The TUI's goal for the whole month render is 5 ms.
func BenchmarkMonthDays(b *testing.B) {
	f := newFixture(b)
	ctx := context.Background()
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		b.Fatal(err)
	}
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, paris)
	to := from.AddDate(0, 1, 0)
	const posts = 5000
	step := to.Sub(from) / posts
	err = f.s.Tx(ctx, func(tx *sql.Tx) error {
		w := &calWrite{ctx: ctx, tx: tx, now: t0, actor: "bench"}
		for i := range posts {
			acc := f.accounts[i%len(f.accounts)].ID
			if _, err := w.createOne(acc, "Post du jour\nsuite", "", "", newKey(), from.Add(time.Duration(i)*step)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	q := PostQuery{From: from, To: to}
	if days, err := f.s.MonthDays(ctx, q, paris, 3); err != nil || len(days) != 31 || days[0].Total < 150 || len(days[0].First) != 3 {
		b.Fatalf("month: %d days, %v", len(days), err)
	}
	b.ResetTimer()
	for range b.N {
		if _, err := f.s.MonthDays(ctx, q, paris, 3); err != nil {
			b.Fatal(err)
		}
	}
}
