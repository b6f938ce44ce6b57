package tui

import (
	"errors"
	"strings"
	"testing"

	"cmdeck/core"
	"cmdeck/tui/common"
)

// An action the engine finished makes every pane re-read; one that failed
// for good also says so in the status bar, with the way to the outbox.
func TestActionReports(t *testing.T) {
	d := newDeck(t, 100, 30, nil)
	changes := func() int {
		n := 0
		for _, msg := range d.stub.got {
			if _, ok := msg.(common.DataChangedMsg); ok {
				n++
			}
		}
		return n
	}

	before := changes()
	d.send(common.ActionReportMsg{Kind: core.ActReply, Handle: "@pixelforge"})
	if changes() != before+1 {
		t.Fatal("a confirmed action did not make the panes re-read")
	}
	if d.flash.text != "" {
		t.Fatalf("a confirmed action flashed %q; only failures are news", d.flash.text)
	}

	d.send(common.ActionReportMsg{Kind: core.ActReply, Handle: "@pixelforge", Err: errors.New("422 text too long")})
	if changes() != before+2 {
		t.Fatal("a failed action did not make the panes re-read")
	}
	for _, want := range []string{"failed", "@pixelforge", "422 text too long", "O outbox"} {
		if !strings.Contains(d.flash.text, want) || !d.flash.err {
			t.Errorf("flash %q (error style %v) lacks %q", d.flash.text, d.flash.err, want)
		}
	}
}
