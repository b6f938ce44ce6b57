package inbox

import (
	"errors"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"cmdeck/store"
	"cmdeck/tui/common"
)

// Layout thresholds: from sideWidth cells the conversation sits beside the
// list (which gets listShare percent); below it, under the list. Under
// minThreadHeight rows there is no room for a conversation at all.
const (
	sideWidth       = 120
	listShare       = 55
	minThreadHeight = 8
)

// layout is where the list and the conversation go.
type layout struct {
	side             bool
	listW, listH     int // the list block, header line included
	threadW, threadH int // the conversation block, title line included; 0 = hidden
}

func (m *Model) layout() layout {
	w, h := m.width, m.height
	switch {
	case w >= sideWidth:
		lw := w * listShare / 100
		return layout{side: true, listW: lw, listH: h, threadW: w - lw - 1, threadH: h}
	case h < minThreadHeight:
		return layout{listW: w, listH: h}
	}
	lh := h / 2
	return layout{listW: w, listH: lh, threadW: w, threadH: h - lh}
}

// listRows is how many rows of items the list shows (under its header).
func (l layout) listRows() int { return max(l.listH-1, 0) }

// convRows is how many conversation lines show under the title and the
// selection's author card (whose height depends on the width).
func (m *Model) convRows(sel store.ItemView, lay layout) int {
	if lay.threadH == 0 {
		return 0
	}
	return max(lay.threadH-1-len(m.cardLines(sel, lay.threadW)), 0)
}

// View draws the pane at exactly the size last given to SetSize. Each block
// is built from lines already fitted to its width, so nothing is measured
// twice (measuring styled text is most of a frame's cost).
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	lay := m.layout()
	now := m.clock.Now()
	list := block(m.listLines(lay.listW, lay.listH, now), lay.listW, lay.listH)
	if lay.threadH == 0 {
		return strings.Join(list, "\n")
	}
	thread := m.convMemo.get(m.convKey(lay, now), func() []string {
		return block(m.threadLines(lay.threadW, lay.threadH, now), lay.threadW, lay.threadH)
	})
	if !lay.side {
		return strings.Join(append(list, thread...), "\n")
	}
	bar := m.styles.Subtle.Render("│")
	lines := make([]string, m.height)
	for i := range lines {
		lines[i] = list[i] + bar + thread[i]
	}
	return strings.Join(lines, "\n")
}

// block makes exactly h lines of lines already w cells wide: blank lines
// below, extra lines dropped.
func block(lines []string, w, h int) []string {
	out := make([]string, h)
	n := copy(out, lines)
	blank := strings.Repeat(" ", w)
	for i := n; i < h; i++ {
		out[i] = blank
	}
	return out
}

// listLines is the header and the visible rows, or the state the list is
// in, each line w cells wide.
func (m *Model) listLines(w, h int, now time.Time) []string {
	lines := []string{m.header(w)}
	win := &m.list.win
	switch {
	case len(win.rows) == 0 && m.list.err != nil:
		return append(lines, m.wrapped(m.listError(), w, m.styles.Negative)...)
	case len(win.rows) == 0 && m.list.loaded && win.atBottom:
		lines = append(lines, common.Fit("", w))
		lines = append(lines, m.wrapped(m.t.T("inbox.empty"), w, m.styles.Bold)...)
		return append(lines, m.wrapped(m.t.T("inbox.empty.hint"), w, m.styles.Muted)...)
	case len(win.rows) == 0:
		return append(lines, common.Fit(m.styles.Muted.Render(m.t.T("inbox.loading")), w))
	}
	cols := layoutColumns(w)
	end := min(win.offset+max(h-1, 0), len(win.rows))
	for i := win.offset; i < end; i++ {
		it := win.rows[i]
		k := rowKey{id: it.ID, selected: i == win.cursor, fresh: m.list.fresh[it.ID], width: w,
			minute: now.Unix() / 60}
		lines = append(lines, m.rowCache.get(k, m.styles, m.t, 4*m.list.maxRows(), func() string {
			return m.renderRow(it, cols, w, k.selected, k.fresh, now)
		}))
	}
	return lines
}

// header is the list's first line: what is listed (and its state) on the
// left, the position on the right.
func (m *Model) header(w int) string {
	s, t := m.styles, m.t
	left := s.Header.Render(t.T("inbox.filter.all"))
	if n := len(m.list.fresh); n > 0 {
		left += s.Muted.Render(" · ") + s.Accent.Render(t.T("inbox.fresh", n))
	}
	switch {
	case m.list.err != nil && len(m.list.win.rows) > 0:
		left += s.Muted.Render(" · ") + s.Negative.Render("⚠ "+t.T("inbox.err.short"))
	case m.list.busy && m.list.loaded:
		left += s.Muted.Render(" · " + t.T("inbox.loading"))
	}
	right := s.Muted.Render(m.position())
	space := w - lipgloss.Width(right) - 1
	if right == "" || space < lipgloss.Width(left) {
		return common.Fit(left, w) // the list's state matters more than the number
	}
	return common.Fit(left, space) + " " + right
}

// position is "12 / 4,312"; "…" stands for what is not known yet.
func (m *Model) position() string {
	t := m.t
	sep := t.T("inbox.thousands_sep")
	total := t.T("inbox.unknown")
	if m.list.total >= 0 {
		total = groupDigits(m.list.total, sep)
	}
	if len(m.list.win.rows) == 0 {
		return "" // nothing selected: the list area says why
	}
	cur := t.T("inbox.unknown")
	if n, ok := m.list.win.absolute(m.list.total); ok {
		if m.list.total >= 0 {
			n = min(n, max(m.list.total, 1))
		}
		cur = groupDigits(n, sep)
	}
	return t.T("inbox.position", cur, total)
}

// listError says what failed and what to do.
func (m *Model) listError() string {
	return m.t.T("inbox.err.list", m.errText(m.list.err))
}

// errText is an error for the user: the catalog's words for the errors the
// pane knows, the error itself otherwise (store errors carry no secrets).
func (m *Model) errText(err error) string {
	if errors.Is(err, errNoSource) {
		return m.t.T("inbox.err.nosource")
	}
	return flatten(err.Error())
}

// wrapped wraps a message to w cells in a style, each line w wide.
func (m *Model) wrapped(text string, w int, style lipgloss.Style) []string {
	var out []string
	for _, l := range wrapText(text, w) {
		out = append(out, common.Fit(style.Render(l), w))
	}
	return out
}

// threadLines is the conversation block: a title rule, the author card and
// the conversation, scrolled to the selection (or where the user put it),
// each line w cells wide.
func (m *Model) threadLines(w, h int, now time.Time) []string {
	lines := []string{m.threadTitle(w)}
	sel, ok := m.list.win.selected()
	if !ok {
		if m.list.loaded {
			lines = append(lines, common.Fit(m.styles.Muted.Render(m.t.T("inbox.thread.none")), w))
		}
		return lines
	}
	lines = append(lines, m.cardLines(sel, w)...)
	rows := max(h-len(lines), 0)
	if m.thread.err != nil {
		msg := m.t.T("inbox.thread.err", m.errText(m.thread.err))
		return append(lines, m.wrapped(msg, w, m.styles.Negative)...)
	}
	conv, from, to := m.conversation(sel, w, now)
	off := autoOffset(from, to, len(conv), rows)
	if off < from && conv[off] == "" {
		off++ // do not start on the blank line between two messages
	}
	if m.thread.focused {
		off = max(min(m.thread.offset, len(conv)-rows), 0)
	}
	for _, l := range conv[off:min(off+rows, len(conv))] {
		lines = append(lines, common.Fit(l, w))
	}
	return lines
}

// threadTitle is a rule naming the block; it lights up with the focus.
func (m *Model) threadTitle(w int) string {
	title := m.t.T("inbox.thread.title")
	style := m.styles.Subtle
	if m.thread.focused {
		title = m.t.T("inbox.thread.focused")
		style = m.styles.Accent
	}
	text := "─ " + title + " "
	if fill := w - lipgloss.Width(text); fill >= 0 {
		return style.Render(text + strings.Repeat("─", fill))
	}
	return style.Render(common.Fit(text, w))
}
