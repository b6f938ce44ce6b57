package app

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"cmdeck/config"
	"cmdeck/core"
	"cmdeck/engine"
	"cmdeck/providers"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// lockedBuffer is a log the daemon writes while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// calls counts what the providers were asked, across the engine's goroutine.
type calls struct {
	mu      sync.Mutex
	fetches int
	publish map[string]int // by idempotency key
}

func (c *calls) fetched() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.fetches
}

func (c *calls) published() (total int, byKey map[string]int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	byKey = map[string]int{}
	for k, n := range c.publish {
		byKey[k] = n
		total += n
	}
	return total, byKey
}

// countingProvider passes every call to the real provider and counts them.
type countingProvider struct {
	providers.Provider
	c *calls
}

func (p countingProvider) Fetch(ctx context.Context, cursor string) (core.Batch, error) {
	p.c.mu.Lock()
	p.c.fetches++
	p.c.mu.Unlock()
	return p.Provider.Fetch(ctx, cursor)
}

func (p countingProvider) Do(ctx context.Context, a core.Action) (core.ActionResult, error) {
	if a.Kind == core.ActPublish {
		p.c.mu.Lock()
		p.c.publish[a.IdempotencyKey]++
		p.c.mu.Unlock()
	}
	return p.Provider.Do(ctx, a)
}

// countCalls makes ws's providers count their calls.
func countCalls(ws *Workspace) *calls {
	c := &calls{publish: map[string]int{}}
	inner := ws.Registry
	outer := providers.NewRegistry()
	for _, name := range inner.Names() {
		outer.Register(name, func(cfg providers.AccountConfig) (providers.Provider, error) {
			p, err := inner.New(cfg)
			if err != nil {
				return nil, err
			}
			return countingProvider{Provider: p, c: c}, nil
		})
	}
	ws.Registry = outer
	return c
}

// openDaemonDemo opens a demo workspace whose engine steps every few
// milliseconds on clock, logging to the returned buffer.
func openDaemonDemo(t *testing.T, clock core.Clock) (*Workspace, *lockedBuffer) {
	t.Helper()
	env := testEnv(t)
	cfg, _, err := config.Load(config.Options{Env: env, Known: ProviderNames()})
	if err != nil {
		t.Fatal(err)
	}
	log := &lockedBuffer{}
	ws, err := Open(context.Background(), cfg, Options{Env: env, Clock: clock, LogTo: log, Tick: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	return ws, log
}

// startDaemon runs ws.Daemon until the returned stop is called; stop
// returns what Daemon returned.
func startDaemon(t *testing.T, ws *Workspace) (stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ws.Daemon(ctx) }()
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("the daemon did not stop when cancelled")
			}
		})
		return err
	}
	t.Cleanup(func() { _ = stop() })
	return stop
}

// eventually waits for cond, failing the test after a generous timeout:
// the daemon runs on its own goroutine, driven by the manual clock.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func accountByHandle(t *testing.T, ws *Workspace, handle string) core.Account {
	t.Helper()
	for _, a := range ws.Accounts {
		if a.Handle == handle {
			return a
		}
	}
	t.Fatalf("no account %s", handle)
	return core.Account{}
}

// The daemon publishes a post when its time comes, once, as "daemon", and
// gives the lease back when it stops.
func TestDaemonPublishesOnceAndReleasesTheLease(t *testing.T) {
	ctx := context.Background()
	clock := core.NewManualClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	ws, log := openDaemonDemo(t, clock)
	counted := countCalls(ws)
	acct := accountByHandle(t, ws, "@pixelforge")
	ids, err := ws.Store.CreatePosts(ctx, store.PostDraft{AccountIDs: []int64{acct.ID},
		Body: "Le patch 3.9 arrive ce soir !", At: clock.Now().Add(2 * time.Minute), Actor: "test"}, clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	post := func() store.PostView {
		p, err := ws.Store.Post(ctx, ids[0])
		if err != nil {
			t.Fatal(err)
		}
		return p
	}

	stop := startDaemon(t, ws)
	eventually(t, "the first pass", func() bool { return counted.fetched() >= len(ws.Accounts) })
	if p := post(); p.Status != core.PostScheduled {
		t.Fatalf("before its time the post is %s, want scheduled", p.Status)
	}

	clock.Advance(3 * time.Minute)
	eventually(t, "the post published", func() bool { return post().Status == core.PostPublished })
	// Let at least one more full pass run: nothing may go out again.
	after := counted.fetched()
	clock.Advance(time.Minute)
	eventually(t, "another pass", func() bool { return counted.fetched() >= after+len(ws.Accounts) })
	if err := stop(); err != nil {
		t.Fatalf("Daemon returned %v on cancel, want nil", err)
	}

	total, byKey := counted.published()
	if total != 1 || len(byKey) != 1 {
		t.Fatalf("publish calls: %d (%v), want exactly one", total, byKey)
	}
	if p := post(); p.PublishedBy != DaemonMode {
		t.Errorf("published by %q, want %q", p.PublishedBy, DaemonMode)
	}
	same, err := ws.Store.CalendarPosts(ctx, store.PostQuery{AccountID: acct.ID,
		From: clock.Now().Add(-time.Hour), To: clock.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if n := countBody(same, "Le patch 3.9 arrive ce soir !"); n != 1 {
		t.Errorf("the calendar shows the post %d times after syncing, want once", n)
	}
	_, held, err := ws.Store.AcquireLease(ctx, engine.LeaseName, "deck:1:tui", clock.Now(), time.Minute)
	if err != nil || !held {
		t.Fatalf("after the daemon stopped the lease is not free (held %v, err %v)", held, err)
	}
	for _, want := range []string{"daemon: starting", "daemon: running", "daemon: stopped; the lease is released"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("the log lacks %q:\n%s", want, log)
		}
	}
}

// A daemon started while a deck holds the lease waits, says for whom, and
// takes over once the deck lets the lease go.
func TestDaemonWaitsForTheLeaseThenTakesOver(t *testing.T) {
	ctx := context.Background()
	clock := core.NewManualClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	ws, log := openDaemonDemo(t, clock)
	counted := countCalls(ws)
	const deck = "laptop:4242:tui"
	if _, held, err := ws.Store.AcquireLease(ctx, engine.LeaseName, deck, clock.Now(), 90*time.Second); err != nil || !held {
		t.Fatalf("taking the lease for the deck: %v %v", held, err)
	}

	startDaemon(t, ws)
	eventually(t, "the daemon to wait", func() bool {
		return strings.Contains(log.String(), "daemon: waiting for the lease held by "+deck)
	})
	if n := counted.fetched(); n != 0 {
		t.Fatalf("the daemon synced %d times while the deck held the lease", n)
	}

	if err := ws.Store.ReleaseLease(ctx, engine.LeaseName, deck); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Minute) // past the engine's next look at the lease
	eventually(t, "the daemon to take over", func() bool {
		return strings.Contains(log.String(), "daemon: running") && counted.fetched() > 0
	})
}

func TestHolderMode(t *testing.T) {
	for owner, want := range map[string]string{
		"laptop:4242:daemon": "daemon",
		"laptop:4242:tui":    "tui",
		"laptop:4242":        "laptop:4242",
		"":                   "",
		"a:b:c:d":            "a:b:c:d",
	} {
		if got := holderMode(owner); got != want {
			t.Errorf("holderMode(%q) = %q, want %q", owner, got, want)
		}
	}
}

// The deck hears who holds the lease by mode: the status bar says the
// daemon syncs, not a pid.
func TestDeckMsgNamesTheDaemon(t *testing.T) {
	msg := deckMsg(engine.Event{Lease: engine.LeaseInfo{Holder: "laptop:4242:daemon"}})
	ev, ok := msg.(common.SyncEvent)
	if !ok || ev.LeaseHeld || ev.LeaseHolder != "daemon" {
		t.Fatalf("deckMsg = %#v, want a SyncEvent naming the daemon", msg)
	}
}

func countBody(posts []store.PostView, body string) int {
	n := 0
	for _, p := range posts {
		if p.Body == body {
			n++
		}
	}
	return n
}

// The daemon logs each alert that opens; an SLA check's event (no account)
// is not mistaken for a lease change.
func TestDaemonLogsAlertsNotLeases(t *testing.T) {
	var buf strings.Builder
	d := daemonEvents{log: slog.New(slog.NewTextHandler(&buf, nil))}
	d.event(engine.Event{Alerts: []engine.AlertNotice{{ClientSlug: "fournil", Rule: "sla",
		Severity: core.SeverityWarning, Title: "sla — Le Fournil: 3 messages\x1b[31m", ItemCount: 3}}})
	out := buf.String()
	if !strings.Contains(out, "daemon: alert opened") || !strings.Contains(out, "client=fournil") {
		t.Errorf("no alert line:\n%s", out)
	}
	if strings.Contains(out, "lease") || strings.Contains(out, "\x1b") {
		t.Errorf("an SLA event logged a lease line or an escape:\n%s", out)
	}
}
