package engine

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"cmdeck/core"
	"cmdeck/core/sentiment"
	"cmdeck/providers"
)

// AccountReport is what one account's sync did.
type AccountReport struct {
	AccountID int64
	Handle    string
	Provider  string
	Batches   int // batches ingested
	NewItems  int
	Updated   int
	Alerts    int // alerts raised or grown
	// NewAlerts are the alerts opened (not grown), also on the sync's Event.
	NewAlerts []AlertNotice
	Err       error     // nil on success; never contains the secret
	NextDue   time.Time // when the account syncs again
}

// syncAccount fetches and ingests up to maxBatches batches for a, then
// schedules its next sync: interval ± jitter after a success, exponential
// backoff after a failure (recorded in the store so it survives a restart).
func (r *Runner) syncAccount(ctx context.Context, a *account, now time.Time) AccountReport {
	rep := AccountReport{AccountID: a.acct.ID, Handle: a.acct.Handle, Provider: a.acct.Provider}
	backlog, err := r.drain(ctx, a, now, &rep)
	if err != nil && ctx.Err() != nil {
		// Shutting down (or the caller gave up): not the network's fault,
		// so no failure is counted and the account stays due.
		rep.Err = ctx.Err()
		return rep
	}
	if err == nil {
		a.failures = 0
		a.nextDue = now.Add(jittered(r.interval, r.jitter, r.rnd))
		if backlog {
			// More is waiting: due again at the next step, after the
			// other accounts have had their turn in this one.
			a.nextDue = now
		}
		rep.NextDue = a.nextDue
		return rep
	}
	class := providers.Classify(err)
	err = redact(err, a.secret)
	rep.Err = err
	a.failures++
	a.nextDue = r.syncRetryAt(a, class, now)
	rep.NextDue = a.nextDue
	r.logSyncFailure(a, class, err)
	// The failure is recorded even if the caller is shutting down, so the
	// backoff survives the restart.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if ferr := r.store.RecordSyncFailure(rctx, a.acct.ID, err.Error(), string(class), now, a.nextDue, a.failures); ferr != nil {
		r.log.Error("engine: recording sync failure", "account", a.acct.ID, "err", ferr.Error())
	}
	return rep
}

// drain fetches from the stored cursor and ingests each batch in its own
// transaction while the provider says there is more, up to maxBatches, so a
// backlog drains over a few steps without starving the other accounts. It
// reports whether the provider still had more when the cap was reached.
func (r *Runner) drain(ctx context.Context, a *account, now time.Time, rep *AccountReport) (backlog bool, err error) {
	prov, err := r.provider(ctx, a)
	if err != nil {
		return false, err
	}
	st, err := r.store.SyncState(ctx, a.acct.ID)
	if err != nil {
		return false, fmt.Errorf("reading sync state: %w", err)
	}
	cursor := st.Cursor
	for range r.maxBatches {
		b, err := r.fetch(ctx, a, prov, cursor)
		if err != nil {
			return false, err
		}
		if b.Cursor == "" {
			// "" means "from the beginning": a provider that has nothing new
			// and forgets to echo the cursor must not restart the history.
			// (The store keeps its cursor too; this keeps the drain honest.)
			b.Cursor = cursor
		}
		b = annotated(b)
		// The store sanitizes the batch's text on ingest: the one edge.
		res, err := r.store.IngestBatch(ctx, a.acct.ID, b, now)
		if err != nil {
			return false, fmt.Errorf("storing batch: %w", err)
		}
		rep.Batches++
		rep.NewItems += res.NewItems
		rep.Updated += res.Updated
		raised, opened := r.evaluateBatch(ctx, a.acct, b, res, now)
		rep.Alerts += raised
		rep.NewAlerts = append(rep.NewAlerts, opened...)
		if !b.More || b.Cursor == cursor {
			// Done, or a provider claiming more without moving: stop rather
			// than fetch the same page again.
			return false, nil
		}
		cursor = b.Cursor
	}
	return true, nil
}

// annotated gives every incoming item without a sentiment its sentiment,
// score and (when unknown) language, before the batch is stored, so the
// inbox, the stats and the rules all read them. A provider's own labels
// (the demo network's) are kept, and our replies are not scored. The
// provider's slice is not written to: it is copied first.
func annotated(b core.Batch) core.Batch {
	copied := false
	for i := range b.Items {
		if b.Items[i].Outgoing || b.Items[i].Sentiment != core.SentimentUnknown {
			continue
		}
		if !copied {
			b.Items, copied = slices.Clone(b.Items), true
		}
		sentiment.Annotate(&b.Items[i])
	}
	return b
}

// provider returns the account's cached provider, building it (secret
// resolved, factory called) on first use. Build errors are sync failures.
func (r *Runner) provider(ctx context.Context, a *account) (p providers.Provider, err error) {
	if a.prov != nil {
		return a.prov, nil
	}
	// The factory (and the secret and settings hooks) run code we do not
	// control; a panic there is this account's failure, not the engine's.
	defer func() {
		if v := recover(); v != nil {
			r.log.Error("engine: provider setup panicked", "account", a.acct.ID, "stack", string(debug.Stack()))
			p, err = nil, fmt.Errorf("provider %q panicked while starting: %v", a.acct.Provider, v)
		}
	}()
	secret := ""
	if r.secret != nil {
		sctx, cancel := context.WithTimeout(ctx, r.callTimeout)
		defer cancel()
		if secret, err = r.secret(sctx, a.acct); err != nil {
			return nil, fmt.Errorf("resolving the account's token: %w", err)
		}
	}
	a.secret = secret
	var settings map[string]string
	if r.settings != nil {
		settings = r.settings(a.acct)
	}
	p, err = r.registry.New(providers.AccountConfig{Account: a.acct, Settings: settings, Secret: secret})
	if err != nil {
		return nil, fmt.Errorf("starting provider: %w", err)
	}
	if p == nil {
		return nil, fmt.Errorf("provider %q returned no adapter", a.acct.Provider)
	}
	a.prov = p
	return p, nil
}

// errProviderHung is returned when a provider ignores its context's timeout.
var errProviderHung = errors.New("the network did not answer in time")

// panicError is a provider panic turned into that account's error.
type panicError struct {
	provider string
	value    any
}

func (e *panicError) Error() string {
	return fmt.Sprintf("provider %q panicked: %v", e.provider, e.value)
}

type fetchResult struct {
	batch core.Batch
	err   error
}

// fetch calls the provider with a timeout, on its own goroutine so that a
// provider that ignores its context cannot stall the engine, and recovers a
// panic as that account's error. A provider that panicked or hung is
// dropped and rebuilt next time, since its state is unknown.
func (r *Runner) fetch(ctx context.Context, a *account, p providers.Provider, cursor string) (core.Batch, error) {
	cctx, cancel := context.WithTimeout(ctx, r.callTimeout)
	defer cancel()
	done := make(chan fetchResult, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				r.log.Error("engine: provider panicked", "account", a.acct.ID, "stack", string(debug.Stack()))
				done <- fetchResult{err: &panicError{provider: a.acct.Provider, value: v}}
			}
		}()
		b, err := p.Fetch(cctx, cursor)
		done <- fetchResult{batch: b, err: err}
	}()
	select {
	case res := <-done:
		if _, ok := errors.AsType[*panicError](res.err); ok {
			a.prov = nil
			return core.Batch{}, fmt.Errorf("fetching: %w", res.err)
		}
		// The network answered, maybe with a refusal: either way its
		// budget is news.
		r.recordRate(ctx, a, p)
		if res.err != nil {
			return core.Batch{}, fmt.Errorf("fetching: %w", res.err)
		}
		return res.batch, nil
	case <-cctx.Done():
		a.prov = nil
		if ctx.Err() != nil {
			return core.Batch{}, ctx.Err()
		}
		return core.Batch{}, fmt.Errorf("fetching: %w", errProviderHung)
	}
}

// redactedError is an error whose text had a secret removed. It does not
// unwrap: the original chain holds the secret, and a caller printing an
// unwrapped cause (or a typed error's URL field) would show it again. It
// still matches the typed sentinel the original matched, so
// providers.Classify says the same of both.
type redactedError struct {
	msg  string
	kind error // providers.ErrAuth, ErrRateLimited or ErrNotFound; nil if none
}

func (e *redactedError) Error() string { return e.msg }

// Is lets errors.Is find the original's sentinel (and nothing else of its
// chain).
func (e *redactedError) Is(target error) bool { return e.kind != nil && target == e.kind }

// typedSentinels are the errors a redacted error keeps, in Classify's order.
var typedSentinels = []error{providers.ErrAuth, providers.ErrRateLimited, providers.ErrNotFound}

// sentinelOf returns the first typed sentinel err matches, or nil.
func sentinelOf(err error) error {
	for _, s := range typedSentinels {
		if errors.Is(err, s) {
			return s
		}
	}
	return nil
}

// minSecretLen avoids "redacting" one-letter secrets out of every word.
const minSecretLen = 4

// redact returns err with every occurrence of secret in its text replaced.
// Providers should never put a token in an error, but a URL with the token
// in its query is an easy mistake; the UI and the logs must not show it.
// Whether the error is permanent, and its typed class, survive the
// redaction.
func redact(err error, secret string) error {
	if err == nil || len(secret) < minSecretLen {
		return err
	}
	msg := err.Error()
	if !strings.Contains(msg, secret) {
		return err
	}
	var out error = &redactedError{msg: strings.ReplaceAll(msg, secret, "[redacted]"), kind: sentinelOf(err)}
	if providers.IsPermanent(err) {
		out = &providers.PermanentError{Err: out}
	}
	return out
}
