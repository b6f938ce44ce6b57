package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
	"cmdeck/store"
)

// memStore is an in-memory Store with the real store's documented behavior,
// plus failure injection and call records for assertions.
type memStore struct {
	mu       sync.Mutex
	accounts []store.AccountSync
	states   map[int64]core.SyncState
	items    map[int64]store.ItemView
	byRemote map[string]int64 // account/remote id -> item id
	nextID   int64
	alerts   map[string]*memAlert // by group key
	leases   map[string]store.Lease
	failures []failureRec
	rates    []rateRec

	ingestErr error
	leaseErr  error
	leaseOps  int // AcquireLease calls
	ingests   int
}

type memAlert struct {
	alert   core.Alert
	itemIDs []int64
	raises  int
}

type failureRec struct {
	accountID    int64
	msg          string
	class        string
	at, until    time.Time
	failureCount int
}

// rateRec is one RecordRate call.
type rateRec struct {
	accountID int64
	remaining int
	reset     time.Time
}

func newMemStore(accts ...core.Account) *memStore {
	s := &memStore{
		states: map[int64]core.SyncState{}, items: map[int64]store.ItemView{},
		byRemote: map[string]int64{}, alerts: map[string]*memAlert{}, leases: map[string]store.Lease{},
	}
	for _, a := range accts {
		s.accounts = append(s.accounts, store.AccountSync{Account: a})
	}
	return s
}

// setState stores sync bookkeeping as if an earlier run had left it.
func (s *memStore) setState(st core.SyncState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.states[st.AccountID] = st
}

func (s *memStore) addAccount(a core.Account) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.accounts = append(s.accounts, store.AccountSync{Account: a})
}

func (s *memStore) Accounts(ctx context.Context) ([]store.AccountSync, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := slices.Clone(s.accounts)
	for i := range out {
		out[i].State = s.states[out[i].Account.ID]
	}
	return out, nil
}

func (s *memStore) SyncState(ctx context.Context, id int64) (core.SyncState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.states[id], nil
}

func (s *memStore) IngestBatch(ctx context.Context, accountID int64, b core.Batch, at time.Time) (store.IngestResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ingests++
	if s.ingestErr != nil {
		return store.IngestResult{}, s.ingestErr
	}
	var res store.IngestResult
	for i, it := range b.Items {
		key := fmt.Sprintf("%d/%s", accountID, it.RemoteID)
		if id, ok := s.byRemote[key]; ok {
			it.ID = id
			s.items[id] = store.ItemView{Item: it}
			res.Updated++
			continue
		}
		s.nextID++
		it.ID = s.nextID
		it.AccountID = accountID
		s.byRemote[key] = it.ID
		s.items[it.ID] = store.ItemView{Item: it}
		res.NewItems++
		res.NewItemIDs = append(res.NewItemIDs, it.ID)
		res.NewItemIndex = append(res.NewItemIndex, i)
	}
	st := s.states[accountID]
	st.AccountID = accountID
	st.Cursor = b.Cursor
	st.LastSuccess, st.LastAttempt = at, at
	st.LastError, st.Failures, st.BackoffUntil = "", 0, time.Time{}
	s.states[accountID] = st
	return res, nil
}

func (s *memStore) RecordSyncFailure(ctx context.Context, id int64, msg, class string, at, until time.Time, failures int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, failureRec{id, msg, class, at, until, failures})
	st := s.states[id]
	st.AccountID = id
	st.LastAttempt, st.LastError, st.BackoffUntil, st.Failures = at, msg, until, failures
	s.states[id] = st
	return nil
}

func (s *memStore) RecordRate(ctx context.Context, id int64, remaining int, reset time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rates = append(s.rates, rateRec{id, remaining, reset})
	return nil
}

// failureList returns the recorded sync failures.
func (s *memStore) failureList() []failureRec {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.failures)
}

// rateList returns the recorded rates.
func (s *memStore) rateList() []rateRec {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.rates)
}

func (s *memStore) RaiseAlert(ctx context.Context, a core.Alert, key string, ids []int64) (int64, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.alerts[key]
	if !ok {
		m = &memAlert{alert: a}
		m.alert.ID = int64(len(s.alerts) + 1)
		s.alerts[key] = m
	}
	m.raises++
	m.itemIDs = append(m.itemIDs, ids...)
	m.alert.ItemCount = len(m.itemIDs)
	m.alert.LastAt = a.LastAt
	if a.Severity == core.SeverityCritical {
		m.alert.Severity = a.Severity
	}
	return m.alert.ID, !ok, nil
}

func (s *memStore) AcquireLease(ctx context.Context, name, owner string, now time.Time, ttl time.Duration) (store.Lease, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.leaseOps++
	if s.leaseErr != nil {
		return store.Lease{}, false, s.leaseErr
	}
	cur, ok := s.leases[name]
	if ok && cur.Owner != owner && now.Before(cur.Expires) {
		return cur, false, nil
	}
	l := store.Lease{Name: name, Owner: owner, Expires: now.Add(ttl)}
	s.leases[name] = l
	return l, true, nil
}

func (s *memStore) ReleaseLease(ctx context.Context, name, owner string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.leases[name].Owner == owner {
		delete(s.leases, name)
	}
	return nil
}

func (s *memStore) state(id int64) core.SyncState {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.states[id]
}

// fetchStep is one scripted answer of the fake provider.
type fetchStep struct {
	batch core.Batch
	err   error
	panic any
	hang  chan struct{} // block (ignoring ctx) until closed
	call  func()        // run during the fetch
}

// script drives the fake provider of one account and records its calls.
type script struct {
	mu       sync.Mutex
	steps    []fetchStep
	cursors  []string // the cursor of each Fetch call
	builds   int
	buildErr error
	secrets  []string // secrets the factory was given
	// repeat answers every call past the script with this step.
	repeat *fetchStep
	// rated makes the factory build a provider that reports rate (a
	// providers.RateReporter); set it before the first step.
	rated bool
	rate  rateSeen
	// news, when set, makes the factory build a provider that waits for
	// news (a providers.Waiter): each value sent ends one wait with it.
	news chan error
}

// setRate changes the budget a rated provider reports.
func (s *script) setRate(remaining int, reset time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rate = rateSeen{known: true, remaining: remaining, reset: reset}
}

func (s *script) push(steps ...fetchStep) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.steps = append(s.steps, steps...)
}

func (s *script) calls() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.cursors)
}

type fakeProvider struct{ s *script }

// ratedProvider is a fakeProvider whose network reports its budget.
type ratedProvider struct{ fakeProvider }

func (p ratedProvider) RateLimit() (int, time.Time, bool) {
	p.s.mu.Lock()
	defer p.s.mu.Unlock()
	return p.s.rate.remaining, p.s.rate.reset, p.s.rate.known
}

// waitingProvider is a fakeProvider that hears of news (IMAP IDLE).
type waitingProvider struct{ fakeProvider }

func (p waitingProvider) WaitForNew(ctx context.Context) error {
	select {
	case err := <-p.s.news:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (p fakeProvider) Capabilities() providers.Capabilities { return nil }

func (p fakeProvider) Do(ctx context.Context, a core.Action) (core.ActionResult, error) {
	return core.ActionResult{}, providers.ErrUnsupported
}

func (p fakeProvider) Fetch(ctx context.Context, cursor string) (core.Batch, error) {
	p.s.mu.Lock()
	p.s.cursors = append(p.s.cursors, cursor)
	var st fetchStep
	switch {
	case len(p.s.steps) > 0:
		st = p.s.steps[0]
		p.s.steps = p.s.steps[1:]
	case p.s.repeat != nil:
		st = *p.s.repeat
	default:
		st = fetchStep{batch: core.Batch{Cursor: cursor}}
	}
	p.s.mu.Unlock()
	if st.call != nil {
		st.call()
	}
	if st.hang != nil {
		<-st.hang
	}
	if st.panic != nil {
		panic(st.panic)
	}
	return st.batch, st.err
}

// fixture is a runner's world: accounts, store, scripted providers, clock,
// and what the runner reported (events, logs).
type fixture struct {
	t       *testing.T
	store   *memStore
	reg     *providers.Registry
	clock   *core.ManualClock
	scripts map[int64]*script
	secrets map[int64]string

	mu     sync.Mutex
	events []Event
	logs   bytes.Buffer
}

var t0 = time.Date(2026, 3, 2, 9, 15, 0, 0, time.UTC)

func acct(id int64) core.Account {
	return core.Account{
		ID: id, ClientID: 100 + id, ClientSlug: fmt.Sprintf("client%d", id),
		Provider: "fake", Network: "Fakenet", Handle: fmt.Sprintf("@acct%d", id),
	}
}

func newFixture(t *testing.T, accts ...core.Account) *fixture {
	f := &fixture{
		t: t, store: newMemStore(accts...), reg: providers.NewRegistry(),
		clock: core.NewManualClock(t0), scripts: map[int64]*script{}, secrets: map[int64]string{},
	}
	for _, a := range accts {
		f.scripts[a.ID] = &script{}
	}
	f.reg.Register("fake", func(cfg providers.AccountConfig) (providers.Provider, error) {
		f.mu.Lock()
		s, ok := f.scripts[cfg.Account.ID]
		f.mu.Unlock()
		if !ok {
			return nil, errors.New("no script for account")
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		s.builds++
		s.secrets = append(s.secrets, cfg.Secret)
		if s.buildErr != nil {
			return nil, s.buildErr
		}
		if s.rated {
			return ratedProvider{fakeProvider{s}}, nil
		}
		if s.news != nil {
			return waitingProvider{fakeProvider{s}}, nil
		}
		return fakeProvider{s}, nil
	})
	return f
}

// options are the fixture's defaults: 30 s interval, no jitter.
func (f *fixture) options(owner string) Options {
	return Options{
		Store: f.store, Registry: f.reg, Clock: f.clock, Interval: 30 * time.Second,
		Owner: owner, Seed: 1,
		Logger: slog.New(slog.NewTextHandler(syncWriter{f}, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Notify: func(e Event) { f.mu.Lock(); f.events = append(f.events, e); f.mu.Unlock() },
		Secret: func(ctx context.Context, a core.Account) (string, error) {
			f.mu.Lock()
			defer f.mu.Unlock()
			return f.secrets[a.ID], nil
		},
	}
}

func (f *fixture) runner(owner string, edit ...func(*Options)) *Runner {
	f.t.Helper()
	o := f.options(owner)
	for _, e := range edit {
		e(&o)
	}
	r, err := New(o)
	if err != nil {
		f.t.Fatalf("New: %v", err)
	}
	f.t.Cleanup(func() { r.Close() })
	return r
}

func (f *fixture) step(r *Runner) StepReport {
	f.t.Helper()
	rep, err := r.Step(context.Background(), f.clock.Now())
	if err != nil {
		f.t.Fatalf("Step: %v", err)
	}
	return rep
}

func (f *fixture) eventList() []Event {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.events)
}

func (f *fixture) logText() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.logs.String()
}

// syncWriter lets the logger write to the fixture's buffer under its lock.
type syncWriter struct{ f *fixture }

func (w syncWriter) Write(p []byte) (int, error) {
	w.f.mu.Lock()
	defer w.f.mu.Unlock()
	return w.f.logs.Write(p)
}

// synced lists the ids of the accounts a step synced.
func synced(rep StepReport) []int64 {
	var ids []int64
	for _, a := range rep.Accounts {
		ids = append(ids, a.AccountID)
	}
	return ids
}

// items makes n incoming items with remote ids prefix-0…, of a sentiment.
func items(prefix string, n int, s core.Sentiment) []core.Item {
	out := make([]core.Item, n)
	for i := range out {
		out[i] = core.Item{
			RemoteID: fmt.Sprintf("%s-%d", prefix, i), Kind: core.KindComment, Body: "text",
			Sentiment: s, CreatedAt: t0, Author: core.Author{Handle: "@someone", Followers: 10},
		}
	}
	return out
}
