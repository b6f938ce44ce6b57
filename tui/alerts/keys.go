package alerts

import (
	"charm.land/bubbles/v2/key"

	"cmdeck/i18n"
	"cmdeck/tui/common"
)

// KeyMap is the Alerts pane's bindings. Actions names them for user
// overrides (alerts.ack in config's keys: section is the Ack binding) and
// for the command line (":ack").
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Open, Ack, Snooze, Resolve              key.Binding
	History, Client, Crisis                 key.Binding
}

// Action names: config's keys: section (prefixed "alerts.") and the
// command line use them.
const (
	actUp       = "up"
	actDown     = "down"
	actPageUp   = "pageup"
	actPageDown = "pagedown"
	actTop      = "top"
	actBottom   = "bottom"
	actOpen     = "open"
	actAck      = "ack"
	actSnooze   = "snooze"
	actResolve  = "resolve"
	actHistory  = "history"
	actClient   = "client"
	actCrisis   = "crisis_mode"
)

// DefaultKeyMap returns the default bindings with help text in t's
// language.
func DefaultKeyMap(t *i18n.Catalog) KeyMap {
	if t == nil {
		t = i18n.New(i18n.EN)
	}
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

		Open:    b("enter", "alerts.key.open", "enter"),
		Ack:     b("a", "alerts.key.ack", "a"),
		Snooze:  b("s", "alerts.key.snooze", "s"),
		Resolve: b("x", "alerts.key.resolve", "x"),
		History: b("h", "alerts.key.history", "h"),
		Client:  b("c", "alerts.key.client", "c"),
		Crisis:  b("C", "alerts.key.crisis", "C"),
	}
}

// Actions maps action names to the bindings inside k, so setting keys
// through the pointers changes the map (common.ActionMap). The crisis
// action is "crisis_mode": ":crisis" is the deck's own command, which
// takes a client.
func (k *KeyMap) Actions() map[string]*key.Binding {
	return map[string]*key.Binding{
		actUp: &k.Up, actDown: &k.Down, actPageUp: &k.PageUp, actPageDown: &k.PageDown,
		actTop: &k.Top, actBottom: &k.Bottom,
		actOpen: &k.Open, actAck: &k.Ack, actSnooze: &k.Snooze, actResolve: &k.Resolve,
		actHistory: &k.History, actClient: &k.Client, actCrisis: &k.Crisis,
	}
}

// actionOrder is the order keys are matched in, so matching is
// deterministic when a user binds one key to two actions (which config
// validation refuses).
func actionOrder() []string {
	return []string{actUp, actDown, actPageUp, actPageDown, actTop, actBottom,
		actOpen, actAck, actSnooze, actResolve, actHistory, actClient, actCrisis}
}

// action names the action msg's key is bound to, "" for none.
func (k *KeyMap) action(msg interface{ String() string }) string {
	return common.MatchAction(k.Actions(), actionOrder(), msg)
}

// ShortHelp is the one-line help bar, the actions first: moving is known.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Ack, k.Snooze, k.Resolve, k.History, k.Crisis, k.Client}
}

// FullHelp is the ? overlay, one column per group.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom},
		{k.Open, k.Ack, k.Snooze, k.Resolve},
		{k.History, k.Client, k.Crisis},
	}
}
