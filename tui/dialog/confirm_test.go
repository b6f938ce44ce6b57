package dialog

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

func TestConfirmKeys(t *testing.T) {
	tests := []struct {
		name       string
		withReason bool
		keys       []string
		want       ConfirmResult
	}{
		{"y", false, []string{"y"}, ConfirmResult{ID: "hide", OK: true}},
		{"Y", false, []string{"Y"}, ConfirmResult{ID: "hide", OK: true}},
		{"enter", false, []string{"enter"}, ConfirmResult{ID: "hide", OK: true}},
		{"n", false, []string{"n"}, ConfirmResult{ID: "hide"}},
		{"esc", false, []string{"esc"}, ConfirmResult{ID: "hide"}},
		{"other keys wait", false, []string{"x", "tab", "space", "j", "y"}, ConfirmResult{ID: "hide", OK: true}},
		{"y without a reason", true, []string{"y"}, ConfirmResult{ID: "hide", OK: true}},
		{"typing starts the reason", true, append(typeText("spam bot"), "enter"), ConfirmResult{ID: "hide", OK: true, Reason: "spam bot"}},
		{"tab to the reason, y and n are text", true, append(append([]string{"tab"}, typeText("no way, yes")...), "enter"), ConfirmResult{ID: "hide", OK: true, Reason: "no way, yes"}},
		{"tab back to y/n", true, append(append([]string{"tab"}, typeText("oops")...), "tab", "n"), ConfirmResult{ID: "hide"}},
		{"shift+tab back, then y keeps the reason", true, append(append([]string{"tab"}, typeText("troll")...), "shift+tab", "y"), ConfirmResult{ID: "hide", OK: true, Reason: "troll"}},
		{"esc in the reason cancels, no reason", true, append(typeText("abc"), "esc"), ConfirmResult{ID: "hide"}},
		{"reason is trimmed", true, append(typeText("  insultes  "), "enter"), ConfirmResult{ID: "hide", OK: true, Reason: "insultes"}},
		{"backspace edits the reason", true, append(typeText("spamm"), "backspace", "enter"), ConfirmResult{ID: "hide", OK: true, Reason: "spam"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewConfirm(styles(), en(), "hide", "Hide this comment?", "It disappears for everyone.", tt.withReason)
			d, res := press(t, c, tt.keys...)
			if d != nil {
				t.Fatal("still open")
			}
			if got := res.(ConfirmResult); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestConfirmStaysOpenOnOtherMessages(t *testing.T) {
	c := NewConfirm(styles(), en(), "x", "T", "B", false)
	for _, msg := range []tea.Msg{tea.WindowSizeMsg{Width: 80, Height: 24}, tea.PasteMsg{Content: "hello"}, nil} {
		d, cmd := c.Update(msg)
		if d == nil || resultOf(cmd) != nil {
			t.Fatalf("%T closed the dialog", msg)
		}
	}
}

func TestConfirmPasteGoesToTheReason(t *testing.T) {
	c := NewConfirm(styles(), en(), "x", "T", "B", true)
	d, _ := c.Update(tea.PasteMsg{Content: "copied text"})
	if got := d.(*Confirm).Reason(); got != "copied text" {
		t.Fatalf("reason %q", got)
	}
	_, res := press(t, d, "enter")
	if got := res.(ConfirmResult); !got.OK || got.Reason != "copied text" {
		t.Fatalf("got %+v", got)
	}
}

// The help line follows the focus: y/n keys on the buttons, enter/tab in
// the reason field.
func TestConfirmView(t *testing.T) {
	c := NewConfirm(styles(), en(), "x", "Delete this reply?", "It cannot be undone.", true)
	c.SetWidth(80)
	v := ansi.Strip(c.View())
	for _, want := range []string{"Delete this reply?", "It cannot be undone.", "Reason (optional", "y/enter confirm", "n/esc cancel", "tab add a reason"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	d, _ := press(t, c, "tab")
	v = ansi.Strip(d.View())
	if !strings.Contains(v, "tab back to y/n") || strings.Contains(v, "n/esc") {
		t.Errorf("typing help not shown:\n%s", v)
	}
}
