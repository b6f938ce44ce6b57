package store

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"cmdeck/core"
)

func postIDs(vs []PostView) []int64 {
	out := make([]int64, len(vs))
	for i, v := range vs {
		out[i] = v.ID
	}
	return out
}

func TestCalendarPostsRangeFiltersAndPages(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	pf, pfMasto, boul := f.accounts[0].ID, f.accounts[1].ID, f.accounts[2].ID
	a := f.create(t, PostDraft{AccountIDs: []int64{pf}, Body: "a", At: t0.Add(2 * time.Hour)})[0]
	b := f.create(t, PostDraft{AccountIDs: []int64{boul}, Body: "b", At: t0.Add(time.Hour)})[0]
	c := f.create(t, PostDraft{AccountIDs: []int64{pfMasto}, Body: "c", At: t0.Add(time.Hour)})[0]
	f.create(t, PostDraft{AccountIDs: []int64{pf}, Body: "out", At: t0.Add(5 * time.Hour)})
	draft := f.create(t, PostDraft{AccountIDs: []int64{pf}, Body: "draft"})[0] // at t0, its creation

	q := PostQuery{From: t0, To: t0.Add(5 * time.Hour)}
	all, err := f.s.CalendarPosts(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if err := eq(postIDs(all), []int64{draft, b, c, a}); err != nil {
		t.Fatalf("order: %v", err)
	}
	if v := all[1]; v.ClientSlug != "boulangerie" || v.ClientName != "Boulangerie Martin" || v.ClientColor != "#D97706" ||
		v.Handle != "@boulangerie" || v.Network != "Chirper" || v.Provider != "demo" || v.ActionID == 0 ||
		v.ActionState != core.ActionPending || !v.At.Equal(t0.Add(time.Hour)) {
		t.Fatalf("view %+v", v)
	}
	q.ClientID = f.clients[0].ID
	got, _ := f.s.CalendarPosts(ctx, q)
	if err := eq(postIDs(got), []int64{draft, c, a}); err != nil {
		t.Errorf("client filter: %v", err)
	}
	q.ClientID, q.AccountID = 0, pfMasto
	got, _ = f.s.CalendarPosts(ctx, q)
	if err := eq(postIDs(got), []int64{c}); err != nil {
		t.Errorf("account filter: %v", err)
	}
	// Keyset pages of two, through the tie at t0+1h.
	q.AccountID, q.Limit = 0, 2
	page1, _ := f.s.CalendarPosts(ctx, q)
	last := page1[len(page1)-1]
	q.AfterAt, q.AfterID = last.At, last.ID
	page2, _ := f.s.CalendarPosts(ctx, q)
	if err := eq(append(postIDs(page1), postIDs(page2)...), []int64{draft, b, c, a}); err != nil {
		t.Errorf("pages: %v", err)
	}
}

func TestMonthDaysAcrossDST(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	// October 2026 in Paris: the 25th lasts 25 hours.
	from := time.Date(2026, 10, 24, 0, 0, 0, 0, paris)
	to := time.Date(2026, 10, 27, 0, 0, 0, 0, paris)
	pf, boul := f.accounts[0].ID, f.accounts[2].ID
	at := func(day, h, m int) time.Time { return time.Date(2026, 10, day, h, m, 0, 0, paris) }
	// One published post on the 25th (its twin on the other account
	// waits after a transient failure).
	f.clock.Set(at(25, 9, 0))
	p4 := f.create(t, PostDraft{AccountIDs: []int64{pf, boul}, Body: "25 both", At: at(25, 9, 0)})
	claimed := f.claim(t, f.s, "h:1:tui", 10)
	if len(claimed) != 2 {
		t.Fatalf("claimed %+v", claimed)
	}
	if err := f.s.CompleteAction(ctx, claimed[0].ID, core.ActionResult{RemoteID: "r"}, at(25, 9, 1)); err != nil {
		t.Fatal(err)
	}
	if err := f.s.RetryLater(ctx, claimed[1].ID, "503", at(25, 9, 1)); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(from.Add(-24 * time.Hour))
	p1 := f.create(t, PostDraft{AccountIDs: []int64{pf}, Body: "24 late", At: at(24, 23, 30)})[0]
	p2 := f.create(t, PostDraft{AccountIDs: []int64{boul}, Body: "24 early", At: at(24, 8, 0)})[0]
	// 23:30 on the 25th is 22:30 UTC: still the 25th in Paris, not the 26th.
	p3 := f.create(t, PostDraft{AccountIDs: []int64{pf}, Body: "25 late", At: at(25, 23, 30)})[0]
	f.create(t, PostDraft{AccountIDs: []int64{pf}, Body: "outside", At: at(27, 0, 0)})

	days, err := f.s.MonthDays(ctx, PostQuery{From: from, To: to}, paris, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(days) != 3 {
		t.Fatalf("%d days, want 3", len(days))
	}
	for i, d := range days {
		if want := time.Date(2026, 10, 24+i, 0, 0, 0, 0, paris); !d.Day.Equal(want) || d.Day.Location() != paris {
			t.Errorf("day %d = %v, want %v", i, d.Day, want)
		}
	}
	if d := days[0]; d.Total != 2 || d.ByStatus[core.PostScheduled] != 2 || !slices.Equal(postIDs(d.First), []int64{p2, p1}) {
		t.Errorf("24th: %+v", d)
	}
	// The published post sits at its publication time, a minute after its twin.
	if d := days[1]; d.Total != 3 || d.ByStatus[core.PostPublished] != 1 || d.ByStatus[core.PostScheduled] != 2 ||
		!slices.Equal(postIDs(d.First), []int64{p4[1], p4[0]}) || d.First[1].ClientSlug != "pixelforge" ||
		d.First[0].Error != "503" {
		t.Errorf("25th: %+v", d)
	}
	if d := days[2]; d.Total != 0 || len(d.First) != 0 {
		t.Errorf("26th: %+v", d)
	}
	byClient, _ := f.s.MonthDays(ctx, PostQuery{From: from, To: to, ClientID: f.clients[1].ID}, paris, 5)
	if byClient[0].Total != 1 || byClient[1].Total != 1 || !slices.Equal(postIDs(byClient[0].First), []int64{p2}) {
		t.Errorf("client filter: %+v", byClient)
	}
	byAccount, _ := f.s.MonthDays(ctx, PostQuery{From: from, To: to, AccountID: pf}, paris, 5)
	if byAccount[1].Total != 2 || !slices.Equal(postIDs(byAccount[1].First), []int64{p4[0], p3}) {
		t.Errorf("account filter: %+v", byAccount[1])
	}
	if none, _ := f.s.MonthDays(ctx, PostQuery{From: from, To: to}, paris, 0); none[1].Total != 3 || none[1].First != nil {
		t.Errorf("perDay 0: %+v", none[1])
	}
	if _, err := f.s.MonthDays(ctx, PostQuery{From: from, To: from.AddDate(0, 3, 0)}, paris, 1); err == nil {
		t.Error("a three-month range was accepted")
	}
}

func TestSlotsTaken(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	pf := f.accounts[0].ID
	at := t0.Add(24 * time.Hour)
	f.create(t, PostDraft{AccountIDs: []int64{pf}, Body: "a", At: at})
	f.create(t, PostDraft{AccountIDs: []int64{f.accounts[2].ID}, Body: "other account", At: at.Add(time.Hour)})
	f.create(t, PostDraft{AccountIDs: []int64{pf}, Body: "draft"})
	moved := f.create(t, PostDraft{AccountIDs: []int64{pf}, Body: "discarded", At: at.Add(2 * time.Hour)})[0]
	if err := f.s.DiscardAction(ctx, f.post(t, moved).ActionID, t0); err != nil {
		t.Fatal(err)
	}
	taken, err := f.s.SlotsTaken(ctx, pf, t0, t0.Add(72*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	if len(taken) != 1 || !taken[at.In(paris).UTC()] {
		t.Fatalf("taken %v, want only %v", taken, at)
	}
	// The queue's next free slot skips it.
	slot := core.Slot{Hour: at.Hour(), Minute: at.Minute()}
	for d := range slot.Days {
		slot.Days[d] = true
	}
	next, ok := core.NextFreeSlot([]core.Slot{slot}, t0, time.UTC, func(t time.Time) bool { return taken[t.UTC()] })
	if !ok || !next.Equal(at.Add(24*time.Hour)) {
		t.Fatalf("next free slot %v, want the day after", next)
	}
}

// A database made before the calendar gets its columns and indexes, and a
// duplicate live publish action (none could be made, but a bad row must
// not stop the upgrade) is cancelled, the newest kept.
func TestMigrateCalendarFromVersion7(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := open(ctx, path, 7)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO clients (id, slug) VALUES (1, 'pf')`,
		`INSERT INTO accounts (id, client_id, provider, handle) VALUES (1, 1, 'demo', '@pf')`,
		`INSERT INTO posts (id, client_id, account_id, body, status, scheduled_at) VALUES (1, 1, 1, 'old', 'scheduled', 1000)`,
		`INSERT INTO actions (id, account_id, kind, post_id, idempotency_key, state) VALUES (1, 1, 'publish', 1, 'k1', 'pending')`,
		`INSERT INTO actions (id, account_id, kind, post_id, idempotency_key, state) VALUES (2, 1, 'publish', 1, 'k2', 'pending')`,
	} {
		if _, err := old.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	old.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.Post(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if p.ActionID != 2 || p.ActionState != core.ActionPending || p.GroupKey != "" || p.Media != nil {
		t.Fatalf("migrated post %+v", p)
	}
	var st string
	if err := s.db.QueryRowContext(ctx, `SELECT state FROM actions WHERE id = 1`).Scan(&st); err != nil || st != "cancelled" {
		t.Fatalf("older duplicate: %q, %v", st, err)
	}
}

// The engine asks for recurring posts every step: the query must stay on
// its partial index.
func TestRecurringDueUsesItsIndex(t *testing.T) {
	f := newFixture(t)
	plan := explain(t, f.s, recurringDueQuery, 10)
	if !strings.Contains(plan, "posts_recur_due") || strings.Contains(plan, "TEMP B-TREE") {
		t.Fatalf("plan:\n%s", plan)
	}
}

// The published posts of the accounts asked, since a time, with their
// engagement summed; drafts, scheduled posts and other accounts are not.
func TestPublishedEngagement(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	pf, other := f.accounts[0].ID, f.accounts[2].ID
	posts := []core.Post{
		{RemoteID: "old", Body: "old", Status: core.PostPublished, PublishedAt: t0.Add(-100 * 24 * time.Hour), Likes: 99},
		{RemoteID: "a", Body: "a", Status: core.PostPublished, PublishedAt: t0.Add(-48 * time.Hour), Likes: 10, Shares: 2, Replies: 3},
		{RemoteID: "b", Body: "b", Status: core.PostPublished, PublishedAt: t0.Add(-24 * time.Hour), Likes: 1},
	}
	if _, err := f.s.IngestBatch(ctx, pf, core.Batch{Posts: posts}, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.IngestBatch(ctx, other, core.Batch{Posts: []core.Post{{RemoteID: "x", Body: "x",
		Status: core.PostPublished, PublishedAt: t0.Add(-time.Hour), Likes: 500}}}, t0); err != nil {
		t.Fatal(err)
	}
	f.create(t, PostDraft{AccountIDs: []int64{pf}, Body: "scheduled", At: t0.Add(time.Hour)})
	got, err := f.s.PublishedEngagement(ctx, []int64{pf}, t0.Add(-90*24*time.Hour), 100)
	if err != nil {
		t.Fatal(err)
	}
	want := []core.Engaged{{AccountID: pf, At: t0.Add(-24 * time.Hour), Engagement: 1}, {AccountID: pf, At: t0.Add(-48 * time.Hour), Engagement: 15}}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].AccountID != want[i].AccountID || !got[i].At.Equal(want[i].At) || got[i].Engagement != want[i].Engagement {
			t.Errorf("%d: %+v, want %+v", i, got[i], want[i])
		}
	}
	if none, err := f.s.PublishedEngagement(ctx, nil, t0, 10); err != nil || none != nil {
		t.Errorf("no account: %v %v", none, err)
	}
}
