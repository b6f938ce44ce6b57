package cmdline

import (
	"cmdeck/tui/tuitest"
	"errors"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"cmdeck/i18n"
	"cmdeck/tui/common"
)

// testCommands is a small command set like the deck's: pane actions, then
// global commands with aliases, argument values and a check.
func testCommands() []Command {
	return []Command{
		{Name: "reply", Aliases: []string{"inbox.reply"}, Desc: "reply inline"},
		{Name: "reply_editor", Desc: "reply in $EDITOR"},
		{Name: "tag", Desc: "tag", Args: []string{"idea", "criticism", "question"}},
		{Name: "done", Desc: "done / undone"},
		{Name: "goto", Aliases: []string{"aller"}, Desc: "go to a pane",
			Args: []string{"inbox", "calendar", "alerts", "stats"},
			Check: func(a string) error {
				if a == "" {
					return errors.New("which pane?")
				}
				return nil
			}},
		{Name: "calendar", Aliases: []string{"calendrier", "2"}, Desc: "go to Calendar"},
		{Name: "quit", Aliases: []string{"q", "quitter"}, Desc: "quit"},
	}
}

func newLine(t *testing.T, hist *History) *Model {
	t.Helper()
	m := New(common.NewStyles(common.DefaultPalette(true)), i18n.New(i18n.EN), testCommands(), hist)
	m.SetSize(80, 20)
	return m
}

// keyMsg is a key press by name (tuitest.Key).
func keyMsg(k string) tea.KeyPressMsg { return tuitest.Key(k) }

// typeText sends each rune of s as a key press; it fails if the line
// closed on the way.
func typeText(t *testing.T, m *Model, s string) *Model {
	t.Helper()
	for _, r := range s {
		k := string(r)
		if r == ' ' {
			k = "space"
		}
		m = press(t, m, k)
	}
	return m
}

func press(t *testing.T, m *Model, keys ...string) *Model {
	t.Helper()
	for _, k := range keys {
		next, _ := m.Update(keyMsg(k))
		if next == nil {
			t.Fatalf("the line closed on %q", k)
		}
		m = next
	}
	return m
}

// enter presses enter and returns the command it ran (nil if none) and
// whether the line is still open.
func enter(m *Model) (*RunMsg, bool) {
	next, cmd := m.Update(keyMsg("enter"))
	if cmd == nil {
		return nil, next != nil
	}
	run, ok := cmd().(RunMsg)
	if !ok {
		return nil, next != nil
	}
	return &run, next != nil
}

func TestRun(t *testing.T) {
	tests := []struct {
		typed, name, args string
	}{
		{"reply", "reply", ""},
		{"tag idea", "tag", "idea"},
		{"  tag   needs more  ", "tag", "needs more"},
		{":goto calendar", "goto", "calendar"},
		{"aller calendrier", "goto", "calendrier"},
		{"Aller stats", "goto", "stats"},
		{"q", "quit", ""},
		{"calendrier", "calendar", ""},
		{"2", "calendar", ""},
		{"inbox.reply", "reply", ""},
		{"rep", "", ""},     // ambiguous prefix: reply or reply_editor
		{"qui", "quit", ""}, // the only name starting so
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			m := typeText(t, newLine(t, nil), tt.typed)
			run, open := enter(m)
			if tt.name == "" {
				if run != nil || !open {
					t.Fatalf("ran %v (open %v), want the line kept open", run, open)
				}
				return
			}
			if run == nil || open {
				t.Fatalf("ran nothing (open %v); message %q", open, m.Err())
			}
			if run.Name != tt.name || run.Args != tt.args {
				t.Fatalf("ran %+v, want %s %q", *run, tt.name, tt.args)
			}
		})
	}
}

func TestUnknownCommandSuggestsTheClosest(t *testing.T) {
	tests := []struct{ typed, want string }{
		{"rpely", `Unknown command “rpely”: did you mean :reply?`},
		{"quti", "did you mean :quit?"},
		{"xyzzy", "tab lists the commands"},
	}
	for _, tt := range tests {
		m := typeText(t, newLine(t, nil), tt.typed)
		run, open := enter(m)
		if run != nil || !open {
			t.Fatalf("%s: ran %v, open %v", tt.typed, run, open)
		}
		if !strings.Contains(m.Err(), tt.want) {
			t.Errorf("%s: message %q, want %q", tt.typed, m.Err(), tt.want)
		}
		if !strings.Contains(ansi.Strip(m.View()), tt.want) {
			t.Errorf("%s: the message is not shown:\n%s", tt.typed, ansi.Strip(m.View()))
		}
		// Editing clears the message.
		m = press(t, m, "backspace")
		if m.Err() != "" {
			t.Errorf("%s: message kept after an edit", tt.typed)
		}
	}
}

func TestCheckKeepsTheLineOpen(t *testing.T) {
	m := typeText(t, newLine(t, nil), "goto")
	run, open := enter(m)
	if run != nil || !open || m.Err() != "which pane?" {
		t.Fatalf("ran %v, open %v, message %q", run, open, m.Err())
	}
}

func TestTabCompletes(t *testing.T) {
	tests := []struct {
		typed string
		keys  []string
		want  string
	}{
		{"rep", []string{"tab"}, "reply"},
		{"rep", []string{"tab", "tab"}, "reply_editor"},
		{"rep", []string{"tab", "tab", "tab"}, "reply"},       // cycles around
		{"rep", []string{"shift+tab"}, "reply_editor"},        // backwards from the end
		{"qt", []string{"tab"}, "quit"},                       // fuzzy, not only prefixes
		{"go", []string{"tab"}, "goto "},                      // arguments follow: a space
		{"goto ca", []string{"tab"}, "goto calendar"},         // argument values
		{"tag q", []string{"tab"}, "tag question"},            //
		{"tag ", []string{"tab", "tab"}, "tag criticism"},     // all values, in order
		{"zzz", []string{"tab"}, "zzz"},                       // nothing matches: unchanged
		{"reply x", []string{"tab"}, "reply x"},               // free-text argument: nothing to offer
		{"rep", []string{"tab", "backspace", "tab"}, "reply"}, // an edit ends the cycle
	}
	for _, tt := range tests {
		t.Run(tt.typed+"+"+strings.Join(tt.keys, ","), func(t *testing.T) {
			m := press(t, typeText(t, newLine(t, nil), tt.typed), tt.keys...)
			if m.Value() != tt.want {
				t.Fatalf("value %q, want %q", m.Value(), tt.want)
			}
		})
	}
}

func TestPopupListsMatches(t *testing.T) {
	m := newLine(t, nil)
	if got := popupNames(m); len(got) != len(testCommands()) {
		t.Fatalf("empty line lists %v, want every command", got)
	}
	m = typeText(t, m, "rep")
	if got := popupNames(m); !slices.Equal(got, []string{"reply", "reply_editor"}) {
		t.Fatalf("popup %v", got)
	}
	m = typeText(t, m, "ly_e")
	if got := popupNames(m); !slices.Equal(got, []string{"reply_editor"}) {
		t.Fatalf("popup %v", got)
	}
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "reply in $EDITOR") {
		t.Fatalf("popup lacks the description:\n%s", view)
	}
	// An alias finds its command.
	m = typeText(t, newLine(t, nil), "quitter")
	if got := popupNames(m); !slices.Contains(got, "quitter") {
		t.Fatalf("alias not offered: %v", got)
	}
}

func popupNames(m *Model) []string {
	var out []string
	for _, mt := range m.matches {
		out = append(out, mt.value)
	}
	return out
}

func TestHistory(t *testing.T) {
	hist := &History{}
	for _, line := range []string{"tag idea", "goto calendar", "goto calendar", "reply"} {
		m := typeText(t, newLine(t, hist), line)
		if run, _ := enter(m); run == nil {
			t.Fatalf("%q did not run", line)
		}
	}
	if got := hist.Lines(); !slices.Equal(got, []string{"tag idea", "goto calendar", "reply"}) {
		t.Fatalf("history %v (repeats must collapse)", got)
	}
	m := typeText(t, newLine(t, hist), "do")
	steps := []struct {
		key, want string
	}{
		{"up", "reply"}, {"up", "goto calendar"}, {"up", "tag idea"}, {"up", "tag idea"},
		{"down", "goto calendar"}, {"down", "reply"}, {"down", "do"}, {"down", "do"},
	}
	for i, s := range steps {
		m = press(t, m, s.key)
		if m.Value() != s.want {
			t.Fatalf("step %d (%s): %q, want %q", i, s.key, m.Value(), s.want)
		}
	}
	// A line from the history runs again.
	m = press(t, m, "up", "up")
	if run, _ := enter(m); run == nil || run.Name != "goto" || run.Args != "calendar" {
		t.Fatalf("history line ran %+v", run)
	}
	// A failed command is not recorded.
	m = typeText(t, newLine(t, hist), "nope")
	enter(m)
	if slices.Contains(hist.Lines(), "nope") {
		t.Fatal("an unknown command went into the history")
	}
}

func TestHistoryIsCapped(t *testing.T) {
	h := &History{}
	for i := range historyCap + 10 {
		h.Add(strings.Repeat("x", i+1))
	}
	if got := len(h.Lines()); got != historyCap {
		t.Fatalf("%d lines kept, want %d", got, historyCap)
	}
}

func TestClosing(t *testing.T) {
	for _, k := range []string{"esc", "backspace", "enter"} {
		m := newLine(t, nil)
		next, cmd := m.Update(keyMsg(k))
		if next != nil || cmd != nil {
			t.Errorf("%s on an empty line: open %v, cmd %v", k, next != nil, cmd != nil)
		}
	}
	m := typeText(t, newLine(t, nil), "reply")
	if next, cmd := m.Update(keyMsg("esc")); next != nil || cmd != nil {
		t.Fatal("esc did not close without running")
	}
}

func TestPaste(t *testing.T) {
	m := newLine(t, nil)
	m, _ = m.Update(tea.PasteMsg{Content: "tag idea"})
	if m == nil || m.Value() != "tag idea" {
		t.Fatalf("paste: %v", m)
	}
}

// The block never exceeds the size given, whatever the height, and the
// input line is always the last line, full width.
func TestViewSize(t *testing.T) {
	for _, sz := range [][2]int{{80, 21}, {40, 6}, {20, 3}, {10, 1}, {120, 37}, {0, 0}} {
		m := newLine(t, nil)
		m.SetSize(sz[0], sz[1])
		for _, typed := range []string{"", "re", "xyzzy"} {
			m2 := typeText(t, m, typed)
			if typed == "xyzzy" {
				enter(m2)
			}
			v := m2.View()
			if sz[0] == 0 {
				if v != "" {
					t.Fatal("zero size must draw nothing")
				}
				continue
			}
			lines := strings.Split(v, "\n")
			if len(lines) > sz[1] {
				t.Fatalf("%v %q: %d lines", sz, typed, len(lines))
			}
			for _, l := range lines {
				if lipgloss.Width(l) > sz[0] {
					t.Fatalf("%v %q: line %q too wide", sz, typed, ansi.Strip(l))
				}
			}
			if last := lines[len(lines)-1]; lipgloss.Width(last) != sz[0] || !strings.HasPrefix(ansi.Strip(last), ":") {
				t.Fatalf("%v %q: last line %q", sz, typed, ansi.Strip(last))
			}
		}
	}
}

func TestPopupScrollsToTheSelection(t *testing.T) {
	m := newLine(t, nil)
	m.SetSize(80, 6)             // room for 3 rows and the "more" footer
	m = press(t, m, "shift+tab") // the last command
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "quit") || !strings.Contains(view, "more") {
		t.Fatalf("the selection is not in view:\n%s", view)
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"Boîte": "boite", " Réception ": "reception", "ÇA": "ca", "goto": "goto"} {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClosest(t *testing.T) {
	names := []string{"reply", "done", "quit", "goto", "snooze"}
	for in, want := range map[string]string{"rpely": "reply", "dnoe": "done", "snoze": "snooze", "x": "", "banana": ""} {
		if got := closest(in, names); got != want {
			t.Errorf("closest(%q) = %q, want %q", in, got, want)
		}
	}
}
