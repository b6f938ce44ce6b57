package stats

import (
	"context"
	"os"
	"testing"
	"time"

	"cmdeck/store"
)

// BenchmarkStatsMonth computes every figure of one client for one month
// (and the month before, which Compute reads too) on the database named by
// $CMDECK_BENCH_DB, made by `cmdeck demo generate --items 1000000 --db
// FILE`; it skips without one. Goal: under 200 ms.
//
//	CMDECK_BENCH_DB=/tmp/stats1m.db go test -run '^$' -bench StatsMonth -benchtime 20x ./stats/
func BenchmarkStatsMonth(b *testing.B) {
	path := os.Getenv("CMDECK_BENCH_DB")
	if path == "" {
		b.Skip("set CMDECK_BENCH_DB to a database made by cmdeck demo generate")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, path)
	if err != nil {
		b.Fatalf("open %s: %v", path, err)
	}
	b.Cleanup(func() { st.Close() })
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		b.Skip("no time zone database")
	}
	clients, err := st.Clients(ctx)
	if err != nil || len(clients) == 0 {
		b.Fatalf("clients: %v", err)
	}
	month := benchMonth(b, st, loc)
	hours, err := ParseHours("mon-fri 09:00-18:00", loc)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		c := clients[i%len(clients)]
		rep, err := Compute(ctx, st, Query{ClientID: c.ID, From: month.From, To: month.To, Loc: loc, BusinessHours: hours})
		if err != nil {
			b.Fatal(err)
		}
		if !rep.Received.Cur.OK || rep.Received.Cur.Value == 0 || !rep.FirstResponse.Median.Cur.OK {
			b.Fatalf("client %s: nothing computed for %s", c.Slug, month.From.Format("2006-01"))
		}
	}
}

// benchMonth is the last full month before the newest item of st.
func benchMonth(b *testing.B, st *store.Store, loc *time.Location) Period {
	b.Helper()
	items, err := st.ListItems(context.Background(), store.ItemFilter{}, store.PageKey{}, store.Older, 1)
	if err != nil || len(items) == 0 {
		b.Fatalf("newest item: %v", err)
	}
	t := items[0].CreatedAt.In(loc)
	to := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc)
	return Period{From: to.AddDate(0, -1, 0), To: to}
}
