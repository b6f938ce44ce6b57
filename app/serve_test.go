package app

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"cmdeck/config"
	"cmdeck/serve/servetest"
)

// TestServeDecksOverSSH is `cmdeck serve` as a small team uses it: several
// people at once on one workspace, each with their role, each seeing what
// the others do; a resize; a clean stop.
func TestServeDecksOverSSH(t *testing.T) {
	s := startServe(t, nil)
	if c, err := servetest.Dial(s.addr, s.crew.eve); err == nil {
		c.Close()
		t.Fatal("a key that is not authorized got in")
	}
	carla, olga := s.open(s.crew.carla, 80, 24), s.open(s.crew.olga, 80, 24)
	for _, term := range []*servetest.Term{carla, olga} {
		term.WaitFor("[1 Inbox]", within)
		s.settled(term)
	}

	// carla (cm) marks the item under her cursor done (✔): it is audited
	// under her name, and olga's deck, another session, shows it done
	// within its poll of the database.
	if strings.Contains(olga.Screen(), "✔") {
		t.Fatalf("an item is done before anyone acted:\n%s", olga.Screen())
	}
	carla.Type("e")
	carla.WaitFor("✔", within)
	if got := s.audit("carla"); len(got) != 1 || got[0].Action != "done" {
		t.Fatalf("carla's audit lines: %+v, want her done", got)
	}
	olga.WaitFor("✔", within)

	// vik (viewer) can read but not act.
	vik := s.open(s.crew.vik, 80, 24)
	vik.WaitFor("[1 Inbox]", within)
	s.settled(vik)
	queued := s.queuedActions()
	for _, key := range []string{"e", "r"} {
		vik.Type(key)
		vik.WaitFor("Read-only session", within)
		vik.Type("\x1b") // esc: the notice goes, so the next key's shows anew
		if !servetest.Eventually(within, func() bool { return !strings.Contains(vik.Screen(), "Read-only session") }) {
			t.Fatalf("the read-only notice stays after esc:\n%s", vik.Screen())
		}
	}
	if got := s.audit("vik"); len(got) != 0 {
		t.Errorf("a viewer's keys reached the audit log: %+v", got)
	}
	if got := s.queuedActions(); got != queued {
		t.Errorf("a viewer's keys queued actions: %d → %d", queued, got)
	}

	// A phone turned sideways and back: the deck redraws at each size.
	for _, size := range [][2]int{{60, 20}, {80, 24}} {
		carla.Resize(size[0], size[1])
		waitDeckFills(t, carla, size[1])
	}

	// SIGTERM: every session is told and ends with status 0, runServe
	// returns nil.
	if err := s.stop(); err != nil {
		t.Fatalf("runServe after its context ended: %v", err)
	}
	for _, term := range []*servetest.Term{carla, olga, vik} {
		if err := term.Wait(within); err != nil {
			t.Errorf("a session ended by the shutdown exited with %v", err)
		}
		if !strings.Contains(term.Screen(), "the server is shutting down") {
			t.Errorf("the user is not told the server stopped:\n%s", term.Screen())
		}
	}
	out := s.out.String()
	for _, want := range []string{"listening on 127.0.0.1:", "3 user(s) mapped", "carla (cm) " + s.crew.carla.Fingerprint,
		": shutdown after ", "the sync lease is released"} {
		if !strings.Contains(out, want) {
			t.Errorf("the server's output lacks %q:\n%s", want, out)
		}
	}
}

// settled waits until the deck has drawn the first sync's items and
// stopped redrawing: a key pressed while the list reloads finds no
// selection.
func (s *served) settled(term *servetest.Term) {
	s.t.Helper()
	s.firstSyncDone()
	if !term.WaitQuiet(700*time.Millisecond, within) {
		s.t.Fatalf("the deck never stopped redrawing:\n%s", term.Screen())
	}
}

// waitDeckFills waits until the deck is drawn over exactly h rows: the tab
// bar on the first, the help bar on the last.
func waitDeckFills(t *testing.T, term *servetest.Term, h int) {
	t.Helper()
	ok := servetest.Eventually(within, func() bool {
		lines := strings.Split(term.Screen(), "\n")
		return len(lines) == h && strings.Contains(lines[0], "[1 Inbox]") && strings.Contains(lines[h-1], "? help")
	})
	if !ok {
		t.Fatalf("the deck does not fill %d rows after the resize:\n%s", h, term.Screen())
	}
}

// queuedActions counts the outbox's rows, whatever their state.
func (s *served) queuedActions() int {
	s.t.Helper()
	all, err := s.ws.Store.Actions(context.Background(), nil, 1000)
	if err != nil {
		s.t.Fatal(err)
	}
	return len(all)
}

func TestServeIdleTimeoutDisconnects(t *testing.T) {
	s := startServe(t, func(cfg *config.Config) { cfg.Serve.IdleTimeout = 300 * time.Millisecond })
	term := s.open(s.crew.carla, 80, 24)
	term.WaitFor("[1 Inbox]", within)
	if err := term.Wait(within); err != nil {
		t.Fatalf("the idle session ended with %v, want status 0", err)
	}
	if !strings.Contains(term.Screen(), "idle for 300ms: disconnected") {
		t.Errorf("the user is not told why:\n%s", term.Screen())
	}
	s.waitOut(": idle after ")
}

func TestServeMaxSessions(t *testing.T) {
	s := startServe(t, func(cfg *config.Config) { cfg.Serve.MaxSessions = 1 })
	s.open(s.crew.olga, 80, 24).WaitFor("[1 Inbox]", within)
	second := s.open(s.crew.carla, 80, 24)
	second.WaitFor("cmdeck: 1 sessions already open (serve.max_sessions); try again later", within)
	var exit *gossh.ExitError
	if err := second.Wait(within); !errors.As(err, &exit) || exit.ExitStatus() != 1 {
		t.Errorf("the session over the bound ended with %v, want status 1", err)
	}
}

func TestServeWithoutAuthorizedKeysDoesNotStart(t *testing.T) {
	env := testEnv(t)
	cfg, _, err := config.Load(config.Options{Env: env, Known: ProviderNames()})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Serve.Listen = "127.0.0.1:0"
	var out lockedBuffer
	err = runServe(context.Background(), cfg, "en", &out, serveDeps{env: env, logTo: &lockedBuffer{}})
	var ce *ConfigError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), cfg.ServeAuthorizedKeys(env)) {
		t.Fatalf("err = %v, want a *ConfigError naming %s", err, cfg.ServeAuthorizedKeys(env))
	}
}

func TestApplyServeFlags(t *testing.T) {
	cfg := &config.Config{}
	if err := ApplyServeFlags(cfg, "0.0.0.0:2022", "/etc/cmdeck/keys"); err != nil {
		t.Fatal(err)
	}
	if cfg.Serve.Listen != "0.0.0.0:2022" || cfg.Serve.AuthorizedKeys != "/etc/cmdeck/keys" {
		t.Errorf("flags not applied: %+v", cfg.Serve)
	}
	if err := ApplyServeFlags(cfg, "", ""); err != nil || cfg.Serve.Listen != "0.0.0.0:2022" {
		t.Errorf("empty flags changed the config: %v %+v", err, cfg.Serve)
	}
	var ce *ConfigError
	if err := ApplyServeFlags(cfg, "2222", ""); !errors.As(err, &ce) {
		t.Errorf("--listen 2222: %v, want a *ConfigError", err)
	}
}

func TestLoopbackOnly(t *testing.T) {
	for listen, want := range map[string]bool{
		"127.0.0.1:2222": true, "[::1]:2222": true, "localhost:2222": true,
		"0.0.0.0:2222": false, ":2222": false, "192.168.1.10:2222": false, "[::]:2222": false, "deck.example:22": false,
	} {
		if got := loopbackOnly(listen); got != want {
			t.Errorf("loopbackOnly(%q) = %v, want %v", listen, got, want)
		}
	}
}
