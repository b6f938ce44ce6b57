package demo

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"cmdeck/core"
)

func TestBacklogIsDeterministic(t *testing.T) {
	a, b := backlogs(t, 42), backlogs(t, 42)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed and clock gave different backlogs")
	}
	c := backlogs(t, 43)
	for id := range a {
		if reflect.DeepEqual(a[id].Items, c[id].Items) {
			t.Errorf("account %d: seeds 42 and 43 gave identical items", id)
		}
	}
}

// Two accounts with the same handle on different networks are different
// communities.
func TestAccountsDiffer(t *testing.T) {
	clk := &fakeClock{now: t0}
	a := core.Account{ID: 1, ClientSlug: "pixelforge", Provider: "demo", Network: "Chirper", Handle: "@same"}
	b := a
	b.Network = "Facegram"
	ia, ib := fetch(t, newProvider(t, a, clk, 1), "").Items, fetch(t, newProvider(t, b, clk, 1), "").Items
	if ia[0].Body == ib[0].Body && ia[1].Body == ib[1].Body && ia[2].Body == ib[2].Body {
		t.Fatal("same handle on two networks gave the same items")
	}
}

func TestBacklogShape(t *testing.T) {
	now := t0
	postComments := 0 // comments that open a conversation under one of our posts
	for _, a := range workspaceAccounts() {
		b := fetch(t, newProvider(t, a, &fakeClock{now: now}, 42), "")
		name := a.Network + " " + a.Handle
		if n := len(b.Items); n < 40 || n > 80 {
			t.Errorf("%s: %d backlog items, want 40-80", name, n)
		}
		byID := map[string]core.Item{}
		authors := map[string]int{}
		var prev time.Time
		for _, it := range b.Items {
			if _, dup := byID[it.RemoteID]; dup {
				t.Fatalf("%s: duplicate remote id %s", name, it.RemoteID)
			}
			if it.CreatedAt.Before(now.Add(-backlogSpan)) || it.CreatedAt.After(now) || it.CreatedAt.Before(prev) {
				t.Errorf("%s: %s at %v: outside the last 10 days or out of order", name, it.RemoteID, it.CreatedAt)
			}
			prev = it.CreatedAt
			if isOurPost(it.ParentRemoteID) {
				if it.Kind != core.KindComment || it.ThreadRemoteID != "" {
					t.Errorf("%s: %s answers our post %s but is a %s in thread %q", name, it.RemoteID, it.ParentRemoteID, it.Kind, it.ThreadRemoteID)
				}
				postComments++
			} else if it.ParentRemoteID != "" {
				parent, ok := byID[it.ParentRemoteID]
				if !ok {
					t.Errorf("%s: %s answers %s, which does not precede it", name, it.RemoteID, it.ParentRemoteID)
				}
				root, ok := byID[it.ThreadRemoteID]
				if !ok || (root.ParentRemoteID != "" && !isOurPost(root.ParentRemoteID)) {
					t.Errorf("%s: %s: thread root %s missing or not a root", name, it.RemoteID, it.ThreadRemoteID)
				}
				if parent.ThreadRemoteID != "" && parent.ThreadRemoteID != it.ThreadRemoteID {
					t.Errorf("%s: %s and its parent are in different threads", name, it.RemoteID)
				}
			} else if it.ThreadRemoteID != "" {
				t.Errorf("%s: root %s has a thread id", name, it.RemoteID)
			}
			if it.Outgoing != (it.Kind == core.KindReply) {
				t.Errorf("%s: %s: outgoing=%v but kind %s", name, it.RemoteID, it.Outgoing, it.Kind)
			}
			if it.Outgoing && it.NeedsReply {
				t.Errorf("%s: our own reply %s needs a reply", name, it.RemoteID)
			}
			if it.AccountID != a.ID || it.ClientID != a.ClientID || it.Body == "" || it.URL == "" ||
				it.Sentiment == core.SentimentUnknown || it.Author.Handle == "" || it.Author.Network != a.Network {
				t.Errorf("%s: %s is incomplete: %+v", name, it.RemoteID, it)
			}
			if it.Lang != "fr" && it.Lang != "en" {
				t.Errorf("%s: %s has lang %q", name, it.RemoteID, it.Lang)
			}
			if it.SentimentScore < -1 || it.SentimentScore > 1 {
				t.Errorf("%s: %s score %v out of range", name, it.RemoteID, it.SentimentScore)
			}
			if !it.Outgoing {
				authors[it.Author.RemoteID]++
			}
			byID[it.RemoteID] = it
		}
		most := 0
		for _, n := range authors {
			most = max(most, n)
		}
		if most < 3 {
			t.Errorf("%s: no author writes 3 items or more; authors should come back", name)
		}
		checkSnapshots(t, name, b.Snapshots, now, a.Network == "ReviewHub")
		checkPosts(t, name, b.Posts, now, a.Network == "ReviewHub")
	}
	if postComments == 0 {
		t.Error("no comment answers one of our posts: contests and the stats' post jump have nothing to show")
	}
}

// isOurPost reports that a remote id is one of the account's posts
// ("chirper-b6d39f-p20520"), not an item: comments that open a
// conversation answer one.
func isOurPost(id string) bool {
	i := strings.LastIndex(id, "-p")
	if i < 0 || i+2 == len(id) {
		return false
	}
	_, err := strconv.ParseInt(id[i+2:], 10, 64)
	return err == nil
}

func checkSnapshots(t *testing.T, name string, snaps []core.StatSnapshot, now time.Time, noFollow bool) {
	t.Helper()
	if len(snaps) != 30 {
		t.Fatalf("%s: %d snapshots, want 30", name, len(snaps))
	}
	last := snaps[len(snaps)-1]
	if !last.Day.Equal(now.Truncate(24 * time.Hour)) {
		t.Errorf("%s: last snapshot is for %v, want today", name, last.Day)
	}
	if last.Followers <= snaps[0].Followers {
		t.Errorf("%s: followers %d → %d over 30 days, want growth", name, snaps[0].Followers, last.Followers)
	}
	if noFollow != (last.Following < 0) {
		t.Errorf("%s: following = %d", name, last.Following)
	}
}

func checkPosts(t *testing.T, name string, posts []core.Post, now time.Time, none bool) {
	t.Helper()
	if none {
		if len(posts) > 0 {
			t.Errorf("%s: a network without publishing returned posts", name)
		}
		return
	}
	if len(posts) == 0 {
		t.Errorf("%s: no posts of our own", name)
	}
	for _, p := range posts {
		if p.Status != core.PostPublished || p.RemoteID == "" || p.PublishedAt.After(now) || p.Body == "" {
			t.Errorf("%s: bad post %+v", name, p)
		}
		if p.Likes < p.Shares || p.Likes < 0 {
			t.Errorf("%s: post %s has %d likes and %d shares", name, p.RemoteID, p.Likes, p.Shares)
		}
	}
}

// Across the workspace the backlog shows every kind of item, both
// languages, VIPs, items waiting for an answer and hostile payloads.
func TestBacklogVariety(t *testing.T) {
	kinds := map[core.ItemKind]int{}
	langs := map[string]int{}
	var vip, needs, answered, hostile, spam int
	for _, b := range backlogs(t, 42) {
		for _, it := range b.Items {
			kinds[it.Kind]++
			langs[it.Lang]++
			if it.Author.VIP {
				vip++
				if it.Author.Followers < 10000 || it.Author.Followers > 500000 {
					t.Errorf("VIP %s has %d followers", it.Author.Handle, it.Author.Followers)
				}
			} else if !it.Outgoing && (it.Author.Followers < 0 || it.Author.Followers > 2000) {
				t.Errorf("regular %s has %d followers", it.Author.Handle, it.Author.Followers)
			}
			if it.NeedsReply {
				needs++
			}
			if it.State == core.StateReplied {
				answered++
			}
			if isHostile(it.Body) {
				hostile++
			}
			if len(it.Tags) > 0 && it.Tags[0] == "spam-suspect" {
				spam++
			}
		}
	}
	for _, k := range core.ItemKinds {
		if kinds[k] == 0 {
			t.Errorf("no %s in the backlog", k)
		}
	}
	if langs["fr"] == 0 || langs["en"] == 0 {
		t.Errorf("languages: %v, want both fr and en", langs)
	}
	for name, n := range map[string]int{"VIP": vip, "needs reply": needs, "answered": answered, "hostile": hostile, "spam": spam} {
		if n == 0 {
			t.Errorf("no %s item in the backlog", name)
		}
	}
}

func isHostile(s string) bool {
	if strings.ContainsAny(s, "\x1b\x00\b\u202e\u202d") {
		return true
	}
	for _, line := range strings.Split(s, "\n") {
		if len(line) >= 2000 {
			return true
		}
	}
	return false
}

// Each language of a brand shows up where it should: the French brands
// speak mostly French, the fitness brand mostly English, each with some of
// the other.
func TestBacklogLanguagesPerBrand(t *testing.T) {
	count := map[string]map[string]int{}
	accts := workspaceAccounts()
	bs := backlogs(t, 42)
	for _, a := range accts {
		if count[a.ClientSlug] == nil {
			count[a.ClientSlug] = map[string]int{}
		}
		for _, it := range bs[a.ID].Items {
			count[a.ClientSlug][it.Lang]++
		}
	}
	tests := []struct{ slug, main, other string }{
		{"pixelforge", "fr", "en"}, {"fournil", "fr", "en"}, {"ironpulse", "en", "fr"},
	}
	for _, tt := range tests {
		c := count[tt.slug]
		if c[tt.main] <= c[tt.other] || c[tt.other] == 0 {
			t.Errorf("%s: languages %v, want mostly %s with some %s", tt.slug, c, tt.main, tt.other)
		}
	}
}

// Ids that the store may key without the account (posts, authors) stay
// unique across accounts of the same network.
func TestIDsUniqueAcrossAccounts(t *testing.T) {
	posts := map[string]bool{}
	authors := map[string]string{} // network/remote id → handle
	for _, b := range backlogs(t, 42) {
		for _, p := range b.Posts {
			if posts[p.RemoteID] {
				t.Errorf("post id %s used by two accounts", p.RemoteID)
			}
			posts[p.RemoteID] = true
		}
		for _, it := range b.Items {
			key := it.Author.Network + "/" + it.Author.RemoteID
			if h, ok := authors[key]; ok && h != it.Author.Handle {
				t.Errorf("author %s is both %s and %s", key, h, it.Author.Handle)
			}
			authors[key] = it.Author.Handle
		}
	}
}
