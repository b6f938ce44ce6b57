package mastodon

import (
	"cmdeck/core"
	"cmdeck/providers"
	"context"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestFetchMapping(t *testing.T) {
	f := newFake(t)
	bob := account("42", "bob@other.social", "Bob <b>", 1234)
	m := status("100", bob, `<p><span class="h-card"><a href="https://example.social/@me" class="u-url mention">@<span>me</span></a></span> hi <a href="https://example.social/tags/cm" class="mention hashtag" rel="tag">#<span>cm</span></a></p><p>second</p>`, "public", strp("99"))
	m["spoiler_text"] = "spoilers"
	m["media_attachments"] = []any{map[string]any{"id": "m1", "type": "image", "url": "https://files.example.social/a.png", "preview_url": "https://files.example.social/a_s.png"}}
	f.addMention(10, m)
	dm := status("101", bob, "<p>secret</p>", "direct", nil)
	dm["url"] = nil
	f.addMention(11, dm)

	p := f.provider(t, core.NewManualClock(t0))
	b, err := p.Fetch(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Items) != 2 {
		t.Fatalf("items = %d", len(b.Items))
	}
	if b.Cursor != "v1:11" || b.More {
		t.Errorf("cursor %q more %v", b.Cursor, b.More)
	}
	var it, d core.Item
	for _, x := range b.Items {
		if x.RemoteID == "100" {
			it = x
		} else {
			d = x
		}
	}
	wantBody := "CW: spoilers\n@me hi #cm\n\nsecond\nhttps://files.example.social/a.png"
	if it.Body != wantBody {
		t.Errorf("body = %q, want %q", it.Body, wantBody)
	}
	if it.Kind != core.KindMention || it.ParentRemoteID != "99" || it.URL != "https://example.social/@x/100" || it.Lang != "en" {
		t.Errorf("item = %+v", it)
	}
	if !it.CreatedAt.Equal(time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("created = %v", it.CreatedAt)
	}
	a := it.Author
	if a.RemoteID != "42" || a.Handle != "@bob@other.social" || a.Name != "Bob <b>" || a.Followers != 1234 || a.Network != "example.social" {
		t.Errorf("author = %+v", a)
	}
	if d.Kind != core.KindDM || d.Body != "secret" || d.URL != "https://example.social/users/x/statuses/101" || d.ParentRemoteID != "" {
		t.Errorf("dm = %+v", d)
	}
	if !it.NeedsReply || !d.NeedsReply {
		t.Errorf("a mention (%v) and a DM (%v) wait for an answer", it.NeedsReply, d.NeedsReply)
	}
}

func TestFetchIncrementalAndPaging(t *testing.T) {
	f := newFake(t)
	bob := account("42", "bob", "Bob", 1)
	for i := 1; i <= 50; i++ {
		f.addMention(i, status(strconv.Itoa(1000+i), bob, "<p>m</p>", "public", nil))
	}
	p := f.provider(t, core.NewManualClock(t0))
	ctx := context.Background()
	b, err := p.Fetch(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	// The first sync pages back through Link rel="next": all 50 are
	// within first_sync_days.
	if len(b.Items) != 50 || b.Cursor != "v1:50" || b.More {
		t.Fatalf("first sync: %d items, cursor %q, more %v", len(b.Items), b.Cursor, b.More)
	}
	// Nothing new: same cursor, no items.
	b2, err := p.Fetch(ctx, b.Cursor)
	if err != nil || len(b2.Items) != 0 || b2.Cursor != b.Cursor || b2.More {
		t.Fatalf("idle: %v %+v", err, b2)
	}
	// 250 new ones: 5 pages of 40 through Link rel=prev, then More.
	for i := 51; i <= 300; i++ {
		f.addMention(i, status(strconv.Itoa(1000+i), bob, "<p>m</p>", "public", nil))
	}
	b3, err := p.Fetch(ctx, b.Cursor)
	if err != nil {
		t.Fatal(err)
	}
	if len(b3.Items) != 200 || b3.Cursor != "v1:250" || !b3.More {
		t.Fatalf("bounded: %d items, cursor %q, more %v", len(b3.Items), b3.Cursor, b3.More)
	}
	// Cursor round trip: resume from the string alone, with a new provider.
	p2 := f.provider(t, core.NewManualClock(t0))
	b4, err := p2.Fetch(ctx, b3.Cursor)
	if err != nil {
		t.Fatal(err)
	}
	if len(b4.Items) != 50 || b4.Cursor != "v1:300" || b4.More {
		t.Fatalf("resume: %d items, cursor %q, more %v", len(b4.Items), b4.Cursor, b4.More)
	}
	seen := map[string]bool{}
	for _, bb := range []core.Batch{b3, b4} {
		for _, it := range bb.Items {
			if seen[it.RemoteID] {
				t.Errorf("duplicate %s", it.RemoteID)
			}
			seen[it.RemoteID] = true
		}
	}
	if len(seen) != 250 {
		t.Errorf("saw %d distinct new items, want 250", len(seen))
	}
}

func TestOffHostLinkRefused(t *testing.T) {
	f := newFake(t)
	p := f.provider(t, core.NewManualClock(t0))
	for i := 1; i <= 40; i++ {
		f.addMention(i, status(strconv.Itoa(i), account("42", "bob", "Bob", 1), "<p>m</p>", "public", nil))
	}
	f.linkOver = `<https://evil.example/steal>; rel="prev"`
	_, err := p.Fetch(context.Background(), "v1:0")
	if err == nil || !providers.IsPermanent(err) {
		t.Fatalf("followed an off-host Link: %v", err)
	}
}

func TestFetchOwnPostsAndSnapshot(t *testing.T) {
	f := newFake(t)
	me := f.me
	p1 := status("500", me, "<p>launch <b>day</b></p>", "public", nil)
	p1["favourites_count"], p1["reblogs_count"], p1["replies_count"] = 12, 3, 4
	reply := status("501", me, "<p>thanks</p>", "public", strp("77"))
	f.own = []map[string]any{reply, p1}
	clock := core.NewManualClock(t0)
	p := f.provider(t, clock)
	ctx := context.Background()
	b, err := p.Fetch(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Posts) != 1 {
		t.Fatalf("posts = %+v", b.Posts)
	}
	want := core.Post{RemoteID: "500", Body: "launch day", Status: core.PostPublished,
		PublishedAt: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC), URL: "https://example.social/@x/500",
		Likes: 12, Shares: 3, Replies: 4}
	if !reflect.DeepEqual(b.Posts[0], want) {
		t.Errorf("post = %+v, want %+v", b.Posts[0], want)
	}
	day := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	if len(b.Snapshots) != 1 || b.Snapshots[0] != (core.StatSnapshot{Day: day, Followers: 10, Following: 3, Posts: 7}) {
		t.Errorf("snapshots = %+v", b.Snapshots)
	}
	// A 30 s ticker and a More-loop within the hour: no posts, no snapshot,
	// no extra requests.
	for range 3 {
		clock.Advance(30 * time.Second)
		b, err = p.Fetch(ctx, b.Cursor)
		if err != nil || len(b.Posts) != 0 || len(b.Snapshots) != 0 {
			t.Fatalf("within the hour: %v %+v", err, b)
		}
	}
	if n, m := f.count("GET /api/v1/accounts/verify_credentials"), f.count("GET /api/v1/accounts/1/statuses"); n != 1 || m != 1 {
		t.Fatalf("verify_credentials %d, statuses %d calls", n, m)
	}
	// An hour later: posts again (account id cached), same day: no snapshot.
	clock.Advance(time.Hour)
	b, err = p.Fetch(ctx, b.Cursor)
	if err != nil || len(b.Posts) != 1 || len(b.Snapshots) != 0 {
		t.Fatalf("an hour later: %v %+v", err, b)
	}
	if n := f.count("GET /api/v1/accounts/verify_credentials"); n != 1 {
		t.Errorf("verify_credentials called %d times, want 1 (id cached)", n)
	}
	// Next day: a new snapshot with the new figures.
	f.mu.Lock()
	f.me["followers_count"] = 11
	f.mu.Unlock()
	clock.Advance(12 * time.Hour)
	b, err = p.Fetch(ctx, b.Cursor)
	if err != nil || len(b.Snapshots) != 1 || b.Snapshots[0].Followers != 11 || !b.Snapshots[0].Day.Equal(day.AddDate(0, 0, 1)) {
		t.Fatalf("next day: %v %+v", err, b.Snapshots)
	}
	// A later step failing fails the batch, and the posts come again with
	// the retry instead of being lost.
	clock.Advance(time.Hour)
	f.mu.Lock()
	f.convs, f.failWith, f.failPath = []map[string]any{}, 503, "/api/v1/conversations"
	f.mu.Unlock()
	if _, err := p.Fetch(ctx, b.Cursor); err == nil {
		t.Fatal("conversations 503: no error")
	}
	f.mu.Lock()
	f.failWith, f.failPath = 0, ""
	f.mu.Unlock()
	if b, err = p.Fetch(ctx, b.Cursor); err != nil || len(b.Posts) != 1 {
		t.Fatalf("retry: %v %+v", err, b)
	}
	// A bad verify_credentials fails the batch (the cursor does not move).
	clock.Advance(2 * time.Hour)
	f.mu.Lock()
	f.own = nil
	f.me = map[string]any{"id": 1}
	f.mu.Unlock()
	p2 := f.provider(t, clock)
	if _, err := p2.Fetch(ctx, ""); err == nil || !providers.IsPermanent(err) {
		t.Errorf("bad verify_credentials: %v", err)
	}
}

func TestFetchConversations(t *testing.T) {
	f := newFake(t)
	bob := account("42", "bob", "Bob", 5)
	dm := status("101", bob, "<p>secret</p>", "direct", nil)
	f.addMention(11, dm)
	f.addConversation("c1", dm) // same status as the mention: one item
	f.addConversation("c2", status("102", bob, "<p>another</p>", "direct", nil))
	f.addConversation("c3", status("103", f.me, "<p>our answer</p>", "direct", strp("99")))
	p := f.provider(t, core.NewManualClock(t0))
	ctx := context.Background()
	b, err := p.Fetch(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]core.ItemKind{}
	for _, it := range b.Items {
		if _, dup := got[it.RemoteID]; dup {
			t.Errorf("duplicate %s", it.RemoteID)
		}
		got[it.RemoteID] = it.Kind
	}
	if len(got) != 2 || got["101"] != core.KindDM || got["102"] != core.KindDM {
		t.Fatalf("items = %v", got)
	}
	if b.Cursor != "v2:11:103" {
		t.Fatalf("cursor = %q", b.Cursor)
	}
	// Nothing new.
	b2, err := p.Fetch(ctx, b.Cursor)
	if err != nil || len(b2.Items) != 0 || b2.Cursor != b.Cursor {
		t.Fatalf("idle: %v %+v", err, b2)
	}
	// A new message in an old conversation: only it, from a new provider.
	f.mu.Lock()
	f.convs[1]["last_status"] = status("104", bob, "<p>again</p>", "public", nil)
	f.mu.Unlock()
	b3, err := f.provider(t, core.NewManualClock(t0)).Fetch(ctx, b.Cursor)
	if err != nil || len(b3.Items) != 1 || b3.Items[0].RemoteID != "104" || b3.Items[0].Kind != core.KindDM || b3.Cursor != "v2:11:104" {
		t.Fatalf("incremental: %v %+v", err, b3)
	}
	// Old cursors keep working; a missing endpoint (404) is skipped.
	f.mu.Lock()
	f.convs = nil
	f.mu.Unlock()
	b4, err := p.Fetch(ctx, "v1:11")
	if err != nil || len(b4.Items) != 0 || b4.Cursor != "v1:11" {
		t.Fatalf("v1 cursor, no endpoint: %v %+v", err, b4)
	}
	for _, c := range []string{"v2:11:104", "v2::104", "v2:11:"} {
		if _, _, err := parseCursor(c); err != nil {
			t.Errorf("parseCursor(%q): %v", c, err)
		}
	}
	for _, c := range []string{"v2:5", "v2::", "v2:1:2:3", "v2:1:2&x"} {
		if _, _, err := parseCursor(c); err == nil {
			t.Errorf("parseCursor(%q) accepted", c)
		}
	}
}

// at formats a time as the API does.
func at(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

func TestFetchActivity(t *testing.T) {
	f := newFake(t)
	bob := account("42", "bob", "Bob \x1b[31m", 12)
	post := status("500", f.me, "<p>launch</p>", "public", nil)
	f.addMention(1, status("100", bob, "<p>@me hi</p>", "public", nil))
	f.addNotification(2, "favourite", bob, post, "2026-11-20T10:01:00.000Z")
	f.addNotification(3, "reblog", bob, post, "2026-11-20T10:02:00.000Z")
	f.addNotification(4, "follow", bob, nil, "2026-11-20T10:03:00.000Z")
	f.addNotification(5, "favourite", bob, nil, "2026-11-20T10:04:00.000Z") // its status deleted
	f.addNotification(6, "poll", bob, post, "2026-11-20T10:05:00.000Z")
	f.addNotification(7, "mention", bob, nil, "2026-11-20T10:06:00.000Z") // status gone
	f.ignoreTypes = true                                                  // a server that sends every type: filtered in code
	p := f.provider(t, core.NewManualClock(t0))
	b, err := p.Fetch(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"mention", "favourite", "reblog", "follow"}; !slices.Equal(f.lastTypes, want) {
		t.Errorf("types[] = %v, want %v", f.lastTypes, want)
	}
	if len(b.Items) != 1 || b.Items[0].RemoteID != "100" {
		t.Errorf("items = %+v", b.Items)
	}
	if b.Cursor != "v1:7" {
		t.Errorf("cursor = %q (every notification moves it)", b.Cursor)
	}
	author := core.Author{Network: "example.social", RemoteID: "42", Handle: "@bob", Name: "Bob [31m", Followers: 12}
	want := []core.Engagement{
		{RemoteID: "2", Kind: core.EngageLike, Author: author, PostRemoteID: "500", At: time.Date(2026, 11, 20, 10, 1, 0, 0, time.UTC)},
		{RemoteID: "3", Kind: core.EngageShare, Author: author, PostRemoteID: "500", At: time.Date(2026, 11, 20, 10, 2, 0, 0, time.UTC)},
		{RemoteID: "4", Kind: core.EngageFollow, Author: author, At: time.Date(2026, 11, 20, 10, 3, 0, 0, time.UTC)},
	}
	slices.SortFunc(b.Engagements, func(x, y core.Engagement) int { return strings.Compare(x.RemoteID, y.RemoteID) })
	if !reflect.DeepEqual(b.Engagements, want) {
		t.Errorf("engagements =\n%+v\nwant\n%+v", b.Engagements, want)
	}
	// Incremental: only the newer ones.
	f.addNotification(8, "favourite", account("43", "ana", "Ana", 1), post, "2026-11-20T11:00:00.000Z")
	b, err = p.Fetch(context.Background(), b.Cursor)
	if err != nil || len(b.Engagements) != 1 || b.Engagements[0].RemoteID != "8" || b.Cursor != "v1:8" {
		t.Fatalf("incremental: %v %+v", err, b)
	}
}

func TestFetchActivityOff(t *testing.T) {
	f := newFake(t)
	bob := account("42", "bob", "Bob", 12)
	f.addMention(1, status("100", bob, "<p>@me hi</p>", "public", nil))
	f.addNotification(2, "follow", bob, nil, "2026-11-20T10:03:00.000Z")
	p := f.providerWith(t, core.NewManualClock(t0), map[string]string{"activity": "false"})
	b, err := p.Fetch(context.Background(), "")
	if err != nil || len(b.Items) != 1 || len(b.Engagements) != 0 || b.Cursor != "v1:1" {
		t.Fatalf("%v %+v", err, b)
	}
	if !slices.Equal(f.lastTypes, []string{"mention"}) {
		t.Errorf("types[] = %v", f.lastTypes)
	}
	f.set(func() { f.ignoreTypes = true })
	b, err = p.Fetch(context.Background(), "")
	if err != nil || len(b.Items) != 1 || len(b.Engagements) != 0 {
		t.Fatalf("server ignoring types[]: %v %+v", err, b)
	}
}

func TestFirstSyncBoundedInDays(t *testing.T) {
	f := newFake(t)
	bob := account("42", "bob", "Bob", 1)
	// One an hour, the newest now: 52..100 are within two days.
	for i := 1; i <= 100; i++ {
		when := t0.Add(-time.Duration(100-i) * time.Hour)
		st := status(strconv.Itoa(1000+i), bob, "<p>m</p>", "public", nil)
		st["created_at"] = at(when)
		f.addNotification(i, "mention", bob, st, at(when))
	}
	p := f.providerWith(t, core.NewManualClock(t0), map[string]string{"first_sync_days": "2"})
	b, err := p.Fetch(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Items) != 49 || b.Cursor != "v1:100" || b.More {
		t.Fatalf("%d items, cursor %q, more %v", len(b.Items), b.Cursor, b.More)
	}
	for _, it := range b.Items {
		if it.CreatedAt.Before(t0.Add(-48 * time.Hour)) {
			t.Errorf("item %s of %v is older than the bound", it.RemoteID, it.CreatedAt)
		}
	}
	// Two pages: the second reached past the bound.
	if n := f.count("GET /api/v1/notifications"); n != 2 {
		t.Errorf("%d pages read, want 2", n)
	}
}

func TestFirstSyncPageCap(t *testing.T) {
	f := newFake(t)
	bob := account("42", "bob", "Bob", 1)
	for i := 1; i <= 500; i++ {
		f.addMention(i, status(strconv.Itoa(1000+i), bob, "<p>m</p>", "public", nil))
	}
	p := f.providerWith(t, core.NewManualClock(t0), map[string]string{"first_sync_days": "365"})
	b, err := p.Fetch(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Items) != 400 || b.Cursor != "v1:500" || b.More {
		t.Fatalf("%d items, cursor %q, more %v", len(b.Items), b.Cursor, b.More)
	}
	if n := f.count("GET /api/v1/notifications"); n != firstSyncPages {
		t.Errorf("%d pages read", n)
	}
	// The older ones are not fetched later either: the cursor is the newest.
	b, err = p.Fetch(context.Background(), b.Cursor)
	if err != nil || len(b.Items) != 0 {
		t.Fatalf("after: %v %d items", err, len(b.Items))
	}
}

func TestFetchUnusableIDs(t *testing.T) {
	f := newFake(t)
	bob := account("42", "bob", "Bob", 1)
	f.addMention(1, status("100", bob, "<p>ok</p>", "public", nil))
	f.addMention(2, status("", bob, "<p>no id</p>", "public", nil))
	f.addMention(3, status("102", account("", "ghost", "", 0), "<p>no author id</p>", "public", nil))
	f.set(func() {
		f.notifs = append(f.notifs, map[string]any{"id": "9:9", "type": "mention", "created_at": "2026-11-20T10:00:00.000Z",
			"account": bob, "status": status("103", bob, "<p>bad cursor id</p>", "public", nil)})
	})
	p := f.provider(t, core.NewManualClock(t0))
	b, err := p.Fetch(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Items) != 1 || b.Items[0].RemoteID != "100" || b.Cursor != "v1:3" {
		t.Fatalf("items %+v cursor %q", b.Items, b.Cursor)
	}
	if _, _, err := parseCursor(b.Cursor); err != nil {
		t.Error(err)
	}
}

// ownWithReplies sets n own posts (ids 500…), each with a direct reply
// from bob (ids 600…) that is no mention.
func ownWithReplies(f *fakeServer, n int) {
	bob := account("42", "bob", "Bob", 1)
	f.set(func() {
		f.own = nil
		for i := range n {
			post := status(strconv.Itoa(500+i), f.me, "<p>post</p>", "public", nil)
			post["replies_count"] = 1
			f.own = append([]map[string]any{post}, f.own...) // newest first
			reply := status(strconv.Itoa(600+i), bob, "<p>nice</p>", "public", strp(strconv.Itoa(500+i)))
			f.statuses[reply["id"].(string)] = reply
		}
	})
}

func TestCommentsOnOwnPosts(t *testing.T) {
	f := newFake(t)
	bob, ana := account("42", "bob", "Bob", 1), account("43", "ana", "Ana", 1)
	ownWithReplies(f, 1)
	f.set(func() {
		f.own[0]["replies_count"] = 4
		quiet := status("501", f.me, "<p>no replies</p>", "public", nil)
		f.own = append(f.own, quiet)
	})
	f.addStatus(status("601", f.me, "<p>our answer</p>", "public", strp("500")))
	f.addStatus(status("602", ana, "<p>nested</p>", "public", strp("600")))
	mention := status("603", ana, "<p>@me and a mention</p>", "public", strp("500"))
	f.addMention(1, mention)
	clock := core.NewManualClock(t0)
	p := f.provider(t, clock)
	ctx := context.Background()
	b, err := p.Fetch(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]core.Item{}
	for _, it := range b.Items {
		if _, dup := got[it.RemoteID]; dup {
			t.Errorf("duplicate %s", it.RemoteID)
		}
		got[it.RemoteID] = it
	}
	if len(got) != 2 || got["603"].Kind != core.KindMention {
		t.Fatalf("items = %+v", b.Items)
	}
	c := got["600"]
	if c.Kind != core.KindComment || c.ParentRemoteID != "500" || c.Author.RemoteID != "42" || c.Body != "nice" {
		t.Errorf("comment = %+v", c)
	}
	if n := f.count("GET /api/v1/statuses/500/context"); n != 1 || f.count("GET /api/v1/statuses/501/context") != 0 {
		t.Errorf("context calls: 500 %d, 501 %d", n, f.count("GET /api/v1/statuses/501/context"))
	}
	// An hour later, the same count: the thread is not read again.
	clock.Advance(time.Hour)
	if b, err = p.Fetch(ctx, b.Cursor); err != nil || len(b.Posts) != 2 {
		t.Fatalf("an hour later: %v %+v", err, b)
	}
	if n := f.count("GET /api/v1/statuses/500/context"); n != 1 {
		t.Errorf("thread read again without new replies (%d)", n)
	}
	// A new reply: read again, the new one comes.
	f.addStatus(status("604", bob, "<p>again</p>", "public", strp("500")))
	f.set(func() { f.own[0]["replies_count"] = 5 })
	clock.Advance(time.Hour)
	if b, err = p.Fetch(ctx, b.Cursor); err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(b.Items, func(it core.Item) bool { return it.RemoteID == "604" && it.Kind == core.KindComment }) {
		t.Errorf("new reply missing: %+v", b.Items)
	}
	// After a restart the counts are unknown: the thread is read again
	// (ingest drops what it already has).
	if _, err := f.provider(t, clock).Fetch(ctx, b.Cursor); err != nil {
		t.Fatal(err)
	}
	if n := f.count("GET /api/v1/statuses/500/context"); n != 3 {
		t.Errorf("context calls after a restart: %d, want 3", n)
	}
}

func TestCommentsCappedPerFetch(t *testing.T) {
	f := newFake(t)
	ownWithReplies(f, 8)
	clock := core.NewManualClock(t0)
	p := f.provider(t, clock)
	ctx := context.Background()
	contexts := func() int {
		n := 0
		for i := range 8 {
			n += f.count("GET /api/v1/statuses/" + strconv.Itoa(500+i) + "/context")
		}
		return n
	}
	b, err := p.Fetch(ctx, "")
	if err != nil || contexts() != maxContextCalls || len(b.Items) != maxContextCalls {
		t.Fatalf("first: %v, %d calls, %d items", err, contexts(), len(b.Items))
	}
	// The newest posts went first.
	for _, it := range b.Items {
		if it.ParentRemoteID < "503" {
			t.Errorf("an older post was read first: %s", it.ParentRemoteID)
		}
	}
	clock.Advance(time.Hour)
	b, err = p.Fetch(ctx, b.Cursor)
	if err != nil || contexts() != 8 || len(b.Items) != 3 {
		t.Fatalf("second: %v, %d calls, %d items", err, contexts(), len(b.Items))
	}
	clock.Advance(time.Hour)
	if _, err = p.Fetch(ctx, b.Cursor); err != nil || contexts() != 8 {
		t.Fatalf("third: %v, %d calls", err, contexts())
	}
}

func TestCommentsThreadFailures(t *testing.T) {
	f := newFake(t)
	ownWithReplies(f, 1)
	clock := core.NewManualClock(t0)
	p := f.provider(t, clock)
	ctx := context.Background()
	// A thread that fails fails the batch; the retry reads it again.
	f.set(func() { f.failWith, f.failPath = 503, "/api/v1/statuses/500/context" })
	if _, err := p.Fetch(ctx, ""); providers.Classify(err) != providers.ClassTransient {
		t.Fatalf("503: %v", err)
	}
	f.set(func() { f.failWith = 0 })
	b, err := p.Fetch(ctx, "")
	if err != nil || len(b.Items) != 1 {
		t.Fatalf("retry: %v %+v", err, b.Items)
	}
	// A post deleted meanwhile (404 on its thread) just has no comments.
	f.set(func() { f.own[0]["replies_count"] = 2; f.failWith, f.failPath = 404, "/api/v1/statuses/500/context" })
	clock.Advance(time.Hour)
	if b, err = p.Fetch(ctx, b.Cursor); err != nil || len(b.Posts) != 1 {
		t.Fatalf("404: %v %+v", err, b)
	}
}
