package inbox

import "testing"

// BenchmarkInboxKeyDownMemory is one j press on a million-item list:
// Update, the page and conversation queries it starts (on the in-memory
// source, so only the pane's own cost is measured), and the View that
// follows, at 120×40. BenchmarkInboxKeyDown (bench_db_test.go) is the same
// against a real store.
func BenchmarkInboxKeyDownMemory(b *testing.B) {
	src := newVirtualSource(1_000_000, 7)
	m := newTestModel(b, src, 120, 40)
	down, top := keyMsg("j"), keyMsg("g")
	b.ReportAllocs()
	for b.Loop() {
		_, cmd := m.Update(down)
		drain(b, m, cmd)
		_ = m.View()
		if sel, _ := m.list.win.selected(); m.list.win.atBottom && sel.ID == m.list.win.rows[len(m.list.win.rows)-1].ID {
			_, cmd := m.Update(top) // the end of a million rows: start over
			drain(b, m, cmd)
		}
	}
	if n := len(m.list.win.rows); n > m.list.maxRows() {
		b.Fatalf("window grew to %d rows", n)
	}
}
