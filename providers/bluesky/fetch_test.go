package bluesky

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

// notifsJSON is a page of notifications, newest first: a reply in a thread,
// a mention, a quote, a like, a follow, and a reason cmdeck ignores.
const notifsJSON = `{"cursor":"","notifications":[
 {"uri":"at://did:plc:bob/app.bsky.feed.post/3r","cid":"c1","reason":"reply","indexedAt":"2026-05-01T08:59:00.000Z",
  "author":{"did":"did:plc:bob","handle":"bob.test","displayName":"Bob\n  B"},
  "record":{"text":"réponse","createdAt":"2026-05-01T08:58:00.000Z","langs":["fr"],
   "reply":{"root":{"uri":"at://did:plc:alice/app.bsky.feed.post/3a","cid":"ca"},"parent":{"uri":"at://did:plc:bob/app.bsky.feed.post/3p","cid":"cp"}}}},
 {"uri":"at://did:plc:bob/app.bsky.feed.post/3m","cid":"c2","reason":"mention","indexedAt":"2026-05-01T08:50:00.000Z",
  "author":{"did":"did:plc:bob","handle":"bob.test"},"record":{"text":"@alice.test hello","createdAt":"2099-01-01T00:00:00Z"}},
 {"uri":"at://did:plc:eve/app.bsky.feed.post/3q","cid":"c3","reason":"quote","indexedAt":"2026-05-01T08:40:00.000Z",
  "author":{"did":"did:plc:eve","handle":"eve.test"},"record":{"text":"look","createdAt":"2026-05-01T08:40:00.000Z"}},
 {"uri":"at://did:plc:eve/app.bsky.feed.like/3l","cid":"c4","reason":"like","reasonSubject":"at://did:plc:alice/app.bsky.feed.post/3a",
  "indexedAt":"2026-05-01T08:30:00.000Z","author":{"did":"did:plc:eve","handle":"eve.test"},"record":{}},
 {"uri":"at://did:plc:eve/app.bsky.graph.follow/3f","cid":"c5","reason":"follow","indexedAt":"2026-05-01T08:20:00.000Z",
  "author":{"did":"did:plc:eve","handle":"eve.test"},"record":{}},
 {"uri":"at://did:plc:eve/app.bsky.graph.starterpack/3s","cid":"c6","reason":"starterpack-joined","indexedAt":"2026-05-01T08:10:00.000Z",
  "author":{"did":"did:plc:eve","handle":"eve.test"},"record":{}}
]}`

func fakeProvider(t *testing.T, notifs string) *Provider {
	t.Helper()
	return fakeAppView(t, func(nsid string, w http.ResponseWriter, _ *http.Request) bool {
		if nsid != nsListNotifs {
			return false
		}
		fmt.Fprint(w, notifs)
		return true
	})
}

// fakeAppView is a provider on a fake PDS and AppView: alice's session,
// feed and profile; route answers the rest first (true when it did).
func fakeAppView(t *testing.T, route func(nsid string, w http.ResponseWriter, r *http.Request) bool) *Provider {
	t.Helper()
	clock := core.NewManualClock(time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		nsid := strings.TrimPrefix(r.URL.Path, "/xrpc/")
		if route(nsid, w, r) {
			return
		}
		switch nsid {
		case "com.atproto.server.createSession":
			fmt.Fprintf(w, `{"accessJwt":%q,"refreshJwt":"r","did":"did:plc:alice","handle":"alice.test"}`, jwt("a", clock.Now().Add(time.Hour)))
		case "app.bsky.feed.getAuthorFeed":
			fmt.Fprint(w, `{"feed":[{"post":{"uri":"at://did:plc:alice/app.bsky.feed.post/3a","cid":"ca","author":{"did":"did:plc:alice","handle":"alice.test"},
			  "record":{"text":"launch","createdAt":"2026-04-30T10:00:00Z"},"likeCount":4,"repostCount":2,"quoteCount":1,"replyCount":3}},
			 {"post":{"uri":"at://did:plc:bob/app.bsky.feed.post/3x","cid":"cx","author":{"did":"did:plc:bob","handle":"bob.test"},"record":{"text":"x"}},
			  "reason":{"$type":"app.bsky.feed.defs#reasonRepost"}}]}`)
		case "app.bsky.actor.getProfile":
			fmt.Fprint(w, `{"did":"did:plc:alice","handle":"alice.test","followersCount":12,"postsCount":5}`)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	p, err := New(providers.AccountConfig{Account: core.Account{Network: "bluesky", Handle: "@alice.test"},
		Settings: map[string]string{"pds": srv.URL}, Secret: testPass}, clock, srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFetchMapsNotifications(t *testing.T) {
	p := fakeProvider(t, notifsJSON)
	b, err := p.Fetch(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Items) != 3 {
		t.Fatalf("items %+v, want the reply, the mention and the quote", b.Items)
	}
	byID := map[string]core.Item{}
	for _, it := range b.Items {
		byID[it.RemoteID] = it
	}
	r := byID["at://did:plc:bob/app.bsky.feed.post/3r"]
	if r.Kind != core.KindComment || r.ParentRemoteID != "at://did:plc:bob/app.bsky.feed.post/3p" ||
		r.ThreadRemoteID != "at://did:plc:alice/app.bsky.feed.post/3a" || r.Lang != "fr" || r.Author.Name != "Bob B" {
		t.Errorf("reply item %+v", r)
	}
	if r.URL != "https://bsky.app/profile/bob.test/post/3r" {
		t.Errorf("URL %q", r.URL)
	}
	m := byID["at://did:plc:bob/app.bsky.feed.post/3m"]
	if m.Kind != core.KindMention || !m.CreatedAt.Equal(time.Date(2026, 5, 1, 8, 50, 0, 0, time.UTC)) {
		t.Errorf("mention %+v: a createdAt in the future must give way to indexedAt", m)
	}
	if q := byID["at://did:plc:eve/app.bsky.feed.post/3q"]; q.Kind != core.KindMention || q.NeedsReply {
		t.Errorf("quote kind %q, needs reply %v: a quote talks about the brand, it is not asked", q.Kind, q.NeedsReply)
	}
	if !r.NeedsReply || !m.NeedsReply {
		t.Errorf("a reply (%v) and a mention (%v) wait for an answer", r.NeedsReply, m.NeedsReply)
	}
	if len(b.Engagements) != 2 || b.Engagements[0].Kind != core.EngageFollow || b.Engagements[1].Kind != core.EngageLike ||
		b.Engagements[1].PostRemoteID != "at://did:plc:alice/app.bsky.feed.post/3a" {
		t.Errorf("engagements %+v", b.Engagements)
	}
	if len(b.Posts) != 1 || b.Posts[0].Likes != 4 || b.Posts[0].Shares != 3 || b.Posts[0].Replies != 3 {
		t.Errorf("own posts %+v (reposts of others must be left out)", b.Posts)
	}
	if len(b.Snapshots) != 1 || b.Snapshots[0].Followers != 12 || b.Snapshots[0].Following != -1 {
		t.Errorf("snapshot %+v (a missing count is -1)", b.Snapshots)
	}
	again, err := p.Fetch(context.Background(), b.Cursor)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Items)+len(again.Engagements)+len(again.Posts)+len(again.Snapshots) != 0 {
		t.Errorf("the same page fetched again from the cursor brought %+v", again)
	}
}

func TestFetchActivityOff(t *testing.T) {
	p := fakeProvider(t, notifsJSON)
	p.set.activity = false
	b, err := p.Fetch(context.Background(), "")
	if err != nil || len(b.Engagements) != 0 || len(b.Items) != 3 {
		t.Errorf("activity off: %d engagements, %d items, %v", len(b.Engagements), len(b.Items), err)
	}
}

func TestFetchFirstSyncWindow(t *testing.T) {
	old := strings.ReplaceAll(notifsJSON, "2026-05-01T08:5", "2026-04-01T08:5") // reply and mention a month old
	p := fakeProvider(t, old)
	b, err := p.Fetch(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range b.Items {
		if it.CreatedAt.Before(time.Date(2026, 4, 20, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("item %s older than first_sync_days came in", it.RemoteID)
		}
	}
}
