package engine

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
	"cmdeck/providers/demo"
	"cmdeck/store"
)

// The whole way out on the demo network: a reply queued on a synced item
// leaves after the undo window, takes effect once, and shows in the thread.
func TestOutboxOnDemoNetwork(t *testing.T) {
	ctx := context.Background()
	clock := core.NewManualClock(t0)
	db := openReal(t, filepath.Join(t.TempDir(), "demo.db"), clock)
	reg := providers.NewRegistry()
	var mu sync.Mutex
	var built *demo.Provider
	reg.Register(demo.ProviderName, func(cfg providers.AccountConfig) (providers.Provider, error) {
		p, err := demo.New(cfg, clock, 7)
		mu.Lock()
		built = p
		mu.Unlock()
		return p, err
	})
	_, accts, err := db.UpsertWorkspace(ctx, []core.Client{{Slug: "pixelforge", Name: "PixelForge"}},
		[]core.Account{{ClientSlug: "pixelforge", Provider: demo.ProviderName, Network: "Chirper", Handle: "@pixelforge"}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(Options{Store: db, Registry: reg, Clock: clock, Owner: "deck", Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.Step(ctx, clock.Now()); err != nil { // the backlog comes in
		t.Fatal(err)
	}
	page, err := db.ListItems(ctx, store.ItemFilter{AccountID: accts[0].ID, IncomingOnly: true}, store.PageKey{}, store.Older, 1)
	if err != nil || len(page) != 1 {
		t.Fatalf("no demo item to answer: %v", err)
	}
	target := page[0]
	id, err := db.Enqueue(ctx, core.Action{Kind: core.ActReply, ItemID: target.ID, Payload: "Merci pour votre message !",
		IdempotencyKey: "demo-1", NotBefore: clock.Now().Add(5 * time.Second), Actor: "lea"})
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(5 * time.Second)
	if _, err := r.Step(ctx, clock.Now()); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	p := built
	mu.Unlock()
	if p.Performed("demo-1") != 1 {
		t.Fatalf("performed %d times on the demo network, want 1", p.Performed("demo-1"))
	}
	acts, _ := db.Actions(ctx, nil, 10)
	if len(acts) != 1 || acts[0].ID != id || acts[0].State != core.ActionDone {
		t.Fatalf("actions %+v", acts)
	}
	thread, err := db.Thread(ctx, target.ID)
	if err != nil {
		t.Fatal(err)
	}
	last := thread[len(thread)-1]
	if !last.Outgoing || last.Body != "Merci pour votre message !" || last.Author.RemoteID != "self:@pixelforge" {
		t.Fatalf("last item of the thread %+v, want our reply", last.Item)
	}
	if v, _ := db.Item(ctx, target.ID); v.State != core.StateReplied {
		t.Fatalf("target state %s", v.State)
	}
}
