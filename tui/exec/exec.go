// Package exec carries out the CM's intents (common.Executor): outgoing
// actions become outbox rows with an undo window, triage marks go to the
// store at once, and every intent leaves audit lines. It never calls a
// network; the engine sends what the outbox holds.
package exec

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// DefaultUndoWindow is used when Options.UndoWindow is not positive.
const DefaultUndoWindow = 5 * time.Second

// Store is the part of the store the executor reads and writes.
type Store interface {
	Item(ctx context.Context, id int64) (store.ItemView, error)
	Enqueue(ctx context.Context, a core.Action) (int64, error)
	Cancel(ctx context.Context, id int64, now time.Time) error
	LastUndoable(ctx context.Context, actor string, now time.Time) (core.Action, error)
	SetState(ctx context.Context, ids []int64, st core.ItemState, now time.Time) error
	Snooze(ctx context.Context, ids []int64, until time.Time) error
	SetTag(ctx context.Context, ids []int64, tag string, on bool) error
	Assign(ctx context.Context, ids []int64, who string) error
	RetryAction(ctx context.Context, id int64, now time.Time) error
	DiscardAction(ctx context.Context, id int64, now time.Time) error
	Audit(ctx context.Context, at time.Time, actor, action, target, detail string) error
}

// Options build an Executor.
type Options struct {
	Store      Store
	Clock      core.Clock    // nil = the system clock
	UndoWindow time.Duration // how long an outgoing action waits; <= 0 = DefaultUndoWindow
	Actor      string        // who acts (config cm.name, or an SSH user): undo and audit
	Caps       common.CapsFunc
	// NewKey returns a fresh idempotency key per intent (each action gets
	// "<key>.<n>"); nil = 16 random bytes in hex.
	NewKey func() string
}

// Executor implements common.Executor. It holds no mutable state, so the
// deck may run several intents at once from different Cmds.
type Executor struct {
	o Options

	mu         sync.Mutex
	lastTriage *triageStep // what "u" can take back locally (undo_triage.go)
}

var _ common.Executor = (*Executor)(nil)

// New returns an executor; missing options get their defaults.
func New(o Options) *Executor {
	if o.Clock == nil {
		o.Clock = core.SystemClock{}
	}
	if o.UndoWindow <= 0 {
		o.UndoWindow = DefaultUndoWindow
	}
	if o.NewKey == nil {
		o.NewKey = randomKey
	}
	return &Executor{o: o}
}

// randomKey is 128 random bits in hex. crypto/rand.Read never fails on a
// supported platform (it aborts the program instead).
func randomKey() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Execute carries out one intent. Errors are the typed ones of this
// package, store.ErrTooLate (undo too late), or a store failure. An
// *AuditError comes with a valid Outcome: the intent took effect.
func (e *Executor) Execute(ctx context.Context, in common.Intent) (common.Outcome, error) {
	if e.o.Store == nil {
		return common.Outcome{}, errors.New("exec: no store")
	}
	now := e.o.Clock.Now()
	if kind, ok := actionKind(in.Kind); ok {
		out, err := e.outgoing(ctx, in, kind, now)
		if len(out.ActionIDs) > 0 {
			e.sent()
		}
		return out, err
	}
	switch in.Kind {
	case common.IntentDone, common.IntentUndone, common.IntentRead, common.IntentUnread,
		common.IntentSnooze, common.IntentTag, common.IntentUntag, common.IntentAssign:
		return e.triage(ctx, in, now)
	case common.IntentUndo:
		return e.undo(ctx, now)
	case common.IntentRetry, common.IntentDiscard:
		return e.control(ctx, in, now)
	}
	return common.Outcome{}, &UnknownIntentError{Kind: in.Kind}
}

// actionKind maps an outgoing intent to its outbox action.
func actionKind(k common.IntentKind) (core.ActionKind, bool) {
	switch k {
	case common.IntentReply:
		return core.ActReply, true
	case common.IntentHide:
		return core.ActHide, true
	case common.IntentUnhide:
		return core.ActUnhide, true
	case common.IntentDelete:
		return core.ActDelete, true
	case common.IntentBlock:
		return core.ActBlock, true
	case common.IntentUnblock:
		return core.ActUnblock, true
	case common.IntentSpam:
		return core.ActSpam, true
	case common.IntentLike:
		return core.ActLike, true
	case common.IntentMute:
		return core.ActMute, true
	case common.IntentUnmute:
		return core.ActUnmute, true
	case common.IntentReport:
		return core.ActReport, true
	case common.IntentSilence:
		return core.ActSilence, true
	case common.IntentSuspend:
		return core.ActSuspend, true
	}
	return "", false
}

// can reports whether the account's network supports kind (nil Caps: yes).
func (e *Executor) can(accountID int64, kind core.ActionKind) bool {
	return e.o.Caps == nil || e.o.Caps(accountID).Has(providers.ForAction(kind))
}

// itemIDs checks a selection: at least one id, all positive, duplicates
// dropped (order kept).
func itemIDs(ids []int64) ([]int64, error) {
	if len(ids) == 0 {
		return nil, ErrNoItems
	}
	out := make([]int64, 0, len(ids))
	seen := make(map[int64]bool, len(ids))
	for _, id := range ids {
		if id <= 0 {
			return nil, fmt.Errorf("exec: invalid item id %d: %w", id, ErrNoItems)
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out, nil
}

// auditLine is one line for the audit log.
type auditLine struct{ target, detail string }

// audit writes the lines for one intent, stopping at the first failure:
// the store is then unwritable and the rest would fail the same way.
func (e *Executor) audit(ctx context.Context, now time.Time, action string, lines []auditLine) error {
	for _, l := range lines {
		if err := e.o.Store.Audit(ctx, now, e.o.Actor, action, l.target, l.detail); err != nil {
			return &AuditError{Err: err}
		}
	}
	return nil
}

func itemTarget(id int64) string   { return fmt.Sprintf("item:%d", id) }
func actionTarget(id int64) string { return fmt.Sprintf("action:%d", id) }
