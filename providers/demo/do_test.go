package demo

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"cmdeck/core"
	"cmdeck/providers"
)

func TestDoIsIdempotent(t *testing.T) {
	p := newProvider(t, accountOn(t, "Chirper"), &fakeClock{now: t0}, 1)
	ctx := context.Background()
	reply := core.Action{Kind: core.ActReply, TargetRemoteID: "chirper-3", Payload: "Merci !", IdempotencyKey: "k1"}
	r1, err := p.Do(ctx, reply)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := p.Do(ctx, reply)
	if err != nil {
		t.Fatal(err)
	}
	if r1 != r2 || r1.RemoteID == "" || r1.URL == "" {
		t.Fatalf("retry gave %+v then %+v; want the same, non-empty result", r1, r2)
	}
	if got := p.Performed("k1"); got != 1 {
		t.Errorf("Performed(k1) = %d after a retry, want 1", got)
	}
	if got := p.Sent()["k1"]; got != 2 {
		t.Errorf("Sent()[k1] = %d, want 2 calls", got)
	}

	other := reply
	other.IdempotencyKey = "k2"
	r3, err := p.Do(ctx, other)
	if err != nil || r3.RemoteID == r1.RemoteID {
		t.Errorf("a second key gave %+v, %v; want a new reply", r3, err)
	}

	reused := reply
	reused.Payload = "something else"
	if _, err := p.Do(ctx, reused); !providers.IsPermanent(err) {
		t.Errorf("key reused for another action: err = %v, want permanent", err)
	}
	if got := len(p.Actions()); got != 2 {
		t.Errorf("%d effects, want 2", got)
	}

	// The same key on a fresh provider (same seed, same account) gives the
	// same id: results derive from the key, not from call order.
	q := newProvider(t, accountOn(t, "Chirper"), &fakeClock{now: t0}, 1)
	if r, _ := q.Do(ctx, reply); r != r1 {
		t.Errorf("fresh provider gave %+v, want %+v", r, r1)
	}
}

func TestDoConcurrentRetries(t *testing.T) {
	p := newProvider(t, accountOn(t, "Facegram"), &fakeClock{now: t0}, 1)
	a := core.Action{Kind: core.ActPublish, Payload: "Nouveau !", IdempotencyKey: "post-1"}
	var wg sync.WaitGroup
	results := make([]core.ActionResult, 32)
	for i := range results {
		wg.Go(func() {
			r, err := p.Do(context.Background(), a)
			if err != nil {
				t.Error(err)
			}
			results[i] = r
		})
	}
	wg.Wait()
	for _, r := range results {
		if r != results[0] {
			t.Fatalf("concurrent retries disagree: %+v vs %+v", r, results[0])
		}
	}
	if p.Performed("post-1") != 1 || p.Sent()["post-1"] != len(results) {
		t.Errorf("performed %d, sent %d; want 1 and %d", p.Performed("post-1"), p.Sent()["post-1"], len(results))
	}
}

func TestCapabilityGating(t *testing.T) {
	kinds := []core.ActionKind{core.ActReply, core.ActHide, core.ActUnhide, core.ActDelete,
		core.ActBlock, core.ActUnblock, core.ActSpam, core.ActPublish, core.ActLike, core.ActMute,
		core.ActUnmute, core.ActReport, core.ActSilence, core.ActSuspend, "teleport"}
	social := map[core.ActionKind]bool{core.ActReply: true, core.ActHide: true, core.ActUnhide: true,
		core.ActDelete: true, core.ActBlock: true, core.ActUnblock: true, core.ActSpam: true, core.ActPublish: true,
		core.ActLike: true, core.ActMute: true, core.ActUnmute: true, core.ActReport: true}
	tests := []struct {
		network string
		ok      map[core.ActionKind]bool
	}{
		{"Chirper", social},
		{"Facegram", social},
		// A forum leaves muting to each reader.
		{"ForumPlus", map[core.ActionKind]bool{core.ActReply: true, core.ActHide: true, core.ActUnhide: true,
			core.ActDelete: true, core.ActBlock: true, core.ActUnblock: true, core.ActSpam: true, core.ActPublish: true,
			core.ActLike: true, core.ActReport: true}},
		// Reviews can only be answered, reported, or our answer deleted.
		{"ReviewHub", map[core.ActionKind]bool{core.ActReply: true, core.ActDelete: true, core.ActSpam: true}},
	}
	for _, tt := range tests {
		p := newProvider(t, accountOn(t, tt.network), &fakeClock{now: t0}, 1)
		for i, k := range kinds {
			t.Run(fmt.Sprintf("%s/%s", tt.network, k), func(t *testing.T) {
				if got := p.Capabilities().Has(providers.ForAction(k)); got != tt.ok[k] {
					t.Errorf("Capabilities says %v, want %v", got, tt.ok[k])
				}
				a := core.Action{Kind: k, TargetRemoteID: "x-1", Payload: "texte", IdempotencyKey: fmt.Sprint("key", i)}
				_, err := p.Do(context.Background(), a)
				if tt.ok[k] && err != nil {
					t.Errorf("Do: %v", err)
				}
				if !tt.ok[k] && (!errors.Is(err, providers.ErrUnsupported) || !providers.IsPermanent(err)) {
					t.Errorf("Do: err = %v, want ErrUnsupported", err)
				}
			})
		}
	}
}

func TestDoRejectsBadActions(t *testing.T) {
	p := newProvider(t, accountOn(t, "Chirper"), &fakeClock{now: t0}, 1)
	tests := []struct {
		name string
		a    core.Action
	}{
		{"no key", core.Action{Kind: core.ActReply, TargetRemoteID: "x", Payload: "hi"}},
		{"empty reply", core.Action{Kind: core.ActReply, TargetRemoteID: "x", Payload: "  ", IdempotencyKey: "a"}},
		{"reply to nothing", core.Action{Kind: core.ActReply, Payload: "hi", IdempotencyKey: "b"}},
		{"empty post", core.Action{Kind: core.ActPublish, IdempotencyKey: "c"}},
		{"hide nothing", core.Action{Kind: core.ActHide, IdempotencyKey: "d"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := p.Do(context.Background(), tt.a); !providers.IsPermanent(err) {
				t.Errorf("err = %v, want a permanent error", err)
			}
		})
	}
	if len(p.Actions()) != 0 {
		t.Error("a rejected action took effect")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ok := core.Action{Kind: core.ActHide, TargetRemoteID: "x", IdempotencyKey: "e"}
	if _, err := p.Do(ctx, ok); !errors.Is(err, context.Canceled) || p.Performed("e") != 0 {
		t.Errorf("cancelled context: err = %v, performed %d", err, p.Performed("e"))
	}
}
