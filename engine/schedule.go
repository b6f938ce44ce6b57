package engine

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
	"cmdeck/store"
)

// account is the engine's per-account bookkeeping between steps.
type account struct {
	acct     core.Account
	prov     providers.Provider // built once, dropped when it misbehaves
	secret   string             // kept only to redact it from errors
	nextDue  time.Time
	failures int // consecutive failed syncs
	// rate is the budget the network last reported; rateSaved is what the
	// store holds, so an unchanged budget is not written again.
	rate, rateSaved rateSeen
}

// schedule is every known account, in the store's order.
type schedule struct {
	byID     map[int64]*account
	order    []int64
	loaded   bool
	reloadAt time.Time
}

func newSchedule() schedule { return schedule{byID: map[int64]*account{}} }

// clientIDs lists the distinct clients of the known accounts, in account
// order.
func (s *schedule) clientIDs() []int64 {
	var out []int64
	for _, id := range s.order {
		if c := s.byID[id].acct.ClientID; !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// refreshAccounts reloads the account list from the store when it is due
// (once per interval, or when force is set), so accounts added by another
// process are picked up without a restart.
func (r *Runner) refreshAccounts(ctx context.Context, now time.Time, force bool) error {
	s := &r.sched
	if s.loaded && !force && now.Before(s.reloadAt) {
		return nil
	}
	list, err := r.store.Accounts(ctx)
	if err != nil {
		return fmt.Errorf("engine: listing accounts: %w", err)
	}
	r.mergeAccounts(list, now)
	s.loaded = true
	s.reloadAt = now.Add(r.interval)
	return nil
}

// mergeAccounts brings the schedule in line with list. A new account starts
// due now, or at its stored backoff deadline so a restart does not hammer a
// failing network. A changed account loses its cached provider.
func (r *Runner) mergeAccounts(list []store.AccountSync, now time.Time) {
	s := &r.sched
	seen := make(map[int64]bool, len(list))
	order := make([]int64, 0, len(list))
	for _, as := range list {
		id := as.Account.ID
		if seen[id] {
			continue
		}
		seen[id] = true
		order = append(order, id)
		if a, ok := s.byID[id]; ok {
			if a.acct != as.Account {
				a.acct = as.Account
				a.prov, a.secret = nil, ""
			}
			continue
		}
		due := now
		if as.State.BackoffUntil.After(now) {
			due = as.State.BackoffUntil
		}
		s.byID[id] = &account{acct: as.Account, nextDue: due, failures: max(as.State.Failures, 0)}
	}
	for id := range s.byID {
		if !seen[id] {
			delete(s.byID, id)
		}
	}
	s.order = order
}

// markAllDue makes every account due at now, backoff included: the user
// asked for a sync.
func (s *schedule) markAllDue(now time.Time) {
	for _, a := range s.byID {
		a.nextDue = now
	}
}

// earliestDue is the soonest next-due time of any account (zero if none).
func (s *schedule) earliestDue() time.Time {
	var t time.Time
	for _, a := range s.byID {
		if t.IsZero() || a.nextDue.Before(t) {
			t = a.nextDue
		}
	}
	return t
}

// jittered spreads d uniformly over [d×(1−j), d×(1+j)) so accounts that
// started together drift apart instead of hitting the networks in step.
func jittered(d time.Duration, j float64, rnd *rand.Rand) time.Duration {
	if j <= 0 || d <= 0 {
		return d
	}
	f := 1 + j*(2*rnd.Float64()-1)
	return time.Duration(float64(d) * f)
}

// backoff is the wait after the given number of consecutive failures:
// interval × 2^failures, capped (before jitter) at maxWait.
func backoff(interval, maxWait time.Duration, failures int) time.Duration {
	if failures <= 0 {
		return interval
	}
	d := interval
	for range failures {
		if d >= maxWait/2 {
			return maxWait
		}
		d *= 2
	}
	return min(d, maxWait)
}
