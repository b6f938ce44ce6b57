package store

import (
	"errors"
	"time"

	"cmdeck/core"
)

// The calendar's write side. Every scheduled post has exactly one live
// publish action in the outbox (not_before = its time); the functions here
// change a post and its action in one transaction, so the engine never
// publishes a post the CM just moved, edited or deleted.

// ErrPostBusy is returned when a post cannot change because its publish
// action is being sent right now (claimed) or it is already published.
var ErrPostBusy = errors.New("the post is being published or already published")

// ErrPostState is returned when a post is not in a state the change
// applies to: retrying a post that did not fail, moving one that has no
// time, scheduling one that has no account.
var ErrPostState = errors.New("the post is not in a state that allows this")

// PostDraft is what the composer hands over: one text for one or more
// accounts (of one or more clients).
type PostDraft struct {
	AccountIDs []int64
	Body       string
	At         time.Time // zero: save as a draft, nothing is scheduled
	Media      []string
	Recur      core.Recurrence
	Actor      string // who planned it, for the audit log
}

// PostView is a post as the calendar shows it.
type PostView struct {
	core.Post
	ClientSlug, ClientName, ClientColor string
	Handle, Network, Provider           string
	ActionID                            int64 // the live publish action, 0 if none
	ActionState                         core.ActionState
	Attempts                            int
	// HeldByNetwork: the post was handed to its network, which publishes
	// it at its time even if no cmdeck runs (native scheduling; the live
	// action is core.ActionHanded). A deleted or unscheduled post stays
	// held until the engine has cancelled the network's copy.
	HeldByNetwork bool
	// NetworkSyncing: a change of the post (time, text, deletion) is not
	// on the network yet, or the handover is under way; the engine carries
	// it there.
	NetworkSyncing bool
	// Paused: the post's client is in crisis (SetCrisis), so the post
	// waits, keeping its time, until the crisis ends; then one whose time
	// passed follows the late-post policy.
	Paused bool
	// At is the post's calendar time: published, else scheduled, else
	// created. With ID it is the keyset position (PostQuery.AfterAt, AfterID).
	At time.Time
}

// PostQuery selects the posts of a calendar view: calendar time (published,
// else scheduled, else created) in [From, To), optionally one client or
// account, at most Limit rows (<= 0 or more than 1000: 1000) ordered by time
// then id. The next page starts after the last row: set AfterAt and AfterID
// to its At and ID (zero AfterID: from the start).
type PostQuery struct {
	From, To  time.Time
	ClientID  int64
	AccountID int64
	Limit     int
	AfterAt   time.Time
	AfterID   int64
}

// DayCount is one day of the month view: how many posts, per status, and
// the first few bodies' first lines.
type DayCount struct {
	Day      time.Time // midnight in the view's zone
	Total    int
	ByStatus map[core.PostStatus]int
	First    []PostView // the first few posts of the day, by time
}
