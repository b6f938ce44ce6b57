package serve

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"cmdeck/serve/servetest"
)

// syncBuffer is a buffer several goroutines write to.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// note is a broadcast message the probe shows.
type note string

// probe is the program served in these tests: it shows who it is for,
// its size, and the notes broadcast to it; q quits.
type probe struct {
	s             Session
	width, height int
	notes         []string
}

func (p *probe) Init() tea.Cmd { return nil }

func (p *probe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if msg.String() == "q" {
			return p, tea.Quit
		}
		p.notes = append(p.notes, "key:"+msg.String())
	case note:
		p.notes = append(p.notes, string(msg))
	case tea.WindowSizeMsg:
		p.width, p.height = msg.Width, msg.Height
	}
	return p, nil
}

func (p *probe) View() tea.View {
	v := tea.NewView(fmt.Sprintf("hello %s (%s) %dx%d term=%s\n%s", p.s.User.Name, p.s.User.Role,
		p.width, p.height, p.s.Getenv("TERM"), strings.Join(p.notes, " ")))
	v.AltScreen = true
	return v
}

// fixture is a running server on a free loopback port.
type fixture struct {
	t      *testing.T
	dir    string
	srv    *Server
	addr   string
	out    *syncBuffer // the operator's terminal
	log    *syncBuffer // the slog text log
	cancel context.CancelFunc
	served chan error
}

// people are the test's keys: ana (cm) and vic (viewer) are mapped and
// authorized; stray is authorized but not mapped; eve is neither.
type people struct{ ana, vic, stray, eve servetest.Key }

func newPeople(t *testing.T) people {
	return people{servetest.NewKey(t), servetest.NewKey(t), servetest.NewKey(t), servetest.NewKey(t)}
}

func (p people) users() []User {
	return []User{
		{Name: "ana", Role: "cm", Fingerprint: p.ana.Fingerprint},
		{Name: "vic", Role: "viewer", Fingerprint: p.vic.Fingerprint},
	}
}

// startServer writes authorized_keys with ana, vic and stray, then starts
// a server with tune applied to its options.
func startServer(t *testing.T, p people, tune func(*Options)) *fixture {
	t.Helper()
	dir := t.TempDir()
	servetest.WriteAuthorizedKeys(t, filepath.Join(dir, "authorized_keys"), p.ana, p.vic, p.stray)
	f := &fixture{t: t, dir: dir, out: &syncBuffer{}, log: &syncBuffer{}, served: make(chan error, 1)}
	o := Options{
		Listen:         "127.0.0.1:0",
		HostKey:        filepath.Join(dir, "data", "host_ed25519"),
		AuthorizedKeys: filepath.Join(dir, "authorized_keys"),
		Users:          p.users(),
		NewModel:       func(s Session) (tea.Model, error) { return &probe{s: s}, nil },
		Logger:         slog.New(slog.NewTextHandler(f.log, nil)),
		Out:            f.out,
	}
	if tune != nil {
		tune(&o)
	}
	srv, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	addr, err := srv.Listen()
	if err != nil {
		t.Fatal(err)
	}
	f.srv, f.addr = srv, addr.String()
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	go func() { f.served <- srv.Serve(ctx) }()
	t.Cleanup(f.stop)
	return f
}

// stop shuts the server down and checks Serve returned nil.
func (f *fixture) stop() {
	f.cancel()
	select {
	case err := <-f.served:
		if err != nil {
			f.t.Errorf("Serve: %v", err)
		}
		f.served <- nil // a second stop returns at once
	case <-time.After(15 * time.Second):
		f.t.Error("Serve did not return after shutdown")
	}
}

// open connects with key and opens an 80×24 terminal.
func (f *fixture) open(key servetest.Key) *servetest.Term {
	f.t.Helper()
	c, err := servetest.Dial(f.addr, key)
	if err != nil {
		f.t.Fatalf("dial: %v", err)
	}
	f.t.Cleanup(func() { c.Close() })
	return servetest.Open(f.t, c, 80, 24, nil)
}

// waitOut waits until the operator's terminal shows want.
func (f *fixture) waitOut(want string) {
	f.t.Helper()
	if !servetest.Eventually(10*time.Second, func() bool { return strings.Contains(f.out.String(), want) }) {
		f.t.Fatalf("the server never printed %q:\n%s", want, f.out.String())
	}
}
