package serve

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/wish/v2/bubbletea"
	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// session is one SSH session and its program.
type session struct {
	ssh     ssh.Session
	user    User
	key     string // the fingerprint the client authenticated with
	remote  string
	started time.Time
	mailbox chan tea.Msg
	done    chan struct{}

	mu      sync.Mutex
	program *tea.Program
	dog     *watchdog
	reason  string // set when the server ends it (idle, shutdown)
	failed  error  // the model could not be built
	stopped bool
}

// refusal is why a session is turned away: for the log, and for the user.
type refusal struct{ why, tell string }

// gate runs around each session's program: it admits the session (known
// key, a terminal, a free slot), logs its start, and after the program
// ends says why to the user when it was not their doing, and logs the end.
func (s *Server) gate(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if disarm, ok := sess.Context().Value(handshakeKey{}).(func()); ok {
			disarm()
		}
		st, no := s.admit(sess)
		if no != nil {
			tell(sess, no.tell)
			_ = sess.Exit(1)
			s.report.refused(st, no.why)
			return
		}
		defer s.leave(st)
		s.report.sessionOpened(st)
		next(sess)
		s.finish(st)
	}
}

// admit checks the session and, when it may go on, registers it. The key
// is looked up again: authorized_keys may have changed since the
// handshake, and the session's key is the one the client proved it holds.
func (s *Server) admit(sess ssh.Session) (*session, *refusal) {
	st := &session{ssh: sess, remote: sess.RemoteAddr().String(), started: s.o.Clock.Now(),
		mailbox: make(chan tea.Msg, mailboxSize), done: make(chan struct{})}
	key := sess.PublicKey()
	if key == nil {
		return st, &refusal{"no public key", "cmdeck: only public keys are accepted"}
	}
	st.key = gossh.FingerprintSHA256(key)
	user, v := s.keys.check(key)
	if v != keyAccepted {
		return st, &refusal{"key no longer authorized", "cmdeck: this key is not authorized (any more)"}
	}
	st.user = user
	if _, _, ok := sess.Pty(); !ok {
		return st, &refusal{"no terminal requested",
			"cmdeck: the deck needs a terminal: connect with ssh -t, without a command"}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closing:
		return st, &refusal{"shutting down", "cmdeck: the server is shutting down; try again later"}
	case s.o.MaxSessions > 0 && len(s.sessions) >= s.o.MaxSessions:
		return st, &refusal{"max sessions",
			fmt.Sprintf("cmdeck: %d sessions already open (serve.max_sessions); try again later", s.o.MaxSessions)}
	}
	s.sessions[sess] = st
	s.live.Add(1)
	return st, nil
}

// finish tells the user why the server ended the session, closes it with
// an exit status (before the server may close the connection at shutdown,
// so the client gets it), and logs the end.
func (s *Server) finish(st *session) {
	why := st.endReason()
	code := 0
	switch why {
	case endIdle:
		tell(st.ssh, "cmdeck: idle for "+shortDuration(s.o.IdleTimeout)+": disconnected")
	case endShutdown:
		tell(st.ssh, "cmdeck: the server is shutting down")
	case endError:
		code = 1
		tell(st.ssh, "cmdeck: the deck could not open; the server's log says why")
		s.report.event(slog.LevelError, "deck could not open", st.who()+": the deck could not open: "+clean(st.failed.Error()),
			append(st.attrs(), "err", clean(st.failed.Error()))...)
	}
	_ = st.ssh.Exit(code)
	s.report.sessionClosed(st, why, s.o.Clock.Now().Sub(st.started))
}

// leave unregisters a session and stops what ran for it.
func (s *Server) leave(st *session) {
	st.stop()
	s.mu.Lock()
	delete(s.sessions, st.ssh)
	s.mu.Unlock()
	s.live.Done()
}

// newProgram is wish's program handler: the caller's model for this
// session, on the session's input and output (bubbletea.MakeOptions) with
// the input filter that feeds the idle watchdog.
func (s *Server) newProgram(sess ssh.Session) *tea.Program {
	s.mu.Lock()
	st := s.sessions[sess]
	s.mu.Unlock()
	if st == nil {
		return nil
	}
	model, err := s.o.NewModel(Session{User: st.user, RemoteAddr: st.remote, Getenv: sessionEnv(sess)})
	if err != nil {
		st.fail(err)
		return nil
	}
	// MakeOptions' own filter is replaced by st.filter (a program has one
	// filter), which does its job too.
	opts := append(bubbletea.MakeOptions(sess), tea.WithFilter(st.filter))
	p := tea.NewProgram(model, append(opts, s.o.ProgramOptions...)...)
	if !st.attach(p, s.o.Clock, s.o.IdleTimeout) {
		return nil
	}
	return p
}

// attach records the session's program, arms its idle watchdog and starts
// forwarding broadcasts to it. It fails when the session was already
// ended (a shutdown under way).
func (st *session) attach(p *tea.Program, clock Clock, idle time.Duration) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.reason != "" || st.stopped {
		return false
	}
	st.program = p
	st.dog = startWatchdog(clock, idle, func() { st.end(endIdle) })
	go st.forward(p)
	return true
}

// forward delivers broadcast messages to the program, one at a time, until
// the session is over.
func (st *session) forward(p *tea.Program) {
	for {
		select {
		case <-st.done:
			return
		case msg := <-st.mailbox:
			p.Send(msg)
		}
	}
}

// filter sees every message before the program: input from the person
// (keys, mouse, paste) feeds the watchdog; terminal replies and the
// program's own messages do not. A served program must not suspend
// (there is no shell to return to), which is what wish's filter did.
func (st *session) filter(_ tea.Model, msg tea.Msg) tea.Msg {
	switch msg.(type) {
	case tea.KeyPressMsg, tea.MouseMsg, tea.PasteMsg:
		st.mu.Lock()
		dog := st.dog
		st.mu.Unlock()
		dog.Touch()
	case tea.SuspendMsg:
		return tea.ResumeMsg{}
	}
	return msg
}

// end is the server ending the session (idle, shutdown): the first reason
// given is kept, and the program is asked to quit, which restores the
// user's terminal. Quit waits for the program to take it, hence the
// goroutine: the program may be busy writing to a slow client.
func (st *session) end(reason string) {
	st.mu.Lock()
	if st.reason == "" {
		st.reason = reason
	}
	p := st.program
	st.mu.Unlock()
	if p != nil {
		go p.Quit()
	}
}

// fail records that the model could not be built.
func (st *session) fail(err error) {
	st.mu.Lock()
	st.failed = err
	st.mu.Unlock()
}

// endReason says why the program ended: the server's reason, a failure,
// the client gone, or else the user quit.
func (st *session) endReason() string {
	st.mu.Lock()
	defer st.mu.Unlock()
	switch {
	case st.reason != "":
		return st.reason
	case st.failed != nil:
		return endError
	case st.ssh.Context().Err() != nil:
		return endDisconnect
	}
	return endQuit
}

// stop disarms the watchdog and the forwarder.
func (st *session) stop() {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.stopped {
		return
	}
	st.stopped = true
	st.dog.Stop()
	close(st.done)
}

// who is the session in a line: "ana (cm) SHA256:… from 10.0.0.2:51234".
func (st *session) who() string {
	name, role := st.user.Name, st.user.Role
	if name == "" {
		name, role = "?", "?"
	}
	return fmt.Sprintf("%s (%s) %s from %s", name, role, st.key, st.remote)
}

// attrs are the session's fields for the log.
func (st *session) attrs() []any {
	return []any{"name", st.user.Name, "role", st.user.Role, "key", st.key, "remote", st.remote}
}

// tell writes a line to the user: on the terminal when there is one (after
// the program restored it), else on stderr.
func tell(sess ssh.Session, msg string) {
	var w io.Writer = sess
	if _, _, ok := sess.Pty(); !ok {
		w = sess.Stderr()
	}
	_, _ = io.WriteString(w, msg+"\r\n")
}

// sessionEnv reads the client's environment: the variables its SSH client
// sent, and TERM from its terminal request.
func sessionEnv(sess ssh.Session) func(string) string {
	env := map[string]string{}
	for _, kv := range sess.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	if pty, _, ok := sess.Pty(); ok && pty.Term != "" {
		env["TERM"] = pty.Term
	}
	return func(k string) string { return env[k] }
}
