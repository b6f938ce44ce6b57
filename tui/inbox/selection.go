package inbox

import (
	"slices"

	"cmdeck/store"
)

// selection is the bulk selection: items picked one by one (space) and the
// range of a visual selection (v) from its anchor to the cursor. It holds
// items by id with the copy last seen, never list indexes, so it survives
// scrolling, paging and reloads; actions read the copies (account,
// author, state) without the rows being loaded.
type selection struct {
	picked map[int64]store.ItemView

	visual bool
	anchor store.PageKey            // where the range started
	span   map[int64]store.ItemView // the range as far as it was seen
}

// active reports anything selected, or a range being drawn.
func (s *selection) active() bool { return s.visual || len(s.picked) > 0 }

// has reports whether an item is selected.
func (s *selection) has(id int64) bool {
	if _, ok := s.picked[id]; ok {
		return true
	}
	_, ok := s.span[id]
	return ok
}

// count is how many items are selected.
func (s *selection) count() int {
	n := len(s.picked)
	for id := range s.span {
		if _, ok := s.picked[id]; !ok {
			n++
		}
	}
	return n
}

// toggle picks an item, or unpicks it. A range being drawn changes only
// as the cursor moves.
func (s *selection) toggle(it store.ItemView) {
	if s.picked == nil {
		s.picked = map[int64]store.ItemView{}
	}
	if _, ok := s.picked[it.ID]; ok {
		delete(s.picked, it.ID)
		return
	}
	s.picked[it.ID] = it
}

// startVisual anchors a range at the cursor's item.
func (s *selection) startVisual(cur store.ItemView) {
	s.visual = true
	s.anchor = store.KeyOf(cur.Item)
	s.span = map[int64]store.ItemView{cur.ID: cur}
}

// endVisual keeps the range as picked items.
func (s *selection) endVisual() {
	if s.picked == nil {
		s.picked = map[int64]store.ItemView{}
	}
	for id, it := range s.span {
		s.picked[id] = it
	}
	s.visual, s.span = false, nil
}

// track fits the range to the cursor: the loaded rows between the anchor
// and the cursor are in it; items outside the two keys leave it. Items of
// the range that scrolled out of memory stay in it, so a range can be
// longer than the window.
func (s *selection) track(rows []store.ItemView, cur store.ItemView) {
	if !s.visual {
		return
	}
	lo, hi := s.anchor, store.KeyOf(cur.Item) // hi is the newer end
	if newerThan(lo, hi) {
		lo, hi = hi, lo
	}
	in := func(k store.PageKey) bool { return !newerThan(k, hi) && !newerThan(lo, k) }
	for id, it := range s.span {
		if !in(store.KeyOf(it.Item)) {
			delete(s.span, id)
		}
	}
	for _, r := range rows {
		if in(store.KeyOf(r.Item)) {
			s.span[r.ID] = r
		}
	}
}

// refresh replaces the kept copies with fresher rows.
func (s *selection) refresh(rows []store.ItemView) {
	if len(s.picked) == 0 && len(s.span) == 0 {
		return
	}
	for _, r := range rows {
		if _, ok := s.picked[r.ID]; ok {
			s.picked[r.ID] = r
		}
		if _, ok := s.span[r.ID]; ok {
			s.span[r.ID] = r
		}
	}
}

// items returns the selected items, newest first.
func (s *selection) items() []store.ItemView {
	out := make([]store.ItemView, 0, s.count())
	for _, it := range s.picked {
		out = append(out, it)
	}
	for id, it := range s.span {
		if _, ok := s.picked[id]; !ok {
			out = append(out, it)
		}
	}
	slices.SortFunc(out, func(a, b store.ItemView) int {
		ka, kb := store.KeyOf(a.Item), store.KeyOf(b.Item)
		switch {
		case newerThan(ka, kb):
			return -1
		case newerThan(kb, ka):
			return 1
		}
		return 0
	})
	return out
}

// clear drops the selection and any range.
func (s *selection) clear() { *s = selection{} }

// selectAction runs space (pick the cursor's item) and v (start or end a
// range).
func (m *Model) selectAction(name string) {
	cur, ok := m.list.win.selected()
	if !ok {
		return
	}
	switch {
	case name == actSelect:
		m.sel.toggle(cur)
	case m.sel.visual:
		m.sel.endVisual()
	default:
		m.sel.startVisual(cur)
		m.sel.track(m.list.win.rows, cur)
	}
}

// trackVisual follows the cursor with the range being drawn.
func (m *Model) trackVisual() {
	if cur, ok := m.list.win.selected(); ok {
		m.sel.track(m.list.win.rows, cur)
	}
}
