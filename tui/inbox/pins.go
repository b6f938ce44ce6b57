package inbox

import (
	"slices"

	tea "charm.land/bubbletea/v2"

	"cmdeck/store"
	"cmdeck/tui/common"
)

// Two filters come from outside the pane. An alert's items: the Alerts
// pane's enter shows them under a chip ("alert: Negative messages · Banque
// Azur"), on top of the quick filter, until esc. And crisis pins: while a
// client is in crisis mode, a tab after the saved filters lists its
// messages that need a reply; it is shown at once when the crisis starts
// from this deck, and goes away when the crisis ends.

// alertChip is the alert whose items the list is narrowed to.
type alertChip struct {
	id    int64
	label string
}

// showAlert narrows the list to one alert's items, every state: what
// the alert counted may have been dealt with since.
func (m *Model) showAlert(msg common.ShowAlertItemsMsg) tea.Cmd {
	if m.dialog != nil || m.composer != nil {
		return nil // never yank the list from under a reply being written
	}
	f := &m.filter
	f.seq++ // a resolve on its way is no longer wanted
	f.query, f.search, f.saved, f.terms = "", "", -1, store.ItemFilter{}
	f.err, f.bad = nil, ""
	f.quick = quickAll
	f.alert = alertChip{id: msg.AlertID, label: common.OneLine(msg.Label)}
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
