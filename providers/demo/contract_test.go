package demo

import (
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
	"cmdeck/providers/providertest"
)

// The demo network passes the contract every provider passes, on each of
// its networks (ReviewHub refuses hide, block and publish; ForumPlus, mute).
func TestContract(t *testing.T) {
	_, accounts := Workspace()
	seen := map[string]bool{}
	for i, acct := range accounts {
		if seen[acct.Network] {
			continue
		}
		seen[acct.Network] = true
		acct.ID = int64(i + 1)
		t.Run(acct.Network, func(t *testing.T) {
			var clock *core.ManualClock
			var p *Provider
			providertest.Run(t, providertest.Harness{
				New: func(t *testing.T) providers.Provider {
					clock = core.NewManualClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
					var err error
					p, err = New(providers.AccountConfig{Account: acct}, clock, 7)
					if err != nil {
						t.Fatal(err)
					}
					return p
				},
				Advance:   func(*testing.T) { clock.Advance(2 * time.Hour) },
				Performed: func(_ *testing.T, key string) int { return p.Performed(key) },
				Fail:      func(_ *testing.T, class providers.ErrorClass) { p.FailNext(class) },
			})
		})
	}
}
