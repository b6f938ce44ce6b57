package app

import (
	"testing"

	"cmdeck/core"
	"cmdeck/engine"
	"cmdeck/tui/common"
)

// A sync event's newly opened alerts reach the deck, which rings for them.
func TestDeckMsgCarriesNewAlerts(t *testing.T) {
	msg := deckMsg(engine.Event{AccountID: 3, Handle: "@pixelforge", Alerts: []engine.AlertNotice{
		{ID: 7, ClientID: 2, ClientSlug: "pixelforge", Rule: "crash-spike", Severity: core.SeverityCritical,
			Title: "crash-spike — PixelForge: 12 messages this hour", ItemCount: 12}}})
	ev, ok := msg.(common.SyncEvent)
	if !ok {
		t.Fatalf("deckMsg gave %T", msg)
	}
	if len(ev.Alerts) != 1 {
		t.Fatalf("alerts %+v", ev.Alerts)
	}
	a := ev.Alerts[0]
	if a.ID != 7 || a.ClientID != 2 || a.ClientSlug != "pixelforge" || a.Rule != "crash-spike" ||
		a.Severity != core.SeverityCritical || a.ItemCount != 12 || a.Title == "" {
		t.Errorf("alert notice %+v", a)
	}
}
