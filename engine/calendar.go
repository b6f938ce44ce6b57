package engine

// The calendar's side of the engine. A scheduled post is an outbox publish
// action whose not_before is its time, sent like any other (outbox.go);
// what is particular to posts is here: a post whose time passed while
// nothing ran (the machine was off) goes out late only up to LateLimit,
// else it is marked missed and an alert raised; and a published recurring
// post gets its next occurrence, computed in the user's zone.

import (
	"context"
	"errors"
	"fmt"
	"time"

	"cmdeck/core"
	"cmdeck/store"
)

const (
	// OnTimeGrace is how late a post still counts as on time whatever
	// LateLimit says: a step comes every Tick, and a pass may take a while.
	OnTimeGrace = time.Minute
	// RuleMissed names the alerts about missed posts.
	RuleMissed = "missed"
	// recurBatch bounds the next occurrences one step makes.
	recurBatch = 50
	// maxSkipped bounds how many passed occurrences a series resumed late
	// skips (ten years of a weekly post).
	maxSkipped = 520
)

// ErrMissed is the failure of a post whose time passed, beyond the late
// limit, while nothing ran: it was not sent, and a person decides whether
// it still should be (retry from the calendar).
var ErrMissed = errors.New("missed: its time passed while nothing ran")

// lateAllowance is how late a post may go out.
func (r *Runner) lateAllowance() time.Duration {
	if r.lateLimit < 0 {
		return OnTimeGrace
	}
	return max(r.lateLimit, OnTimeGrace)
}

// missed reports whether a claimed publish action is too late to send,
// and by how much it is late.
func (r *Runner) missed(a core.Action, now time.Time) (time.Duration, bool) {
	if a.Kind != core.ActPublish {
		return 0, false // a late reply is still an answer
	}
	late := now.Sub(a.NotBefore)
	return late, late > r.lateAllowance()
}

// missAction records a missed post (the action failed, the post missed,
// with the reason), raises the client's alert for the day and tells the UI.
// Nothing is sent.
func (r *Runner) missAction(ctx context.Context, c store.ClaimedAction, a *account, now time.Time, late time.Duration) {
	err := fmt.Errorf("%w: due %s, %s late (the limit is %s)", ErrMissed,
		c.NotBefore.In(r.loc).Format("2006-01-02 15:04 MST"), late.Round(time.Minute), r.lateAllowance())
	rctx, cancel := recordContext(ctx)
	defer cancel()
	r.log.Warn("engine: post missed", "action", c.ID, "post", c.PostID, "account", c.AccountID, "err", err.Error())
	if merr := r.store.MissAction(rctx, c.ID, err.Error(), now); merr != nil {
		// The claim stays; it goes stale and is looked at again.
		r.log.Error("engine: recording a missed post", "action", c.ID, "err", merr.Error())
		return
	}
	r.raiseDayAlert(rctx, a, RuleMissed, now)
	r.emitAction(c, a, now, err)
}

// raiseDayAlert adds one to the client's alert of the day (in the user's
// zone) under rule (RuleMissed, RuleUnconfirmed): one machine off all
// morning is one alert, not ten. Titles are data (rule and client): the
// UI translates. A newly opened one goes to OnAlert.
func (r *Runner) raiseDayAlert(ctx context.Context, a *account, rule string, now time.Time) {
	client := clientKey(a.acct, a.acct.ClientID)
	group := rule + ":" + client + ":" + now.In(r.loc).Format(time.DateOnly)
	al := core.Alert{ClientID: a.acct.ClientID, Rule: rule, Severity: core.SeverityWarning,
		Title: rule + " " + client, ItemCount: 1, FirstAt: now, LastAt: now}
	id, opened, err := r.store.RaiseAlert(ctx, al, group, nil)
	if err != nil {
		r.log.Error("engine: raising alert", "rule", rule, "group", group, "err", err.Error())
		return
	}
	if opened {
		r.announce(ctx, []AlertNotice{{ID: id, ClientID: al.ClientID, ClientSlug: client, Rule: rule,
			Severity: al.Severity, Title: al.Title, ItemCount: al.ItemCount, At: now}})
	}
}

// scheduleRecurrences makes the next occurrence of each published (or
// missed) recurring post that has none yet. The store makes each exactly
// once, so a runner that died between publishing a post and this, or two
// runners racing, leave one next occurrence. r.mu is held.
func (r *Runner) scheduleRecurrences(ctx context.Context, now time.Time) {
	if ctx.Err() != nil {
		return
	}
	due, err := r.store.RecurringDue(ctx, recurBatch)
	if err != nil {
		if ctx.Err() == nil {
			r.log.Warn("engine: listing recurring posts", "err", err.Error())
		}
		return
	}
	for _, p := range due {
		next, ok := nextOccurrence(p.Recur, p.At, now, r.loc)
		if !ok {
			r.log.Error("engine: a recurring post has no next time", "post", p.PostID, "recur", string(p.Recur))
			continue
		}
		rctx, cancel := recordContext(ctx)
		id, err := r.store.ScheduleNextOccurrence(rctx, p.PostID, next, now)
		cancel()
		if err != nil {
			r.log.Error("engine: scheduling a next occurrence", "post", p.PostID, "err", err.Error())
			continue
		}
		r.log.Info("engine: next occurrence scheduled", "post", p.PostID, "next", id, "at", next)
	}
}

// nextOccurrence is the first occurrence of a series after at that is still
// ahead of now: a series resumed weeks later (a missed post retried, the
// machine off) skips the times that passed rather than queue posts that
// would all be missed. Wall-clock times in loc hold across DST changes.
func nextOccurrence(rec core.Recurrence, at, now time.Time, loc *time.Location) (time.Time, bool) {
	next, ok := rec.Next(at, loc)
	for i := 0; ok && !next.After(now); i++ {
		if i == maxSkipped {
			return time.Time{}, false
		}
		next, ok = rec.Next(next, loc)
	}
	return next, ok
}
