package engine

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

func TestStepSyncsOnlyDueAccounts(t *testing.T) {
	f := newFixture(t, acct(1), acct(2), acct(3))
	// Account 2 was backing off when the last process stopped.
	f.store.setState(core.SyncState{AccountID: 2, Failures: 2, BackoffUntil: t0.Add(90 * time.Second)})
	r := f.runner("a")

	if got := synced(f.step(r)); !slices.Equal(got, []int64{1, 3}) {
		t.Fatalf("first step synced %v, want [1 3] (2 is backing off)", got)
	}
	f.clock.Advance(30 * time.Second)
	if got := synced(f.step(r)); !slices.Equal(got, []int64{1, 3}) {
		t.Fatalf("after one interval synced %v, want [1 3]", got)
	}
	f.clock.Advance(60 * time.Second) // t0+90s: the restored backoff ends
	if got := synced(f.step(r)); !slices.Equal(got, []int64{1, 2, 3}) {
		t.Fatalf("after the backoff synced %v, want [1 2 3]", got)
	}
}

func TestIntervalRespected(t *testing.T) {
	f := newFixture(t, acct(1))
	r := f.runner("a")
	steps := []struct {
		advance time.Duration
		want    int // fetches so far
	}{
		{0, 1},
		{29 * time.Second, 1},
		{time.Second, 2}, // t0+30s
		{10 * time.Second, 2},
		{20 * time.Second, 3}, // t0+60s
	}
	for i, s := range steps {
		f.clock.Advance(s.advance)
		f.step(r)
		if got := len(f.scripts[1].calls()); got != s.want {
			t.Fatalf("step %d (t0+%v): %d fetches, want %d", i, f.clock.Now().Sub(t0), got, s.want)
		}
	}
}

func TestJitterDeterministicAndBounded(t *testing.T) {
	nextDues := func(seed uint64) []time.Duration {
		f := newFixture(t, acct(1), acct(2), acct(3), acct(4))
		r := f.runner("a", func(o *Options) { o.Jitter = 0.1; o.Seed = seed })
		var out []time.Duration
		for range 5 {
			rep := f.step(r)
			for _, a := range rep.Accounts {
				out = append(out, a.NextDue.Sub(f.clock.Now()))
			}
			f.clock.Advance(time.Minute)
		}
		return out
	}
	a, b, c := nextDues(42), nextDues(42), nextDues(7)
	if len(a) != 20 {
		t.Fatalf("got %d syncs, want 20", len(a))
	}
	if !slices.Equal(a, b) {
		t.Fatalf("same seed gave different delays:\n%v\n%v", a, b)
	}
	if slices.Equal(a, c) {
		t.Fatalf("different seeds gave the same delays: %v", a)
	}
	distinct := map[time.Duration]bool{}
	for _, d := range a {
		if d < 27*time.Second || d >= 33*time.Second {
			t.Errorf("delay %v outside 30s ±10%%", d)
		}
		distinct[d] = true
	}
	if len(distinct) < 10 {
		t.Errorf("only %d distinct delays in 20: jitter is not spreading", len(distinct))
	}
}

func TestBackoffGrowsCapsAndResets(t *testing.T) {
	f := newFixture(t, acct(1))
	f.scripts[1].repeat = &fetchStep{err: errors.New("connection refused")}
	r := f.runner("a", func(o *Options) { o.MaxBackoff = 5 * time.Minute })

	wantDelays := []time.Duration{
		time.Minute, 2 * time.Minute, 4 * time.Minute, 5 * time.Minute, 5 * time.Minute,
	}
	for i, want := range wantDelays {
		rep := f.step(r)
		if len(rep.Accounts) != 1 || rep.Accounts[0].Err == nil {
			t.Fatalf("failure %d: report %+v, want one failed account", i+1, rep.Accounts)
		}
		got := rep.Accounts[0].NextDue.Sub(f.clock.Now())
		if got != want {
			t.Fatalf("failure %d: next try in %v, want %v", i+1, got, want)
		}
		st := f.store.state(1)
		if st.Failures != i+1 || !st.BackoffUntil.Equal(rep.Accounts[0].NextDue) {
			t.Fatalf("failure %d: store has failures=%d until=%v", i+1, st.Failures, st.BackoffUntil)
		}
		// Not due before the backoff ends.
		f.clock.Advance(got - time.Second)
		if n := len(f.step(r).Accounts); n != 0 {
			t.Fatalf("failure %d: synced during backoff", i+1)
		}
		f.clock.Advance(time.Second)
	}

	f.scripts[1].repeat = nil // the network is back
	rep := f.step(r)
	if rep.Accounts[0].Err != nil {
		t.Fatalf("sync after recovery failed: %v", rep.Accounts[0].Err)
	}
	if got := rep.Accounts[0].NextDue.Sub(f.clock.Now()); got != 30*time.Second {
		t.Fatalf("after success next sync in %v, want the 30s interval", got)
	}
	f.scripts[1].repeat = &fetchStep{err: errors.New("down again")}
	f.clock.Advance(30 * time.Second)
	rep = f.step(r)
	if got := rep.Accounts[0].NextDue.Sub(f.clock.Now()); got != time.Minute {
		t.Fatalf("first failure after a success waits %v, want 1m (count reset)", got)
	}
}

func TestBackoffCountRestoredFromStore(t *testing.T) {
	f := newFixture(t, acct(1))
	f.store.setState(core.SyncState{AccountID: 1, Failures: 3, BackoffUntil: t0.Add(-time.Second)})
	f.scripts[1].repeat = &fetchStep{err: errors.New("still down")}
	r := f.runner("a")
	rep := f.step(r)
	// 4th consecutive failure: 30s × 2^4.
	if got := rep.Accounts[0].NextDue.Sub(t0); got != 8*time.Minute {
		t.Fatalf("next try in %v, want 8m", got)
	}
	if st := f.store.state(1); st.Failures != 4 {
		t.Fatalf("store failures = %d, want 4", st.Failures)
	}
}

func TestCursorPassedBackAndMoreDrainsUpToCap(t *testing.T) {
	f := newFixture(t, acct(1), acct(2))
	f.store.setState(core.SyncState{AccountID: 1, Cursor: "c0"})
	s := f.scripts[1]
	for _, c := range []string{"c1", "c2", "c3", "c4", "c5", "c6", "c7"} {
		s.push(fetchStep{batch: core.Batch{Cursor: c, More: c != "c7", Items: items(c, 2, core.SentimentNeutral)}})
	}
	r := f.runner("a", func(o *Options) { o.MaxBatches = 3 })

	rep := f.step(r)
	if got, want := s.calls(), []string{"c0", "c1", "c2"}; !slices.Equal(got, want) {
		t.Fatalf("first step cursors %q, want %q", got, want)
	}
	if a := rep.Accounts[0]; a.Batches != 3 || a.NewItems != 6 {
		t.Fatalf("first step report %+v, want 3 batches, 6 new items", a)
	}
	if got := synced(rep); !slices.Equal(got, []int64{1, 2}) {
		t.Fatalf("backlog starved account 2: synced %v", got)
	}
	if c := f.store.state(1).Cursor; c != "c3" {
		t.Fatalf("stored cursor %q, want c3", c)
	}
	if a := rep.Accounts[0]; !a.NextDue.Equal(f.clock.Now()) {
		t.Fatalf("backlog left: next due %v, want the next step (%v)", a.NextDue, f.clock.Now())
	}
	if got := rep.Accounts[1].NextDue.Sub(f.clock.Now()); got != 30*time.Second {
		t.Fatalf("account 2 next due in %v, want the interval", got)
	}
	f.clock.Advance(time.Second)
	if got := synced(f.step(r)); !slices.Equal(got, []int64{1}) {
		t.Fatalf("next step synced %v, want only the account with a backlog", got)
	}
	if got, want := s.calls(), []string{"c0", "c1", "c2", "c3", "c4", "c5"}; !slices.Equal(got, want) {
		t.Fatalf("second step cursors %q, want %q", got, want)
	}
	f.clock.Advance(time.Second)
	rep = f.step(r)
	if got := s.calls()[6:]; !slices.Equal(got, []string{"c6"}) {
		t.Fatalf("third step cursors %q, want [c6] (More false stops the drain)", got)
	}
	if a := rep.Accounts[0]; a.Batches != 1 || a.NextDue.Sub(f.clock.Now()) != 30*time.Second {
		t.Fatalf("third step %+v, want 1 batch and back to the interval", a)
	}
}

func TestEmptyCursorKeepsStoredCursor(t *testing.T) {
	f := newFixture(t, acct(1))
	f.store.setState(core.SyncState{AccountID: 1, Cursor: "since-42"})
	f.scripts[1].push(fetchStep{batch: core.Batch{}}) // nothing new, cursor forgotten
	r := f.runner("a")
	f.step(r)
	if c := f.store.state(1).Cursor; c != "since-42" {
		t.Fatalf("stored cursor %q, want since-42 kept", c)
	}
}

func TestMoreWithoutProgressStops(t *testing.T) {
	f := newFixture(t, acct(1))
	f.scripts[1].repeat = &fetchStep{batch: core.Batch{Cursor: "stuck", More: true}}
	f.store.setState(core.SyncState{AccountID: 1, Cursor: "stuck"})
	r := f.runner("a")
	f.step(r)
	if n := len(f.scripts[1].calls()); n != 1 {
		t.Fatalf("%d fetches of a page that never moves, want 1", n)
	}
}

func TestPanicInProviderIsRecovered(t *testing.T) {
	f := newFixture(t, acct(1), acct(2))
	f.scripts[1].push(fetchStep{panic: "index out of range"})
	f.scripts[2].push(fetchStep{batch: core.Batch{Cursor: "x", Items: items("b", 1, core.SentimentPositive)}})
	r := f.runner("a")

	rep := f.step(r)
	if len(rep.Accounts) != 2 {
		t.Fatalf("synced %d accounts, want 2", len(rep.Accounts))
	}
	if err := rep.Accounts[0].Err; err == nil || !strings.Contains(err.Error(), "panicked") {
		t.Fatalf("account 1 error %v, want a recovered panic", err)
	}
	if a := rep.Accounts[1]; a.Err != nil || a.NewItems != 1 {
		t.Fatalf("account 2 report %+v, want 1 new item and no error", a)
	}
	if st := f.store.state(1); st.Failures != 1 || !strings.Contains(st.LastError, "panicked") {
		t.Fatalf("store state %+v, want the panic recorded as a failure", st)
	}
	// The panicked provider is rebuilt on the next try.
	f.clock.Advance(time.Minute)
	f.step(r)
	if b := f.scripts[1].builds; b != 2 {
		t.Fatalf("provider built %d times, want 2 (rebuilt after its panic)", b)
	}
	if b := f.scripts[2].builds; b != 1 {
		t.Fatalf("healthy provider built %d times, want 1 (cached)", b)
	}
}

func TestPanicInFactoryIsRecovered(t *testing.T) {
	f := newFixture(t, acct(1))
	f.reg.Register("fake", func(providers.AccountConfig) (providers.Provider, error) { panic("bad settings") })
	r := f.runner("a")
	rep := f.step(r)
	if err := rep.Accounts[0].Err; err == nil || !strings.Contains(err.Error(), "panicked") {
		t.Fatalf("error %v, want the factory panic", err)
	}
}

func TestBuildAndSecretErrorsAreSyncFailures(t *testing.T) {
	f := newFixture(t, acct(1), acct(2), acct(3))
	f.scripts[1].buildErr = errors.New("missing instance URL")
	r := f.runner("a", func(o *Options) {
		base := o.Secret
		o.Secret = func(ctx context.Context, a core.Account) (string, error) {
			if a.ID == 2 {
				return "", errors.New("token command exited 1")
			}
			return base(ctx, a)
		}
	})
	rep := f.step(r)
	for i, want := range []string{"missing instance URL", "token command exited 1", ""} {
		err := rep.Accounts[i].Err
		if (want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), want)) {
			t.Errorf("account %d error %v, want %q", i+1, err, want)
		}
	}
	if n := len(f.store.failures); n != 2 {
		t.Fatalf("%d failures recorded, want 2", n)
	}
}

func TestSecretNeverInErrorsLogsOrEvents(t *testing.T) {
	const secret = "tok_SuperSecret123"
	f := newFixture(t, acct(1))
	f.secrets[1] = secret
	f.scripts[1].repeat = &fetchStep{err: &providers.PermanentError{
		Err: errors.New("GET https://example.net/api?access_token=" + secret + ": 401"),
	}}
	r := f.runner("a")
	rep := f.step(r)

	if got := f.scripts[1].secrets; !slices.Equal(got, []string{secret}) {
		t.Fatalf("factory got secrets %q, want the resolved one", got)
	}
	err := rep.Accounts[0].Err
	if err == nil {
		t.Fatal("want an error")
	}
	if !providers.IsPermanent(err) {
		t.Errorf("redaction lost the error's permanence: %v", err)
	}
	texts := map[string]string{"report": err.Error(), "logs": f.logText(), "stored": f.store.state(1).LastError}
	for _, e := range f.eventList() {
		if e.Err != nil {
			texts["event"] = e.Err.Error()
		}
	}
	if len(texts) != 4 {
		t.Fatalf("no event carried the error: %v", f.eventList())
	}
	for where, s := range texts {
		if strings.Contains(s, secret) {
			t.Errorf("secret leaked in %s: %q", where, s)
		}
		if where != "logs" && !strings.Contains(s, "[redacted]") {
			t.Errorf("%s: %q, want the error with the secret redacted", where, s)
		}
	}
	if errors.Unwrap(errors.Unwrap(err)) != nil {
		t.Errorf("redacted error unwraps to %v: the original holds the secret", errors.Unwrap(errors.Unwrap(err)))
	}
}

func TestHungProviderTimesOut(t *testing.T) {
	f := newFixture(t, acct(1), acct(2))
	hang := make(chan struct{})
	defer close(hang)
	f.scripts[1].push(fetchStep{hang: hang})
	r := f.runner("a", func(o *Options) { o.CallTimeout = 20 * time.Millisecond })
	rep := f.step(r)
	if err := rep.Accounts[0].Err; !errors.Is(err, errProviderHung) {
		t.Fatalf("error %v, want the provider timeout", err)
	}
	if rep.Accounts[1].Err != nil {
		t.Fatalf("account 2 failed too: %v", rep.Accounts[1].Err)
	}
}

func TestCancelledContextIsNotAFailure(t *testing.T) {
	f := newFixture(t, acct(1), acct(2))
	r := f.runner("a")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Shutdown arrives while account 1 is fetching.
	f.scripts[1].push(fetchStep{call: cancel, err: context.Canceled})
	rep, err := r.Step(ctx, f.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if n := len(f.store.failures); n != 0 {
		t.Fatalf("%d failures recorded for a cancelled step, want 0", n)
	}
	if got := synced(rep); !slices.Equal(got, []int64{1}) {
		t.Fatalf("synced %v, want only account 1 (the step stops at cancel)", got)
	}
	for _, e := range f.eventList() {
		if e.Err != nil {
			t.Fatalf("event with error %v for a cancelled step", e.Err)
		}
	}
	// Account 1 is still due: the next step syncs it.
	f.scripts[1].push(fetchStep{batch: core.Batch{Cursor: "c"}})
	if got := synced(f.step(r)); !slices.Equal(got, []int64{1, 2}) {
		t.Fatalf("next step synced %v, want [1 2]", got)
	}
}

func TestIngestErrorIsSyncFailure(t *testing.T) {
	f := newFixture(t, acct(1))
	f.store.ingestErr = errors.New("database is locked")
	r := f.runner("a")
	rep := f.step(r)
	if err := rep.Accounts[0].Err; err == nil || !strings.Contains(err.Error(), "database is locked") {
		t.Fatalf("error %v, want the store error", err)
	}
	if f.store.state(1).Failures != 1 {
		t.Fatal("store failure not recorded")
	}
}

func TestNewAccountsPickedUpAfterInterval(t *testing.T) {
	f := newFixture(t, acct(1))
	r := f.runner("a")
	f.step(r)
	f.store.addAccount(acct(2))
	f.scripts[2] = &script{}
	f.clock.Advance(30 * time.Second)
	if got := synced(f.step(r)); !slices.Equal(got, []int64{1, 2}) {
		t.Fatalf("synced %v, want the new account too", got)
	}
}

func TestSyncOnceIgnoresScheduleAndBackoff(t *testing.T) {
	f := newFixture(t, acct(1), acct(2))
	f.store.setState(core.SyncState{AccountID: 2, Failures: 5, BackoffUntil: t0.Add(time.Hour)})
	r := f.runner("a")
	f.step(r) // account 1 just synced; account 2 backing off
	f.scripts[1].push(
		fetchStep{batch: core.Batch{Cursor: "1", More: true, Items: items("a", 3, core.SentimentNeutral)}},
		fetchStep{batch: core.Batch{Cursor: "2", Items: items("b", 2, core.SentimentNeutral)}},
	)
	reports, err := r.SyncOnce(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) != 2 {
		t.Fatalf("%d reports, want every account", len(reports))
	}
	if n := len(f.scripts[2].calls()); n != 1 {
		t.Fatalf("account 2 fetched %d times, want 1 despite its backoff", n)
	}
	if a := reports[0]; a.Batches != 2 || a.NewItems != 5 || a.Err != nil {
		t.Fatalf("account 1 report %+v, want 2 batches drained, 5 new items", a)
	}
	if n := len(f.scripts[1].calls()); n != 3 {
		t.Fatalf("account 1 fetched %d times, want 3 (1 step + 2 sync once)", n)
	}
}

func TestSyncOnceHonorsLease(t *testing.T) {
	f := newFixture(t, acct(1))
	other := f.runner("other")
	f.step(other)
	r := f.runner("me")
	_, err := r.SyncOnce(context.Background())
	var held *LeaseHeldError
	if !errors.As(err, &held) || held.Holder != "other" {
		t.Fatalf("error %v, want LeaseHeldError naming other", err)
	}
	if n := len(f.scripts[1].calls()); n != 1 {
		t.Fatalf("%d fetches, want only the holder's", n)
	}
}

func TestClosedRunnerRefusesWork(t *testing.T) {
	f := newFixture(t, acct(1))
	r := f.runner("a")
	f.step(r)
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Step(context.Background(), f.clock.Now()); !errors.Is(err, ErrClosed) {
		t.Fatalf("Step after Close: %v, want ErrClosed", err)
	}
	if len(f.store.leases) != 0 {
		t.Fatalf("lease still held after Close: %v", f.store.leases)
	}
	if err := r.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}

func TestNewValidatesOptions(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name string
		edit func(*Options)
	}{
		{"no store", func(o *Options) { o.Store = nil }},
		{"no registry", func(o *Options) { o.Registry = nil }},
		{"jitter too big", func(o *Options) { o.Jitter = 1 }},
		{"negative jitter", func(o *Options) { o.Jitter = -0.1 }},
		{"negative interval", func(o *Options) { o.Interval = -time.Second }},
		{"negative batches", func(o *Options) { o.MaxBatches = -1 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := f.options("a")
			tt.edit(&o)
			if _, err := New(o); err == nil {
				t.Fatal("New accepted bad options")
			}
		})
	}
	r, err := New(Options{Store: f.store, Registry: f.reg, Interval: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if r.leaseTTL != MinLeaseTTL || r.maxBatches != DefaultMaxBatches || r.owner == "" {
		t.Fatalf("defaults not applied: ttl=%v batches=%d owner=%q", r.leaseTTL, r.maxBatches, r.owner)
	}
}
