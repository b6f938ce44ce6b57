package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"

	"cmdeck/core"
)

// reporter says what the server does twice: in the log (slog, for the
// record) and as one short line on the terminal of whoever runs
// `cmdeck serve`. Nothing it writes holds a secret: keys are shown by
// fingerprint, and text a client sent is cleaned first.
type reporter struct {
	logger *slog.Logger
	out    io.Writer
	clock  Clock

	mu sync.Mutex // one line at a time on out
}

// event logs msg with attrs at level, and prints text.
func (r *reporter) event(level slog.Level, msg, text string, attrs ...any) {
	r.logger.Log(context.Background(), level, "serve: "+msg, attrs...)
	r.print(text)
}

// print writes one timestamped line on out.
func (r *reporter) print(text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	fmt.Fprintf(r.out, "%s %s\n", r.clock.Now().Format("15:04:05"), text)
}

// say is the keyring's voice: a notice or a warning.
func (r *reporter) say(warn bool, text string) {
	level, prefix := slog.LevelInfo, ""
	if warn {
		level, prefix = slog.LevelWarn, "warning: "
	}
	r.event(level, text, prefix+text)
}

// sessionOpened is the line at the start of a session.
func (r *reporter) sessionOpened(st *session) {
	r.event(slog.LevelInfo, "session opened", st.who()+": opened", st.attrs()...)
}

// sessionClosed is the line at its end: how long, and why it ended.
func (r *reporter) sessionClosed(st *session, why string, d time.Duration) {
	attrs := append(st.attrs(), "duration", roundDuration(d).String(), "reason", why)
	r.event(slog.LevelInfo, "session closed", fmt.Sprintf("%s: %s after %s", st.who(), why, roundDuration(d)), attrs...)
}

// refused is the line for a session turned away after authentication.
func (r *reporter) refused(st *session, why string) {
	r.event(slog.LevelWarn, "session refused", st.who()+": refused: "+why, append(st.attrs(), "reason", why)...)
}

// connectionFailed is the line for a connection that never got a session:
// an unknown key, a client that gave up, a scanner.
func (r *reporter) connectionFailed(remote string, err error) {
	why := failureText(err)
	r.event(slog.LevelInfo, "connection refused", "refused "+remote+": "+why, "remote", remote, "err", why)
}

// failureText says why a connection failed in words a person reads in
// the server's output, rather than the SSH library's.
func failureText(err error) string {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "no auth passed yet") || strings.Contains(msg, "permission denied"):
		return "no key it offered is authorized"
	case errors.Is(err, io.EOF) || strings.Contains(msg, "EOF"):
		return "the client hung up before logging in"
	}
	return clean(msg)
}

// roundDuration keeps a duration readable: whole seconds, or milliseconds
// under a second.
func roundDuration(d time.Duration) time.Duration {
	if d < time.Second {
		return d.Round(time.Millisecond)
	}
	return d.Round(time.Second)
}

// shortDuration writes 30m rather than 30m0s, for messages to people.
func shortDuration(d time.Duration) string {
	s := roundDuration(d).String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// clean makes text from the network (an SSH error can quote what a client
// sent) safe for a terminal and a log line.
func clean(s string) string { return core.SanitizeLine(s) }
