package serve

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	gossh "golang.org/x/crypto/ssh"

	"cmdeck/serve/servetest"
)

const within = 10 * time.Second

func TestMappedKeyGetsItsProgram(t *testing.T) {
	p := newPeople(t)
	f := startServer(t, p, nil)
	term := f.open(p.ana)
	term.WaitFor("hello ana (cm) 80x24 term=xterm-256color", within)
	term.Type("q")
	if err := term.Wait(within); err != nil {
		t.Fatalf("q should end the session with status 0: %v", err)
	}
}

func TestUnknownAndUnmappedKeysAreRefused(t *testing.T) {
	p := newPeople(t)
	f := startServer(t, p, nil)
	for name, key := range map[string]servetest.Key{"eve (not in authorized_keys)": p.eve, "stray (not mapped)": p.stray} {
		if c, err := servetest.Dial(f.addr, key); err == nil {
			c.Close()
			t.Errorf("%s got in", name)
		} else if !strings.Contains(err.Error(), "unable to authenticate") {
			t.Errorf("%s: %v, want an authentication failure", name, err)
		}
	}
	// The unmapped key is reported once, with its fingerprint and the fix,
	// however many times it knocks.
	if _, err := servetest.Dial(f.addr, p.stray); err == nil {
		t.Fatal("stray got in")
	}
	f.waitOut("refused " + "127.0.0.1")
	out := f.out.String()
	if n := strings.Count(out, "refused key "+p.stray.Fingerprint); n != 1 {
		t.Errorf("the unmapped key was reported %d times, want once:\n%s", n, out)
	}
	if !strings.Contains(out, "add it under serve.users") {
		t.Errorf("the report does not say how to fix it:\n%s", out)
	}
	if strings.Contains(out, p.eve.Fingerprint) {
		t.Errorf("an unknown key is reported by fingerprint (anyone could fill the log):\n%s", out)
	}
}

func TestAuthorizedKeysIsReadAgainWhenItChanges(t *testing.T) {
	p := newPeople(t)
	f := startServer(t, p, nil)
	path := filepath.Join(f.dir, "authorized_keys")
	// vic is mapped; take his key out of the file: he is refused.
	rewrite(t, path, time.Now().Add(time.Hour), p.ana)
	if c, err := servetest.Dial(f.addr, p.vic); err == nil {
		c.Close()
		t.Fatal("a key removed from authorized_keys still gets in")
	}
	// Put it back: he gets in, without a restart.
	rewrite(t, path, time.Now().Add(2*time.Hour), p.ana, p.vic)
	c, err := servetest.Dial(f.addr, p.vic)
	if err != nil {
		t.Fatalf("a key added to authorized_keys is refused: %v", err)
	}
	c.Close()
	f.waitOut("read again: 2 key(s)")
}

// rewrite replaces the file and sets its time, so the change shows even
// on a file system with coarse times.
func rewrite(t *testing.T, path string, mod time.Time, keys ...servetest.Key) {
	t.Helper()
	servetest.WriteAuthorizedKeys(t, path, keys...)
	if err := os.Chtimes(path, mod, mod); err != nil {
		t.Fatal(err)
	}
}

func TestNoTerminalIsRefusedWithAMessage(t *testing.T) {
	p := newPeople(t)
	f := startServer(t, p, nil)
	c, err := servetest.Dial(f.addr, p.ana)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var stderr syncBuffer
	s.Stderr = &stderr
	err = s.Run("ls")
	var exit *gossh.ExitError
	if !errors.As(err, &exit) || exit.ExitStatus() != 1 {
		t.Errorf("exit: %v, want status 1", err)
	}
	if !strings.Contains(stderr.String(), "needs a terminal") {
		t.Errorf("stderr %q does not say a terminal is needed", stderr.String())
	}
	f.waitOut("refused: no terminal requested")
}

func TestMaxSessions(t *testing.T) {
	p := newPeople(t)
	f := startServer(t, p, func(o *Options) { o.MaxSessions = 1 })
	first := f.open(p.ana)
	first.WaitFor("hello ana", within)

	second := f.open(p.vic)
	second.WaitFor("cmdeck: 1 sessions already open (serve.max_sessions); try again later", within)
	var exit *gossh.ExitError
	if err := second.Wait(within); !errors.As(err, &exit) || exit.ExitStatus() != 1 {
		t.Errorf("the refused session ended with %v, want status 1", err)
	}

	first.Type("q")
	if err := first.Wait(within); err != nil {
		t.Fatal(err)
	}
	// The slot is free again.
	if !servetest.Eventually(within, func() bool { return f.srv.Sessions() == 0 }) {
		t.Fatal("the session count did not go back to 0")
	}
	third := f.open(p.vic)
	third.WaitFor("hello vic (viewer)", within)
}

func TestIdleSessionIsClosedEvenWhileOutputFlows(t *testing.T) {
	p := newPeople(t)
	f := startServer(t, p, func(o *Options) { o.IdleTimeout = 300 * time.Millisecond })
	term := f.open(p.ana)
	term.WaitFor("hello ana", within)

	// New data keeps arriving (output), nobody types (no input).
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
				f.srv.Broadcast(note("new"))
			}
		}
	}()
	if err := term.Wait(within); err != nil {
		t.Fatalf("idle session ended with %v, want status 0", err)
	}
	if !strings.Contains(term.Screen(), "cmdeck: idle for 300ms: disconnected") {
		t.Errorf("the user is not told why:\n%s", term.Screen())
	}
	f.waitOut("ana (cm) " + p.ana.Fingerprint)
	f.waitOut(": idle after ")
}

func TestBroadcastReachesEverySession(t *testing.T) {
	p := newPeople(t)
	f := startServer(t, p, nil)
	a, v := f.open(p.ana), f.open(p.vic)
	a.WaitFor("hello ana", within)
	v.WaitFor("hello vic", within)
	f.srv.Broadcast(note("synced-42"))
	a.WaitFor("synced-42", within)
	v.WaitFor("synced-42", within)
}

func TestResizeReachesTheProgram(t *testing.T) {
	p := newPeople(t)
	f := startServer(t, p, nil)
	term := f.open(p.ana)
	term.WaitFor("80x24", within)
	term.Resize(60, 20)
	term.WaitFor("60x20", within)
	term.Resize(80, 24)
	term.WaitFor("80x24", within)
}

func TestLogLinesPerSession(t *testing.T) {
	p := newPeople(t)
	f := startServer(t, p, nil)
	term := f.open(p.vic)
	term.WaitFor("hello vic", within)
	f.waitOut("vic (viewer) " + p.vic.Fingerprint + " from 127.0.0.1:")
	term.Type("q")
	if err := term.Wait(within); err != nil {
		t.Fatal(err)
	}
	f.waitOut(": quit after ")

	// A client that drops the connection.
	c, err := servetest.Dial(f.addr, p.ana)
	if err != nil {
		t.Fatal(err)
	}
	servetest.Open(t, c, 80, 24, nil).WaitFor("hello ana", within)
	c.Close()
	f.waitOut(": disconnect after ")

	log := f.log.String()
	for _, want := range []string{
		`msg="serve: session opened" name=vic role=viewer key=` + p.vic.Fingerprint + " remote=127.0.0.1:",
		`msg="serve: session closed" name=vic role=viewer key=` + p.vic.Fingerprint,
		"reason=quit", "reason=disconnect", "duration=",
	} {
		if !strings.Contains(log, want) {
			t.Errorf("the log lacks %q:\n%s", want, log)
		}
	}
}

func TestShutdownEndsSessionsCleanly(t *testing.T) {
	p := newPeople(t)
	f := startServer(t, p, nil)
	term := f.open(p.ana)
	term.WaitFor("hello ana", within)
	f.stop()
	if err := term.Wait(within); err != nil {
		t.Fatalf("a session ended by shutdown should exit 0: %v", err)
	}
	if !strings.Contains(term.Screen(), "the server is shutting down") {
		t.Errorf("the user is not told:\n%s", term.Screen())
	}
	if !strings.Contains(f.out.String(), ": shutdown after ") {
		t.Errorf("the end is not logged with its reason:\n%s", f.out.String())
	}
	if _, err := servetest.Dial(f.addr, p.ana); err == nil {
		t.Error("the server still accepts connections after shutdown")
	}
}

func TestModelErrorRefusesTheSession(t *testing.T) {
	p := newPeople(t)
	f := startServer(t, p, func(o *Options) {
		o.NewModel = func(Session) (tea.Model, error) { return nil, errors.New("no deck today") }
	})
	term := f.open(p.ana)
	var exit *gossh.ExitError
	if err := term.Wait(within); !errors.As(err, &exit) || exit.ExitStatus() != 1 {
		t.Errorf("exit %v, want status 1", err)
	}
	if !strings.Contains(term.Screen(), "the deck could not open") {
		t.Errorf("the user is not told:\n%s", term.Screen())
	}
	f.waitOut("no deck today")
}

func TestMissingAuthorizedKeysStopsTheStart(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "authorized_keys")
	_, err := New(Options{HostKey: filepath.Join(dir, "hk"), AuthorizedKeys: path,
		NewModel: func(Session) (tea.Model, error) { return nil, nil }})
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "create it") {
		t.Fatalf("err = %v, want one naming %s and how to create it", err, path)
	}
}

func TestStartWarnings(t *testing.T) {
	p := newPeople(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "authorized_keys")
	servetest.WriteAuthorizedKeys(t, path, p.ana)
	// A line with options is ignored, not accepted without them.
	appendLine(t, path, `from="10.0.0.1" `+p.vic.Line)
	for mode, want := range map[os.FileMode]string{0o644: "world-readable", 0o664: "writable by others"} {
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		srv, err := New(Options{HostKey: filepath.Join(dir, "hk"), AuthorizedKeys: path, Users: p.users(),
			NewModel: func(Session) (tea.Model, error) { return nil, nil }})
		if err != nil {
			t.Fatal(err)
		}
		all := strings.Join(srv.Warnings(), "\n")
		for _, w := range []string{want, "line 2 has key options (from)", "vic's key (" + p.vic.Fingerprint + ") is not in"} {
			if !strings.Contains(all, w) {
				t.Errorf("mode %04o: no warning %q in:\n%s", mode, w, all)
			}
		}
		if user, v := srv.keys.check(p.vic.Signer.PublicKey()); v == keyAccepted {
			t.Errorf("a key with from= options was accepted as %v", user)
		}
	}
}

func appendLine(t *testing.T, path, line string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(line + "\n"); err != nil {
		t.Fatal(err)
	}
}

func TestHostKeyIsMadeOnceEd25519AndPrivate(t *testing.T) {
	p := newPeople(t)
	dir := t.TempDir()
	servetest.WriteAuthorizedKeys(t, filepath.Join(dir, "ak"), p.ana)
	o := Options{HostKey: filepath.Join(dir, "data", "cmdeck", "host"), AuthorizedKeys: filepath.Join(dir, "ak"),
		NewModel: func(Session) (tea.Model, error) { return nil, nil }}
	first, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	if !first.HostKeyCreated() || first.host.signer.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Errorf("created %v, type %s: want a new ed25519 key", first.HostKeyCreated(), first.host.signer.PublicKey().Type())
	}
	assertMode(t, o.HostKey, 0o600)
	assertMode(t, filepath.Dir(o.HostKey), 0o700|os.ModeDir)
	second, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	if second.HostKeyCreated() || second.HostKeyFingerprint() != first.HostKeyFingerprint() {
		t.Errorf("the host key changed on the second start: %s then %s", first.HostKeyFingerprint(), second.HostKeyFingerprint())
	}
	// The server presents it.
	srvHost := make(chan string, 1)
	f := startServer(t, p, func(x *Options) { x.HostKey = o.HostKey })
	c, err := gossh.Dial("tcp", f.addr, &gossh.ClientConfig{User: "x", Auth: []gossh.AuthMethod{gossh.PublicKeys(p.ana.Signer)},
		HostKeyCallback: func(_ string, _ net.Addr, k gossh.PublicKey) error {
			srvHost <- gossh.FingerprintSHA256(k)
			return nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	if got := <-srvHost; got != first.HostKeyFingerprint() {
		t.Errorf("the server presents %s, want %s", got, first.HostKeyFingerprint())
	}
}

func assertMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode() & (os.ModePerm | os.ModeDir); got != want {
		t.Errorf("%s: mode %v, want %v", path, got, want)
	}
}

// The handshake deadline must not cut a session that authenticated.
func TestHandshakeDeadlineSparesSessions(t *testing.T) {
	p := newPeople(t)
	clock := newFakeClock()
	f := startServer(t, p, func(o *Options) { o.Clock = clock })
	term := f.open(p.ana)
	term.WaitFor("hello ana", within)
	clock.Advance(handshakeTimeout + time.Second)
	term.Type("x")
	term.WaitFor("key:x", within)
}

func TestHandshakeDeadlineClosesSilentConnections(t *testing.T) {
	p := newPeople(t)
	clock := newFakeClock()
	f := startServer(t, p, func(o *Options) { o.Clock = clock })
	conn, err := net.Dial("tcp", f.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// Wait for the server to see it (it arms the deadline), then let the
	// deadline pass: the server hangs up.
	if !servetest.Eventually(within, func() bool { return clock.Timers() > 0 }) {
		t.Fatal("no deadline armed for the new connection")
	}
	clock.Advance(handshakeTimeout)
	if err := conn.SetReadDeadline(time.Now().Add(within)); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 256)
	for {
		if _, err = conn.Read(buf); err != nil {
			break
		}
	}
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Fatal("the silent connection is still open after the handshake deadline")
	}
}

// stuck is a program whose Update hangs on "b" until released: it cannot
// take the quit the shutdown sends.
type stuck struct {
	probe
	blocked, release chan struct{}
}

func (s *stuck) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "b" {
		close(s.blocked)
		<-s.release
	}
	_, cmd := s.probe.Update(msg)
	return s, cmd
}

func TestShutdownDoesNotWaitForeverForAStuckProgram(t *testing.T) {
	p := newPeople(t)
	blocked, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	f := startServer(t, p, func(o *Options) {
		o.Grace = 200 * time.Millisecond
		o.NewModel = func(s Session) (tea.Model, error) {
			return &stuck{probe: probe{s: s}, blocked: blocked, release: release}, nil
		}
	})
	term := f.open(p.ana)
	term.WaitFor("hello ana", within)
	term.Type("b")
	select {
	case <-blocked:
	case <-time.After(within):
		t.Fatal("the program never got b")
	}
	f.stop() // fails the test if Serve does not return
	if !strings.Contains(f.out.String(), "1 session(s) still open after 200ms: closing their connections") {
		t.Errorf("the forced close is not reported:\n%s", f.out.String())
	}
}
