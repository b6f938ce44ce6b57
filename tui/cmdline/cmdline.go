// Package cmdline is the deck's ":" command line: one input line along the
// bottom of the pane area, with a completion popup above it and a history
// kept for the session. It knows nothing about what the commands do: on
// enter it resolves the typed name against the commands it was given and
// returns a RunMsg; the root carries it out (STYLE.md #4).
package cmdline

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"cmdeck/i18n"
	"cmdeck/tui/common"
)

// Command is one command the line knows.
type Command struct {
	Name    string   // what runs it and what completion offers: "reply", "goto"
	Aliases []string // other names that run it: "q", "aller", "inbox.reply"
	Desc    string   // one line for the popup, already translated
	// Args are the argument's usual values, offered by completion once the
	// name is typed ("goto " → inbox, calendar, …). nil: free text.
	Args []string
	// Check validates the arguments before the line closes; its error is
	// shown in the line, which stays open. nil: anything goes.
	Check func(args string) error
}

// RunMsg is returned (through a Cmd) when the CM runs a command: Name is
// the command's canonical name whatever alias was typed, Args the rest of
// the line, trimmed.
type RunMsg struct {
	Name string
	Args string
}

// History is the session's list of commands run, oldest first. The root
// keeps one and hands it to each new line, so ↑ finds what was run before.
type History struct{ lines []string }

// historyCap bounds the history: a session is long, memory is not.
const historyCap = 200

// Add records a line, skipping blanks and an immediate repeat.
func (h *History) Add(line string) {
	line = strings.TrimSpace(line)
	if line == "" || (len(h.lines) > 0 && h.lines[len(h.lines)-1] == line) {
		return
	}
	h.lines = append(h.lines, line)
	if len(h.lines) > historyCap {
		h.lines = h.lines[len(h.lines)-historyCap:]
	}
}

// Lines returns the history, oldest first.
func (h *History) Lines() []string { return append([]string(nil), h.lines...) }

// Model is an open command line.
type Model struct {
	st    *common.Styles
	t     *i18n.Catalog
	cmds  []Command
	hist  *History
	input textinput.Model

	histPos int    // index into hist while browsing; len(hist) = the line being typed
	draft   string // the line being typed, kept while browsing the history

	cycling bool    // tab was pressed: matches are frozen and tab moves through them
	base    string  // the text before the word being completed ("" or "goto ")
	matches []match // what the popup shows
	sel     int     // the match tab picks next (cycling) or would pick (not cycling)

	err string // a message shown above the line (unknown command, bad argument)

	width, height int
	keys          keyMap
}

// keyMap is the line's own keys, for the help bar; editing keys are the
// text input's.
type keyMap struct {
	Complete, History, Run, Close key.Binding
}

// New opens a line over cmds, in the order the popup lists them when
// nothing is typed yet. hist may be nil (no history kept).
func New(st *common.Styles, t *i18n.Catalog, cmds []Command, hist *History) *Model {
	if hist == nil {
		hist = &History{}
	}
	in := textinput.New()
	in.Prompt = ":"
	styles := textinput.DefaultStyles(!st.Palette.NoColor)
	styles.Focused.Prompt = st.Accent.Bold(true)
	styles.Focused.Text = st.App
	styles.Cursor.Blink = false // no blink timer: nothing repaints while idle
	in.SetStyles(styles)
	in.Focus()
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t.T(desc)))
	}
	m := &Model{
		st: st, t: t, cmds: cmds, hist: hist, input: in, histPos: len(hist.lines),
		keys: keyMap{
			Complete: b("tab", "root.cmdline.key.complete", "tab", "shift+tab"),
			History:  b("↑/↓", "root.cmdline.key.history", "up", "down"),
			Run:      b("enter", "root.cmdline.key.run", "enter"),
			Close:    b("esc", "root.cmdline.key.close", "esc"),
		},
	}
	m.refresh()
	return m
}

// Value is the text typed so far.
func (m *Model) Value() string { return m.input.Value() }

// Err is the message the line shows, "" when none.
func (m *Model) Err() string { return m.err }

// ShortHelp is what the help bar shows while the line is open.
func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.keys.Complete, m.keys.History, m.keys.Run, m.keys.Close}
}

// SetSize gives the line the pane area: the full width, and the height the
// popup may use above the line.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.input.SetWidth(max(m.width-2, 1))
}

// Update handles input; it returns nil once the line closes (esc, or a
// command run).
func (m *Model) Update(msg tea.Msg) (*Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return m.key(msg)
	case tea.PasteMsg:
		return m, m.edit(msg)
	}
	return m, nil
}

// key handles one key press: the line's own keys first, then editing.
func (m *Model) key(msg tea.KeyPressMsg) (*Model, tea.Cmd) {
	switch msg.String() {
	case "esc":
		return nil, nil
	case "enter":
		return m.run()
	case "tab":
		m.complete(1)
		return m, nil
	case "shift+tab":
		m.complete(-1)
		return m, nil
	case "up", "ctrl+p":
		m.browse(-1)
		return m, nil
	case "down", "ctrl+n":
		m.browse(1)
		return m, nil
	case "backspace":
		if m.input.Value() == "" {
			return nil, nil // like vim: backspace on an empty line leaves it
		}
	}
	return m, m.edit(msg)
}

// edit passes input to the text field; any edit ends a tab cycle and
// clears the message.
func (m *Model) edit(msg tea.Msg) tea.Cmd {
	before := m.input.Value()
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if m.input.Value() != before {
		m.cycling, m.err = false, ""
		m.histPos = len(m.hist.lines)
		m.refresh()
	}
	return cmd
}

// browse moves through the history: -1 older, +1 newer; past the newest
// comes back the line that was being typed.
func (m *Model) browse(dir int) {
	n := len(m.hist.lines)
	next := min(max(m.histPos+dir, 0), n)
	if next == m.histPos {
		return
	}
	if m.histPos == n {
		m.draft = m.input.Value()
	}
	m.histPos = next
	if next == n {
		m.setValue(m.draft)
	} else {
		m.setValue(m.hist.lines[next])
	}
	m.cycling, m.err = false, ""
	m.refresh()
}

// setValue replaces the text and puts the cursor at its end.
func (m *Model) setValue(s string) {
	m.input.SetValue(s)
	m.input.CursorEnd()
}

// run resolves the line: blank closes; a known command closes the line
// and returns its RunMsg; otherwise the line stays open with a message.
func (m *Model) run() (*Model, tea.Cmd) {
	line := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(m.input.Value()), ":"))
	if line == "" {
		return nil, nil
	}
	name, args := splitLine(line)
	c, ok := m.lookup(name)
	if !ok {
		m.err = m.unknown(name)
		return m, nil
	}
	if c.Check != nil {
		if err := c.Check(args); err != nil {
			m.err = err.Error()
			return m, nil
		}
	}
	m.hist.Add(line)
	run := RunMsg{Name: c.Name, Args: args}
	return nil, func() tea.Msg { return run }
}

// unknown is the message for a name no command has, with the closest one.
func (m *Model) unknown(name string) string {
	names := make([]string, 0, len(m.cmds))
	for _, c := range m.cmds {
		names = append(names, c.Name)
	}
	if best := closest(name, names); best != "" {
		return m.t.T("root.cmdline.unknown_hint", common.OneLine(name), best)
	}
	return m.t.T("root.cmdline.unknown", common.OneLine(name))
}

// splitLine separates the command name from its arguments.
func splitLine(line string) (name, args string) {
	name, args, _ = strings.Cut(strings.TrimSpace(line), " ")
	return name, strings.TrimSpace(args)
}
