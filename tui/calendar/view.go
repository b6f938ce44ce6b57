package calendar

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"cmdeck/tui/common"
	"cmdeck/tui/dialog"
)

// View draws the pane in exactly its size: a header (the views, the
// period, the filter and counts), the view, and a footer (what a key did,
// else the selected post or day). The composer takes the whole pane;
// the details and dialogs are drawn over it.
func (m *Model) View() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	if m.composer != nil {
		return m.composer.View()
	}
	lines := []string{m.header()}
	body := m.bodyHeight()
	switch {
	case m.err != nil && !m.data.loaded:
		lines = append(lines, "", m.ctx.Styles.Negative.Render(m.ctx.T.T("calendar.error", m.err)),
			m.ctx.Styles.Muted.Render(m.ctx.T.T("panes.error.retry")))
	case !m.data.loaded:
		lines = append(lines, "", m.ctx.Styles.Muted.Render(m.ctx.T.T("panes.loading")))
	case m.view == viewWeek:
		lines = append(lines, m.weekLines(body)...)
	case m.view == viewMonth:
		lines = append(lines, m.monthLines(body)...)
	default:
		lines = append(lines, m.agendaLines(body)...)
	}
	for len(lines) < h-1 {
		lines = append(lines, "")
	}
	if h > 1 {
		lines = append(lines[:h-1], m.footer())
	}
	screen := common.Frame(lines, w, h)
	if box := m.detailsBox(); box != "" {
		screen = dialog.Place(screen, box, w, h)
	}
	if m.dialog != nil {
		screen = dialog.Place(screen, m.dialog.View(), w, h)
	}
	return screen
}

// bodyHeight is the rows between the header and the footer.
func (m *Model) bodyHeight() int { return max(m.height-2, 0) }

// tabsFrom is the width from which the header lists every view; below
// it names the one shown, so the period keeps its room.
const tabsFrom = 100

// header is "[Week] Month Agenda · wk 11 · 10 – 16 Mar 2025" on the left,
// the filter and counts on the right.
func (m *Model) header() string {
	s := m.ctx.Styles
	var tabs []string
	for v, name := range viewNames {
		label := m.ctx.T.T("calendar.view." + name)
		switch {
		case viewKind(v) == m.view:
			tabs = append(tabs, s.TabActive.Render("["+label+"]"))
		case m.width >= tabsFrom:
			tabs = append(tabs, s.TabInactive.Render(label))
		}
	}
	left := strings.Join(tabs, " ") + s.Muted.Render(" · ") + s.Header.Render(m.periodText())
	return spread(left, m.summary(), m.width)
}

// periodText names the period shown: "10 – 16 Mar 2025", "March 2025".
func (m *Model) periodText() string {
	t, loc := m.ctx.T, m.ctx.Loc
	from, to := period(m.view, m.at, loc)
	if m.view != viewWeek {
		first := monthStart(m.at, loc)
		return capitalize(t.T(fmt.Sprintf("panes.common.month.%d", int(first.Month()))) + fmt.Sprintf(" %d", first.Year()))
	}
	last := to.AddDate(0, 0, -1)
	_, week := from.ISOWeek()
	if from.Month() == last.Month() {
		return t.T("calendar.period.week", week, fmt.Sprintf("%d", from.Day()), common.ShortDate(t, last), last.Year())
	}
	return t.T("calendar.period.week", week, common.ShortDate(t, from), common.ShortDate(t, last), last.Year())
}

// capitalize upper-cases the first letter ("mars 2025" → "Mars 2025").
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// summary is the filter, how many posts the period holds, and how many
// failed, with a mark while a load runs and the error of a failed reload.
func (m *Model) summary() string {
	s, t := m.ctx.Styles, m.ctx.T
	var parts []string
	if m.filtered() || m.width >= tabsFrom {
		parts = append(parts, m.filterText())
	}
	if m.current() {
		total, failed := m.counts()
		count := common.Plural(t, "calendar.posts", total)
		if m.data.more || m.data.truncated {
			count = t.T("calendar.posts.more", total)
		}
		parts = append(parts, s.Muted.Render(count))
		if failed > 0 {
			parts = append(parts, s.Negative.Render("✗ "+common.Plural(t, "calendar.failed", failed)))
		}
	}
	out := strings.Join(parts, s.Muted.Render(" · "))
	if m.loading {
		out = s.Muted.Render("↻ ") + out
	}
	if m.err != nil && m.data.loaded {
		out = s.Negative.Render("⚠ "+t.T("calendar.error.short")) + s.Muted.Render(" · ") + out
	}
	return out
}

// counts is how many posts the period holds, and how many failed.
func (m *Model) counts() (total, failed int) {
	if m.view == viewMonth {
		for _, d := range m.data.days {
			total += d.Total
			for st, n := range d.ByStatus {
				if failing(st) {
					failed += n
				}
			}
		}
		return total, failed
	}
	for _, p := range m.data.posts {
		if failing(p.Status) {
			failed++
		}
	}
	return len(m.data.posts), failed
}

// filtered reports that a client or an account is picked.
func (m *Model) filtered() bool { return m.filter.client != 0 || m.filter.account != 0 }

// filterText names the filter: every client, a client, or an account.
func (m *Model) filterText() string {
	s, t := m.ctx.Styles, m.ctx.T
	if !m.filtered() {
		return s.Muted.Render(t.T("calendar.filter.all"))
	}
	var parts []string
	for _, c := range m.dir.clients {
		if c.ID == m.filter.client {
			parts = append(parts, s.ClientStyle(c.Color).Render(common.OneLine(c.Name)))
		}
	}
	for _, a := range m.dir.accounts {
		if a.Account.ID == m.filter.account {
			parts = append(parts, s.Accent.Render(common.OneLine(a.Account.Network+" "+a.Account.Handle)))
		}
	}
	return strings.Join(parts, s.Muted.Render(" · "))
}

// footer is the notice, else what is under the cursor.
func (m *Model) footer() string {
	s := m.ctx.Styles
	if m.notice.text != "" {
		if m.notice.bad {
			return s.Negative.Render(m.notice.text)
		}
		return s.Info.Render(m.notice.text)
	}
	if m.err != nil && m.data.loaded {
		return s.Negative.Render("⚠ " + m.ctx.T.T("calendar.error", m.err))
	}
	switch {
	case !m.current():
		return ""
	case m.view == viewMonth:
		return m.dayFooter()
	}
	if p, ok := m.selected(); ok {
		return m.postLine(*p)
	}
	if m.view == viewWeek {
		return s.Muted.Render(m.ctx.T.T("calendar.footer.empty_hour", m.when(m.at)))
	}
	return ""
}

// spread puts left and right on one line of w cells, cutting left first.
func spread(left, right string, w int) string {
	rw := lipgloss.Width(right)
	if rw+1 >= w {
		return common.Fit(left, w)
	}
	return common.Fit(left, w-rw-1) + " " + right
}

// selectedBar draws text as one bar in the selection style: the cells'
// own styles would break reverse video (NO_COLOR) with their resets.
func (m *Model) selectedBar(text string, w int) string {
	return m.ctx.Styles.Selected.Render(common.Fit(ansi.Strip(text), w))
}

// columnWidths splits w cells into n columns, the leftover going to the
// first ones, so a grid always fills its width exactly.
func columnWidths(w, n int) []int {
	out := make([]int, n)
	if n == 0 {
		return out
	}
	base, extra := w/n, w%n
	for i := range out {
		out[i] = base
		if i < extra {
			out[i]++
		}
	}
	return out
}
