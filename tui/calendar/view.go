package calendar

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"cmdeck/core"
	"cmdeck/tui/common"
)

// View draws the pane in exactly its size: a summary line, then the agenda.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	lines := []string{m.summary()}
	switch {
	case m.err != nil && !m.loaded:
		lines = append(lines, "", m.ctx.Styles.Negative.Render(m.ctx.T.T("panes.calendar.error", m.err)),
			m.ctx.Styles.Muted.Render(m.ctx.T.T("panes.error.retry")))
	case !m.loaded:
		lines = append(lines, "", m.ctx.Styles.Muted.Render(m.ctx.T.T("panes.loading")))
	default:
		lines = append(lines, m.list()...)
	}
	return common.Frame(lines, m.width, m.height)
}

// summary is the first line: the date range and the counts, plus a load
// error when there is older data still on screen.
func (m *Model) summary() string {
	t, s := m.ctx.T, m.ctx.Styles
	if !m.loaded {
		return s.Header.Render(m.Title())
	}
	a := m.agenda
	text := t.T("panes.calendar.summary", common.ShortDate(t, a.from),
		common.ShortDate(t, a.to.AddDate(0, 0, -1)), len(a.posts))
	if a.truncated {
		text += " " + t.T("panes.calendar.truncated", maxPosts)
	}
	out := s.Header.Render(text)
	if a.failed > 0 {
		out += s.Muted.Render(" · ") + s.Negative.Render("✗ "+t.T("panes.calendar.failed_count", a.failed))
	}
	// A failed reload keeps the last data on screen; the error goes first
	// so a narrow screen cuts the counts, not the error.
	if m.err != nil {
		out = s.Negative.Render("⚠ "+t.T("panes.calendar.error", m.err)) + s.Muted.Render(" · ") + out
	}
	return out
}

// list draws the visible agenda lines.
func (m *Model) list() []string {
	h := m.listHeight()
	if len(m.agenda.posts) == 0 {
		return m.empty()
	}
	m.vp.Clamp(len(m.agenda.lines), h)
	end := min(m.vp.Offset+h, len(m.agenda.lines))
	cols := m.columns()
	out := make([]string, 0, h)
	for _, ln := range m.agenda.lines[m.vp.Offset:end] {
		switch ln.kind {
		case lineDay:
			out = append(out, m.heading(ln))
		case lineEmpty:
			out = append(out, "  "+m.ctx.Styles.Muted.Render(m.ctx.T.T("panes.calendar.nothing_today")))
		case linePost:
			out = append(out, m.row(ln.post, cols))
		}
	}
	return out
}

// empty explains what will appear here once there are posts.
func (m *Model) empty() []string {
	t, s := m.ctx.T, m.ctx.Styles
	a := m.agenda
	out := []string{""}
	for _, l := range common.Wrap(t.T("panes.calendar.empty", common.ShortDate(t, a.from), common.ShortDate(t, a.to.AddDate(0, 0, -1))), m.width-4) {
		out = append(out, "  "+s.Bold.Render(l))
	}
	for _, l := range common.Wrap(t.T("panes.calendar.empty_hint"), m.width-4) {
		out = append(out, "  "+s.Muted.Render(l))
	}
	return out
}

// heading is a day line: "Today · Monday 3 March".
func (m *Model) heading(ln line) string {
	t := m.ctx.T
	if ln.day.IsZero() {
		return m.ctx.Styles.Header.Render(t.T("panes.calendar.unscheduled"))
	}
	text := common.LongDate(t, ln.day)
	today := m.agenda.today
	switch {
	case ln.day.Equal(today):
		text = t.T("panes.calendar.today") + " · " + text
	case ln.day.Equal(today.AddDate(0, 0, 1)):
		text = t.T("panes.calendar.tomorrow") + " · " + text
	case ln.day.Equal(today.AddDate(0, 0, -1)):
		text = t.T("panes.calendar.yesterday") + " · " + text
	}
	style := m.ctx.Styles.Header
	if ln.day.Equal(m.agenda.today) {
		style = m.ctx.Styles.Title
	}
	return style.Render(text)
}

// columns are the cell widths of a post row at the pane's width; a zero
// width hides the column. The body takes what is left.
type columns struct {
	client, account, status, body, metrics int
	labels                                 bool // status as mark + word
	network                                bool // account as "network @handle"
}

// minBody is the body width below which other columns give up their room.
const minBody = 20

func (m *Model) columns() columns {
	w := m.width
	c := columns{status: 1, labels: m.ctx.Styles.Palette.NoColor || w >= 120, network: w >= 100}
	if c.labels {
		c.status = 12
	}
	switch {
	case w >= 120:
		c.client, c.account, c.metrics = 16, 24, 14
	case w >= 100:
		c.client, c.account, c.metrics = 14, 20, 14
	case w >= 70:
		c.client, c.account, c.metrics = 12, 12, 14
	default:
		c.client = min(10, max(w/6, 4))
	}
	c.body = w - c.used() - 1
	// Metrics, then the account, make way for the text of the post.
	for _, col := range []*int{&c.metrics, &c.account} {
		if c.body < minBody && *col > 0 {
			c.body += *col + 1
			*col = 0
		}
	}
	c.body = max(c.body, 1)
	return c
}

// used is the width of everything but the body: prefix(2) + time(5), then
// one space before each shown column.
func (c columns) used() int {
	used := 2 + 5
	for _, cw := range []int{c.client, c.account, c.status, c.metrics} {
		if cw > 0 {
			used += cw + 1
		}
	}
	return used
}

// row draws one post: time, client, account, status, body, figures.
func (m *Model) row(i int, c columns) string {
	e := m.agenda.posts[i]
	s := m.ctx.Styles
	selected := i == m.cursor
	prefix := "  "
	if selected {
		prefix = "› "
	}
	when := "--:--"
	if !e.at.IsZero() {
		when = e.at.Format("15:04")
	}
	client := e.client.Name
	if client == "" {
		client = e.account.ClientSlug
	}
	account := e.account.Handle
	if c.network || account == "" {
		account = strings.TrimSpace(e.account.Network + " " + e.account.Handle)
	}
	body := common.OneLine(e.post.Body)
	if e.post.Status == core.PostFailed && e.post.Error != "" {
		body = s.Negative.Render(common.OneLine(e.post.Error)) + " · " + body
	}
	cells := []string{
		s.ClientStyle(e.client.Color).Render(common.Fit(common.OneLine(client), c.client)),
		s.Muted.Render(common.Fit(common.OneLine(account), c.account)),
		m.status(e.post.Status, c),
		common.Fit(body, c.body),
		s.Muted.Render(common.FitRight(metrics(e.post), c.metrics)),
	}
	widths := []int{c.client, c.account, c.status, c.body, c.metrics}
	text := prefix + when + " " + common.Columns(cells, widths)
	if selected {
		// One bar in the selection style: the cells' own styles would
		// break reverse video (NoColor) with their resets.
		return s.Selected.Render(common.Fit(ansi.Strip(text), m.width))
	}
	return text
}

// status is the post's mark, with its word when labels are on.
func (m *Model) status(st core.PostStatus, c columns) string {
	s := m.ctx.Styles
	mark, style, label := "?", s.Muted, string(st)
	switch st {
	case core.PostDraft:
		mark, style = "✎", s.Muted
	case core.PostScheduled:
		mark, style = "◷", s.Info
	case core.PostPublishing:
		mark, style = "↻", s.Warning
	case core.PostPublished:
		mark, style = "✓", s.Positive
	case core.PostFailed:
		mark, style = "✗", s.Negative
	}
	if mark != "?" {
		label = m.ctx.T.T("panes.calendar.status." + string(st))
	}
	text := mark
	if c.labels {
		text = mark + " " + label
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
