package engine

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"cmdeck/providers"
)

// Each failed sync is recorded with its class, for the health view.
func TestSyncFailureRecordsClass(t *testing.T) {
	tests := []struct {
		err  error
		want providers.ErrorClass
	}{
		{fmt.Errorf("HTTP 401: %w", providers.ErrAuth), providers.ClassAuth},
		{fmt.Errorf("HTTP 429: %w", providers.ErrRateLimited), providers.ClassRateLimited},
		{fmt.Errorf("HTTP 404: %w", providers.ErrNotFound), providers.ClassNotFound},
		{&providers.PermanentError{Err: errors.New("HTTP 422")}, providers.ClassPermanent},
		{errors.New("connection reset"), providers.ClassTransient},
	}
	for _, tt := range tests {
		t.Run(string(tt.want), func(t *testing.T) {
			f := newFixture(t, acct(1))
			f.scripts[1].push(fetchStep{err: tt.err})
			r := f.runner("a")
			f.step(r)
			recs := f.store.failureList()
			if len(recs) != 1 || recs[0].class != string(tt.want) {
				t.Fatalf("recorded %+v, want one failure of class %q", recs, tt.want)
			}
		})
	}
}

// A refused token waits the longest backoff from the first failure, and the
// log says what to do.
func TestAuthFailureBacksOffAtMaximum(t *testing.T) {
	f := newFixture(t, acct(1))
	f.secrets[1] = "s3cr3t-token"
	f.scripts[1].repeat = &fetchStep{err: fmt.Errorf("GET /notifications?access_token=s3cr3t-token: 401: %w", providers.ErrAuth)}
	r := f.runner("a", func(o *Options) { o.MaxBackoff = 10 * time.Minute })

	rep := f.step(r)
	if len(rep.Accounts) != 1 {
		t.Fatalf("report %+v", rep.Accounts)
	}
	ar := rep.Accounts[0]
	if got := ar.NextDue.Sub(f.clock.Now()); got != 10*time.Minute {
		t.Fatalf("after an auth failure the next try is in %v, want the maximum 10m", got)
	}
	// The redacted error still says it is an auth failure.
	if providers.Classify(ar.Err) != providers.ClassAuth || strings.Contains(ar.Err.Error(), "s3cr3t") {
		t.Fatalf("reported error %q (class %s): want auth, without the secret", ar.Err, providers.Classify(ar.Err))
	}
	recs := f.store.failureList()
	if len(recs) != 1 || recs[0].class != "auth" || !recs[0].until.Equal(ar.NextDue) || strings.Contains(recs[0].msg, "s3cr3t") {
		t.Fatalf("recorded %+v", recs)
	}
	logs := f.logText()
	if !strings.Contains(logs, "needs re-authorizing") || strings.Contains(logs, "s3cr3t") {
		t.Fatalf("log does not say to re-authorize (or shows the secret):\n%s", logs)
	}
	// Not tried again before the maximum backoff is over.
	f.clock.Advance(10*time.Minute - time.Second)
	if n := len(f.step(r).Accounts); n != 0 {
		t.Fatal("an account with a refused token was retried before the maximum backoff")
	}
	f.clock.Advance(time.Second)
	if n := len(f.step(r).Accounts); n != 1 {
		t.Fatal("not retried after the maximum backoff")
	}
}

// A transient failure still backs off from the interval: only auth jumps.
func TestTransientFailureBacksOffFromInterval(t *testing.T) {
	f := newFixture(t, acct(1))
	f.scripts[1].push(fetchStep{err: errors.New("connection reset")})
	r := f.runner("a", func(o *Options) { o.MaxBackoff = 10 * time.Minute })
	rep := f.step(r)
	if got := rep.Accounts[0].NextDue.Sub(f.clock.Now()); got != time.Minute {
		t.Fatalf("next try in %v, want 1m", got)
	}
	if strings.Contains(f.logText(), "re-authoriz") {
		t.Error("a transient failure asked for re-authorizing")
	}
}

// The budget a provider reports is recorded after each fetch, failed ones
// included, but only when it changed.
func TestRateRecordedAfterFetch(t *testing.T) {
	f := newFixture(t, acct(1), acct(2))
	s := f.scripts[1]
	s.rated = true
	reset := t0.Add(5 * time.Minute)
	s.setRate(299, reset)
	r := f.runner("a")

	f.step(r)
	rates := f.store.rateList()
	if len(rates) != 1 || rates[0] != (rateRec{1, 299, reset}) {
		t.Fatalf("after the first sync recorded %+v, want account 1: 299 until %v", rates, reset)
	}
	f.clock.Advance(30 * time.Second)
	f.step(r)
	if n := len(f.store.rateList()); n != 1 {
		t.Fatalf("an unchanged budget was written again (%d writes)", n)
	}
	s.setRate(0, reset)
	s.push(fetchStep{err: fmt.Errorf("429: %w", providers.ErrRateLimited)})
	f.clock.Advance(30 * time.Second)
	f.step(r)
	rates = f.store.rateList()
	if len(rates) != 2 || rates[1] != (rateRec{1, 0, reset}) {
		t.Fatalf("after a refused fetch recorded %+v, want the spent budget", rates)
	}
}

// A provider that says nothing about its budget leaves it unrecorded.
func TestRateUnknownNotRecorded(t *testing.T) {
	f := newFixture(t, acct(1))
	f.scripts[1].rated = true // a reporter that has not heard yet
	f.step(f.runner("a"))
	if rates := f.store.rateList(); len(rates) != 0 {
		t.Fatalf("recorded %+v before the network said anything", rates)
	}
}

// A rate-limited account waits for the budget's reset when it is later than
// its backoff, never beyond the longest backoff.
func TestRateLimitedSyncWaitsForReset(t *testing.T) {
	tests := []struct {
		name  string
		reset time.Duration // after now
		want  time.Duration
	}{
		{"reset later than the backoff", 4 * time.Minute, 4 * time.Minute},
		{"reset sooner than the backoff", 10 * time.Second, time.Minute},
		{"reset beyond the maximum", 3 * time.Hour, 15 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, acct(1))
			s := f.scripts[1]
			s.rated = true
			s.setRate(0, t0.Add(tt.reset))
			s.push(fetchStep{err: fmt.Errorf("429: %w", providers.ErrRateLimited)})
			rep := f.step(f.runner("a"))
			if got := rep.Accounts[0].NextDue.Sub(t0); got != tt.want {
				t.Fatalf("next try in %v, want %v", got, tt.want)
			}
		})
	}
}

// A reporter that panics is the provider's bug: the sync goes on.
func TestRatePanicIgnored(t *testing.T) {
	if got := rateOf(panickyRate{}); got.known {
		t.Fatalf("rateOf a panicking reporter = %+v", got)
	}
}

type panickyRate struct{ fakeProvider }

func (panickyRate) RateLimit() (int, time.Time, bool) { panic("boom") }

// Redacting a secret keeps the error's class, and nothing else of its chain.
func TestRedactKeepsClass(t *testing.T) {
	const secret = "tok-123456"
	for _, base := range []error{providers.ErrAuth, providers.ErrRateLimited, providers.ErrNotFound} {
		err := redact(fmt.Errorf("GET ?token=%s: %w", secret, base), secret)
		if strings.Contains(err.Error(), secret) {
			t.Errorf("%v: the secret survived", err)
		}
		if got, want := providers.Classify(err), providers.Classify(base); got != want {
			t.Errorf("%v: class %s after redaction, want %s", err, got, want)
		}
	}
	perm := redact(&providers.PermanentError{Err: fmt.Errorf("bad %s", secret)}, secret)
	if providers.Classify(perm) != providers.ClassPermanent {
		t.Errorf("permanent error became %s", providers.Classify(perm))
	}
	plain := redact(fmt.Errorf("reset %s", secret), secret)
	if providers.Classify(plain) != providers.ClassTransient || errors.Is(plain, providers.ErrAuth) {
		t.Errorf("a plain error became %s", providers.Classify(plain))
	}
}
