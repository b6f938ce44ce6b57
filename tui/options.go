// Package tui is the deck's root model: it holds the panes (Inbox, Calendar,
// Alerts, Stats), the focus and the overlays, routes keys to whoever owns
// them, broadcasts everything else, and draws the tab bar, status bar and
// help bar around the focused pane.
package tui

import (
	"context"
	"errors"
	"time"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/stats"
	"cmdeck/store"
	"cmdeck/tui/alerts"
	"cmdeck/tui/calendar"
	"cmdeck/tui/cmdline"
	"cmdeck/tui/common"
	"cmdeck/tui/inbox"
	statspane "cmdeck/tui/stats"
)

// Options is everything the deck is built from. Only Source is required.
type Options struct {
	Source    common.Source
	Clock     core.Clock     // nil: the system clock
	Loc       *time.Location // display zone; nil: the local zone
	Lang      i18n.Lang
	Workspace string // "demo" or the config file's name, shown in the tab bar
	Demo      bool   // no config file: the status bar says so
	NoColor   bool   // NO_COLOR: no color at all, states by symbols and words
	Keys      map[string][]string
	Trigger   func() // asks the engine to sync now; nil when nothing syncs

	// Executor carries out what the CM asks for (intents from the panes,
	// the command line, undo, the outbox view). nil: actions are refused
	// with a message.
	Executor common.Executor
	// Caps and Limit describe each account's network (nil: everything
	// allowed, no limit); the rest are settings from config. All are
	// handed to the panes in common.Context.
	Caps           common.CapsFunc
	Limit          common.LimitFunc
	SavedFilters   []common.SavedFilter
	ReplyTemplates []common.ReplyTemplate
	Tags           []string
	// ReauthCommand is the command that connects an account again, for the
	// status bar's hint and the accounts overlay ("" when its network has
	// none); nil derives it from the account's handle.
	ReauthCommand func(a core.Account) string
	// ReadOnly is a viewer's session: every intent is refused with a
	// message, whoever sends it.
	ReadOnly bool
	// Role is the person's role in a served deck (RoleOwner, RoleCM,
	// RoleViewer, as config names them); "" is the CM at this terminal,
	// who may do everything. A viewer's deck is read-only whatever
	// ReadOnly says (so is an unknown role's); a cm may not use the
	// server admin actions (silence, suspend).
	Role string

	// Opener opens a link with the local opener (xdg-open, open) for o;
	// nil when there is no display, or in a served deck (the server's
	// display is not the user's): o then shows the link to copy.
	Opener func(url string) error
	// Hyperlinks draws links as OSC 8 hyperlinks; false draws them as
	// plain text (see DetectHyperlinks).
	Hyperlinks bool
	// Pipes are the commands from config the inbox sends an item to (|),
	// and RunPipe runs one; see common.Context.
	Pipes   []common.PipeInfo
	RunPipe func(ctx context.Context, name string, it store.ItemView) (common.PipeOutput, error)

	// Lite starts the deck in the low-bandwidth mode (lite.go), which
	// :lite switches: the default over SSH (see LiteDefault).
	Lite bool

	// Calendar settings (see common.Context): queue slots and attachment
	// limits per account, and who is acting, for the audit log.
	Slots      func(accountID int64) []core.Slot
	MediaLimit func(accountID int64) (maxBytes int64, types []string, ok bool)
	Actor      string

	// Stats settings: where R writes reports ("" = the temp directory),
	// each client's business hours (nil = not available), and which figures
	// an account's network reports (nil = all).
	ReportDir     string
	BusinessHours func(clientID int64) *stats.Hours
	Reports       func(core.Account) stats.Reports

	// Alert notifications (notify.bell and notify.desktop in config): when
	// an alert opens or escalates, Bell rings the terminal bell and Desktop
	// asks the terminal for a desktop notification (OSC 9 / OSC 777).
	Bell, Desktop bool
	// Getenv reads the environment at New: $TMUX (a notification must
	// then pass through tmux to reach the terminal) and the variables
	// that tell which notification the terminal understands ($TERM,
	// $TERM_PROGRAM, $VTE_VERSION). nil: the process's environment.
	Getenv func(string) string

	// newInbox builds the Inbox pane; tests swap in a stub. nil: the real one.
	newInbox func(ctx common.Context, km inbox.KeyMap) common.Pane
}

// How often the deck looks for writes by another process, refreshes
// relative ages, and how long one status query may take.
const (
	versionPoll  = 2 * time.Second
	ageTick      = time.Minute
	queryTimeout = 5 * time.Second
	// execTimeout bounds one intent: a bulk action on a large selection
	// writes many rows, but it must never hang the deck's feedback.
	execTimeout = 15 * time.Second
	// flashTime is how long a message without an undo window stays.
	flashTime = 5 * time.Second
)

// New builds the deck. It fails when a key override names an unknown
// action, gives no key, misspells a key, or clashes with another binding;
// the error names each problem.
func New(opts Options) (*Model, error) {
	if opts.Source == nil {
		return nil, errors.New("tui: no data source")
	}
	if opts.Clock == nil {
		opts.Clock = core.SystemClock{}
	}
	if opts.Loc == nil {
		opts.Loc = time.Local
	}
	// A viewer's deck refuses every write, like a read-only one; so does
	// a role this deck does not know, rather than grant it everything.
	opts.ReadOnly = opts.ReadOnly || !writerRole(opts.Role)
	cat := i18n.New(opts.Lang)
	keys := newDeckKeys(cat)
	if err := keys.apply(cat, opts.Keys); err != nil {
		return nil, err
	}
	palette := common.DefaultPalette(true)
	if opts.NoColor {
		palette = common.NoColorPalette()
	}
	ctx := common.Context{Source: opts.Source, Styles: common.NewStyles(palette), T: cat,
		Clock: opts.Clock, Loc: opts.Loc, Caps: opts.Caps, Limit: opts.Limit,
		SavedFilters: opts.SavedFilters, ReplyTemplates: opts.ReplyTemplates, Tags: opts.Tags,
		ReadOnly: opts.ReadOnly, Hyperlinks: opts.Hyperlinks,
		Slots: opts.Slots, MediaLimit: opts.MediaLimit, Actor: opts.Actor,
		Pipes: opts.Pipes, RunPipe: opts.RunPipe}
	ctx.Styles.Lite = opts.Lite
	newInbox := opts.newInbox
	if newInbox == nil {
		newInbox = func(ctx common.Context, km inbox.KeyMap) common.Pane { return inbox.New(ctx, km) }
	}
	m := &Model{
		opts:    opts,
		ctx:     ctx,
		keys:    keys,
		actions: keys.scopes(),
		after:   tick,
		history: &cmdline.History{},
		notify:  newNotifier(opts),
		panes: []common.Pane{
			newInbox(ctx, keys.inbox),
			newCalendar(ctx, keys.calendar, opts.ReportDir),
			alerts.New(ctx, keys.alerts),
			statspane.New(ctx, keys.stats, statspane.WithReportDir(opts.ReportDir),
				statspane.WithBusinessHours(opts.BusinessHours), statspane.WithReports(opts.Reports)),
		},
	}
	// The help names the panes as their tabs do.
	for i, b := range keys.global.gotoBindings() {
		b.SetHelp(b.Help().Key, m.panes[i].Title())
	}
	return m, nil
}

// newCalendar builds the Calendar pane; its :draw writes beside the reports.
func newCalendar(ctx common.Context, keys calendar.KeyMap, reportDir string) *calendar.Model {
	cal := calendar.New(ctx, keys)
	cal.SetReportDir(reportDir)
	return cal
}
