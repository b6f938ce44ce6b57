package stats

import (
	"charm.land/bubbles/v2/key"

	"cmdeck/i18n"
)

// KeyMap is the Stats pane's bindings. Actions names them for user
// overrides ("stats_down" in config is the Down binding).
type KeyMap struct {
	Up, Down, Top, Bottom key.Binding
}

// DefaultKeyMap returns the default bindings with help text in t's language.
func DefaultKeyMap(t *i18n.Catalog) KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t.T(desc)))
	}
	return KeyMap{
		Up:     b("k/↑", "panes.key.scroll_up", "k", "up"),
		Down:   b("j/↓", "panes.key.scroll_down", "j", "down"),
		Top:    b("g", "panes.key.top", "g", "home"),
		Bottom: b("G", "panes.key.bottom", "G", "end"),
	}
}

// Actions maps action names to the bindings inside k.
func (k *KeyMap) Actions() map[string]*key.Binding {
	return map[string]*key.Binding{"up": &k.Up, "down": &k.Down, "top": &k.Top, "bottom": &k.Bottom}
}

// ShortHelp is the one-line help bar.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Down, k.Up} }

// FullHelp is the ? overlay, one column per group.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Down, k.Up, k.Top, k.Bottom}} }
