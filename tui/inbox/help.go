package inbox

import (
	"slices"

	"charm.land/bubbles/v2/key"
)

// shortHelper is what dialogs and the composer offer for the help bar.
type shortHelper interface{ ShortHelp() []key.Binding }

// ShortHelp lists the bindings that act now, for the help bar: the open
// dialog's or composer's keys, else the pane's, with only the moderation
// keys the selected items' networks support.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	switch {
	case m.dialog != nil:
		if h, ok := m.dialog.(shortHelper); ok {
			return h.ShortHelp()
		}
		return nil
	case m.composer != nil:
		return m.composer.ShortHelp()
	case m.thread.focused:
		return []key.Binding{k.Down, k.Up, k.Reply, k.Back}
	}
	open := k.Open
	if m.styles.Lite {
		// The low-bandwidth mode: enter first shows the cursor's message,
		// then reads it. One word for both, so the bar does not change
		// (and is not sent again) when the cursor leaves the message shown.
		open.SetHelp(open.Help().Key, m.t.T("inbox.key.open_lite"))
	}
	out := []key.Binding{k.Down, k.Up, open}
	switch {
	case m.ctx.ReadOnly:
	case m.styles.Lite:
		// The low-bandwidth mode keeps the bar the same from row to row:
		// keys that follow the cursor's network would be sent again at
		// each move. r says so when the network cannot reply; ? lists
		// the moderation keys.
		out = append(out, k.Reply, k.Done)
	default:
		if cur, ok := m.list.win.selected(); ok && m.can(cur, capFor(actReply)) {
			out = append(out, k.Reply)
		}
		out = append(out, k.Done)
		mods := m.helpModeration()
		for _, pair := range []struct {
			name string
			b    key.Binding
		}{{actHide, k.Hide}, {actDelete, k.Delete}, {actBlock, k.Block}, {actSpam, k.Spam}} {
			if slices.Contains(mods, pair.name) {
				out = append(out, pair.b)
			}
		}
	}
	out = append(out, k.Search, k.Filter, k.Select)
	if m.sel.active() || m.filter.narrowed() {
		out = append(out, k.Back)
	}
	return out
}

// FullHelp lists every binding for the ? overlay.
func (m *Model) FullHelp() [][]key.Binding { return m.keys.FullHelp() }
