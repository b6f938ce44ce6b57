package inbox

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
)

func TestQuickFilters(t *testing.T) {
	tests := []struct {
		key    string
		header string
		ids    []int64
	}{
		{"n", "Needs a reply", []int64{103, 106}},
		{"U", "Unread messages", []int64{103, 105, 113}},
		{"E", "Done", []int64{108}},
		{"H", "Hidden & spam", []int64{109, 110}},
		{"A", "All messages", []int64{103, 104, 102, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114}},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			m := newTestModel(t, fixtureSource(), 80, 24)
			if tt.key == "A" {
				press(t, m, "n") // from another filter
			}
			press(t, m, tt.key)
			if got := rowIDs(m); !slices.Equal(got, tt.ids) {
				t.Errorf("rows %v, want %v", got, tt.ids)
			}
			if h := headerText(m); !strings.HasPrefix(h, tt.header) || !strings.HasSuffix(h, "/ "+itoa(len(tt.ids))) {
				t.Errorf("header %q, want %q and the count %d", h, tt.header, len(tt.ids))
			}
		})
	}
}

func itoa(n int) string { return groupDigits(n, ",") }

// The bar counts every quick filter and brackets the active one.
func TestFilterBarCounts(t *testing.T) {
	m := newTestModel(t, fixtureSource(), 80, 24)
	if got, want := barText(m), "Needs reply 2  Unread 3 [All 13] Done 1  Hidden & spam 2"; got != want {
		t.Errorf("bar %q, want %q", got, want)
	}
	press(t, m, "n")
	if got := barText(m); !strings.HasPrefix(got, "[Needs reply 2]") {
		t.Errorf("bar %q does not bracket the active filter", got)
	}
	// Too narrow for the long names: the short ones.
	m.SetSize(50, 24)
	if got := barText(m); !strings.HasPrefix(got, "[Reply 2] Unread 3  All 13") {
		t.Errorf("narrow bar %q", got)
	}
}

// Counts follow data changes while the pane is on screen, at most every
// countEvery, and one count at a time however many changes.
func TestCountsFollowDataChanges(t *testing.T) {
	src := fixtureSource()
	m := newTestModel(t, src, 80, 24)
	clock := m.clock.(*core.ManualClock)
	items := fixtureItems()
	for i := range items {
		if items[i].ID == 105 {
			items[i].State = core.StateRead
		}
	}
	src.setItems(items)
	unread := func() int { return m.filter.counts[quickUnread] }

	send(t, m, common.DataChangedMsg{Version: 2}) // another pane is on screen
	clock.Advance(time.Minute)
	send(t, m, common.TickMsg{Now: clock.Now()})
	if unread() != 3 {
		t.Fatalf("counted while hidden: unread %d", unread())
	}
	m.View() // on screen again: the next message counts
	send(t, m, common.TickMsg{Now: clock.Now()})
	if unread() != 2 {
		t.Fatalf("unread %d after the change, want 2", unread())
	}
	// Too soon after the last count: it waits.
	items[0].State = core.StateRead // 103
	src.setItems(items)
	m.View()
	send(t, m, common.DataChangedMsg{Version: 3})
	if unread() != 2 {
		t.Errorf("counted again within %s", countEvery)
	}
	clock.Advance(countEvery)
	m.View()
	send(t, m, common.TickMsg{Now: clock.Now()})
	if unread() != 1 {
		t.Errorf("unread %d once the interval passed, want 1", unread())
	}
}

// A recount held back by the interval comes by itself once it has passed,
// without waiting for a key: one timer, armed once.
func TestThrottledCountArmsOneTimer(t *testing.T) {
	src := fixtureSource()
	m := newTestModel(t, src, 80, 24)
	clock := m.clock.(*core.ManualClock)
	var waits []time.Duration
	m.filter.countWait = func(d time.Duration) tea.Cmd {
		waits = append(waits, d)
		return nil
	}
	m.View()
	send(t, m, common.DataChangedMsg{Version: 2}) // counts at once
	items := fixtureItems()
	items[0].State = core.StateRead
	src.setItems(items)
	before := m.filter.counts[quickUnread]
	m.View()
	send(t, m, common.DataChangedMsg{Version: 3}) // too soon: a timer
	m.View()
	send(t, m, common.DataChangedMsg{Version: 4}) // still too soon: no second timer
	if len(waits) != 1 || waits[0] <= 0 || waits[0] > countEvery {
		t.Fatalf("timers armed: %v, want one within %s", waits, countEvery)
	}
	clock.Advance(countEvery)
	m.View()
	send(t, m, countDueMsg{})
	if got := m.filter.counts[quickUnread]; got != before-1 {
		t.Fatalf("unread %d after the timer, want %d", got, before-1)
	}
}

func TestCountsRunOneAtATime(t *testing.T) {
	src := fixtureSource()
	f := newFilterState()
	first := f.countAll(src)
	if again := f.countAll(src); again != nil {
		t.Fatal("a second count started while one runs")
	}
	msg := first().(countsMsg)
	follow := f.applyCounts(msg, src)
	if follow == nil {
		t.Fatal("the stale count is not run again")
	}
	if next := f.applyCounts(follow().(countsMsg), src); next != nil || f.countBusy {
		t.Error("counting does not settle")
	}
	if f.counts[quickAll] != 13 {
		t.Errorf("all: %d", f.counts[quickAll])
	}
}

func TestFilterQueries(t *testing.T) {
	tests := []struct {
		name   string
		query  string
		ids    []int64
		header string
	}{
		{"client and kind", "client:boulangerie kind:review", []int64{107}, "All messages · client:boulangerie kind:review"},
		{"network", "network:mastodon.social", []int64{106, 107, 111, 114}, ""},
		{"account", "account:@kitsune_ramen", []int64{105, 110, 112}, ""},
		{"sentiment and state", "sentiment:negative state:done", []int64{108}, ""},
		{"needs", "needs:reply", []int64{103, 106}, ""},
		{"words", "galettes", []int64{111}, ""},
		{"author", "author:@amelie_db", []int64{103, 102}, ""},
		{"author by name", `author:"Lucas M."`, []int64{104}, ""},
		{"unknown client", "client:fourni", nil, `⚠ no client "fourni": try`},
		{"unknown field", "clent:x", nil, `⚠ "clent" is not a filter: use client`},
		{"bad kind", "kind:revew", nil, "⚠ kind:revew is unknown: try review"},
		{"unknown author", "author:@nobody", nil, `⚠ no author "@nobody"`},
	}
	all := []int64{103, 104, 102, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModel(t, fixtureSource(), 120, 40)
			send(t, m, common.RunActionMsg{Action: "inbox.filter", Args: tt.query})
			want := tt.ids
			if want == nil {
				want = all // a mistake leaves the list as it was
			}
			if got := rowIDs(m); !slices.Equal(got, want) {
				t.Errorf("rows %v, want %v", got, want)
			}
			if tt.header != "" && !strings.Contains(headerText(m), tt.header) {
				t.Errorf("header %q, want %q", headerText(m), tt.header)
			}
		})
	}
}

// A quick filter narrows a query further; states that exclude each other
// match nothing (rather than everything) and say how to get out.
func TestQuickFilterCombinesWithTheQuery(t *testing.T) {
	m := newTestModel(t, fixtureSource(), 80, 24)
	press(t, m, "n")
	send(t, m, common.RunActionMsg{Action: "inbox.filter", Args: "client:pixelforge"})
	if got := rowIDs(m); !slices.Equal(got, []int64{103}) {
		t.Errorf("needs reply + pixelforge: %v", got)
	}
	press(t, m, "E")
	send(t, m, common.RunActionMsg{Action: "inbox.filter", Args: "state:hidden"})
	if got := rowIDs(m); len(got) != 0 {
		t.Errorf("done + state:hidden shows %v", got)
	}
	if view := m.View(); !strings.Contains(view, "No message matches.") || !strings.Contains(view, "esc clears") {
		t.Errorf("empty filtered list does not say how to get out:\n%s", view)
	}
	press(t, m, "esc")
	if m.filter.query != "" || m.filter.quick != quickDone {
		t.Errorf("esc: query %q, quick %d; want the quick filter alone", m.filter.query, m.filter.quick)
	}
	if got := rowIDs(m); !slices.Equal(got, []int64{108}) {
		t.Errorf("after esc: %v", got)
	}
}

func TestSearch(t *testing.T) {
	src := fixtureSource()
	m := newTestModel(t, src, 80, 24)
	press(t, m, "/")
	if !m.Capturing() {
		t.Fatal("the search prompt does not capture keys")
	}
	typeText(t, m, "croissant")
	press(t, m, "enter")
	if got := rowIDs(m); !slices.Equal(got, []int64{107}) {
		t.Errorf("search rows %v", got)
	}
	if h := headerText(m); !strings.Contains(h, "/croissant") || !strings.HasSuffix(h, "1 / 1") {
		t.Errorf("header %q", h)
	}
	if f := src.filters[len(src.filters)-1]; f.Query != "croissant" || !f.IncomingOnly {
		t.Errorf("the store was asked %+v", f)
	}
	// / again starts from the search in force; esc in the list ends it.
	press(t, m, "/")
	if p, ok := m.dialog.(interface{ Value() string }); !ok || p.Value() != "croissant" {
		t.Errorf("the prompt does not start from the search")
	}
	press(t, m, "esc", "esc")
	if m.filter.search != "" || len(rowIDs(m)) != 13 {
		t.Errorf("esc left search %q, %d rows", m.filter.search, len(rowIDs(m)))
	}
	send(t, m, common.RunActionMsg{Action: "inbox.search", Args: "baguettes"})
	if got := rowIDs(m); !slices.Equal(got, []int64{106}) {
		t.Errorf(":search baguettes: %v", got)
	}
}

func TestSavedFilters(t *testing.T) {
	saved := []common.SavedFilter{
		{Name: "Bakery reviews", Query: "client:boulangerie kind:review"},
		{Name: "Negative", Query: "sentiment:negative"},
	}
	m := newTestModelWith(t, fixtureSource(), 120, 40, func(c *common.Context) { c.SavedFilters = saved })
	if bar := barText(m); !strings.HasSuffix(bar, "│ Bakery reviews  Negative") {
		t.Errorf("bar %q does not list the saved filters", bar)
	}
	steps := []struct {
		key    string
		header string
		ids    []int64
	}{
		{"]", "Bakery reviews", []int64{107}},
		{"]", "Negative", []int64{106, 108, 109}},
		{"]", "All messages", nil},
		{"[", "Negative", []int64{106, 108, 109}},
		{"[", "Bakery reviews", []int64{107}},
	}
	for _, s := range steps {
		press(t, m, s.key)
		if h := headerText(m); !strings.HasPrefix(h, s.header) {
			t.Errorf("%s: header %q, want %q", s.key, h, s.header)
		}
		if s.ids != nil && !slices.Equal(rowIDs(m), s.ids) {
			t.Errorf("%s: rows %v, want %v", s.key, rowIDs(m), s.ids)
		}
	}
	if bar := barText(m); !strings.Contains(bar, "[Bakery reviews]") || strings.Contains(bar, "[All") {
		t.Errorf("bar %q does not bracket the saved filter", bar)
	}
	// A quick filter is a tab of its own: it leaves the saved filter.
	press(t, m, "n")
	if m.filter.saved != -1 || m.filter.query != "" || !slices.Equal(rowIDs(m), []int64{103, 106}) {
		t.Errorf("n from a saved filter: saved %d, query %q, rows %v", m.filter.saved, m.filter.query, rowIDs(m))
	}
}

func TestNoSavedFiltersSaysWhereToAddThem(t *testing.T) {
	m := newTestModel(t, fixtureSource(), 80, 24)
	press(t, m, "]")
	if !strings.Contains(headerText(m), "No saved filters") {
		t.Errorf("header %q", headerText(m))
	}
}

// f offers the workspace's clients and networks, kinds, sentiments and
// tags; the choice is added to the query.
func TestFacetPicker(t *testing.T) {
	m := newTestModelWith(t, fixtureSource(), 80, 24, func(c *common.Context) { c.Tags = []string{"idea"} })
	labels := map[string]bool{}
	for _, o := range m.facetOptions() {
		labels[o.Label] = true
		if strings.HasPrefix(o.Hint, "inbox.") {
			t.Errorf("option %q has a raw hint %q", o.Label, o.Hint)
		}
	}
	for _, want := range []string{"client:kitsune", "network:mastodon.social", "kind:review", "sentiment:negative", "tag:idea", "is:snoozed", "needs:reply"} {
		if !labels[want] {
			t.Errorf("the picker lacks %q", want)
		}
	}
	press(t, m, "f")
	typeText(t, m, "client:kitsune")
	press(t, m, "enter")
	if got := rowIDs(m); !slices.Equal(got, []int64{105, 110, 112}) {
		t.Errorf("after picking client:kitsune: %v", got)
	}
	press(t, m, "f")
	typeText(t, m, "kind:review")
	press(t, m, "enter")
	if m.filter.query != "client:kitsune kind:review" || !slices.Equal(rowIDs(m), []int64{112}) {
		t.Errorf("query %q, rows %v", m.filter.query, rowIDs(m))
	}
}

// The store is always asked for incoming items only, and snoozed ones
// only when the query says so.
func TestStoreFilterShape(t *testing.T) {
	src := fixtureSource()
	m := newTestModel(t, src, 80, 24)
	send(t, m, common.RunActionMsg{Action: "inbox.filter", Args: "is:snoozed tag:bug"})
	f := src.filters[len(src.filters)-1]
	want := store.ItemFilter{IncomingOnly: true, Snoozed: true, Tag: "bug"}
	if f.IncomingOnly != want.IncomingOnly || f.Snoozed != want.Snoozed || f.Tag != want.Tag {
		t.Errorf("store filter %+v", f)
	}
}
