package rss

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

// testEntry is one entry of a generated RSS document.
type testEntry struct{ guid, link, title string }

// rssDoc is an RSS 2.0 document with entries, newest first.
func rssDoc(entries ...testEntry) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Forum des gourmands</title>`)
	for i, e := range entries {
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><guid isPermaLink=\"false\">%s</guid><pubDate>%s</pubDate><description>&lt;p&gt;message %d&lt;/p&gt;</description></item>",
			e.title, e.link, e.guid, t0.Add(-time.Duration(i+1)*time.Hour).Format(time.RFC1123Z), i)
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

// topics are n forum entries numbered from..from+n-1, newest first.
func topics(from, n int) []testEntry {
	var out []testEntry
	for i := from + n - 1; i >= from; i-- {
		out = append(out, testEntry{guid: fmt.Sprint("topic-", i), link: fmt.Sprintf("https://forum.example/t/%d", i), title: fmt.Sprint("Sujet ", i)})
	}
	return out
}

func TestConditionalGet(t *testing.T) {
	f := newFeedServer(t)
	f.set("/forum.rss", rssDoc(topics(1, 3)...))
	p, _ := newProvider(t, feeds(f.url("/forum.rss")))

	b := mustFetch(t, p, "")
	if len(b.Items) != 3 {
		t.Fatalf("first sync: %d items, want 3", len(b.Items))
	}
	if r := f.lastRequest(t, "/forum.rss"); r.ifNoneMatch != "" || r.ifModifiedSince != "" {
		t.Errorf("the first request was conditional: %+v", r)
	}
	again := mustFetch(t, p, b.Cursor)
	r := f.lastRequest(t, "/forum.rss")
	if r.ifNoneMatch == "" || r.ifModifiedSince == "" || r.status != http.StatusNotModified {
		t.Fatalf("the second request: %+v, want If-None-Match and If-Modified-Since answered by 304", r)
	}
	if len(again.Items) != 0 || again.Cursor == "" {
		t.Errorf("304: %d items, cursor %q", len(again.Items), again.Cursor)
	}
	// The validators survive a 304: the third request is conditional too.
	mustFetch(t, p, again.Cursor)
	if r := f.lastRequest(t, "/forum.rss"); r.status != http.StatusNotModified {
		t.Errorf("third request answered %d, want 304", r.status)
	}

	f.set("/forum.rss", rssDoc(topics(1, 4)...))
	fresh := mustFetch(t, p, again.Cursor)
	if got := titles(fresh.Items); !slices.Equal(got, []string{"Sujet 4"}) {
		t.Errorf("after a change: %q, want only the new entry", got)
	}
	if h := p.FeedHealth(); !h[0].OK {
		t.Errorf("health = %+v", h)
	}
}

func TestRefetchWithoutValidators(t *testing.T) {
	f := newFeedServer(t)
	f.validators = false
	f.set("/forum.rss", rssDoc(topics(1, 3)...))
	p, _ := newProvider(t, feeds(f.url("/forum.rss")))
	b := mustFetch(t, p, "")
	again := mustFetch(t, p, b.Cursor)
	if len(again.Items) != 0 {
		t.Errorf("a server ignoring validators re-sent %q", titles(again.Items))
	}
	// An entry that left the feed and comes back is not new either.
	f.set("/forum.rss", rssDoc(topics(3, 1)...))
	b2 := mustFetch(t, p, again.Cursor)
	f.set("/forum.rss", rssDoc(topics(1, 3)...))
	if back := mustFetch(t, p, b2.Cursor); len(back.Items) != 0 {
		t.Errorf("entries back in the feed came again: %q", titles(back.Items))
	}
}

func TestDedupeAcrossFeeds(t *testing.T) {
	f := newFeedServer(t)
	f.set("/alerte-1", fixture(t, "google-alerts-fr.atom"))
	f.set("/alerte-2", fixture(t, "google-alerts-fr-2.atom"))
	f.failPath["/alerte-2"] = http.StatusServiceUnavailable
	p, _ := newProvider(t, feeds(f.url("/alerte-1"), f.url("/alerte-2")))

	b := mustFetch(t, p, "")
	if len(b.Items) != 3 {
		t.Fatalf("first sync (second alert down): %d items, want 3", len(b.Items))
	}
	// The second alert comes back with the same article (another redirect,
	// another id) and a new one: only the new one is new.
	delete(f.failPath, "/alerte-2")
	next := mustFetch(t, p, b.Cursor)
	if got := titles(next.Items); !slices.Equal(got, []string{"Paul Martin, meilleur ouvrier de France boulanger, invité à Lyon"}) {
		t.Errorf("second sync: %q", got)
	}

	// Both at once, on a fresh account: the shared article comes once.
	p2, _ := newProvider(t, feeds(f.url("/alerte-1"), f.url("/alerte-2")))
	if all := mustFetch(t, p2, ""); len(all.Items) != 4 {
		t.Errorf("two alerts in one sync: %d items, want 4: %q", len(all.Items), titles(all.Items))
	}
}

func TestGUIDScope(t *testing.T) {
	shared := func(link string) string {
		return rssDoc(testEntry{guid: "42", link: link, title: "Sujet 42 via " + link})
	}
	a, b := newFeedServer(t), newFeedServer(t)
	a.set("/one", shared("https://a.example/42"))
	a.set("/two", shared("https://a.example/42-bis"))
	b.set("/one", shared("https://b.example/42"))

	sameHost, _ := newProvider(t, feeds(a.url("/one"), a.url("/two")))
	if items := mustFetch(t, sameHost, "").Items; len(items) != 1 {
		t.Errorf("one GUID in two feeds of one site: %d items, want 1", len(items))
	}
	twoHosts, _ := newProvider(t, feeds(a.url("/one"), b.url("/one")))
	items := mustFetch(t, twoHosts, "").Items
	if len(items) != 2 || items[0].RemoteID == items[1].RemoteID {
		t.Errorf("GUID 42 on two sites is two entries: %q", titles(items))
	}
}

func TestOneBrokenFeedAmongGood(t *testing.T) {
	f := newFeedServer(t)
	f.set("/blog", fixture(t, "blog-rss2.xml"))
	f.set("/broken", fixture(t, "broken.xml"))
	f.set("/down", rssDoc(topics(1, 2)...))
	f.failPath["/down"] = http.StatusInternalServerError
	p, clock := newProvider(t, feeds(f.url("/blog"), f.url("/broken"), f.url("/down"), f.url("/missing")))

	b := mustFetch(t, p, "")
	if len(b.Items) != 3 {
		t.Fatalf("%d items, want the blog's 3", len(b.Items))
	}
	h := p.FeedHealth()
	want := []struct {
		ok  bool
		err string
	}{{true, ""}, {false, "not a feed: XML syntax error"}, {false, "HTTP 500"}, {false, "HTTP 404"}}
	for i, w := range want {
		if h[i].OK != w.ok || !strings.Contains(h[i].Err, w.err) || (w.err == "") != (h[i].Err == "") || !h[i].CheckedAt.Equal(t0) {
			t.Errorf("feed %d health = %+v, want ok %v err %q", i, h[i], w.ok, w.err)
		}
	}
	if !h[0].LastOK.Equal(t0) || !h[2].LastOK.IsZero() {
		t.Errorf("last ok: %v and %v", h[0].LastOK, h[2].LastOK)
	}

	// The feed that was down comes back; the blog goes down: its last
	// success stays known, also to a provider built afresh (a restart).
	clock.Advance(time.Hour)
	delete(f.failPath, "/down")
	f.failPath["/blog"] = http.StatusBadGateway
	next := mustFetch(t, p, b.Cursor)
	if len(next.Items) != 2 {
		t.Errorf("the feed back up brought %d items, want 2", len(next.Items))
	}
	if h := p.FeedHealth(); h[0].OK || !h[0].LastOK.Equal(t0) || !h[2].OK || !h[2].LastOK.Equal(t0.Add(time.Hour)) {
		t.Errorf("health after = %+v", h)
	}
	restarted, _ := newProvider(t, feeds(f.url("/blog"), f.url("/broken"), f.url("/down"), f.url("/missing")))
	mustFetch(t, restarted, next.Cursor)
	if h := restarted.FeedHealth(); !h[0].LastOK.Equal(t0) {
		t.Errorf("after a restart, the blog's last success = %v, want %v", h[0].LastOK, t0)
	}
}

func TestAllFeedsFailTyped(t *testing.T) {
	cases := []struct {
		status int
		body   string // served with 200 when status is 0
		want   providers.ErrorClass
	}{
		{http.StatusUnauthorized, "", providers.ClassAuth},
		{http.StatusForbidden, "", providers.ClassPermanent},
		{http.StatusNotFound, "", providers.ClassNotFound},
		{http.StatusGone, "", providers.ClassNotFound},
		{http.StatusTooManyRequests, "", providers.ClassRateLimited},
		{http.StatusInternalServerError, "", providers.ClassTransient},
		{http.StatusServiceUnavailable, "", providers.ClassTransient},
		{0, "<html><body>Bientôt de retour</body></html>", providers.ClassPermanent},
		{0, `{"version":"https://jsonfeed.org/version/1.1","items":[null]}`, providers.ClassPermanent},
	}
	for _, c := range cases {
		t.Run(fmt.Sprint(c.status, c.want), func(t *testing.T) {
			f := newFeedServer(t)
			f.set("/feed", c.body)
			if c.status != 0 {
				f.failPath["/feed"] = c.status
			}
			p, _ := newProvider(t, feeds(f.url("/feed")))
			_, err := p.Fetch(context.Background(), "")
			if got := providers.Classify(err); got != c.want {
				t.Errorf("Fetch = %v (class %q), want class %q", err, got, c.want)
			}
			retryable := c.want == providers.ClassTransient || c.want == providers.ClassRateLimited
			if providers.IsPermanent(err) == retryable {
				t.Errorf("Fetch = %v: permanent %v, want %v", err, providers.IsPermanent(err), !retryable)
			}
			var fe *FeedError
			if !errors.As(err, &fe) || fe.URL != f.url("/feed") {
				t.Errorf("no FeedError naming the feed in %v", err)
			}
		})
	}
}

func TestAllFeedsFailClassOrder(t *testing.T) {
	f := newFeedServer(t)
	f.failPath["/auth"] = http.StatusUnauthorized
	f.failPath["/down"] = http.StatusServiceUnavailable
	cases := []struct {
		paths []string
		want  providers.ErrorClass
	}{
		{[]string{"/missing", "/down"}, providers.ClassTransient}, // one may come back soon: retry soon
		{[]string{"/missing", "/auth"}, providers.ClassAuth},
	}
	for _, c := range cases {
		var urls []string
		for _, path := range c.paths {
			urls = append(urls, f.url(path))
		}
		p, _ := newProvider(t, feeds(urls...))
		_, err := p.Fetch(context.Background(), "")
		if got := providers.Classify(err); got != c.want {
			t.Errorf("%v: class %q, want %q (%v)", c.paths, got, c.want, err)
		}
		for _, u := range urls {
			if err == nil || !strings.Contains(err.Error(), u) {
				t.Errorf("the error does not name %s: %v", u, err)
			}
		}
	}
}

func TestNetworkFailures(t *testing.T) {
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	p, _ := newProvider(t, feeds(dead.URL+"/feed"))
	if _, err := p.Fetch(context.Background(), ""); providers.Classify(err) != providers.ClassTransient {
		t.Errorf("connection refused: %v (class %q), want transient", err, providers.Classify(err))
	}

	f := newFeedServer(t)
	f.set("/feed", rssDoc(topics(1, 1)...))
	p, _ = newProvider(t, feeds(f.url("/feed")))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.Fetch(ctx, ""); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v", err)
	}
}

func TestSecretsNotInErrors(t *testing.T) {
	const user, pass, token = "cm-lyon", "hunter2-pass", "glft-0123456789abcdef"
	f := newFeedServer(t)
	f.set("/private.atom", rssDoc(topics(1, 1)...))
	secretURL := strings.Replace(f.url("/private.atom"), "://", "://"+user+":"+pass+"@", 1) + "?feed_token=" + token
	p, _ := newProvider(t, feeds(secretURL))
	b := mustFetch(t, p, "")
	if r := f.lastRequest(t, "/private.atom"); r.auth == "" {
		t.Error("the URL's credentials were not sent")
	}
	if strings.Contains(b.Cursor, token) || strings.Contains(b.Cursor, pass) {
		t.Error("a secret of the feed URL is in the cursor")
	}
	for _, it := range b.Items {
		if strings.Contains(it.URL, pass) || strings.Contains(it.URL, token) {
			t.Errorf("item URL %q", it.URL)
		}
	}

	f.failPath["/private.atom"] = http.StatusInternalServerError
	_, httpErr := p.Fetch(context.Background(), "")
	f.srv.Close()
	_, netErr := p.Fetch(context.Background(), "")
	for _, err := range []error{httpErr, netErr} {
		if err == nil {
			t.Fatal("no error")
		}
		for _, secret := range []string{user, pass, token} {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("%q in the error %q", secret, err)
			}
		}
	}
	if h := p.FeedHealth()[0]; strings.Contains(h.URL+h.Err, pass) || strings.Contains(h.URL+h.Err, token) || !strings.Contains(h.URL, "feed_token=REDACTED") {
		t.Errorf("health shows a secret: %+v", h)
	}
}

func TestBodyLimit(t *testing.T) {
	big := strings.Repeat("x", maxBody+1)
	for _, withLength := range []bool{true, false} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !withLength {
				w.Header().Set("Transfer-Encoding", "chunked")
				w.(http.Flusher).Flush()
			}
			w.Write([]byte(big))
		}))
		p, _ := newProvider(t, feeds(srv.URL+"/feed"))
		_, err := p.Fetch(context.Background(), "")
		if !providers.IsPermanent(err) || !strings.Contains(err.Error(), "larger than") {
			t.Errorf("a body over the limit (content length given: %v): %v", withLength, err)
		}
		srv.Close()
	}
}

func TestFileFeeds(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "alertes.xml")
	write := func(doc string) {
		if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(rssDoc(topics(1, 2)...))
	p, _ := newProvider(t, feeds("file://"+filepath.ToSlash(path), fileURL(t, "blog-rss2.xml"), "file://"+filepath.ToSlash(filepath.Join(dir, "absent.xml")), "file://"+filepath.ToSlash(dir)))
	b := mustFetch(t, p, "")
	if len(b.Items) != 5 {
		t.Fatalf("%d items, want 2 + 3", len(b.Items))
	}
	h := p.FeedHealth()
	if !h[0].OK || !h[1].OK || h[2].OK || !strings.Contains(h[2].Err, "no such file") || h[3].OK || !strings.Contains(h[3].Err, "not a regular file") {
		t.Errorf("health = %+v", h)
	}
	write(rssDoc(topics(1, 3)...))
	if next := mustFetch(t, p, b.Cursor); !slices.Equal(titles(next.Items), []string{"Sujet 3"}) {
		t.Errorf("after the file changed: %q", titles(next.Items))
	}

	missing, _ := newProvider(t, feeds("file://"+filepath.ToSlash(filepath.Join(dir, "absent.xml"))))
	if _, err := missing.Fetch(context.Background(), ""); providers.Classify(err) != providers.ClassNotFound {
		t.Errorf("a missing file: %v", err)
	}
}

func TestCursorForgetsRemovedFeeds(t *testing.T) {
	f := newFeedServer(t)
	f.set("/a", rssDoc(topics(1, 1)...))
	f.set("/b", rssDoc(topics(5, 1)...))
	both, _ := newProvider(t, feeds(f.url("/a"), f.url("/b")))
	b := mustFetch(t, both, "")
	st, _ := decodeCursor(b.Cursor)
	if len(st.Feeds) != 2 {
		t.Fatalf("cursor holds %d feeds, want 2", len(st.Feeds))
	}
	onlyA, _ := newProvider(t, feeds(f.url("/a")))
	st, _ = decodeCursor(mustFetch(t, onlyA, b.Cursor).Cursor)
	if len(st.Feeds) != 1 || st.Feeds[onlyA.feeds[0].key] == nil {
		t.Errorf("cursor after removing a feed: %+v", st.Feeds)
	}
}

func TestLongFeedIsBounded(t *testing.T) {
	f := newFeedServer(t)
	f.validators = false
	f.set("/long", rssDoc(topics(1, maxEntries+100)...))
	p, _ := newProvider(t, feeds(f.url("/long")))
	b := mustFetch(t, p, "")
	if len(b.Items) != maxEntries {
		t.Errorf("%d items, want the first %d", len(b.Items), maxEntries)
	}
	st, _ := decodeCursor(b.Cursor)
	for _, fs := range st.Feeds {
		if len(fs.Seen) > maxSeen {
			t.Errorf("%d keys remembered", len(fs.Seen))
		}
	}
	if again := mustFetch(t, p, b.Cursor); len(again.Items) != 0 {
		t.Errorf("refetch brought %d items", len(again.Items))
	}
}

func TestHostileValidatorsDropped(t *testing.T) {
	s, _ := parseSource("https://a.example/feed")
	resp := &http.Response{StatusCode: http.StatusOK, Header: http.Header{
		"Etag":          {`"` + strings.Repeat("a", maxHeader) + `"`},
		"Last-Modified": {"Mon, 23 Nov 2026 10:15:00 GMT\x7f"},
	}, Body: http.NoBody}
	dl, err := answer(s, feedState{}, resp)
	if err != nil || dl.etag != "" || dl.modified != "" {
		t.Errorf("answer = %+v, %v: hostile validators kept", dl, err)
	}
}

func TestItemsAreStableAcrossProviders(t *testing.T) {
	f := newFeedServer(t)
	f.set("/forum.rss", rssDoc(topics(1, 2)...))
	one, _ := newProvider(t, feeds(f.url("/forum.rss")))
	two, _ := newProvider(t, feeds(f.url("/forum.rss")))
	a, b := mustFetch(t, one, "").Items, mustFetch(t, two, "").Items
	for i := range a {
		if a[i].RemoteID != b[i].RemoteID || a[i].Author.RemoteID != b[i].Author.RemoteID {
			t.Errorf("item %d: ids differ between two builds: %q/%q", i, a[i].RemoteID, b[i].RemoteID)
		}
	}
	if a[0].Kind != core.KindMention {
		t.Errorf("kind = %q", a[0].Kind)
	}
}
