package tui

import (
	"strings"
	"testing"

	"cmdeck/tui/common"
)

// A pipe's output shows over the pane, scrolls, copies whole with y and
// closes with esc; escape sequences in it never reach the screen.
func TestTextOverlay(t *testing.T) {
	d := newDeck(t, 80, 24, nil)
	var lines []string
	for i := range 40 {
		lines = append(lines, "ligne "+strings.Repeat("x", i%5)+string(rune('A'+i%26)))
	}
	text := "Merci !\x1b]0;pwned\x07\n" + strings.Join(lines, "\n")
	d.send(common.ShowTextMsg{Title: "translate · Léa", Text: text})
	view := d.View().Content
	if !strings.Contains(d.text(), "translate · Léa") || !strings.Contains(d.text(), "Merci !") ||
		strings.Contains(view, "pwned\x07") || strings.Contains(view, "]0;") {
		t.Fatalf("the overlay:\n%s", d.text())
	}
	if !strings.Contains(d.text(), "1–") || !strings.Contains(d.text(), "/41") {
		t.Errorf("no position for a long text:\n%s", d.text())
	}
	d.press("G")
	if !strings.Contains(d.text(), "ligne xxxxN") {
		t.Errorf("G did not reach the end:\n%s", d.text())
	}
	o, ok := d.overlays[len(d.overlays)-1].(*textOverlay)
	if !ok {
		t.Fatalf("top overlay %T", d.overlays[len(d.overlays)-1])
	}
	_, cmd := o.Update(keyMsg("y"))
	if cmd == nil {
		t.Fatal("y copies nothing")
	}
	if msg, ok := cmd().(common.CopyMsg); !ok || !strings.HasPrefix(msg.Text, "Merci !") {
		t.Errorf("y copied %+v", cmd())
	}
	d.press("esc")
	if len(d.overlays) != 0 {
		t.Fatal("esc did not close the text")
	}
}
