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
