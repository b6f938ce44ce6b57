package store

import (
	"context"
	"testing"
	"time"
	_ "time/tzdata" // the test zone must exist on any machine

	"cmdeck/core"
)

func TestPeriodDays(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name         string
		since, until time.Time
		loc          *time.Location
		days         int
		firstHours   float64
	}{
		{"one UTC day", time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC), time.UTC, 1, 24},
		{"week", time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 3, 8, 0, 0, 0, 0, time.UTC), nil, 7, 24},
		{"partial days", time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC), time.Date(2025, 3, 3, 6, 0, 0, 0, time.UTC), time.UTC, 3, 12},
		// Paris springs forward on 30 March 2025: that day has 23 hours.
		{"dst", time.Date(2025, 3, 30, 0, 0, 0, 0, paris), time.Date(2025, 3, 31, 0, 0, 0, 0, paris), paris, 1, 23},
		{"empty", time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC), time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), time.UTC, 0, 0},
	}
	for _, tc := range tests {
		days, err := periodDays(tc.since, tc.until, tc.loc)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if len(days) != tc.days {
			t.Errorf("%s: %d days, want %d", tc.name, len(days), tc.days)
			continue
		}
		if tc.days > 0 {
			if h := float64(days[0].hi-days[0].lo) / 3.6e6; h != tc.firstHours {
				t.Errorf("%s: first day %v hours, want %v", tc.name, h, tc.firstHours)
			}
		}
	}
	if _, err := periodDays(time.Time{}, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.UTC); err == nil {
		t.Error("a 2000-year period was accepted")
	}
}

func TestActivity(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	paris, _ := time.LoadLocation("Europe/Paris")
	day := func(d, h int) time.Time { return time.Date(2025, 3, d, h, 0, 0, 0, paris) }
	mk := func(r string, at time.Time, s core.Sentiment, needs bool) core.Item {
		it := item(r, at, "x")
		it.Sentiment, it.NeedsReply = s, needs
		return it
	}
	items := []core.Item{
		mk("1", day(10, 0).Add(30*time.Minute), core.SentimentNegative, true), // 23:30 UTC on the 9th: Paris day 10
		mk("2", day(10, 23), core.SentimentPositive, false),
		mk("3", day(12, 9), core.SentimentNegative, true),
		mk("4", day(12, 10), "", true),
		mk("old", day(9, 12), core.SentimentNegative, true),  // before the period
		mk("late", day(13, 0), core.SentimentNegative, true), // at until: excluded
	}
	reply := mk("out", day(12, 11), "", false)
	reply.Outgoing = true
	items = append(items, reply)
	res := f.ingest(t, 0, core.Batch{Items: items})
	f.exec(t, `UPDATE items SET state = 'replied' WHERE id = ?`, res.NewItemIDs[3])
	f.ingest(t, 2, core.Batch{Items: []core.Item{mk("b", day(11, 8), "", false)}})

	acts, err := f.s.Activity(ctx, day(10, 0), day(13, 0), paris)
	if err != nil {
		t.Fatal(err)
	}
	if len(acts) != 2 {
		t.Fatalf("%d clients, want 2", len(acts))
	}
	// Clients come by name: Boulangerie before PixelForge.
	boul, pix := acts[0], acts[1]
	if boul.Client.Slug != "boulangerie" || pix.Client.Slug != "pixelforge" {
		t.Fatalf("order: %s, %s", boul.Client.Slug, pix.Client.Slug)
	}
	if pix.Items != 4 || pix.NeedsReply != 2 || pix.Replied != 1 || pix.Negative != 2 || pix.Positive != 1 {
		t.Errorf("pixelforge = %+v", pix)
	}
	if err := eq(pix.PerDay, []int{2, 0, 2}); err != nil {
		t.Errorf("pixelforge PerDay %v: %v", pix.PerDay, err)
	}
	if err := eq(boul.PerDay, []int{0, 1, 0}); err != nil || boul.Items != 1 {
		t.Errorf("boulangerie = %+v", boul)
	}

	// A client with nothing still gets a row with zeros.
	acts, _ = f.s.Activity(ctx, day(1, 0), day(3, 0), paris)
	if len(acts) != 2 || acts[0].Items != 0 || len(acts[0].PerDay) != 2 {
		t.Errorf("empty period = %+v", acts)
	}
}

func TestStatus(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	c, err := f.s.Status(ctx)
	if err != nil || c != (StatusCounts{}) {
		t.Fatalf("empty Status = %+v, %v", c, err)
	}
	a, b, d := item("1", t0, "x"), item("2", t0, "y"), item("3", t0, "z")
	a.NeedsReply, b.NeedsReply, d.NeedsReply = true, true, true
	res := f.ingest(t, 0, core.Batch{Items: []core.Item{a, b, d}})
	f.exec(t, `UPDATE items SET state = 'done' WHERE id = ?`, res.NewItemIDs[2])
	acc := f.accounts[0].ID
	for i, st := range []string{"pending", "claimed", "failed", "done", "cancelled", "pending"} {
		f.exec(t, `INSERT INTO actions (account_id, kind, state, idempotency_key) VALUES (?, 'reply', ?, ?)`,
			acc, st, "k"+string(rune('a'+i)))
	}
	// A post planned for later is not queued; one due now is.
	f.exec(t, `INSERT INTO actions (account_id, kind, state, idempotency_key, not_before) VALUES (?, 'publish', 'pending', 'later', ?)`,
		acc, t0.Add(time.Hour).UnixMilli())
	f.exec(t, `INSERT INTO actions (account_id, kind, state, idempotency_key, not_before) VALUES (?, 'publish', 'pending', 'due', ?)`,
		acc, t0.UnixMilli())
	f.s.RecordSyncFailure(ctx, f.accounts[1].ID, "boom", "transient", t0, t0, 1)
	c, err = f.s.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := StatusCounts{NeedsReply: 2, QueuedActions: 4, FailedActions: 1, SyncErrors: 1, LastSync: t0}
	if c != want {
		t.Fatalf("Status = %+v, want %+v", c, want)
	}
}
