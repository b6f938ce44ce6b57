package mastodon

import (
	"cmdeck/core"
	"cmdeck/providers"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestErrorMapping(t *testing.T) {
	f := newFake(t)
	p := f.provider(t, core.NewManualClock(t0))
	ctx := context.Background()
	for _, c := range []struct {
		status int
		class  providers.ErrorClass
	}{
		{401, providers.ClassAuth}, {403, providers.ClassPermanent}, {404, providers.ClassNotFound},
		{410, providers.ClassPermanent}, {422, providers.ClassPermanent}, {400, providers.ClassPermanent},
		{429, providers.ClassRateLimited}, {500, providers.ClassTransient}, {503, providers.ClassTransient},
	} {
		f.set(func() { f.failWith = c.status })
		_, err := p.Fetch(ctx, "")
		if got := providers.Classify(err); got != c.class {
			t.Errorf("%d: class %q, want %q (%v)", c.status, got, c.class, err)
		}
		wantPermanent := c.class != providers.ClassTransient && c.class != providers.ClassRateLimited
		if providers.IsPermanent(err) != wantPermanent {
			t.Errorf("%d: permanent = %v (%v)", c.status, !wantPermanent, err)
		}
		var ae *APIError
		if !errors.As(err, &ae) || ae.Status != c.status {
			t.Errorf("%d: not an APIError: %v", c.status, err)
		}
		if strings.Contains(err.Error(), testToken) {
			t.Errorf("%d: token in error", c.status)
		}
	}
	// A 401 says how to re-authorize.
	f.set(func() { f.failWith = 401 })
	_, err := p.Fetch(ctx, "")
	if !strings.Contains(err.Error(), "cmdeck account add mastodon --server "+f.srv.URL) {
		t.Errorf("401 without the way out: %v", err)
	}
	// A wrong token is a 401 → auth, and the token is not echoed.
	bad, err := New(providers.AccountConfig{Settings: map[string]string{"server": f.srv.URL}, Secret: "other-token-123"}, nil, f.srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	f.set(func() { f.failWith = 0 })
	_, err = bad.Fetch(ctx, "")
	if providers.Classify(err) != providers.ClassAuth || strings.Contains(err.Error(), "other-token-123") {
		t.Errorf("401: %v", err)
	}
	// Network error → transient, no token.
	f.srv.Close()
	_, err = p.Fetch(ctx, "")
	if providers.Classify(err) != providers.ClassTransient || providers.IsPermanent(err) || strings.Contains(err.Error(), testToken) {
		t.Errorf("network: %v", err)
	}
}

func TestForbiddenScope(t *testing.T) {
	f := newFake(t)
	p := f.provider(t, core.NewManualClock(t0))
	f.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusForbidden)
		w.Write([]byte(`{"error":"This action is outside the authorized scopes"}`))
	})
	_, err := p.Fetch(context.Background(), "")
	if providers.Classify(err) != providers.ClassAuth || !providers.IsPermanent(err) || !strings.Contains(err.Error(), "re-authorize") {
		t.Errorf("403 scopes: %v (class %s)", err, providers.Classify(err))
	}
}

func TestHostileErrorMessage(t *testing.T) {
	f := newFake(t)
	p := f.provider(t, core.NewManualClock(t0))
	f.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		w.Write([]byte(`{"error":"\u001b]52;c;ZXZpbA==\u0007bad\nline ` + strings.Repeat("é", 500) + `"}`))
	})
	_, err := p.Fetch(context.Background(), "")
	msg := err.Error()
	if strings.ContainsAny(msg, "\x1b\x07\n") || strings.Contains(msg, "ZXZpbA") || len(msg) > 400 || !utf8.ValidString(msg) {
		t.Errorf("error = %q", msg)
	}
}

func TestRateLimited429(t *testing.T) {
	for _, c := range []struct {
		name string
		hdr  func(now time.Time) map[string]string
	}{
		{"X-RateLimit-Reset", func(now time.Time) map[string]string {
			return map[string]string{"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0",
				"X-RateLimit-Reset": now.Add(2 * time.Minute).Format("2006-01-02T15:04:05.000Z")}
		}},
		{"Retry-After seconds", func(time.Time) map[string]string { return map[string]string{"Retry-After": "120"} }},
		{"Retry-After date", func(now time.Time) map[string]string {
			return map[string]string{"Retry-After": now.Add(2 * time.Minute).Format(http.TimeFormat)}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFake(t)
			clock := core.NewManualClock(t0)
			p := f.provider(t, clock)
			var slept []time.Duration
			p.Client().SetSleeper(func(_ context.Context, d time.Duration) error {
				slept = append(slept, d)
				clock.Advance(d)
				return nil
			})
			ctx := context.Background()
			f.failOnce(http.StatusTooManyRequests, c.hdr(clock.Now()))
			_, err := p.Client().VerifyCredentials(ctx)
			if providers.Classify(err) != providers.ClassRateLimited || providers.IsPermanent(err) {
				t.Fatalf("429: %v", err)
			}
			if rem, reset, ok := p.RateLimit(); !ok || rem != 0 || !reset.Equal(t0.Add(2*time.Minute)) {
				t.Errorf("RateLimit() = %d %v %v", rem, reset, ok)
			}
			if _, err := p.Client().VerifyCredentials(ctx); err != nil {
				t.Fatal(err)
			}
			if len(slept) != 1 || slept[0] != 2*time.Minute {
				t.Errorf("slept %v, want [2m]", slept)
			}
		})
	}
}

func TestRateWaitIsCapped(t *testing.T) {
	f := newFake(t)
	clock := core.NewManualClock(t0)
	p := f.provider(t, clock)
	var slept []time.Duration
	p.Client().SetSleeper(func(_ context.Context, d time.Duration) error {
		slept = append(slept, d)
		return nil
	})
	f.failOnce(http.StatusTooManyRequests, map[string]string{"Retry-After": "86400"})
	ctx := context.Background()
	p.Client().VerifyCredentials(ctx)
	p.Client().VerifyCredentials(ctx)
	if len(slept) != 1 || slept[0] != maxRateWait {
		t.Errorf("slept %v, want [%v]", slept, maxRateWait)
	}
}

func TestRateReporter(t *testing.T) {
	f := newFake(t)
	p := f.provider(t, core.NewManualClock(t0))
	var _ providers.RateReporter = p
	if _, _, ok := p.RateLimit(); ok {
		t.Error("known before any answer")
	}
	reset := t0.Add(5 * time.Minute)
	f.set(func() {
		f.rateHdr = map[string]string{"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "287",
			"X-RateLimit-Reset": reset.Format("2006-01-02T15:04:05.000Z")}
	})
	if _, err := p.Client().VerifyCredentials(context.Background()); err != nil {
		t.Fatal(err)
	}
	if rem, at, ok := p.RateLimit(); !ok || rem != 287 || !at.Equal(reset) {
		t.Errorf("RateLimit() = %d %v %v", rem, at, ok)
	}
}

func TestBodyTooLarge(t *testing.T) {
	f := newFake(t)
	p := f.provider(t, core.NewManualClock(t0))
	f.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("["))
		chunk := []byte(strings.Repeat(`{"id":"1","type":"mention"},`, 1000))
		for n := 0; n <= maxBody; n += len(chunk) {
			w.Write(chunk)
		}
	})
	_, err := p.Fetch(context.Background(), "")
	if err == nil || !providers.IsPermanent(err) || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("oversized body: %v", err)
	}
}

func TestTruncatedBody(t *testing.T) {
	f := newFake(t)
	p := f.provider(t, core.NewManualClock(t0))
	f.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000")
		w.Write([]byte(`[{"id":"1","type":"mention"`))
	})
	_, err := p.Fetch(context.Background(), "")
	if providers.Classify(err) != providers.ClassTransient {
		t.Errorf("cut connection: %v", err)
	}
}

func TestLoopbackHTTP(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"id":"1","acct":"me"}`))
	}))
	t.Cleanup(srv.Close)
	c, err := NewClient(srv.URL, "tok", nil, srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	if a, err := c.VerifyCredentials(context.Background()); err != nil || a.ID != "1" {
		t.Fatalf("%v %+v", err, a)
	}
	for _, ok := range []string{"http://localhost:3000", "http://127.0.0.1", "http://127.8.9.10:80", "http://[::1]:8080", "https://x.social"} {
		if _, err := NewClient(ok, "tok", nil, nil); err != nil {
			t.Errorf("%s refused: %v", ok, err)
		}
	}
	for _, bad := range []string{"http://plain.social", "http://10.0.0.1", "http://localhost.evil.example",
		"http://127.0.0.1.nip.io", "http://[::2]", "ftp://x.social", "https://user:pw@x.social", "https://x.social/?a=b", "x.social"} {
		if _, err := NewClient(bad, "tok", nil, nil); err == nil {
			t.Errorf("%s accepted", bad)
		}
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
