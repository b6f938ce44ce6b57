package engine

// Native scheduling: handing posts to networks that hold them until their
// time (providers.Scheduler, Mastodon's scheduled_at), so a post goes out
// even if no cmdeck runs then.
//
// A pending publish action whose network can schedule and check
// (providers.Scheduler and providers.Checker) and whose time is at least
// the network's MinScheduleLead (plus HandoverMargin) ahead is claimed for
// handover in the store (state handed: the outbox never claims it), then
// given to the network; the store records the network's id. The CM's
// later changes are recorded beside what the network holds, and the
// engine carries them there (handed.go). After the post's time, the
// engine finds it on the network and records it published.
//
// Nothing is published twice. A handed action returns to the outbox only
// when the network certainly does not hold it: it refused the handover,
// its copy was cancelled, or it was gone before its time; or, as a last
// resort, when ConfirmLimit passed without the post showing up and the
// copy could be cancelled or was gone. Its attempts then count one, so the
// outbox asks the network (providers.Checker) before sending it.

import (
	"context"
	"errors"
	"fmt"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
	"cmdeck/store"
)

const (
	// HandoverMargin is added to the network's MinScheduleLead: a post
	// nearer than that stays with the outbox.
	HandoverMargin = time.Minute
	// ConfirmGrace is how long after a handed post's time the engine
	// first looks for it on the network.
	ConfirmGrace = 2 * time.Minute
	// ConfirmLimit is how late a handed post may be before the engine
	// stops waiting for the network: it cancels the network's copy if it
	// can, raises an alert and lets the outbox publish the post.
	ConfirmLimit = 30 * time.Minute
	// RuleUnconfirmed names the alerts about handed posts the network did
	// not publish in time.
	RuleUnconfirmed = "unconfirmed"

	// confirmEvery is how often a handed post not seen yet is looked for.
	confirmEvery = time.Minute
	// handoverPause is how long an account's handovers wait after the
	// network refused one for its token or its request budget.
	handoverPause = 15 * time.Minute
	// handoverBatch bounds the handovers of one step, and handedBatch the
	// handed actions worked on: the rest wait for the next step.
	handoverBatch = 10
	handedBatch   = 20
)

// ErrUnconfirmed is the failure reported for a handed post the network had
// not published ConfirmLimit after its time: the outbox publishes it.
var ErrUnconfirmed = errors.New("the network did not publish the scheduled post in time; the outbox publishes it")

// errNoScheduler says an account's network cannot hold posts (or cannot
// check them, which confirming needs).
var errNoScheduler = errors.New("the network cannot schedule posts")

// handoffs is the runner's memory of which accounts not to hand posts to.
type handoffs struct {
	// refused: the network answered that it cannot schedule (or published
	// at once): its posts stay with the outbox for the runner's life.
	refused map[int64]bool
	// paused: a handover failed on the token or the request budget.
	paused map[int64]time.Time
}

func newHandoffs() handoffs {
	return handoffs{refused: map[int64]bool{}, paused: map[int64]time.Time{}}
}

// allowed reports whether posts of account id may be handed over at now.
func (h handoffs) allowed(id int64, now time.Time) bool {
	return !h.refused[id] && !now.Before(h.paused[id])
}

// scheduler is an account's network as handovers need it.
type scheduler struct {
	providers.Scheduler
	providers.Checker
	lead time.Duration // how far ahead a post must be to be handed over
}

// asScheduler returns p as a scheduler when it can hold and check posts.
func asScheduler(p providers.Provider) (scheduler, bool) {
	s, ok := p.(providers.Scheduler)
	c, ok2 := p.(providers.Checker)
	if !ok || !ok2 {
		return scheduler{}, false
	}
	return scheduler{Scheduler: s, Checker: c, lead: s.MinScheduleLead() + HandoverMargin}, true
}

// handoverKey is the idempotency key of one handover: Mastodon keeps one
// key space for scheduled and published posts, so a key used to schedule
// must never be the one the outbox publishes with, nor the next
// handover's.
func handoverKey(h store.Handover) string {
	return fmt.Sprintf("%s-h%d", h.IdempotencyKey, h.Handovers)
}

// handedCall is one handed action being worked on, with its account and
// network.
type handedCall struct {
	h   store.Handover
	a   *account
	net scheduler
	now time.Time
}

// handOver hands over up to handoverBatch pending posts of the accounts
// whose network can hold them. Only providers already built (by the sync)
// are asked: a handover is an optimization, the outbox the way that always
// works. r.mu is held.
func (r *Runner) handOver(ctx context.Context, now time.Time) {
	budget := handoverBatch
	for _, id := range r.sched.order {
		if budget == 0 || ctx.Err() != nil {
			return
		}
		a := r.sched.byID[id]
		if a.prov == nil || !r.handoffs.allowed(id, now) {
			continue
		}
		net, ok := asScheduler(a.prov)
		if !ok {
			continue
		}
		cands, err := r.store.HandoverCandidates(ctx, id, now.Add(net.lead), budget)
		if err != nil {
			if ctx.Err() == nil {
				r.log.Warn("engine: listing posts to hand over", "account", id, "err", err.Error())
			}
			return
		}
		for _, c := range cands {
			if !r.handOverOne(ctx, a, net, c, now) {
				return
			}
			budget--
			if !r.handoffs.allowed(id, r.after(now)) {
				break
			}
		}
	}
}

// handOverOne claims one candidate and gives it to the network. It
// reports whether to go on (the lease is still held).
func (r *Runner) handOverOne(ctx context.Context, a *account, net scheduler, c core.Action, now time.Time) bool {
	at := r.after(now)
	if ctx.Err() != nil || !r.keepLease(ctx, at) {
		return false
	}
	h, ok, err := r.store.ClaimHandover(ctx, c.ID, r.owner, at.Add(net.lead), at)
	if err != nil {
		r.log.Warn("engine: claiming a post to hand over", "action", c.ID, "err", err.Error())
		return true
	}
	if ok {
		r.schedule(ctx, handedCall{h: h, a: a, net: net, now: at}, true)
	}
	return true
}

// schedule gives the network the handed action's held time and text (a
// first handover, fresh, or again when an earlier answer was lost: the
// network finds the post it already holds, see mastodon.Schedule) and
// records its id.
func (r *Runner) schedule(ctx context.Context, c handedCall, fresh bool) {
	act := c.h.Held()
	act.IdempotencyKey = handoverKey(c.h)
	id, err := guardedCall(r, ctx, c.a, func(cctx context.Context) (string, error) {
		return c.net.Schedule(cctx, act, c.h.HeldAt)
	})
	r.noteRate(ctx, c.a)
	if err != nil {
		r.scheduleFailed(ctx, c, fresh, err)
		return
	}
	rctx, cancel := recordContext(ctx)
	defer cancel()
	if err := r.store.RecordScheduled(rctx, c.h.ID, r.owner, id, r.after(c.now)); err != nil {
		// The claim goes stale; the next runner schedules again and the
		// network answers with this same post.
		r.log.Error("engine: recording a handed post", "action", c.h.ID, "err", err.Error())
		return
	}
	delete(r.handoffs.paused, c.h.AccountID) // the network answers again
	r.log.Info("engine: post handed to its network", "action", c.h.ID, "post", c.h.PostID,
		"account", c.h.AccountID, "at", c.h.HeldAt)
}

// scheduleFailed handles a refused or failed handover. On a first try, a
// refusal that says nothing was created (the network cannot schedule,
// published at once instead, or refused the token or the budget) sends
// the post back to the outbox; a network that cannot schedule is not
// asked again. Anything else — a transient error, or any error on a
// retry, which cannot tell what the lost earlier answer was — leaves the
// post handed, to be scheduled again later or, when its time is too near,
// confirmed. Other handovers to the account wait meanwhile: during an
// outage, one post is in doubt, not every post planned.
func (r *Runner) scheduleFailed(ctx context.Context, c handedCall, fresh bool, err error) {
	class := providers.Classify(err)
	err = redact(err, c.a.secret)
	id := c.h.AccountID
	refused := class == providers.ClassNotFound || class == providers.ClassPermanent
	if refused {
		r.handoffs.refused[id] = true
		r.log.Info("engine: the network does not schedule posts; the outbox publishes them",
			"account", id, "err", err.Error())
	} else if ctx.Err() == nil {
		r.handoffs.paused[id] = r.notBeforeReset(c.a, class, c.now, c.now.Add(handoverPause))
	}
	certain := refused || class == providers.ClassAuth || class == providers.ClassRateLimited
	switch {
	case ctx.Err() != nil: // shutting down: due again at once
		r.deferHanded(ctx, c, err, false, c.now)
	case fresh && certain:
		r.giveBack(ctx, c, "")
	default:
		r.deferHanded(ctx, c, err, false, r.handedRetryAt(c, class))
	}
}

// handedRetryAt is when a failed call about a handed action is tried
// again: the outbox's backoff, or the budget's reset.
func (r *Runner) handedRetryAt(c handedCall, class providers.ErrorClass) time.Time {
	if class == providers.ClassAuth {
		return c.now.Add(handoverPause)
	}
	return r.actionRetryAt(c.a, class, c.h.NetTries+1, c.now)
}

// noteRate records the budget the network reported, unless the provider
// was dropped (it hung or panicked).
func (r *Runner) noteRate(ctx context.Context, a *account) {
	if a.prov != nil {
		r.recordRate(ctx, a, a.prov)
	}
}

// giveBack records that the network does not hold the action: back to the
// outbox (or cancelled, when withdrawn).
func (r *Runner) giveBack(ctx context.Context, c handedCall, reason string) bool {
	rctx, cancel := recordContext(ctx)
	defer cancel()
	if err := r.store.ReleaseHandover(rctx, c.h.ID, r.owner, reason, r.after(c.now)); err != nil {
		r.log.Error("engine: recording a post back from its network", "action", c.h.ID, "err", err.Error())
		return false
	}
	r.log.Info("engine: post back from its network", "action", c.h.ID, "post", c.h.PostID,
		"withdrawn", c.h.Withdraw)
	return true
}

// deferHanded leaves the action handed until at; err (nil for a plain
// wait) is recorded and logged. forget drops the network's id, which no
// longer names a held post.
func (r *Runner) deferHanded(ctx context.Context, c handedCall, err error, forget bool, at time.Time) {
	msg := ""
	if err != nil {
		msg = err.Error()
		r.log.Warn("engine: handed post: will try again", "action", c.h.ID, "account", c.h.AccountID,
			"retry_at", at, "err", msg)
	}
	rctx, cancel := recordContext(ctx)
	defer cancel()
	if derr := r.store.DeferHanded(rctx, c.h.ID, r.owner, msg, forget, at, r.after(c.now)); derr != nil {
		// The claim goes stale and the action is looked at again.
		r.log.Error("engine: recording a handed post's wait", "action", c.h.ID, "err", derr.Error())
	}
}
