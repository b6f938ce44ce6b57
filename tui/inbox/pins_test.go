package inbox

import (
	"slices"
	"strings"
	"testing"
	"time"

	"cmdeck/tui/common"
)

// The Alerts pane's enter: the list shows the alert's items, every state,
// under a chip; a quick filter narrows them further; esc removes the chip.
func TestAlertChip(t *testing.T) {
	src := fixtureSource()
	src.alerts = map[int64][]int64{7: {106, 108, 101}}
	m := newTestModel(t, src, 120, 40)
	press(t, m, "n") // a quick filter in force: the jump starts from all
	send(t, m, common.ShowItemsMsg{AlertID: 7, Label: "Negative messages · PixelForge\nStudio"})
	if got := rowIDs(m); !slices.Equal(got, []int64{106, 108}) {
		t.Fatalf("rows %v, want the alert's incoming items", got)
	}
	if last := src.filters[len(src.filters)-1]; last.AlertID != 7 || last.NeedsReply {
		t.Fatalf("list filter %+v", last)
	}
	if h := headerText(m); !strings.Contains(h, "[alert: Negative messages · PixelForge ✕]") {
		t.Fatalf("header %q", h)
	}
	press(t, m, "U")
	if last := src.filters[len(src.filters)-1]; last.AlertID != 7 || !last.Unread {
		t.Fatalf("a quick filter dropped the chip: %+v", last)
	}
	press(t, m, "esc")
	if last := src.filters[len(src.filters)-1]; last.AlertID != 0 || strings.Contains(headerText(m), "alert:") {
		t.Fatalf("esc kept the chip: %+v, header %q", last, headerText(m))
	}
}

// The Stats pane's enter: a post's comments under a chip, and a member's
// items as a query, both from the "all" quick filter.
func TestStatsJumps(t *testing.T) {
	src := fixtureSource()
	m := newTestModel(t, src, 120, 40)
	press(t, m, "n")
	send(t, m, common.ShowItemsMsg{PostID: 3, Label: "Patch 1.4.2 is out"})
	if last := src.filters[len(src.filters)-1]; last.PostID != 3 || last.NeedsReply {
		t.Fatalf("list filter %+v", last)
	}
	if h := headerText(m); !strings.Contains(h, "[post: Patch 1.4.2 is out ✕]") {
		t.Fatalf("header %q", h)
	}
	press(t, m, "n")
	send(t, m, common.ShowItemsMsg{Query: "author:@amelie_db"})
	if got := rowIDs(m); !slices.Equal(got, []int64{103, 102}) {
		t.Fatalf("rows %v, want the member's items", got)
	}
	if last := src.filters[len(src.filters)-1]; last.PostID != 0 || last.NeedsReply || last.AuthorID == 0 {
		t.Fatalf("member filter %+v: want the author, no chip, no quick filter", last)
	}
	press(t, m, "esc")
	if last := src.filters[len(src.filters)-1]; last.AuthorID != 0 {
		t.Fatalf("esc kept the member's filter: %+v", last)
	}
}

// A crisis adds a pin after the saved filters; one started from this deck
// is shown at once; it goes when the crisis ends.
func TestCrisisPins(t *testing.T) {
	saved := []common.SavedFilter{{Name: "Negative", Query: "sentiment:negative"}}
	m := newTestModelWith(t, fixtureSource(), 120, 40, func(c *common.Context) { c.SavedFilters = saved })
	bakery := common.Crisis{ClientID: int64(len("boulangerie")), Slug: "boulangerie", Name: "Boulangerie Émile", Since: time.Now()}
	send(t, m, common.CrisesMsg{Crises: []common.Crisis{bakery}})
	if bar := barText(m); !strings.HasSuffix(bar, "Negative  ⚠ crisis: Boulangerie Émile") {
		t.Fatalf("bar %q has no pin", bar)
	}
	if m.filter.saved != -1 {
		t.Fatal("a crisis seen from elsewhere switched the list")
	}
	send(t, m, common.CrisesMsg{Crises: []common.Crisis{bakery}, Started: bakery.ClientID})
	if h := headerText(m); !strings.HasPrefix(h, "⚠ crisis: Boulangerie Émile") || m.filter.saved != 1 {
		t.Fatalf("header %q, saved %d", h, m.filter.saved)
	}
	if q := m.filter.effective(); q.ClientID != bakery.ClientID || !q.NeedsReply {
		t.Fatalf("pin filter %+v", q)
	}
	if len(m.list.win.rows) == 0 {
		t.Fatal("the pin lists nothing")
	}
	for _, it := range m.list.win.rows {
		if it.ClientSlug != "boulangerie" || !it.NeedsReply {
			t.Fatalf("row %d is not the bakery's to reply to", it.ID)
		}
	}
	// [ and ] reach it like a saved filter.
	press(t, m, "[")
	if m.filter.saved != 0 {
		t.Fatalf("[ from the pin: saved %d", m.filter.saved)
	}
	press(t, m, "]")
	if m.filter.saved != 1 {
		t.Fatalf("] back to the pin: saved %d", m.filter.saved)
	}
	// The crisis ends: its pin goes, and the list with it.
	send(t, m, common.CrisesMsg{})
	if m.filter.saved != -1 || strings.Contains(barText(m), "crisis") {
		t.Fatalf("pin stayed: saved %d, bar %q", m.filter.saved, barText(m))
	}
}
