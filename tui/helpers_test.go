package tui

import (
	"cmdeck/tui/tuitest"
	"fmt"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/tui/common"
	"cmdeck/tui/inbox"
)

// deck is a Model under test with the timers it armed.
type deck struct {
	*Model
	src       *fakeSource
	clock     *core.ManualClock
	stub      *stubPane // the Inbox, unless the deck has the real one
	scheduled []tea.Msg // messages the deck asked to receive later
	raw       []string  // what the deck wrote to the terminal itself (tea.Raw)
	triggers  int
}

// newDeck builds a deck over the fake source with a stub Inbox, runs its
// Init commands and sizes it. The deck's timers are recorded, never waited
// on. The stub keeps these tests about the root: the real Inbox debounces
// its thread query on a real timer (see newRealDeck).
func newDeck(t *testing.T, w, h int, edit func(*Options)) *deck {
	t.Helper()
	stub := &stubPane{}
	d := build(t, w, h, func(o *Options) {
		withStub(stub)(o)
		if edit != nil {
			edit(o)
		}
	})
	if d.stub == nil {
		d.stub = stub
	}
	return d
}

// newRealDeck is newDeck with the real Inbox pane. Draining its commands
// waits on the Inbox's short thread debounce (a tea.Tick it owns).
func newRealDeck(t *testing.T, w, h int, edit func(*Options)) *deck {
	t.Helper()
	return build(t, w, h, edit)
}

func build(t *testing.T, w, h int, edit func(*Options)) *deck {
	t.Helper()
	d := &deck{src: newFakeSource(), clock: core.NewManualClock(now)}
	opts := Options{Source: d.src, Clock: d.clock, Loc: time.UTC, Lang: i18n.EN, Workspace: "demo", Demo: true,
		Trigger: func() { d.triggers++ }}
	if edit != nil {
		edit(&opts)
	}
	m, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	d.Model = m
	m.after = func(_ time.Duration, msg tea.Msg) tea.Cmd {
		d.scheduled = append(d.scheduled, msg)
		return nil
	}
	d.drain(m.Init())
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	return d
}

// send delivers one message and everything its commands produce.
func (d *deck) send(msg tea.Msg) {
	_, cmd := d.Update(msg)
	d.drain(cmd)
}

// drain runs a command and feeds its messages back, as the program would,
// expanding batches; it stops at quit.
func (d *deck) drain(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	msg := cmd()
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			d.drain(c)
		}
	case tea.QuitMsg:
	case tea.RawMsg:
		d.raw = append(d.raw, fmt.Sprint(msg.Msg))
	default:
		d.send(msg)
	}
}

// press sends key presses by name: "j", "tab", "shift+tab", "ctrl+c", "esc".
func (d *deck) press(keys ...string) {
	for _, k := range keys {
		d.send(keyMsg(k))
	}
}

// keyMsg is a key press by name (tuitest.Key).
func keyMsg(k string) tea.KeyPressMsg { return tuitest.Key(k) }

// text is the deck's screen without styles.
func (d *deck) text() string { return ansi.Strip(d.View().Content) }

func checkSize(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Fatalf("view has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw != w {
			t.Fatalf("line %d is %d cells wide, want %d: %q", i, lw, w, ansi.Strip(l))
		}
	}
}

// stubPane stands in for the Inbox where a test needs to see exactly what
// a pane receives, or a pane that takes text input.
type stubPane struct {
	capturing bool
	got       []tea.Msg
	w, h      int
	keys      inbox.KeyMap
}

func (p *stubPane) Init() tea.Cmd { return nil }
func (p *stubPane) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	p.got = append(p.got, msg)
	return p, nil
}
func (p *stubPane) View() string              { return common.Frame([]string{"stub"}, p.w, p.h) }
func (p *stubPane) SetSize(w, h int)          { p.w, p.h = w, h }
func (p *stubPane) Title() string             { return "Stub" }
func (p *stubPane) ShortHelp() []key.Binding  { return p.keys.ShortHelp() }
func (p *stubPane) FullHelp() [][]key.Binding { return p.keys.FullHelp() }
func (p *stubPane) Capturing() bool           { return p.capturing }

// keysGot lists the key presses the stub received, as strings.
func (p *stubPane) keysGot() []string {
	var out []string
	for _, m := range p.got {
		if k, ok := m.(tea.KeyPressMsg); ok {
			out = append(out, k.String())
		}
	}
	return out
}

// withStub makes the deck's Inbox a stub and returns it.
func withStub(stub *stubPane) func(*Options) {
	return func(o *Options) {
		o.newInbox = func(_ common.Context, km inbox.KeyMap) common.Pane {
			stub.keys = km
			return stub
		}
	}
}
