package tui

import "testing"

// keyPress must build exactly what a binding for that name matches.
func TestKeyPressRoundTrips(t *testing.T) {
	for _, name := range []string{"j", "G", "?", "é", "ctrl+d", "ctrl+u", "pgdown", "pgup", "home", "end",
		"up", "down", "enter", "esc", "tab", "shift+tab", "space", "f5", "alt+x", "ctrl+alt+x"} {
		msg, ok := keyPress(name)
		if !ok {
			t.Errorf("%q: not built", name)
			continue
		}
		if got := msg.String(); got != name {
			t.Errorf("%q: built %q", name, got)
		}
	}
	for _, bad := range []string{"", "nope", "ctrl+"} {
		if _, ok := keyPress(bad); ok {
			t.Errorf("%q: built, want refused", bad)
		}
	}
}
