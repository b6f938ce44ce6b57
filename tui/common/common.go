// Package common holds what every pane of the deck shares: the pane contract,
// the read-only data source panes query, the messages that flow between the
// root and the panes, and the context (styles, catalog, clock, zone) handed down.
package common

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/store"
)

// Source is the narrow, read-only view of the store the panes use. Panes call
// it only from tea.Cmds, never from Update or View.
type Source interface {
	Clients(ctx context.Context) ([]core.Client, error)
	Accounts(ctx context.Context) ([]store.AccountSync, error)
	ListItems(ctx context.Context, f store.ItemFilter, from store.PageKey, dir store.Direction, limit int) ([]store.ItemView, error)
	CountItems(ctx context.Context, f store.ItemFilter) (int, error)
	Thread(ctx context.Context, itemID int64) ([]store.ItemView, error)
	AuthorHistory(ctx context.Context, authorID, clientID int64) (int, error)
	Posts(ctx context.Context, from, to time.Time, limit int) ([]core.Post, error)
	// ClientMetrics is one client's raw figures for [from, to), days cut
	// in loc: the Stats pane's source for stats.Compute.
	ClientMetrics(ctx context.Context, clientID int64, from, to time.Time, loc *time.Location) (store.ClientMetrics, error)
	Status(ctx context.Context) (store.StatusCounts, error)
	DataVersion(ctx context.Context) (int64, error)
	// AccountHealth is every account's sync health, for the accounts
	// overlay and the status bar's re-authorize hint.
	AccountHealth(ctx context.Context) ([]store.AccountHealth, error)
	// ContestComments are the comments on a published post and on the
	// posts published with it, for the calendar's contest draw.
	ContestComments(ctx context.Context, postID int64) ([]store.ContestComment, error)
	OutboxSource
	CalendarSource
	AlertSource
}

// AlertSource is the Alerts pane's reads and writes and crisis mode
// (store/alerts_api.go). Writes take the acting user from the context
// (store.WithActor).
type AlertSource interface {
	Alerts(ctx context.Context, q store.AlertQuery) ([]store.AlertView, error)
	AckAlert(ctx context.Context, id int64) error
	SnoozeAlert(ctx context.Context, id int64, until, now time.Time) error
	ResolveAlert(ctx context.Context, id int64, now time.Time) error
	ClientHours(ctx context.Context, clientID int64, from, to time.Time) (store.AlertHours, error)
	SetCrisis(ctx context.Context, clientID int64, on bool, now time.Time) error
	Crises(ctx context.Context) (map[int64]time.Time, error)
}

// CalendarSource is the calendar's reads and writes (store/calendar.go).
// Writes take the acting user from the context (store.WithActor).
type CalendarSource interface {
	CalendarPosts(ctx context.Context, q store.PostQuery) ([]store.PostView, error)
	MonthDays(ctx context.Context, q store.PostQuery, loc *time.Location, perDay int) ([]store.DayCount, error)
	Post(ctx context.Context, id int64) (store.PostView, error)
	CreatePosts(ctx context.Context, d store.PostDraft, now time.Time) ([]int64, error)
	UpdatePost(ctx context.Context, id int64, body string, at time.Time, now time.Time) error
	MovePost(ctx context.Context, id int64, d time.Duration, now time.Time) error
	DeletePost(ctx context.Context, id int64, now time.Time) error
	DuplicatePost(ctx context.Context, id int64, now time.Time) (int64, error)
	PublishNow(ctx context.Context, id int64, now time.Time) error
	RetryPost(ctx context.Context, id int64, now time.Time) error
	SlotsTaken(ctx context.Context, accountID int64, from, to time.Time) (map[time.Time]bool, error)
	// PublishedEngagement is the accounts' posts published since since,
	// with their engagement, newest first (the composer's best times).
	PublishedEngagement(ctx context.Context, accountIDs []int64, since time.Time, limit int) ([]core.Engaged, error)
}

// Context is what the root hands every pane at construction. It holds no
// mutable state shared between panes.
type Context struct {
	Source Source
	Styles *Styles
	T      *i18n.Catalog
	Clock  core.Clock
	Loc    *time.Location // the user's time zone for display

	// Caps and Limit describe each account's network; nil = everything
	// allowed, no limit (tests).
	Caps  CapsFunc
	Limit LimitFunc
	// Settings the panes read from config.
	SavedFilters   []SavedFilter
	ReplyTemplates []ReplyTemplate
	Tags           []string // the tag vocabulary (idea, criticism, …)
	ReadOnly       bool     // a viewer: every action key is refused with a message
	// Hyperlinks draws links as OSC 8 hyperlinks (the terminal draws
	// them); false draws them as plain text. Either way the text shown is
	// the link itself (see LinkLines).
	Hyperlinks bool

	// Calendar settings: each account's queue slots (nil = none), the
	// attachments its network takes (ok false = none), and who is acting
	// (the CM's name, or an SSH user), for the audit log.
	Slots      func(accountID int64) []core.Slot
	MediaLimit func(accountID int64) (maxBytes int64, types []string, ok bool)
	Actor      string

	// Pipes are the commands from config the inbox sends an item to (|);
	// RunPipe runs one by name on an item (nil: none configured).
	Pipes   []PipeInfo
	RunPipe func(ctx context.Context, name string, it store.ItemView) (PipeOutput, error)
}

// PipeInfo is a configured pipe as the inbox offers it.
type PipeInfo struct {
	Name       string
	ShowOutput bool // the output is shown to read and copy; else a status line
}

// PipeOutput is what a pipe printed, sanitized; Truncated when cut.
type PipeOutput struct {
	Text      string
	Truncated bool
}

// ShowTextMsg asks the root to show a text to read, scroll and copy
// (a pipe's output), over the focused pane.
type ShowTextMsg struct {
	Title, Text string
}

// SavedFilter is a named inbox filter from config.
type SavedFilter struct {
	Name  string
	Query string // e.g. "client:fournil needs:reply kind:review"
}

// ReplyTemplate is a saved reply from config; Text may hold {author},
// {client}, {network}.
type ReplyTemplate struct {
	Name   string
	Client string // client slug, "" = every client
	Text   string
}

// Pane is the contract every pane implements; the root only routes to it.
type Pane interface {
	Init() tea.Cmd
	Update(msg tea.Msg) (Pane, tea.Cmd)
	View() string // exactly the size last given to SetSize
	SetSize(width, height int)
	Title() string
	// ShortHelp and FullHelp list the pane's bindings for the help bar and
	// the ? overlay (the bubbles help.KeyMap contract).
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
	// Capturing reports that the pane is taking text input (a search box, a
	// composer), so the root must not treat keys such as q or 1-4 as global.
	Capturing() bool
}

// DataChangedMsg is broadcast to every pane when the store changed (a sync
// batch landed, another process wrote). Panes re-query what they show.
type DataChangedMsg struct{ Version int64 }

// TickMsg is broadcast once a minute so relative ages ("3m") stay right
// without repainting every second.
type TickMsg struct{ Now time.Time }

// SyncEvent is what the engine reports after each account sync.
type SyncEvent struct {
	AccountID int64
	Handle    string
	NewItems  int
	Err       error
	At        time.Time
	// LeaseHeld is false when another process runs the engine on this
	// database; LeaseHolder then names it ("host:pid").
	LeaseHeld   bool
	LeaseHolder string
	// Alerts are the alerts this sync opened: new ones only, never one
	// that grew, so the deck rings once per alert.
	Alerts []AlertNotice
}

// AlertNotice is a new alert as a sync reports it, for the bell, the
// desktop notification and the status bar's message. The text fields
// come from rules and client names: draw them through OneLine.
type AlertNotice struct {
	ID, ClientID int64
	ClientSlug   string
	Rule         string
	Severity     core.Severity
	Title        string
	ItemCount    int
}

// ShowItemsMsg asks the root to show the Inbox narrowed to some items,
// whatever its quick filter: one alert's items (store.ItemFilter.AlertID),
// the comments on one of our posts (PostID), or a query as the command
// line's :filter takes it (Query, e.g. a member's "author:@h client:x").
// Label names the alert or the post in the inbox's removable chip.
type ShowItemsMsg struct {
	AlertID, PostID int64
	Query           string
	Label           string
}

// CrisisRequestMsg asks the root to turn a client's crisis mode on or off
// (the Alerts pane's C, the command line's :crisis). The root writes it,
// says so in the status bar and broadcasts the new CrisesMsg.
type CrisisRequestMsg struct {
	ClientID int64
	On       bool
}

// Crisis is one client in crisis mode.
type Crisis struct {
	ClientID   int64
	Slug, Name string
	Since      time.Time
}

// CrisesMsg is broadcast by the root when the clients in crisis change
// (read on start and after every data change), oldest crisis first.
// Started is the client whose crisis was just turned on from this deck
// (0 otherwise): the Inbox then shows that client's crisis filter.
type CrisesMsg struct {
	Crises  []Crisis
	Started int64
}
