package store

import (
	"context"
	"os"
	"testing"
	"time"
)

// BenchmarkClientMetricsMonth reads one client's figures for one month of
// the database named by $CMDECK_BENCH_DB (made by `cmdeck demo generate
// --items 1000000 --db FILE`); it skips without one. The month is the last
// full month before the newest item, in Europe/Paris.
//
//	CMDECK_BENCH_DB=/tmp/stats1m.db go test -run '^$' -bench ClientMetrics ./store/
func BenchmarkClientMetricsMonth(b *testing.B) {
	path := os.Getenv("CMDECK_BENCH_DB")
	if path == "" {
		b.Skip("set CMDECK_BENCH_DB to a generated database")
	}
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		b.Skip("no time zone database")
	}
	clients, err := s.Clients(ctx)
	if err != nil || len(clients) == 0 {
		b.Fatalf("clients: %v", err)
	}
	from, to := lastFullMonth(b, s, loc)
	b.ResetTimer()
	for i := range b.N {
		c := clients[i%len(clients)]
		m, err := s.ClientMetrics(ctx, c.ID, from, to, loc)
		if err != nil {
			b.Fatal(err)
		}
		if len(m.Items) == 0 {
			b.Fatalf("client %s: no items in %s", c.Slug, from.Format("2006-01"))
		}
	}
}

// lastFullMonth is the last calendar month in loc that ends before the
// database's newest item.
func lastFullMonth(b *testing.B, s *Store, loc *time.Location) (from, to time.Time) {
	b.Helper()
	var newest int64
	if err := s.db.QueryRow(`SELECT max(created_at) FROM items`).Scan(&newest); err != nil {
		b.Fatal(err)
	}
	t := time.UnixMilli(newest).In(loc)
	to = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc)
	return to.AddDate(0, -1, 0), to
}
