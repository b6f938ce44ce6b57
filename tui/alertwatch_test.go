package tui

import (
	"strings"
	"testing"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// A deck that does not run the engine learns of new alerts from the store:
// the ones open at start stay silent, a new open one rings once, an alert
// opened and already acknowledged elsewhere does not ring.
func TestNewAlertsFromTheStoreRing(t *testing.T) {
	d := newDeck(t, 80, 24, func(o *Options) { o.Bell, o.Desktop, o.Getenv = true, true, env(nil) })
	d.send(common.SyncEvent{At: now, LeaseHeld: false, LeaseHolder: "daemon"})
	if len(d.raw) != 0 {
		t.Fatalf("the alerts open at start rang: %q", d.raw)
	}
	d.src.mu.Lock()
	open := store.AlertView{Alert: core.Alert{ID: 901, ClientID: 1, Rule: "remboursement",
		Severity: core.SeverityCritical, Title: "remboursement — Banque Azur", ItemCount: 4}, State: store.AlertOpen}
	acked := store.AlertView{Alert: core.Alert{ID: 902, ClientID: 1, Rule: "retard",
		Severity: core.SeverityWarning, Title: "retard", ItemCount: 1, Acked: true}, State: store.AlertAcked}
	d.src.alerts = append(d.src.alerts, open, acked)
	d.src.mu.Unlock()

	d.send(common.DataChangedMsg{Version: 5})
	if len(d.raw) != 1 || !strings.Contains(d.raw[0], "New alert: remboursement") || strings.Contains(d.raw[0], "retard") {
		t.Fatalf("a new alert in the store wrote %q, want one announcement of it", d.raw)
	}
	d.send(common.DataChangedMsg{Version: 6})
	d.send(common.SyncEvent{At: now, LeaseHeld: true, Alerts: []common.AlertNotice{{ID: 901, Severity: core.SeverityCritical,
		Title: "remboursement — Banque Azur", ItemCount: 4}}})
	if len(d.raw) != 1 {
		t.Fatalf("the same alert rang again: %q", d.raw)
	}
}
