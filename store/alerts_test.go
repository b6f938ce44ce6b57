package store

import (
	"context"
	"testing"
	"time"

	"cmdeck/core"
)

func TestRaiseAlertGroups(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	var items []core.Item
	for i := range 5 {
		items = append(items, item(string(rune('a'+i)), t0, "bad"))
	}
	ids := f.ingest(t, 0, core.Batch{Items: items}).NewItemIDs
	client := f.clients[0].ID
	raise := func(a core.Alert, group string, items ...int64) int64 {
		t.Helper()
		id, err := f.s.RaiseAlert(ctx, a, group, items)
		if err != nil {
			t.Fatalf("RaiseAlert: %v", err)
		}
		return id
	}
	base := core.Alert{ClientID: client, Rule: "negative", Severity: core.SeverityWarning, Title: "2 negative"}
	first := base
	first.LastAt = t0
	a1 := raise(first, "h10", ids[0], ids[1])

	// Same group: grows, dedupes items, escalates, moves last_at.
	grow := base
	grow.Severity, grow.Title, grow.LastAt = core.SeverityCritical, "4 negative", t0.Add(time.Minute)
	if got := raise(grow, "h10", ids[1], ids[2], ids[3], 9999); got != a1 {
		t.Fatalf("same group opened a new alert %d (first %d)", got, a1)
	}
	// A lower severity does not downgrade it.
	calm := base
	calm.Severity, calm.Title, calm.LastAt = core.SeverityInfo, "", t0.Add(2*time.Minute)
	raise(calm, "h10", ids[3])

	// Another group, and another client, are separate alerts.
	other := base
	other.LastAt = t0.Add(-time.Hour)
	a2 := raise(other, "h11", ids[4])
	a3 := raise(core.Alert{ClientID: f.clients[1].ID, Rule: "negative", LastAt: t0.Add(-2 * time.Hour)}, "h10")

	open, err := f.s.OpenAlerts(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(open) != 3 || open[0].ID != a1 || open[1].ID != a2 || open[2].ID != a3 {
		t.Fatalf("OpenAlerts = %+v", open)
	}
	got := open[0]
	if got.ItemCount != 4 || got.Severity != core.SeverityCritical || got.Title != "4 negative" ||
		!got.FirstAt.Equal(t0) || !got.LastAt.Equal(t0.Add(2*time.Minute)) {
		t.Fatalf("grown alert = %+v", got)
	}
	if linked, _ := f.s.AlertItems(ctx, a1); len(linked) != 4 {
		t.Errorf("AlertItems = %v", linked)
	}
	if open[2].Severity != core.SeverityInfo {
		t.Errorf("default severity = %q", open[2].Severity)
	}

	// Acked: the next matching item opens a new alert.
	if err := f.s.AckAlert(ctx, a1); err != nil {
		t.Fatal(err)
	}
	if again := raise(first, "h10", ids[0]); again == a1 {
		t.Fatal("an acked alert was grown")
	}
	if err := f.s.AckAlert(ctx, 9999); err == nil {
		t.Error("AckAlert(unknown) succeeded")
	}
}

func TestRaiseAlertCountOnly(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	a := core.Alert{ClientID: f.clients[0].ID, Rule: "sync", ItemCount: 2}
	id, _ := f.s.RaiseAlert(ctx, a, "", nil)
	f.s.RaiseAlert(ctx, a, "", nil)
	open, _ := f.s.OpenAlerts(ctx, 0)
	if len(open) != 1 || open[0].ID != id || open[0].ItemCount != 4 {
		t.Fatalf("OpenAlerts = %+v", open)
	}
	if !open[0].LastAt.Equal(t0) {
		t.Errorf("LastAt defaults to now: %v", open[0].LastAt)
	}
}
