package mastodon

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
	"cmdeck/providers/providertest"
)

// failStatus is what the fake answers for each class of failure.
var failStatus = map[providers.ErrorClass]int{
	providers.ClassAuth:        http.StatusUnauthorized,
	providers.ClassRateLimited: http.StatusTooManyRequests,
	providers.ClassNotFound:    http.StatusNotFound,
	providers.ClassPermanent:   http.StatusBadRequest,
	providers.ClassTransient:   http.StatusServiceUnavailable,
}

// The adapter passes the contract every provider passes, against a server
// speaking the documented API. Exactly-once rests on Check here: servers
// may ignore Idempotency-Key, so the engine checks before sending again.
func TestContract(t *testing.T) {
	var f *fakeServer
	var clock *core.ManualClock
	next := 0
	mention := func() {
		next++
		who := account(fmt.Sprintf("a%d", next%3), fmt.Sprintf("fan%d", next%3), "Fan", 120)
		st := status(fmt.Sprintf("s%d", next), who, fmt.Sprintf("<p>@brand question n°%d ?</p>", next), "public", nil)
		f.addMention(next, st)
	}
	providertest.Run(t, providertest.Harness{
		New: func(t *testing.T) providers.Provider {
			f, next = newFake(t), 0
			clock = core.NewManualClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
			for range 5 {
				mention()
			}
			p := f.providerWith(t, clock, map[string]string{"admin": "true"})
			// A 429 makes the next request wait for the reset: let the
			// wait pass on the manual clock.
			p.Client().SetSleeper(func(_ context.Context, d time.Duration) error {
				clock.Advance(d)
				return nil
			})
			return p
		},
		Advance: func(*testing.T) { mention(); mention() },
		Fail: func(t *testing.T, class providers.ErrorClass) {
			code, ok := failStatus[class]
			if !ok {
				t.Fatalf("no failure for class %q", class)
			}
			var hdr map[string]string
			if class == providers.ClassRateLimited {
				hdr = map[string]string{"Retry-After": "30"}
			}
			f.failOnce(code, hdr)
		},
	})
}
