package store

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"cmdeck/core"
)

// lead is how far ahead the tests hand posts over.
const lead = 6 * time.Minute

// staleClaim is the stale age the tests give ClaimHandedWork.
const staleClaim = 3 * time.Minute

// handed plans a post on the Mastodon account an hour ahead, hands it over
// as owner and records the network's id; it returns the post and the
// handover.
func (f *fixture) handed(t *testing.T, owner, body string) (int64, Handover) {
	t.Helper()
	id := f.create(t, PostDraft{AccountIDs: []int64{f.accounts[1].ID}, Body: body, At: t0.Add(time.Hour)})[0]
	now := f.clock.Now()
	h, ok, err := f.s.ClaimHandover(context.Background(), f.post(t, id).ActionID, owner, now.Add(lead), now)
	if err != nil || !ok {
		t.Fatalf("ClaimHandover: %v, %v", ok, err)
	}
	if err := f.s.RecordScheduled(context.Background(), h.ID, owner, "sch-1", now); err != nil {
		t.Fatal(err)
	}
	return id, h
}

// work claims the handed action needing work at the clock's time, if any.
func (f *fixture) work(t *testing.T, owner string) (Handover, bool) {
	t.Helper()
	h, ok, err := f.s.ClaimHandedWork(context.Background(), owner, f.clock.Now(), 2*time.Minute, staleClaim)
	if err != nil {
		t.Fatal(err)
	}
	return h, ok
}

// Two stores on one file hand one post over once; a handed action is
// never claimed by the outbox, even long past its time; a post moved
// nearer than the lead is not handed over.
func TestClaimHandoverOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	acc := f.accounts[1].ID
	at := t0.Add(time.Hour)
	id := f.create(t, PostDraft{AccountIDs: []int64{acc}, Body: "Soldes", At: at, Media: []string{"/a.png"}})[0]
	near := f.create(t, PostDraft{AccountIDs: []int64{acc}, Body: "bientôt", At: t0.Add(lead - time.Second)})[0]
	f.create(t, PostDraft{AccountIDs: []int64{f.accounts[0].ID}, Body: "autre compte", At: at})
	now := f.clock.Now()
	cands, err := f.s.HandoverCandidates(ctx, acc, now.Add(lead), 10)
	if err != nil || len(cands) != 1 || cands[0].PostID != id {
		t.Fatalf("candidates %+v, %v; want only the far post of the account", cands, err)
	}
	other, err := Open(ctx, f.path, WithClock(f.clock))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var won []Handover
	for i, s := range []*Store{f.s, other, f.s, other} {
		wg.Go(func() {
			h, ok, err := s.ClaimHandover(ctx, cands[0].ID, []string{"a", "b", "c", "d"}[i], now.Add(lead), now)
			if err != nil {
				t.Error(err)
			}
			if ok {
				mu.Lock()
				won = append(won, h)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(won) != 1 {
		t.Fatalf("%d runners got the handover, want 1", len(won))
	}
	h := won[0]
	if h.State != core.ActionHanded || !h.HeldAt.Equal(at) || h.HeldPayload != "Soldes" ||
		len(h.HeldMedia) != 1 || h.ScheduledID != "" || h.Handovers != 1 || h.Edited() || h.Moved() {
		t.Fatalf("handover %+v", h)
	}
	if p := f.post(t, id); p.Status != core.PostScheduled || !p.HeldByNetwork || !p.NetworkSyncing {
		t.Fatalf("post while handed over %+v", p)
	}
	if _, ok, _ := f.s.ClaimHandover(ctx, f.post(t, near).ActionID, "a", now.Add(lead), now); ok {
		t.Fatal("a post nearer than the lead was handed over")
	}
	f.clock.Set(at.Add(time.Hour))
	for _, c := range f.claim(t, f.s, "outbox", 100) {
		if c.ID == h.ID {
			t.Fatalf("the outbox claimed a handed action: %+v", c)
		}
	}
}

// The calendar's changes to a handed post are recorded beside what the
// network holds, and make it need work; the engine's records carry them.
func TestHandedPostChangesWaitForTheNetwork(t *testing.T) {
	f := newFixture(t)
	ctx := calCtx()
	id, h := f.handed(t, "r1", "Portes ouvertes")
	if p := f.post(t, id); !p.HeldByNetwork || p.NetworkSyncing {
		t.Fatalf("in sync: %+v", p)
	}
	if _, ok := f.work(t, "r1"); ok {
		t.Fatal("an action in sync before its time needs work")
	}
	if err := f.s.MovePost(ctx, id, time.Hour, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if p := f.post(t, id); !p.NetworkSyncing || p.Status != core.PostScheduled {
		t.Fatalf("moved: %+v", p)
	}
	w, ok := f.work(t, "r1")
	if !ok || !w.Moved() || w.Edited() || w.ScheduledID != "sch-1" || !w.HeldAt.Equal(h.HeldAt) ||
		!w.NotBefore.Equal(h.HeldAt.Add(time.Hour)) {
		t.Fatalf("work %+v, %v", w, ok)
	}
	if _, ok := f.work(t, "r2"); ok {
		t.Fatal("another runner got an action claimed a moment ago")
	}
	if err := f.s.RecordRescheduled(context.Background(), w.ID, "r1", w.NotBefore, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if p := f.post(t, id); p.NetworkSyncing {
		t.Fatalf("after the move was carried: %+v", p)
	}
	if err := f.s.UpdatePost(ctx, id, "Portes ouvertes samedi", w.NotBefore, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	w, ok = f.work(t, "r1")
	if !ok || !w.Edited() || w.Moved() || w.Payload != "Portes ouvertes samedi" || w.HeldPayload != "Portes ouvertes" {
		t.Fatalf("edited: %+v", w)
	}
	retry := f.clock.Now().Add(time.Minute)
	if err := f.s.DeferHanded(context.Background(), w.ID, "r1", "502 bad gateway", false, retry, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.work(t, "r1"); ok {
		t.Fatal("an action waiting for its retry needs work")
	}
	f.clock.Set(retry)
	w, ok = f.work(t, "r1")
	if !ok || w.NetTries != 1 || w.LastError != "502 bad gateway" {
		t.Fatalf("after the wait: %+v", w)
	}
	if err := f.s.ReleaseHandover(context.Background(), w.ID, "r1", "", f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	a := f.action(t, w.ID)
	if a.State != core.ActionPending || a.Attempts != 1 || a.Payload != "Portes ouvertes samedi" ||
		!a.NotBefore.Equal(w.NotBefore) {
		t.Fatalf("released action %+v, want pending with one attempt (the outbox checks first)", a.Action)
	}
	if p := f.post(t, id); p.HeldByNetwork || p.Status != core.PostScheduled || p.Error != "" {
		t.Fatalf("released post %+v", p)
	}
}

// A deleted handed post disappears at once; its action waits, withdrawn,
// until the network's copy is cancelled, then is cancelled. A post
// unscheduled then scheduled again is wanted again.
func TestDeletedHandedPostIsWithdrawn(t *testing.T) {
	f := newFixture(t)
	ctx := calCtx()
	id, h := f.handed(t, "r1", "supprimé")
	if err := f.s.DeletePost(ctx, id, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Post(context.Background(), id); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted post: %v", err)
	}
	w, ok := f.work(t, "r1")
	if !ok || !w.Withdraw || w.ID != h.ID || w.State != core.ActionHanded {
		t.Fatalf("work %+v", w)
	}
	if err := f.s.ReleaseHandover(context.Background(), w.ID, "r1", "", f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if a := f.action(t, w.ID); a.State != core.ActionCancelled {
		t.Fatalf("withdrawn action %+v", a.Action)
	}

	back, _ := f.handed(t, "r1", "revenu")
	at := f.post(t, back).ScheduledAt
	if err := f.s.UpdatePost(ctx, back, "revenu", time.Time{}, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if p := f.post(t, back); p.Status != core.PostDraft || !p.HeldByNetwork || !p.NetworkSyncing {
		t.Fatalf("unscheduled: %+v", p)
	}
	if err := f.s.UpdatePost(ctx, back, "revenu", at, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if p := f.post(t, back); p.Status != core.PostScheduled || !p.HeldByNetwork || p.NetworkSyncing {
		t.Fatalf("scheduled again: %+v", p)
	}
}

// A runner whose claim went stale records nothing once another took the
// action; the records need the claim.
func TestHandedRecordsNeedTheClaim(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	id, h := f.handed(t, "r1", "x")
	if err := f.s.UpdatePost(calCtx(), id, "y", h.HeldAt, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	w, ok := f.work(t, "r1")
	if !ok {
		t.Fatal("nothing to do")
	}
	if err := f.s.ReleaseHandover(ctx, w.ID, "r2", "", f.clock.Now()); !errors.Is(err, ErrNotClaimed) {
		t.Fatalf("release by a runner without the claim: %v", err)
	}
	f.clock.Advance(staleClaim + time.Second)
	if _, ok := f.work(t, "r2"); !ok {
		t.Fatal("a stale claim was not taken back")
	}
	for name, err := range map[string]error{
		"scheduled":   f.s.RecordScheduled(ctx, w.ID, "r1", "sch-9", f.clock.Now()),
		"rescheduled": f.s.RecordRescheduled(ctx, w.ID, "r1", f.clock.Now(), f.clock.Now()),
		"deferred":    f.s.DeferHanded(ctx, w.ID, "r1", "", false, f.clock.Now(), f.clock.Now()),
		"released":    f.s.ReleaseHandover(ctx, w.ID, "r1", "", f.clock.Now()),
	} {
		if !errors.Is(err, ErrNotClaimed) {
			t.Errorf("%s by the stale runner: %v, want ErrNotClaimed", name, err)
		}
	}
	if err := f.s.ReleaseHandover(ctx, w.ID, "r2", "", f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if err := f.s.RecordScheduled(ctx, w.ID, "r2", "sch-9", f.clock.Now()); err == nil ||
		errors.Is(err, ErrNotClaimed) || f.action(t, w.ID).State != core.ActionPending {
		t.Fatalf("record on a released action: %v", err)
	}
}

// A handed post is due for confirmation once its time is grace past; the
// network's word completes it, by "network", at the time it held it for,
// with the copy a sync stored meanwhile folded in (its figures and time).
func TestCompleteHandoverFoldsTheSyncedCopy(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	id, h := f.handed(t, "r1", "Lancement")
	f.clock.Set(h.HeldAt.Add(time.Minute))
	if _, ok := f.work(t, "r1"); ok {
		t.Fatal("due for confirmation before the grace")
	}
	f.ingest(t, 1, core.Batch{Posts: []core.Post{{RemoteID: "st-9", Body: "Lancement",
		PublishedAt: h.HeldAt.Add(3 * time.Second), Likes: 4, URL: "https://m.example/st-9"}}})
	if ps := f.calendar(t, h.HeldAt); len(ps) != 2 {
		t.Fatalf("%d posts before the confirmation, want ours and the synced copy", len(ps))
	}
	f.clock.Set(h.HeldAt.Add(2 * time.Minute))
	w, ok := f.work(t, "r1")
	if !ok || w.ID != h.ID {
		t.Fatalf("not due for confirmation: %+v", w)
	}
	res := core.ActionResult{RemoteID: "st-9", URL: "https://m.example/st-9"}
	if err := f.s.CompleteHandover(ctx, w.ID, res, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	ps := f.calendar(t, h.HeldAt)
	if len(ps) != 1 {
		t.Fatalf("%d posts after the confirmation, want one", len(ps))
	}
	p := ps[0]
	if p.ID != id || p.Status != core.PostPublished || p.PublishedBy != "network" || p.RemoteID != "st-9" ||
		p.Likes != 4 || !p.PublishedAt.Equal(h.HeldAt.Add(3*time.Second)) || p.HeldByNetwork {
		t.Fatalf("published post %+v", p)
	}
	if a := f.action(t, w.ID); a.State != core.ActionDone {
		t.Fatalf("action %+v", a.Action)
	}
}

// Without a synced copy, a post the network published is dated at the time
// it held it for, not when the engine found it.
func TestCompleteHandoverDatesAtTheHeldTime(t *testing.T) {
	f := newFixture(t)
	id, h := f.handed(t, "r1", "x")
	f.clock.Set(h.HeldAt.Add(10 * time.Minute))
	if err := f.s.CompleteHandover(context.Background(), h.ID, core.ActionResult{RemoteID: "st-1"}, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if p := f.post(t, id); !p.PublishedAt.Equal(h.HeldAt) || p.PublishedBy != "network" {
		t.Fatalf("post %+v", p)
	}
}

// A handed action is its post's live action: no second one can be queued.
func TestHandedActionIsTheLiveOne(t *testing.T) {
	f := newFixture(t)
	id, _ := f.handed(t, "r1", "x")
	_, err := f.s.db.ExecContext(context.Background(), `INSERT INTO actions (account_id, kind, post_id,
		idempotency_key, state) VALUES (?, 'publish', ?, 'second', 'pending')`, f.accounts[1].ID, id)
	if err == nil {
		t.Fatal("a second live action was queued for a handed post")
	}
}

// calendar lists the posts around at.
func (f *fixture) calendar(t *testing.T, at time.Time) []PostView {
	t.Helper()
	ps, err := f.s.CalendarPosts(context.Background(), PostQuery{From: at.Add(-time.Hour), To: at.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

// The engine asks for candidates and handed work every step: both read an
// index, never the whole outbox.
func TestHandoverPlansUseIndexes(t *testing.T) {
	f := newFixture(t)
	cands := explain(t, f.s, handoverCandidatesQuery, 1, t0.UnixMilli(), 10)
	if !strings.Contains(cands, "USING INDEX actions_handover") || strings.Contains(cands, "TEMP B-TREE") {
		t.Errorf("candidates plan:\n%s", cands)
	}
	work := explain(t, f.s, handedWorkQuery, t0.UnixMilli(), t0.UnixMilli(), t0.UnixMilli())
	if !strings.Contains(work, "USING INDEX actions_due") {
		t.Errorf("handed work plan:\n%s", work)
	}
}
