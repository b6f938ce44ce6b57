package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
	"cmdeck/store"
)

// The engine's lead on the fake network: its 5 min, plus the margin.
const holdLead = 5*time.Minute + HandoverMargin

// A post an hour ahead is handed to its network, which publishes it at its
// time while no runner steps; the engine then finds it and records it
// published by the network, once, and the copy a sync stored meanwhile is
// folded into it. The outbox never sends it.
func TestHandedPostGoesOutOnceByTheNetwork(t *testing.T) {
	w := newHoldWorld(t)
	r := w.runner("host:1:daemon")
	at := t0.Add(time.Hour)
	id := w.plan(store.PostDraft{Body: "Lancement à 10h", At: at})
	w.step(r)
	p := w.post(id)
	if !p.HeldByNetwork || p.NetworkSyncing || p.Status != core.PostScheduled || p.ActionState != core.ActionHanded {
		t.Fatalf("after the handover: %+v", p)
	}
	held := w.hold.heldCopies()
	if len(held) != 1 || !held[0].at.Equal(at) || held[0].text != "Lancement à 10h" {
		t.Fatalf("the network holds %+v", held)
	}
	if keys := w.hold.scheduleKeys(); keys[0] == w.action(p.ActionID).IdempotencyKey {
		t.Errorf("the handover used the outbox's idempotency key %q", keys[0])
	}
	// The machine sleeps until after the post's time; the first pass syncs
	// the network's copy, before the engine looks for it.
	w.stepAt(r, at.Add(30*time.Second))
	if got := texts(w.hold.published()); !slices.Equal(got, []string{"network:Lancement à 10h"}) {
		t.Fatalf("published %q", got)
	}
	w.stepAt(r, at.Add(ConfirmGrace))
	p = w.post(id)
	if p.Status != core.PostPublished || p.PublishedBy != "network" || p.RemoteID != "st-2" ||
		p.URL != "https://hold.example/st-2" || !p.PublishedAt.Equal(at) || p.HeldByNetwork {
		t.Fatalf("confirmed post %+v", p)
	}
	if all := w.posts(t0, at.Add(time.Hour)); len(all) != 1 {
		t.Fatalf("the calendar shows %d posts, want the synced copy folded into ours: %+v", len(all), all)
	}
	checks := w.hold.callCount("check")
	w.stepAt(r, at.Add(time.Hour))
	if w.hold.callCount("do") != 0 || w.hold.callCount("check") != checks || len(w.hold.published()) != 1 {
		t.Fatalf("after the confirmation: %v, published %q", w.hold.calls, texts(w.hold.published()))
	}
	ev := w.actionEvents()
	if len(ev) != 1 || ev[0].ActionID != p.ActionID || ev[0].ActionErr != nil {
		t.Fatalf("events %+v, want one for the published post", ev)
	}
}

// A post nearer than the network's lead (plus the margin) is never handed
// over: the outbox publishes it. One exactly that far ahead is.
func TestPostNearerThanTheLeadStaysWithTheOutbox(t *testing.T) {
	w := newHoldWorld(t)
	r := w.runner("host:1:daemon")
	near := w.plan(store.PostDraft{Body: "bientôt", At: t0.Add(holdLead - time.Second)})
	far := w.plan(store.PostDraft{Body: "plus tard", At: t0.Add(holdLead)})
	w.step(r)
	if p := w.post(near); p.HeldByNetwork || p.ActionState != core.ActionPending {
		t.Fatalf("near post %+v", p)
	}
	if p := w.post(far); !p.HeldByNetwork {
		t.Fatalf("post exactly the lead ahead %+v, want handed over", p)
	}
	for range 10 {
		w.clock.Advance(time.Minute)
		w.step(r)
	}
	if w.hold.callCount("schedule") != 1 {
		t.Errorf("%d handovers, want only the far post", w.hold.callCount("schedule"))
	}
	got := texts(w.hold.published())
	slices.Sort(got)
	if !slices.Equal(got, []string{"network:plus tard", "outbox:bientôt"}) {
		t.Fatalf("published %q", got)
	}
	if p := w.post(near); p.Status != core.PostPublished || p.PublishedBy != "daemon" {
		t.Errorf("near post %+v", p)
	}
}

// A handed post moved in the calendar is moved on the network, and goes out
// at its new time only.
func TestHandedPostMovedIsRescheduled(t *testing.T) {
	w := newHoldWorld(t)
	r := w.runner("host:1:daemon")
	at := t0.Add(time.Hour)
	id := w.plan(store.PostDraft{Body: "Portes ouvertes", At: at})
	w.step(r)
	if err := w.db.MovePost(leaCtx(), id, 2*time.Hour, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if p := w.post(id); !p.HeldByNetwork || !p.NetworkSyncing || !p.ScheduledAt.Equal(at.Add(2*time.Hour)) {
		t.Fatalf("moved, not yet carried: %+v", p)
	}
	w.step(r)
	if held := w.hold.heldCopies(); len(held) != 1 || !held[0].at.Equal(at.Add(2*time.Hour)) {
		t.Fatalf("the network holds %+v, want it moved", held)
	}
	if w.hold.callCount("reschedule") != 1 || w.hold.callCount("unschedule") != 0 || w.hold.callCount("schedule") != 1 {
		t.Fatalf("calls %v, want one reschedule", w.hold.calls)
	}
	if p := w.post(id); p.NetworkSyncing {
		t.Fatalf("after the move was carried: %+v", p)
	}
	w.stepAt(r, at.Add(ConfirmGrace))
	if len(w.hold.published()) != 0 {
		t.Fatalf("published at the old time: %q", texts(w.hold.published()))
	}
	w.stepAt(r, at.Add(2*time.Hour+ConfirmGrace))
	if got := texts(w.hold.published()); !slices.Equal(got, []string{"network:Portes ouvertes"}) {
		t.Fatalf("published %q", got)
	}
	if p := w.post(id); p.Status != core.PostPublished || !p.PublishedAt.Equal(at.Add(2*time.Hour)) {
		t.Fatalf("post %+v", p)
	}
}

// A handed post whose text changes is cancelled on the network and handed
// over again, with a key of its own; only the new text goes out.
func TestHandedPostEditedIsReplaced(t *testing.T) {
	w := newHoldWorld(t)
	r := w.runner("host:1:daemon")
	at := t0.Add(time.Hour)
	id := w.plan(store.PostDraft{Body: "old text", At: at})
	w.step(r)
	if err := w.db.UpdatePost(leaCtx(), id, "new text", at, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	w.step(r)
	held := w.hold.heldCopies()
	if len(held) != 1 || held[0].text != "new text" || !held[0].at.Equal(at) {
		t.Fatalf("the network holds %+v, want only the new text", held)
	}
	if w.hold.callCount("unschedule") != 1 || w.hold.callCount("schedule") != 2 {
		t.Fatalf("calls %v, want unschedule then schedule", w.hold.calls)
	}
	keys := w.hold.scheduleKeys()
	if keys[0] == keys[1] {
		t.Errorf("both handovers used the key %q", keys[0])
	}
	if p := w.post(id); !p.HeldByNetwork || p.NetworkSyncing {
		t.Fatalf("post %+v", p)
	}
	w.stepAt(r, at.Add(ConfirmGrace))
	if got := texts(w.hold.published()); !slices.Equal(got, []string{"network:new text"}) {
		t.Fatalf("published %q", got)
	}
	if p := w.post(id); p.Status != core.PostPublished || p.Body != "new text" {
		t.Fatalf("post %+v", p)
	}
}

// A handed post deleted, or unscheduled, is cancelled on the network and
// its action cancelled; nothing goes out. One unscheduled and scheduled
// again before the engine looked keeps its copy untouched.
func TestHandedPostDeletedIsCancelled(t *testing.T) {
	w := newHoldWorld(t)
	r := w.runner("host:1:daemon")
	at := t0.Add(time.Hour)
	deleted := w.plan(store.PostDraft{Body: "supprimé", At: at})
	drafted := w.plan(store.PostDraft{Body: "brouillon", At: at})
	back := w.plan(store.PostDraft{Body: "revenu", At: at})
	w.step(r)
	deletedAction := w.post(deleted).ActionID
	ctx, now := leaCtx(), w.clock.Now()
	if err := w.db.DeletePost(ctx, deleted, now); err != nil {
		t.Fatal(err)
	}
	if err := w.db.UpdatePost(ctx, drafted, "brouillon", time.Time{}, now); err != nil {
		t.Fatal(err)
	}
	if p := w.post(drafted); p.Status != core.PostDraft || !p.HeldByNetwork || !p.NetworkSyncing {
		t.Fatalf("unscheduled, not yet carried: %+v", p)
	}
	if err := w.db.UpdatePost(ctx, back, "revenu", time.Time{}, now); err != nil {
		t.Fatal(err)
	}
	if err := w.db.UpdatePost(ctx, back, "revenu", at, now); err != nil {
		t.Fatal(err)
	}
	w.step(r)
	if w.hold.callCount("unschedule") != 2 {
		t.Fatalf("calls %v, want two cancellations", w.hold.calls)
	}
	if held := w.hold.heldCopies(); len(held) != 1 || held[0].text != "revenu" {
		t.Fatalf("the network holds %+v", held)
	}
	if a := w.action(deletedAction); a.State != core.ActionCancelled {
		t.Fatalf("deleted post's action %+v", a.Action)
	}
	if p := w.post(drafted); p.Status != core.PostDraft || p.HeldByNetwork || p.ActionID != 0 {
		t.Fatalf("unscheduled post %+v", p)
	}
	if p := w.post(back); p.Status != core.PostScheduled || !p.HeldByNetwork || p.NetworkSyncing {
		t.Fatalf("post scheduled again %+v", p)
	}
	w.stepAt(r, at.Add(ConfirmGrace))
	if got := texts(w.hold.published()); !slices.Equal(got, []string{"network:revenu"}) {
		t.Fatalf("published %q", got)
	}
}

// A server without scheduled posts answers ErrNotFound: the post goes back
// to the outbox, which publishes it at its time, and the account is not
// asked again.
func TestServerThatCannotScheduleLeavesPostsToTheOutbox(t *testing.T) {
	w := newHoldWorld(t)
	w.hold.refuse = fmt.Errorf("mastodon: this server does not schedule posts: %w", providers.ErrNotFound)
	r := w.runner("host:1:daemon")
	at := t0.Add(time.Hour)
	first := w.plan(store.PostDraft{Body: "un", At: at})
	second := w.plan(store.PostDraft{Body: "deux", At: at.Add(time.Minute)})
	w.step(r)
	for _, id := range []int64{first, second} {
		if p := w.post(id); p.HeldByNetwork || p.ActionState != core.ActionPending || p.Error != "" {
			t.Fatalf("post %+v, want pending in the outbox", p)
		}
	}
	w.stepAt(r, at)
	w.stepAt(r, at.Add(time.Minute))
	if got := texts(w.hold.published()); !slices.Equal(got, []string{"outbox:un", "outbox:deux"}) {
		t.Fatalf("published %q", got)
	}
	if n := w.hold.callCount("schedule"); n != 1 {
		t.Errorf("%d handovers, want the account asked once", n)
	}
	if p := w.post(first); p.Status != core.PostPublished || p.PublishedBy != "daemon" || !p.PublishedAt.Equal(at) {
		t.Errorf("first post %+v", p)
	}
}

// Two runners on one database step at the same moments: the post is
// handed over once, and published once.
func TestRunnersRacingHandOverOnce(t *testing.T) {
	w := newHoldWorld(t)
	at := t0.Add(time.Hour)
	ids := []int64{
		w.plan(store.PostDraft{Body: "A", At: at}),
		w.plan(store.PostDraft{Body: "B", At: at.Add(time.Minute)}),
	}
	runners := []*Runner{w.runner("host:1:tui"), w.runner("host:2:daemon")}
	stepBoth := func() {
		var wg sync.WaitGroup
		for _, r := range runners {
			wg.Go(func() {
				if _, err := r.Step(context.Background(), w.clock.Now()); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
	}
	stepBoth()
	if err := runners[0].Close(); err != nil { // the deck quits: the daemon takes over
		t.Fatal(err)
	}
	runners = runners[1:]
	for range 3 {
		stepBoth()
		w.clock.Advance(time.Minute)
	}
	w.clock.Set(at.Add(time.Minute + ConfirmGrace))
	stepBoth()
	if n := w.hold.callCount("schedule"); n != 2 {
		t.Fatalf("%d handovers, want one per post", n)
	}
	if got := texts(w.hold.published()); !slices.Equal(got, []string{"network:A", "network:B"}) {
		t.Fatalf("published %q", got)
	}
	for _, id := range ids {
		if p := w.post(id); p.Status != core.PostPublished || p.PublishedBy != "network" {
			t.Fatalf("post %+v", p)
		}
	}
}

// The answer to a handover is lost (the network holds the post): the post
// stays handed, and the next try finds the post the network holds instead
// of scheduling a second one. Meanwhile no other post is handed over;
// once the network answers again, they are.
func TestLostHandoverAnswerIsNotScheduledTwice(t *testing.T) {
	w := newHoldWorld(t)
	w.hold.lostAnswers = 1
	r := w.runner("host:1:daemon")
	at := t0.Add(time.Hour)
	id := w.plan(store.PostDraft{Body: "une fois", At: at})
	next := w.plan(store.PostDraft{Body: "ensuite", At: at.Add(time.Minute)})
	w.step(r)
	p := w.post(id)
	if !p.HeldByNetwork || !p.NetworkSyncing || p.ActionState != core.ActionHanded {
		t.Fatalf("after a lost answer: %+v", p)
	}
	if a := w.action(p.ActionID); !strings.Contains(a.LastError, "connection reset") {
		t.Errorf("action %+v, want the error shown", a.Action)
	}
	if p := w.post(next); p.HeldByNetwork || w.hold.callCount("schedule") != 1 {
		t.Fatalf("another post was handed over during the outage: %+v", p)
	}
	w.clock.Advance(10 * time.Second)
	w.step(r)
	if p := w.post(id); p.NetworkSyncing {
		t.Fatalf("after the retry: %+v", p)
	}
	if p := w.post(next); !p.HeldByNetwork || p.NetworkSyncing {
		t.Fatalf("the next post once the network answers: %+v", p)
	}
	if held := w.hold.heldCopies(); len(held) != 2 || w.hold.callCount("schedule") != 3 {
		t.Fatalf("the network holds %+v after %d calls", held, w.hold.callCount("schedule"))
	}
	w.stepAt(r, at.Add(time.Minute+ConfirmGrace))
	if got := texts(w.hold.published()); !slices.Equal(got, []string{"network:une fois", "network:ensuite"}) {
		t.Fatalf("published %q", got)
	}
}

// A runner dies while handing a post over, after the network took it.
// Once its claim is stale another runner hands it over again, with the
// same key, and gets the post the network holds: one copy, one post.
func TestHandoverOfADeadRunnerIsTakenBack(t *testing.T) {
	w := newHoldWorld(t)
	at := t0.Add(time.Hour)
	id := w.plan(store.PostDraft{Body: "repris", At: at})
	now := w.clock.Now()
	h, ok, err := w.db.ClaimHandover(context.Background(), w.post(id).ActionID, "host:1:tui", now.Add(holdLead), now)
	if err != nil || !ok {
		t.Fatalf("claim %v, %v", ok, err)
	}
	act := h.Held()
	act.IdempotencyKey = handoverKey(h)
	if _, err := (holder{w.hold}).Schedule(context.Background(), act, h.HeldAt); err != nil {
		t.Fatal(err)
	}
	r := w.runner("host:2:daemon")
	w.step(r)
	if n := w.hold.callCount("schedule"); n != 1 {
		t.Fatalf("%d handovers while the dead runner's claim is fresh", n)
	}
	w.clock.Advance(DefaultOutboxStale + DefaultCallTimeout + time.Second)
	w.step(r)
	keys := w.hold.scheduleKeys()
	if len(keys) != 2 || keys[0] != keys[1] || len(w.hold.heldCopies()) != 1 {
		t.Fatalf("keys %q, held %+v; want the same handover again and one copy", keys, w.hold.heldCopies())
	}
	if p := w.post(id); !p.HeldByNetwork || p.NetworkSyncing {
		t.Fatalf("post %+v", p)
	}
	w.stepAt(r, at.Add(ConfirmGrace))
	if got := texts(w.hold.published()); !slices.Equal(got, []string{"network:repris"}) {
		t.Fatalf("published %q", got)
	}
}

// The network loses a handed post. The engine looks for it after its
// time until ConfirmLimit; then, the network's copy gone, it raises an
// alert and the outbox publishes the post, once, after checking.
func TestPostTheNetworkLostIsPublishedByTheOutbox(t *testing.T) {
	w := newHoldWorld(t)
	r := w.runner("host:1:daemon")
	at := t0.Add(time.Hour)
	id := w.plan(store.PostDraft{Body: "perdu", At: at})
	w.step(r)
	w.hold.lose()
	w.stepAt(r, at.Add(ConfirmGrace))
	w.stepAt(r, at.Add(10*time.Minute))
	if p := w.post(id); p.Status != core.PostScheduled || !p.HeldByNetwork || len(w.hold.published()) != 0 {
		t.Fatalf("before the limit: %+v", p)
	}
	checks := w.hold.callCount("check")
	if checks != 2 {
		t.Errorf("%d checks, want one per look", checks)
	}
	w.stepAt(r, at.Add(ConfirmLimit))
	if got := texts(w.hold.published()); !slices.Equal(got, []string{"outbox:perdu"}) {
		t.Fatalf("published %q", got)
	}
	if n := w.hold.callCount("check"); n != checks+2 {
		t.Errorf("%d checks, want the last look and the outbox's check", n-checks)
	}
	if p := w.post(id); p.Status != core.PostPublished || p.PublishedBy != "daemon" || p.HeldByNetwork {
		t.Fatalf("post %+v", p)
	}
	alerts, err := w.db.OpenAlerts(context.Background(), 10)
	if err != nil || len(alerts) != 1 || alerts[0].Rule != RuleUnconfirmed || alerts[0].ClientID != w.acct.ClientID {
		t.Fatalf("alerts %+v, %v", alerts, err)
	}
	var unconfirmed int
	for _, e := range w.actionEvents() {
		if errors.Is(e.ActionErr, ErrUnconfirmed) {
			unconfirmed++
		}
	}
	if unconfirmed != 1 {
		t.Errorf("%d unconfirmed events, want 1", unconfirmed)
	}
	w.stepAt(r, at.Add(2*time.Hour))
	if len(w.hold.published()) != 1 {
		t.Fatalf("published %q", texts(w.hold.published()))
	}
}

// "Publish now" on a handed post, or a move nearer than the lead, cancels
// the network's copy and the outbox publishes the post at its new time.
func TestHandedPostBroughtNearGoesBackToTheOutbox(t *testing.T) {
	w := newHoldWorld(t)
	r := w.runner("host:1:daemon")
	at := t0.Add(time.Hour)
	now := w.plan(store.PostDraft{Body: "maintenant", At: at})
	soon := w.plan(store.PostDraft{Body: "bientôt", At: at})
	w.step(r)
	ctx := leaCtx()
	if err := w.db.PublishNow(ctx, now, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if err := w.db.MovePost(ctx, soon, -57*time.Minute, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	w.step(r)
	if got := texts(w.hold.published()); !slices.Equal(got, []string{"outbox:maintenant"}) {
		t.Fatalf("published %q, want the post published now in the same pass", got)
	}
	if held := w.hold.heldCopies(); len(held) != 0 {
		t.Fatalf("the network still holds %+v", held)
	}
	if p := w.post(soon); p.HeldByNetwork || p.ActionState != core.ActionPending {
		t.Fatalf("post moved near %+v", p)
	}
	w.stepAt(r, t0.Add(3*time.Minute))
	if got := texts(w.hold.published()); !slices.Equal(got, []string{"outbox:maintenant", "outbox:bientôt"}) {
		t.Fatalf("published %q", got)
	}
}

func TestPlanHanded(t *testing.T) {
	now := t0
	lead := holdLead
	base := store.Handover{ScheduledID: "s1", HeldAt: now.Add(time.Hour), HeldPayload: "x"}
	base.NotBefore, base.Payload = base.HeldAt, "x"
	with := func(edit func(h *store.Handover)) store.Handover {
		h := base
		edit(&h)
		return h
	}
	for _, tc := range []struct {
		name  string
		h     store.Handover
		now   time.Time
		want  handedStep
		until time.Time
	}{
		{"unknown id, far", with(func(h *store.Handover) { h.ScheduledID = "" }), now, stepSchedule, time.Time{}},
		{"unknown id, near", with(func(h *store.Handover) { h.ScheduledID = "" }), base.HeldAt.Add(-time.Minute),
			stepWait, base.HeldAt.Add(ConfirmGrace)},
		{"unknown id, past", with(func(h *store.Handover) { h.ScheduledID = "" }), base.HeldAt.Add(ConfirmGrace),
			stepConfirm, time.Time{}},
		{"withdrawn", with(func(h *store.Handover) { h.Withdraw = true }), now, stepUnschedule, time.Time{}},
		{"edited", with(func(h *store.Handover) { h.Payload = "y" }), now, stepUnschedule, time.Time{}},
		{"media changed", with(func(h *store.Handover) { h.Media = []string{"/a.png"} }), now, stepUnschedule, time.Time{}},
		{"moved far", with(func(h *store.Handover) { h.NotBefore = h.HeldAt.Add(time.Hour) }), now, stepReschedule, time.Time{}},
		{"moved near", with(func(h *store.Handover) { h.NotBefore = now.Add(lead - time.Second) }), now, stepUnschedule, time.Time{}},
		{"moved while its copy is near", with(func(h *store.Handover) { h.NotBefore = h.HeldAt.Add(time.Hour) }),
			base.HeldAt.Add(-time.Minute), stepUnschedule, time.Time{}},
		{"in sync, before its time", base, now, stepWait, base.HeldAt.Add(ConfirmGrace)},
		{"in sync, its time passed", base, base.HeldAt.Add(ConfirmGrace), stepConfirm, time.Time{}},
	} {
		got, until := planHanded(tc.h, tc.now, lead)
		if got != tc.want || !until.Equal(tc.until) {
			t.Errorf("%s: %v until %v, want %v until %v", tc.name, got, until, tc.want, tc.until)
		}
	}
}

// leaCtx is the context the CM acts in.
func leaCtx() context.Context { return store.WithActor(context.Background(), "lea") }
