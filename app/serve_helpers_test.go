package app

import (
	"context"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cmdeck/config"
	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/serve/servetest"
	"cmdeck/store"
)

// within bounds every wait of the served-deck tests.
const within = 15 * time.Second

// crew are the people of the served-deck tests: olga (owner), carla (cm)
// and vik (viewer) are authorized and mapped; eve is neither.
type crew struct{ olga, carla, vik, eve servetest.Key }

// served is `cmdeck serve` running on the demo workspace, on a free
// loopback port.
type served struct {
	t      *testing.T
	addr   string
	ws     *Workspace
	clock  *core.ManualClock
	crew   crew
	out    *lockedBuffer
	cancel context.CancelFunc
	done   chan error
}

// startServe runs runServe on a fresh demo workspace with a manual clock
// (nothing ticks: the screen changes only when the test acts), after tune
// adjusted the config.
func startServe(t *testing.T, tune func(*config.Config)) *served {
	t.Helper()
	env := testEnv(t)
	cfg, _, err := config.Load(config.Options{Env: env, Known: ProviderNames()})
	if err != nil {
		t.Fatal(err)
	}
	s := &served{t: t, crew: crew{servetest.NewKey(t), servetest.NewKey(t), servetest.NewKey(t), servetest.NewKey(t)},
		out: &lockedBuffer{}, done: make(chan error, 1),
		clock: core.NewManualClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))}
	keys := filepath.Join(t.TempDir(), "authorized_keys")
	servetest.WriteAuthorizedKeys(t, keys, s.crew.olga, s.crew.carla, s.crew.vik)
	cfg.Serve.Listen, cfg.Serve.AuthorizedKeys, cfg.Serve.IdleTimeout = "127.0.0.1:0", keys, 0
	cfg.Serve.Users = []config.ServeUser{
		{Name: "olga", Role: config.RoleOwner, Fingerprint: s.crew.olga.Fingerprint},
		{Name: "carla", Role: config.RoleCM, Fingerprint: s.crew.carla.Fingerprint},
		{Name: "vik", Role: config.RoleViewer, Fingerprint: s.crew.vik.Fingerprint},
	}
	if tune != nil {
		tune(cfg)
	}
	ready := make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	deps := serveDeps{env: env, clock: s.clock, logTo: &lockedBuffer{}, tick: 20 * time.Millisecond,
		ready: func(addr net.Addr, ws *Workspace) {
			s.addr, s.ws = addr.String(), ws
			close(ready)
		}}
	go func() { s.done <- runServe(ctx, cfg, i18n.EN, s.out, deps) }()
	select {
	case <-ready:
	case err := <-s.done:
		t.Fatalf("runServe: %v", err)
	}
	t.Cleanup(func() { s.stop() })
	return s
}

// stop cancels the context (what SIGTERM does in main) and returns what
// runServe returned.
func (s *served) stop() error {
	s.cancel()
	select {
	case err := <-s.done:
		s.done <- err // a second stop gets the same answer
		return err
	case <-time.After(within):
		s.t.Fatal("runServe did not return after its context ended")
		return nil
	}
}

// open connects with key and opens a w×h terminal.
func (s *served) open(key servetest.Key, w, h int) *servetest.Term {
	s.t.Helper()
	c, err := servetest.Dial(s.addr, key)
	if err != nil {
		s.t.Fatalf("dial: %v", err)
	}
	s.t.Cleanup(func() { c.Close() })
	return servetest.Open(s.t, c, w, h, nil)
}

// firstSyncDone waits until every account has synced once.
func (s *served) firstSyncDone() {
	s.t.Helper()
	ok := servetest.Eventually(within, func() bool {
		health, err := s.ws.Store.AccountHealth(context.Background())
		if err != nil || len(health) == 0 {
			return false
		}
		for _, h := range health {
			if h.LastSuccess.IsZero() {
				return false
			}
		}
		return true
	})
	if !ok {
		s.t.Fatal("the first sync did not finish")
	}
}

// audit is the audit log's lines by actor.
func (s *served) audit(actor string) []store.AuditEntry {
	s.t.Helper()
	all, err := s.ws.Store.AuditLog(context.Background(), 500)
	if err != nil {
		s.t.Fatal(err)
	}
	var out []store.AuditEntry
	for _, e := range all {
		if e.Actor == actor {
			out = append(out, e)
		}
	}
	return out
}

// waitOut waits until the server printed want.
func (s *served) waitOut(want string) {
	s.t.Helper()
	if !servetest.Eventually(within, func() bool { return strings.Contains(s.out.String(), want) }) {
		s.t.Fatalf("the server never printed %q:\n%s", want, s.out.String())
	}
}
