package store

import (
	"errors"
	"slices"
	"testing"
	"time"

	"cmdeck/core"
)

// Crisis mode holds a client's posts back: the outbox does not claim them
// (its replies still go), they are not handed over, a handed one is given
// to the engine to take back, and they show as paused. Off, they go again.
func TestCrisisPausesPublishing(t *testing.T) {
	ctx := calCtx()
	f := newFixture(t)
	pf := f.clients[0].ID
	at := t0.Add(10 * time.Minute)
	post := f.create(t, PostDraft{AccountIDs: []int64{f.accounts[0].ID}, Body: "Soldes", At: at})[0]
	far := f.create(t, PostDraft{AccountIDs: []int64{f.accounts[1].ID}, Body: "Plus tard", At: t0.Add(2 * time.Hour)})[0]
	otherClient := f.create(t, PostDraft{AccountIDs: []int64{f.accounts[2].ID}, Body: "Pain", At: at})[0]
	handedID, h := f.handed(t, "w", "Déjà confié")
	ids := f.ingestN(t, "c", 1, t0)
	reply := f.enqueue(t, core.Action{AccountID: f.accounts[0].ID, Kind: core.ActReply, ItemID: ids[0], Payload: "ok"})

	if err := f.s.SetCrisis(ctx, pf, true, t0); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetCrisis(ctx, pf, true, t0.Add(time.Minute)); err != nil { // already on: keeps its start
		t.Fatal(err)
	}
	crises, err := f.s.Crises(ctx)
	if err != nil || len(crises) != 1 || !crises[pf].Equal(t0) {
		t.Fatalf("Crises = %v, %v", crises, err)
	}
	for _, id := range []int64{post, far, handedID} {
		if !f.post(t, id).Paused {
			t.Errorf("post %d of the client in crisis is not paused", id)
		}
	}
	if f.post(t, otherClient).Paused {
		t.Error("another client's post is paused")
	}

	// Past their time: only the reply and the other client's post go.
	f.clock.Set(at.Add(time.Minute))
	claimed := f.claim(t, f.s, "w", 100)
	wantClaimed := []int64{reply, f.post(t, otherClient).ActionID}
	if got := claimedIDs(claimed); !slices.Equal(sorted(got), sorted(wantClaimed)) {
		t.Fatalf("claimed %v during the crisis, want %v (the reply and the other client's post)", got, wantClaimed)
	}
	// Nothing to hand over; a candidate listed before the crisis cannot
	// be claimed for handover.
	if cands, err := f.s.HandoverCandidates(ctx, f.accounts[1].ID, f.clock.Now(), 10); err != nil || len(cands) != 0 {
		t.Fatalf("handover candidates in crisis = %+v, %v", cands, err)
	}
	if _, ok, err := f.s.ClaimHandover(ctx, f.post(t, far).ActionID, "w", f.clock.Now(), f.clock.Now()); err != nil || ok {
		t.Fatalf("ClaimHandover in crisis = %v, %v", ok, err)
	}
	// The handed post needs the engine, marked paused, though nothing of
	// it changed.
	got, ok := f.work(t, "w")
	if !ok || got.ID != h.ID || !got.Paused {
		t.Fatalf("handed work in crisis = %+v, %v; want action %d paused", got, ok, h.ID)
	}
	if err := f.s.ReleaseHandover(ctx, got.ID, "w", "", f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if p := f.post(t, handedID); p.HeldByNetwork || !p.Paused || p.ActionState != core.ActionPending {
		t.Fatalf("handed post taken back = %+v, want pending and paused", p)
	}

	// Crisis off: the posts are claimed again (the engine applies the late
	// policy to those whose time passed).
	if err := f.s.SetCrisis(ctx, pf, false, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if f.post(t, post).Paused {
		t.Error("still paused after the crisis")
	}
	if got := claimedIDs(f.claim(t, f.s, "w", 100)); !slices.Contains(got, f.post(t, post).ActionID) {
		t.Fatalf("claimed %v after the crisis, want the paused post's action", got)
	}
	if crises, _ := f.s.Crises(ctx); len(crises) != 0 {
		t.Errorf("Crises after off = %v", crises)
	}
	if err := f.s.SetCrisis(ctx, 999, true, t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetCrisis(unknown client) = %v", err)
	}
	audit := f.auditActions(t)
	want := []string{"crisis on client:1 lea", "crisis off client:1 lea"}
	var crisisLines []string
	for _, l := range audit {
		if len(l) > 6 && l[:6] == "crisis" {
			crisisLines = append(crisisLines, l)
		}
	}
	if !slices.Equal(crisisLines, want) {
		t.Errorf("audit = %v, want %v", crisisLines, want)
	}
}

func sorted(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

// A claim that went stale during a crisis is not taken back (it may not
// have been sent: sending it now would publish during the crisis).
func TestCrisisLeavesStaleClaims(t *testing.T) {
	ctx := calCtx()
	f := newFixture(t)
	id := f.create(t, PostDraft{AccountIDs: []int64{f.accounts[0].ID}, Body: "Soldes", At: t0.Add(time.Minute)})[0]
	f.clock.Set(t0.Add(2 * time.Minute))
	f.claimPost(t, "dead", id)
	if err := f.s.SetCrisis(ctx, f.clients[0].ID, true, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(time.Hour)
	if got := f.claim(t, f.s, "w", 10); len(got) != 0 {
		t.Fatalf("reclaimed %v during the crisis", claimedIDs(got))
	}
	if err := f.s.SetCrisis(ctx, f.clients[0].ID, false, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if got := f.claim(t, f.s, "w", 10); len(got) != 1 || !got[0].Reclaimed {
		t.Fatalf("after the crisis claimed %+v, want the stale claim back", got)
	}
}
