package inbox

import (
	"errors"
	"slices"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
	"cmdeck/tui/dialog"
)

// Layout thresholds: from sideWidth cells the conversation sits beside the
// list (which gets listShare percent); below it, under the list. Under
// minThreadHeight rows there is no room for a conversation at all. The
// filter bar takes the top line from minBarHeight rows.
const (
	sideWidth       = 120
	listShare       = 55
	minThreadHeight = 8
	minBarHeight    = 3
)

// While the composer is open under a narrow screen's thread, the list
// keeps its header and at least composeListRows rows, and the thread
// aims at composeThreadRows lines (title, card, a few messages). On a
// short screen the thread comes first (the message being answered
// matters more than the list), the list keeping minComposeListRows.
const (
	composeListRows    = 5
	minComposeListRows = 2
	composeThreadRows  = 7
)

// layout is where the filter bar, the list, the conversation and the
// composer go.
type layout struct {
	bar              bool // the filter bar on the top line
	side             bool
	listW, listH     int // the list block, header line included
	threadW, threadH int // the conversation block, title line included; 0 = hidden
	composeH         int // the composer, under the conversation, threadW wide; 0 = closed
}

func (m *Model) layout() layout {
	w, h := m.width, m.height
	lay := layout{bar: h >= minBarHeight}
	if lay.bar {
		h--
	}
	composing := m.composer != nil
	switch {
	case w >= sideWidth:
		lw := w * listShare / 100
		lay.side, lay.listW, lay.listH, lay.threadW, lay.threadH = true, lw, h, w-lw-1, h
		if composing {
			lay.composeH = min(composerRows(h), h)
			lay.threadH = h - lay.composeH
		}
		return lay
	case composing:
		lay.composeH = composerRows(h)
		lay.listW, lay.threadW = w, w
		lay.listH = min(max(1+minComposeListRows, h-lay.composeH-composeThreadRows), max(h/2, 1+composeListRows), h)
		lay.composeH = min(lay.composeH, h-lay.listH)
		lay.threadH = h - lay.listH - lay.composeH
		return lay
	case h < minThreadHeight:
		lay.listW, lay.listH = w, h
		return lay
	}
	lh := h / 2
	lay.listW, lay.listH, lay.threadW, lay.threadH = w, lh, w, h-lh
	return lay
}

// composerRows is the composer's height in a body of h rows: about a
// third, between 7 (header, five lines of text, footer) and 10.
func composerRows(h int) int { return min(max(h/3, 7), 10) }

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
// twice (measuring styled text is most of a frame's cost). An open dialog
// is drawn over the middle.
func (m *Model) View() string {
	m.shown = true
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	lay := m.layout()
	now := m.clock.Now()
	var lines []string
	if lay.bar {
		lines = append(lines, m.filterBar(m.width))
	}
	list := block(m.listLines(lay.listW, lay.listH, now), lay.listW, lay.listH)
	right := m.rightLines(lay, now)
	switch {
	case len(right) == 0:
		lines = append(lines, list...)
	case !lay.side:
		lines = append(append(lines, list...), right...)
	default:
		bar := m.styles.Subtle.Render("│")
		for i := range list {
			lines = append(lines, list[i]+bar+right[i])
		}
	}
	out := strings.Join(lines, "\n")
	if m.dialog != nil {
		out = dialog.Place(out, m.dialog.View(), m.width, m.height)
	}
	return out
}

// rightLines is the conversation block and the composer under it, each
// line lay.threadW wide; none when neither shows.
func (m *Model) rightLines(lay layout, now time.Time) []string {
	var out []string
	if lay.threadH > 0 {
		out = m.convMemo.get(m.convKey(lay, now), func() []string {
			return block(m.threadLines(lay.threadW, lay.threadH, now), lay.threadW, lay.threadH)
		})
	}
	if lay.composeH > 0 && m.composer != nil {
		out = append(slices.Clip(out), block(common.SplitLines(m.composer.View()), lay.threadW, lay.composeH)...)
	}
	return out
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
		title, hint := m.emptyText()
		lines = append(lines, common.Fit("", w))
		lines = append(lines, m.wrapped(title, w, m.styles.Bold)...)
		return append(lines, m.wrapped(hint, w, m.styles.Muted)...)
	case len(win.rows) == 0:
		return append(lines, common.Fit(m.styles.Muted.Render(m.t.T("inbox.loading")), w))
	}
	cols := layoutColumns(w)
	end := min(win.offset+max(h-1, 0), len(win.rows))
	for i := win.offset; i < end; i++ {
		it := win.rows[i]
		k := rowKey{id: it.ID, selected: i == win.cursor, fresh: m.list.fresh[it.ID], width: w,
			minute: now.Unix() / 60, picked: m.sel.has(it.ID)}
		if a, ok := m.pending.mark(it.ID); ok {
			k.mark, k.failed = markText(a), a.State == core.ActionFailed
		}
		lines = append(lines, m.rowCache.get(k, m.styles, m.t, 4*m.list.maxRows(), func() string {
			return m.renderRow(it, cols, w, k, now)
		}))
	}
	return lines
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
	sel, ok := m.readingItem()
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
	if !m.showsCursor() {
		title = m.t.T("inbox.thread.other")
	}
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
