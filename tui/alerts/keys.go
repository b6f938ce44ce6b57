package alerts

import (
	"charm.land/bubbles/v2/key"

	"cmdeck/i18n"
)

// KeyMap is the Alerts pane's bindings. Actions names them for user
// overrides ("alerts_down" in config is the Down binding).
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
}

// DefaultKeyMap returns the default bindings with help text in t's language.
func DefaultKeyMap(t *i18n.Catalog) KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t.T(desc)))
	}
	return KeyMap{
		Up:       b("k/↑", "panes.key.up", "k", "up"),
		Down:     b("j/↓", "panes.key.down", "j", "down"),
		PageUp:   b("pgup", "panes.key.pageup", "pgup", "ctrl+u"),
		PageDown: b("pgdn", "panes.key.pagedown", "pgdown", "ctrl+d"),
		Top:      b("g", "panes.key.top", "g", "home"),
		Bottom:   b("G", "panes.key.bottom", "G", "end"),
	}
}

// Actions maps action names to the bindings inside k.
func (k *KeyMap) Actions() map[string]*key.Binding {
	return map[string]*key.Binding{
		"up": &k.Up, "down": &k.Down, "pageup": &k.PageUp, "pagedown": &k.PageDown,
		"top": &k.Top, "bottom": &k.Bottom,
	}
}

// ShortHelp is the one-line help bar.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Down, k.Up} }

// FullHelp is the ? overlay, one column per group.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Down, k.Up, k.PageDown, k.PageUp}, {k.Top, k.Bottom}}
}
