// Package stats is the deck's Stats pane: per-client figures for the last
// seven days, with a sparkline of items per day.
package stats

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"cmdeck/store"
	"cmdeck/tui/common"
)

const (
	// days is the period shown, today included.
	days         = 7
	queryTimeout = 5 * time.Second
)

// loadedMsg carries one load's result back to the pane.
type loadedMsg struct {
	seq          int
	since, until time.Time
	activity     []store.ClientActivity
	err          error
}

// Model is the Stats pane. It implements common.Pane.
type Model struct {
	ctx  common.Context
	keys KeyMap

	width, height int

	seq          int
	loaded       bool
	err          error
	since, until time.Time
	activity     []store.ClientActivity
	vp           common.Viewport
}

// New returns the Stats pane; it loads on Init.
func New(ctx common.Context, km KeyMap) *Model { return &Model{ctx: ctx, keys: km} }

// Init starts the first load.
func (m *Model) Init() tea.Cmd { return m.load() }

// Title is the tab label.
func (m *Model) Title() string { return m.ctx.T.T("panes.stats.title") }

// SetSize gives the pane its cells.
func (m *Model) SetSize(w, h int) { m.width, m.height = max(w, 0), max(h, 0) }

// ShortHelp lists the bindings for the help bar.
func (m *Model) ShortHelp() []key.Binding { return m.keys.ShortHelp() }

// FullHelp lists the bindings for the ? overlay.
func (m *Model) FullHelp() [][]key.Binding { return m.keys.FullHelp() }

// Capturing is always false: the pane takes no text input.
func (m *Model) Capturing() bool { return false }

// Update handles keys (when focused), its own results, data changes, and
// the minute tick (to roll the period over at midnight, or retry a failed
// load).
func (m *Model) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		m.apply(msg)
	case common.DataChangedMsg:
		return m, m.load()
	case common.TickMsg:
		if since, _ := period(msg.Now, m.ctx.Loc); m.err != nil || (m.loaded && !since.Equal(m.since)) {
			return m, m.load()
		}
	case tea.KeyPressMsg:
		m.handleKey(msg)
	}
	return m, nil
}

func (m *Model) handleKey(msg tea.KeyPressMsg) {
	switch {
	case key.Matches(msg, m.keys.Down):
		m.vp.Offset++
	case key.Matches(msg, m.keys.Up):
		m.vp.Offset--
	case key.Matches(msg, m.keys.Top):
		m.vp.Offset = 0
	case key.Matches(msg, m.keys.Bottom):
		m.vp.Offset = len(m.body())
	}
	m.vp.Clamp(len(m.body()), m.bodyHeight())
}

// period is [since, until): midnight six days before today to midnight
// after today, in loc, so PerDay has seven entries ending today.
func period(now time.Time, loc *time.Location) (since, until time.Time) {
	y, mo, d := now.In(loc).Date()
	return time.Date(y, mo, d-(days-1), 0, 0, 0, 0, loc), time.Date(y, mo, d+1, 0, 0, 0, 0, loc)
}

// load queries the activity in a Cmd.
func (m *Model) load() tea.Cmd {
	m.seq++
	seq, src, loc := m.seq, m.ctx.Source, m.ctx.Loc
	since, until := period(m.ctx.Clock.Now(), loc)
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), queryTimeout)
		defer cancel()
		msg := loadedMsg{seq: seq, since: since, until: until}
		if src != nil {
			msg.activity, msg.err = src.Activity(ctx, since, until, loc)
		}
		return msg
	}
}

// apply takes the latest result.
func (m *Model) apply(msg loadedMsg) {
	if msg.seq != m.seq {
		return
	}
	if msg.err != nil {
		m.err = msg.err
		return
	}
	m.err, m.loaded = nil, true
	m.since, m.until, m.activity = msg.since, msg.until, msg.activity
	m.vp.Clamp(len(m.body()), m.bodyHeight())
}

// bodyHeight is the pane height under the summary line.
func (m *Model) bodyHeight() int { return max(m.height-1, 0) }
