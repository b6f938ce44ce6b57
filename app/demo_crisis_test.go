package app

import (
	"context"
	"sync"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/engine"
	"cmdeck/rules"
	"cmdeck/store"
)

// deckOpenFor runs the demo's engine as the deck does, a step every 30 s
// on a manual clock, for d, and returns the alerts it opened (by OnAlert)
// and the store's open alerts.
func deckOpenFor(t *testing.T, start time.Time, d time.Duration) ([]engine.AlertNotice, []store.AlertView, *Workspace) {
	t.Helper()
	ctx := context.Background()
	clock := core.NewManualClock(start)
	ws := openDemo(t, clock)
	var mu sync.Mutex
	var opened []engine.AlertNotice
	opts := ws.runnerOptions("test", nil)
	// Stands in for the on_alert hook, which the demo has none of.
	opts.OnAlert = func(_ context.Context, n engine.AlertNotice) {
		mu.Lock()
		defer mu.Unlock()
		opened = append(opened, n)
	}
	opts.Seed = 1
	runner, err := engine.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	defer runner.Close()
	for clock.Now().Before(start.Add(d)) {
		if _, err := runner.Step(ctx, clock.Now()); err != nil {
			t.Fatal(err)
		}
		clock.Advance(30 * time.Second)
	}
	alerts, err := ws.Store.Alerts(ctx, store.AlertQuery{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	runner.Close()
	mu.Lock()
	defer mu.Unlock()
	return append([]engine.AlertNotice(nil), opened...), alerts, ws
}

// spikeRules names the demo's spike rules.
func spikeRules(ws *Workspace) map[string]bool {
	out := map[string]bool{}
	for _, r := range ws.Config.RuleSet().Rules() {
		if r.Type == rules.TypeSpike {
			out[r.Name] = true
		}
	}
	return out
}

// With the deck open on the demo, PixelForge's crashing patch trips its
// complaint spike once, within the first half hour (also when the deck
// opens late in an hour), and the critical keyword rule about corrupted
// saves; in two hours no other client has a spike. The engine hands the
// spike to the on_alert hook.
func TestDemoCrisisTripsTheSpikeOnce(t *testing.T) {
	for _, start := range []time.Time{
		time.Date(2026, 11, 24, 9, 5, 0, 0, time.UTC),   // a Tuesday morning
		time.Date(2026, 11, 24, 13, 52, 0, 0, time.UTC), // the burst moves to the next hour
	} {
		t.Run(start.Format("15:04"), func(t *testing.T) {
			opened, alerts, ws := deckOpenFor(t, start, 2*time.Hour)
			checkOneSpike(t, start, opened, alerts, spikeRules(ws))
		})
	}
}

func checkOneSpike(t *testing.T, start time.Time, opened []engine.AlertNotice, alerts []store.AlertView, spikes map[string]bool) {
	t.Helper()
	var spike []store.AlertView
	keyword := false
	for _, a := range alerts {
		if spikes[a.Rule] {
			spike = append(spike, a)
		}
		if a.Rule == "crash-sauvegarde" && a.ClientSlug == "pixelforge" && a.Severity == core.SeverityCritical {
			keyword = true
		}
	}
	if len(spike) != 1 || spike[0].ClientSlug != "pixelforge" || spike[0].Rule != "pic-négatif" {
		t.Fatalf("spike alerts %+v, want exactly PixelForge's pic-négatif", spike)
	}
	if spike[0].Severity != core.SeverityCritical || spike[0].ItemCount < 3 {
		t.Errorf("spike %s with %d items, want critical, grown with the burst", spike[0].Severity, spike[0].ItemCount)
	}
	if first := spike[0].FirstAt.Sub(start); first < 3*time.Minute || first > 30*time.Minute {
		t.Errorf("spike opened %v after the deck, want within its first minutes", first)
	}
	if !keyword {
		t.Error("no critical crash-sauvegarde alert for PixelForge")
	}
	hooked := 0
	for _, n := range opened {
		if spikes[n.Rule] {
			hooked++
		}
	}
	if hooked != 1 {
		t.Errorf("OnAlert got %d spike alerts, want the one", hooked)
	}
}
