// Package providers holds the interface every network adapter implements,
// the capabilities they declare, and the registry the engine builds them from.
// Adapters never touch the store: they fetch batches and perform actions.
package providers

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"

	"cmdeck/core"
)

// Capability is something an adapter can do on its network.
type Capability string

const (
	CapReply   Capability = "reply"
	CapHide    Capability = "hide"
	CapDelete  Capability = "delete"
	CapBlock   Capability = "block"
	CapSpam    Capability = "spam"
	CapPublish Capability = "publish"
	CapLike    Capability = "like"
	CapMute    Capability = "mute"
	CapReport  Capability = "report"
	CapAdmin   Capability = "admin" // server moderation: silence, suspend
	// CapReadState: the network keeps a read state the deck's follows
	// (mark_read, mark_unread).
	CapReadState Capability = "read_state"
)

// Capabilities is the set of what an adapter supports.
type Capabilities []Capability

// Has reports whether c is in the set.
func (cs Capabilities) Has(c Capability) bool { return slices.Contains(cs, c) }

// ForAction returns the capability an action kind needs.
func ForAction(k core.ActionKind) Capability {
	switch k {
	case core.ActReply:
		return CapReply
	case core.ActHide, core.ActUnhide:
		return CapHide
	case core.ActDelete:
		return CapDelete
	case core.ActBlock, core.ActUnblock:
		return CapBlock
	case core.ActSpam:
		return CapSpam
	case core.ActPublish:
		return CapPublish
	case core.ActLike:
		return CapLike
	case core.ActMute, core.ActUnmute:
		return CapMute
	case core.ActReport:
		return CapReport
	case core.ActSilence, core.ActSuspend:
		return CapAdmin
	case core.ActMarkRead, core.ActMarkUnread:
		return CapReadState
	}
	return Capability(k)
}

// AccountConfig is what an adapter is built from: the account as stored and
// its resolved settings. Secret is already resolved (env or command) and must
// never be logged or put in an error.
type AccountConfig struct {
	Account  core.Account
	Settings map[string]string
	Secret   string
}

// Provider is one network adapter bound to one account.
type Provider interface {
	// Capabilities says which actions Do supports.
	Capabilities() Capabilities
	// Fetch returns what is new since cursor ("" = first sync).
	Fetch(ctx context.Context, cursor string) (core.Batch, error)
	// Do performs one outgoing action. The action's IdempotencyKey identifies
	// it across retries.
	Do(ctx context.Context, a core.Action) (core.ActionResult, error)
}

// Factory builds a provider for one account.
type Factory func(cfg AccountConfig) (Provider, error)

// Waiter is a provider that can tell when new items may have arrived (a
// mailbox's IMAP IDLE), so the engine fetches them at once rather than at
// the next sync. WaitForNew blocks until then (nil), or until ctx ends; an
// error wrapping ErrUnsupported means the server cannot say, and polling
// alone goes on.
type Waiter interface {
	WaitForNew(ctx context.Context) error
}

// ErrUnsupported is returned by Do for an action the network does not offer.
var ErrUnsupported = errors.New("not supported by this network")

// PermanentError marks an error that retrying will not fix (bad request,
// forbidden, not found). Other errors are treated as transient.
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// IsPermanent reports whether err should not be retried.
func IsPermanent(err error) bool {
	var p *PermanentError
	return errors.As(err, &p) || errors.Is(err, ErrUnsupported)
}

// Registry maps provider names to factories. Build one in main and pass it
// down; there is no global registry.
type Registry struct {
	factories map[string]Factory
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{factories: map[string]Factory{}} }

// Register adds a factory under name, replacing any earlier one.
func (r *Registry) Register(name string, f Factory) { r.factories[name] = f }

// Names lists the registered provider names, sorted.
func (r *Registry) Names() []string {
	names := make([]string, 0, len(r.factories))
	for n := range r.factories {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Has reports whether name is registered.
func (r *Registry) Has(name string) bool { _, ok := r.factories[name]; return ok }

// New builds the provider for cfg.Account.Provider.
func (r *Registry) New(cfg AccountConfig) (Provider, error) {
	f, ok := r.factories[cfg.Account.Provider]
	if !ok {
		return nil, fmt.Errorf("unknown provider %q (known: %v)", cfg.Account.Provider, r.Names())
	}
	return f(cfg)
}

// Checker is implemented by providers that can tell whether an action already
// took effect on the network (e.g. a reply with this idempotency key exists).
// The engine uses it before re-sending an action whose worker died between
// sending and recording: nothing is ever sent twice.
type Checker interface {
	// Check returns the result and true when the action already happened.
	Check(ctx context.Context, a core.Action) (core.ActionResult, bool, error)
}

// LengthLimit is the maximum length of a reply or post on a network, in
// characters as the network counts them; 0 = no limit. Providers that know
// their limit implement Limiter.
type Limiter interface {
	LengthLimit() int
}
