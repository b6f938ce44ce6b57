package postcompose

import (
	"charm.land/bubbles/v2/key"

	"cmdeck/i18n"
)

// KeyMap is the composer's own keys; every other key goes to the focused
// field.
type KeyMap struct {
	Next, Prev      key.Binding // move between fields
	Schedule, Draft key.Binding // save
	ScheduleEnter   key.Binding // enter schedules from a one-line field
	Editor, Slot    key.Binding // $EDITOR for the text, next free slot for the time
	Best            key.Binding // the next best time to post
	Close           key.Binding
	Toggle, Cycle   key.Binding // an account's checkbox, the recurrence
	Up, Down        key.Binding // in the account list and the previews
	AddFile         key.Binding // the media field: enter adds the path typed
	DropFile        key.Binding // the media field: backspace on nothing typed
}

// DefaultKeyMap returns the composer's bindings with help in t's language.
// Scheduling is alt+enter or ctrl+enter anywhere (enter alone writes a new
// line in the text), and enter in every one-line field: terminals without
// the kitty keyboard protocol cannot tell ctrl+enter from enter, but they
// all send alt+enter.
func DefaultKeyMap(t *i18n.Catalog) KeyMap {
	if t == nil {
		t = i18n.New(i18n.EN)
	}
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t.T(desc)))
	}
	enter, esc := t.T("calendar.keyname.enter"), t.T("calendar.keyname.esc")
	return KeyMap{
		Next:          b("tab", "calendar.compose.key.next", "tab"),
		Prev:          b("shift+tab", "calendar.compose.key.prev", "shift+tab"),
		Schedule:      b("alt+"+enter, "calendar.compose.key.schedule", "alt+enter", "ctrl+enter"),
		Draft:         b("ctrl+s", "calendar.compose.key.draft", "ctrl+s"),
		ScheduleEnter: b(enter, "calendar.compose.key.schedule", "enter"),
		Editor:        b("ctrl+e", "calendar.compose.key.editor", "ctrl+e"),
		Slot:          b("ctrl+n", "calendar.compose.key.slot", "ctrl+n"),
		Best:          b("ctrl+b", "calendar.compose.key.best", "ctrl+b"),
		Close:         b(esc, "calendar.compose.key.close", "esc"),
		Toggle:        b("space", "calendar.compose.key.toggle", "space", "x"),
		Cycle:         b("←/→", "calendar.compose.key.cycle", "left", "right", "h", "l", "space"),
		Up:            b("↑/k", "calendar.compose.key.up", "up", "k"),
		Down:          b("↓/j", "calendar.compose.key.down", "down", "j"),
		AddFile:       b(enter, "calendar.compose.key.add_file", "enter"),
		DropFile:      b("backspace", "calendar.compose.key.drop_file", "backspace"),
	}
}
