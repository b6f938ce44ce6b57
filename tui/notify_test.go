package tui

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/tui/common"
)

// env is a fake environment.
func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func notice(id int64, sev core.Severity) common.AlertNotice {
	return common.AlertNotice{ID: id, ClientID: 3, ClientSlug: "azur", Rule: "negative", Severity: sev,
		Title: "negative azur", ItemCount: 12}
}

// split counts what one write holds: bells outside any OSC, and the OSC
// notifications (9 and 777), tmux-wrapped or not.
func split(t *testing.T, raw string) (bells, osc9, osc777 int) {
	t.Helper()
	rest := raw
	for {
		i := strings.Index(rest, "\x1b")
		if i < 0 {
			break
		}
		bells += strings.Count(rest[:i], "\a")
		seq := rest[i:]
		end := strings.Index(seq, "\x1b\\") // a tmux wrapper ends at ST
		switch {
		case strings.HasPrefix(seq, "\x1bPtmux;"):
			if end < 0 {
				t.Fatalf("unterminated tmux passthrough: %q", seq)
			}
			inner := strings.ReplaceAll(seq[len("\x1bPtmux;"):end], "\x1b\x1b", "\x1b")
			_, n9, n777 := split(t, inner)
			osc9, osc777 = osc9+n9, osc777+n777
			rest = seq[end+2:]
			continue
		case strings.HasPrefix(seq, "\x1b]9;"):
			osc9++
		case strings.HasPrefix(seq, "\x1b]777;notify;"):
			osc777++
		default:
			t.Fatalf("unexpected sequence in %q", raw)
		}
		bel := strings.Index(seq, "\a")
		if bel < 0 {
			t.Fatalf("OSC without its BEL: %q", seq)
		}
		rest = seq[bel+1:]
	}
	return bells + strings.Count(rest, "\a"), osc9, osc777
}

// A new alert rings once and notifies once; a sync without new alerts, or
// reporting the same alert again (it grew), rings nothing; an escalation
// rings again.
func TestNewAlertRingsAndNotifiesOnce(t *testing.T) {
	d := newDeck(t, 80, 24, func(o *Options) { o.Bell, o.Desktop, o.Getenv = true, true, env(nil) })
	d.send(common.SyncEvent{At: now, LeaseHeld: true, NewItems: 3})
	if len(d.raw) != 0 {
		t.Fatalf("a sync without new alerts wrote %q", d.raw)
	}
	d.send(common.SyncEvent{At: now, LeaseHeld: true, NewItems: 1, Alerts: []common.AlertNotice{notice(7, core.SeverityWarning)}})
	if len(d.raw) != 1 {
		t.Fatalf("%d writes for one alert", len(d.raw))
	}
	if bells, osc9, osc777 := split(t, d.raw[0]); bells != 1 || osc9 != 1 || osc777 != 0 {
		t.Fatalf("one alert gave %d bells, %d OSC 9, %d OSC 777: %q", bells, osc9, osc777, d.raw[0])
	}
	if want := "\a\x1b]9;cmdeck: ! New alert: Negative messages — Banque Azur (12 items)\a"; d.raw[0] != want {
		t.Fatalf("wrote %q, want %q", d.raw[0], want)
	}
	if !strings.Contains(d.text(), "! New alert: Negative messages — Banque Azur (12 items)") {
		t.Fatalf("the status bar does not name the alert:\n%s", d.text())
	}
	d.send(common.SyncEvent{At: now, LeaseHeld: true, Alerts: []common.AlertNotice{notice(7, core.SeverityWarning)}})
	if len(d.raw) != 1 {
		t.Fatalf("the same alert rang again: %q", d.raw)
	}
	d.send(common.SyncEvent{At: now, LeaseHeld: true, Alerts: []common.AlertNotice{notice(7, core.SeverityCritical)}})
	if len(d.raw) != 2 || !strings.Contains(d.raw[1], "‼ New alert") {
		t.Fatalf("an escalation did not ring: %q", d.raw)
	}
}

// Several new alerts in one sync are one announcement.
func TestSeveralAlertsAreOneAnnouncement(t *testing.T) {
	d := newDeck(t, 80, 24, func(o *Options) { o.Bell, o.Desktop, o.Getenv = true, true, env(nil) })
	second := notice(8, core.SeverityInfo)
	second.ClientID, second.ClientSlug = 1, "pixelforge"
	d.send(common.SyncEvent{At: now, LeaseHeld: true, Alerts: []common.AlertNotice{notice(7, core.SeverityWarning), second}})
	if len(d.raw) != 1 {
		t.Fatalf("%d writes", len(d.raw))
	}
	if bells, osc9, _ := split(t, d.raw[0]); bells != 1 || osc9 != 1 {
		t.Fatalf("%d bells, %d notifications", bells, osc9)
	}
	if !strings.Contains(d.raw[0], "2 new alerts: Banque Azur, PixelForge Studio") {
		t.Fatalf("wrote %q", d.raw[0])
	}
}

func TestNotificationsSwitchedOff(t *testing.T) {
	tests := []struct {
		name          string
		bell, desktop bool
		bells, osc    int
	}{
		{"both off", false, false, 0, 0},
		{"bell only", true, false, 1, 0},
		{"desktop only", false, true, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDeck(t, 80, 24, func(o *Options) { o.Bell, o.Desktop, o.Getenv = tt.bell, tt.desktop, env(nil) })
			d.send(common.SyncEvent{At: now, LeaseHeld: true, Alerts: []common.AlertNotice{notice(7, core.SeverityWarning)}})
			var bells, osc int
			for _, r := range d.raw {
				b, n9, n777 := split(t, r)
				bells, osc = bells+b, osc+n9+n777
			}
			if bells != tt.bells || osc != tt.osc {
				t.Fatalf("%d bells, %d notifications, want %d and %d", bells, osc, tt.bells, tt.osc)
			}
			// Whatever is switched off, the status bar names the alert.
			if !strings.Contains(d.text(), "New alert") {
				t.Fatalf("no message:\n%s", d.text())
			}
		})
	}
}

// The terminal decides the sequence: OSC 777 for foot, urxvt and VTE
// terminals, OSC 9 otherwise; inside tmux it passes through, with every
// ESC doubled, and the bell stays outside for tmux to hear.
func TestNotificationForTheTerminal(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"iterm", map[string]string{"TERM_PROGRAM": "iTerm.app", "TERM": "xterm-256color"},
			"\a\x1b]9;cmdeck: ! New alert: Negative messages — Banque Azur (12 items)\a"},
		{"foot", map[string]string{"TERM": "foot"},
			"\a\x1b]777;notify;cmdeck;! New alert: Negative messages — Banque Azur (12 items)\a"},
		{"vte", map[string]string{"TERM": "xterm-256color", "VTE_VERSION": "7600"},
			"\a\x1b]777;notify;cmdeck;! New alert: Negative messages — Banque Azur (12 items)\a"},
		{"tmux", map[string]string{"TERM": "tmux-256color", "TMUX": "/tmp/tmux-1000/default,1234,0"},
			"\a\x1bPtmux;\x1b\x1b]9;cmdeck: ! New alert: Negative messages — Banque Azur (12 items)\a\x1b\\"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDeck(t, 80, 24, func(o *Options) { o.Bell, o.Desktop, o.Getenv = true, true, env(tt.env) })
			d.send(common.SyncEvent{At: now, LeaseHeld: true, Alerts: []common.AlertNotice{notice(7, core.SeverityWarning)}})
			if len(d.raw) != 1 || d.raw[0] != tt.want {
				t.Fatalf("wrote %q, want %q", d.raw, tt.want)
			}
		})
	}
}

// A rule name or slug carrying escape sequences, controls or ';' cannot
// end the notification early or reach the terminal; a long one is cut.
func TestNotificationTextIsSanitized(t *testing.T) {
	d := newDeck(t, 80, 24, func(o *Options) {
		o.Bell, o.Desktop, o.Getenv = false, true, env(map[string]string{"TERM": "foot"})
	})
	hostile := common.AlertNotice{ID: 9, ClientID: 99, ClientSlug: "evil\x1b]52;c;aGk=\a\x07;x\u009b31m", Rule: "r\a\x1b[2J;" + strings.Repeat("long ", 80),
		Severity: core.SeverityInfo, ItemCount: 1}
	d.send(common.SyncEvent{At: now, LeaseHeld: true, Alerts: []common.AlertNotice{hostile}})
	if len(d.raw) != 1 {
		t.Fatalf("%d writes", len(d.raw))
	}
	raw := d.raw[0]
	body := strings.TrimSuffix(strings.TrimPrefix(raw, "\x1b]777;notify;cmdeck;"), "\a")
	if body == raw || strings.ContainsAny(body, "\x1b\a\u009b;") || strings.Contains(body, "52") {
		t.Fatalf("hostile text reached the terminal: %q", raw)
	}
	if n := len([]rune(body)); n > maxNotifyRunes {
		t.Fatalf("body of %d runes", n)
	}
	if _, _, osc777 := split(t, raw); osc777 != 1 {
		t.Fatalf("not one notification: %q", raw)
	}
}

// The raw write goes out as its own command: the frame is left alone
// (tea.Raw writes between frames), and the screen keeps its size.
func TestAnnouncementLeavesTheFrameAlone(t *testing.T) {
	d := newDeck(t, 80, 24, func(o *Options) { o.Bell, o.Desktop, o.Getenv = true, true, env(nil) })
	d.send(common.SyncEvent{At: now, LeaseHeld: true, Alerts: []common.AlertNotice{notice(7, core.SeverityWarning)}})
	view := d.View().Content
	checkSize(t, view, 80, 24)
	if strings.Contains(view, "\a") || strings.Contains(view, "]9;") {
		t.Fatal("the notification leaked into the frame")
	}
	// The flash goes when its time is up.
	for _, msg := range d.scheduled {
		if f, ok := msg.(flashDoneMsg); ok {
			d.clock.Advance(2 * flashTime)
			d.send(f)
		}
	}
	if strings.Contains(d.text(), "New alert") {
		t.Fatal("the message stayed")
	}
}

// In a running program the bell and the notification reach the terminal
// whole, once, outside any drawn line.
func TestProgramWritesTheNotification(t *testing.T) {
	m, err := New(Options{Source: newFakeSource(), Clock: core.NewManualClock(now), Loc: time.UTC, Lang: i18n.EN,
		Demo: true, Bell: true, Desktop: true, Getenv: env(map[string]string{"TERM": "xterm-256color"})})
	if err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	tm.Send(common.SyncEvent{At: now, LeaseHeld: true, Alerts: []common.AlertNotice{notice(7, core.SeverityCritical)}})
	// The client's name may not be read yet: the slug stands in for it.
	want := regexp.MustCompile("\a\x1b\\]9;cmdeck: ‼ New alert: Negative messages — (Banque Azur|azur) \\(12 items\\)\a")
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return want.Match(b) }, teatest.WithDuration(5*time.Second))
	tm.Send(keyMsg("ctrl+c"))
	out, err := io.ReadAll(tm.FinalOutput(t, teatest.WithFinalTimeout(5*time.Second)))
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(out, []byte("]9;")); n != 0 {
		t.Fatalf("%d more notifications after the first", n)
	}
}
