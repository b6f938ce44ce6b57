package store

import (
	"context"
	"testing"

	"cmdeck/core"
)

func TestUpsertWorkspaceIsStable(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	// The same config again, with a renamed client and a new account.
	cs, as, err := f.s.UpsertWorkspace(ctx,
		[]core.Client{{Slug: "pixelforge", Name: "PixelForge"}},
		[]core.Account{
			{ClientSlug: "pixelforge", Provider: "demo", Network: "Chirper", Handle: "@pixelforge"},
			{ClientSlug: "boulangerie", Provider: "rss", Network: "Blog", Handle: "feed"}, // client only in the DB
		})
	if err != nil {
		t.Fatal(err)
	}
	if cs[0].ID != f.clients[0].ID || as[0].ID != f.accounts[0].ID {
		t.Fatalf("ids changed: %+v %+v", cs, as)
	}
	if as[1].ClientID != f.clients[1].ID || as[1].ID == 0 {
		t.Fatalf("new account = %+v", as[1])
	}
	clients, _ := f.s.Clients(ctx)
	if len(clients) != 2 || clients[0].Slug != "boulangerie" || clients[1].Name != "PixelForge" {
		t.Fatalf("Clients = %+v", clients)
	}
	accs, _ := f.s.Accounts(ctx)
	if len(accs) != 4 || accs[0].Account.ClientSlug != "boulangerie" {
		t.Fatalf("Accounts = %+v", accs)
	}
	if accs[0].State.AccountID != accs[0].Account.ID {
		t.Errorf("state account id not set")
	}
}

func TestUpsertWorkspaceRejects(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	if _, _, err := f.s.UpsertWorkspace(ctx, nil,
		[]core.Account{{ClientSlug: "nobody", Provider: "demo", Handle: "@x"}}); err == nil {
		t.Error("an account of an unknown client was accepted")
	}
	if _, _, err := f.s.UpsertWorkspace(ctx, []core.Client{{Name: "No slug"}}, nil); err == nil {
		t.Error("a client without slug was accepted")
	}
	// Nothing of a rejected call is kept.
	if accs, _ := f.s.Accounts(ctx); len(accs) != 3 {
		t.Errorf("%d accounts after rejected calls, want 3", len(accs))
	}
}
