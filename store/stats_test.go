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
