package rss

import (
	"context"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"cmdeck/core"
	"cmdeck/providers"
)

// The fuzz targets feed hostile documents through the real path (the
// download, the parser, the mapping with its HTML-to-text, the cursor),
// with a transport that answers from memory: no network, so they run
// fast. Every document must fail cleanly or give well-formed items.

// docTransport answers every request with one document.
type docTransport string

func (d docTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Etag": {`"v1"`}},
		Body: io.NopCloser(strings.NewReader(string(d))), Request: r}, nil
}

// checkFetched is what a successful fetch must give, whatever the feed.
func checkFetched(t *testing.T, b core.Batch) {
	t.Helper()
	if _, err := decodeCursor(b.Cursor); err != nil {
		t.Errorf("unreadable cursor from a successful fetch: %v", err)
	}
	for _, it := range b.Items {
		n := utf8.RuneCountInString(it.Body)
		switch {
		case it.RemoteID == "" || it.Author.RemoteID == "" || it.Author.Handle == "":
			t.Errorf("item without ids: %+v", it)
		case it.CreatedAt.IsZero() || it.CreatedAt.Location() != time.UTC || it.CreatedAt.After(t0.Add(maxSkew)) || it.CreatedAt.Before(oldestDate):
			t.Errorf("created at %v", it.CreatedAt)
		case it.Body != core.Sanitize(it.Body) || n > maxBodyRunes || !utf8.ValidString(it.Body):
			t.Errorf("body not clean or too long (%d runes): %q", n, it.Body)
		case it.Author.Handle != core.SanitizeLine(it.Author.Handle):
			t.Errorf("handle not clean: %q", it.Author.Handle)
		case it.URL != "" && (!strings.HasPrefix(it.URL, "http://") && !strings.HasPrefix(it.URL, "https://") || strings.Contains(it.URL, "pw@")):
			t.Errorf("url %q", it.URL)
		}
	}
}

func FuzzParseFeed(f *testing.F) {
	entries, _ := os.ReadDir("testdata")
	for _, e := range entries {
		if b, err := os.ReadFile("testdata/" + e.Name()); err == nil && len(b) < 64<<10 {
			f.Add(string(b))
		}
	}
	f.Add(rssDoc(topics(1, 3)...))
	f.Add(`<rss><channel><item><title>&lt;script&gt;x</title><link>javascript:alert(1)</link><pubDate>Mon, 99 Foo 2026 25:61:00 CEST</pubDate></item></channel></rss>`)
	f.Add(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><id></id><title type="html">&lt;b&gt;\x1b]52;c;AAAA\x07</title><link href="/relative"/><content type="text">a&lt;b</content></entry></feed>`)
	f.Add(`{"version":"https://jsonfeed.org/version/1","items":[{"id":-1,"content_html":"<p>\u202eevil</p>","date_published":"0001-01-01T00:00:00Z"},{"id":"x","url":"https://u:p@fuzz.example/"}]}`)
	f.Add(`{"items":[null]}`)
	f.Fuzz(func(t *testing.T, doc string) {
		p, err := New(providers.AccountConfig{Settings: feeds("https://cm:pw@fuzz.example/feed?token=t")},
			core.NewManualClock(t0), &http.Client{Transport: docTransport(doc)})
		if err != nil {
			t.Fatal(err)
		}
		b, err := p.Fetch(context.Background(), "")
		if err != nil {
			if !providers.IsPermanent(err) || strings.Contains(err.Error(), "pw@") {
				t.Errorf("a bad document gave %v, want a permanent error without secrets", err)
			}
			return
		}
		checkFetched(t, b)
		again, err := p.Fetch(context.Background(), b.Cursor)
		if err != nil || len(again.Items) != 0 {
			t.Errorf("the same document again: %d items, %v", len(again.Items), err)
		}
	})
}

func FuzzHTMLToText(f *testing.F) {
	for _, s := range []string{"<p>a<br>b</p>", "<script>x", `<a href="https://x.example">y</a>`, "&#x202e;\x1b[2J", "<<<>>>", "<pre>  x  </pre>", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := htmlToText(s, textLimit)
		if len(out) > textLimit+len("\n\n")+utf8.UTFMax {
			t.Errorf("%d bytes out for a limit of %d", len(out), textLimit)
		}
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Errorf("invalid UTF-8 from valid input: %q", out)
		}
		if out != strings.TrimSpace(out) || strings.Contains(out, "\n\n\n") {
			t.Errorf("untidy: %q", out)
		}
	})
}

func FuzzCursor(f *testing.F) {
	f.Add(`v1:{"feeds":{"0123456789abcdef":{"etag":"\"x\"","seen":["AAAAAAAAAAA"]}}}`)
	f.Add(`v1:{"feeds":{}}`)
	f.Add("v1:")
	f.Fuzz(func(t *testing.T, s string) {
		st, err := decodeCursor(s)
		if err != nil {
			if !providers.IsPermanent(err) {
				t.Errorf("decodeCursor error %v is not permanent", err)
			}
			return
		}
		enc, err := encodeCursor(st)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := decodeCursor(enc); err != nil {
			t.Errorf("a decoded cursor does not decode again: %v", err)
		}
	})
}
