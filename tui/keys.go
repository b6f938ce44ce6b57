package tui

import (
	"charm.land/bubbles/v2/key"

	"cmdeck/i18n"
)

// KeyMap is the deck's global bindings: they work in every pane unless the
// pane is taking text input. ctrl+c always quits, whatever the overrides.
type KeyMap struct {
	Quit, Help, Sync, NextPane, PrevPane           key.Binding
	GotoInbox, GotoCalendar, GotoAlerts, GotoStats key.Binding
	Undo, Outbox, Accounts, Command                key.Binding
}

// DefaultKeyMap returns the global bindings with help text in t's language.
func DefaultKeyMap(t *i18n.Catalog) KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t.T(desc)))
	}
	return KeyMap{
		Quit:         b("q", "root.key.quit", "q", "ctrl+c"),
		Help:         b("?", "root.key.help", "?"),
		Sync:         b("ctrl+r/S", "root.key.sync", "ctrl+r", "S"),
		NextPane:     b("tab", "root.key.next_pane", "tab"),
		PrevPane:     b("shift+tab", "root.key.prev_pane", "shift+tab"),
		GotoInbox:    b("1", "root.key.goto_inbox", "1"),
		GotoCalendar: b("2", "root.key.goto_calendar", "2"),
		GotoAlerts:   b("3", "root.key.goto_alerts", "3"),
		GotoStats:    b("4", "root.key.goto_stats", "4"),
		Undo:         b("u", "root.key.undo", "u"),
		Outbox:       b("O", "root.key.outbox", "O"),
		Accounts:     b("@", "root.key.accounts", "@"),
		Command:      b(":", "root.key.command", ":"),
	}
}

// Actions maps action names to the bindings inside k (common.ActionMap).
func (k *KeyMap) Actions() map[string]*key.Binding {
	return map[string]*key.Binding{
		"quit": &k.Quit, "help": &k.Help, "sync": &k.Sync,
		"next_pane": &k.NextPane, "prev_pane": &k.PrevPane,
		"goto_inbox": &k.GotoInbox, "goto_calendar": &k.GotoCalendar,
		"goto_alerts": &k.GotoAlerts, "goto_stats": &k.GotoStats,
		"undo": &k.Undo, "outbox": &k.Outbox, "accounts": &k.Accounts, "command": &k.Command,
	}
}

// gotoPane returns the pane-switching bindings in pane order.
func (k KeyMap) gotoPane() []key.Binding {
	return []key.Binding{k.GotoInbox, k.GotoCalendar, k.GotoAlerts, k.GotoStats}
}

// gotoBindings is gotoPane as pointers into k, to edit them.
func (k *KeyMap) gotoBindings() []*key.Binding {
	return []*key.Binding{&k.GotoInbox, &k.GotoCalendar, &k.GotoAlerts, &k.GotoStats}
}

// ShortHelp is the global part of the help bar, most useful first: when
// room runs out the help bar drops them from the end, except the command
// line and the help, which always stay (see helpBar).
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Command, k.Help, k.Undo, k.Outbox, k.Quit}
}

// FullHelp is the global part of the ? overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.GotoInbox, k.GotoCalendar, k.GotoAlerts, k.GotoStats, k.NextPane, k.PrevPane},
		{k.Command, k.Undo, k.Outbox, k.Accounts, k.Sync, k.Help, k.Quit},
	}
}
