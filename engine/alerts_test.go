package engine

import (
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/store"
)

// negItem is a stored incoming item (id set) of a sentiment.
func negItem(id int64, s core.Sentiment, followers int, outgoing bool) core.Item {
	return core.Item{ID: id, RemoteID: "r", Sentiment: s, Outgoing: outgoing,
		Author: core.Author{Followers: followers}}
}

func aged(it core.Item, created time.Time) core.Item { it.CreatedAt = created; return it }

func TestNegativeRule(t *testing.T) {
	at := time.Date(2026, 3, 2, 14, 59, 59, 0, time.UTC)
	many := make([]core.Item, 11)
	for i := range many {
		many[i] = negItem(int64(i+1), core.SentimentNegative, 5, false)
	}
	tests := []struct {
		name     string
		items    []core.Item
		seen     int // earlier count of the group this hour
		wantIDs  []int64
		wantSev  core.Severity
		wantNone bool
	}{
		{name: "no items", wantNone: true},
		{name: "only positive, neutral and unknown", wantNone: true, items: []core.Item{
			negItem(1, core.SentimentPositive, 0, false), negItem(2, core.SentimentNeutral, 0, false),
			negItem(3, core.SentimentUnknown, 0, false)}},
		{name: "our own negative reply ignored", wantNone: true, items: []core.Item{
			negItem(1, core.SentimentNegative, 0, true)}},
		{name: "unstored item ignored", wantNone: true, items: []core.Item{
			negItem(0, core.SentimentNegative, 0, false)}},
		{name: "backlog older than a day ignored", wantIDs: []int64{2, 3}, wantSev: core.SeverityWarning,
			items: []core.Item{aged(negItem(1, core.SentimentNegative, 50_000, false), at.Add(-25*time.Hour)),
				aged(negItem(2, core.SentimentNegative, 5, false), at.Add(-23*time.Hour)),
				negItem(3, core.SentimentNegative, 5, false)}},
		{name: "a few negatives: one warning", wantIDs: []int64{1, 3}, wantSev: core.SeverityWarning,
			items: []core.Item{negItem(1, core.SentimentNegative, 50, false),
				negItem(2, core.SentimentPositive, 50, false), negItem(3, core.SentimentNegative, 50, false)}},
		{name: "influencer makes it critical", wantIDs: []int64{7}, wantSev: core.SeverityCritical,
			items: []core.Item{negItem(7, core.SentimentNegative, 10_000, false)}},
		{name: "9,999 followers stays warning", wantIDs: []int64{7}, wantSev: core.SeverityWarning,
			items: []core.Item{negItem(7, core.SentimentNegative, 9_999, false)}},
		{name: "more than 10 in the batch is critical", items: many, wantSev: core.SeverityCritical,
			wantIDs: []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}},
		{name: "10 in the group is still warning", items: many[:2], seen: 8, wantIDs: []int64{1, 2},
			wantSev: core.SeverityWarning},
		{name: "passing 10 with earlier items is critical", items: many[:2], seen: 9, wantIDs: []int64{1, 2},
			wantSev: core.SeverityCritical},
	}
	a := acct(3)
	key := "negative:client3:2026-03-02T14"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := negativeRule(a, tt.items, at, map[string]int{key: tt.seen})
			if tt.wantNone {
				if len(got) != 0 {
					t.Fatalf("raised %+v, want nothing", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("raised %d alerts, want 1", len(got))
			}
			g := got[0]
			if g.groupKey != key {
				t.Errorf("group key %q, want %q", g.groupKey, key)
			}
			if len(g.itemIDs) != len(tt.wantIDs) {
				t.Fatalf("item ids %v, want %v", g.itemIDs, tt.wantIDs)
			}
			for i := range g.itemIDs {
				if g.itemIDs[i] != tt.wantIDs[i] {
					t.Fatalf("item ids %v, want %v", g.itemIDs, tt.wantIDs)
				}
			}
			al := g.alert
			if al.Severity != tt.wantSev || al.Rule != RuleNegative || al.ClientID != a.ClientID ||
				al.ItemCount != len(tt.wantIDs) || !al.FirstAt.Equal(at) || al.Title != "negative client3" {
				t.Errorf("alert %+v, want severity %s for client %d", al, tt.wantSev, a.ClientID)
			}
		})
	}
}

func TestNegativeItemsGroupIntoOneGrowingAlert(t *testing.T) {
	f := newFixture(t, acct(1))
	s := f.scripts[1]
	batch := func(cursor, prefix string, neg, pos int, more bool) fetchStep {
		its := append(items(prefix+"n", neg, core.SentimentNegative), items(prefix+"p", pos, core.SentimentPositive)...)
		own := items(prefix+"own", 1, core.SentimentNegative)
		own[0].Outgoing = true
		return fetchStep{batch: core.Batch{Cursor: cursor, More: more, Items: append(its, own...)}}
	}
	// 14:10 — two batches in one step: 4 then 5 negatives.
	f.clock.Set(time.Date(2026, 3, 2, 14, 10, 0, 0, time.UTC))
	s.push(batch("1", "a", 4, 3, true), batch("2", "b", 5, 1, false))
	r := f.runner("a")
	rep := f.step(r)
	if rep.Accounts[0].Alerts != 2 {
		t.Fatalf("alerts raised %d, want 2 raises of one group", rep.Accounts[0].Alerts)
	}
	key := "negative:client1:2026-03-02T14"
	if len(f.store.alerts) != 1 || f.store.alerts[key] == nil {
		t.Fatalf("alerts %v, want one under %s", f.store.alerts, key)
	}
	al := f.store.alerts[key]
	if al.alert.ItemCount != 9 || al.alert.Severity != core.SeverityWarning {
		t.Fatalf("alert %+v, want 9 items, warning", al.alert)
	}

	// 14:40 — the same items again (updates, not new) and 2 new negatives:
	// the group passes 10 and turns critical.
	f.clock.Set(time.Date(2026, 3, 2, 14, 40, 0, 0, time.UTC))
	s.push(batch("3", "a", 4, 0, false))
	f.step(r)
	s.push(batch("4", "c", 2, 0, false))
	f.clock.Advance(time.Minute)
	f.step(r)
	if al.alert.ItemCount != 11 || al.alert.Severity != core.SeverityCritical {
		t.Fatalf("alert %+v, want 11 items, critical", al.alert)
	}

	// 15:05 — a new hour opens a new group.
	f.clock.Set(time.Date(2026, 3, 2, 15, 5, 0, 0, time.UTC))
	s.push(batch("5", "d", 1, 0, false))
	f.step(r)
	next := f.store.alerts["negative:client1:2026-03-02T15"]
	if len(f.store.alerts) != 2 || next == nil || next.alert.ItemCount != 1 || next.alert.Severity != core.SeverityWarning {
		t.Fatalf("alerts %v, want a second, warning group for 15h", f.store.alerts)
	}
}

func TestNoAlertWithoutCandidates(t *testing.T) {
	f := newFixture(t, acct(1))
	f.scripts[1].push(fetchStep{batch: core.Batch{Cursor: "1", Items: items("p", 5, core.SentimentPositive)}})
	r := f.runner("a")
	if rep := f.step(r); rep.Accounts[0].Alerts != 0 || len(f.store.alerts) != 0 {
		t.Fatalf("raised alerts for positive items: %v", f.store.alerts)
	}
}

func TestNewItemsUsesIngestIndex(t *testing.T) {
	b := core.Batch{Items: items("x", 4, core.SentimentNegative)}
	tests := []struct {
		name    string
		res     store.IngestResult
		wantIDs []int64
		wantRem []string
	}{
		{"none new", store.IngestResult{}, nil, nil},
		{"some new", store.IngestResult{NewItemIDs: []int64{10, 11}, NewItemIndex: []int{1, 3}},
			[]int64{10, 11}, []string{"x-1", "x-3"}},
		{"bad index skipped", store.IngestResult{NewItemIDs: []int64{10, 11, 12}, NewItemIndex: []int{-1, 9, 0}},
			[]int64{12}, []string{"x-0"}},
		{"index missing", store.IngestResult{NewItemIDs: []int64{10}}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := newItems(b, tt.res)
			if len(got) != len(tt.wantIDs) {
				t.Fatalf("got %d items, want %d", len(got), len(tt.wantIDs))
			}
			for i, it := range got {
				if it.ID != tt.wantIDs[i] || it.RemoteID != tt.wantRem[i] {
					t.Errorf("item %d = id %d %q, want id %d %q", i, it.ID, it.RemoteID, tt.wantIDs[i], tt.wantRem[i])
				}
			}
		})
	}
}
