package app

import (
	"context"
	"fmt"
	"slices"
	"time"

	"cmdeck/config"
	"cmdeck/core"
	"cmdeck/providers"
	"cmdeck/providers/demo"
	"cmdeck/store"
)

// The calendar's side of a workspace: each account's queue slots, what
// attachments its network takes, and the demo's first posts.

// queueSlots maps each account to its queue slots: the config's, or for
// the demo workspace its client's from config.DemoDefaults.
func (w *Workspace) queueSlots() map[int64][]core.Slot {
	out := map[int64][]core.Slot{}
	demoSlots := config.DemoDefaults()
	for _, a := range w.Accounts {
		var slots []core.Slot
		if w.Config.Demo {
			slots = demoSlots.QueueSlots(a.ClientSlug)
		} else {
			slots = w.accounts[a.ID].QueueSlots()
		}
		if len(slots) > 0 {
			out[a.ID] = slots
		}
	}
	return out
}

// SlotsFunc is the deck's common.Context.Slots: an account's queue slots,
// nil when it has none. Each call returns a copy, so a pane cannot change
// another's.
func (w *Workspace) SlotsFunc() func(accountID int64) []core.Slot {
	slots := w.queueSlots()
	return func(accountID int64) []core.Slot { return slices.Clone(slots[accountID]) }
}

// MediaLimit is the deck's common.Context.MediaLimit: the attachments the
// account's network takes, ok false when it takes none (its provider is no
// providers.MediaChecker, or cannot be built).
func (n *networks) MediaLimit(accountID int64) (maxBytes int64, types []string, ok bool) {
	m, ok := n.provider(accountID).(providers.MediaChecker)
	if !ok {
		return 0, nil, false
	}
	maxBytes, types = m.MediaLimit()
	return maxBytes, types, true
}

// Demo seeding. The demo's scheduled posts are made like the CM's, through
// CreatePosts, so each has its publish action and really goes out at its
// time; drafts are inserted as drafts (one keeps a date it is meant for).
const (
	// demoActor plans the seeded posts, for the audit log.
	demoActor = "demo"
	// seedLease keeps two processes opening a new demo database at once
	// (the deck and a daemon started at login) from both seeding it.
	seedLease    = "demo-seed"
	seedLeaseTTL = time.Minute
)

// seedDemoPosts gives a new demo database drafts and scheduled posts, once:
// a database that has any post in the year around now is not new. The
// check and the seeding run under a lease, so a second process opening the
// database at the same moment finds either the lease taken or the posts.
func (w *Workspace) seedDemoPosts(ctx context.Context) error {
	now := w.Clock.Now()
	owner := LeaseOwner("seed")
	_, held, err := w.Store.AcquireLease(ctx, seedLease, owner, now, seedLeaseTTL)
	if err != nil {
		return fmt.Errorf("seeding demo posts: %w", err)
	}
	if !held {
		return nil // another process is seeding it right now
	}
	defer func() {
		if err := w.Store.ReleaseLease(context.WithoutCancel(ctx), seedLease, owner); err != nil {
			w.Logger.Warn("releasing the demo seed lease", "err", err.Error())
		}
	}()
	existing, err := w.Store.Posts(ctx, now.AddDate(-1, 0, 0), now.AddDate(1, 0, 0), 1)
	if err != nil {
		return fmt.Errorf("reading posts: %w", err)
	}
	if len(existing) > 0 {
		return nil
	}
	for _, p := range demo.SeedPosts(w.Accounts, now) {
		if err := w.seedPost(ctx, p, now); err != nil {
			return fmt.Errorf("seeding demo posts: %w", err)
		}
	}
	return nil
}

// seedPost stores one seed post: a scheduled one with its publish action,
// anything else as it is.
func (w *Workspace) seedPost(ctx context.Context, p core.Post, now time.Time) error {
	if p.Status != core.PostScheduled {
		_, err := w.Store.InsertPost(ctx, p)
		return err
	}
	_, err := w.Store.CreatePosts(ctx, store.PostDraft{
		AccountIDs: []int64{p.AccountID}, Body: p.Body, At: p.ScheduledAt, Actor: demoActor,
	}, now)
	return err
}
