// Package alerts is the deck's Alerts pane: the open alerts, most recent
// first, with their severity, client, rule and how many items they group.
package alerts

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/tui/common"
)

const (
	// maxAlerts caps one load: more open alerts than this is a backlog the
	// CM handles from the top anyway.
	maxAlerts    = 200
	queryTimeout = 5 * time.Second
)

// loadedMsg carries one load's result back to the pane.
type loadedMsg struct {
	seq     int
	alerts  []core.Alert
	clients []core.Client
	err     error
}

// Model is the Alerts pane. It implements common.Pane.
type Model struct {
	ctx  common.Context
	keys KeyMap

	width, height int

	seq     int
	loaded  bool
	err     error
	alerts  []core.Alert
	clients map[int64]core.Client
	cursor  int
	vp      common.Viewport
}

// New returns the Alerts pane; it loads on Init.
func New(ctx common.Context, km KeyMap) *Model {
	return &Model{ctx: ctx, keys: km, clients: map[int64]core.Client{}}
}

// Init starts the first load.
func (m *Model) Init() tea.Cmd { return m.load() }

// Title is the tab label.
func (m *Model) Title() string { return m.ctx.T.T("panes.alerts.title") }

// SetSize gives the pane its cells.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.follow()
}

// ShortHelp lists the bindings for the help bar.
func (m *Model) ShortHelp() []key.Binding { return m.keys.ShortHelp() }

// FullHelp lists the bindings for the ? overlay.
func (m *Model) FullHelp() [][]key.Binding { return m.keys.FullHelp() }

// Capturing is always false: the pane takes no text input.
func (m *Model) Capturing() bool { return false }

// Update handles keys (when focused), its own results and data changes.
// The minute tick redraws the ages (computed from the clock when drawing)
// and retries a failed load.
func (m *Model) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		m.apply(msg)
	case common.DataChangedMsg:
		return m, m.load()
	case common.TickMsg:
		if m.err != nil {
			return m, m.load()
		}
	case tea.KeyPressMsg:
		m.handleKey(msg)
	}
	return m, nil
}

func (m *Model) handleKey(msg tea.KeyPressMsg) {
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
		m.cursor = len(m.alerts) - 1
	default:
		return
	}
	m.cursor = common.Clamp(m.cursor, len(m.alerts))
	m.follow()
}

// load queries the open alerts and the client names in a Cmd.
func (m *Model) load() tea.Cmd {
	m.seq++
	seq, src := m.seq, m.ctx.Source
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), queryTimeout)
		defer cancel()
		msg := loadedMsg{seq: seq}
		if src == nil {
			return msg
		}
		if msg.alerts, msg.err = src.OpenAlerts(ctx, maxAlerts); msg.err != nil {
			return msg
		}
		msg.clients, msg.err = src.Clients(ctx)
		return msg
	}
}

// apply takes the latest result, keeping the selected alert selected.
func (m *Model) apply(msg loadedMsg) {
	if msg.seq != m.seq {
		return
	}
	if msg.err != nil {
		m.err = msg.err
		return
	}
	var selected int64
	if m.cursor < len(m.alerts) {
		selected = m.alerts[m.cursor].ID
	}
	m.err, m.loaded, m.alerts = nil, true, msg.alerts
	m.clients = make(map[int64]core.Client, len(msg.clients))
	for _, c := range msg.clients {
		m.clients[c.ID] = c
	}
	for i, a := range m.alerts {
		if a.ID == selected {
			m.cursor = i
		}
	}
	m.cursor = common.Clamp(m.cursor, len(m.alerts))
	m.follow()
}

// follow keeps the selected alert visible.
func (m *Model) follow() {
	m.vp.Show(m.cursor, m.cursor, len(m.alerts), m.listHeight())
}

// listHeight is what is left for rows under the summary and column headings.
func (m *Model) listHeight() int { return max(m.height-2, 0) }
