package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// profileAsked runs cmd as drain does and lists the color profiles the
// deck asked the renderer for on the way.
func (d *deck) profileAsked(cmd tea.Cmd) []colorprofile.Profile {
	if cmd == nil {
		return nil
	}
	var out []colorprofile.Profile
	msg := cmd()
	switch msg := msg.(type) {
	case nil, tea.QuitMsg:
		return nil
	case tea.BatchMsg:
		for _, c := range msg {
			out = append(out, d.profileAsked(c)...)
		}
		return out
	case tea.ColorProfileMsg:
		out = append(out, msg.Profile)
	}
	_, next := d.Update(msg)
	return append(out, d.profileAsked(next)...)
}

// A deck that starts in the low-bandwidth mode draws nothing until the
// renderer draws in 16 colors, asks for them when the terminal has more,
// and says the mode in the status bar.
func TestLiteStartsIn16Colors(t *testing.T) {
	d := newRealDeck(t, 120, 40, func(o *Options) { o.Lite = true })
	if got := d.View().Content; got != "" {
		t.Fatalf("a frame before the color profile is known:\n%s", got)
	}
	_, cmd := d.Update(tea.ColorProfileMsg{Profile: colorprofile.ANSI256})
	if asked := d.profileAsked(cmd); len(asked) != 1 || asked[0] != colorprofile.ANSI {
		t.Fatalf("asked the renderer for %v, want 16 colors", asked)
	}
	text := d.text()
	if !strings.Contains(text, "Inbox") || !strings.Contains(text, "lite") && !strings.Contains(text, "low bandwidth") {
		t.Fatalf("the deck in the mode:\n%s", text)
	}
	if !d.ctx.Styles.Lite {
		t.Fatal("the styles are not in the mode")
	}
	// The theme follows the terminal's background and keeps the mode.
	d.send(tea.BackgroundColorMsg{})
	if !d.ctx.Styles.Lite {
		t.Fatal("a new theme left the mode")
	}
}

// A terminal of 16 colors or fewer needs nothing asked; the deck draws at
// once.
func TestLiteOnA16ColorTerminal(t *testing.T) {
	d := newRealDeck(t, 80, 24, func(o *Options) { o.Lite = true })
	_, cmd := d.Update(tea.ColorProfileMsg{Profile: colorprofile.ANSI})
	if asked := d.profileAsked(cmd); len(asked) != 0 {
		t.Fatalf("asked for %v on a 16-color terminal", asked)
	}
	if d.View().Content == "" {
		t.Fatal("nothing drawn")
	}
}

// :lite switches the mode, with the terminal's own colors on the way out
// and 16 on the way in, and says so.
func TestLiteCommand(t *testing.T) {
	d := newRealDeck(t, 120, 40, nil)
	d.send(tea.ColorProfileMsg{Profile: colorprofile.TrueColor})
	if d.ctx.Styles.Lite || strings.Contains(d.text(), "low bandwidth") {
		t.Fatal("a local deck started in the mode")
	}
	for _, step := range []struct {
		line string
		lite bool
		want colorprofile.Profile
		says string
	}{
		{"lite", true, colorprofile.ANSI, "Low-bandwidth mode: enter shows a message"},
		{"lite on", true, 0, "Low-bandwidth mode: enter shows a message"},
		{"lite off", false, colorprofile.TrueColor, "Low-bandwidth mode off"},
		{"leger", true, colorprofile.ANSI, "Low-bandwidth mode: enter shows a message"},
	} {
		d.press(":")
		d.typeLine(step.line)
		_, cmd := d.Update(keyMsg("enter"))
		asked := d.profileAsked(cmd)
		if d.ctx.Styles.Lite != step.lite {
			t.Fatalf(":%s: lite %v, want %v", step.line, d.ctx.Styles.Lite, step.lite)
		}
		if step.want == 0 && len(asked) != 0 || step.want != 0 && (len(asked) != 1 || asked[0] != step.want) {
			t.Errorf(":%s asked the renderer for %v, want %v", step.line, asked, step.want)
		}
		if !strings.Contains(d.text(), step.says) {
			t.Errorf(":%s: the status bar does not say %q:\n%s", step.line, step.says, d.text())
		}
	}
}
