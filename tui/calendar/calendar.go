// Package calendar is the deck's Calendar pane: the clients' posts in a
// week (days as columns, hours as rows), a month (a grid of days with
// counts and first titles) or an agenda (a list by day), filtered by
// client and account; a composer to plan a post for several accounts at
// once; and keys to edit, delete, duplicate, publish now, retry and move
// posts, each a store write in a Cmd carrying who acts.
//
// The pane reads only the visible period (load.go), keeps the cursor as a
// day and an hour so switching views stays in place (period.go), shows a
// move at once and takes it back if the store refuses (writes.go).
package calendar

import (
	"os"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/store"
	"cmdeck/tui/common"
	"cmdeck/tui/dialog"
	"cmdeck/tui/postcompose"
)

// Model is the Calendar pane. It implements common.Pane.
type Model struct {
	ctx  common.Context
	keys KeyMap
	env  func(string) string // reads $VISUAL/$EDITOR for the composer

	width, height int

	view   viewKind
	at     time.Time // the cursor: a day and an hour, in Loc
	sel    int64     // the selected post (week, agenda); 0 for none
	filter filter
	dir    directory

	seq     int     // the latest load; older answers are dropped
	asking  loadKey // what the latest load asked for
	loading bool
	paging  bool // the agenda's next page is being read
	err     error
	today   time.Time // midnight of today at the last load, in Loc
	data    periodData

	agendaVP common.Viewport // the agenda's scroll
	seek     time.Time       // the agenda's cursor waits for a page holding this time

	// Writes in flight; loads wait for the last one so they never undo
	// an optimistic change with a read that predates it.
	inflight    int
	reloadAfter bool

	notice   notice
	dialog   dialog.Dialog
	asked    asked
	details  int64 // the post whose details are open, 0 when closed
	composer *postcompose.Model
	parked   *postcompose.Model // a new post closed unsaved, offered again by n

	reportDir string // where :draw writes the draw; "" = the temp directory
}

// notice is a one-off message in the footer: what a key did, or why not.
type notice struct {
	text string
	bad  bool
}

// filter narrows the calendar to one client and/or one account.
type filter struct{ client, account int64 }

// directory is the workspace's clients and accounts.
type directory struct {
	clients  []core.Client
	accounts []store.AccountSync
}

// New returns the Calendar pane on the week of now; it loads on Init.
// Missing parts of ctx get safe defaults (English, UTC, the system clock,
// the dark theme) rather than a crash.
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
	now := ctx.Clock.Now()
	return &Model{ctx: ctx, keys: km, env: os.Getenv, at: atHour(now, now.In(ctx.Loc).Hour(), ctx.Loc),
		today: common.StartOfDay(now, ctx.Loc)}
}

// SetEnv replaces how the composer reads $VISUAL and $EDITOR.
func (m *Model) SetEnv(env func(string) string) {
	if env != nil {
		m.env = env
	}
}

// Init reads the period and the workspace.
func (m *Model) Init() tea.Cmd { return tea.Batch(m.load(), m.loadDirectory()) }

// Title is the tab label.
func (m *Model) Title() string { return m.ctx.T.T("calendar.title") }

// SetSize gives the pane its cells.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	if m.composer != nil {
		m.composer.SetSize(m.width, m.height)
	}
	if m.dialog != nil {
		m.sizeDialog()
	}
}

// Capturing is true while the composer or a dialog takes the keyboard.
func (m *Model) Capturing() bool { return m.composer != nil || m.dialog != nil }

// ShortHelp lists the keys that act now, for the help bar.
func (m *Model) ShortHelp() []key.Binding {
	switch {
	case m.composer != nil:
		return m.composer.ShortHelp()
	case m.dialog != nil:
		if h, ok := m.dialog.(interface{ ShortHelp() []key.Binding }); ok {
			return h.ShortHelp()
		}
		return nil
	case m.details != 0:
		return m.detailsHelp()
	}
	return m.keys.ShortHelp()
}

// FullHelp lists every binding for the ? overlay.
func (m *Model) FullHelp() [][]key.Binding { return m.keys.FullHelp() }

// closeKey is esc, which closes the details.
func closeKey(t *i18n.Catalog) key.Binding {
	return key.NewBinding(key.WithKeys("esc"), key.WithHelp(t.T("calendar.keyname.esc"), t.T("calendar.key.close")))
}

// Update handles keys (when focused), the pane's own results, dialog and
// composer answers, and the broadcasts that make it read again.
func (m *Model) Update(msg tea.Msg) (common.Pane, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case loadedMsg:
		m.apply(msg)
		cmd = m.loadPage()
	case pageMsg:
		m.applyPage(msg)
		cmd = m.loadPage()
	case directoryMsg:
		if msg.err == nil {
			m.dir = directory{clients: msg.clients, accounts: msg.accounts}
		}
	case wroteMsg:
		cmd = m.wrote(msg)
	case common.DataChangedMsg:
		cmd = tea.Batch(m.load(), m.loadDirectory())
	case common.TickMsg:
		cmd = m.tick(msg.Now)
	case common.RunActionMsg:
		if m.composer == nil && m.dialog == nil {
			cmd = m.runAction(msg)
		}
	case drawnMsg:
		m.drawn(msg)
	case dialog.ConfirmResult, dialog.PickerResult:
		cmd = m.onDialogResult(msg)
	case postcompose.SubmitMsg:
		cmd = m.save(msg)
	case postcompose.CloseMsg:
		m.closeComposer()
	case tea.KeyPressMsg:
		cmd = m.handleKey(msg)
	case tea.PasteMsg:
		cmd = m.routeInput(msg)
	default:
		// Anything else may be the composer's own (its editor, its checks).
		if m.composer != nil {
			m.composer, cmd = m.composer.Update(msg)
		}
	}
	return m, cmd
}

// tick reloads when the day changed (today moves) or the last load failed,
// and catches up with a resize (a taller month shows more titles: the root
// sizes panes without a message).
func (m *Model) tick(now time.Time) tea.Cmd {
	if m.err != nil || !common.StartOfDay(now, m.ctx.Loc).Equal(m.today) {
		return m.load()
	}
	return m.reloadIfMoved()
}

// routeInput gives typed input to the open dialog, else the composer.
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

// handleKey gives the key to whatever is open, else runs its action.
func (m *Model) handleKey(k tea.KeyPressMsg) tea.Cmd {
	if m.dialog != nil || m.composer != nil {
		return m.routeInput(k)
	}
	m.notice = notice{}
	if m.details != 0 {
		return m.detailsKey(k)
	}
	return m.do(m.keys.action(k))
}
