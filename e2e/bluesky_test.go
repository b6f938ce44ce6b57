package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"cmdeck/app"
	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/providers"
	"cmdeck/providers/bluesky"
	"cmdeck/providers/providertest"
)

// The Bluesky tests run against the local AT Protocol network .ci/bluesky
// starts (PLC, PDS, AppView on 127.0.0.1): eval "$(.ci/bluesky)" first.
// alice is the brand's account, bob a member of the community.

// bskyEnv is the network .ci/bluesky printed.
type bskyEnv struct{ pds, user, pass, user2, pass2 string }

func blueskyNetwork(t *testing.T) bskyEnv {
	t.Helper()
	e := bskyEnv{pds: os.Getenv("CMDECK_BSKY_PDS"), user: os.Getenv("CMDECK_BSKY_USER"),
		pass: os.Getenv("CMDECK_BSKY_PASS"), user2: os.Getenv("CMDECK_BSKY_USER2"), pass2: os.Getenv("CMDECK_BSKY_PASS2")}
	if e.pds == "" || e.pass == "" || e.pass2 == "" {
		t.Skip("no local Bluesky network: run eval \"$(.ci/bluesky)\" to start one (CMDECK_BSKY_PDS unset)")
	}
	return e
}

// xrpcUser is a raw XRPC session, for what the test does as someone else
// and for reading the server's state behind the provider's back.
type xrpcUser struct {
	pds, did, handle, token string
}

func login(t *testing.T, pds, handle, pass string) *xrpcUser {
	t.Helper()
	var s struct{ AccessJwt, DID, Handle string }
	u := &xrpcUser{pds: pds}
	if code := u.call(t, "POST", "com.atproto.server.createSession", nil,
		map[string]string{"identifier": handle, "password": pass}, &s); code != 200 {
		t.Fatalf("login as %s: %d", handle, code)
	}
	u.did, u.handle, u.token = s.DID, s.Handle, s.AccessJwt
	return u
}

func (u *xrpcUser) call(t *testing.T, method, nsid string, q url.Values, body, out any) int {
	t.Helper()
	var rd *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req, err := http.NewRequest(method, u.pds+"/xrpc/"+nsid+"?"+q.Encode(), rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if u.token != "" {
		req.Header.Set("Authorization", "Bearer "+u.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s: %v", nsid, err)
	}
	defer resp.Body.Close()
	if out != nil && resp.StatusCode == 200 {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("%s: decode: %v", nsid, err)
		}
	}
	return resp.StatusCode
}

type ref struct {
	URI string `json:"uri"`
	CID string `json:"cid"`
}

// post writes a post as u mentioning mention (with its facet, which is
// what makes the AppView notify), replying to parent/root when set.
func (u *xrpcUser) post(t *testing.T, text string, mention *xrpcUser, root, parent *ref) ref {
	t.Helper()
	rec := map[string]any{"$type": "app.bsky.feed.post", "text": text,
		"createdAt": time.Now().UTC().Format(time.RFC3339Nano)}
	if mention != nil {
		at := "@" + mention.handle
		i := strings.Index(text, at)
		if i < 0 {
			t.Fatalf("%q does not mention %s", text, at)
		}
		rec["facets"] = []any{map[string]any{"index": map[string]int{"byteStart": i, "byteEnd": i + len(at)},
			"features": []any{map[string]string{"$type": "app.bsky.richtext.facet#mention", "did": mention.did}}}}
	}
	if parent != nil {
		rec["reply"] = map[string]any{"root": root, "parent": parent}
	}
	var r ref
	if code := u.call(t, "POST", "com.atproto.repo.createRecord", nil,
		map[string]any{"repo": u.did, "collection": "app.bsky.feed.post", "record": rec}, &r); code != 200 {
		t.Fatalf("post as %s: %d", u.handle, code)
	}
	return r
}

// waitNotified polls u's notifications until one is about uri: the AppView
// indexes writes asynchronously (well under a second here).
func (u *xrpcUser) waitNotified(t *testing.T, uri string) {
	t.Helper()
	eventuallyT(t, "notification for "+uri, func() bool {
		var np struct{ Notifications []struct{ URI string } }
		u.call(t, "GET", "app.bsky.notification.listNotifications", url.Values{"limit": {"50"}}, nil, &np)
		for _, n := range np.Notifications {
			if n.URI == uri {
				return true
			}
		}
		return false
	})
}

// records lists u's records of a collection (their URIs and values).
func (u *xrpcUser) records(t *testing.T, collection string) []struct {
	URI   string          `json:"uri"`
	Value json.RawMessage `json:"value"`
} {
	t.Helper()
	var ans struct {
		Records []struct {
			URI   string          `json:"uri"`
			Value json.RawMessage `json:"value"`
		} `json:"records"`
	}
	u.call(t, "GET", "com.atproto.repo.listRecords", url.Values{"repo": {u.did}, "collection": {collection}, "limit": {"100"}}, nil, &ans)
	return ans.Records
}

func eventuallyT(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// faultProxy stands between the provider and the PDS: it forwards every
// request, except that it answers the next one with the failure asked for.
type faultProxy struct {
	srv   *httptest.Server
	fault atomic.Value // providers.ErrorClass, "" for none
}

func newFaultProxy(t *testing.T, pds string) *faultProxy {
	t.Helper()
	target, err := url.Parse(pds)
	if err != nil {
		t.Fatal(err)
	}
	fp := &faultProxy{}
	fp.fault.Store(providers.ErrorClass(""))
	rp := httputil.NewSingleHostReverseProxy(target)
	fp.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		class := fp.fault.Swap(providers.ErrorClass("")).(providers.ErrorClass)
		if class == "" {
			rp.ServeHTTP(w, r)
			return
		}
		status, name := faultAnswer(class)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"error":%q,"message":"injected"}`, name)
	}))
	t.Cleanup(fp.srv.Close)
	return fp
}

func faultAnswer(class providers.ErrorClass) (int, string) {
	switch class {
	case providers.ClassAuth:
		return 401, "AuthenticationRequired"
	case providers.ClassRateLimited:
		return 429, "RateLimitExceeded"
	case providers.ClassNotFound:
		return 404, "NotFound"
	case providers.ClassPermanent:
		return 400, "InvalidRequest"
	}
	return 502, "UpstreamFailure"
}

func blueskyProvider(t *testing.T, pds, handle, pass string) *bluesky.Provider {
	t.Helper()
	p, err := bluesky.New(providers.AccountConfig{
		Account:  core.Account{Provider: "bluesky", Network: "bluesky", Handle: "@" + handle},
		Settings: map[string]string{"pds": pds},
		Secret:   pass,
	}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestBlueskyContract runs the provider contract against the real network;
// bob's mentions are the news, and a proxy injects the typed failures.
func TestBlueskyContract(t *testing.T) {
	e := blueskyNetwork(t)
	alice, bob := login(t, e.pds, e.user, e.pass), login(t, e.pds, e.user2, e.pass2)
	var seed sync.Once
	n := 0
	mention := func(t *testing.T) {
		n++
		p := bob.post(t, fmt.Sprintf("@%s question n°%d de %s", alice.handle, n, t.Name()), alice, nil, nil)
		alice.waitNotified(t, p.URI)
	}
	proxy := newFaultProxy(t, e.pds)
	providertest.Run(t, providertest.Harness{
		New: func(t *testing.T) providers.Provider {
			seed.Do(func() { mention(t) })
			return blueskyProvider(t, proxy.srv.URL, e.user, e.pass)
		},
		Advance: mention,
		Fail:    func(t *testing.T, class providers.ErrorClass) { proxy.fault.Store(class) },
	})
}

// TestBlueskyActionsOnServer checks on the server what each action did.
func TestBlueskyActionsOnServer(t *testing.T) {
	e := blueskyNetwork(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	alice, bob := login(t, e.pds, e.user, e.pass), login(t, e.pds, e.user2, e.pass2)
	p := blueskyProvider(t, e.pds, e.user, e.pass)
	stamp := time.Now().UnixNano()

	// A thread by bob: root, then a reply to it, both mentioning alice.
	root := bob.post(t, fmt.Sprintf("@%s sujet %d", alice.handle, stamp), alice, nil, nil)
	mid := bob.post(t, fmt.Sprintf("@%s précision %d", alice.handle, stamp), alice, &root, &root)
	alice.waitNotified(t, mid.URI)

	// The sync brings both, with the thread from the reply refs.
	b, err := p.Fetch(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	it := findBskyItem(b.Items, mid.URI)
	if it == nil {
		t.Fatalf("the sync did not bring bob's reply %s", mid.URI)
	}
	if it.ParentRemoteID != root.URI || it.ThreadRemoteID != root.URI || it.Author.RemoteID != bob.did {
		t.Errorf("item: parent %q thread %q author %q", it.ParentRemoteID, it.ThreadRemoteID, it.Author.RemoteID)
	}
	if want := "https://bsky.app/profile/" + bob.handle + "/post/"; !strings.HasPrefix(it.URL, want) {
		t.Errorf("item URL %q, want %s…", it.URL, want)
	}

	// Reply to the middle post: parent is it, root the thread's root; a
	// retry with the same key does not post again.
	key := fmt.Sprintf("reply-%d", stamp)
	text := fmt.Sprintf("Merci, on regarde %d", stamp)
	reply := core.Action{Kind: core.ActReply, TargetRemoteID: mid.URI, Payload: text, IdempotencyKey: key, CreatedAt: time.Now()}
	res, err := p.Do(ctx, reply)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Do(ctx, reply); err != nil {
		t.Fatalf("retrying the reply: %v", err)
	}
	var got struct {
		Value struct {
			Text  string `json:"text"`
			Reply struct{ Root, Parent ref }
		} `json:"value"`
	}
	rk := res.RemoteID[strings.LastIndex(res.RemoteID, "/")+1:]
	if code := alice.call(t, "GET", "com.atproto.repo.getRecord", url.Values{"repo": {alice.did},
		"collection": {"app.bsky.feed.post"}, "rkey": {rk}}, nil, &got); code != 200 {
		t.Fatalf("the reply %s is not on the server: %d", res.RemoteID, code)
	}
	if got.Value.Reply.Parent != mid || got.Value.Reply.Root != root {
		t.Errorf("reply refs: root %+v parent %+v; want root %+v parent %+v", got.Value.Reply.Root, got.Value.Reply.Parent, root, mid)
	}
	if n := countPosts(t, alice, text); n != 1 {
		t.Errorf("the reply is on the server %d times, want once", n)
	}
	if r, found, err := p.Check(ctx, reply); err != nil || !found || r.RemoteID != res.RemoteID {
		t.Errorf("Check after the reply: %+v %v %v", r, found, err)
	}

	// Like bob's post: a like record points at it.
	if _, err := p.Do(ctx, core.Action{Kind: core.ActLike, TargetRemoteID: root.URI, IdempotencyKey: key + "-like"}); err != nil {
		t.Fatal(err)
	}
	if !hasRecord(t, alice, "app.bsky.feed.like", func(v json.RawMessage) bool {
		var l struct{ Subject ref }
		return json.Unmarshal(v, &l) == nil && l.Subject == root
	}) {
		t.Error("no like record on bob's post")
	}

	// Block bob, then unblock: the block record comes and goes.
	isBlock := func(v json.RawMessage) bool {
		var b struct{ Subject string }
		return json.Unmarshal(v, &b) == nil && b.Subject == bob.did
	}
	if _, err := p.Do(ctx, core.Action{Kind: core.ActBlock, TargetRemoteID: bob.did, IdempotencyKey: key + "-block"}); err != nil {
		t.Fatal(err)
	}
	if !hasRecord(t, alice, "app.bsky.graph.block", isBlock) {
		t.Error("no block record on bob after block")
	}
	if _, err := p.Do(ctx, core.Action{Kind: core.ActUnblock, TargetRemoteID: bob.did, IdempotencyKey: key + "-unblock"}); err != nil {
		t.Fatal(err)
	}
	if hasRecord(t, alice, "app.bsky.graph.block", isBlock) {
		t.Error("the block record is still there after unblock")
	}

	// Mute and unmute bob.
	if _, err := p.Do(ctx, core.Action{Kind: core.ActMute, TargetRemoteID: bob.did, IdempotencyKey: key + "-mute"}); err != nil {
		t.Fatal(err)
	}
	// Mutes go through the AppView's sync service: poll for them.
	eventuallyT(t, "bob muted", func() bool { return muted(t, alice, bob.did) })
	if _, err := p.Do(ctx, core.Action{Kind: core.ActUnmute, TargetRemoteID: bob.did, IdempotencyKey: key + "-unmute"}); err != nil {
		t.Fatal(err)
	}
	eventuallyT(t, "bob unmuted", func() bool { return !muted(t, alice, bob.did) })

	// Publish with a mention, a hashtag and a link after multi-byte text:
	// the facets' offsets are UTF-8 bytes.
	body := fmt.Sprintf("Café ☕ pour @%s : #rentrée %d, voir https://example.com/a.", bob.handle, stamp)
	pub, err := p.Do(ctx, core.Action{Kind: core.ActPublish, Payload: body, IdempotencyKey: key + "-post"})
	if err != nil {
		t.Fatal(err)
	}
	checkFacets(t, alice, pub.RemoteID, body, bob)

	// Delete the reply: gone from the server.
	if _, err := p.Do(ctx, core.Action{Kind: core.ActDelete, TargetRemoteID: res.RemoteID, IdempotencyKey: key + "-delete"}); err != nil {
		t.Fatal(err)
	}
	if code := alice.call(t, "GET", "com.atproto.repo.getRecord", url.Values{"repo": {alice.did},
		"collection": {"app.bsky.feed.post"}, "rkey": {rk}}, nil, nil); code == 200 {
		t.Error("the deleted reply is still on the server")
	}
}

// TestBlueskyBadPassword: a wrong password is ErrAuth, and never in the error.
func TestBlueskyBadPassword(t *testing.T) {
	e := blueskyNetwork(t)
	p := blueskyProvider(t, e.pds, e.user, "wrong-pass-1234")
	_, err := p.Fetch(context.Background(), "")
	if !errors.Is(err, providers.ErrAuth) {
		t.Fatalf("Fetch with a wrong password: %v, want ErrAuth", err)
	}
	if strings.Contains(err.Error(), "wrong-pass-1234") {
		t.Errorf("the password is in the error: %v", err)
	}
}

// TestBlueskyServerGone: a server that went away mid-sync is a transient error.
func TestBlueskyServerGone(t *testing.T) {
	e := blueskyNetwork(t)
	proxy := newFaultProxy(t, e.pds)
	p := blueskyProvider(t, proxy.srv.URL, e.user, e.pass)
	b, err := p.Fetch(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	proxy.srv.Close()
	_, err = p.Fetch(context.Background(), b.Cursor)
	if err == nil || providers.Classify(err) != providers.ClassTransient {
		t.Fatalf("Fetch from a server gone: %v (class %q), want transient", err, providers.Classify(err))
	}
}

func findBskyItem(items []core.Item, uri string) *core.Item {
	for i := range items {
		if items[i].RemoteID == uri {
			return &items[i]
		}
	}
	return nil
}

func countPosts(t *testing.T, u *xrpcUser, text string) int {
	n := 0
	for _, r := range u.records(t, "app.bsky.feed.post") {
		var p struct{ Text string }
		if json.Unmarshal(r.Value, &p) == nil && p.Text == text {
			n++
		}
	}
	return n
}

func hasRecord(t *testing.T, u *xrpcUser, collection string, match func(json.RawMessage) bool) bool {
	for _, r := range u.records(t, collection) {
		if match(r.Value) {
			return true
		}
	}
	return false
}

func muted(t *testing.T, u *xrpcUser, did string) bool {
	var ans struct{ Mutes []struct{ DID string } }
	u.call(t, "GET", "app.bsky.graph.getMutes", url.Values{"limit": {"100"}}, nil, &ans)
	for _, m := range ans.Mutes {
		if m.DID == did {
			return true
		}
	}
	return false
}

// checkFacets reads the published post and checks each facet's byte range
// covers exactly the text it annotates.
func checkFacets(t *testing.T, u *xrpcUser, uri, body string, mentioned *xrpcUser) {
	t.Helper()
	var got struct {
		Value struct {
			Facets []struct {
				Index    struct{ ByteStart, ByteEnd int }
				Features []struct {
					Type string `json:"$type"`
					DID  string `json:"did"`
					URI  string `json:"uri"`
					Tag  string `json:"tag"`
				}
			}
		} `json:"value"`
	}
	rk := uri[strings.LastIndex(uri, "/")+1:]
	if code := u.call(t, "GET", "com.atproto.repo.getRecord", url.Values{"repo": {u.did},
		"collection": {"app.bsky.feed.post"}, "rkey": {rk}}, nil, &got); code != 200 {
		t.Fatalf("the post %s is not on the server: %d", uri, code)
	}
	want := map[string]string{
		"app.bsky.richtext.facet#mention": "@" + mentioned.handle,
		"app.bsky.richtext.facet#tag":     "#rentrée",
		"app.bsky.richtext.facet#link":    "https://example.com/a",
	}
	seen := map[string]bool{}
	for _, f := range got.Value.Facets {
		if len(f.Features) != 1 {
			t.Errorf("facet with %d features", len(f.Features))
			continue
		}
		ft := f.Features[0]
		w, ok := want[ft.Type]
		if !ok {
			t.Errorf("unexpected facet %s", ft.Type)
			continue
		}
		seen[ft.Type] = true
		start := strings.Index(body, w)
		if f.Index.ByteStart != start || f.Index.ByteEnd != start+len(w) {
			t.Errorf("%s facet at bytes [%d,%d), want [%d,%d) (%q)", ft.Type, f.Index.ByteStart, f.Index.ByteEnd, start, start+len(w), w)
		}
		switch {
		case ft.Type == "app.bsky.richtext.facet#mention" && ft.DID != mentioned.did:
			t.Errorf("mention facet DID %q, want %q", ft.DID, mentioned.did)
		case ft.Type == "app.bsky.richtext.facet#tag" && ft.Tag != "rentrée":
			t.Errorf("tag facet %q", ft.Tag)
		case ft.Type == "app.bsky.richtext.facet#link" && ft.URI != "https://example.com/a":
			t.Errorf("link facet %q", ft.URI)
		}
	}
	if len(seen) != len(want) {
		t.Errorf("facets %+v, want a mention, a tag and a link", got.Value.Facets)
	}
}

// TestBlueskyFindsPDSFromHandle: without setting pds, the provider resolves
// the handle on the AppView and reads the PDS from the PLC directory.
func TestBlueskyFindsPDSFromHandle(t *testing.T) {
	e := blueskyNetwork(t)
	appview, plc := os.Getenv("CMDECK_BSKY_APPVIEW"), os.Getenv("CMDECK_BSKY_PLC")
	if appview == "" || plc == "" {
		t.Skip("CMDECK_BSKY_APPVIEW or CMDECK_BSKY_PLC unset")
	}
	p, err := bluesky.New(providers.AccountConfig{
		Account:  core.Account{Provider: "bluesky", Network: "bluesky", Handle: "@" + e.user},
		Settings: map[string]string{"service": appview, "plc": plc},
		Secret:   e.pass,
	}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Fetch(context.Background(), ""); err != nil {
		t.Fatalf("Fetch through the resolved PDS: %v", err)
	}
	pds, _ := url.Parse(p.Client().PDS())
	want, _ := url.Parse(e.pds)
	if pds == nil || pds.Port() != want.Port() {
		t.Errorf("resolved PDS %q, want the one at %s", p.Client().PDS(), e.pds)
	}
}

// TestBlueskyAccountAdd: `cmdeck account add bluesky` checks the app
// password with the server and prints a block without it.
func TestBlueskyAccountAdd(t *testing.T) {
	e := blueskyNetwork(t)
	var out, errOut bytes.Buffer
	o := app.AccountAddBluesky{Handle: e.user, PDS: e.pds, Client: "fournil",
		In: strings.NewReader(e.pass + "\n"), Out: &out, Err: &errOut}
	if err := app.RunAccountAddBluesky(context.Background(), o, i18n.New(i18n.EN)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String()+errOut.String(), e.pass) {
		t.Fatal("the app password was printed")
	}
	for _, want := range []string{"provider: bluesky", "handle: '@" + e.user + "'", "pds: " + e.pds, "token_env: " + app.DefaultBlueskyPasswordEnv} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the block lacks %q:\n%s", want, out.String())
		}
	}
	o.In, o.Out = strings.NewReader("wrong-pass-4242\n"), &bytes.Buffer{}
	err := app.RunAccountAddBluesky(context.Background(), o, i18n.New(i18n.EN))
	if !errors.Is(err, providers.ErrAuth) && (err == nil || !strings.Contains(err.Error(), "AuthenticationRequired")) {
		t.Errorf("a wrong app password: %v", err)
	}
	if err != nil && strings.Contains(err.Error(), "wrong-pass-4242") {
		t.Errorf("the password is in the error: %v", err)
	}
}

// TestBlueskyHostileText: escape sequences and bidi overrides in a post
// and a display name arrive as they were sent, and leave nothing once the
// batch is sanitized as the store does on ingest.
func TestBlueskyHostileText(t *testing.T) {
	e := blueskyNetwork(t)
	alice := login(t, e.pds, e.user, e.pass)
	bob := login(t, e.pds, e.user2, e.pass2)
	hostileName := "Bob\x1b[2J\u202eevil"
	if code := bob.call(t, "POST", "com.atproto.repo.putRecord", nil, map[string]any{"repo": bob.did, "collection": "app.bsky.actor.profile",
		"rkey": "self", "record": map[string]any{"$type": "app.bsky.actor.profile", "displayName": hostileName}}, nil); code != 200 {
		t.Fatalf("setting the display name: %d", code)
	}
	t.Cleanup(func() { // the name .ci/bluesky gave
		bob.call(t, "POST", "com.atproto.repo.putRecord", nil, map[string]any{"repo": bob.did, "collection": "app.bsky.actor.profile",
			"rkey": "self", "record": map[string]any{"$type": "app.bsky.actor.profile", "displayName": "bob"}}, nil)
	})
	body := fmt.Sprintf("@%s \x1b]52;c;cm0gLXJmIH4=\x07copie \u202edroite %d", alice.handle, time.Now().UnixNano())
	p := bob.post(t, body, alice, nil, nil)
	alice.waitNotified(t, p.URI)

	var it *core.Item
	eventuallyT(t, "the hostile name indexed", func() bool {
		b, err := blueskyProvider(t, e.pds, e.user, e.pass).Fetch(context.Background(), "")
		if err != nil {
			t.Fatal(err)
		}
		it = findBskyItem(b.Items, p.URI)
		return it != nil && strings.Contains(it.Author.Name, "\x1b")
	})
	if !strings.Contains(it.Body, "\x1b]52") {
		t.Fatalf("the body lost its escape before sanitizing: the test proves nothing (%q)", it.Body)
	}
	b := core.Batch{Items: []core.Item{*it}}
	core.SanitizeBatch(&b)
	got := b.Items[0]
	for _, s := range []string{got.Body, got.Author.Name, got.Author.Handle} {
		if strings.ContainsAny(s, "\x1b\x07\u202e") || strings.Contains(s, "cm0gLXJmIH4=") {
			t.Errorf("hostile text survived sanitizing: %q", s)
		}
	}
}
