package calendar

import (
	"fmt"
	"strings"

	"cmdeck/store"
	"cmdeck/tui/common"
)

// The week: a gutter of hours, then a column per day, Monday first. A
// post is a block in its hour: a bar in its client's color, its status
// mark, its client (and network when there is room); "+2" says the hour
// holds more, which j and k step through. A short screen shows the hours
// around the cursor; a tall one shows the whole day and, below it, the
// cursor's day as a list.

const (
	gutterW = 6 // "09:00 "
	// minPanel is the room under 24 hours from which the cursor's day
	// gets a list of its own.
	minPanel = 4
	// firstHour is the top of the hours shown when not all fit: nobody
	// plans at 3 a.m., and the cursor pulls the view anyway.
	firstHour = 7
	// networkFrom is the cell width from which a block names its network,
	// minuteFrom the room from which it says the minutes past the hour.
	networkFrom = 18
	minuteFrom  = 12
)

// weekLines draws the week in h rows.
func (m *Model) weekLines(h int) []string {
	if h <= 0 {
		return nil
	}
	widths := columnWidths(max(m.width-gutterW, 7), 7)
	out := []string{m.dayHeadings(widths)}
	rows := h - 1
	hours := min(rows, 24)
	top := m.weekTop(hours)
	g := m.weekGrid()
	for hr := top; hr < top+hours; hr++ {
		out = append(out, m.hourRow(g, hr, widths))
	}
	// A tall screen shows the cursor's day as a list under the grid.
	if panel := rows - hours; panel >= minPanel {
		out = append(out, m.dayPanel(panel)...)
	}
	return out
}

// weekTop is the first hour shown: 07:00 when the cursor's hour is in
// view from there, else just enough to show it.
func (m *Model) weekTop(hours int) int {
	if hours >= 24 || hours <= 0 {
		return 0
	}
	hr := m.at.In(m.ctx.Loc).Hour()
	top := min(firstHour, 24-hours)
	switch {
	case hr < top:
		top = hr
	case hr >= top+hours:
		top = hr - hours + 1
	}
	return top
}

// dayHeadings is "      Mon 10  Tue 11 …", today in the title style.
func (m *Model) dayHeadings(widths []int) string {
	s, t, loc := m.ctx.Styles, m.ctx.T, m.ctx.Loc
	from, _ := period(viewWeek, m.at, loc)
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", gutterW))
	for i, w := range widths {
		day := from.AddDate(0, 0, i)
		text := common.Fit(" "+common.WeekdayShort(t, day)+fmt.Sprintf(" %d", day.Day()), w)
		switch {
		case sameDay(day, m.today, loc):
			text = s.Title.Render(text)
		case sameDay(day, m.at, loc):
			text = s.Bold.Render(text)
		default:
			text = s.Header.Render(text)
		}
		b.WriteString(text)
	}
	return b.String()
}

// weekGrid is what every cell of a frame needs, worked out once.
type weekGrid struct {
	cursor  cell
	loaded  bool // the data is this week's
	nowHour int  // the hour it is now, -1 outside this week
}

func (m *Model) weekGrid() weekGrid {
	g := weekGrid{cursor: m.cursorCell(), loaded: m.current(), nowHour: -1}
	now := m.ctx.Clock.Now().In(m.ctx.Loc)
	if from, to := period(viewWeek, m.at, m.ctx.Loc); !now.Before(from) && now.Before(to) {
		g.nowHour = now.Hour()
	}
	return g
}

// hourRow is one hour across the week; the hour it is now stands out.
func (m *Model) hourRow(g weekGrid, hr int, widths []int) string {
	s := m.ctx.Styles
	label := s.Muted.Render(fmt.Sprintf("%02d:00", hr))
	if hr == g.nowHour {
		label = s.Title.Render(fmt.Sprintf("%02d:00", hr))
	}
	var b strings.Builder
	b.WriteString(label + " ")
	for day, w := range widths {
		c := cell{day, hr}
		b.WriteString(m.cellText(g, c, w, g.cursor == c))
	}
	return b.String()
}

// cellText is one cell: a space, then its block (or nothing).
func (m *Model) cellText(g weekGrid, c cell, w int, cursor bool) string {
	var posts []int
	if g.loaded {
		posts = m.data.cells[c]
	}
	if len(posts) == 0 {
		if cursor {
			return " " + m.ctx.Styles.Selected.Render(strings.Repeat(" ", max(w-1, 0)))
		}
		return strings.Repeat(" ", w)
	}
	shown := posts[0]
	for _, i := range posts {
		if m.data.posts[i].ID == m.sel {
			shown = i
		}
	}
	block := m.block(m.data.posts[shown], w-1, len(posts)-1)
	if cursor {
		block = m.selectedBar(block, w-1)
	}
	return " " + block
}

// block is a post in w cells: "▌◷ PixelForge +2", "▌◷ :30 Chirper · PixelForge".
func (m *Model) block(p store.PostView, w, more int) string {
	if w <= 0 {
		return ""
	}
	s := m.ctx.Styles
	mark, style := postMark(s, p)
	head := s.ClientStyle(p.ClientColor).Render("▌") + style.Render(mark)
	suffix, room := "", w-3
	if more > 0 {
		suffix = fmt.Sprintf("+%d", more)
		room -= len(suffix)
	}
	// Narrow: the client. Wide: the network first, then the client (its
	// color says it too). Minutes past the hour when there is room.
	text := common.OneLine(p.ClientName)
	if w >= networkFrom && p.Network != "" {
		text = common.OneLine(p.Network) + " · " + text
	}
	if minute := p.At.In(m.ctx.Loc).Minute(); minute != 0 && room >= minuteFrom {
		text = fmt.Sprintf(":%02d ", minute) + text
	}
	return common.Fit(head+" "+common.Fit(text, max(room, 0))+s.Muted.Render(suffix), w)
}

// dayPanel is the cursor's day as agenda rows, h lines.
func (m *Model) dayPanel(h int) []string {
	s := m.ctx.Styles
	day := common.StartOfDay(m.at, m.ctx.Loc)
	out := []string{s.Muted.Render(strings.Repeat("─", m.width)), m.dayHeading(agendaLine{day: day, post: -1})}
	cols := m.agendaColumns()
	for _, p := range m.data.posts {
		if len(out) >= h {
			break
		}
		if sameDay(p.At, day, m.ctx.Loc) {
			out = append(out, m.agendaRow(p, cols))
		}
	}
	if len(out) == 2 {
		out = append(out, "  "+s.Muted.Render(m.ctx.T.T("calendar.day.empty")))
	}
	return out
}
