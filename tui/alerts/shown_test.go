package alerts

import (
	"strings"
	"testing"

	"cmdeck/tui/common"
)

// In the low-bandwidth mode the details keep the alert shown while the
// cursor moves (no read, no redraw of them); the first enter shows the
// cursor's alert, the next opens its items in the Inbox.
func TestLiteDetailsFollowEnter(t *testing.T) {
	p := newPane(t, &fakeSource{alerts: sampleAlerts(), items: sampleItems(), hours: burst}, 120, 30,
		func(c *common.Context) { c.Styles.Lite = true })
	first, _ := p.selected()
	reads := len(p.src.detail)
	before := p.detailLines(60, 20)
	p.press("j")
	cur, _ := p.selected()
	if shown, _ := p.shownAlert(); shown.ID != first.ID || cur.ID == first.ID {
		t.Fatalf("after j the details show %d (cursor on %d), want %d", shown.ID, cur.ID, first.ID)
	}
	if len(p.src.detail) != reads {
		t.Errorf("j read the details again: %v", p.src.detail)
	}
	if h := p.ShortHelp(); h[0].Help().Desc != "open" {
		t.Errorf("the help says enter does %q", h[0].Help().Desc)
	}
	after := p.detailLines(60, 20)
	// The hint goes on the first line: a line more would move every line
	// under it, and over SSH the whole block would be sent again.
	if !strings.Contains(after[0], "enter: the selected alert") || strings.Join(after[1:], "\n") != strings.Join(before[1:], "\n") {
		t.Errorf("details after j:\n%s\nbefore:\n%s", strings.Join(after, "\n"), strings.Join(before, "\n"))
	}
	p.press("enter")
	if shown, _ := p.shownAlert(); shown.ID != cur.ID || len(p.sent) != 0 || len(p.src.detail) != reads+1 {
		t.Fatalf("the first enter: details of %d, sent %v, reads %v", shown.ID, p.sent, p.src.detail)
	}
	p.press("enter")
	if len(p.sent) != 1 {
		t.Fatalf("the second enter sent %v, want the alert's items", p.sent)
	}
	// Out of the mode the details follow the cursor again.
	p.ctx.Styles.Lite = false
	p.press("j")
	now, _ := p.selected()
	if shown, _ := p.shownAlert(); shown.ID != now.ID {
		t.Errorf("out of the mode the details show %d, want the cursor's %d", shown.ID, now.ID)
	}
}
