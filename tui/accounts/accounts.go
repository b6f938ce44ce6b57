// Package accounts is the deck's accounts overlay: every account's sync
// health (last success, state, last error, rate-limit headroom) grouped by
// client, the accounts to re-authorize in red and those in backoff in
// yellow, with the selected account's error and its fix underneath. It
// only reads the store through common.Source; the words come from
// tui/health, which `cmdeck accounts` shares.
package accounts

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
	"cmdeck/tui/health"
)

// loadTimeout bounds one read of the accounts' health.
const loadTimeout = 5 * time.Second

// ReauthFunc is the command that connects an account again ("" when the
// network has none); nil derives it from the handle.
type ReauthFunc func(a core.Account) string

// KeyMap is the overlay's bindings.
type KeyMap struct {
	Down, Up, Top, Bottom, Close key.Binding
}

// Model is the open overlay.
type Model struct {
	ctx    common.Context
	keys   KeyMap
	reauth ReauthFunc

	seq    int
	loaded bool
	err    error
	hs     []store.AccountHealth
	cursor int
	vp     common.Viewport

	width, height int
}

// loadedMsg is one load's answer; seq drops answers older than the latest.
type loadedMsg struct {
	seq int
	hs  []store.AccountHealth
	err error
}

// New opens the overlay. toggle is the deck's key that opened it: pressing
// it again closes the overlay, like esc.
func New(ctx common.Context, toggle key.Binding, reauth ReauthFunc) *Model {
	t := ctx.T
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t.T(desc)))
	}
	closeKeys := append([]string{"esc", "q"}, toggle.Keys()...)
	if reauth == nil {
		reauth = func(a core.Account) string { return health.ReauthCommand(a.Provider, a.Handle, "") }
	}
	return &Model{ctx: ctx, reauth: reauth, keys: KeyMap{
		Down:   b("j/↓", "health.key.down", "j", "down"),
		Up:     b("k/↑", "health.key.up", "k", "up"),
		Top:    key.NewBinding(key.WithKeys("g", "home")),
		Bottom: key.NewBinding(key.WithKeys("G", "end")),
		Close:  b("esc", "health.key.close", closeKeys...),
	}}
}

// Init loads the accounts.
func (m *Model) Init() tea.Cmd { return m.load() }

// ShortHelp is the help bar while the overlay is on top.
func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.keys.Down, m.keys.Up, m.keys.Close}
}

// SetSize gives the overlay the pane area.
func (m *Model) SetSize(w, h int) { m.width, m.height = max(w, 0), max(h, 0) }

// Update handles keys and load answers, and reloads when the data changed
// or a sync reported: the health is what syncs write. It returns nil when
// the overlay closes.
func (m *Model) Update(msg tea.Msg) (*Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return m.key(msg)
	case loadedMsg:
		m.apply(msg)
	case common.DataChangedMsg, common.SyncEvent:
		return m, m.load()
	}
	return m, nil
}

// key moves the cursor or closes the overlay.
func (m *Model) key(k tea.KeyPressMsg) (*Model, tea.Cmd) {
	switch {
	case key.Matches(k, m.keys.Close):
		return nil, nil
	case key.Matches(k, m.keys.Down):
		m.cursor++
	case key.Matches(k, m.keys.Up):
		m.cursor--
	case key.Matches(k, m.keys.Top):
		m.cursor = 0
	case key.Matches(k, m.keys.Bottom):
		m.cursor = len(m.hs) - 1
	}
	m.cursor = common.Clamp(m.cursor, len(m.hs))
	return m, nil
}

// load reads the health in a Cmd.
func (m *Model) load() tea.Cmd {
	m.seq++
	seq, src := m.seq, m.ctx.Source
	return func() tea.Msg {
		if src == nil {
			return loadedMsg{seq: seq}
		}
		ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
		defer cancel()
		hs, err := src.AccountHealth(ctx)
		return loadedMsg{seq: seq, hs: hs, err: err}
	}
}

// apply keeps the latest answer; a failed reload keeps the rows shown and
// says it failed. The cursor stays on the same account when it still is.
func (m *Model) apply(msg loadedMsg) {
	if msg.seq != m.seq {
		return
	}
	m.err = msg.err
	if msg.err != nil {
		return
	}
	var current int64
	if m.cursor < len(m.hs) {
		current = m.hs[m.cursor].Account.ID
	}
	m.hs, m.loaded = msg.hs, true
	m.cursor = common.Clamp(m.cursor, len(m.hs))
	for i, h := range m.hs {
		if h.Account.ID == current {
			m.cursor = i
		}
	}
}
