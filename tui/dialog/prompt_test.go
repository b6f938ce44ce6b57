package dialog

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

func TestPromptKeys(t *testing.T) {
	notEmpty := func(s string) error {
		if s == "" {
			return errors.New("type a name")
		}
		return nil
	}
	tests := []struct {
		name     string
		validate func(string) error
		keys     []string
		want     PromptResult
	}{
		{"enter", nil, append(typeText("Camille"), "enter"), PromptResult{ID: "assign", OK: true, Value: "Camille"}},
		{"trimmed", nil, append(typeText("  Léa Dupont "), "enter"), PromptResult{ID: "assign", OK: true, Value: "Léa Dupont"}},
		{"empty allowed without validate", nil, []string{"enter"}, PromptResult{ID: "assign", OK: true}},
		{"esc", nil, append(typeText("abc"), "esc"), PromptResult{ID: "assign"}},
		{"q and y are text", nil, append(typeText("qy"), "enter"), PromptResult{ID: "assign", OK: true, Value: "qy"}},
		{"refused then fixed", notEmpty, append([]string{"enter"}, append(typeText("Zoé"), "enter")...), PromptResult{ID: "assign", OK: true, Value: "Zoé"}},
		{"esc after a refusal", notEmpty, []string{"enter", "esc"}, PromptResult{ID: "assign"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := NewPrompt(styles(), en(), "assign", "Assign to", "a name", tt.validate)
			d, res := press(t, p, tt.keys...)
			if d != nil {
				t.Fatal("still open")
			}
			if got := res.(PromptResult); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

// A refused value keeps the prompt open with the error under the field;
// editing clears it.
func TestPromptShowsValidationError(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip(err)
	}
	now := time.Date(2026, 11, 24, 9, 15, 0, 0, time.UTC)
	p := NewPrompt(styles(), fr(), "snooze", "Reporter jusqu’à", "demain 9h", WhenValidator(fr(), now, loc))
	p.SetWidth(80)
	d, _ := press(t, p, append(typeText("vendredu"), "enter")...)
	if d == nil {
		t.Fatal("closed on an invalid time")
	}
	v := ansi.Strip(d.View())
	if !strings.Contains(v, "« vendredu » n’est pas compris") || !strings.Contains(v, "« dans 2h »") {
		t.Fatalf("no French error under the field:\n%s", v)
	}
	d, _ = press(t, d, "backspace")
	if d.(*Prompt).Err() != "" {
		t.Fatal("error kept after an edit")
	}
	d, _ = press(t, d, "backspace", "backspace")
	_, res := press(t, d, append(typeText("edi 18h"), "enter")...)
	if got, _ := res.(PromptResult); !got.OK || got.Value != "vendredi 18h" {
		t.Fatalf("got %+v", got)
	}
}

func TestPromptSetValueAndPaste(t *testing.T) {
	p := NewPrompt(styles(), en(), "tag", "Tag", "", nil)
	p.SetValue("idea")
	d, _ := p.Update(tea.PasteMsg{Content: "s"})
	_, res := press(t, d, "enter")
	if got := res.(PromptResult); got.Value != "ideas" {
		t.Fatalf("got %+v", got)
	}
}
