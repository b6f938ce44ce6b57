package calendar

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"cmdeck/tui/common"
)

const postLink = "https://chirper.example/@pixelforge/1"

// linkMsgs presses k and returns the copy and open requests it made.
func linkMsgs(t *testing.T, m *Model, k string) []tea.Msg {
	t.Helper()
	_, cmd := m.Update(keyMsg(k))
	var out []tea.Msg
	for _, msg := range drain(t, m, cmd) {
		switch msg.(type) {
		case common.CopyMsg, common.OpenLinkMsg:
			out = append(out, msg)
		}
	}
	return out
}

// y copies the selected post's published link, or its text before it is
// published; o opens the link. Both only read: a read-only deck has them.
func TestCopyAndOpenLink(t *testing.T) {
	f := sample()
	m := newPane(t, f, 80, 21, func(c *common.Context) { c.ReadOnly = true })
	selectPost(t, m, 1)
	if got := linkMsgs(t, m, "y"); len(got) != 1 || got[0] != (common.CopyMsg{URL: postLink, Text: m.data.posts[m.postIndex(1)].Body}) {
		t.Fatalf("y on a published post: %#v", got)
	}
	if got := linkMsgs(t, m, "o"); len(got) != 1 || got[0] != (common.OpenLinkMsg{URL: postLink}) {
		t.Fatalf("o on a published post: %#v", got)
	}
	selectPost(t, m, 3)
	if got := linkMsgs(t, m, "y"); len(got) != 1 || got[0] != (common.CopyMsg{Text: "Taux du livret : ce qui change en avril"}) {
		t.Fatalf("y on a post without a link: %#v", got)
	}
	if got := linkMsgs(t, m, "o"); len(got) != 1 || got[0] != (common.OpenLinkMsg{}) {
		t.Fatalf("o on a post without a link: %#v (the deck says there is none)", got)
	}
	if len(f.dupes) != 0 {
		t.Fatal("y duplicated the post")
	}
	press(t, m, "m") // the month selects no post
	if got := linkMsgs(t, m, "y"); len(got) != 0 || !strings.Contains(footerText(m), "No post here") {
		t.Fatalf("y in the month: %#v, footer %q", got, footerText(m))
	}
}

// In the details, y and o act on their post and leave them open, and the
// help offers them when the post has a link.
func TestDetailsLink(t *testing.T) {
	m := newPane(t, sample(), 80, 21, nil)
	selectPost(t, m, 1)
	press(t, m, "enter")
	if m.details != 1 {
		t.Fatalf("details of %d open", m.details)
	}
	if !strings.Contains(text(m), "y copy link (or text) · o open link") {
		t.Errorf("details help lacks y and o:\n%s", text(m))
	}
	if got := linkMsgs(t, m, "y"); len(got) != 1 || got[0].(common.CopyMsg).URL != postLink || m.details != 1 {
		t.Fatalf("y in the details: %#v, details %d", got, m.details)
	}
	if got := linkMsgs(t, m, "o"); len(got) != 1 || got[0] != (common.OpenLinkMsg{URL: postLink}) || m.details != 1 {
		t.Fatalf("o in the details: %#v, details %d", got, m.details)
	}
}

// The details draw the published link as an OSC 8 hyperlink when the
// terminal draws them, as plain text otherwise; the text is the link.
func TestDetailsHyperlink(t *testing.T) {
	for _, on := range []bool{true, false} {
		m := newPane(t, sample(), 100, 30, func(c *common.Context) { c.Hyperlinks = on })
		selectPost(t, m, 1)
		press(t, m, "enter")
		view := m.View()
		if !strings.Contains(text(m), "Link: "+postLink) {
			t.Fatalf("hyperlinks %v: the link is not shown:\n%s", on, text(m))
		}
		if got := strings.Contains(view, "\x1b]8;;"+postLink); got != on {
			t.Errorf("hyperlinks %v: OSC 8 drawn = %v", on, got)
		}
		if !on && strings.Contains(view, "\x1b]8;") {
			t.Error("hyperlinks off: some OSC 8 was drawn")
		}
	}
}

// A long link wraps under its label instead of being cut at the box's
// edge.
func TestDetailsLongLink(t *testing.T) {
	long := "https://chirper.example/@pixelforge/1?" + strings.Repeat("campaign=printemps&", 5)
	m := newPane(t, sample(), 80, 30, nil)
	lines := m.linkDetail(long, 60)
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "Link: ") || !strings.HasPrefix(lines[1], "      ") {
		t.Fatalf("link lines %q", lines)
	}
	var got strings.Builder
	for _, l := range lines {
		got.WriteString(strings.TrimSpace(strings.TrimPrefix(ansi.Strip(l), "Link: ")))
	}
	if got.String() != long {
		t.Fatalf("the lines show %q, want the whole link", got.String())
	}
}
