package calendar

import (
	"charm.land/bubbles/v2/key"

	"cmdeck/i18n"
)

// KeyMap is the Calendar pane's bindings. Actions names them for user
// overrides ("calendar_today" in config is the Today binding).
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom, Today key.Binding
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
		Today:    b("t", "panes.calendar.key.today", "t"),
	}
}

// Actions maps action names to the bindings inside k.
func (k *KeyMap) Actions() map[string]*key.Binding {
	return map[string]*key.Binding{
		"up": &k.Up, "down": &k.Down, "pageup": &k.PageUp, "pagedown": &k.PageDown,
		"top": &k.Top, "bottom": &k.Bottom, "today": &k.Today,
	}
}

// ShortHelp is the one-line help bar.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Down, k.Up, k.Today} }

// FullHelp is the ? overlay, one column per group.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Down, k.Up, k.PageDown, k.PageUp}, {k.Top, k.Bottom, k.Today}}
}
