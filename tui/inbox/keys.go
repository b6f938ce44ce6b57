package inbox

import (
	"charm.land/bubbles/v2/key"

	"cmdeck/i18n"
)

// KeyMap is the Inbox pane's bindings. Actions names them so user overrides
// from config reach them by action name.
type KeyMap struct {
	Down, Up, Top, Bottom, PageDown, PageUp, Open, Back key.Binding
}

// DefaultKeyMap returns the default bindings with help text in t's language.
func DefaultKeyMap(t *i18n.Catalog) KeyMap {
	if t == nil {
		t = i18n.New(i18n.EN)
	}
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t.T(desc)))
	}
	return KeyMap{
		Down:     b("j/↓", "inbox.key.down", "j", "down"),
		Up:       b("k/↑", "inbox.key.up", "k", "up"),
		Top:      b("g", "inbox.key.top", "g", "home"),
		Bottom:   b("G", "inbox.key.bottom", "G", "end"),
		PageDown: b("pgdn", "inbox.key.pagedown", "pgdown", "ctrl+d"),
		PageUp:   b("pgup", "inbox.key.pageup", "pgup", "ctrl+u"),
		Open:     b("enter", "inbox.key.open", "enter"),
		Back:     b("esc", "inbox.key.back", "esc"),
	}
}

// Actions maps action names to the bindings inside k, so setting keys
// through the pointers changes the map (common.ActionMap).
func (k *KeyMap) Actions() map[string]*key.Binding {
	return map[string]*key.Binding{
		"down": &k.Down, "up": &k.Up, "top": &k.Top, "bottom": &k.Bottom,
		"pagedown": &k.PageDown, "pageup": &k.PageUp, "open": &k.Open, "back": &k.Back,
	}
}

// ShortHelp is the one-line help bar.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Down, k.Up, k.Open, k.Back} }

// FullHelp is the ? overlay, one column per group.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Down, k.Up, k.PageDown, k.PageUp}, {k.Top, k.Bottom, k.Open, k.Back}}
}
