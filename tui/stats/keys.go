package stats

import (
	"charm.land/bubbles/v2/key"

	"cmdeck/i18n"
	"cmdeck/tui/common"
)

// KeyMap is the Stats pane's bindings. Actions names them for user
// overrides ("stats.period" in config's keys: section is the Period
// binding) and for the command line (":period").
type KeyMap struct {
	Up, Down, Top, Bottom          key.Binding
	Client, PrevClient, NextClient key.Binding
	Period, Open, Report           key.Binding
}

// Action names: config's keys: section (prefixed "stats.") and the
// command line use them.
const (
	actUp         = "up"
	actDown       = "down"
	actTop        = "top"
	actBottom     = "bottom"
	actClient     = "client"
	actPrevClient = "prev_client"
	actNextClient = "next_client"
	actPeriod     = "period"
	actOpen       = "open"
	actReport     = "report"
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
		Up:     b("k/↑", "panes.key.up", "k", "up"),
		Down:   b("j/↓", "panes.key.down", "j", "down"),
		Top:    b("g", "panes.key.top", "g", "home"),
		Bottom: b("G", "panes.key.bottom", "G", "end"),

		Client:     b("c", "stats.key.client", "c"),
		PrevClient: b("[", "stats.key.prev_client", "["),
		NextClient: b("]", "stats.key.next_client", "]"),
		Period:     b("p", "stats.key.period", "p"),
		Open:       b("enter", "stats.key.open", "enter"),
		Report:     b("R", "stats.key.report", "R"),
	}
}

// Actions maps action names to the bindings inside k, so setting keys
// through the pointers changes the map (common.ActionMap).
func (k *KeyMap) Actions() map[string]*key.Binding {
	return map[string]*key.Binding{
		actUp: &k.Up, actDown: &k.Down, actTop: &k.Top, actBottom: &k.Bottom,
		actClient: &k.Client, actPrevClient: &k.PrevClient, actNextClient: &k.NextClient,
		actPeriod: &k.Period, actOpen: &k.Open, actReport: &k.Report,
	}
}

// actionOrder is the order keys are matched in, so matching is
// deterministic even if a user binds one key to two actions.
func actionOrder() []string {
	return []string{actUp, actDown, actTop, actBottom, actClient, actPrevClient, actNextClient,
		actPeriod, actOpen, actReport}
}

// action names the action msg's key is bound to, "" for none.
func (k *KeyMap) action(msg interface{ String() string }) string {
	return common.MatchAction(k.Actions(), actionOrder(), msg)
}

// ShortHelp is the one-line help bar, the pane's own keys first.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Period, k.Client, k.NextClient, k.Open, k.Report, k.Down, k.Up}
}

// FullHelp is the ? overlay, one column per group.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Down, k.Up, k.Top, k.Bottom},
		{k.Client, k.PrevClient, k.NextClient, k.Period},
		{k.Open, k.Report},
	}
}
