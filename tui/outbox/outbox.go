// Package outbox is the deck's outbox view: every action on its way out or
// recently gone (failed first, then waiting and sending, then the last done
// and cancelled ones), with retry and discard. It only reads the outbox
// through common.Source and asks for changes with intents; the root
// executes them (STYLE.md #4).
package outbox

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
	"cmdeck/tui/dialog"
)

// group is one section of the view, in display order.
type group int

const (
	groupFailed  group = iota // permanent failures: retry or discard
	groupWaiting              // pending (undo window, backoff, offline) and claimed (being sent)
	groupRecent               // the last done and cancelled ones, for reassurance
)

// How many rows each section loads: every failure and waiting action a CM
// could act on, and only a short tail of what already went.
const (
	openLimit   = 200
	recentLimit = 20
	loadTimeout = 5 * time.Second
)

// confirmPrefix starts the id of the discard confirmation; the action id
// follows, so the answer names what it is about.
const confirmPrefix = "outbox.discard."

// row is one action in the list.
type row struct {
	store.ActionView
	group group
}

// loadedMsg is one load's answer; seq drops answers older than the latest
// request.
type loadedMsg struct {
	seq  int
	rows []row
	err  error
}

// KeyMap is the view's bindings.
type KeyMap struct {
	Down, Up, Top, Bottom, Retry, Discard, Close key.Binding
}

// Model is the open outbox view.
type Model struct {
	ctx  common.Context
	keys KeyMap

	seq     int
	loaded  bool
	err     error
	rows    []row
	cursor  int
	note    string // a one-line answer to the last key ("only failed actions can be retried")
	confirm dialog.Dialog
	vp      common.Viewport

	width, height int
}

// New opens the view. toggle is the deck's key that opened it: pressing it
// again closes the view, like esc.
func New(ctx common.Context, toggle key.Binding) *Model {
	t := ctx.T
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t.T(desc)))
	}
	closeKeys := append([]string{"esc", "q"}, toggle.Keys()...)
	return &Model{ctx: ctx, keys: KeyMap{
		Down:    b("j/↓", "root.outbox.key.down", "j", "down"),
		Up:      b("k/↑", "root.outbox.key.up", "k", "up"),
		Top:     b("g", "root.outbox.key.top", "g", "home"),
		Bottom:  b("G", "root.outbox.key.bottom", "G", "end"),
		Retry:   b("r", "root.outbox.key.retry", "r"),
		Discard: b("x", "root.outbox.key.discard", "x"),
		Close:   b("esc", "root.outbox.key.close", closeKeys...),
	}}
}

// Init loads the list.
func (m *Model) Init() tea.Cmd { return m.load() }

// ShortHelp is the help bar while the view is on top.
func (m *Model) ShortHelp() []key.Binding {
	if m.confirm != nil {
		if h, ok := m.confirm.(interface{ ShortHelp() []key.Binding }); ok {
			return h.ShortHelp()
		}
		return nil
	}
	return []key.Binding{m.keys.Down, m.keys.Up, m.keys.Retry, m.keys.Discard, m.keys.Close}
}

// SetSize gives the view the pane area.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	if m.confirm != nil {
		m.confirm.SetWidth(m.dialogWidth())
	}
}

// Update handles keys (to the confirmation first, when one is open), the
// load answers, the confirmation's answer, and reloads when the data or
// the outbox changed. It returns nil when the view closes.
func (m *Model) Update(msg tea.Msg) (*Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if m.confirm != nil {
			return m, m.updateConfirm(msg)
		}
		return m.key(msg)
	case tea.PasteMsg:
		if m.confirm != nil {
			return m, m.updateConfirm(msg)
		}
	case loadedMsg:
		m.apply(msg)
	case dialog.ConfirmResult:
		return m, m.confirmed(msg)
	case common.DataChangedMsg, common.OutcomeMsg:
		return m, m.load()
	}
	return m, nil
}

// key handles one key press on the list.
func (m *Model) key(msg tea.KeyPressMsg) (*Model, tea.Cmd) {
	k := &m.keys
	m.note = ""
	switch {
	case key.Matches(msg, k.Close):
		return nil, nil
	case key.Matches(msg, k.Down):
		m.move(m.cursor + 1)
	case key.Matches(msg, k.Up):
		m.move(m.cursor - 1)
	case key.Matches(msg, k.Top):
		m.move(0)
	case key.Matches(msg, k.Bottom):
		m.move(len(m.rows) - 1)
	case key.Matches(msg, k.Retry):
		return m, m.retry()
	case key.Matches(msg, k.Discard):
		m.askDiscard()
	}
	return m, nil
}

func (m *Model) move(i int) { m.cursor = common.Clamp(i, len(m.rows)) }

// selected returns the row under the cursor.
func (m *Model) selected() (row, bool) {
	if len(m.rows) == 0 {
		return row{}, false
	}
	return m.rows[common.Clamp(m.cursor, len(m.rows))], true
}

// retry asks to send a failed action again.
func (m *Model) retry() tea.Cmd {
	r, ok := m.selected()
	if !ok {
		return nil
	}
	if r.State != core.ActionFailed {
		m.note = m.ctx.T.T("root.outbox.retry_failed_only")
		return nil
	}
	return intent(common.Intent{Kind: common.IntentRetry, ActionID: r.ID})
}

// askDiscard opens the confirmation for the selected action, if it can
// still be discarded (failed, or waiting and not yet being sent).
func (m *Model) askDiscard() {
	r, ok := m.selected()
	if !ok {
		return
	}
	if r.State != core.ActionFailed && r.State != core.ActionPending {
		m.note = m.ctx.T.T("root.outbox.discard_open_only")
		return
	}
	t := m.ctx.T
	body := t.T("root.outbox.discard_body", KindWord(t, r.Kind), common.OneLine(r.ClientName))
	if ex := common.OneLine(r.ItemExcerpt); ex != "" {
		body += "\n«" + ex + "»"
	}
	id := confirmPrefix + strconv.FormatInt(r.ID, 10)
	m.confirm = dialog.NewConfirm(m.ctx.Styles, t, id, t.T("root.outbox.discard_title"), body, false)
	m.confirm.SetWidth(m.dialogWidth())
}

// updateConfirm gives input to the open confirmation.
func (m *Model) updateConfirm(msg tea.Msg) tea.Cmd {
	next, cmd := m.confirm.Update(msg)
	m.confirm = next
	return cmd
}

// confirmed closes the confirmation and, when the CM said yes, asks to
// discard the action it named.
func (m *Model) confirmed(res dialog.ConfirmResult) tea.Cmd {
	idText, ours := strings.CutPrefix(res.ID, confirmPrefix)
	if !ours {
		return nil
	}
	m.confirm = nil
	id, err := strconv.ParseInt(idText, 10, 64)
	if !res.OK || err != nil {
		return nil
	}
	return intent(common.Intent{Kind: common.IntentDiscard, ActionID: id, Reason: res.Reason})
}

// intent returns in as the message asking the root to execute it.
func intent(in common.Intent) tea.Cmd {
	return func() tea.Msg { return common.IntentMsg{Intent: in} }
}

// load reads the three sections in one Cmd.
func (m *Model) load() tea.Cmd {
	m.seq++
	seq, src := m.seq, m.ctx.Source
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
		defer cancel()
		sections := []struct {
			g      group
			states []core.ActionState
			limit  int
		}{
			{groupFailed, []core.ActionState{core.ActionFailed}, openLimit},
			{groupWaiting, []core.ActionState{core.ActionPending, core.ActionClaimed}, openLimit},
			{groupRecent, []core.ActionState{core.ActionDone, core.ActionCancelled}, recentLimit},
		}
		msg := loadedMsg{seq: seq}
		for _, s := range sections {
			views, err := src.Actions(ctx, s.states, s.limit)
			if err != nil {
				msg.err = fmt.Errorf("outbox: %w", err)
				return msg
			}
			for _, v := range views {
				msg.rows = append(msg.rows, row{ActionView: v, group: s.g})
			}
		}
		return msg
	}
}

// apply keeps the latest answer and the cursor on the same action when it
// is still listed; an error keeps the rows already shown.
func (m *Model) apply(msg loadedMsg) {
	if msg.seq != m.seq {
		return
	}
	m.err = msg.err
	if msg.err != nil {
		return
	}
	var keep int64
	if r, ok := m.selected(); ok {
		keep = r.ID
	}
	m.rows, m.loaded = msg.rows, true
	for i, r := range m.rows {
		if r.ID == keep {
			m.cursor = i
			return
		}
	}
	m.move(m.cursor)
}
