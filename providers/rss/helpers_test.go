package rss

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

// t0 is the tests' "now": after every fixture's dates.
var t0 = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

// fixture is a file of testdata.
func fixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// fileURL is the file:// URL of a testdata file.
func fileURL(t testing.TB, name string) string {
	t.Helper()
	abs, err := filepath.Abs(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return "file://" + filepath.ToSlash(abs)
}

// request is what the server saw of one request.
type request struct {
	path, ifNoneMatch, ifModifiedSince, auth string
	status                                   int
}

// feedServer serves feed documents by path, with an ETag and a
// Last-Modified per document version, answering 304 to a conditional
// request that matches (unless validators is false: then it sends none
// and ignores conditions, like many small sites).
type feedServer struct {
	srv *httptest.Server

	mu         sync.Mutex
	docs       map[string]string
	modified   map[string]time.Time
	versions   int
	validators bool
	failOnce   int            // status to answer the next request with (0 = none)
	failPath   map[string]int // status to answer every request for a path with
	requests   []request
}

func newFeedServer(t *testing.T) *feedServer {
	f := &feedServer{docs: map[string]string{}, modified: map[string]time.Time{}, failPath: map[string]int{}, validators: true}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// set serves body at path from now on, as a new version.
func (f *feedServer) set(path, body string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.versions++
	f.docs[path] = body
	f.modified[path] = t0.Add(-time.Hour).Add(time.Duration(f.versions) * time.Minute)
}

// url is the server's URL for path.
func (f *feedServer) url(path string) string { return f.srv.URL + path }

func (f *feedServer) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	req := request{path: r.URL.Path, ifNoneMatch: r.Header.Get("If-None-Match"),
		ifModifiedSince: r.Header.Get("If-Modified-Since"), auth: r.Header.Get("Authorization")}
	req.status = f.answer(w, r)
	f.requests = append(f.requests, req)
}

func (f *feedServer) answer(w http.ResponseWriter, r *http.Request) int {
	if code := f.failOnce; code != 0 {
		f.failOnce = 0
		http.Error(w, "failure", code)
		return code
	}
	if code := f.failPath[r.URL.Path]; code != 0 {
		http.Error(w, "failure", code)
		return code
	}
	body, ok := f.docs[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return http.StatusNotFound
	}
	if f.validators {
		sum := sha256.Sum256([]byte(body))
		etag := `"` + hex.EncodeToString(sum[:8]) + `"`
		mod := f.modified[r.URL.Path]
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", mod.Format(http.TimeFormat))
		if notModified(r, etag, mod) {
			w.WriteHeader(http.StatusNotModified)
			return http.StatusNotModified
		}
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Write([]byte(body))
	return http.StatusOK
}

// notModified is RFC 9110's rule: If-None-Match decides when present.
func notModified(r *http.Request, etag string, mod time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		return inm == etag
	}
	since, err := http.ParseTime(r.Header.Get("If-Modified-Since"))
	return err == nil && !mod.After(since)
}

// statuses are the answers the server gave, in order.
func (f *feedServer) statuses() []int {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]int, len(f.requests))
	for i, r := range f.requests {
		out[i] = r.status
	}
	return out
}

// lastRequest is the last request the server saw for path.
func (f *feedServer) lastRequest(t *testing.T, path string) request {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := len(f.requests) - 1; i >= 0; i-- {
		if f.requests[i].path == path {
			return f.requests[i]
		}
	}
	t.Fatalf("no request for %s", path)
	return request{}
}

// newProvider builds a provider with settings at t0.
func newProvider(t *testing.T, settings map[string]string) (*Provider, *core.ManualClock) {
	t.Helper()
	clock := core.NewManualClock(t0)
	p, err := New(providers.AccountConfig{
		Account:  core.Account{Provider: "rss", Network: "Veille web", ClientSlug: "boulangerie"},
		Settings: settings,
	}, clock, nil)
	if err != nil {
		t.Fatalf("New(%v): %v", settings, err)
	}
	return p, clock
}

// feeds joins URLs as setting "feeds" holds them.
func feeds(urls ...string) map[string]string {
	return map[string]string{"feeds": strings.Join(urls, "\n")}
}

// mustFetch fetches and fails the test on an error.
func mustFetch(t *testing.T, p *Provider, cursor string) core.Batch {
	t.Helper()
	b, err := p.Fetch(context.Background(), cursor)
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	return b
}

// bodies are the first lines of the items' bodies.
func titles(items []core.Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i], _, _ = strings.Cut(it.Body, "\n")
	}
	return out
}

// isPermanentFeedError reports whether err is a permanent failure with a
// FeedError behind it, and sets *fe to it.
func isPermanentFeedError(err error, fe **FeedError) bool {
	return providers.IsPermanent(err) && errors.As(err, fe)
}
