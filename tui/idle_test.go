package tui

import (
	"bytes"
	"fmt"
	"io"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"cmdeck/core"
	"cmdeck/i18n"
)

// An idle deck writes nothing: over a slow link every byte counts, and a
// screen that repaints itself while nobody types (a ticking clock, a
// spinner left running, a blinking cursor, a poll that redraws) costs all
// the time. The real program runs over the fake source with a clock that
// moves with real time, so anything drawn from the time would change; the
// window covers at least one data-version poll. The composers are open in
// two of the cases: a text field is where a cursor would blink.
func TestIdleDeckWritesNothing(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		keys []string
	}{
		{"inbox", nil},
		{"reply_composer", []string{"r"}},
		{"post_composer", []string{"2", "n"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			run := startProgram(t, 120, 40)
			run.waitQuiet(t)
			if len(tt.keys) > 0 {
				before := run.out.len()
				for _, k := range tt.keys {
					run.prog.Send(keyMsg(k))
				}
				if !run.waitWrite(before, 5*time.Second) {
					t.Fatalf("%v drew nothing", tt.keys)
				}
				run.waitQuiet(t)
			}

			polls := run.src.callsTo("DataVersion")
			before := run.out.len()
			time.Sleep(3 * time.Second) // the measurement window, longer than a poll
			if got := run.src.callsTo("DataVersion"); got <= polls {
				t.Fatalf("no data-version poll during the window (%d calls before, %d after): the test measured nothing", polls, got)
			}
			if wrote := run.out.since(before); len(wrote) > 0 {
				t.Fatalf("the idle deck wrote %d bytes: %q", len(wrote), clip(wrote, 300))
			}
		})
	}
}

// The minute tick redraws the ages that changed, not the screen: the
// renderer sends the cells that differ (and repaints whole the lines with
// wide characters, emoji and CJK, that it cannot diff safely), well under
// a full frame. A tick that changes no age writes nothing.
func TestAgeTickRedrawsOnlyTheAges(t *testing.T) {
	t.Parallel()
	run := startProgram(t, 120, 40)
	run.waitQuiet(t)
	frame := run.redrawAll(t)

	before := run.out.len()
	run.clock.advance(time.Minute)
	run.prog.Send(ageTickMsg{})
	if !run.waitWrite(before, 5*time.Second) {
		t.Fatal("a minute passed and the ages were not redrawn")
	}
	run.waitQuiet(t)
	wrote := run.out.since(before)
	if len(wrote) > frame/2 {
		t.Fatalf("the age tick wrote %d bytes, a full frame is %d: it redrew more than the ages: %q",
			len(wrote), frame, clip(wrote, 300))
	}

	before = run.out.len()
	run.prog.Send(ageTickMsg{}) // the same minute: no age moves
	time.Sleep(time.Second)     // the measurement window
	if wrote := run.out.since(before); len(wrote) > 0 {
		t.Fatalf("a tick that changed no age wrote %d bytes: %q", len(wrote), clip(wrote, 300))
	}
}

// running is a deck inside a real tea.Program, its output counted.
type running struct {
	prog  *tea.Program
	out   *countingWriter
	src   *fakeSource
	clock *runningClock
}

// startProgram runs the deck in a real program sized w×h whose input
// never sends anything; the program is stopped when the test ends.
func startProgram(t *testing.T, w, h int) *running {
	t.Helper()
	run := &running{out: &countingWriter{}, src: newFakeSource(), clock: newRunningClock(now)}
	m, err := New(Options{Source: run.src, Clock: run.clock, Loc: time.UTC, Lang: i18n.EN,
		Workspace: "demo", Demo: true, Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	in, inEnd := io.Pipe() // blocks until the test closes it
	run.prog = tea.NewProgram(m, tea.WithInput(in), tea.WithOutput(run.out), tea.WithWindowSize(w, h),
		tea.WithColorProfile(colorprofile.ANSI256), tea.WithoutSignalHandler(),
		tea.WithEnvironment([]string{"TERM=xterm-256color"}))
	done := make(chan error, 1)
	go func() {
		_, err := run.prog.Run()
		done <- err
	}()
	t.Cleanup(func() {
		run.prog.Quit()
		inEnd.Close()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("program: %v", err)
			}
		case <-time.After(5 * time.Second):
			run.prog.Kill()
			t.Error("the program did not stop")
		}
	})
	return run
}

// waitQuiet waits until the program has written its frame and then
// nothing for a while: the loads after start are answered, the screen is
// settled (the quiet time is generous for a loaded machine running the
// tests in parallel). It fails after a deadline.
func (r *running) waitQuiet(t *testing.T) {
	t.Helper()
	const quiet = 750 * time.Millisecond
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		n, last := r.out.state()
		if n > 0 && time.Since(last) >= quiet {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	n, _ := r.out.state()
	t.Fatalf("the deck never settled: %d bytes written, still writing", n)
}

// redrawAll has the program clear and draw the whole screen again, and
// returns how many bytes that took: the cost of a full frame.
func (r *running) redrawAll(t *testing.T) int {
	t.Helper()
	before := r.out.len()
	r.prog.Send(tea.ClearScreen())
	if !r.waitWrite(before, 5*time.Second) {
		t.Fatal("clearing the screen wrote nothing")
	}
	r.waitQuiet(t)
	return r.out.len() - before
}

// waitWrite waits until the program writes past the first n bytes; false
// when it has not within d.
func (r *running) waitWrite(n int, d time.Duration) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if r.out.len() > n {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return false
}

// countingWriter keeps what the program writes and when it last did.
type countingWriter struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	last time.Time
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.last = time.Now()
	return w.buf.Write(p)
}

// state is how many bytes were written, and when the last ones were.
func (w *countingWriter) state() (int, time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Len(), w.last
}

func (w *countingWriter) len() int {
	n, _ := w.state()
	return n
}

// since is what was written after the first n bytes.
func (w *countingWriter) since(n int) string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return string(w.buf.Bytes()[n:])
}

// runningClock starts at a fixed instant and moves with real time, plus
// what the test adds: the fixture's ages stay what they are, and anything
// drawn from the seconds would change under the test's eyes.
type runningClock struct {
	mu     sync.Mutex
	base   time.Time
	start  time.Time
	offset time.Duration
}

func newRunningClock(base time.Time) *runningClock {
	return &runningClock{base: base, start: time.Now()}
}

var _ core.Clock = (*runningClock)(nil)

func (c *runningClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.base.Add(time.Since(c.start) + c.offset)
}

func (c *runningClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset += d
}

// clip shortens s for a failure message.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + fmt.Sprintf("… (%d more bytes)", len(s)-n)
}
