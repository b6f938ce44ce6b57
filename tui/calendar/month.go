package calendar

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// The month: the whole weeks that hold it, a row of cells per week. A
// cell's first line is the day and how many posts it has; the lines under
// it are the day's first posts (mark and first words), the last one saying
// how many more there are. Only those first posts are read (MonthDays), so
// a month of thousands of posts draws as fast as an empty one.

// maxTitles bounds the titles read per day (the store's own cap is 20).
const maxTitles = 20

// monthWeeks is how many weeks the month grid of the cursor has.
func (m *Model) monthWeeks() int {
	from, to := period(viewMonth, m.at, m.ctx.Loc)
	return max((dayIndex(from, to.AddDate(0, 0, -1), m.ctx.Loc)+1)/7, 1)
}

// monthTitles is how many post titles a cell has room for, which is how
// many the month's load asks for per day.
func (m *Model) monthTitles() int {
	rows := (m.bodyHeight() - 1) / m.monthWeeks()
	return min(max(rows-1, 0), maxTitles)
}

// monthLines draws the month grid in h rows.
func (m *Model) monthLines(h int) []string {
	if h <= 0 {
		return nil
	}
	loc := m.ctx.Loc
	widths := columnWidths(m.width, 7)
	from, _ := period(viewMonth, m.at, loc)
	out := []string{m.weekdayHeadings(from, widths)}
	weeks := m.monthWeeks()
	rows := max((h-1)/weeks, 1)
	current := m.current()
	pt := m.newPaint()
	pt.sep = daySep(widths[len(widths)-1] - 1)
	for wk := range weeks {
		cells := make([][]string, 7)
		for d := range 7 {
			day := from.AddDate(0, 0, wk*7+d)
			var dc *store.DayCount
			if current {
				if i, ok := m.data.daysByDate[dateOf(day, loc)]; ok {
					dc = &m.data.days[i]
				}
			}
			cells[d] = m.dayCell(pt, day, d, dc, widths[d], rows)
		}
		for r := range rows {
			var b strings.Builder
			for d := range 7 {
				b.WriteString(cells[d][r])
			}
			out = append(out, b.String())
		}
	}
	return out
}

// weekdayHeadings is " Mon │ Tue …" over the grid.
func (m *Model) weekdayHeadings(from time.Time, widths []int) string {
	s := m.ctx.Styles
	var b strings.Builder
	for d, w := range widths {
		b.WriteString(m.gridEdge(d) + s.Header.Render(common.Fit(common.WeekdayShort(m.ctx.T, from.AddDate(0, 0, d)), w-1)))
	}
	return b.String()
}

// paint holds what a month frame draws hundreds of times, styled once.
type paint struct {
	edge  string
	marks map[core.PostStatus]string
	sep   string // between a day's number and its count (see daySep)
}

// daySep is what parts a day's number from its count in cells inner
// wide: " · " when "31 · 9 ✗9" fits the narrowest, else "·", the room
// going to the failures (a 60-column month has 7-cell days).
func daySep(inner int) string {
	if inner >= ansi.StringWidth("31 · 9 ✗9") {
		return " · "
	}
	return "·"
}

func (m *Model) newPaint() paint {
	pt := paint{edge: m.gridEdge(1), marks: make(map[core.PostStatus]string, len(statusOrder))}
	for _, st := range statusOrder {
		pt.marks[st] = statusStyle(m.ctx.Styles, st).Render(statusMark(st))
	}
	return pt
}

// gridEdge is the cell's left edge: a line between days, a space first.
func (m *Model) gridEdge(day int) string {
	if day == 0 {
		return " "
	}
	return m.ctx.Styles.Subtle.Render("│")
}

// dayCell is one day's cell, rows lines of w cells: its left edge, then
// the day's number and count ("12 · ◷2 ↻1"), then its first posts.
func (m *Model) dayCell(pt paint, day time.Time, col int, dc *store.DayCount, w, rows int) []string {
	s, loc := m.ctx.Styles, m.ctx.Loc
	inner := max(w-1, 0)
	edge := pt.edge
	if col == 0 {
		edge = " "
	}
	out := make([]string, rows)
	total := 0
	if dc != nil {
		total = dc.Total
	}
	head := fmt.Sprintf("%2d", day.In(loc).Day())
	if total > 0 {
		head += pt.sep + m.dayCount(dc, inner-len(head)-ansi.StringWidth(pt.sep))
	}
	head = common.Fit(head, inner)
	outside := day.In(loc).Month() != m.at.In(loc).Month()
	switch {
	case sameDay(day, m.at, loc):
		head = m.selectedBar(head, inner)
	case sameDay(day, m.today, loc):
		head = s.Title.Render(head)
	case outside:
		head = s.Subtle.Render(head)
	}
	out[0] = edge + head
	for r := 1; r < rows; r++ {
		out[r] = edge + strings.Repeat(" ", inner)
	}
	if dc == nil || rows < 2 {
		return out
	}
	// The last line says how many more there are when not all fit; a
	// cell with one line under its head (a small terminal) shows a post
	// there instead, as the head already counts them.
	titles := rows - 1
	more := total > titles && titles > 1
	if more {
		titles--
	}
	shown := min(titles, len(dc.First))
	for r := range shown {
		out[1+r] = edge + m.title(pt, dc.First[r], inner)
	}
	if more || (shown < total && 1+shown < rows) {
		out[rows-1] = edge + common.Fit(s.Muted.Render(m.ctx.T.T("calendar.month.more", total-shown)), inner)
	}
	return out
}

// dayCount is a day's total, with its failures and, when there is room,
// how many are planned and published: "9", "9 ✗1", "◷6 ✓2 ✗1"; in w
// cells too few for "12 ✗1", only "✗1".
func (m *Model) dayCount(dc *store.DayCount, w int) string {
	s := m.ctx.Styles
	failed := dc.ByStatus[core.PostFailed] + dc.ByStatus[core.PostMissed]
	var parts []string
	if w >= 10 {
		for _, st := range statusOrder {
			if n := dc.ByStatus[st]; n > 0 {
				parts = append(parts, statusStyle(s, st).Render(fmt.Sprintf("%s%d", statusMark(st), n)))
			}
		}
		return strings.Join(parts, " ")
	}
	total := fmt.Sprint(dc.Total)
	if failed == 0 {
		return s.Muted.Render(total)
	}
	// A failure shows whatever the width: it is what the CM must act on,
	// and the cell's last line counts the posts anyway.
	fail := fmt.Sprintf("✗%d", failed)
	if len(total)+1+ansi.StringWidth(fail) > w {
		return s.Negative.Render(fail)
	}
	return s.Muted.Render(total) + " " + s.Negative.Render(fail)
}

// title is one post in a month cell, exactly w cells: its mark and first
// words. Only a prefix of the text is measured: a cell shows a few words
// of posts that may be long, a thousand times per frame.
func (m *Model) title(pt paint, p store.PostView, w int) string {
	s := m.ctx.Styles
	if w < 3 {
		text, _ := postMark(s, p)
		return common.Fit(text, w)
	}
	mark, ok := pt.marks[p.Status]
	if !ok || p.Paused {
		text, style := postMark(s, p)
		mark = style.Render(text)
	}
	return mark + " " + s.ClientStyle(p.ClientColor).Render(common.Fit(common.OneLine(prefix(p.Body, 4*w)), w-2))
}

// prefix is s cut after n runes: enough for n/4 cells whatever the
// script (a wide character takes two cells, an accent may take a rune).
func prefix(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// dayFooter is the cursor's day: "Thu 13 Mar · 4 posts: ◷3 ✓1".
func (m *Model) dayFooter() string {
	s, t, loc := m.ctx.Styles, m.ctx.T, m.ctx.Loc
	day := common.WeekdayShort(t, m.at.In(loc)) + " " + common.ShortDate(t, m.at.In(loc))
	i, ok := m.data.daysByDate[dateOf(m.at, loc)]
	if !ok || m.data.days[i].Total == 0 {
		return s.Muted.Render(t.T("calendar.footer.empty_day", day))
	}
	dc := &m.data.days[i]
	return s.Bold.Render(day) + s.Muted.Render(" · "+common.Plural(t, "calendar.posts", dc.Total)+" ") +
		m.dayCount(dc, 100) + s.Muted.Render(" · "+t.T("calendar.footer.open_day"))
}
