package cmdline

import (
	"strings"

	"charm.land/lipgloss/v2"

	"cmdeck/tui/common"
)

// popupRows is the most matches the popup lists at once: enough to choose
// from, small enough to leave the pane readable on an 80×24 phone screen.
const popupRows = 8

// nameCap bounds the name column so a long name cannot squeeze out the
// descriptions.
const nameCap = 22

// View draws the block the root anchors at the bottom of the pane area:
// the popup (or the message) above the input line. The input line is the
// full width; the popup is as wide as it needs. It is never taller than
// the height given.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	line := common.Fit(m.input.View(), m.width)
	var above []string
	switch {
	case m.err != "":
		above = []string{m.st.Negative.Render(common.Fit("✗ "+common.OneLine(m.err), m.width))}
	case len(m.matches) > 0:
		above = m.popup(m.height - 1)
	}
	if len(above) > m.height-1 {
		above = nil
	}
	return strings.Join(append(above, line), "\n")
}

// popup draws the matches in a framed box of at most h lines, scrolled so
// the selected one shows.
func (m *Model) popup(h int) []string {
	rows := min(len(m.matches), popupRows, h-2)
	if rows <= 0 {
		return nil
	}
	more := len(m.matches) > rows
	if more && rows > 1 && rows+3 > h {
		rows-- // keep a line for the "more" footer
	}
	first := min(max(m.sel-rows+1, 0), len(m.matches)-rows)
	shown := m.matches[first : first+rows]

	nameW := 0
	for _, mt := range shown {
		nameW = max(nameW, lipgloss.Width(mt.value))
	}
	nameW = min(nameW, nameCap)
	inner := max(m.width-4, 1) // border and padding
	descW := 0
	for _, mt := range shown {
		descW = max(descW, lipgloss.Width(common.OneLine(mt.desc)))
	}
	w := min(nameW+2+descW, inner)

	lines := make([]string, 0, rows+1)
	for i, mt := range shown {
		lines = append(lines, m.row(mt, first+i == m.sel, nameW, w))
	}
	if more {
		footer := m.t.T("root.cmdline.more", len(m.matches)-rows)
		lines = append(lines, m.st.Subtle.Render(common.Fit(footer, w)))
	}
	box := m.st.Border.Padding(0, 1).Render(strings.Join(lines, "\n"))
	return common.SplitLines(box)
}

// row draws one match: the name with the typed letters highlighted, then
// its description, exactly w cells wide.
func (m *Model) row(mt match, selected bool, nameW, w int) string {
	base, hit, desc := m.st.App, m.st.HelpKey, m.st.Muted
	if selected {
		base = m.st.Selected
		hit, desc = base.Underline(true), base
	}
	name := common.Fit(mt.value, nameW)
	text := highlight(name, mt.hits, base, hit)
	if rest := w - nameW; rest > 2 {
		text += base.Render("  ") + desc.Render(common.Fit(common.OneLine(mt.desc), rest-2))
	} else {
		text = highlight(common.Fit(mt.value, w), mt.hits, base, hit)
	}
	return text
}

// highlight renders s with the runes at hits in hit style, the rest in
// base.
func highlight(s string, hits []int, base, hit lipgloss.Style) string {
	if len(hits) == 0 {
		return base.Render(s)
	}
	marked := make(map[int]bool, len(hits))
	for _, i := range hits {
		marked[i] = true
	}
	var b, run strings.Builder
	runHit := false
	flush := func() {
		if run.Len() == 0 {
			return
		}
		if runHit {
			b.WriteString(hit.Render(run.String()))
		} else {
			b.WriteString(base.Render(run.String()))
		}
		run.Reset()
	}
	for i, r := range []rune(s) {
		if marked[i] != runHit {
			flush()
			runHit = marked[i]
		}
		run.WriteRune(r)
	}
	flush()
	return b.String()
}
