package bluesky

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

const testPass = "app-pass-secret-1234"

// jwt makes an unsigned token that expires at exp (the client only reads it).
func jwt(sub string, exp time.Time) string {
	body, _ := json.Marshal(map[string]any{"sub": sub, "exp": exp.Unix()})
	return "eyJhbGciOiJIUzI1NiJ9." + base64.RawURLEncoding.EncodeToString(body) + ".sig"
}

// fakePDS answers createSession, refreshSession and one query, counting
// logins and refreshes; expire makes the next query answer ExpiredToken.
type fakePDS struct {
	clock             *core.ManualClock
	logins, refreshes atomic.Int32
	expire            atomic.Bool
	queryStatus       int
	queryBody         string
	lastAuthorization atomic.Value
}

func (f *fakePDS) handler(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	switch strings.TrimPrefix(r.URL.Path, "/xrpc/") {
	case "com.atproto.server.createSession":
		var in struct{ Identifier, Password string }
		_ = json.NewDecoder(r.Body).Decode(&in)
		if in.Password != testPass {
			w.WriteHeader(401)
			fmt.Fprintf(w, `{"error":"AuthenticationRequired","message":"Invalid identifier or password %s"}`, in.Password)
			return
		}
		f.logins.Add(1)
		f.session(w, "a1")
	case "com.atproto.server.refreshSession":
		f.refreshes.Add(1)
		f.session(w, "a2")
	default:
		f.lastAuthorization.Store(r.Header.Get("Authorization"))
		if f.expire.Swap(false) {
			w.WriteHeader(400)
			fmt.Fprint(w, `{"error":"ExpiredToken","message":"Token has expired"}`)
			return
		}
		w.WriteHeader(f.queryStatus)
		fmt.Fprint(w, f.queryBody)
	}
}

func (f *fakePDS) session(w http.ResponseWriter, tag string) {
	exp := f.clock.Now().Add(2 * time.Hour)
	json.NewEncoder(w).Encode(map[string]string{"accessJwt": jwt(tag, exp), "refreshJwt": jwt("r-"+tag, exp.Add(time.Hour)),
		"did": "did:plc:alice", "handle": "alice.test"})
}

func newFake(t *testing.T) (*fakePDS, *Client) {
	t.Helper()
	f := &fakePDS{clock: core.NewManualClock(time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)), queryStatus: 200, queryBody: `{}`}
	srv := httptest.NewServer(http.HandlerFunc(f.handler))
	t.Cleanup(srv.Close)
	c, err := NewClient(srv.URL, "@alice.test", testPass, f.clock, srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	return f, c
}

func TestClientRefreshesBeforeExpiry(t *testing.T) {
	f, c := newFake(t)
	ctx := context.Background()
	if err := c.Query(ctx, "x.y.z", nil, nil); err != nil {
		t.Fatal(err)
	}
	if f.logins.Load() != 1 || f.refreshes.Load() != 0 {
		t.Fatalf("logins %d refreshes %d", f.logins.Load(), f.refreshes.Load())
	}
	f.clock.Advance(2*time.Hour - time.Minute) // within refreshAhead of expiry
	if err := c.Query(ctx, "x.y.z", nil, nil); err != nil {
		t.Fatal(err)
	}
	if f.refreshes.Load() != 1 || f.logins.Load() != 1 {
		t.Errorf("near expiry: logins %d refreshes %d, want one refresh and no new login", f.logins.Load(), f.refreshes.Load())
	}
}

func TestClientRefreshesOnExpiredToken(t *testing.T) {
	f, c := newFake(t)
	f.expire.Store(true)
	if err := c.Query(context.Background(), "x.y.z", nil, nil); err != nil {
		t.Fatalf("an ExpiredToken answer was not retried after a refresh: %v", err)
	}
	if f.refreshes.Load() != 1 {
		t.Errorf("refreshes %d, want 1", f.refreshes.Load())
	}
	if a, _ := f.lastAuthorization.Load().(string); !strings.Contains(a, "."+strings.Split(jwt("a2", f.clock.Now().Add(2*time.Hour)), ".")[1]+".") {
		t.Errorf("the retry did not use the refreshed token")
	}
}

func TestClientBadPasswordIsAuthAndRedacted(t *testing.T) {
	f := &fakePDS{clock: core.NewManualClock(time.Now())}
	srv := httptest.NewServer(http.HandlerFunc(f.handler))
	defer srv.Close()
	c, err := NewClient(srv.URL, "alice.test", "wrong-secret-999", f.clock, srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	err = c.Login(context.Background())
	if !errors.Is(err, providers.ErrAuth) || !providers.IsPermanent(err) {
		t.Fatalf("err %v: want a permanent ErrAuth", err)
	}
	if strings.Contains(err.Error(), "wrong-secret-999") {
		t.Errorf("the password leaked into the error: %v", err)
	}
}

func TestClientTypedErrors(t *testing.T) {
	for _, c := range []struct {
		status int
		body   string
		class  providers.ErrorClass
	}{
		{404, `{"error":"NotFound"}`, providers.ClassNotFound},
		{400, `{"error":"RecordNotFound"}`, providers.ClassNotFound},
		{429, `{"error":"RateLimitExceeded"}`, providers.ClassRateLimited},
		{400, `{"error":"InvalidRequest"}`, providers.ClassPermanent},
		{502, `not json`, providers.ClassTransient},
		{401, `{"error":"AuthenticationRequired"}`, providers.ClassAuth},
	} {
		f, cl := newFake(t)
		f.queryStatus, f.queryBody = c.status, c.body
		err := cl.Query(context.Background(), "x.y.z", nil, nil)
		if got := providers.Classify(err); got != c.class {
			t.Errorf("%d %s: class %q (%v), want %q", c.status, c.body, got, err, c.class)
		}
	}
}

func TestParseService(t *testing.T) {
	for _, ok := range []string{"https://bsky.social", "http://127.0.0.1:2583", "http://localhost:1/"} {
		if _, err := parseService(ok); err != nil {
			t.Errorf("parseService(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"http://bsky.social", "ftp://x", "https://u:p@x", "https://x?a=1", "", "http://localhost.evil.com"} {
		if _, err := parseService(bad); err == nil {
			t.Errorf("parseService(%q) accepted", bad)
		}
	}
}

func TestClientLogsInAgainAfterRevokedSession(t *testing.T) {
	f, c := newFake(t)
	ctx := context.Background()
	f.queryStatus, f.queryBody = 401, `{"error":"AuthenticationRequired"}`
	if err := c.Query(ctx, "x.y.z", nil, nil); !errors.Is(err, providers.ErrAuth) {
		t.Fatalf("err %v, want ErrAuth", err)
	}
	f.queryStatus, f.queryBody = 200, `{}`
	if err := c.Query(ctx, "x.y.z", nil, nil); err != nil {
		t.Fatal(err)
	}
	if f.logins.Load() != 2 {
		t.Errorf("logins %d: a revoked session must be replaced by a new login", f.logins.Load())
	}
}

func TestClientNotesRateLimit(t *testing.T) {
	clock := core.NewManualClock(time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC))
	reset := clock.Now().Add(5 * time.Minute)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("RateLimit-Remaining", "41")
		w.Header().Set("RateLimit-Reset", fmt.Sprint(reset.Unix()))
		fmt.Fprintf(w, `{"accessJwt":%q,"refreshJwt":"r","did":"did:plc:a","handle":"a.test"}`, jwt("a", clock.Now().Add(time.Hour)))
	}))
	defer srv.Close()
	c, err := NewClient(srv.URL, "a.test", testPass, clock, srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	if _, _, ok := c.RateLimit(); ok {
		t.Error("a budget known before any answer")
	}
	if err := c.Login(context.Background()); err != nil {
		t.Fatal(err)
	}
	if rem, at, ok := c.RateLimit(); !ok || rem != 41 || !at.Equal(reset) {
		t.Errorf("budget %d until %v (%v), want 41 until %v", rem, at, ok, reset)
	}
}
