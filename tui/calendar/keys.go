package calendar

import (
	"charm.land/bubbles/v2/key"

	"cmdeck/i18n"
	"cmdeck/tui/common"
)

// KeyMap is the Calendar pane's bindings. Actions names them for user
// overrides (calendar.new in config's keys: section is the New binding)
// and for the command line (":new").
type KeyMap struct {
	Up, Down, Left, Right, PageUp, PageDown, Top, Bottom key.Binding
	Week, Month, Agenda, Today, Prev, Next               key.Binding
	New, Edit, Delete, Duplicate, Publish, Retry, Open   key.Binding
	// The selected post's published link (or its text): copied through
	// the terminal (OSC 52) or opened. y copies in every pane, so
	// duplicating is Y.
	Copy, OpenLink                                   key.Binding
	MoveLater, MoveEarlier, MoveNextDay, MovePrevDay key.Binding
	Client, Account                                  key.Binding
	// Draw has no key by default: it takes arguments, so it runs from
	// the command line (":draw 3 SEED word"); config may give it one.
	Draw key.Binding
}

// Action names: config's keys: section (prefixed "calendar.") and the
// command line use them.
const (
	actUp          = "up"
	actDown        = "down"
	actLeft        = "left"
	actRight       = "right"
	actPageUp      = "pageup"
	actPageDown    = "pagedown"
	actTop         = "top"
	actBottom      = "bottom"
	actWeek        = "week"
	actMonth       = "month"
	actAgenda      = "agenda"
	actToday       = "today"
	actPrev        = "prev"
	actNext        = "next"
	actNew         = "new"
	actEdit        = "edit"
	actDelete      = "delete"
	actDuplicate   = "duplicate"
	actPublish     = "publish"
	actRetry       = "retry"
	actOpen        = "open"
	actCopy        = "copy"
	actOpenLink    = "open_link"
	actMoveLater   = "move_later"
	actMoveEarlier = "move_earlier"
	actMoveNextDay = "move_next_day"
	actMovePrevDay = "move_prev_day"
	actClient      = "client"
	actAccount     = "account"
	actDraw        = "draw"
)

// DefaultKeyMap returns the default bindings with help text in t's
// language. Moving a post is shift+arrow; H J K L do the same where a
// terminal does not send shifted arrows.
func DefaultKeyMap(t *i18n.Catalog) KeyMap {
	if t == nil {
		t = i18n.New(i18n.EN)
	}
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t.T(desc)))
	}
	return KeyMap{
		Up:       b("k/↑", "calendar.key.up", "k", "up"),
		Down:     b("j/↓", "calendar.key.down", "j", "down"),
		Left:     b("h/←", "calendar.key.left", "h", "left"),
		Right:    b("l/→", "calendar.key.right", "l", "right"),
		PageUp:   b("pgup", "calendar.key.pageup", "pgup", "ctrl+u"),
		PageDown: b("pgdn", "calendar.key.pagedown", "pgdown", "ctrl+d"),
		Top:      b("g", "calendar.key.top", "g", "home"),
		Bottom:   b("G", "calendar.key.bottom", "G", "end"),

		Week:   b("w", "calendar.key.week", "w"),
		Month:  b("m", "calendar.key.month", "m"),
		Agenda: b("a", "calendar.key.agenda", "a"),
		Today:  b("t", "calendar.key.today", "t"),
		Prev:   b("[", "calendar.key.prev", "["),
		Next:   b("]", "calendar.key.next", "]"),

		New:       b("n", "calendar.key.new", "n"),
		Edit:      b("e", "calendar.key.edit", "e"),
		Delete:    b("d", "calendar.key.delete", "d"),
		Duplicate: b("Y", "calendar.key.duplicate", "Y"),
		Publish:   b("p", "calendar.key.publish", "p"),
		Retry:     b("r", "calendar.key.retry", "r"),
		Open:      b("enter", "calendar.key.open", "enter"),
		Copy:      b("y", "calendar.key.copy", "y"),
		OpenLink:  b("o", "calendar.key.open_link", "o"),

		MoveLater:   b("shift+↓/J", "calendar.key.move_later", "shift+down", "J"),
		MoveEarlier: b("shift+↑/K", "calendar.key.move_earlier", "shift+up", "K"),
		MoveNextDay: b("shift+→/L", "calendar.key.move_next_day", "shift+right", "L"),
		MovePrevDay: b("shift+←/H", "calendar.key.move_prev_day", "shift+left", "H"),

		Client:  b("c", "calendar.key.client", "c"),
		Account: b("f", "calendar.key.account", "f"),

		Draw: key.NewBinding(key.WithHelp(":draw", t.T("calendar.key.draw"))),
	}
}

// Actions maps action names to the bindings inside k, so setting keys
// through the pointers changes the map (common.ActionMap).
func (k *KeyMap) Actions() map[string]*key.Binding {
	return map[string]*key.Binding{
		actUp: &k.Up, actDown: &k.Down, actLeft: &k.Left, actRight: &k.Right,
		actPageUp: &k.PageUp, actPageDown: &k.PageDown, actTop: &k.Top, actBottom: &k.Bottom,
		actWeek: &k.Week, actMonth: &k.Month, actAgenda: &k.Agenda, actToday: &k.Today,
		actPrev: &k.Prev, actNext: &k.Next,
		actNew: &k.New, actEdit: &k.Edit, actDelete: &k.Delete, actDuplicate: &k.Duplicate,
		actPublish: &k.Publish, actRetry: &k.Retry, actOpen: &k.Open,
		actCopy: &k.Copy, actOpenLink: &k.OpenLink,
		actMoveLater: &k.MoveLater, actMoveEarlier: &k.MoveEarlier,
		actMoveNextDay: &k.MoveNextDay, actMovePrevDay: &k.MovePrevDay,
		actClient: &k.Client, actAccount: &k.Account, actDraw: &k.Draw,
	}
}

// actionOrder is the order keys are matched in, so matching is
// deterministic; it only matters when a user binds one key to two
// actions, which config validation refuses. Moves come before plain
// arrows: "shift+down" must not fall through to down.
func actionOrder() []string {
	return []string{actMoveLater, actMoveEarlier, actMoveNextDay, actMovePrevDay,
		actUp, actDown, actLeft, actRight, actPageUp, actPageDown, actTop, actBottom,
		actWeek, actMonth, actAgenda, actToday, actPrev, actNext,
		actNew, actEdit, actDelete, actDuplicate, actPublish, actRetry, actOpen,
		actCopy, actOpenLink, actClient, actAccount, actDraw}
}

// action names the action msg's key is bound to, "" for none.
func (k *KeyMap) action(msg interface{ String() string }) string {
	return common.MatchAction(k.Actions(), actionOrder(), msg)
}

// ShortHelp is the one-line help bar when nothing is open.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.New, k.Open, k.Week, k.Month, k.Agenda, k.Today, k.MoveLater, k.Client}
}

// FullHelp is the ? overlay, one column per group.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Down, k.Up, k.Left, k.Right, k.PageDown, k.PageUp, k.Top, k.Bottom},
		{k.Week, k.Month, k.Agenda, k.Today, k.Prev, k.Next, k.Client, k.Account},
		{k.New, k.Open, k.Edit, k.Delete, k.Duplicate, k.Publish, k.Retry, k.Draw},
		{k.Copy, k.OpenLink},
		{k.MoveLater, k.MoveEarlier, k.MoveNextDay, k.MovePrevDay},
	}
}
