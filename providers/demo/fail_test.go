package demo

import (
	"context"
	"testing"

	"cmdeck/core"
	"cmdeck/providers"
)

// FailNext fails exactly the next request with an error of the class, then
// the network works again: Fetch and Do alike.
func TestFailNext(t *testing.T) {
	classes := []providers.ErrorClass{providers.ClassAuth, providers.ClassRateLimited,
		providers.ClassNotFound, providers.ClassPermanent, providers.ClassTransient}
	ctx := context.Background()
	for _, class := range classes {
		t.Run(string(class), func(t *testing.T) {
			p := newProvider(t, accountOn(t, "Chirper"), &fakeClock{now: t0}, 1)
			p.FailNext(class)
			if _, err := p.Fetch(ctx, ""); providers.Classify(err) != class {
				t.Fatalf("Fetch after FailNext(%s): %v (class %s)", class, err, providers.Classify(err))
			}
			if b := fetch(t, p, ""); len(b.Items) == 0 {
				t.Fatal("the fetch after the failure brought nothing")
			}
			like := core.Action{Kind: core.ActLike, TargetRemoteID: "chirper-1", IdempotencyKey: "k"}
			p.FailNext(class)
			if _, err := p.Do(ctx, like); providers.Classify(err) != class {
				t.Fatalf("Do after FailNext(%s): %v (class %s)", class, err, providers.Classify(err))
			}
			if p.Performed("k") != 0 {
				t.Fatal("a failed action took effect")
			}
			if _, err := p.Do(ctx, like); err != nil || p.Performed("k") != 1 {
				t.Fatalf("the retry: %v, performed %d", err, p.Performed("k"))
			}
		})
	}
}

// ClassNone cancels a pending failure; a cancelled context is answered
// before the failure, which stays pending.
func TestFailNextCancelAndContext(t *testing.T) {
	p := newProvider(t, accountOn(t, "Facegram"), &fakeClock{now: t0}, 1)
	p.FailNext(providers.ClassAuth)
	p.FailNext(providers.ClassNone)
	fetch(t, p, "")

	p.FailNext(providers.ClassAuth)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.Fetch(ctx, ""); providers.Classify(err) != providers.ClassTransient {
		t.Fatalf("cancelled fetch: %v", err)
	}
	if _, err := p.Fetch(context.Background(), ""); providers.Classify(err) != providers.ClassAuth {
		t.Fatalf("the pending failure was lost: %v", err)
	}
}
