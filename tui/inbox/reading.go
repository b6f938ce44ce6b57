package inbox

import "cmdeck/store"

// reading is what the reading pane (the conversation beside or under the
// list) shows. Normally it follows the cursor. In Lite mode (the
// low-bandwidth mode, see common.Styles.Lite) it keeps the item last
// opened with enter or answered, so moving the cursor redraws the gutter
// and nothing else: over SSH a move then costs tens of bytes, not the
// hundreds a new message's card and text take.
type reading struct {
	lite bool           // Lite mode as last seen: a switch re-pins
	item store.ItemView // the item shown in Lite mode, when ok
	ok   bool
}

// readingItem is the item the reading pane shows: the cursor's, or in Lite
// mode the one pinned there (the list's copy when it holds one: it is
// fresher). Between a switch of mode and the next Update, which pins, it
// is the cursor's, as the pane showed it.
func (m *Model) readingItem() (store.ItemView, bool) {
	if !m.styles.Lite || !m.reading.lite || !m.reading.ok {
		return m.list.win.selected()
	}
	for _, it := range m.list.win.rows {
		if it.ID == m.reading.item.ID {
			return it, true
		}
	}
	return m.reading.item, true
}

// pin shows it in the reading pane (Lite mode).
func (m *Model) pin(it store.ItemView) {
	if m.reading.item.ID != it.ID {
		m.thread.focused = false
	}
	m.reading.item, m.reading.ok = it, true
}

// keepReading follows a switch of mode and pins the cursor's item when
// nothing is pinned yet: on entering Lite mode the pane keeps what it
// showed, and a deck that opens in Lite mode shows its first message.
func (m *Model) keepReading() {
	if m.styles.Lite != m.reading.lite {
		m.reading = reading{lite: m.styles.Lite}
	}
	if !m.reading.lite || m.reading.ok {
		return
	}
	if cur, ok := m.list.win.selected(); ok {
		m.pin(cur)
	}
}

// showsCursor reports that the reading pane shows the cursor's item.
func (m *Model) showsCursor() bool {
	cur, ok := m.list.win.selected()
	if !ok {
		return true
	}
	it, ok := m.readingItem()
	return ok && it.ID == cur.ID
}
