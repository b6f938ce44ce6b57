// Package servetest drives an SSH server from tests: keys, a Go SSH client,
// and a terminal that draws what the server sends on a VT emulator, so a
// test can read the screen, type, resize, and count the bytes it received.
package servetest

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"
)

// Key is a fresh ed25519 key pair.
type Key struct {
	Signer      gossh.Signer
	Line        string // the authorized_keys line
	Fingerprint string // SHA256:…
	PEM         []byte // the private key, OpenSSH format
}

// NewKey makes a key.
func NewKey(t testing.TB) Key {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "servetest")
	if err != nil {
		t.Fatal(err)
	}
	return Key{
		Signer:      signer,
		Line:        strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey()))) + " servetest",
		Fingerprint: gossh.FingerprintSHA256(signer.PublicKey()),
		PEM:         pem.EncodeToMemory(block),
	}
}

// WriteAuthorizedKeys writes the keys' lines to path, 0600.
func WriteAuthorizedKeys(t testing.TB, path string, keys ...Key) {
	t.Helper()
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k.Line + "\n")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}

// Dial connects to addr with key, accepting any host key.
func Dial(addr string, key Key) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            "servetest",
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(key.Signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         10 * time.Second,
	})
}

// Display is a terminal: it draws what a program writes on an emulator,
// answers the program's terminal queries (cursor position, colors…) as a
// real terminal would, and counts the bytes it receives.
type Display struct {
	t     testing.TB
	input io.Writer
	inMu  sync.Mutex // keys and query answers share the input

	mu     sync.Mutex // guards emu (its String is not locked), raw, bytes, last
	emu    *vt.Emulator
	raw    strings.Builder
	bytes  int64
	last   time.Time
	closed chan struct{} // the program's output ended
}

// NewDisplay draws output on a w×h emulator and sends keys and answers to
// input; Close stops it.
func NewDisplay(t testing.TB, w, h int, output io.Reader, input io.Writer) *Display {
	s := &Display{t: t, input: input, emu: vt.NewEmulator(w, h), closed: make(chan struct{})}
	go s.draw(output)
	go s.answer()
	return s
}

// draw feeds the program's output to the emulator.
func (s *Display) draw(output io.Reader) {
	defer close(s.closed)
	buf := make([]byte, 32*1024)
	for {
		n, err := output.Read(buf)
		if n > 0 {
			s.mu.Lock()
			s.bytes += int64(n)
			s.last = time.Now()
			s.raw.Write(buf[:n])
			_, _ = s.emu.Write(buf[:n])
			s.mu.Unlock()
		}
		if err != nil {
			return
		}
	}
}

// answer sends the emulator's replies to terminal queries to the program.
func (s *Display) answer() {
	buf := make([]byte, 1024)
	for {
		n, err := s.emu.Read(buf)
		if n > 0 {
			s.write(buf[:n])
		}
		if err != nil {
			return
		}
	}
}

func (s *Display) write(p []byte) {
	s.inMu.Lock()
	defer s.inMu.Unlock()
	_, _ = s.input.Write(p)
}

// Type sends keys as the terminal would (raw bytes: "j", "\x04" for ctrl+d).
func (s *Display) Type(keys string) { s.write([]byte(keys)) }

// Text is the screen as text.
func (s *Display) Text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emu.String()
}

// Raw is every byte received so far.
func (s *Display) Raw() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.raw.String()
}

// Bytes is how many bytes the program has sent.
func (s *Display) Bytes() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.bytes
}

// resize changes the emulator's size.
func (s *Display) resize(w, h int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.emu.Resize(w, h)
}

// WaitFor waits until the screen shows want, failing the test at the
// deadline with the screen.
func (s *Display) WaitFor(want string, within time.Duration) {
	s.t.Helper()
	if !Eventually(within, func() bool { return strings.Contains(s.Text(), want) }) {
		s.t.Fatalf("the screen never showed %q within %s:\n%s", want, within, s.Text())
	}
}

// WaitQuiet waits until nothing arrived for quiet, at most within; it
// reports whether the output went quiet.
func (s *Display) WaitQuiet(quiet, within time.Duration) bool {
	return Eventually(within, func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return !s.last.IsZero() && time.Since(s.last) >= quiet
	})
}

// Done is closed when the program's output ends.
func (s *Display) Done() <-chan struct{} { return s.closed }

// Close stops answering queries.
func (s *Display) Close() {
	if c, ok := s.emu.InputPipe().(io.Closer); ok {
		_ = c.Close()
	}
}

// Term is an SSH session with a terminal.
type Term struct {
	*Display
	session *gossh.Session
}

// Open starts a shell session on c with a w×h terminal and env sent as
// environment variables; the terminal request names env["TERM"], else
// xterm-256color (as ssh does, TERM travels with the terminal request).
func Open(t testing.TB, c *gossh.Client, w, h int, env map[string]string) *Term {
	t.Helper()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range env {
		if k == "TERM" {
			continue
		}
		if err := s.Setenv(k, v); err != nil {
			t.Fatalf("setenv %s: %v", k, err)
		}
	}
	stdin, err := s.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := s.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	termName := "xterm-256color"
	if v := env["TERM"]; v != "" {
		termName = v
	}
	if err := s.RequestPty(termName, h, w, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	term := &Term{Display: NewDisplay(t, w, h, stdout, stdin), session: s}
	t.Cleanup(term.Close)
	return term
}

// Screen is the terminal's screen as text.
func (term *Term) Screen() string { return term.Text() }

// Resize changes the terminal's size and tells the server.
func (term *Term) Resize(w, h int) {
	term.resize(w, h)
	if err := term.session.WindowChange(h, w); err != nil {
		term.t.Errorf("window change: %v", err)
	}
}

// Wait waits for the session to end (at most within) and returns its
// error: nil for exit status 0, *gossh.ExitError otherwise.
func (term *Term) Wait(within time.Duration) error {
	term.t.Helper()
	done := make(chan error, 1)
	go func() { done <- term.session.Wait() }()
	select {
	case err := <-done:
		<-term.Done()
		return err
	case <-time.After(within):
		term.t.Fatalf("the session did not end within %s:\n%s", within, term.Text())
		return nil
	}
}

// Close ends the session and the screen.
func (term *Term) Close() {
	_ = term.session.Close()
	term.Display.Close()
}

// Eventually polls cond every 10 ms until it holds or within passes.
func Eventually(within time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(within)
	for {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
}
