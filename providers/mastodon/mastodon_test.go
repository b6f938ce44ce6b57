package mastodon

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

var t0 = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func TestHTMLToText(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain", "<p>hello world</p>", "hello world"},
		{"paragraphs", "<p>one</p><p>two</p>", "one\n\ntwo"},
		{"br", "<p>a<br>b<br/>c<br />d</p>", "a\nb\nc\nd"},
		{"mention", `<p><span class="h-card"><a href="https://x.social/@bob" class="u-url mention">@<span>bob</span></a></span> hi</p>`, "@bob hi"},
		{"hashtag", `<p>love <a href="https://x.social/tags/go" class="mention hashtag" rel="tag">#<span>go</span></a></p>`, "love #go"},
		{"link", `<p>see <a href="https://example.com/a" rel="nofollow noopener" target="_blank"><span class="invisible">https://</span><span class="">example.com/a</span><span class="invisible"></span></a></p>`, "see https://example.com/a"},
		{"entities", "<p>a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;</p>", `a & b <c> "d" 'e'`},
		{"escaped tag stays text", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", "<script>alert(1)</script>"},
		{"script dropped", "<p>hi<script>alert('x')</script> there</p>", "hi there"},
		{"style dropped", "<style>p{color:red}</style><p>ok</p>", "ok"},
		{"unclosed tag", "<p>text <a href=\"x", "text"},
		{"stray gt", "a > b", "a > b"},
		{"control chars", "<p>a\x1b[31mred\x07</p>", "a[31mred"},
		{"bidi override", "<p>abc\u202edef</p>", "abcdef"},
		{"many blank lines", "<p>a</p><p></p><p></p><p>b</p>", "a\n\nb"},
		{"uppercase tags", "<P>a<BR>b</P>", "a\nb"},
		{"empty", "", ""},
		{"only tags", "<p><span></span></p>", ""},
		{"nested script close name", "<script>x</style>y</script>z", "z"},
	}
	for _, c := range cases {
		if got := htmlToText(c.in); got != c.want {
			t.Errorf("%s: htmlToText(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestNewValidates(t *testing.T) {
	for _, s := range []map[string]string{{}, {"server": "http://plain.social"}, {"server": "::bad"}} {
		if _, err := New(providers.AccountConfig{Settings: s, Secret: "t"}, nil, nil); err == nil {
			t.Errorf("New(%v) accepted", s)
		}
	}
	if _, err := New(providers.AccountConfig{Settings: map[string]string{"server": "https://x.social"}}, nil, nil); err == nil {
		t.Error("New without a token accepted")
	}
	p, err := New(providers.AccountConfig{Settings: map[string]string{"server": "https://x.social/"}, Secret: "t"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	caps := p.Capabilities()
	for _, c := range []providers.Capability{providers.CapReply, providers.CapDelete, providers.CapBlock, providers.CapPublish} {
		if !caps.Has(c) {
			t.Errorf("missing capability %s", c)
		}
	}
	if caps.Has(providers.CapHide) || caps.Has(providers.CapSpam) {
		t.Error("declares hide/spam")
	}
	if p.LengthLimit() != 500 {
		t.Errorf("LengthLimit = %d", p.LengthLimit())
	}
}

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
	if len(b.Items) != 40 || b.Cursor != "v1:50" || b.More {
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

func TestBadCursor(t *testing.T) {
	f := newFake(t)
	p := f.provider(t, core.NewManualClock(t0))
	for _, c := range []string{"garbage", "v1:", "v1:1&max_id=2", "v2:5"} {
		_, err := p.Fetch(context.Background(), c)
		if err == nil || !providers.IsPermanent(err) {
			t.Errorf("cursor %q: err = %v", c, err)
		}
	}
}

func TestErrorMapping(t *testing.T) {
	f := newFake(t)
	p := f.provider(t, core.NewManualClock(t0))
	ctx := context.Background()
	for _, c := range []struct {
		status    int
		permanent bool
	}{{401, true}, {403, true}, {404, true}, {422, true}, {429, false}, {500, false}, {503, false}} {
		f.mu.Lock()
		f.failWith = c.status
		f.mu.Unlock()
		_, err := p.Fetch(ctx, "")
		if err == nil {
			t.Fatalf("%d: no error", c.status)
		}
		if providers.IsPermanent(err) != c.permanent {
			t.Errorf("%d: permanent = %v, want %v (%v)", c.status, !c.permanent, c.permanent, err)
		}
		var ae *APIError
		if !errors.As(err, &ae) || ae.Status != c.status {
			t.Errorf("%d: not an APIError: %v", c.status, err)
		}
		if strings.Contains(err.Error(), testToken) {
			t.Errorf("%d: token in error", c.status)
		}
	}
	// A wrong token is a 401 → permanent, and the token is not echoed.
	bad, err := New(providers.AccountConfig{Settings: map[string]string{"server": f.srv.URL}, Secret: "other-token-123"}, nil, f.srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	f.failWith = 0
	f.mu.Unlock()
	_, err = bad.Fetch(ctx, "")
	if !providers.IsPermanent(err) || strings.Contains(err.Error(), "other-token-123") {
		t.Errorf("401: %v", err)
	}
	// Network error → transient, no token.
	f.srv.Close()
	_, err = p.Fetch(ctx, "")
	if err == nil || providers.IsPermanent(err) || strings.Contains(err.Error(), testToken) {
		t.Errorf("network: %v", err)
	}
}

func TestTokenNeverInErrors(t *testing.T) {
	// A server that echoes the token back in its error message.
	srv := newFake(t)
	p := srv.provider(t, core.NewManualClock(t0))
	srv.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		w.Write([]byte(`{"error":"bad token ` + strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ") + `"}`))
	})
	ctx := context.Background()
	errs := []error{}
	_, err := p.Fetch(ctx, "")
	errs = append(errs, err)
	_, err = p.Do(ctx, core.Action{Kind: core.ActReply, TargetRemoteID: "1", Payload: "x", IdempotencyKey: "k"})
	errs = append(errs, err)
	_, _, err = p.Check(ctx, core.Action{Kind: core.ActReply, TargetRemoteID: "1", Payload: "x"})
	errs = append(errs, err)
	for i, err := range errs {
		if err == nil || strings.Contains(err.Error(), testToken) {
			t.Errorf("%d: %v", i, err)
		}
	}
}

func TestRateLimitWait(t *testing.T) {
	// Per request: a Fetch now makes several, so drive single calls.
	f := newFake(t)
	clock := core.NewManualClock(t0)
	p := f.provider(t, clock)
	reset := t0.Add(90 * time.Second)
	f.rateHdr = map[string]string{
		"X-RateLimit-Limit":     "300",
		"X-RateLimit-Remaining": "0",
		"X-RateLimit-Reset":     reset.Format("2006-01-02T15:04:05.000Z"),
	}
	var slept []time.Duration
	p.Client().SetSleeper(func(_ context.Context, d time.Duration) error {
		slept = append(slept, d)
		clock.Advance(d)
		return nil
	})
	ctx := context.Background()
	if _, err := p.Client().VerifyCredentials(ctx); err != nil {
		t.Fatal(err)
	}
	if len(slept) != 0 {
		t.Fatalf("slept before any header: %v", slept)
	}
	rl := p.Client().RateLimit()
	if !rl.Known || rl.Remaining != 0 || !rl.Reset.Equal(reset) {
		t.Fatalf("rate = %+v", rl)
	}
	f.mu.Lock()
	f.rateHdr["X-RateLimit-Remaining"] = "299"
	f.mu.Unlock()
	if _, err := p.Client().VerifyCredentials(ctx); err != nil {
		t.Fatal(err)
	}
	if len(slept) != 1 || slept[0] != 90*time.Second {
		t.Fatalf("slept %v, want [1m30s]", slept)
	}
	if _, err := p.Client().VerifyCredentials(ctx); err != nil {
		t.Fatal(err)
	}
	if len(slept) != 1 {
		t.Fatalf("slept again with budget left: %v", slept)
	}
	// A cancelled wait returns the context's error and sends nothing.
	f.mu.Lock()
	f.rateHdr["X-RateLimit-Remaining"] = "0"
	f.rateHdr["X-RateLimit-Reset"] = clock.Now().Add(time.Minute).Format(time.RFC3339)
	f.mu.Unlock()
	if _, err := p.Client().VerifyCredentials(ctx); err != nil {
		t.Fatal(err)
	}
	p.Client().SetSleeper(func(ctx context.Context, _ time.Duration) error { return context.Canceled })
	n := len(f.calls)
	if _, err := p.Client().VerifyCredentials(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if len(f.calls) != n {
		t.Error("request sent despite a failed wait")
	}
}

func TestDo(t *testing.T) {
	f := newFake(t)
	p := f.provider(t, core.NewManualClock(t0))
	ctx := context.Background()

	r, err := p.Do(ctx, core.Action{Kind: core.ActReply, TargetRemoteID: "100", Payload: "@bob thanks!", IdempotencyKey: "key-1"})
	if err != nil {
		t.Fatal(err)
	}
	if r.RemoteID != "901" || r.URL != "https://example.social/@x/901" {
		t.Errorf("reply result = %+v", r)
	}
	if got := f.bodies[0]; got["status"] != "@bob thanks!" || got["in_reply_to_id"] != "100" || got["visibility"] != "unlisted" {
		t.Errorf("reply body = %v", got)
	}
	if f.idemKeys[0] != "key-1" {
		t.Errorf("idempotency key = %q", f.idemKeys[0])
	}

	if _, err := p.Do(ctx, core.Action{Kind: core.ActReply, TargetRemoteID: "101", Payload: "visibility:direct\nsure", IdempotencyKey: "key-2"}); err != nil {
		t.Fatal(err)
	}
	if got := f.bodies[1]; got["status"] != "sure" || got["visibility"] != "direct" {
		t.Errorf("direct reply body = %v", got)
	}

	r, err = p.Do(ctx, core.Action{Kind: core.ActPublish, Payload: "Launch day!", IdempotencyKey: "key-3"})
	if err != nil || r.RemoteID != "903" {
		t.Fatalf("publish: %v %+v", err, r)
	}
	if got := f.bodies[2]; got["in_reply_to_id"] != "" || got["visibility"] != "" || got["status"] != "Launch day!" {
		t.Errorf("publish body = %v", got)
	}

	if _, err := p.Do(ctx, core.Action{Kind: core.ActDelete, TargetRemoteID: "901"}); err != nil {
		t.Fatal(err)
	}
	if len(f.deleted) != 1 || f.deleted[0] != "901" {
		t.Errorf("deleted = %v", f.deleted)
	}
	if _, err := p.Do(ctx, core.Action{Kind: core.ActDelete, TargetRemoteID: "404"}); !providers.IsPermanent(err) {
		t.Errorf("delete missing: %v", err)
	}

	if _, err := p.Do(ctx, core.Action{Kind: core.ActBlock, TargetRemoteID: "42"}); err != nil || !f.blocks["42"] {
		t.Errorf("block: %v %v", err, f.blocks)
	}
	if _, err := p.Do(ctx, core.Action{Kind: core.ActUnblock, TargetRemoteID: "42"}); err != nil || f.blocks["42"] {
		t.Errorf("unblock: %v %v", err, f.blocks)
	}

	for _, k := range []core.ActionKind{core.ActHide, core.ActUnhide, core.ActSpam, "favourite"} {
		if _, err := p.Do(ctx, core.Action{Kind: k, TargetRemoteID: "1"}); !errors.Is(err, providers.ErrUnsupported) {
			t.Errorf("%s: %v", k, err)
		}
	}
	for _, a := range []core.Action{
		{Kind: core.ActReply, Payload: "no target"},
		{Kind: core.ActReply, TargetRemoteID: "1", Payload: "  "},
		{Kind: core.ActDelete},
		{Kind: core.ActBlock},
	} {
		if _, err := p.Do(ctx, a); !providers.IsPermanent(err) {
			t.Errorf("%+v: %v", a, err)
		}
	}
}

func TestCheck(t *testing.T) {
	f := newFake(t)
	p := f.provider(t, core.NewManualClock(t0))
	ctx := context.Background()
	reply := core.Action{Kind: core.ActReply, TargetRemoteID: "100", Payload: "thanks  for\nthe report", IdempotencyKey: "k1"}

	if _, ok, err := p.Check(ctx, reply); err != nil || ok {
		t.Fatalf("before: ok=%v err=%v", ok, err)
	}
	sent, err := p.Do(ctx, reply)
	if err != nil {
		t.Fatal(err)
	}
	r, ok, err := p.Check(ctx, reply)
	if err != nil || !ok || r.RemoteID != sent.RemoteID || r.URL != sent.URL {
		t.Fatalf("after: %+v ok=%v err=%v", r, ok, err)
	}
	// Same text to another status, or other text: not found.
	other := reply
	other.TargetRemoteID = "200"
	if _, ok, _ := p.Check(ctx, other); ok {
		t.Error("matched a reply to another status")
	}
	other = reply
	other.Payload = "something else"
	if _, ok, _ := p.Check(ctx, other); ok {
		t.Error("matched other text")
	}
	// Publish: a root status with the same text.
	pub := core.Action{Kind: core.ActPublish, Payload: "thanks for the report", IdempotencyKey: "k2"}
	if _, ok, _ := p.Check(ctx, pub); ok {
		t.Error("publish matched a reply")
	}
	if _, err := p.Do(ctx, pub); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := p.Check(ctx, pub); !ok {
		t.Error("published post not found")
	}
	// Other kinds are never "already done".
	if _, ok, err := p.Check(ctx, core.Action{Kind: core.ActBlock, TargetRemoteID: "42"}); ok || err != nil {
		t.Errorf("block check: %v %v", ok, err)
	}
	// Check errors are typed like every other call.
	f.mu.Lock()
	f.failWith = 503
	f.mu.Unlock()
	if _, _, err := p.Check(ctx, reply); err == nil || providers.IsPermanent(err) {
		t.Errorf("503 check: %v", err)
	}
}

func TestStrictDecoding(t *testing.T) {
	f := newFake(t)
	p := f.provider(t, core.NewManualClock(t0))
	for _, body := range []string{`[{"id": 5, "type": "mention"}]`, `[{"id":"5","type":"mention","status":`, `{"not":"a list"}`} {
		f.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(body)) })
		if _, err := p.Fetch(context.Background(), ""); err == nil || !providers.IsPermanent(err) {
			t.Errorf("%s: %v", body, err)
		}
	}
}

func TestLinkRel(t *testing.T) {
	h := `<https://x.social/api/v1/notifications?max_id=7>; rel="next", <https://x.social/api/v1/notifications?min_id=9>; rel="prev"`
	if got := linkRel(h, "prev"); got != "https://x.social/api/v1/notifications?min_id=9" {
		t.Errorf("prev = %q", got)
	}
	if got := linkRel(h, "next"); got != "https://x.social/api/v1/notifications?max_id=7" {
		t.Errorf("next = %q", got)
	}
	if linkRel("", "next") != "" || linkRel("garbage", "next") != "" {
		t.Error("garbage parsed")
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
	if b.Posts[0] != want {
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
