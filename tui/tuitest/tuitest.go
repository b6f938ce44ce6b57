// Package tuitest holds what the deck's tests share: key presses by name,
// as a person types them. It is imported by tests only.
package tuitest

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// namedKeys are the keys tea.KeyPressMsg.String() names by a word.
var namedKeys = map[string]rune{
	"down": tea.KeyDown, "up": tea.KeyUp, "left": tea.KeyLeft, "right": tea.KeyRight,
	"pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp, "enter": tea.KeyEnter, "esc": tea.KeyEscape,
	"home": tea.KeyHome, "end": tea.KeyEnd, "tab": tea.KeyTab, "backspace": tea.KeyBackspace,
	"delete": tea.KeyDelete, "space": tea.KeySpace,
}

// Key is the key press named as tea.KeyPressMsg.String() writes it: "j",
// "?", "enter", "space", "ctrl+s", "shift+tab", "alt+enter". A printable
// key without modifiers carries its text, as typing it does.
func Key(name string) tea.KeyPressMsg {
	var mod tea.KeyMod
	for _, p := range []struct {
		prefix string
		mod    tea.KeyMod
	}{{"ctrl+", tea.ModCtrl}, {"alt+", tea.ModAlt}, {"shift+", tea.ModShift}} {
		if rest, ok := strings.CutPrefix(name, p.prefix); ok && rest != "" {
			name, mod = rest, mod|p.mod
		}
	}
	if code, ok := namedKeys[name]; ok {
		msg := tea.KeyPressMsg{Code: code, Mod: mod}
		if name == "space" && mod == 0 {
			msg.Text = " "
		}
		return msg
	}
	r := []rune(name)[0]
	if mod != 0 {
		return tea.KeyPressMsg{Code: r, Mod: mod}
	}
	return tea.KeyPressMsg{Code: r, Text: name}
}

// Messages runs cmd and returns the messages it yields, batches flattened,
// without feeding them to anything.
func Messages(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range batch {
			out = append(out, Messages(c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

// Fataler is the part of testing.TB Drain needs.
type Fataler interface {
	Helper()
	Fatal(args ...any)
}

// Drain runs cmd and everything it leads to, as the program would: each
// message goes to update, whose command runs next. It returns every
// message, and fails the test when the commands never settle (more than
// maxSteps of them).
func Drain(t Fataler, cmd tea.Cmd, maxSteps int, update func(tea.Msg) tea.Cmd) []tea.Msg {
	t.Helper()
	var seen []tea.Msg
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > maxSteps {
			t.Fatal("commands never settle")
		}
		c := queue[0]
		queue = queue[1:]
		for _, msg := range Messages(c) {
			seen = append(seen, msg)
			queue = append(queue, update(msg))
		}
	}
	return seen
}
