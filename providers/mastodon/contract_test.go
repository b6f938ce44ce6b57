package mastodon

import (
	"fmt"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
	"cmdeck/providers/providertest"
)

// The adapter passes the contract every provider passes, against a server
// speaking the documented API. Exactly-once rests on Check here: servers
// may ignore Idempotency-Key, so the engine checks before sending again.
func TestContract(t *testing.T) {
	var f *fakeServer
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
			for range 5 {
				mention()
			}
			return f.provider(t, core.NewManualClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)))
		},
		Advance: func(*testing.T) { mention(); mention() },
	})
}
