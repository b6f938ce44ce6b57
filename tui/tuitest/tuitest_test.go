package tuitest

import "testing"

// Every name comes back as the String() it was written as.
func TestKeyRoundTrips(t *testing.T) {
	for _, name := range []string{"j", "?", "é", "enter", "esc", "space", "tab", "shift+tab", "ctrl+s",
		"ctrl+e", "alt+enter", "pgdown", "home", "backspace", "up", "down", "left", "right", "delete"} {
		if got := Key(name).String(); got != name {
			t.Errorf("Key(%q).String() = %q", name, got)
		}
	}
	if k := Key("j"); k.Text != "j" {
		t.Errorf("j carries text %q", k.Text)
	}
}
