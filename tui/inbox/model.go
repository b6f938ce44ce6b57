// Package inbox is the deck's Inbox pane: a virtualized list of every
// incoming message across the clients, newest first, with the selected
// message's conversation and author card beside or below it; filters,
// search, a bulk selection, triage and moderation keys, and the reply
// composer under the thread.
//
// The list never holds the whole table: it keeps a few pages around the
// cursor (window.go) and asks the store for the next page, by keyset, as
// the cursor nears an edge (list.go). All reads run in tea.Cmds and come
// back as the pane's own messages (msgs.go), each tagged so stale answers
// are dropped. Actions never touch the store: they are returned as
// common.IntentMsg for the root to execute (actions.go).
package inbox

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/store"
	"cmdeck/tui/common"
	"cmdeck/tui/compose"
	"cmdeck/tui/dialog"
)

// Model is the Inbox pane. It implements common.Pane.
type Model struct {
	keys   KeyMap
	styles *common.Styles
	t      *i18n.Catalog
	clock  core.Clock
	loc    *time.Location
	ctx    common.Context // the rest of what the root handed down (caps, config)

	width, height int

	list     list
	thread   thread
	rowCache rowCache // drawn rows, emptied whenever a reload lands
	convMemo convMemo // the drawn conversation block of the last frame

	filter  filterState
	crises  []common.Crisis // clients in crisis mode: their pins follow the saved filters
	sel     selection
	pending pendingMarks
	notice  notice // a one-off message in the header, cleared by the next key

	dialog dialog.Dialog // the open dialog, nil when none
	asked  asked         // what the open dialog was opened for

	composer *compose.Model      // the reply being written, nil when none
	drafts   map[int64]string    // replies put aside with esc, by item id
	editing  store.ItemView      // the item last replied to in $EDITOR (R)
	env      func(string) string // reads $VISUAL/$EDITOR; nil = the process's

	// shown is set by View and read (then cleared) by Update: the root
	// draws only the focused pane, so it tells whether the pane is on
	// screen, for the counts' sake.
	shown bool

	reading reading // what the reading pane shows (reading.go)
}

// notice is a message shown in place of the header's filter description:
// why a key did nothing, an error to fix.
type notice struct {
	text string
	err  bool
}

// New returns the Inbox pane; it loads on Init. Missing parts of ctx get
// safe defaults (English, UTC, the system clock, the dark theme) rather
// than a crash; a missing Source shows as an error in the pane.
func New(ctx common.Context, km KeyMap) *Model {
	m := &Model{keys: km, styles: ctx.Styles, t: ctx.T, clock: ctx.Clock, loc: ctx.Loc, ctx: ctx}
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
	m.filter = newFilterState()
	m.drafts = map[int64]string{}
	return m
}

// Init loads the newest page, the counts and the workspace (for the filter
// picker and client names in queries).
func (m *Model) Init() tea.Cmd {
	m.filter.lastCount = m.clock.Now()
	return tea.Batch(m.list.reloadTop(0), m.list.count(), m.filter.countAll(m.list.src),
		fetchDirectory(m.list.src))
}

// Title is the tab label.
func (m *Model) Title() string { return m.t.T("inbox.title") }

// SetSize gives the pane its cells.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	lay := m.layout()
	m.list.win.setHeight(lay.listRows())
	if m.composer != nil {
		m.composer.SetSize(lay.threadW, lay.composeH)
	}
	if m.dialog != nil {
		m.sizeDialog()
	}
}

// Capturing is true while the composer or a dialog takes the keyboard, so
// the root leaves q, 1-4 and u to them.
func (m *Model) Capturing() bool { return m.composer != nil || m.dialog != nil }

// Update handles keys (when focused), the pane's own query results, dialog
// and composer answers, and the broadcasts that make it re-read. After
// each, it asks for the pages the window now needs and follows the
// selection with the conversation.
func (m *Model) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	visible := m.shown
	m.shown = false
	m.keepReading() // a switch of mode keeps what the pane showed
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case pageMsg:
		current := msg.gen == m.list.gen
		if m.list.apply(msg) {
			m.rowCache.reset() // a reload may carry new states for shown items
			m.pending.reset()
		}
		if current {
			m.pending.set(msg.ids(), msg.pending)
		}
		m.sel.refresh(m.list.win.rows)
		m.trackVisual()
	case countMsg:
		m.list.applyCount(msg)
	case countsMsg:
		cmd = m.filter.applyCounts(msg, m.list.src)
	case countDueMsg:
		m.filter.countTimer = false // maybeCount below runs the recount
	case threadDueMsg:
		sel, ok := m.readingItem()
		cmd = m.thread.due(msg, sel, ok)
	case threadMsg:
		m.thread.apply(msg)
	case historyMsg:
		m.thread.applyHistory(msg)
	case resolvedMsg:
		cmd = m.onResolved(msg)
	case pipeDoneMsg:
		cmd = m.pipeDone(msg)
	case directoryMsg:
		if msg.err == nil {
			m.filter.dir = msg.dir
		}
	case common.DataChangedMsg:
		cmd = m.reloadAll()
	case common.OutcomeMsg:
		cmd = m.onOutcome(msg)
	case common.RunActionMsg:
		cmd = m.runAction(msg)
	case common.ShowItemsMsg:
		cmd = m.showItems(msg)
	case common.CrisesMsg:
		cmd = m.onCrises(msg)
	case dialog.ConfirmResult, dialog.PromptResult, dialog.PickerResult:
		cmd = m.onDialogResult(msg)
	case compose.SendMsg, compose.CloseMsg, compose.EditorDoneMsg:
		cmd = m.onComposer(msg)
	case tea.KeyPressMsg:
		cmd = m.handleKey(msg)
	case tea.PasteMsg:
		cmd = m.routeInput(msg)
	case tea.WindowSizeMsg, common.TickMsg:
		// The root sizes panes through SetSize; ages follow the clock in
		// View. Both are the chance to fetch rows for a taller view, and
		// to count what waited for the pane to be on screen.
	default:
		// Anything else may belong to the composer (its own ticks).
		if m.composer == nil {
			return m, nil
		}
		m.composer, cmd = m.composer.Update(msg)
		return m, cmd
	}
	m.keepReading()
	sel, ok := m.readingItem()
	now := m.clock.Now()
	return m, tea.Batch(cmd, m.list.fetchMore(), m.thread.follow(sel, ok, now),
		m.filter.maybeCount(m.list.src, visible, now))
}

// routeInput gives typed input to the open dialog, else the composer.
// It reports nil when neither is open.
func (m *Model) routeInput(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch {
	case m.dialog != nil:
		m.dialog, cmd = m.dialog.Update(msg)
	case m.composer != nil:
		m.composer, cmd = m.composer.Update(msg)
	}
	return cmd
}

// handleKey sends a key to the open dialog or composer, else runs the
// action it is bound to.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.dialog != nil || m.composer != nil {
		return m.routeInput(msg)
	}
	m.notice = notice{}
	name := m.actionFor(msg)
	if name == "" {
		return nil
	}
	return m.run(name, "", false)
}

// actionFor names the action a key is bound to, "" when none.
func (m *Model) actionFor(msg tea.KeyPressMsg) string {
	acts := m.keys.Actions()
	for _, name := range actionOrder() {
		if key.Matches(msg, *acts[name]) {
			return name
		}
	}
	return ""
}

// runAction runs an action the command line named (":done", ":tag idea").
// Unknown names are answered in the header rather than ignored.
func (m *Model) runAction(msg common.RunActionMsg) tea.Cmd {
	if m.dialog != nil || m.composer != nil {
		return nil // the command line cannot open while they capture; be safe
	}
	m.notice = notice{}
	name, ok := actionName(msg.Action)
	if !ok {
		m.notice = notice{text: m.t.T("inbox.err.unknown_action", common.OneLine(msg.Action)), err: true}
		return nil
	}
	return m.run(name, msg.Args, true)
}

// actionName strips the pane prefix of a command's action name (inbox.done)
// and checks the name.
func actionName(full string) (string, bool) {
	const prefix = "inbox."
	if len(full) <= len(prefix) || full[:len(prefix)] != prefix {
		return "", false
	}
	name := full[len(prefix):]
	for _, a := range actionOrder() {
		if a == name {
			return name, true
		}
	}
	return "", false
}

// run carries out one action. args is what the command line gave (the
// answer the key would have asked for); fromCmd says it came from there.
func (m *Model) run(name, args string, fromCmd bool) tea.Cmd {
	switch name {
	case actDown, actUp, actPageDown, actPageUp, actTop, actBottom:
		return m.navigate(name)
	case actOpen:
		if cur, ok := m.list.win.selected(); ok && !m.showsCursor() {
			m.pin(cur) // Lite mode: the first enter shows it, the next reads it
			return nil
		}
		m.focusThread()
		return nil
	case actBack:
		return m.back()
	case actSelect, actVisual:
		m.selectAction(name)
		return nil
	case actCopy, actOpenLink:
		return m.linkAction(name)
	case actPipe:
		return m.pipeAction(args)
	case actSearch, actFilter, actNeedsReply, actUnread, actAll, actDoneFilter, actHidden,
		actPrevFilter, actNextFilter:
		return m.filterAction(name, args, fromCmd)
	}
	return m.itemAction(name, args, fromCmd)
}

// navigate moves in the conversation when it has the focus, else in the
// list.
func (m *Model) navigate(name string) tea.Cmd {
	if m.thread.focused {
		m.threadNav(name)
		return nil
	}
	page := max(m.list.win.height, 1)
	var cmd tea.Cmd
	switch name {
	case actDown:
		m.list.moveBy(1)
	case actUp:
		m.list.moveBy(-1)
	case actPageDown:
		m.list.moveBy(page)
	case actPageUp:
		m.list.moveBy(-page)
	case actTop:
		cmd = m.list.top()
	case actBottom:
		cmd = m.list.bottom()
	}
	m.trackVisual()
	return cmd
}

// back leaves what esc leaves, one layer at a time: the conversation's
// focus, then the selection, then the search and filter.
func (m *Model) back() tea.Cmd {
	switch {
	case m.thread.focused:
		m.thread.focused = false
	case m.sel.active():
		m.sel.clear()
	case m.filter.narrowed():
		return m.clearFilters()
	}
	return nil
}

// focusThread gives the conversation the keys, starting where it shows.
func (m *Model) focusThread() {
	sel, ok := m.readingItem()
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

// threadNav scrolls the focused conversation.
func (m *Model) threadNav(name string) {
	sel, ok := m.readingItem()
	if !ok {
		m.thread.focused = false
		return
	}
	lay := m.layout()
	h := max(m.convRows(sel, lay), 1)
	lines, _, _ := m.conversation(sel, lay.threadW, m.clock.Now())
	n := len(lines)
	switch name {
	case actDown:
		m.thread.scroll(1, n, h)
	case actUp:
		m.thread.scroll(-1, n, h)
	case actPageDown:
		m.thread.scroll(h, n, h)
	case actPageUp:
		m.thread.scroll(-h, n, h)
	case actTop:
		m.thread.scroll(-n, n, h)
	case actBottom:
		m.thread.scroll(n, n, h)
	}
}

// reloadAll re-reads everything shown after the data changed; the quick
// filters' counts follow when the pane is on screen (maybeCount).
func (m *Model) reloadAll() tea.Cmd {
	sel, ok := m.readingItem()
	m.filter.countsDue = true
	return tea.Batch(m.list.refresh(), m.list.count(), m.thread.reload(sel, ok))
}

// onOutcome follows an executed intent: the selection it used is spent,
// and the store changed. A reply that failed to queue goes back to its
// draft, so nothing typed is lost.
func (m *Model) onOutcome(msg common.OutcomeMsg) tea.Cmd {
	if msg.Err != nil {
		if in := msg.Intent; in.Kind == common.IntentReply && len(in.ItemIDs) == 1 && in.Text != "" {
			if _, kept := m.drafts[in.ItemIDs[0]]; !kept {
				m.drafts[in.ItemIDs[0]] = in.Text
			}
		}
		return m.reloadAll()
	}
	m.sel.clear()
	return m.reloadAll()
}

// Selected returns the item under the cursor, for the root and later
// actions (reply, moderate).
func (m *Model) Selected() (store.ItemView, bool) { return m.list.win.selected() }
