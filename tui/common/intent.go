package common

import (
	"context"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
	"cmdeck/store"
)

// IntentKind names something the CM asked for. Panes and the command line
// return intents; the root hands them to the Executor (STYLE.md #4).
type IntentKind string

const (
	// Outgoing: each becomes an outbox row with an undo window.
	IntentReply   IntentKind = "reply"
	IntentHide    IntentKind = "hide"
	IntentUnhide  IntentKind = "unhide"
	IntentDelete  IntentKind = "delete"
	IntentBlock   IntentKind = "block"
	IntentUnblock IntentKind = "unblock"
	IntentSpam    IntentKind = "spam"
	IntentLike    IntentKind = "like"
	IntentMute    IntentKind = "mute"    // the item's author
	IntentUnmute  IntentKind = "unmute"  // the item's author
	IntentReport  IntentKind = "report"  // to the network's moderators; Reason says why
	IntentSilence IntentKind = "silence" // admin: limit the author's account on the server
	IntentSuspend IntentKind = "suspend" // admin: suspend the author's account on the server

	// Local triage: applied to the store at once.
	IntentDone   IntentKind = "done"
	IntentUndone IntentKind = "undone"
	IntentRead   IntentKind = "read"
	IntentUnread IntentKind = "unread"
	IntentSnooze IntentKind = "snooze" // Until zero = unsnooze
	IntentTag    IntentKind = "tag"
	IntentUntag  IntentKind = "untag"
	IntentAssign IntentKind = "assign" // Text "" = unassign

	// Outbox control.
	IntentUndo    IntentKind = "undo"    // the last undoable action of this actor
	IntentRetry   IntentKind = "retry"   // ActionID
	IntentDiscard IntentKind = "discard" // ActionID
)

// Intent is one request, for one item or a bulk selection.
type Intent struct {
	Kind     IntentKind
	ItemIDs  []int64
	ActionID int64     // retry, discard
	Text     string    // reply body, tag, assignee
	Reason   string    // moderation reason, written to the audit log
	Until    time.Time // snooze
}

// Outcome is what executing an intent did.
type Outcome struct {
	Applied   int     // items (or actions) it applied to
	Skipped   int     // items whose network cannot do it
	ActionIDs []int64 // outbox rows queued
	// UndoUntil is when the undo window of the queued actions closes (zero
	// when nothing can be undone).
	UndoUntil time.Time
	Undone    core.Action // for IntentUndo: the action that was cancelled
	// UndoneIntent is, for IntentUndo, the triage taken back (its marks
	// put back on Applied items); zero when an action was cancelled.
	UndoneIntent Intent
}

// Executor carries intents out. It never calls a network: outgoing actions
// go to the outbox and the engine sends them.
type Executor interface {
	Execute(ctx context.Context, in Intent) (Outcome, error)
}

// IntentMsg is returned (as a Cmd's message) by a pane or the command line
// to ask the root to execute an intent.
type IntentMsg struct{ Intent Intent }

// OutcomeMsg is broadcast by the root after an intent ran.
type OutcomeMsg struct {
	Intent  Intent
	Outcome Outcome
	Err     error
}

// CapsFunc returns what an account's network supports.
type CapsFunc func(accountID int64) providers.Capabilities

// LimitFunc returns an account's network length limit for replies (0 = none).
type LimitFunc func(accountID int64) int

// RunActionMsg is sent by the command line to the focused pane: run the key
// action named Action (e.g. "inbox.tag") as if its key was pressed, with
// Args filling what the key would ask for (":tag idea").
type RunActionMsg struct {
	Action string
	Args   string
}

// GotoPaneMsg asks the root to focus a pane (0 Inbox … 3 Stats).
type GotoPaneMsg struct{ Pane int }

// OutboxSource is the read side of the outbox, for the thread (pending
// actions) and the outbox view (failed actions).
type OutboxSource interface {
	Actions(ctx context.Context, states []core.ActionState, limit int) ([]store.ActionView, error)
	PendingActions(ctx context.Context, itemIDs []int64) ([]core.Action, error)
}

// ActionReportMsg is sent (by the wiring, from the engine) when an outbox
// action has finished: confirmed by the network (Err nil) or failed for good.
type ActionReportMsg struct {
	Kind   core.ActionKind
	Handle string // the account it left from
	Err    error
}
