package store

import (
	"context"
	"testing"
	"time"

	"cmdeck/core"
)

func TestPostsByCalendarTime(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	acc := f.accounts[0]
	insert := func(p core.Post) int64 {
		t.Helper()
		id, err := f.s.InsertPost(ctx, p)
		if err != nil {
			t.Fatalf("InsertPost(%+v): %v", p, err)
		}
		return id
	}
	// The draft's calendar time is its creation, i.e. the clock's now.
	f.clock.Set(t0.Add(2 * time.Hour))
	draft := insert(core.Post{ClientID: f.clients[0].ID, Body: "idea"})
	f.clock.Set(t0)
	sched := insert(core.Post{AccountID: acc.ID, Body: "tomorrow", ScheduledAt: t0.Add(time.Hour)})
	pub := insert(core.Post{AccountID: acc.ID, Body: "done", Status: core.PostPublished,
		ScheduledAt: t0.Add(-10 * time.Hour), PublishedAt: t0.Add(30 * time.Minute)})
	insert(core.Post{AccountID: acc.ID, Body: "next week", ScheduledAt: t0.Add(7 * 24 * time.Hour)})
	insert(core.Post{AccountID: acc.ID, Body: "at the end, excluded", ScheduledAt: t0.Add(3 * time.Hour)})

	posts, err := f.s.Posts(ctx, t0, t0.Add(3*time.Hour), 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, p := range posts {
		got = append(got, p.ID)
	}
	if err := eq(got, []int64{pub, sched, draft}); err != nil {
		t.Fatalf("Posts order: %v (%+v)", err, posts)
	}
	if posts[1].Status != core.PostScheduled || posts[2].Status != core.PostDraft {
		t.Errorf("default statuses: %q %q", posts[1].Status, posts[2].Status)
	}
	if posts[1].ClientID != f.clients[0].ID {
		t.Errorf("client not taken from the account: %d", posts[1].ClientID)
	}
	if !posts[1].ScheduledAt.Equal(t0.Add(time.Hour)) {
		t.Errorf("ScheduledAt = %v", posts[1].ScheduledAt)
	}
	if limited, _ := f.s.Posts(ctx, t0, t0.Add(3*time.Hour), 1); len(limited) != 1 {
		t.Errorf("limit ignored: %d posts", len(limited))
	}
}

func TestInsertPostRejects(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	tests := []struct {
		name string
		p    core.Post
	}{
		{"no client nor account", core.Post{Body: "x"}},
		{"unknown account", core.Post{AccountID: 999, Body: "x"}},
		{"unknown client", core.Post{ClientID: 999, Body: "x"}},
		{"account of another client", core.Post{AccountID: f.accounts[2].ID, ClientID: f.clients[0].ID}},
	}
	for _, tc := range tests {
		if _, err := f.s.InsertPost(ctx, tc.p); err == nil {
			t.Errorf("%s: InsertPost succeeded", tc.name)
		}
	}
}
