package tui

import (
	"strconv"
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
)

// keyPress builds the key press a key name stands for ("j", "ctrl+d",
// "pgdown", "f5"), as Bubble Tea would deliver it, so that a binding
// holding that name matches it. ok is false for a name it cannot build.
func keyPress(name string) (tea.KeyPressMsg, bool) {
	var mod tea.KeyMod
	base := name
	for _, m := range []struct {
		prefix string
		mod    tea.KeyMod
	}{{"ctrl+", tea.ModCtrl}, {"alt+", tea.ModAlt}, {"shift+", tea.ModShift}} {
		if rest, ok := strings.CutPrefix(base, m.prefix); ok && rest != "" {
			base, mod = rest, mod|m.mod
		}
	}
	if code, ok := namedKeyCodes()[base]; ok {
		return tea.KeyPressMsg{Code: code, Mod: mod}, true
	}
	if n, err := strconv.Atoi(strings.TrimPrefix(base, "f")); err == nil && base[0] == 'f' && n >= 1 && n <= 63 {
		return tea.KeyPressMsg{Code: tea.KeyF1 + rune(n-1), Mod: mod}, true
	}
	if utf8.RuneCountInString(base) != 1 {
		return tea.KeyPressMsg{}, false
	}
	r, _ := utf8.DecodeRuneInString(base)
	if mod != 0 {
		return tea.KeyPressMsg{Code: r, Mod: mod}, true
	}
	return tea.KeyPressMsg{Code: r, Text: base}, true
}

// namedKeyCodes maps the key names bindings use to Bubble Tea's key codes.
func namedKeyCodes() map[string]rune {
	return map[string]rune{
		"enter": tea.KeyEnter, "tab": tea.KeyTab, "backspace": tea.KeyBackspace, "esc": tea.KeyEscape,
		"space": tea.KeySpace, "up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft,
		"right": tea.KeyRight, "begin": tea.KeyBegin, "find": tea.KeyFind, "insert": tea.KeyInsert,
		"delete": tea.KeyDelete, "select": tea.KeySelect, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
		"home": tea.KeyHome, "end": tea.KeyEnd,
	}
}
