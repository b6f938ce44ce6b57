// Package alerts is the deck's Alerts pane: the open alerts by severity
// then time (or the history of resolved ones), a page at a time by keyset,
// with the selected alert's details: its newest matching items and two
// sparklines of its client's hourly volume and negative share around it.
// Keys acknowledge, snooze and resolve an alert (store writes in Cmds,
// carrying who acts), jump to its items in the Inbox, filter by client,
// and put the alert's client in crisis mode (the root writes that one:
// the command line's :crisis does the same).
package alerts

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/store"
	"cmdeck/tui/common"
	"cmdeck/tui/dialog"
)

// Model is the Alerts pane. It implements common.Pane.
type Model struct {
	ctx  common.Context
	keys KeyMap

	width, height int

	history bool  // resolved alerts instead of open ones
	client  int64 // only this client's alerts; 0 every client

	list    alertList
	cursor  int
	vp      common.Viewport
	detail  detail
	shown   shown // the details' alert in the low-bandwidth mode (shown.go)
	clients []core.Client
	crises  map[int64]time.Time // clients in crisis mode, from the root

	// Writes in flight: a load waits for the last one, so a read that
	// predates a write never puts back what it changed.
	inflight    int
	reloadAfter bool

	notice notice
	dialog dialog.Dialog
	asked  asked
}

// notice is a one-off message in the header: what a key did, or why not.
type notice struct {
	text string
	bad  bool
}

// New returns the Alerts pane; it loads on Init. Missing parts of ctx get
// safe defaults (English, UTC, the system clock, the dark theme) rather
// than a crash.
func New(ctx common.Context, km KeyMap) *Model {
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
	return &Model{ctx: ctx, keys: km, crises: map[int64]time.Time{}}
}

// Init starts the first load.
func (m *Model) Init() tea.Cmd { return m.load() }

// Title is the tab label.
func (m *Model) Title() string { return m.ctx.T.T("alerts.title") }

// SetSize gives the pane its cells.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	if m.dialog != nil {
		m.sizeDialog()
	}
	m.follow()
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
	k := m.keys
	if m.ctx.Styles.Lite {
		// The low-bandwidth mode: enter first shows the cursor's alert,
		// then its items. One word for both, so the bar stays the same
		// (and is not sent again) as the cursor moves.
		k.Open.SetHelp(k.Open.Help().Key, m.ctx.T.T("alerts.key.open_lite"))
	}
	if m.history {
		// A resolved alert can only be looked at.
		return []key.Binding{k.Open, k.History, k.Crisis, k.Client}
	}
	return k.ShortHelp()
}

// FullHelp lists the bindings for the ? overlay.
func (m *Model) FullHelp() [][]key.Binding { return m.keys.FullHelp() }

// Capturing is true while a dialog takes the keyboard.
func (m *Model) Capturing() bool { return m.dialog != nil }

// Update handles keys (when focused), the pane's own results, dialog
// answers, and the broadcasts that make it read again. The minute tick
// reloads: ages move, a snooze may have ended, the sparkline's hour turns.
func (m *Model) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	m.keepShown()
	defer m.keepShown()
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case loadedMsg:
		cmd = m.apply(msg)
	case pageMsg:
		m.applyPage(msg)
		cmd = m.loadPage()
	case detailMsg:
		m.detail.apply(msg)
	case wroteMsg:
		cmd = m.wrote(msg)
	case common.DataChangedMsg:
		cmd = m.load()
	case common.TickMsg:
		cmd = m.load()
	case common.CrisesMsg:
		m.setCrises(msg.Crises)
	case dialog.ConfirmResult, dialog.PickerResult:
		cmd = m.onDialogResult(msg)
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
	case actUp, actDown, actPageUp, actPageDown, actTop, actBottom:
		return m.move(action)
	case actOpen:
		return m.open()
	case actAck:
		return m.ack()
	case actSnooze:
		m.askSnooze()
	case actResolve:
		return m.resolve()
	case actHistory:
		return m.toggleHistory()
	case actClient:
		m.pickClient()
	case actCrisis:
		m.askCrisis()
	}
	return nil
}

// move moves the cursor, then reads the next page if the cursor nears
// the end, and the details of the alert it lands on.
func (m *Model) move(action string) tea.Cmd {
	page := max(m.listRows()-1, 1)
	before := m.selectedID()
	switch action {
	case actDown:
		m.cursor++
	case actUp:
		m.cursor--
	case actPageDown:
		m.cursor += page
	case actPageUp:
		m.cursor -= page
	case actTop:
		m.cursor = 0
	case actBottom:
		m.cursor = len(m.list.rows) - 1
	}
	m.cursor = common.Clamp(m.cursor, len(m.list.rows))
	m.follow()
	var cmd tea.Cmd
	if m.selectedID() != before && !m.ctx.Styles.Lite {
		cmd = m.loadDetail()
	}
	return tea.Batch(cmd, m.loadPage())
}

// selected is the alert under the cursor.
func (m *Model) selected() (store.AlertView, bool) {
	if m.cursor < 0 || m.cursor >= len(m.list.rows) {
		return store.AlertView{}, false
	}
	return m.list.rows[m.cursor], true
}

// selectedID is the id of the alert under the cursor, 0 when none.
func (m *Model) selectedID() int64 {
	a, _ := m.selected()
	return a.ID
}

// follow keeps the selected alert visible.
func (m *Model) follow() {
	m.vp.Show(m.cursor, m.cursor, len(m.list.rows), m.listRows())
}

// setCrises keeps which clients are in crisis mode.
func (m *Model) setCrises(list []common.Crisis) {
	m.crises = make(map[int64]time.Time, len(list))
	for _, c := range list {
		m.crises[c.ClientID] = c.Since
	}
}

// clientName is a client's display name, on one line ("–" when the
// client left the workspace).
func (m *Model) clientName(a store.AlertView) string {
	if name := common.OneLine(a.ClientName); name != "" {
		return name
	}
	for _, c := range m.clients {
		if c.ID == a.ClientID {
			return common.OneLine(c.Name)
		}
	}
	return "–"
}
