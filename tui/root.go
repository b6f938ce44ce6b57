package tui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"cmdeck/tui/cmdline"
	"cmdeck/tui/common"
)

// The panes, in tab order.
const (
	paneInbox = iota
	paneCalendar
	paneAlerts
	paneStats
	paneCount
)

// paneName is a pane's action prefix ("inbox" for "inbox.down").
func paneName(i int) string {
	return [paneCount]string{"inbox", "calendar", "alerts", "stats"}[i]
}

// Model is the deck. It implements tea.Model.
type Model struct {
	opts    Options
	ctx     common.Context
	keys    *deckKeys
	actions []scope // action names for the ? overlay: global, then each pane

	panes    []common.Pane
	focus    int
	overlays []Overlay // the last one is on top and gets the keys

	width, height int
	status        status
	version       int64 // the store's data version last seen
	versionSeen   bool
	quitting      bool
	flash         flash            // the status bar's message about the last action
	history       *cmdline.History // the command line's history for the session
	notify        *notifier        // the bell and desktop notification of new alerts
	crisis        crisisState      // the clients in crisis mode, for the banner
	liteState     liteState        // the low-bandwidth mode's colors (lite.go)
	// alertMark is the newest alert id seen in the store (alertwatch.go),
	// once alertMarkSet: newer open alerts are announced.
	alertMark    int64
	alertMarkSet bool

	// after delivers msg after d (tea.Tick); tests replace it so that
	// running the deck's commands never waits on real time.
	after func(d time.Duration, msg tea.Msg) tea.Cmd
}

// Init asks for the terminal's background (to pick light or dark styles,
// unless there is no color), starts every pane's first load, the status
// query and the timers.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.queryStatus(), m.queryVersion(false), m.queryCrises(0), m.queryAlerts(), m.scheduleAgeTick()}
	if !m.opts.NoColor {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	for _, p := range m.panes {
		cmds = append(cmds, p.Init())
	}
	return tea.Batch(cmds...)
}

// Update only dispatches: keys to the overlay, the global bindings or the
// focused pane; the deck's own messages to their handlers; everything else
// to every pane, so results reach their owner whatever has the focus.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	case tea.KeyReleaseMsg:
		return m, nil
	case tea.PasteMsg:
		return m, m.routeInput(msg)
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
		return m, nil
	case tea.BackgroundColorMsg:
		m.setTheme(msg.IsDark())
		return m, nil
	case tea.ColorProfileMsg:
		return m, m.onColorProfile(msg)
	case common.SyncEvent:
		return m, m.onSync(msg)
	case common.DataChangedMsg:
		return m, m.dataChanged(msg)
	case common.ActionReportMsg:
		return m, m.onActionReport(msg)
	case statusMsg:
		m.status.apply(msg)
		return m, nil
	case versionMsg:
		return m, m.onVersion(msg)
	case pollMsg:
		return m, m.queryVersion(false)
	case ageTickMsg:
		return m, tea.Batch(m.broadcast(common.TickMsg{Now: m.ctx.Clock.Now()}), m.scheduleAgeTick())
	case common.IntentMsg:
		return m, m.execute(msg.Intent)
	case common.OutcomeMsg:
		return m, m.onOutcome(msg)
	case flashDoneMsg:
		m.flash.expire(msg)
		return m, nil
	case cmdline.RunMsg:
		return m, m.runCommand(msg)
	case crisesMsg:
		return m, m.onCrises(msg)
	case alertsReadMsg:
		return m, m.onAlertsRead(msg)
	case crisisSetMsg:
		return m, m.onCrisisSet(msg)
	case common.CrisisRequestMsg:
		return m, m.requestCrisis(msg)
	case common.ShowItemsMsg:
		// The Inbox shows the items under a chip (or query) that esc removes.
		m.focusPane(paneInbox)
		return m, m.updatePane(paneInbox, msg)
	case common.ShowTextMsg:
		m.push(newTextOverlay(m.ctx, msg.Title, msg.Text))
		return m, nil
	case common.CopyMsg, common.OpenLinkMsg, linkOpenedMsg:
		return m, m.onLink(msg)
	case common.GotoPaneMsg:
		if msg.Pane >= 0 && msg.Pane < paneCount {
			m.focusPane(msg.Pane)
		}
		return m, nil
	}
	return m, m.broadcast(msg)
}

// handleKey routes a key press: ctrl+c always quits; then the top overlay;
// then the global bindings unless the pane is taking text; then the pane.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if msg.String() == "ctrl+c" {
		return m.quit()
	}
	if len(m.overlays) > 0 {
		return m.routeInput(msg)
	}
	if !m.panes[m.focus].Capturing() {
		if cmd, ok := m.globalKey(msg); ok {
			return cmd
		}
	}
	return m.updatePane(m.focus, msg)
}

// globalKey runs a deck-wide binding; ok is false when msg is none of them.
func (m *Model) globalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := &m.keys.global
	switch {
	case key.Matches(msg, k.Quit):
		return m.quit(), true
	case key.Matches(msg, k.Help):
		m.openHelp()
		return nil, true
	case key.Matches(msg, k.Sync):
		return m.syncNow(), true
	case key.Matches(msg, k.NextPane):
		m.focusPane(m.focus + 1)
		return nil, true
	case key.Matches(msg, k.PrevPane):
		m.focusPane(m.focus - 1)
		return nil, true
	case key.Matches(msg, k.Undo):
		return m.execute(common.Intent{Kind: common.IntentUndo}), true
	case key.Matches(msg, k.Outbox):
		return m.openOutbox(), true
	case key.Matches(msg, k.Accounts):
		return m.openAccounts(), true
	case key.Matches(msg, k.Command):
		m.openCommandLine()
		return nil, true
	}
	for i, b := range k.gotoPane() {
		if key.Matches(msg, b) {
			m.focusPane(i)
			return nil, true
		}
	}
	return nil, false
}

// routeInput gives keyboard input (keys, paste) to the top overlay, or to
// the focused pane when no overlay is open.
func (m *Model) routeInput(msg tea.Msg) tea.Cmd {
	if n := len(m.overlays); n > 0 {
		return m.updateOverlay(n-1, msg)
	}
	return m.updatePane(m.focus, msg)
}

// updateOverlay sends msg to one overlay and keeps what it returns; nil
// closes it.
func (m *Model) updateOverlay(i int, msg tea.Msg) tea.Cmd {
	next, cmd := m.overlays[i].Update(msg)
	if next == nil {
		m.overlays = append(m.overlays[:i], m.overlays[i+1:]...)
	} else {
		m.overlays[i] = next
	}
	return cmd
}

// focusPane moves the focus, wrapping around the tabs.
func (m *Model) focusPane(i int) {
	m.focus = ((i % paneCount) + paneCount) % paneCount
}

// updatePane sends msg to one pane and keeps what it returns.
func (m *Model) updatePane(i int, msg tea.Msg) tea.Cmd {
	p, cmd := m.panes[i].Update(msg)
	if p != nil {
		m.panes[i] = p
	}
	return cmd
}

// broadcast sends msg to every pane and every open overlay; each ignores
// what isn't its own (a dialog's answer finds the overlay that asked, a
// data change refreshes the outbox view).
func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(m.panes)+len(m.overlays))
	for i := range m.panes {
		cmds = append(cmds, m.updatePane(i, msg))
	}
	for i := len(m.overlays) - 1; i >= 0; i-- {
		cmds = append(cmds, m.updateOverlay(i, msg))
	}
	return tea.Batch(cmds...)
}

// notifyOverlays sends msg to the open overlays only: the panes have no
// use for it.
func (m *Model) notifyOverlays(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(m.overlays))
	for i := len(m.overlays) - 1; i >= 0; i-- {
		cmds = append(cmds, m.updateOverlay(i, msg))
	}
	return tea.Batch(cmds...)
}

// syncNow asks the engine for a sync; the status bar says "syncing…" until
// the next sync event.
func (m *Model) syncNow() tea.Cmd {
	trigger := m.opts.Trigger
	if trigger == nil {
		return nil
	}
	m.status.syncing = true
	return func() tea.Msg {
		trigger()
		return nil
	}
}

func (m *Model) quit() tea.Cmd {
	m.quitting = true
	return tea.Quit
}

// setTheme rebuilds the styles in place: every pane holds the same pointer.
func (m *Model) setTheme(dark bool) {
	if m.opts.NoColor {
		return
	}
	lite := m.ctx.Styles.Lite
	*m.ctx.Styles = *common.NewStyles(common.DefaultPalette(dark))
	m.ctx.Styles.Lite = lite
}

// Focused returns the index of the focused pane in tab order (0 Inbox,
// 1 Calendar, 2 Alerts, 3 Stats).
func (m *Model) Focused() int { return m.focus }
