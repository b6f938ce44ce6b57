// Package stats is the deck's Stats pane: one client's figures over a
// period (7, 30 or 90 days, this month, last month) against the previous
// period of the same length, as package stats computes them — items,
// replies, answered share, first-response times, sentiment, followers —
// with a bar chart of items per day, a sparkline of the negative share,
// the top posts and the top members. enter on a member shows their items
// in the Inbox; R writes the client's HTML report for the period.
package stats

import (
	"os"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/i18n"
	metrics "cmdeck/stats"
	"cmdeck/tui/common"
	"cmdeck/tui/dialog"
)

// Option sets what the root may give the pane beyond the common context.
type Option func(*options)

type options struct {
	reportDir string
	hours     func(clientID int64) *metrics.Hours
	reports   func(core.Account) metrics.Reports
}

// WithReportDir is where R writes reports (the data directory); the
// default is the system's temporary directory.
func WithReportDir(dir string) Option { return func(o *options) { o.reportDir = dir } }

// WithBusinessHours gives each client's business hours, for the
// first-response times counted in business hours.
func WithBusinessHours(f func(clientID int64) *metrics.Hours) Option {
	return func(o *options) { o.hours = f }
}

// WithReports says which figures each account's network reports, so a
// network without like counts shows "n/a" rather than zero.
func WithReports(f func(core.Account) metrics.Reports) Option {
	return func(o *options) { o.reports = f }
}

// Model is the Stats pane. It implements common.Pane.
type Model struct {
	ctx  common.Context
	keys KeyMap
	opts options

	width, height int

	span    span
	client  int64 // the client shown; 0 until the clients are read
	clients []core.Client

	data   data
	cursor int // the selected member
	vp     common.Viewport

	notice notice
	dialog dialog.Dialog
}

// notice is a one-off message in the header: what a key did, or why not.
type notice struct {
	text string
	bad  bool
}

// New returns the Stats pane; it loads on Init. Missing parts of ctx get
// safe defaults (English, UTC, the system clock, the dark theme).
func New(ctx common.Context, km KeyMap, opts ...Option) *Model {
	if ctx.Styles == nil {
		ctx.Styles = common.NewStyles(common.DefaultPalette(true))
	}
	if ctx.T == nil {
		ctx.T = i18n.New(i18n.EN)
	}
	if ctx.Clock == nil {
		ctx.Clock = core.SystemClock{}
	}
	if ctx.Loc == nil {
		ctx.Loc = time.UTC
	}
	o := options{reportDir: os.TempDir()}
	for _, opt := range opts {
		opt(&o)
	}
	return &Model{ctx: ctx, keys: km, opts: o}
}

// Init starts the first load.
func (m *Model) Init() tea.Cmd { return m.load() }

// Title is the tab label.
func (m *Model) Title() string { return m.ctx.T.T("panes.stats.title") }

// SetSize gives the pane its cells.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	if m.dialog != nil {
		m.sizeDialog()
	}
}

// ShortHelp lists the bindings for the help bar: the open dialog's while
// one is open.
func (m *Model) ShortHelp() []key.Binding {
	if m.dialog != nil {
		if h, ok := m.dialog.(interface{ ShortHelp() []key.Binding }); ok {
			return h.ShortHelp()
		}
		return nil
	}
	return m.keys.ShortHelp()
}

// FullHelp lists the bindings for the ? overlay.
func (m *Model) FullHelp() [][]key.Binding { return m.keys.FullHelp() }

// Capturing is true while the client picker takes the keyboard.
func (m *Model) Capturing() bool { return m.dialog != nil }

// Update handles keys (when focused), the pane's own results, the picker's
// answer, data changes (throttled: the figures are heavy) and the minute
// tick (a new day moves the period; a failed load is retried).
func (m *Model) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case loadedMsg:
		m.apply(msg)
	case reportMsg:
		m.reported(msg)
	case common.DataChangedMsg:
		cmd = m.dataChanged()
	case common.TickMsg:
		cmd = m.tick(msg.Now)
	case dialog.PickerResult:
		cmd = m.onPicked(msg)
	case tea.KeyPressMsg:
		cmd = m.handleKey(msg)
	case tea.PasteMsg:
		if m.dialog != nil {
			m.dialog, cmd = m.dialog.Update(msg)
		}
	}
	return m, cmd
}

// handleKey gives the key to the open dialog, else runs its action.
func (m *Model) handleKey(k tea.KeyPressMsg) tea.Cmd {
	if m.dialog != nil {
		var cmd tea.Cmd
		m.dialog, cmd = m.dialog.Update(k)
		return cmd
	}
	m.notice = notice{}
	return m.do(m.keys.action(k))
}

// do runs one action by name.
func (m *Model) do(action string) tea.Cmd {
	switch action {
	case actUp, actDown, actTop, actBottom:
		m.move(action)
	case actPeriod:
		m.span = m.span.next()
		return m.load()
	case actPrevClient:
		return m.cycleClient(-1)
	case actNextClient:
		return m.cycleClient(1)
	case actClient:
		m.pickClient()
	case actOpen:
		if m.cursor >= len(m.data.rep.Contributors) {
			return m.openPost()
		}
		return m.openMember()
	case actReport:
		return m.writeReport()
	}
	return nil
}

// rows is how many rows the cursor walks: the top members, then the top
// posts.
func (m *Model) rows() int {
	return len(m.data.rep.Contributors) + len(m.data.rep.Posts.Top)
}

// rowLine is the body line of cursor row i, first being the first
// member's line: the posts follow the members (or their "none" line)
// after a blank line and their header, in both layouts.
func (m *Model) rowLine(i, first int) int {
	nm := len(m.data.rep.Contributors)
	if i < nm {
		return first + i
	}
	return first + max(nm, 1) + postHead + i - nm
}

// move moves the cursor over the members and posts; past either end it
// scrolls the body instead, so every line can be reached.
func (m *Model) move(action string) {
	lines, first := m.bodyLines()
	n, h := m.rows(), m.bodyHeight()
	switch action {
	case actTop:
		m.cursor, m.vp.Offset = 0, 0
	case actBottom:
		m.cursor, m.vp.Offset = max(n-1, 0), len(lines)
	case actDown:
		// The first press brings the selected member into view.
		if line := m.rowLine(m.cursor, first); n > 0 && line >= m.vp.Offset+h {
			m.vp.Show(line, line, len(lines), h)
			return
		}
		if m.cursor < n-1 {
			m.cursor++
			line := m.rowLine(m.cursor, first)
			m.vp.Show(line, line, len(lines), h)
			return
		}
		m.vp.Offset++
	case actUp:
		if m.cursor > 0 {
			m.cursor--
			line := m.rowLine(m.cursor, first)
			m.vp.Show(line, line, len(lines), h)
			return
		}
		m.vp.Offset--
	}
	m.vp.Clamp(len(lines), h)
}

// cycleClient shows the previous (-1) or next (+1) client, wrapping.
func (m *Model) cycleClient(step int) tea.Cmd {
	if len(m.clients) == 0 {
		return nil
	}
	i := 0
	for j, c := range m.clients {
		if c.ID == m.client {
			i = j
		}
	}
	i = (i + step + len(m.clients)) % len(m.clients)
	return m.showClient(m.clients[i].ID)
}

// showClient switches to a client and loads its figures.
func (m *Model) showClient(id int64) tea.Cmd {
	if id != m.client {
		m.cursor, m.vp.Offset = 0, 0
	}
	m.client = id
	return m.load()
}

// clientOf is the client with that id, if the pane knows it.
func (m *Model) clientOf(id int64) (core.Client, bool) {
	for _, c := range m.clients {
		if c.ID == id {
			return c, true
		}
	}
	return core.Client{}, false
}

// bodyHeight is the pane height under the header line.
func (m *Model) bodyHeight() int { return max(m.height-1, 0) }
