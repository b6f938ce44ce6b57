// Package inbox is the deck's Inbox pane: a virtualized list of every
// incoming message across the clients, newest first, with the selected
// message's conversation and author card beside or below it.
//
// The list never holds the whole table: it keeps a few pages around the
// cursor (window.go) and asks the store for the next page, by keyset, as
// the cursor nears an edge (list.go). All reads run in tea.Cmds and come
// back as the pane's own messages (msgs.go), each tagged so stale answers
// are dropped.
package inbox

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// Model is the Inbox pane. It implements common.Pane.
type Model struct {
	keys   KeyMap
	styles *common.Styles
	t      *i18n.Catalog
	clock  core.Clock
	loc    *time.Location

	width, height int

	list     list
	thread   thread
	rowCache rowCache // drawn rows, emptied whenever a reload lands
	convMemo convMemo // the drawn conversation block of the last frame
}

// New returns the Inbox pane; it loads on Init. Missing parts of ctx get
// safe defaults (English, UTC, the system clock, the dark theme) rather
// than a crash; a missing Source shows as an error in the pane.
func New(ctx common.Context, km KeyMap) *Model {
	m := &Model{keys: km, styles: ctx.Styles, t: ctx.T, clock: ctx.Clock, loc: ctx.Loc}
	if m.styles == nil {
		m.styles = common.NewStyles(common.DefaultPalette(true))
	}
	if m.t == nil {
		m.t = i18n.New(i18n.EN)
	}
	if m.clock == nil {
		m.clock = core.SystemClock{}
	}
	if m.loc == nil {
		m.loc = time.UTC
	}
	m.list = newList(ctx.Source)
	m.thread = newThread(ctx.Source)
	return m
}

// Init loads the newest page and the count.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.list.reloadTop(0), m.list.count())
}

// Title is the tab label.
func (m *Model) Title() string { return m.t.T("inbox.title") }

// SetSize gives the pane its cells.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.list.win.setHeight(m.layout().listRows())
}

// ShortHelp lists the bindings that act now, for the help bar.
func (m *Model) ShortHelp() []key.Binding {
	if m.thread.focused {
		return []key.Binding{m.keys.Down, m.keys.Up, m.keys.Back}
	}
	return []key.Binding{m.keys.Down, m.keys.Up, m.keys.Open}
}

// FullHelp lists every binding for the ? overlay.
func (m *Model) FullHelp() [][]key.Binding { return m.keys.FullHelp() }

// Capturing is false: the inbox takes no text input yet.
func (m *Model) Capturing() bool { return false }

// Update handles keys (when focused), the pane's own query results, and the
// broadcasts that make it re-read. After each, it asks for the pages the
// window now needs and follows the selection with the conversation.
func (m *Model) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case pageMsg:
		if m.list.apply(msg) {
			m.rowCache.reset() // a reload may carry new states for shown items
		}
	case countMsg:
		m.list.applyCount(msg)
	case threadDueMsg:
		sel, ok := m.list.win.selected()
		cmd = m.thread.due(msg, sel, ok)
	case threadMsg:
		m.thread.apply(msg)
	case common.DataChangedMsg:
		sel, ok := m.list.win.selected()
		cmd = tea.Batch(m.list.refresh(), m.list.count(), m.thread.reload(sel, ok))
	case tea.KeyPressMsg:
		cmd = m.handleKey(msg)
	case tea.WindowSizeMsg:
		// The root sizes panes through SetSize; this is only the chance to
		// fetch rows for a taller view.
	default:
		return m, nil
	}
	sel, ok := m.list.win.selected()
	return m, tea.Batch(cmd, m.list.fetchMore(), m.thread.follow(sel, ok))
}

// handleKey routes a key to the conversation when it has the focus, else
// to the list.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.thread.focused {
		m.threadKey(msg)
		return nil
	}
	page := max(m.list.win.height, 1)
	switch {
	case key.Matches(msg, m.keys.Down):
		m.list.moveBy(1)
	case key.Matches(msg, m.keys.Up):
		m.list.moveBy(-1)
	case key.Matches(msg, m.keys.PageDown):
		m.list.moveBy(page)
	case key.Matches(msg, m.keys.PageUp):
		m.list.moveBy(-page)
	case key.Matches(msg, m.keys.Top):
		return m.list.top()
	case key.Matches(msg, m.keys.Bottom):
		return m.list.bottom()
	case key.Matches(msg, m.keys.Open):
		m.focusThread()
	}
	return nil
}

// focusThread gives the conversation the keys, starting where it shows.
func (m *Model) focusThread() {
	sel, ok := m.list.win.selected()
	if !ok {
		return
	}
	lay := m.layout()
	rows := m.convRows(sel, lay)
	if rows <= 0 {
		return // no room to show it
	}
	lines, from, to := m.conversation(sel, lay.threadW, m.clock.Now())
	m.thread.focused = true
	m.thread.offset = autoOffset(from, to, len(lines), rows)
}

// threadKey scrolls the focused conversation, or gives the focus back.
func (m *Model) threadKey(msg tea.KeyPressMsg) {
	if key.Matches(msg, m.keys.Back) {
		m.thread.focused = false
		return
	}
	sel, ok := m.list.win.selected()
	if !ok {
		m.thread.focused = false
		return
	}
	lay := m.layout()
	h := max(m.convRows(sel, lay), 1)
	lines, _, _ := m.conversation(sel, lay.threadW, m.clock.Now())
	n := len(lines)
	switch {
	case key.Matches(msg, m.keys.Down):
		m.thread.scroll(1, n, h)
	case key.Matches(msg, m.keys.Up):
		m.thread.scroll(-1, n, h)
	case key.Matches(msg, m.keys.PageDown):
		m.thread.scroll(h, n, h)
	case key.Matches(msg, m.keys.PageUp):
		m.thread.scroll(-h, n, h)
	case key.Matches(msg, m.keys.Top):
		m.thread.scroll(-n, n, h)
	case key.Matches(msg, m.keys.Bottom):
		m.thread.scroll(n, n, h)
	}
}

// Selected returns the item under the cursor, for the root and later
// actions (reply, moderate).
func (m *Model) Selected() (store.ItemView, bool) { return m.list.win.selected() }
