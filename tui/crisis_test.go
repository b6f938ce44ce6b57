package tui

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"cmdeck/i18n"
	"cmdeck/tui/common"
)

// command types a command line and runs it. The clock moves on first:
// a command that changes data has the real Inbox count again, which it
// throttles on a real timer when the last count is too recent.
func (d *deck) command(line string) {
	d.clock.Advance(time.Minute)
	d.press(":")
	for _, r := range line {
		k := string(r)
		if r == ' ' {
			k = "space"
		}
		d.press(k)
	}
	d.press("enter")
}

func TestCrisisFromTheCommandLine(t *testing.T) {
	d := newRealDeck(t, 80, 24, nil)
	if strings.Contains(d.text(), "crisis:") {
		t.Fatal("a banner without a crisis")
	}
	_, bodyH := d.bodySize()
	d.command("crisis azur")
	if !slices.Equal(d.src.setCrisis, []string{"3 on"}) {
		t.Fatalf("SetCrisis calls %q", d.src.setCrisis)
	}
	lines := strings.Split(d.text(), "\n")
	if !strings.Contains(lines[1], "⚠ crisis: Banque Azur — posts paused · :crisis off") {
		t.Fatalf("no banner under the tabs:\n%s", d.text())
	}
	if _, h := d.bodySize(); h != bodyH-1 {
		t.Fatalf("body %d rows with the banner, want %d", h, bodyH-1)
	}
	checkSize(t, d.View().Content, 80, 24)
	// The inbox shows the client's crisis pin at once.
	if !strings.Contains(lines[3], "⚠ crisis: Banque Azur") || strings.Contains(d.text(), "Léa Martin") {
		t.Fatalf("the inbox does not show the crisis pin:\n%s", d.text())
	}
	// The banner follows every pane.
	for _, p := range []string{"2", "3", "4"} {
		d.press(p)
		if !strings.Contains(strings.Split(d.text(), "\n")[1], "crisis: Banque Azur") {
			t.Fatalf("pane %s has no banner:\n%s", p, d.text())
		}
	}
	d.command("crisis off")
	if !slices.Equal(d.src.setCrisis, []string{"3 on", "3 off"}) {
		t.Fatalf("SetCrisis calls %q", d.src.setCrisis)
	}
	if strings.Contains(strings.Split(d.text(), "\n")[1], "crisis:") {
		t.Fatalf("banner after :crisis off:\n%s", d.text())
	}
	if _, h := d.bodySize(); h != bodyH {
		t.Fatalf("body %d rows after the crisis, want %d", h, bodyH)
	}
}

func TestCrisisCommandChecksItsArguments(t *testing.T) {
	tests := []struct {
		line, want string
	}{
		{"crisis", "Which client?"},
		{"crisis nobody", `No client "nobody" (clients: pixelforge, dupre, azur)`},
		{"crisis off", "No client is in crisis mode."},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			d := newDeck(t, 120, 30, nil)
			d.command(tt.line)
			if len(d.src.setCrisis) != 0 || !strings.Contains(d.text(), tt.want) {
				t.Fatalf("calls %q; screen lacks %q:\n%s", d.src.setCrisis, tt.want, d.text())
			}
		})
	}
	d := newDeck(t, 120, 30, func(o *Options) { o.Source.(*fakeSource).crises[1] = now })
	d.command("crisis PixelForge Studio")
	if len(d.src.setCrisis) != 0 || !strings.Contains(d.text(), "already in crisis mode") {
		t.Fatalf("calls %q:\n%s", d.src.setCrisis, d.text())
	}
	d.press("esc")
	d.command("crise fin dupre")
	if len(d.src.setCrisis) != 0 || !strings.Contains(d.text(), "Boulangerie Dupré is not in crisis mode") {
		t.Fatalf("calls %q:\n%s", d.src.setCrisis, d.text())
	}
	d.press("esc")
	d.command("crisis off pixelforge")
	if !slices.Equal(d.src.setCrisis, []string{"1 off"}) {
		t.Fatalf("calls %q", d.src.setCrisis)
	}
}

func TestCrisisFromTheAlertsPane(t *testing.T) {
	d := newRealDeck(t, 80, 24, nil)
	d.clock.Advance(time.Minute)
	d.press("3", "C")
	if !strings.Contains(d.text(), "Crisis mode for Banque Azur?") {
		t.Fatalf("no confirmation:\n%s", d.text())
	}
	d.press("y")
	if !slices.Equal(d.src.setCrisis, []string{"3 on"}) || !strings.Contains(d.text(), "crisis: Banque Azur") {
		t.Fatalf("calls %q:\n%s", d.src.setCrisis, d.text())
	}
	if d.Focused() != paneAlerts {
		t.Fatal("crisis mode moved the focus")
	}
}

// Another process turning a crisis on shows here at the next data change.
func TestCrisisSeenOnDataChange(t *testing.T) {
	d := newDeck(t, 80, 24, nil)
	d.src.mu.Lock()
	d.src.crises[2] = now
	d.src.mu.Unlock()
	d.send(common.DataChangedMsg{Version: 2})
	if !strings.Contains(d.text(), "crisis: Boulangerie Dupré") {
		t.Fatalf("no banner:\n%s", d.text())
	}
}

func TestCrisisRefusedReadOnly(t *testing.T) {
	d := newDeck(t, 80, 24, func(o *Options) { o.ReadOnly = true })
	d.command("crisis azur")
	if len(d.src.setCrisis) != 0 || !strings.Contains(d.text(), "Read-only session") {
		t.Fatalf("calls %q:\n%s", d.src.setCrisis, d.text())
	}
}

// enter on an alert shows its items in the Inbox under a chip; esc takes
// the chip away.
func TestAlertJumpsToItsItems(t *testing.T) {
	d := newRealDeck(t, 80, 24, nil)
	d.press("3", "enter")
	if d.Focused() != paneInbox {
		t.Fatalf("focus %d after enter", d.Focused())
	}
	text := d.text()
	if !strings.Contains(text, "[alert: Negative messages · Banque Azur ✕]") {
		t.Fatalf("no chip:\n%s", text)
	}
	if !strings.Contains(text, "佐藤 健") || !strings.Contains(text, "Marc") || strings.Contains(text, "Léa Martin") {
		t.Fatalf("the list is not the alert's items:\n%s", text)
	}
	d.press("esc")
	if strings.Contains(d.text(), "alert:") || !strings.Contains(d.text(), "Léa Martin") {
		t.Fatalf("esc kept the chip:\n%s", d.text())
	}
}

// The crisis banner, the inbox pin and a paused-post world, as text.
func TestCrisisViews(t *testing.T) {
	tests := []struct {
		name string
		w, h int
		keys []string
		edit func(*Options)
	}{
		{"crisis_80x24", 80, 24, nil, nil},
		{"crisis_alerts_80x24", 80, 24, []string{"3"}, nil},
		{"crisis_fr_80x24", 80, 24, []string{"3"}, func(o *Options) { o.Lang = i18n.FR }},
		{"crisis_nocolor_80x24", 80, 24, []string{"3"}, func(o *Options) { o.NoColor = true }},
		{"crisis_alerts_160x48", 160, 48, []string{"3"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newRealDeck(t, tt.w, tt.h, func(o *Options) {
				o.Source.(*fakeSource).crises[3] = now.Add(-30 * time.Minute)
				if tt.edit != nil {
					tt.edit(o)
				}
			})
			d.press(tt.keys...)
			view := d.View().Content
			checkSize(t, view, tt.w, tt.h)
			if strings.HasPrefix(tt.name, "crisis_nocolor") {
				golden.RequireEqual(t, []byte(view))
				return
			}
			golden.RequireEqual(t, []byte(d.text()))
		})
	}
}

func TestCrisisFailureIsShown(t *testing.T) {
	d := newDeck(t, 100, 24, func(o *Options) { o.Source.(*fakeSource).crisisErr = errors.New("database is locked") })
	d.command("crisis azur")
	if !strings.Contains(d.text(), "Could not change crisis mode for Banque Azur: database is locked") ||
		strings.Contains(d.text(), "crisis: Banque Azur —") {
		t.Fatalf("failure not shown, or a banner anyway:\n%s", d.text())
	}
}

func TestCrisisBannerOnTinyScreens(t *testing.T) {
	d := newRealDeck(t, 80, 24, func(o *Options) { o.Source.(*fakeSource).crises[3] = now })
	for _, sz := range [][2]int{{80, 24}, {20, 5}, {10, 4}, {3, 3}, {1, 1}, {200, 6}} {
		for _, p := range []string{"1", "3"} {
			d.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			d.press(p)
			checkSize(t, d.View().Content, sz[0], sz[1])
		}
	}
}
