package inbox

import (
	"slices"

	tea "charm.land/bubbletea/v2"

	"cmdeck/store"
	"cmdeck/tui/common"
)

// Filters also come from outside the pane. Some items: the Alerts pane's
// enter shows an alert's items under a chip ("alert: Negative messages ·
// Banque Azur"), the Stats pane's enter a post's comments ("post: …") or a
// member's items (as a query), whatever the quick filter, until esc. And
// crisis pins: while a client is in crisis mode, a tab after the saved
// filters lists its messages that need a reply; it is shown at once when
// the crisis starts from this deck, and goes away when the crisis ends.

// chip narrows the list to one alert's items or one post's comments.
type chip struct {
	alertID, postID int64
	label           string
}

func (c chip) on() bool { return c.alertID != 0 || c.postID != 0 }

// textKey is the catalog key of the chip's text.
func (c chip) textKey() string {
	if c.postID != 0 {
		return "inbox.chip.post"
	}
	return "inbox.chip.alert"
}

// showItems narrows the list to the items asked for, every state and
// under the "all" quick filter: what an alert counted may have been dealt
// with since, and a member's or a post's items are wanted whole.
func (m *Model) showItems(msg common.ShowItemsMsg) tea.Cmd {
	if m.dialog != nil || m.composer != nil {
		return nil // never yank the list from under a reply being written
	}
	f := &m.filter
	f.seq++ // a resolve on its way is no longer wanted
	f.query, f.search, f.saved, f.terms = "", "", -1, store.ItemFilter{}
	f.err, f.bad = nil, ""
	f.quick = quickAll
	f.chip = chip{alertID: msg.AlertID, postID: msg.PostID, label: common.OneLine(msg.Label)}
	if msg.Query != "" {
		return m.applyQuery(msg.Query, -1)
	}
	return m.reloadFilter()
}

// savedFilters are config's saved filters, then one pin per client in
// crisis: [ and ] cycle through all of them.
func (m *Model) savedFilters() []common.SavedFilter {
	out := slices.Clone(m.ctx.SavedFilters)
	for _, c := range m.crises {
		out = append(out, common.SavedFilter{
			Name:  "⚠ " + m.t.T("inbox.crisis.pin", common.OneLine(c.Name)),
			Query: "client:" + c.Slug + " needs:reply",
		})
	}
	return out
}

// isPin reports that saved filter i is a crisis pin.
func (m *Model) isPin(i int) bool { return i >= len(m.ctx.SavedFilters) }

// onCrises follows the clients in crisis: the pin shown stays shown
// (its index may move), goes away with its crisis, and the pin of a
// crisis just started here is shown.
func (m *Model) onCrises(msg common.CrisesMsg) tea.Cmd {
	shown := int64(-1)
	if i := m.filter.saved; i >= 0 && m.isPin(i) && i-len(m.ctx.SavedFilters) < len(m.crises) {
		shown = m.crises[i-len(m.ctx.SavedFilters)].ClientID
	}
	m.crises = m.crises[:0]
	for _, c := range msg.Crises {
		if c.Slug != "" { // a pin needs a name the query can use
			m.crises = append(m.crises, c)
		}
	}
	if msg.Started != 0 {
		if i := m.pinIndex(msg.Started); i >= 0 {
			return m.applyQuery(m.savedFilters()[i].Query, i)
		}
	}
	if shown < 0 {
		return nil
	}
	if i := m.pinIndex(shown); i >= 0 {
		m.filter.saved = i
		return nil
	}
	return m.clearFilters()
}

// pinIndex is the saved-filter index of a client's crisis pin, -1 none.
func (m *Model) pinIndex(clientID int64) int {
	for i, c := range m.crises {
		if c.ClientID == clientID {
			return len(m.ctx.SavedFilters) + i
		}
	}
	return -1
}
