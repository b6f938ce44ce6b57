package inbox

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"cmdeck/tui/common"
)

func liteModel(t *testing.T, w, h int) *Model {
	t.Helper()
	return newTestModelWith(t, fixtureSource(), w, h, func(ctx *common.Context) { ctx.Styles.Lite = true })
}

// readingID is the item the reading pane shows, by its conversation.
func readingID(m *Model) int64 {
	it, _ := m.readingItem()
	return it.ID
}

// In the low-bandwidth mode the reading pane stays on the message opened
// while the cursor moves; the first enter shows the cursor's message, the
// next reads it (the conversation takes the keys); a reply shows the
// message answered.
func TestLiteReadingPaneFollowsEnter(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		m := liteModel(t, size[0], size[1])
		first, _ := m.list.win.selected()
		if readingID(m) != first.ID || m.thread.itemID != first.ID {
			t.Fatalf("%v: the pane shows %d (conversation of %d), want the first message %d",
				size, readingID(m), m.thread.itemID, first.ID)
		}
		before := ansi.Strip(m.View())
		press(t, m, "j")
		cur, _ := m.list.win.selected()
		if cur.ID == first.ID || readingID(m) != first.ID || m.thread.itemID != first.ID {
			t.Fatalf("%v: after j the cursor is on %d and the pane on %d (conversation %d), want it kept on %d",
				size, cur.ID, readingID(m), m.thread.itemID, first.ID)
		}
		if h := m.ShortHelp(); h[2].Help().Desc != "open" {
			t.Errorf("%v: the help says enter does %q", size, h[2].Help().Desc)
		}
		after := ansi.Strip(m.View())
		if !strings.Contains(after, "Conversation · enter: the selected message") {
			t.Errorf("%v: the pane's title does not say enter shows the cursor's message:\n%s", size, after)
		}
		if changed := changedLines(before, after); changed > 4 {
			t.Errorf("%v: j changed %d lines, want the two rows' gutters, the position and the title:\n%s",
				size, changed, after)
		}
		press(t, m, "enter")
		if readingID(m) != cur.ID || m.thread.itemID != cur.ID || m.thread.focused {
			t.Fatalf("%v: enter shows %d (conversation %d, focused %v), want %d unfocused",
				size, readingID(m), m.thread.itemID, m.thread.focused, cur.ID)
		}
		press(t, m, "enter")
		if !m.thread.focused {
			t.Errorf("%v: a second enter does not give the conversation the keys", size)
		}
		press(t, m, "esc", "j", "r")
		next, _ := m.list.win.selected()
		if m.composer == nil || readingID(m) != next.ID {
			t.Errorf("%v: r on %d: composer %v, pane on %d", size, next.ID, m.composer != nil, readingID(m))
		}
	}
}

// Out of the mode the pane follows the cursor again, and entering it
// keeps what the pane showed.
func TestLiteSwitch(t *testing.T) {
	m := liteModel(t, 120, 40)
	press(t, m, "j")
	m.styles.Lite = false
	press(t, m, "j")
	cur, _ := m.list.win.selected()
	if readingID(m) != cur.ID || m.thread.itemID != cur.ID {
		t.Fatalf("out of the mode the pane shows %d (conversation %d), want the cursor's %d", readingID(m), m.thread.itemID, cur.ID)
	}
	m.styles.Lite = true
	press(t, m, "k")
	if readingID(m) != cur.ID {
		t.Errorf("back in the mode the pane shows %d, want %d, what it showed", readingID(m), cur.ID)
	}
}

// In the mode the cursor's row keeps its colors and gets a mark in the
// gutter; out of it the row is one selection bar.
func TestLiteCursorRow(t *testing.T) {
	m := liteModel(t, 120, 40)
	line := strings.Split(m.View(), "\n")[2] // filter bar, header, first row
	if !strings.HasPrefix(ansi.Strip(line), "›") {
		t.Fatalf("first row %q lacks the cursor mark", ansi.Strip(line))
	}
	bar := m.styles.Selected.Render("x")
	if strings.Contains(line, bar[:strings.Index(bar, "x")]) {
		t.Errorf("the cursor row is drawn as a selection bar in the mode: %q", line)
	}
	m.styles.Lite = false
	line = strings.Split(m.View(), "\n")[2]
	if !strings.Contains(line, bar[:strings.Index(bar, "x")]) {
		t.Errorf("out of the mode the cursor row is not a selection bar: %q", line)
	}
}

// changedLines counts the lines that differ between two screens.
func changedLines(a, b string) int {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	n := 0
	for i := range max(len(al), len(bl)) {
		if i >= len(al) || i >= len(bl) || al[i] != bl[i] {
			n++
		}
	}
	return n
}

// Right after the mode is switched on, before any message reaches the
// pane, the reading pane still shows the cursor's message, not nothing.
func TestLiteSwitchShowsTheCursorsMessageAtOnce(t *testing.T) {
	m := newTestModelWith(t, fixtureSource(), 120, 40, nil)
	cur, _ := m.list.win.selected()
	m.styles.Lite = true
	if it, ok := m.readingItem(); !ok || it.ID != cur.ID {
		t.Fatalf("the pane shows %d (%v), want the cursor's %d", it.ID, ok, cur.ID)
	}
	if !strings.Contains(ansi.Strip(m.View()), "Conversation") || !m.showsCursor() {
		t.Errorf("the view right after the switch:\n%s", ansi.Strip(m.View()))
	}
}

// In the low-bandwidth mode the help bar names the same keys on every
// row: keys that follow the cursor's network would be sent at each move.
func TestLiteHelpBarIsTheSameOnEveryRow(t *testing.T) {
	m := newTestModelWith(t, fixtureSource(), 120, 40, func(ctx *common.Context) {
		ctx.Styles.Lite, ctx.Caps = true, fixtureCaps
	})
	keysOf := func() string {
		var out []string
		for _, b := range m.ShortHelp() {
			out = append(out, b.Help().Key)
		}
		return strings.Join(out, " ")
	}
	press(t, m, "j")
	first := keysOf()
	for range len(m.list.win.rows) - 2 {
		press(t, m, "j")
		if got := keysOf(); got != first {
			t.Fatalf("the help bar changed from %q to %q", first, got)
		}
	}
	m.styles.Lite = false
	full := map[string]bool{}
	press(t, m, "g")
	for range len(m.list.win.rows) {
		full[keysOf()] = true
		press(t, m, "j")
	}
	if len(full) < 2 {
		t.Errorf("out of the mode the bar should follow the networks: %v", full)
	}
}
