package app

import (
	"testing"
	"time"

	"cmdeck/core"
)

// The Stats pane gets each demo client's business hours from its SLA rule,
// so first-response times in business hours are figures, not "n/a".
func TestClientHoursFromSLARules(t *testing.T) {
	ws := openDemo(t, core.NewManualClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)))
	hours := clientHours(ws.Config, ws)
	for _, c := range ws.Clients {
		if hours(c.ID) == nil {
			t.Errorf("client %s: no business hours, though the demo gives it an SLA rule", c.Slug)
		}
	}
	if hours(-1) != nil {
		t.Error("an unknown client has business hours")
	}
}
