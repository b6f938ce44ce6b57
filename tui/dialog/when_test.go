package dialog

import (
	"errors"
	"testing"
	"time"

	"cmdeck/core"
)

func TestWhenMessage(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip(err)
	}
	now := time.Date(2026, 11, 24, 9, 15, 0, 0, time.UTC)
	tests := []struct{ in, en, fr string }{
		{"", "Type a time, like “tomorrow 9:00” or “in 2h”.", "Tapez une heure, comme « demain 9h » ou « dans 2h »."},
		{"demain blah", "“blah” is not understood. Try “tomorrow 9:00” or “in 2h”.", "« blah » n’est pas compris. Essayez « demain 9h » ou « dans 2h »."},
		{"31/02", "“31/02” is not a valid date or time. Try “01/12 8:30” (day first) or “fri 18:00”.", "« 31/02 » n’est pas une date ou une heure valide. Essayez « 01/12 8h30 » (le jour d’abord) ou « ven. 18h »."},
		{"today 9h", "“today 9h” is already past. Try “tomorrow 9:00” or “in 2h”.", "« today 9h » est déjà passé. Essayez « demain 9h » ou « dans 2h »."},
	}
	for _, tt := range tests {
		_, err := core.ParseWhen(tt.in, now, loc)
		if got := WhenMessage(en(), err); got != tt.en {
			t.Errorf("%q EN: %s", tt.in, got)
		}
		if got := WhenMessage(fr(), err); got != tt.fr {
			t.Errorf("%q FR: %s", tt.in, got)
		}
	}
	if got := WhenMessage(en(), errors.New("other")); got != "other" {
		t.Errorf("other error: %s", got)
	}
	if err := WhenValidator(en(), now, loc)("demain 9h"); err != nil {
		t.Errorf("valid time refused: %v", err)
	}
}

func TestSnoozeOptions(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip(err)
	}
	now := time.Date(2026, 11, 24, 9, 15, 0, 0, time.UTC) // Tuesday 10:15 in Paris
	presets := core.SnoozePresets(now, loc)
	got := SnoozeOptions(fr(), presets, loc)
	want := []Option{
		{Value: "2026-11-24T12:15:00Z", Label: "Plus tard aujourd’hui", Hint: "mar. 24 nov., 13:15"},
		{Value: "2026-11-24T17:00:00Z", Label: "Ce soir", Hint: "mar. 24 nov., 18:00"},
		{Value: "2026-11-25T08:00:00Z", Label: "Demain 9 h", Hint: "mer. 25 nov., 09:00"},
		{Value: "2026-11-30T08:00:00Z", Label: "Lundi prochain 9 h", Hint: "lun. 30 nov., 09:00"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("option %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	if en := SnoozeOptions(en(), presets, loc); en[2].Label != "Tomorrow 9:00" || en[2].Hint != "Wed 25 Nov, 09:00" {
		t.Errorf("English: %+v", en[2])
	}
}
