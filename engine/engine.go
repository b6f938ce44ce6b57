// Package engine is the runner that keeps the local store in sync with the
// networks: it syncs each account on its own schedule (interval ± jitter,
// exponential backoff after failures), writes every batch to the store in one
// transaction, evaluates alert rules on the new items, and reports to the UI
// only through a Notify callback. Only the holder of the "engine" lease in
// the store syncs, so the deck, a daemon and a server can share one database.
package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
	"cmdeck/rules"
	"cmdeck/store"
)

// Store is the part of the store the engine uses. *store.Store implements
// it; tests use an in-memory fake.
type Store interface {
	Accounts(ctx context.Context) ([]store.AccountSync, error)
	SyncState(ctx context.Context, accountID int64) (core.SyncState, error)
	IngestBatch(ctx context.Context, accountID int64, b core.Batch, at time.Time) (store.IngestResult, error)
	// RecordSyncFailure stores a failed sync with its providers.ErrorClass.
	RecordSyncFailure(ctx context.Context, accountID int64, msg, class string, at, backoffUntil time.Time, failures int) error
	// RecordRate stores the request budget the network last reported.
	RecordRate(ctx context.Context, accountID int64, remaining int, reset time.Time) error
	// RaiseAlert grows the live alert of the group or opens one (opened);
	// RaiseAlerts does it for several in one transaction.
	RaiseAlert(ctx context.Context, a core.Alert, groupKey string, itemIDs []int64) (id int64, opened bool, err error)
	RaiseAlerts(ctx context.Context, raises []store.AlertRaise) ([]store.RaisedAlert, error)
	AcquireLease(ctx context.Context, name, owner string, now time.Time, ttl time.Duration) (store.Lease, bool, error)
	ReleaseLease(ctx context.Context, name, owner string) error

	// The outbox (see outbox.go).
	ClaimDue(ctx context.Context, owner string, now time.Time, stale time.Duration, limit int) ([]store.ClaimedAction, error)
	CompleteAction(ctx context.Context, id int64, res core.ActionResult, now time.Time) error
	RetryLater(ctx context.Context, id int64, msg string, at time.Time) error
	FailAction(ctx context.Context, id int64, msg string, now time.Time) error

	// The calendar (see calendar.go).
	MissAction(ctx context.Context, id int64, reason string, now time.Time) error
	RecurringDue(ctx context.Context, limit int) ([]store.Recurring, error)
	ScheduleNextOccurrence(ctx context.Context, postID int64, next, now time.Time) (int64, error)

	// Native scheduling (see handover.go).
	HandoverCandidates(ctx context.Context, accountID int64, from time.Time, limit int) ([]core.Action, error)
	ClaimHandover(ctx context.Context, id int64, owner string, from, now time.Time) (store.Handover, bool, error)
	ClaimHandedWork(ctx context.Context, owner string, now time.Time, grace, stale time.Duration) (store.Handover, bool, error)
	RecordScheduled(ctx context.Context, id int64, owner, scheduledID string, now time.Time) error
	RecordRescheduled(ctx context.Context, id int64, owner string, at, now time.Time) error
	DeferHanded(ctx context.Context, id int64, owner, msg string, forget bool, retryAt, now time.Time) error
	ReleaseHandover(ctx context.Context, id int64, owner, reason string, now time.Time) error
	CompleteHandover(ctx context.Context, id int64, res core.ActionResult, now time.Time) error

	// The alert rules' context (see env.go and sla.go).
	ClientHours(ctx context.Context, clientID int64, from, to time.Time) (store.AlertHours, error)
	RuleHours(ctx context.Context, clientID int64, query string, from, to time.Time) ([]int, error)
	AddRuleHours(ctx context.Context, counts []store.RuleHour) error
	PruneRuleHours(ctx context.Context, before time.Time) error
	OffenceTimes(ctx context.Context, authorIDs []int64, since time.Time) (map[int64][]time.Time, error)
	AwaitingReply(ctx context.Context, clientID int64, since time.Time, after store.PageKey, limit int) ([]store.Waiting, error)
}

// Defaults for the zero values of Options.
const (
	DefaultInterval    = 30 * time.Second
	DefaultMaxBackoff  = 15 * time.Minute
	DefaultCallTimeout = 30 * time.Second
	DefaultMaxBatches  = 5
	DefaultTick        = time.Second
	MinLeaseTTL        = 30 * time.Second
	DefaultOutboxStale = 2 * time.Minute

	// LeaseName is the store lease that decides which process syncs.
	LeaseName = "engine"

	// DefaultLateLimit is how late a scheduled post may still go out when
	// nothing ran at its time.
	DefaultLateLimit = 2 * time.Hour
)

// Options configure a Runner. Store and Registry are required; every other
// zero value gets a sensible default.
type Options struct {
	Store    Store
	Registry *providers.Registry
	Clock    core.Clock    // default: the system clock
	Interval time.Duration // per-account sync period; default 30 s
	Jitter   float64       // 0.1 = each delay varies by ±10 %; must be in [0, 1)
	// Owner names this process in the lease ("host:pid:tui"); default host:pid.
	Owner string
	// LeaseTTL is how long the lease lasts without renewal; default
	// 3×Interval, never under 30 s. It is renewed every TTL/3.
	LeaseTTL    time.Duration
	MaxBackoff  time.Duration // cap of the failure backoff; default 15 min
	CallTimeout time.Duration // timeout of each provider call; default 30 s
	MaxBatches  int           // batches fetched per account per step; default 5
	Tick        time.Duration // how often Run looks for due accounts and actions; default 1 s
	// OutboxStale is how long a claimed outbox action may stay unrecorded
	// before another runner takes it back (checking with the network before
	// sending it again). Default 2 min, or twice CallTimeout if that is
	// longer; it must be longer than CallTimeout.
	OutboxStale time.Duration
	// Location is the user's time zone: a recurring post's next occurrence
	// keeps its wall-clock time there, and missed posts are grouped by its
	// days. Default time.Local.
	Location *time.Location
	// LateLimit is how late a scheduled post may still be published when
	// nothing ran at its time (the machine was off); later, it is marked
	// missed and an alert raised. Default 2 h; negative: never publish late
	// (beyond OnTimeGrace, which always applies).
	LateLimit time.Duration
	// Secret resolves an account's token; nil means no secret.
	Secret func(ctx context.Context, a core.Account) (string, error)
	// Settings returns an account's provider settings; nil means none.
	Settings func(a core.Account) map[string]string
	Logger   *slog.Logger // default: discard
	Notify   func(Event)  // called from the engine's goroutine; may be nil
	// Rules are the alert rules evaluated on every batch of new items and,
	// for SLAs, once a minute; nil means no alert rules.
	Rules *rules.Set
	// OnAlert is called once for every alert newly opened (not when one
	// grows), on its own goroutine so that a slow hook never holds the
	// engine up; a panic in it is recovered and logged. ctx is the one
	// Step runs with: a hook still running at shutdown sees it cancelled.
	// May be nil.
	OnAlert func(ctx context.Context, n AlertNotice)
	// Rand drives the jitter; give a seeded one for deterministic tests.
	// When nil, Seed is used if non-zero, else a random seed.
	Rand *rand.Rand
	Seed uint64
}

// LeaseInfo says who runs the engine on this database.
type LeaseInfo struct {
	Held    bool      // this runner holds the lease
	Holder  string    // the owner holding it ("" if unknown or free)
	Expires time.Time // when the holder's lease ends unless renewed
}

// Event is what the engine reports to the UI: one per account sync, one
// (AccountID 0) each time the lease changes hands, one per outbox action
// that finished (ActionID set: sent and recorded, or failed for good), and
// one (AccountID 0, Alerts set) when the SLA check opened alerts.
type Event struct {
	AccountID int64
	Handle    string
	NewItems  int
	Err       error // sync error: nil on success; never contains the account's secret
	At        time.Time
	Lease     LeaseInfo
	// Alerts are the alerts this sync (or SLA check) opened, for the
	// deck's bell; an alert that grew is not in it.
	Alerts []AlertNotice

	// Outbox events only (ActionID != 0). Err stays nil on them.
	ActionID   int64
	ActionKind core.ActionKind
	ActionErr  error // nil when the network confirmed; else why it failed (no secret)
}

// ErrClosed is returned by Step and SyncOnce after Close.
var ErrClosed = errors.New("engine: runner closed")

// Runner syncs every account of a store. Step, SyncOnce and Close are safe
// to call from several goroutines; they never run at the same time.
type Runner struct {
	store       Store
	registry    *providers.Registry
	clock       core.Clock
	interval    time.Duration
	jitter      float64
	owner       string
	leaseTTL    time.Duration
	maxBackoff  time.Duration
	callTimeout time.Duration
	maxBatches  int
	tick        time.Duration
	outboxStale time.Duration
	loc         *time.Location
	lateLimit   time.Duration
	secret      func(context.Context, core.Account) (string, error)
	settings    func(core.Account) map[string]string
	log         *slog.Logger
	notify      func(Event)
	rules       *rules.Set
	onAlert     func(context.Context, AlertNotice)

	// forceDue is set by TriggerNow and consumed by the next Step; wake
	// tells a running Run loop to step right away.
	forceDue atomic.Bool
	wake     chan struct{}
	running  atomic.Bool
	// watch is the accounts whose provider waits for news (watch.go).
	watch watchers
	// hooks tracks the OnAlert calls under way. Nothing waits for them
	// (a hook must never hold the engine up); tests do, to count them.
	hooks sync.WaitGroup

	// mu serializes passes so two Steps never overlap; it guards all below.
	mu       sync.Mutex
	closed   bool
	rnd      *rand.Rand
	lease    leaseState
	sched    schedule
	alerts   alertState
	handoffs handoffs
}

// New checks opts, fills defaults and returns a Runner. It does not touch
// the store: the first Step takes the lease and loads the accounts.
func New(opts Options) (*Runner, error) {
	if opts.Store == nil {
		return nil, errors.New("engine: Options.Store is required")
	}
	if opts.Registry == nil {
		return nil, errors.New("engine: Options.Registry is required")
	}
	if opts.Jitter < 0 || opts.Jitter >= 1 {
		return nil, fmt.Errorf("engine: Jitter must be in [0, 1), got %v", opts.Jitter)
	}
	for name, d := range map[string]time.Duration{
		"Interval": opts.Interval, "LeaseTTL": opts.LeaseTTL, "MaxBackoff": opts.MaxBackoff,
		"CallTimeout": opts.CallTimeout, "Tick": opts.Tick, "OutboxStale": opts.OutboxStale,
	} {
		if d < 0 {
			return nil, fmt.Errorf("engine: %s must not be negative, got %v", name, d)
		}
	}
	if opts.MaxBatches < 0 {
		return nil, fmt.Errorf("engine: MaxBatches must not be negative, got %d", opts.MaxBatches)
	}
	r := &Runner{
		store:       opts.Store,
		registry:    opts.Registry,
		clock:       opts.Clock,
		interval:    orDefault(opts.Interval, DefaultInterval),
		jitter:      opts.Jitter,
		owner:       opts.Owner,
		maxBackoff:  orDefault(opts.MaxBackoff, DefaultMaxBackoff),
		callTimeout: orDefault(opts.CallTimeout, DefaultCallTimeout),
		maxBatches:  opts.MaxBatches,
		tick:        orDefault(opts.Tick, DefaultTick),
		loc:         opts.Location,
		lateLimit:   orDefault(opts.LateLimit, DefaultLateLimit),
		secret:      opts.Secret,
		settings:    opts.Settings,
		log:         opts.Logger,
		notify:      opts.Notify,
		rules:       opts.Rules,
		onAlert:     opts.OnAlert,
		rnd:         opts.Rand,
		wake:        make(chan struct{}, 1),
		sched:       newSchedule(),
		handoffs:    newHandoffs(),
	}
	var err error
	if r.alerts, err = newAlertState(opts.Rules); err != nil {
		return nil, err
	}
	if r.clock == nil {
		r.clock = core.SystemClock{}
	}
	if r.loc == nil {
		r.loc = time.Local
	}
	if r.maxBatches == 0 {
		r.maxBatches = DefaultMaxBatches
	}
	r.leaseTTL = max(orDefault(opts.LeaseTTL, 3*r.interval), MinLeaseTTL)
	if r.maxBackoff < r.interval {
		r.maxBackoff = r.interval
	}
	if r.owner == "" {
		r.owner = defaultOwner()
	}
	if err := r.setOutboxStale(opts.OutboxStale); err != nil {
		return nil, err
	}
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	if r.rnd == nil {
		seed := opts.Seed
		if seed == 0 {
			seed = rand.Uint64()
		}
		r.rnd = rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	}
	return r, nil
}

func orDefault(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}

func defaultOwner() string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "localhost"
	}
	return fmt.Sprintf("%s:%d", host, os.Getpid())
}

// Owner returns the lease owner id this runner uses.
func (r *Runner) Owner() string { return r.owner }

// Close releases the lease if this runner holds it. Later Steps fail with
// ErrClosed. It waits for a pass in progress to finish, and is idempotent.
func (r *Runner) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil
	}
	r.closed = true
	return r.releaseLocked(context.Background())
}

// emit hands an event to Notify, if any. A panicking callback must not take
// the engine down with it.
func (r *Runner) emit(e Event) {
	if r.notify == nil {
		return
	}
	defer func() {
		if p := recover(); p != nil {
			r.log.Error("engine: notify callback panicked", "panic", fmt.Sprint(p))
		}
	}()
	r.notify(e)
}
