package inbox

import (
	tea "charm.land/bubbletea/v2"

	"cmdeck/tui/common"
)

// linkLines is how many lines the selected message's link may take in
// the conversation; o shows it whole.
const linkLines = 2

// linkAction copies (y) or opens (o) the link of the item under the
// cursor, whose conversation shows; the root does it. They only read, so
// they work in a read-only deck, and on the cursor's item whatever the
// bulk selection.
func (m *Model) linkAction(name string) tea.Cmd {
	cur, ok := m.list.win.selected()
	if !ok {
		m.notice = notice{text: m.t.T("inbox.nothing_selected")}
		return nil
	}
	if name == actCopy {
		return common.Copy(cur.URL, cur.Body)
	}
	return common.OpenLink(cur.URL)
}

// urlLines draws the selected message's link under its body, indented
// like it, as a hyperlink when the terminal draws them.
func (m *Model) urlLines(url, indent string, width int) []string {
	lines := common.LinkLines(m.styles.Accent, url, width-len(indent)-2, linkLines, m.ctx.Hyperlinks)
	for i, l := range lines {
		lines[i] = indent + "  " + l
	}
	return lines
}
