package compose

import (
	"charm.land/bubbles/v2/key"

	"cmdeck/i18n"
)

// KeyMap is the composer's own keys; every other key edits the text.
type KeyMap struct {
	Send, Close, Editor, Templates key.Binding
	// Keys of the saved-reply picker.
	PickUp, PickDown, Pick, PickCancel key.Binding
}

// DefaultKeyMap returns the default bindings with help text in t's language.
func DefaultKeyMap(t *i18n.Catalog) KeyMap {
	if t == nil {
		t = i18n.New(i18n.EN)
	}
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t.T(desc)))
	}
	esc, enter := t.T("compose.keyname.esc"), t.T("compose.keyname.enter")
	return KeyMap{
		Send:       b("ctrl+s", "compose.key.send", "ctrl+s"),
		Close:      b(esc, "compose.key.close", "esc"),
		Editor:     b("ctrl+e", "compose.key.editor", "ctrl+e"),
		Templates:  b("ctrl+t", "compose.key.templates", "ctrl+t"),
		PickUp:     b("↑/↓", "compose.key.move", "up", "ctrl+p", "shift+tab"),
		PickDown:   b("↓", "compose.key.move", "down", "ctrl+n", "tab"),
		Pick:       b(enter, "compose.key.insert", "enter"),
		PickCancel: b(esc, "compose.key.back", "esc"),
	}
}

// Actions maps action names to the bindings inside k, so user overrides
// from config can reach them (common.ActionMap).
func (k *KeyMap) Actions() map[string]*key.Binding {
	return map[string]*key.Binding{
		"send": &k.Send, "close": &k.Close, "editor": &k.Editor, "templates": &k.Templates,
	}
}

// SetKeyMap replaces the composer's keys (user overrides from config).
func (m *Model) SetKeyMap(k KeyMap) {
	m.keys = k
	if m.picker != nil {
		m.picker.keys = k
	}
}
