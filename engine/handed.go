package engine

// Handed posts (see handover.go): the CM's changes carried to the network
// that holds the post, and the confirmation that it published it.

import (
	"context"
	"fmt"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
	"cmdeck/store"
)

// lostSkew allows for the difference between our clock and the network's:
// a held post gone more than this before its time was not published.
const lostSkew = time.Minute

// handedStep is what a handed action needs next.
type handedStep int

const (
	stepWait       handedStep = iota // nothing before a time
	stepSchedule                     // the network's id is unknown: schedule again
	stepReschedule                   // moved: move the network's copy
	stepUnschedule                   // withdrawn, edited, or moved too near: cancel the network's copy
	stepConfirm                      // its time passed: find it published
)

// planHanded decides what a handed action needs at now; lead is how far
// ahead a time must be for the network to take it. For stepWait it also
// says until when. A copy whose time is near is cancelled rather than
// moved: Mastodon queues a post minutes before its time, and a queued post
// goes out at its old time whatever its new one. A post of a client in
// crisis (Paused) is taken back from the network the same way: cancelled
// there, it waits in the outbox, which holds it until the crisis ends.
// While its network id is unknown it is handled as any other, so a lost
// answer is found again (and then cancelled) rather than left published.
func planHanded(h store.Handover, now time.Time, lead time.Duration) (handedStep, time.Time) {
	due := h.HeldAt.Add(ConfirmGrace)
	far := func(t time.Time) bool { return !t.Before(now.Add(lead)) }
	if h.ScheduledID == "" {
		switch {
		case far(h.HeldAt):
			return stepSchedule, time.Time{}
		case now.Before(due):
			return stepWait, due
		}
		return stepConfirm, time.Time{}
	}
	switch {
	case h.Withdraw || h.Edited() || h.Paused:
		return stepUnschedule, time.Time{}
	case h.Moved() && far(h.NotBefore) && far(h.HeldAt):
		return stepReschedule, time.Time{}
	case h.Moved():
		return stepUnschedule, time.Time{}
	case now.Before(due):
		return stepWait, due
	}
	return stepConfirm, time.Time{}
}

// handedStale is how old a claim on a handed action must be for another
// runner to take it back: one piece of work may make two network calls.
func (r *Runner) handedStale() time.Duration { return r.outboxStale + r.callTimeout }

// workHanded works on up to handedBatch handed actions that need the
// network, one claim at a time. r.mu is held.
func (r *Runner) workHanded(ctx context.Context, now time.Time) {
	for range handedBatch {
		if ctx.Err() != nil {
			return
		}
		at := r.after(now)
		if !r.keepLease(ctx, at) {
			return
		}
		h, ok, err := r.store.ClaimHandedWork(ctx, r.owner, at, ConfirmGrace, r.handedStale())
		if err != nil {
			if ctx.Err() == nil {
				r.log.Warn("engine: claiming handed posts", "err", err.Error())
			}
			return
		}
		if !ok {
			return
		}
		r.workOn(ctx, handedCall{h: h, now: at})
	}
}

// workOn does what one claimed handed action needs.
func (r *Runner) workOn(ctx context.Context, c handedCall) {
	if c.a = r.actionAccount(ctx, c.h.AccountID, c.now); c.a == nil {
		r.deferHanded(ctx, c, ErrAccountGone, false, c.now.Add(handoverPause))
		return
	}
	prov, err := r.provider(ctx, c.a)
	if err != nil {
		r.callFailed(ctx, c, fmt.Errorf("starting provider: %w", err))
		return
	}
	net, ok := asScheduler(prov)
	if !ok {
		// The account's provider changed: its copy cannot be reached.
		r.deferHanded(ctx, c, errNoScheduler, false, c.now.Add(handoverPause))
		return
	}
	c.net = net
	step, until := planHanded(c.h, c.now, net.lead)
	switch step {
	case stepWait:
		r.deferHanded(ctx, c, nil, false, until)
	case stepSchedule:
		r.schedule(ctx, c, false)
	case stepReschedule:
		r.reschedule(ctx, c)
	case stepUnschedule:
		r.unschedule(ctx, c)
	case stepConfirm:
		r.confirm(ctx, c)
	}
}

// netCall runs one call to the network about a handed action, guarded like
// a send.
func (r *Runner) netCall(ctx context.Context, c handedCall, fn func(context.Context) error) error {
	_, err := guardedCall(r, ctx, c.a, func(cctx context.Context) (struct{}, error) {
		return struct{}{}, fn(cctx)
	})
	r.noteRate(ctx, c.a)
	return err
}

// callFailed leaves the action handed and tries again after the backoff,
// or at once when the caller is shutting down.
func (r *Runner) callFailed(ctx context.Context, c handedCall, err error) {
	class := providers.Classify(err)
	err = redact(err, c.a.secret)
	at := r.handedRetryAt(c, class)
	if ctx.Err() != nil {
		at = c.now
	}
	r.deferHanded(ctx, c, err, false, at)
}

// reschedule moves the network's copy to the post's new time.
func (r *Runner) reschedule(ctx context.Context, c handedCall) {
	err := r.netCall(ctx, c, func(cctx context.Context) error {
		return c.net.Reschedule(cctx, c.h.ScheduledID, c.h.NotBefore)
	})
	switch {
	case providers.Classify(err) == providers.ClassNotFound:
		r.gone(ctx, c)
	case err != nil:
		r.callFailed(ctx, c, err)
	default:
		rctx, cancel := recordContext(ctx)
		defer cancel()
		if err := r.store.RecordRescheduled(rctx, c.h.ID, r.owner, c.h.NotBefore, r.after(c.now)); err != nil {
			// Moving it again is harmless.
			r.log.Error("engine: recording a moved handed post", "action", c.h.ID, "err", err.Error())
		}
	}
}

// unschedule cancels the network's copy; the action goes back to the
// outbox (which hands it over again with its new text when it is far
// enough), or is cancelled when withdrawn.
func (r *Runner) unschedule(ctx context.Context, c handedCall) {
	err := r.netCall(ctx, c, func(cctx context.Context) error {
		return c.net.Unschedule(cctx, c.h.ScheduledID)
	})
	switch {
	case providers.Classify(err) == providers.ClassNotFound:
		r.gone(ctx, c)
	case err != nil:
		r.callFailed(ctx, c, err)
	default:
		r.giveBack(ctx, c, "")
	}
}

// gone handles a network that no longer holds the copy it had an id for:
// published, or cancelled or lost. The network says which: found
// published, the post is; gone before its time, nothing went out and the
// post goes back to the outbox; else it is confirmed like any post whose
// time came.
func (r *Runner) gone(ctx context.Context, c handedCall) {
	res, found, err := r.checkAction(ctx, c.a, c.net, c.h.Held())
	switch {
	case err != nil:
		r.callFailed(ctx, c, fmt.Errorf("checking whether it was published: %w", err))
	case found:
		r.completeHanded(ctx, c, res)
	case c.now.Before(c.h.HeldAt.Add(-lostSkew)):
		r.log.Warn("engine: the network no longer holds a handed post; the outbox has it back",
			"action", c.h.ID, "post", c.h.PostID)
		r.giveBack(ctx, c, "")
	default:
		r.deferHanded(ctx, c, nil, true, later(c.h.HeldAt.Add(ConfirmGrace), c.now.Add(confirmEvery)))
	}
}

// later returns the later of two times.
func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// confirm looks for the published post on the network, every confirmEvery
// until ConfirmLimit after its time, then gives up on the network.
func (r *Runner) confirm(ctx context.Context, c handedCall) {
	res, found, err := r.checkAction(ctx, c.a, c.net, c.h.Held())
	switch {
	case err != nil:
		r.callFailed(ctx, c, fmt.Errorf("checking whether it was published: %w", err))
	case found:
		r.completeHanded(ctx, c, res)
	case c.now.Before(c.h.HeldAt.Add(ConfirmLimit)):
		r.deferHanded(ctx, c, nil, false, c.now.Add(confirmEvery))
	default:
		r.giveUp(ctx, c)
	}
}

// giveUp takes a post the network did not publish in time back to the
// outbox, once its copy is cancelled or gone (Unschedule answers
// ErrNotFound), and raises the client's alert.
func (r *Runner) giveUp(ctx context.Context, c handedCall) {
	if c.h.ScheduledID != "" {
		err := r.netCall(ctx, c, func(cctx context.Context) error {
			return c.net.Unschedule(cctx, c.h.ScheduledID)
		})
		if err != nil && providers.Classify(err) != providers.ClassNotFound {
			r.callFailed(ctx, c, err)
			return
		}
	}
	if c.h.Withdraw {
		r.giveBack(ctx, c, "")
		return
	}
	r.log.Warn("engine: a handed post was not published in time", "action", c.h.ID, "post", c.h.PostID,
		"account", c.h.AccountID, "due", c.h.HeldAt)
	if !r.giveBack(ctx, c, ErrUnconfirmed.Error()) {
		return
	}
	rctx, cancel := recordContext(ctx)
	defer cancel()
	r.raiseDayAlert(rctx, c.a, RuleUnconfirmed, c.now)
	r.emitAction(store.ClaimedAction{Action: c.h.Action}, c.a, c.now, ErrUnconfirmed)
}

// completeHanded records a handed post the network published.
func (r *Runner) completeHanded(ctx context.Context, c handedCall, res core.ActionResult) {
	core.SanitizeActionResult(&res)
	rctx, cancel := recordContext(ctx)
	defer cancel()
	if err := r.store.CompleteHandover(rctx, c.h.ID, res, r.after(c.now)); err != nil {
		// The claim goes stale; the next look finds the post again.
		r.log.Error("engine: recording a post its network published", "action", c.h.ID, "err", err.Error())
		return
	}
	r.log.Info("engine: its network published a handed post", "action", c.h.ID, "post", c.h.PostID,
		"account", c.h.AccountID)
	r.emitAction(store.ClaimedAction{Action: c.h.Action}, c.a, c.now, nil)
}
