package inbox

import (
	"charm.land/bubbles/v2/key"

	"cmdeck/i18n"
)

// KeyMap is the Inbox pane's bindings. Actions names them so user overrides
// from config, and the command line (":done", ":tag idea"), reach them by
// action name.
type KeyMap struct {
	Down, Up, Top, Bottom, PageDown, PageUp, Open, Back key.Binding

	// Triage and moderation: they apply to the selection, else to the
	// item under the cursor.
	Reply, ReplyEditor, Done, Read, Snooze, Tag, Assign key.Binding
	Hide, Delete, Block, Spam                           key.Binding
	Like, Mute, Report                                  key.Binding
	// The cursor's item's link (or text): copied through the terminal
	// (OSC 52) or opened; they read and work in a read-only deck too.
	Copy, OpenLink key.Binding
	// Pipe sends the cursor's item to a command from config (pipes:).
	Pipe key.Binding
	// Unmute and the server's moderation (an admin account's) have no key
	// by default: they run from the command line (":silence"), and config
	// may give them one.
	Unmute, Silence, Suspend key.Binding

	// Selection, search and filters.
	Select, Visual, Search, Filter                   key.Binding
	NeedsReply, Unread, All, DoneFilter, HiddenQuick key.Binding
	PrevFilter, NextFilter                           key.Binding
}

// DefaultKeyMap returns the default bindings with help text in t's language.
func DefaultKeyMap(t *i18n.Catalog) KeyMap {
	if t == nil {
		t = i18n.New(i18n.EN)
	}
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t.T(desc)))
	}
	// cmd is an action without a key: its help names the command.
	cmd := func(name, desc string) key.Binding {
		return key.NewBinding(key.WithHelp(":"+name, t.T(desc)))
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

		Reply:       b("r", "inbox.key.reply", "r"),
		ReplyEditor: b("R", "inbox.key.reply_editor", "R"),
		Done:        b("e", "inbox.key.done", "e"),
		Read:        b("m", "inbox.key.read", "m"),
		Snooze:      b("z", "inbox.key.snooze", "z"),
		Tag:         b("#", "inbox.key.tag", "#"),
		Assign:      b("a", "inbox.key.assign", "a"),
		Hide:        b("h", "inbox.key.hide", "h"),
		Delete:      b("D", "inbox.key.delete", "D"),
		Block:       b("B", "inbox.key.block", "B"),
		Spam:        b("s", "inbox.key.spam", "s"),
		Like:        b("L", "inbox.key.like", "L"),
		Mute:        b("M", "inbox.key.mute", "M"),
		Report:      b("!", "inbox.key.report", "!"),
		Unmute:      cmd(actUnmute, "inbox.key.unmute"),
		Silence:     cmd(actSilence, "inbox.key.silence"),
		Suspend:     cmd(actSuspend, "inbox.key.suspend"),
		Copy:        b("y", "inbox.key.copy", "y"),
		OpenLink:    b("o", "inbox.key.open_link", "o"),
		Pipe:        b("|", "inbox.key.pipe", "|"),

		Select:      b("space", "inbox.key.select", "space"),
		Visual:      b("v", "inbox.key.visual", "v"),
		Search:      b("/", "inbox.key.search", "/"),
		Filter:      b("f", "inbox.key.filter", "f"),
		NeedsReply:  b("n", "inbox.key.needs_reply", "n"),
		Unread:      b("U", "inbox.key.unread", "U"),
		All:         b("A", "inbox.key.all", "A"),
		DoneFilter:  b("E", "inbox.key.done_filter", "E"),
		HiddenQuick: b("H", "inbox.key.hidden", "H"),
		PrevFilter:  b("[", "inbox.key.prev_filter", "["),
		NextFilter:  b("]", "inbox.key.next_filter", "]"),
	}
}

// Action names: what config's keys: section (prefixed with the pane's
// name) and the command line (":done") use.
const (
	actDown        = "down"
	actUp          = "up"
	actTop         = "top"
	actBottom      = "bottom"
	actPageDown    = "pagedown"
	actPageUp      = "pageup"
	actOpen        = "open"
	actBack        = "back"
	actReply       = "reply"
	actReplyEditor = "reply_editor"
	actDone        = "done"
	actRead        = "read"
	actSnooze      = "snooze"
	actTag         = "tag"
	actAssign      = "assign"
	actHide        = "hide"
	actDelete      = "delete"
	actBlock       = "block"
	actSpam        = "spam"
	actLike        = "like"
	actMute        = "mute"
	actReport      = "report"
	actUnmute      = "unmute"
	actSilence     = "silence"
	actSuspend     = "suspend"
	actCopy        = "copy"
	actOpenLink    = "open_link"
	actPipe        = "pipe"
	actSelect      = "select"
	actVisual      = "visual"
	actSearch      = "search"
	actFilter      = "filter"
	actNeedsReply  = "needs_reply"
	actUnread      = "unread"
	actAll         = "all"
	actDoneFilter  = "done_filter"
	actHidden      = "hidden"
	actPrevFilter  = "prev_filter"
	actNextFilter  = "next_filter"
)

// Actions maps action names to the bindings inside k, so setting keys
// through the pointers changes the map (common.ActionMap).
func (k *KeyMap) Actions() map[string]*key.Binding {
	return map[string]*key.Binding{
		actDown: &k.Down, actUp: &k.Up, actTop: &k.Top, actBottom: &k.Bottom,
		actPageDown: &k.PageDown, actPageUp: &k.PageUp, actOpen: &k.Open, actBack: &k.Back,
		actReply: &k.Reply, actReplyEditor: &k.ReplyEditor, actDone: &k.Done, actRead: &k.Read,
		actSnooze: &k.Snooze, actTag: &k.Tag, actAssign: &k.Assign, actHide: &k.Hide,
		actDelete: &k.Delete, actBlock: &k.Block, actSpam: &k.Spam,
		actLike: &k.Like, actMute: &k.Mute, actReport: &k.Report,
		actUnmute: &k.Unmute, actSilence: &k.Silence, actSuspend: &k.Suspend,
		actCopy: &k.Copy, actOpenLink: &k.OpenLink, actPipe: &k.Pipe,
		actSelect: &k.Select, actVisual: &k.Visual, actSearch: &k.Search, actFilter: &k.Filter,
		actNeedsReply: &k.NeedsReply, actUnread: &k.Unread, actAll: &k.All,
		actDoneFilter: &k.DoneFilter, actHidden: &k.HiddenQuick,
		actPrevFilter: &k.PrevFilter, actNextFilter: &k.NextFilter,
	}
}

// actionOrder is the order keys are matched in, so matching is
// deterministic; it only matters when a user binds one key to two
// actions, which config validation refuses.
func actionOrder() []string {
	return []string{actDown, actUp, actTop, actBottom, actPageDown, actPageUp, actOpen, actBack,
		actReply, actReplyEditor, actDone, actRead, actSnooze, actTag, actAssign,
		actHide, actDelete, actBlock, actSpam, actLike, actMute, actReport, actUnmute, actSilence, actSuspend,
		actCopy, actOpenLink, actPipe, actSelect, actVisual, actSearch, actFilter,
		actNeedsReply, actUnread, actAll, actDoneFilter, actHidden, actPrevFilter, actNextFilter,
	}
}

// ShortHelp is the one-line help bar.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Down, k.Up, k.Open, k.Back} }

// FullHelp is the ? overlay, one column per group.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom, k.Open, k.Back},
		{k.Reply, k.ReplyEditor, k.Done, k.Read, k.Snooze, k.Tag, k.Assign},
		{k.Hide, k.Delete, k.Block, k.Spam, k.Like, k.Mute, k.Report, k.Unmute, k.Silence, k.Suspend},
		{k.Select, k.Visual},
		{k.Copy, k.OpenLink, k.Pipe},
		{k.Search, k.Filter, k.NeedsReply, k.Unread, k.All, k.DoneFilter, k.HiddenQuick, k.PrevFilter, k.NextFilter},
	}
}
