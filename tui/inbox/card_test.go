package inbox

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"cmdeck/store"
)

func TestCardShowsSnoozeAndAssignee(t *testing.T) {
	m := newTestModel(t, fixtureSource(), 80, 24)
	now := m.clock.Now()
	sel := store.ItemView{AccountHandle: "@x", ClientName: "Le Fournil", Assignee: "Camille",
		SnoozedUntil: time.Date(now.Year(), now.Month(), now.Day(), 14, 0, 0, 0, time.UTC).AddDate(0, 0, 1)}
	sel.Author.Name = "Léa"
	card := ansi.Strip(strings.Join(m.authorCard(sel, 3, 120), "\n"))
	for _, want := range []string{"snoozed until", "14:00", "assigned to Camille"} {
		if !strings.Contains(card, want) {
			t.Errorf("card lacks %q:\n%s", want, card)
		}
	}
	// A snooze that has ended is not news.
	sel.SnoozedUntil = now.Add(-time.Hour)
	if card := ansi.Strip(strings.Join(m.authorCard(sel, 3, 120), "\n")); strings.Contains(card, "snoozed") {
		t.Errorf("an ended snooze still shows:\n%s", card)
	}
}
