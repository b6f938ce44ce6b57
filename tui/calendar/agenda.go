package calendar

import (
	"fmt"
	"strings"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// The agenda: the month's posts as a list under day headings, read a page
// at a time (keyset) as the cursor goes down.

// agendaColumns are the cell widths of a row at the pane's width; a zero
// hides the column. The body takes what is left.
type agendaColumns struct {
	client, account, status, body, metrics int
	labels                                 bool // status as mark + word
}

// minBody is the body width below which other columns give up their room.
const minBody = 20

func (m *Model) agendaColumns() agendaColumns {
	w := m.width
	c := agendaColumns{status: 1, labels: m.ctx.Styles.Palette.NoColor || w >= 120}
	if c.labels {
		c.status = 12
	}
	switch {
	case w >= 120:
		c.client, c.account, c.metrics = 18, 26, 14
	case w >= 100:
		c.client, c.account, c.metrics = 14, 20, 14
	case w >= 70:
		c.client, c.account, c.metrics = 12, 14, 14
	default:
		c.client = min(10, max(w/6, 4))
	}
	// prefix(2) + time(5), then a space before each shown column.
	used := 7
	for _, cw := range []int{c.client, c.account, c.status, c.metrics} {
		if cw > 0 {
			used += cw + 1
		}
	}
	c.body = w - used - 1
	for _, col := range []*int{&c.metrics, &c.account} {
		if c.body < minBody && *col > 0 {
			c.body += *col + 1
			*col = 0
		}
	}
	c.body = max(c.body, 1)
	return c
}

// agendaLines draws the visible part of the agenda in h rows.
func (m *Model) agendaLines(h int) []string {
	if !m.current() {
		return []string{"", m.ctx.Styles.Muted.Render(m.ctx.T.T("panes.loading"))}
	}
	d := &m.data
	if len(d.posts) == 0 {
		return m.emptyAgenda()
	}
	selLine := 0
	for i, l := range d.lines {
		if l.post >= 0 && d.posts[l.post].ID == m.sel {
			selLine = i
		}
	}
	from := selLine
	if selLine > 0 && d.lines[selLine-1].post < 0 {
		from = selLine - 1 // the day's heading stays with its first post
	}
	m.agendaVP.Show(from, selLine, len(d.lines), h)
	end := min(m.agendaVP.Offset+h, len(d.lines))
	cols := m.agendaColumns()
	out := make([]string, 0, h)
	for _, l := range d.lines[m.agendaVP.Offset:end] {
		if l.post < 0 {
			out = append(out, m.dayHeading(l))
			continue
		}
		out = append(out, m.agendaRow(d.posts[l.post], cols))
	}
	return out
}

// emptyAgenda says the month has no post and how to plan one.
func (m *Model) emptyAgenda() []string {
	s, t := m.ctx.Styles, m.ctx.T
	out := []string{""}
	for _, l := range common.Wrap(t.T("calendar.agenda.empty", m.periodText()), m.width-4) {
		out = append(out, "  "+s.Bold.Render(l))
	}
	for _, l := range common.Wrap(t.T("calendar.agenda.empty_hint"), m.width-4) {
		out = append(out, "  "+s.Muted.Render(l))
	}
	return out
}

// dayHeading is "Today · Wednesday 12 March".
func (m *Model) dayHeading(l agendaLine) string {
	t, s := m.ctx.T, m.ctx.Styles
	text := common.LongDate(t, l.day)
	switch {
	case sameDay(l.day, m.today, m.ctx.Loc):
		return s.Title.Render(t.T("calendar.today") + " · " + text)
	case sameDay(l.day, m.today.AddDate(0, 0, 1), m.ctx.Loc):
		text = t.T("calendar.tomorrow") + " · " + text
	case sameDay(l.day, m.today.AddDate(0, 0, -1), m.ctx.Loc):
		text = t.T("calendar.yesterday") + " · " + text
	}
	return s.Header.Render(text)
}

// agendaRow is one post: time, client, account, status, text, figures.
func (m *Model) agendaRow(p store.PostView, c agendaColumns) string {
	s := m.ctx.Styles
	selected := p.ID == m.sel
	prefix := "  "
	if selected {
		prefix = "› "
	}
	body := common.OneLine(p.Body)
	if failing(p.Status) && p.Error != "" {
		body = s.Negative.Render(common.OneLine(p.Error)) + " · " + body
	}
	cells := []string{
		s.ClientStyle(p.ClientColor).Render(common.Fit(common.OneLine(p.ClientName), c.client)),
		s.Muted.Render(common.Fit(accountText(p), c.account)),
		m.statusCell(p, c),
		common.Fit(body, c.body),
		s.Muted.Render(common.FitRight(metrics(p.Post), c.metrics)),
	}
	widths := []int{c.client, c.account, c.status, c.body, c.metrics}
	text := prefix + p.At.In(m.ctx.Loc).Format("15:04") + " " + common.Columns(cells, widths)
	if selected {
		return s.CursorLine(text, "›", 2, m.width)
	}
	return text
}

// statusCell is the status's mark, with its word when labels are on.
func (m *Model) statusCell(p store.PostView, c agendaColumns) string {
	text, style := postMark(m.ctx.Styles, p)
	if c.labels {
		text += " " + m.postLabel(p)
	}
	return style.Render(common.Fit(text, c.status))
}

// metrics is "♥12 ⇄3 ↩4" for a published post, nothing otherwise.
func metrics(p core.Post) string {
	if p.Status != core.PostPublished {
		return ""
	}
	return fmt.Sprintf("♥%s ⇄%s ↩%s", common.Compact(p.Likes), common.Compact(p.Shares), common.Compact(p.Replies))
}

// postLine is the footer's account of a post: "◷ scheduled · Thu 13 Mar
// 09:00 · PixelForge Studio · Chirper @pixelforge · Live Q&A…".
func (m *Model) postLine(p store.PostView) string {
	s := m.ctx.Styles
	parts := []string{
		m.markedLabel(p, false),
		s.Bold.Render(m.when(p.At)),
		s.ClientStyle(p.ClientColor).Render(common.OneLine(p.ClientName)),
		s.Muted.Render(accountText(p)),
	}
	if failing(p.Status) && p.Error != "" {
		parts = append(parts, s.Negative.Render(common.OneLine(p.Error)))
	}
	parts = append(parts, common.OneLine(p.Body))
	return strings.Join(parts, s.Muted.Render(" · "))
}
