package calendar

import (
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"
)

// do runs one key action (or a command line's ":new"), then reads the
// period again if the cursor left it.
func (m *Model) do(act string) tea.Cmd {
	var cmd tea.Cmd
	switch act {
	case actWeek:
		m.setView(viewWeek)
	case actMonth:
		m.setView(viewMonth)
	case actAgenda:
		m.setView(viewAgenda)
	case actToday:
		m.goToday()
	case actPrev:
		m.shiftPeriod(-1)
	case actNext:
		m.shiftPeriod(1)
	case actUp, actDown, actLeft, actRight, actPageUp, actPageDown, actTop, actBottom:
		m.navigate(act)
	case actOpen:
		m.open()
	case actCopy, actOpenLink:
		cmd = m.linkAction(act)
	case actNew:
		cmd = m.openNew()
	case actEdit:
		cmd = m.openEdit()
	case actDelete:
		m.confirm(confirmDelete)
	case actPublish:
		m.confirm(confirmPublish)
	case actDuplicate:
		cmd = m.duplicate()
	case actRetry:
		cmd = m.retry()
	case actMoveLater:
		cmd = m.move(time.Hour)
	case actMoveEarlier:
		cmd = m.move(-time.Hour)
	case actMoveNextDay:
		cmd = m.move(24 * time.Hour)
	case actMovePrevDay:
		cmd = m.move(-24 * time.Hour)
	case actClient:
		m.pickClient()
	case actAccount:
		m.pickAccount()
	default:
		return nil
	}
	return tea.Batch(cmd, m.reloadIfMoved(), m.loadPage())
}

// setView switches views, keeping the cursor's day and hour.
func (m *Model) setView(v viewKind) {
	if m.view == v {
		return
	}
	if p, ok := m.selected(); ok {
		m.follow(m.postIndex(p.ID))
	}
	m.view = v
	m.keepSelection()
}

// goToday puts the cursor on the current hour of today.
func (m *Model) goToday() {
	now := m.ctx.Clock.Now()
	m.at = atHour(now, now.In(m.ctx.Loc).Hour(), m.ctx.Loc)
	m.sel = 0
	m.keepSelection()
}

// shiftPeriod moves the cursor a week or a month back (-1) or on (1).
func (m *Model) shiftPeriod(n int) {
	if m.view == viewWeek {
		m.at = m.at.AddDate(0, 0, 7*n)
	} else {
		m.at = addMonths(m.at, n, m.ctx.Loc)
	}
	m.sel = 0
	m.keepSelection()
}

// navigate moves the cursor the way each view reads: hours and days in
// the week, days and weeks in the month, posts in the agenda.
func (m *Model) navigate(act string) {
	switch m.view {
	case viewWeek:
		m.navigateWeek(act)
	case viewMonth:
		m.navigateMonth(act)
	case viewAgenda:
		m.navigateAgenda(act)
	}
}

// weekPageHours is how many hours pgup/pgdown move in the week.
const weekPageHours = 6

// navigateWeek: up and down go through the posts of an hour, then to the
// next hour; left and right change the day; pages move six hours; top
// and bottom go to the day's first and last post.
func (m *Model) navigateWeek(act string) {
	posts := m.cellPosts()
	at := slices.IndexFunc(posts, func(i int) bool { return m.data.posts[i].ID == m.sel })
	switch act {
	case actDown:
		if at >= 0 && at+1 < len(posts) {
			m.sel = m.data.posts[posts[at+1]].ID
			return
		}
		m.setHour(m.at.In(m.ctx.Loc).Hour()+1, true)
	case actUp:
		if at > 0 {
			m.sel = m.data.posts[posts[at-1]].ID
			return
		}
		m.setHour(m.at.In(m.ctx.Loc).Hour()-1, false)
	case actLeft, actRight:
		n := 1
		if act == actLeft {
			n = -1
		}
		m.at = m.at.AddDate(0, 0, n)
		m.selectInCell(true)
	case actPageDown:
		m.setHour(m.at.In(m.ctx.Loc).Hour()+weekPageHours, true)
	case actPageUp:
		m.setHour(m.at.In(m.ctx.Loc).Hour()-weekPageHours, true)
	case actTop, actBottom:
		m.dayEdge(act == actTop)
	}
}

// setHour moves the cursor to hour h of its day (kept within the day) and
// selects the first (or last) post there.
func (m *Model) setHour(h int, first bool) {
	m.at = atHour(m.at, min(max(h, 0), 23), m.ctx.Loc)
	m.selectInCell(first)
}

// dayEdge goes to the first (or last) post of the cursor's day, else to
// its first (or last) hour.
func (m *Model) dayEdge(first bool) {
	c := m.cursorCell()
	h := 23
	if first {
		h = 0
	}
	if m.current() {
		hours := []int{}
		for k := range m.data.cells {
			if k.day == c.day {
				hours = append(hours, k.hour)
			}
		}
		if len(hours) > 0 {
			h = slices.Max(hours)
			if first {
				h = slices.Min(hours)
			}
		}
	}
	m.setHour(h, first)
}

// navigateMonth: arrows move by a day or a week, pages by a month, top
// and bottom to the month's first and last day.
func (m *Model) navigateMonth(act string) {
	loc := m.ctx.Loc
	switch act {
	case actLeft:
		m.at = m.at.AddDate(0, 0, -1)
	case actRight:
		m.at = m.at.AddDate(0, 0, 1)
	case actUp:
		m.at = m.at.AddDate(0, 0, -7)
	case actDown:
		m.at = m.at.AddDate(0, 0, 7)
	case actPageUp:
		m.at = addMonths(m.at, -1, loc)
	case actPageDown:
		m.at = addMonths(m.at, 1, loc)
	case actTop:
		m.at = atHour(monthStart(m.at, loc), m.at.In(loc).Hour(), loc)
	case actBottom:
		m.at = atHour(monthStart(m.at, loc).AddDate(0, 1, -1), m.at.In(loc).Hour(), loc)
	}
}

// navigateAgenda: up and down move by a post, left and right by a day,
// pages by a screen, top and bottom to the first and last post loaded.
func (m *Model) navigateAgenda(act string) {
	posts := m.data.posts
	if !m.current() || len(posts) == 0 {
		return
	}
	i := max(m.postIndex(m.sel), 0)
	page := max(m.bodyHeight()-1, 1)
	switch act {
	case actDown:
		i++
	case actUp:
		i--
	case actPageDown:
		i += page
	case actPageUp:
		i -= page
	case actTop:
		i = 0
	case actBottom:
		i = len(posts) - 1
	case actRight:
		day := dateOf(posts[i].At, m.ctx.Loc)
		for i < len(posts)-1 && dateOf(posts[i].At, m.ctx.Loc) == day {
			i++
		}
	case actLeft:
		i = m.previousDay(i)
	}
	i = min(max(i, 0), len(posts)-1)
	m.sel = posts[i].ID
	m.follow(i)
}

// previousDay is the first post of the day before post i's (or of post
// i's own day when it is not its first).
func (m *Model) previousDay(i int) int {
	posts, loc := m.data.posts, m.ctx.Loc
	day := dateOf(posts[i].At, loc)
	start := i
	for start > 0 && dateOf(posts[start-1].At, loc) == day {
		start--
	}
	if start < i || start == 0 {
		return start
	}
	prev := dateOf(posts[start-1].At, loc)
	for start > 0 && dateOf(posts[start-1].At, loc) == prev {
		start--
	}
	return start
}

// open shows the selected post's details; on a day of the month it opens
// that day's week instead.
func (m *Model) open() {
	if m.view == viewMonth {
		m.view = viewWeek
		m.keepSelection()
		return
	}
	if p, ok := m.selected(); ok {
		m.details = p.ID
		return
	}
	m.notice = notice{text: m.ctx.T.T("calendar.notice.no_post")}
}
