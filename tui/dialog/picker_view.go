package dialog

import (
	"slices"
	"strings"

	"charm.land/lipgloss/v2"

	"cmdeck/tui/common"
)

// View draws the box: title and count, the filter, the visible choices
// (or "no match"), the keys.
func (p *Picker) View() string {
	inner := innerWidth(p.width)
	lines := []string{p.header(inner), p.input.View()}
	if len(p.rows) == 0 {
		lines = append(lines, p.st.Muted.Render(p.t.T("dialog.picker.nomatch")))
	}
	end := min(p.view.Offset+p.maxRows, len(p.rows))
	for i := p.view.Offset; i < end; i++ {
		lines = append(lines, p.row(p.rows[i], i == p.sel, inner))
	}
	lines = append(lines, "", helpLine(p.st, p.ShortHelp()...))
	return frame(p.st, p.width, lines)
}

// header is the title on the left and "3 of 12" (or "no match") on the
// right.
func (p *Picker) header(inner int) string {
	count := p.t.T("dialog.picker.count", p.Matches(), len(p.opts))
	if p.Matches() == 0 && strings.TrimSpace(p.input.Value()) != "" {
		count = p.t.T("dialog.picker.nomatch")
	}
	cw := lipgloss.Width(count)
	title := common.OneLine(p.title)
	if inner-cw-1 < min(lipgloss.Width(title), 8) {
		return p.st.Title.Render(common.Fit(title, inner))
	}
	return p.st.Title.Render(common.Fit(title, inner-cw-1)) + " " + p.st.Muted.Render(count)
}

// row draws one choice: a cursor mark, the label with its matched letters
// highlighted, and the hint on the right when there is room.
func (p *Picker) row(r pickRow, selected bool, inner int) string {
	base, hit, hintStyle := lipgloss.NewStyle(), p.st.Accent.Bold(true).Underline(true), p.st.Muted
	mark := "  "
	if selected {
		base = p.st.Selected
		hit = p.st.Selected.Underline(true)
		hintStyle = p.st.Selected.Bold(false)
		mark = "› "
	}
	label, hint := p.custom(), p.t.T("dialog.picker.new")
	if r.opt >= 0 {
		label, hint = p.labels[r.opt], common.OneLine(p.opts[r.opt].Hint)
	}
	room := inner - 2
	lw, hw := lipgloss.Width(label), lipgloss.Width(hint)
	text := highlight(label, common.Fit(label, min(lw, room)), r.hits, base, hit)
	used := min(lw, room)
	if hint != "" && room-used >= min(hw, 6)+2 {
		hintW := min(hw, room-used-2)
		text += base.Render(strings.Repeat(" ", room-used-hintW)) + hintStyle.Render(common.Fit(hint, hintW))
		used = room
	}
	return base.Render(mark) + text + base.Render(strings.Repeat(" ", max(room-used, 0)))
}

// custom is the label of the typed-text choice.
func (p *Picker) custom() string {
	return "+ " + p.t.T("dialog.picker.custom", common.OneLine(strings.TrimSpace(p.input.Value())))
}

// highlight draws shown (label fitted to its column) with base, and the
// runes at the hits indexes with hit, one style run at a time. A hit past
// the cut (where shown no longer matches label) is not highlighted.
func highlight(label, shown string, hits []int, base, hit lipgloss.Style) string {
	orig := []rune(label)
	var b strings.Builder
	var run []rune
	runHit := false
	flush := func() {
		if len(run) == 0 {
			return
		}
		if runHit {
			b.WriteString(hit.Render(string(run)))
		} else {
			b.WriteString(base.Render(string(run)))
		}
		run = run[:0]
	}
	for i, r := range []rune(shown) {
		h := i < len(orig) && orig[i] == r && slices.Contains(hits, i)
		if h != runHit {
			flush()
			runHit = h
		}
		run = append(run, r)
	}
	flush()
	return b.String()
}
