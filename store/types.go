package store

import (
	"time"

	"cmdeck/core"
)

// ItemFilter selects inbox items. Zero fields do not filter.
type ItemFilter struct {
	ClientID   int64
	AccountID  int64
	Network    string
	Kind       core.ItemKind
	States     []core.ItemState // any of these; empty = every state but deleted
	NeedsReply bool             // only items that need a reply
	Unread     bool             // only items in state "new"
	AuthorID   int64
	Sentiment  core.Sentiment
	Tag        string
	Query      string // full-text (FTS5) query over body, author and handle; "" = none
	RootsOnly  bool   // only conversation roots (and items whose parent is unknown)
	// IncomingOnly leaves out our own replies (Outgoing items), which the
	// inbox shows inside threads rather than as rows.
	IncomingOnly bool
	// Snoozed lists only the items snoozed into the future. When false
	// (the default) those items are left out: they come back by themselves
	// when their snooze ends. "Now" is the store's clock (WithClock).
	Snoozed  bool
	Assignee string // only items assigned to this person (exact match)
	AlertID  int64  // only the items of this alert (the Alerts pane's jump)
	// PostID keeps the comments on one of our posts and on the posts
	// published with it on other accounts (the Stats pane's jump).
	PostID int64
}

// PageKey is the keyset position of an item in newest-first order. The zero
// PageKey means "from the top".
type PageKey struct {
	CreatedAt int64 // unix milliseconds, UTC
	ID        int64
}

// IsZero reports whether k is the top of the list.
func (k PageKey) IsZero() bool { return k.CreatedAt == 0 && k.ID == 0 }

// KeyOf returns the keyset position of an item.
func KeyOf(it core.Item) PageKey { return PageKey{CreatedAt: it.CreatedAt.UnixMilli(), ID: it.ID} }

// Direction of a keyset page.
type Direction int

const (
	Older Direction = iota // items after the key in newest-first order
	Newer                  // items before the key, returned newest first
)

// ItemView is an item with what a list row shows about its account and client.
type ItemView struct {
	core.Item
	ClientSlug    string
	ClientName    string
	ClientColor   string
	Network       string
	AccountHandle string
	Provider      string
	SnoozedUntil  time.Time // zero when not snoozed
	Assignee      string    // who handles it, "" nobody
}

// StatusCounts are the figures the status bar shows.
type StatusCounts struct {
	NeedsReply    int
	QueuedActions int // pending or claimed outbox rows, but posts scheduled for later
	FailedActions int
	SyncErrors    int // accounts whose last sync failed
	LastSync      time.Time
}

// AccountSync is an account with its sync bookkeeping, for health displays.
type AccountSync struct {
	Account core.Account
	State   core.SyncState
}

// IngestResult says what a batch changed.
type IngestResult struct {
	NewItems   int
	NewItemIDs []int64 // ids of the items inserted, in batch order
	// NewItemIndex[i] is the index in the batch's Items of NewItemIDs[i], so
	// a caller can tell which of the items it passed were new.
	NewItemIndex []int
	// Items are the new items as stored: sanitized, with their ids,
	// account, client and author ids; Items[i] is NewItemIDs[i]. The alert
	// rules read them instead of the provider's unsanitized batch.
	Items   []core.Item
	Updated int // existing items whose provider fields changed
	Posts   int // posts inserted or updated
	Skipped int // items without a remote id (cannot be deduplicated)
	// NewEngagements counts the engagements stored for the first time; a
	// repeat of one already stored is not counted.
	NewEngagements int
}

// Lease says who runs the engine on a database.
type Lease struct {
	Name    string
	Owner   string
	Expires time.Time
}

// ClaimedAction is an outbox row a worker now holds.
type ClaimedAction struct {
	core.Action
	// Reclaimed is true when another worker had claimed it and went silent:
	// it may have been sent already, so check with the network first.
	Reclaimed bool
}

// ActionView is an outbox row with what a list of actions shows.
type ActionView struct {
	core.Action
	ClientName    string
	Network       string
	AccountHandle string
	ItemExcerpt   string // first line of the target item, if any
}
