package alerts

import "cmdeck/store"

// The details beside (or under) the list show the alert under the cursor.
// In the low-bandwidth mode (common.Styles.Lite) they keep the alert last
// opened with enter instead, as the inbox's reading pane does: a move then
// redraws the gutter, not a chart and eight items (about a kilobyte over
// SSH). The first enter shows the cursor's alert there, the next opens its
// items in the Inbox.

// shown is the alert the details are pinned to in the low-bandwidth mode.
type shown struct {
	lite bool  // the mode as last seen: a switch re-pins
	id   int64 // 0: none yet, the cursor's
}

// shownAlert is the alert the details show.
func (m *Model) shownAlert() (store.AlertView, bool) {
	if m.ctx.Styles.Lite && m.shown.lite && m.shown.id != 0 {
		for _, a := range m.list.rows {
			if a.ID == m.shown.id {
				return a, true
			}
		}
	}
	return m.selected() // out of the mode, or the pinned alert left the list
}

// keepShown follows a switch of mode, and pins the cursor's alert when
// nothing is pinned: entering the mode keeps what the details showed.
func (m *Model) keepShown() {
	if lite := m.ctx.Styles.Lite; lite != m.shown.lite {
		m.shown = shown{lite: lite}
	}
	if m.shown.lite && m.shown.id == 0 {
		m.shown.id = m.selectedID()
	}
}

// showsCursor reports that the details show the cursor's alert.
func (m *Model) showsCursor() bool {
	a, ok := m.shownAlert()
	return !ok || a.ID == m.selectedID()
}
