package inbox

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/tui/common"
)

// The screens, as text. Run `go test ./tui/inbox -update` after an
// intended change and review the diff of testdata/.
func TestGoldenScreens(t *testing.T) {
	saved := func(c *common.Context) {
		c.SavedFilters = []common.SavedFilter{{Name: "Bakery reviews", Query: "client:boulangerie kind:review"}, {Name: "Negative", Query: "sentiment:negative"}}
		c.Caps = fixtureCaps
	}
	pending := func(src *fakeSource) {
		src.actions = []core.Action{
			{ID: 1, ItemID: 104, Kind: core.ActHide, State: core.ActionPending},
			{ID: 2, ItemID: 103, Kind: core.ActReply, State: core.ActionPending, Payload: "La version PC arrive cet été !"},
			{ID: 3, ItemID: 105, Kind: core.ActReply, State: core.ActionFailed, Payload: "すぐに！", LastError: "rate limited"},
		}
	}
	tests := []struct {
		name   string
		w, h   int
		keys   []string
		adjust func(*common.Context)
		source func(*fakeSource)
	}{
		{name: "80x24", w: 80, h: 24},                                                 // list on top, thread below
		{name: "120x40", w: 120, h: 40, keys: []string{"j", "j", "j", "j"}},           // side by side, the long DM selected
		{name: "160x48", w: 160, h: 48, keys: []string{"j", "j", "enter"}},            // thread focused
		{name: "80x24_fr", w: 80, h: 24, keys: strings.Split("jjjjjjjjjj", "")},       // French, a CJK review
		{name: "80x24_focused", w: 80, h: 24, keys: []string{"enter", "k", "k", "k"}}, // thread scrolled to its top
		{name: "80x24_composer", w: 80, h: 24, keys: append([]string{"r"}, strings.Split("Merci !", "")...)},
		{name: "160x48_composer", w: 160, h: 48, keys: append([]string{"j", "j", "j", "j", "r"}, strings.Split("Bonjour", "")...)},
		{name: "80x24_selection", w: 80, h: 24, keys: []string{"space", "j", "j", "v", "j", "j"}, source: pending},
		{name: "120x40_pending", w: 120, h: 40, source: pending},
		{name: "120x40_saved", w: 120, h: 40, keys: []string{"]", "]"}, adjust: saved},
		{name: "80x24_needs_reply", w: 80, h: 24, keys: []string{"n"}},
		{name: "80x24_confirm", w: 80, h: 24, keys: []string{"D"}},
		{name: "80x24_snooze", w: 80, h: 24, keys: []string{"z"}},
		{name: "80x24_query_error", w: 80, h: 24, keys: append([]string{"f"}, append(strings.Split("client:fourni", ""), "enter")...)},
		{name: "80x24_gated", w: 80, h: 24, keys: []string{"j", "j", "j", "h"}, adjust: func(c *common.Context) { c.Caps = fixtureCaps }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := fixtureSource()
			if tt.source != nil {
				tt.source(src)
			}
			m := newTestModelWith(t, src, tt.w, tt.h, tt.adjust)
			if strings.HasSuffix(tt.name, "_fr") {
				m.t = i18n.New(i18n.FR)
				m.keys = DefaultKeyMap(m.t)
			}
			for _, k := range tt.keys {
				if k == " " {
					k = "space"
				}
				press(t, m, k)
			}
			view := m.View()
			checkSize(t, view, tt.w, tt.h)
			golden.RequireEqual(t, ansi.Strip(view))
		})
	}
}

// Whatever the size, palette or state, View is exactly w×h cells: the root
// stacks it without anything wrapping.
func TestViewFillsExactlyItsSize(t *testing.T) {
	sizes := [][2]int{{1, 1}, {10, 3}, {30, 5}, {40, 7}, {40, 8}, {80, 24}, {119, 30}, {120, 40}, {160, 48}, {250, 60}}
	palettes := map[string]common.Palette{"dark": common.DefaultPalette(true), "light": common.DefaultPalette(false), "nocolor": common.NoColorPalette()}
	states := map[string][]string{"top": nil, "scrolled": {"j", "j", "j", "j", "j", "j"}, "focused": {"enter", "j", "j"}, "bottom": {"G"},
		"composer": {"r", "a", "b"}, "confirm": {"D"}, "picker": {"z"}, "selection": {"v", "j", "j"}, "empty filter": {"E", "U"}}
	for _, size := range sizes {
		for pname, p := range palettes {
			for sname, keys := range states {
				t.Run(fmt.Sprintf("%dx%d/%s/%s", size[0], size[1], pname, sname), func(t *testing.T) {
					m := newTestModel(t, fixtureSource(), size[0], size[1])
					m.styles = common.NewStyles(p)
					press(t, m, keys...)
					checkSize(t, m.View(), size[0], size[1])
				})
			}
		}
	}
}

func checkSize(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), h, ansi.Strip(view))
	}
	for i, l := range lines {
		if got := lipgloss.Width(l); got != w {
			t.Fatalf("line %d is %d cells, want %d: %q", i, got, w, ansi.Strip(l))
		}
	}
}

// Rows line up whatever their text: the age column ends every row at the
// same cell, with emoji, CJK and accents in the bodies.
func TestRowsLineUp(t *testing.T) {
	m := newTestModel(t, fixtureSource(), 100, 40)
	lines := strings.Split(ansi.Strip(m.View()), "\n")
	for _, l := range lines[1:15] {
		if !strings.HasSuffix(strings.TrimRight(l, " "), "m") && !strings.HasSuffix(strings.TrimRight(l, " "), "h") && !strings.HasSuffix(strings.TrimRight(l, " "), "d") {
			continue // not a row
		}
		if got := ansi.StringWidth(l); got != 100 {
			t.Errorf("row is %d cells: %q", got, l)
		}
	}
	cols := layoutColumns(100)
	ageEnd := 100 - 1 // the age is right-aligned at the last cell
	for i, it := range m.list.win.rows {
		row := ansi.Strip(m.renderRow(it, cols, 100, rowKey{}, fakeEpoch))
		if ansi.StringWidth(row) != 100 || row[len(row)-1] == ' ' {
			t.Errorf("row %d does not end its age at cell %d: %q", i, ageEnd, row)
		}
	}
}

func TestSelectedRowIsHighlighted(t *testing.T) {
	tests := []struct {
		name string
		p    common.Palette
		want string // an SGR attribute the selected row must carry
	}{
		{"color", common.DefaultPalette(true), "48;2;"}, // a background color
		{"nocolor", common.NoColorPalette(), "7"},       // reverse video
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModel(t, fixtureSource(), 80, 24)
			m.styles = common.NewStyles(tt.p)
			row := strings.Split(m.View(), "\n")[2] // under the filter bar and the header
			if !strings.Contains(row, tt.want) {
				t.Errorf("selected row has no %q attribute: %q", tt.want, row)
			}
			other := strings.Split(m.View(), "\n")[3]
			if strings.Contains(other, "\x1b[7m") || strings.Contains(other, ";7m") {
				t.Errorf("an unselected row is reversed: %q", other)
			}
		})
	}
}

func TestLayoutColumnsDropByPriority(t *testing.T) {
	tests := []struct {
		width                        int
		client, network, author, age bool
	}{
		{200, true, true, true, true},
		{80, true, true, true, true},
		{66, true, false, true, true},
		{60, false, false, true, true}, // a phone: the words before the client
		{55, false, false, true, true},
		{45, false, false, true, true},
		{44, false, false, true, false},
		{30, false, false, false, false},
	}
	for _, tt := range tests {
		c := layoutColumns(tt.width)
		got := [4]bool{c.client > 0, c.network > 0, c.author > 0, c.age > 0}
		want := [4]bool{tt.client, tt.network, tt.author, tt.age}
		if got != want {
			t.Errorf("width %d: columns (client, network, author, age) %v, want %v", tt.width, got, want)
		}
		if c.body < minBody && tt.width >= prefixWidth+minBody {
			t.Errorf("width %d: body %d cells, under %d", tt.width, c.body, minBody)
		}
		row := layoutColumns(tt.width)
		total := prefixWidth + row.body
		for _, w := range []int{row.client, row.network, row.author, row.age} {
			if w > 0 {
				total += w + 1
			}
		}
		if total != tt.width && tt.width >= prefixWidth {
			t.Errorf("width %d: columns add up to %d", tt.width, total)
		}
	}
}

func TestSideBySideFromWideScreens(t *testing.T) {
	tests := []struct {
		w, h     int
		side     bool
		threadH  int
		listRows int
	}{
		// The filter bar takes the top line.
		{160, 48, true, 47, 46},
		{120, 40, true, 39, 38},
		{119, 40, false, 20, 18},
		{80, 24, false, 12, 10},
		{80, 7, false, 0, 5},
	}
	for _, tt := range tests {
		m := newTestModel(t, fixtureSource(), tt.w, tt.h)
		lay := m.layout()
		if lay.side != tt.side || lay.threadH != tt.threadH || lay.listRows() != tt.listRows {
			t.Errorf("%dx%d: side %v, thread %d, list rows %d; want %v, %d, %d",
				tt.w, tt.h, lay.side, lay.threadH, lay.listRows(), tt.side, tt.threadH, tt.listRows)
		}
	}
}

func TestCardWrapsFactsAndKeepsFlagsFirst(t *testing.T) {
	m := newTestModel(t, fixtureSource(), 120, 40)
	sel, _ := m.list.win.selected()
	tests := []struct {
		width int
		want  []string
	}{
		{80, []string{"Amélie Dubois @amelie_db · Chirper", "VIP · influencer · 12.3k followers · 14 messages to PixelForge Studio"}},
		{53, []string{"Amélie Dubois @amelie_db · Chirper", "VIP · influencer · 12.3k followers", "14 messages to PixelForge Studio"}},
	}
	for _, tt := range tests {
		var got []string
		for _, l := range m.cardLines(sel, tt.width) {
			got = append(got, strings.TrimRight(ansi.Strip(l), " "))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("width %d: card %q, want %q", tt.width, got, tt.want)
		}
	}
}
