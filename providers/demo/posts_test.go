package demo

import (
	"reflect"
	"testing"
	"time"

	"cmdeck/core"
)

func TestSeedPosts(t *testing.T) {
	accts := workspaceAccounts()
	posts := SeedPosts(accts, t0)
	if !reflect.DeepEqual(posts, SeedPosts(accts, t0)) {
		t.Fatal("SeedPosts is not deterministic")
	}
	byAccount := map[int64]core.Account{}
	for _, a := range accts {
		byAccount[a.ID] = a
	}
	status := map[core.PostStatus]int{}
	clients := map[int64]bool{}
	for _, p := range posts {
		a, ok := byAccount[p.AccountID]
		if !ok || p.ClientID != a.ClientID {
			t.Fatalf("post for unknown account/client: %+v", p)
		}
		if a.Network == "ReviewHub" {
			t.Errorf("post on %s, which cannot publish", a.Network)
		}
		if p.Body == "" || p.RemoteID != "" {
			t.Errorf("bad seed post %+v", p)
		}
		status[p.Status]++
		clients[p.ClientID] = true
		switch {
		case p.Status == core.PostScheduled && !p.ScheduledAt.After(t0):
			t.Errorf("scheduled post in the past: %v", p.ScheduledAt)
		case !p.ScheduledAt.IsZero() && p.ScheduledAt.After(t0.Add(11*24*time.Hour)):
			t.Errorf("post beyond the next ten days: %v", p.ScheduledAt)
		}
	}
	if status[core.PostScheduled] == 0 || status[core.PostDraft] == 0 {
		t.Errorf("statuses %v, want drafts and scheduled posts", status)
	}
	if len(clients) < 3 {
		t.Errorf("posts for %d clients, want every client", len(clients))
	}
}

func TestFollowersGrow(t *testing.T) {
	g := newGenerator(accountOn(t, "Facegram"), 1, newCatalog(), newWords())
	day := dayOf(t0)
	if a, b := g.followers(day-365), g.followers(day); b <= a {
		t.Errorf("followers a year ago %d, today %d; want growth", a, b)
	}
	if g.followers(day) != g.followers(day) {
		t.Error("followers is not a function of the day")
	}
}
