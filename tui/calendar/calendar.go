// Package calendar is the deck's Calendar pane: an agenda of the clients'
// posts, grouped by day, from a week ago to two weeks ahead.
package calendar

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"cmdeck/tui/common"
)

// Model is the Calendar pane. It implements common.Pane.
type Model struct {
	ctx  common.Context
	keys KeyMap

	width, height int

	seq     int // id of the latest load; older results are dropped
	loading bool
	loaded  bool // a load has succeeded at least once
	err     error
	day     time.Time // start of "today" at the last load, in Loc

	agenda agenda
	cursor int // index into agenda.posts
	vp     common.Viewport
	placed bool // the cursor has been put on today once
}

// New returns the Calendar pane; it loads on Init.
func New(ctx common.Context, km KeyMap) *Model {
	return &Model{ctx: ctx, keys: km}
}

// Init starts the first load.
func (m *Model) Init() tea.Cmd { return m.load() }

// Title is the tab label.
func (m *Model) Title() string { return m.ctx.T.T("panes.calendar.title") }

// SetSize gives the pane its cells.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.follow()
}

// ShortHelp lists the bindings for the help bar.
func (m *Model) ShortHelp() []key.Binding { return m.keys.ShortHelp() }

// FullHelp lists the bindings for the ? overlay.
func (m *Model) FullHelp() [][]key.Binding { return m.keys.FullHelp() }

// Capturing is always false: the calendar takes no text input yet.
func (m *Model) Capturing() bool { return false }

// Update handles keys (when focused), its own load results, and the
// broadcasts that make it reload.
func (m *Model) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		m.apply(msg)
	case common.DataChangedMsg:
		return m, m.load()
	case common.TickMsg:
		// The window and the Today/Tomorrow labels move at midnight; a
		// failed load is retried every minute.
		if m.err != nil || !common.StartOfDay(msg.Now, m.ctx.Loc).Equal(m.day) {
			return m, m.load()
		}
	case tea.KeyPressMsg:
		m.handleKey(msg)
	}
	return m, nil
}

func (m *Model) handleKey(msg tea.KeyPressMsg) {
	n := len(m.agenda.posts)
	page := max(m.listHeight()-1, 1)
	switch {
	case key.Matches(msg, m.keys.Down):
		m.cursor++
	case key.Matches(msg, m.keys.Up):
		m.cursor--
	case key.Matches(msg, m.keys.PageDown):
		m.cursor += page
	case key.Matches(msg, m.keys.PageUp):
		m.cursor -= page
	case key.Matches(msg, m.keys.Top):
		m.cursor = 0
	case key.Matches(msg, m.keys.Bottom):
		m.cursor = n - 1
	case key.Matches(msg, m.keys.Today):
		m.jumpToday()
		return
	default:
		return
	}
	m.cursor = common.Clamp(m.cursor, n)
	m.follow()
}

// apply takes a load result if it is the latest one.
func (m *Model) apply(msg loadedMsg) {
	if msg.seq != m.seq {
		return
	}
	m.loading = false
	if msg.err != nil {
		m.err = msg.err
		return
	}
	m.err = nil
	m.loaded = true
	selected := m.selectedID()
	m.agenda = buildAgenda(msg, m.ctx.Loc)
	if !m.placed {
		m.placed = true
		m.jumpToday()
		return
	}
	// Keep the same post selected across reloads so a sync doesn't move it.
	m.cursor = common.Clamp(m.agenda.indexOf(selected, m.cursor), len(m.agenda.posts))
	m.follow()
}

// jumpToday selects today's first post (or the next one after today) and
// scrolls so today's heading is at the top.
func (m *Model) jumpToday() {
	m.cursor = common.Clamp(m.agenda.firstFrom(m.agenda.today), len(m.agenda.posts))
	m.vp.Offset = m.agenda.todayLine
	m.follow()
}

// follow scrolls the list so the selected post, and the heading of its day
// when it is the day's first post, are visible.
func (m *Model) follow() {
	h := m.listHeight()
	if len(m.agenda.posts) == 0 {
		m.vp.Clamp(len(m.agenda.lines), h)
		return
	}
	line := m.agenda.postLine[m.cursor]
	from := line
	if line > 0 && m.agenda.lines[line-1].kind == lineDay {
		from = line - 1
	}
	m.vp.Show(from, line, len(m.agenda.lines), h)
}

func (m *Model) selectedID() int64 {
	if m.cursor < 0 || m.cursor >= len(m.agenda.posts) {
		return 0
	}
	return m.agenda.posts[m.cursor].post.ID
}

// listHeight is the pane height minus its summary line.
func (m *Model) listHeight() int { return max(m.height-1, 0) }
