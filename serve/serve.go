// Package serve serves a Bubble Tea program over SSH (wish): one program
// per session, for the people whose public keys are in an authorized_keys
// file and mapped to a name and a role. It knows nothing of the deck: the
// caller gives a function that builds the model for a session, and
// Broadcast to reach every live one.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/wish/v2"
	"charm.land/wish/v2/bubbletea"
	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// Session is who a program is built for.
type Session struct {
	User       User
	RemoteAddr string
	// Getenv reads the client's environment (what its SSH client sent,
	// and TERM from its terminal request), not the server's: NO_COLOR,
	// TERM and the like describe the user's terminal.
	Getenv func(string) string
}

// ModelFunc builds the program for one session. An error refuses the
// session (logged; the user is told the deck could not open).
type ModelFunc func(Session) (tea.Model, error)

// Options configure a Server. NewModel, HostKey and AuthorizedKeys are
// required.
type Options struct {
	Listen         string // host:port
	HostKey        string // private host key file, generated when missing
	AuthorizedKeys string // OpenSSH authorized_keys file
	Users          []User // the keys mapped to people
	IdleTimeout    time.Duration
	MaxSessions    int // <= 0: no bound
	NewModel       ModelFunc

	Logger *slog.Logger // nil: no log
	Out    io.Writer    // the operator's terminal, a line per event; nil: nowhere
	Clock  Clock        // nil: the real clock
	// Grace bounds how long Serve waits for the sessions to end at
	// shutdown before it drops their connections; 0 is 5 s.
	Grace time.Duration
	// ProgramOptions are added to every session's program (tests use it
	// to slow nothing down: tea.WithFPS and the like).
	ProgramOptions []tea.ProgramOption
}

// Defaults.
const (
	defaultGrace = 5 * time.Second
	// handshakeTimeout closes a connection that has not authenticated by
	// then, so idle half-open connections do not pile up.
	handshakeTimeout = 30 * time.Second
	// mailboxSize is how many broadcast messages a session may fall behind
	// by before more are dropped for it (see Broadcast).
	mailboxSize = 64
)

// Why a session ended, in the log.
const (
	endQuit       = "quit"
	endIdle       = "idle"
	endShutdown   = "shutdown"
	endDisconnect = "disconnect"
	endError      = "error"
)

// Server is the SSH server. Build it with New, bind with Listen, run with
// Serve.
type Server struct {
	o        Options
	ssh      *ssh.Server
	keys     *keyring
	host     hostKey
	report   *reporter
	warnings []string
	listener net.Listener

	mu       sync.Mutex
	sessions map[ssh.Session]*session
	closing  bool
	live     sync.WaitGroup // the session handlers under way
}

// New loads (or makes) the host key and reads authorized_keys; a missing
// authorized_keys file is an error that says how to create it.
func New(o Options) (*Server, error) {
	if o.NewModel == nil {
		return nil, errors.New("serve: no model")
	}
	o = withDefaults(o)
	s := &Server{o: o, sessions: map[ssh.Session]*session{},
		report: &reporter{logger: o.Logger, out: o.Out, clock: o.Clock}}
	host, err := loadHostKey(o.HostKey)
	if err != nil {
		return nil, err
	}
	keys, warnings, err := openKeyring(o.AuthorizedKeys, o.Users, s.report.say)
	if err != nil {
		return nil, err
	}
	s.host, s.keys = host, keys
	s.warnings = append(append(s.warnings, host.warnings...), warnings...)
	if len(o.Users) == 0 {
		s.warnings = append(s.warnings, "serve.users is empty: nobody can connect until a key is mapped to a person")
	}
	s.ssh, err = wish.NewServer(
		wish.WithAddress(o.Listen),
		wish.WithVersion("cmdeck"),
		withHostSigner(host.signer),
		wish.WithPublicKeyAuth(s.authorize),
		ssh.WrapConn(s.handshakeDeadline),
		wish.WithMiddleware(bubbletea.MiddlewareWithProgramHandler(s.newProgram), s.gate),
	)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	s.ssh.ConnectionFailedCallback = func(c net.Conn, err error) {
		s.report.connectionFailed(c.RemoteAddr().String(), err)
	}
	return s, nil
}

func withDefaults(o Options) Options {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Out == nil {
		o.Out = io.Discard
	}
	if o.Clock == nil {
		o.Clock = systemClock{}
	}
	if o.Grace <= 0 {
		o.Grace = defaultGrace
	}
	return o
}

// withHostSigner sets the host key; no password or keyboard-interactive
// handler is ever set, so public keys are the only way in.
func withHostSigner(signer gossh.Signer) ssh.Option {
	return func(srv *ssh.Server) error {
		srv.AddHostKey(signer)
		return nil
	}
}

// Warnings are what the person starting the server should know: files
// others can read or write, keys nobody can use.
func (s *Server) Warnings() []string { return append([]string(nil), s.warnings...) }

// HostKeyFingerprint is the host key's SHA256 fingerprint, the one a
// client shows on its first connection.
func (s *Server) HostKeyFingerprint() string {
	return gossh.FingerprintSHA256(s.host.signer.PublicKey())
}

// HostKeyCreated says the host key was generated by New.
func (s *Server) HostKeyCreated() bool { return s.host.created }

// Listen binds the address; ":0" picks a free port (Addr says which).
func (s *Server) Listen() (net.Addr, error) {
	ln, err := net.Listen("tcp", s.o.Listen)
	if err != nil {
		return nil, fmt.Errorf("serve: listen on %s: %w", s.o.Listen, err)
	}
	s.listener = ln
	return ln.Addr(), nil
}

// Serve accepts connections until ctx ends, then shuts down: it stops
// accepting, asks every program to quit (their terminals are restored),
// waits for them up to the grace period, and drops what is left. It
// returns nil after a shutdown, or the listener's error.
func (s *Server) Serve(ctx context.Context) error {
	if s.listener == nil {
		if _, err := s.Listen(); err != nil {
			return err
		}
	}
	served := make(chan error, 1)
	go func() { served <- s.ssh.Serve(s.listener) }()
	select {
	case <-ctx.Done():
		s.shutdown()
		<-served
		return nil
	case err := <-served:
		s.shutdown()
		return fmt.Errorf("serve: %w", err)
	}
}

// shutdown ends every session, in order: no new one, each program told to
// quit, a bounded wait, then every connection closed.
func (s *Server) shutdown() {
	s.mu.Lock()
	s.closing = true
	live := make([]*session, 0, len(s.sessions))
	for _, st := range s.sessions {
		live = append(live, st)
	}
	s.mu.Unlock()
	_ = s.listener.Close()
	for _, st := range live {
		st.end(endShutdown)
	}
	if !s.waitSessions(s.o.Grace) {
		s.report.event(slog.LevelWarn, "sessions still open after the grace period; closing their connections",
			fmt.Sprintf("%d session(s) still open after %s: closing their connections", s.Sessions(), s.o.Grace),
			"sessions", s.Sessions())
	}
	_ = s.ssh.Close()
	// Closing the connections unblocks a program stuck writing to a client
	// that stopped reading; give those a moment to log their end.
	s.waitSessions(time.Second)
}

// waitSessions waits for the session handlers, at most d, and says
// whether they all ended.
func (s *Server) waitSessions(d time.Duration) bool {
	done := make(chan struct{})
	go func() {
		s.live.Wait()
		close(done)
	}()
	timeout := make(chan struct{})
	t := s.o.Clock.AfterFunc(d, func() { close(timeout) })
	defer t.Stop()
	select {
	case <-done:
		return true
	case <-timeout:
		return false
	}
}

// Broadcast sends msg to every live program. It never blocks: each session
// has a small mailbox drained by its own goroutine, and a session too far
// behind (a client on a stalled link) misses the message. That is safe for
// what the deck is sent (sync reports): it also polls the database for
// changes, so it catches up on its own.
func (s *Server) Broadcast(msg tea.Msg) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, st := range s.sessions {
		select {
		case st.mailbox <- msg:
		default:
		}
	}
}

// Sessions is the number of sessions open now.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// authorize is the public key callback: the key must be in authorized_keys
// and mapped to a person.
func (s *Server) authorize(_ ssh.Context, key ssh.PublicKey) bool {
	_, v := s.keys.check(key)
	return v == keyAccepted
}

// handshakeKey keys, in a connection's context, the function that
// disarms its handshake deadline.
type handshakeKey struct{}

// handshakeDeadline closes a connection that has not opened a session
// within handshakeTimeout (the session disarms it): half-open or
// unauthenticated connections do not pile up. A deadline on the socket
// would not do: the SSH library resets it on every read.
func (s *Server) handshakeDeadline(ctx ssh.Context, c net.Conn) net.Conn {
	t := s.o.Clock.AfterFunc(handshakeTimeout, func() { _ = c.Close() })
	ctx.SetValue(handshakeKey{}, func() { t.Stop() })
	return c
}
