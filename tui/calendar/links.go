package calendar

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"cmdeck/tui/common"
)

// linkRows is how many lines a post's link may take in its details; o
// shows it whole.
const linkRows = 3

// linkAction copies (y) or opens (o) the selected post's published link;
// copying a post without one copies its text. The root does both. They
// only read, so they work in a read-only deck.
func (m *Model) linkAction(act string) tea.Cmd {
	p, ok := m.selected()
	if !ok {
		m.notice = notice{text: m.ctx.T.T("calendar.notice.no_post")}
		return nil
	}
	if act == actCopy {
		return common.Copy(p.URL, p.Body)
	}
	return common.OpenLink(p.URL)
}

// linkDetail is the details' "Link:" line, the link wrapped under its
// label when long, drawn as a hyperlink when the terminal draws them;
// none without a link.
func (m *Model) linkDetail(url string, w int) []string {
	label := m.ctx.T.T("calendar.details.link") + " "
	lw := lipgloss.Width(label)
	lines := common.LinkLines(m.ctx.Styles.Accent, url, w-lw, linkRows, m.ctx.Hyperlinks)
	for i, l := range lines {
		if i == 0 {
			lines[i] = label + l
		} else {
			lines[i] = strings.Repeat(" ", lw) + l
		}
	}
	return lines
}
