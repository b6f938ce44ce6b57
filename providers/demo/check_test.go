package demo

import (
	"context"
	"strings"
	"testing"

	"cmdeck/core"
	"cmdeck/providers"
)

func TestCheckFindsWhatWasPerformed(t *testing.T) {
	p := newProvider(t, accountOn(t, "Chirper"), &fakeClock{now: t0}, 1)
	ctx := context.Background()
	reply := core.Action{Kind: core.ActReply, TargetRemoteID: "chirper-3", Payload: "Merci !", IdempotencyKey: "k1"}

	if res, found, err := p.Check(ctx, reply); err != nil || found || res != (core.ActionResult{}) {
		t.Fatalf("before Do: %+v, %v, %v; want not found", res, found, err)
	}
	sent, err := p.Do(ctx, reply)
	if err != nil {
		t.Fatal(err)
	}
	res, found, err := p.Check(ctx, reply)
	if err != nil || !found || res != sent {
		t.Fatalf("after Do: %+v, %v, %v; want %+v", res, found, err, sent)
	}
	// Checking is not sending.
	if p.Performed("k1") != 1 || p.Sent()["k1"] != 1 {
		t.Errorf("Check counted as a send: performed %d, sent %d", p.Performed("k1"), p.Sent()["k1"])
	}

	reused := reply
	reused.Payload = "autre chose"
	if _, _, err := p.Check(ctx, reused); !providers.IsPermanent(err) {
		t.Errorf("key reused for another action: %v, want permanent", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, _, err := p.Check(cancelled, reply); err == nil {
		t.Error("Check ignored a cancelled context")
	}
}

func TestLengthLimit(t *testing.T) {
	tests := []struct {
		network string
		limit   int
	}{
		{"Chirper", 280},
		{"Facegram", 2200},
		{"ForumPlus", 10000},
		{"ReviewHub", 1000},
	}
	for _, tc := range tests {
		p := newProvider(t, accountOn(t, tc.network), &fakeClock{now: t0}, 1)
		var l providers.Limiter = p
		if got := l.LengthLimit(); got != tc.limit {
			t.Errorf("%s: limit %d, want %d", tc.network, got, tc.limit)
		}
		// The network refuses a longer text, for good; the limit itself is fine.
		ctx := context.Background()
		at := core.Action{Kind: core.ActReply, TargetRemoteID: "x-1", IdempotencyKey: "ok-" + tc.network,
			Payload: strings.Repeat("é", tc.limit)}
		if _, err := p.Do(ctx, at); err != nil {
			t.Errorf("%s: a reply of exactly the limit: %v", tc.network, err)
		}
		at.IdempotencyKey, at.Payload = "long-"+tc.network, strings.Repeat("é", tc.limit+1)
		if _, err := p.Do(ctx, at); !providers.IsPermanent(err) {
			t.Errorf("%s: a reply over the limit: %v, want a permanent error", tc.network, err)
		}
	}
	generic := newProvider(t, core.Account{ID: 1, ClientSlug: "x", Provider: ProviderName, Network: "Elsewhere", Handle: "@x"},
		&fakeClock{now: t0}, 1)
	if got := generic.LengthLimit(); got != 0 {
		t.Errorf("unknown network: limit %d, want 0 (none)", got)
	}
}
