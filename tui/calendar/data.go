package calendar

import (
	"cmp"
	"slices"
	"time"

	"cmdeck/store"
	"cmdeck/tui/common"
)

// periodData is what the last load brought, laid out for drawing.
type periodData struct {
	key       loadKey
	loaded    bool
	posts     []store.PostView // week, agenda: by calendar time then id
	days      []store.DayCount // month
	more      bool             // agenda: another page follows
	truncated bool             // week: more posts than were read

	// cells maps a week's (day, hour) to its posts' indexes, by time.
	cells map[cell][]int
	// lines is the agenda: a heading per day, then its posts.
	lines []agendaLine
	// daysByDate finds a month day's counts by its date.
	daysByDate map[dateKey]int
}

// cell is one hour of one day of the week (day 0 is Monday).
type cell struct{ day, hour int }

// dateKey is a calendar date, whatever the zone's offsets.
type dateKey struct {
	y int
	m time.Month
	d int
}

func dateOf(t time.Time, loc *time.Location) dateKey {
	y, mo, d := t.In(loc).Date()
	return dateKey{y, mo, d}
}

// agendaLine is a day heading (post < 0) or one post.
type agendaLine struct {
	day  time.Time
	post int
}

// apply takes a load's result if it is the latest one.
func (m *Model) apply(msg loadedMsg) {
	if msg.seq != m.seq {
		return
	}
	m.loading, m.paging = false, false
	if msg.err != nil {
		m.err = msg.err
		return
	}
	m.err = nil
	m.today = common.StartOfDay(m.ctx.Clock.Now(), m.ctx.Loc)
	m.data = periodData{key: msg.key, loaded: true, posts: msg.posts, days: msg.days,
		more: msg.more, truncated: msg.truncated}
	m.index()
	m.keepSelection()
}

// applyPage appends the agenda's next page if it follows what is shown.
func (m *Model) applyPage(msg pageMsg) {
	if msg.seq != m.seq || msg.key != m.data.key {
		return
	}
	m.paging = false
	if msg.err != nil {
		m.err = msg.err
		return
	}
	m.data.posts = append(m.data.posts, msg.posts...)
	m.data.more = msg.more
	m.index()
	if !m.seek.IsZero() {
		m.selectFrom(m.seek)
	}
}

// index lays the loaded data out for the view it belongs to.
func (m *Model) index() {
	d := &m.data
	loc := m.ctx.Loc
	slices.SortStableFunc(d.posts, func(a, b store.PostView) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	d.cells, d.lines, d.daysByDate = nil, nil, nil
	switch d.key.view {
	case viewWeek:
		d.cells = map[cell][]int{}
		for i, p := range d.posts {
			day := dayIndex(d.key.from, p.At, loc)
			if day < 0 || day > 6 {
				continue
			}
			c := cell{day, p.At.In(loc).Hour()}
			d.cells[c] = append(d.cells[c], i)
		}
	case viewAgenda:
		var last dateKey
		for i, p := range d.posts {
			if k := dateOf(p.At, loc); i == 0 || k != last {
				d.lines = append(d.lines, agendaLine{day: common.StartOfDay(p.At, loc), post: -1})
				last = k
			}
			d.lines = append(d.lines, agendaLine{post: i})
		}
	case viewMonth:
		d.daysByDate = make(map[dateKey]int, len(d.days))
		for i, day := range d.days {
			d.daysByDate[dateOf(day.Day, loc)] = i
		}
	}
}

// current reports whether the loaded data is what the pane shows now: the
// view, its period and the filter (a month's titles per day aside). Until
// a load catches up with the cursor, nothing stale is drawn or selected.
func (m *Model) current() bool {
	if !m.data.loaded {
		return false
	}
	k, want := m.data.key, m.wantKey()
	k.perDay, want.perDay = 0, 0
	return k == want
}

// postIndex finds post id among the loaded posts (-1 when absent).
func (m *Model) postIndex(id int64) int {
	if id == 0 || !m.current() {
		return -1
	}
	for i, p := range m.data.posts {
		if p.ID == id {
			return i
		}
	}
	return -1
}

// selected is the selected post, if it is loaded.
func (m *Model) selected() (*store.PostView, bool) {
	if m.view == viewMonth {
		return nil, false
	}
	i := m.postIndex(m.sel)
	if i < 0 {
		return nil, false
	}
	return &m.data.posts[i], true
}

// cursorCell is the week cell under the cursor.
func (m *Model) cursorCell() cell {
	from, _ := period(viewWeek, m.at, m.ctx.Loc)
	return cell{dayIndex(from, m.at, m.ctx.Loc), m.at.In(m.ctx.Loc).Hour()}
}

// cellPosts are the indexes of the posts in the cursor's cell.
func (m *Model) cellPosts() []int {
	if m.view != viewWeek || !m.current() {
		return nil
	}
	return m.data.cells[m.cursorCell()]
}

// keepSelection keeps the selected post after a load when it is still
// there, else selects what is under the cursor. Until the view's data is
// loaded, the selection waits as it is.
func (m *Model) keepSelection() {
	if !m.current() {
		return
	}
	switch m.view {
	case viewWeek:
		if i := m.postIndex(m.sel); i >= 0 && slices.Contains(m.cellPosts(), i) {
			return
		}
		m.selectInCell(true)
	case viewAgenda:
		if i := m.postIndex(m.sel); i >= 0 {
			m.follow(i)
			return
		}
		m.selectFrom(m.at)
	}
}

// selectInCell selects the first (or last) post of the cursor's cell, or
// none.
func (m *Model) selectInCell(first bool) {
	posts := m.cellPosts()
	switch {
	case len(posts) == 0:
		m.sel = 0
	case first:
		m.sel = m.data.posts[posts[0]].ID
	default:
		m.sel = m.data.posts[posts[len(posts)-1]].ID
	}
}

// selectFrom selects the agenda's first post at or after t (the last one
// when all are earlier).
func (m *Model) selectFrom(t time.Time) {
	posts := m.data.posts
	if !m.current() || len(posts) == 0 {
		m.sel = 0
		return
	}
	i, _ := slices.BinarySearchFunc(posts, t, func(p store.PostView, t time.Time) int { return p.At.Compare(t) })
	// Past the page loaded, the cursor waits on its last post while the
	// next pages come (applyPage looks again).
	m.seek = time.Time{}
	if i == len(posts) && m.data.more {
		m.seek = t
	}
	i = min(i, len(posts)-1)
	m.sel = posts[i].ID
	m.follow(i)
}

// follow puts the cursor's day and hour on post i (the agenda's cursor is
// its post; the other views then open where it is).
func (m *Model) follow(i int) {
	p := m.data.posts[i]
	m.at = atHour(p.At, p.At.In(m.ctx.Loc).Hour(), m.ctx.Loc)
}
