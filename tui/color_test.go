package tui

import (
	"fmt"
	"image/color"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"cmdeck/tui/common"
)

// On a terminal with 256 or 16 colors, bubbletea maps every color of the
// palette to the nearest it has. Colors that tell states apart must stay
// apart there, and text must not land on its own background.
func TestPaletteSurvivesFewerColors(t *testing.T) {
	for _, theme := range []struct {
		name string
		dark bool
		bg   color.Color // the terminal's own background
	}{
		{"dark", true, lipgloss.Color("#000000")},
		{"light", false, lipgloss.Color("#FFFFFF")},
	} {
		p := common.DefaultPalette(theme.dark)
		for _, profile := range []colorprofile.Profile{colorprofile.ANSI256, colorprofile.ANSI} {
			t.Run(fmt.Sprintf("%s/%s", theme.name, profile), func(t *testing.T) {
				for _, pair := range mustDiffer(p, theme.bg) {
					a, b := profile.Convert(pair.a), profile.Convert(pair.b)
					switch {
					case sameColor(a, b):
						t.Errorf("%s: both become %v (%v and %v)", pair.why, a, pair.a, pair.b)
					case pair.hue && sameHue(a, b):
						t.Errorf("%s: %v and %v are one hue, normal and bright (%v and %v)", pair.why, a, b, pair.a, pair.b)
					}
				}
			})
		}
	}
}

// colorPair is two colors a reader must tell apart, and why. hue asks
// for two hues in 16 colors: a state told by red must not be told apart
// from another by bright red only, which many terminals barely show.
type colorPair struct {
	why  string
	a, b color.Color
	hue  bool
}

// mustDiffer lists the palette's colors that must stay distinct, bg being
// the terminal's background (what an unselected row sits on).
func mustDiffer(p common.Palette, bg color.Color) []colorPair {
	pairs := []colorPair{
		{"selected row's text on its highlight", p.SelectedFg, p.SelectedBg, false},
		{"selected row against the other rows", p.SelectedBg, bg, false},
		{"status bar's text on the bar", p.StatusFg, p.StatusBg, false},
		{"status bar against the pane", p.StatusBg, bg, false},
		{"status bar's warning on the bar", p.Warning, p.StatusBg, false},
		{"status bar's error on the bar", p.Negative, p.StatusBg, false},
		{"crisis banner's text on the banner", p.StatusBg, p.Negative, false},
		{"text against muted text", p.Fg, p.Muted, false},
	}
	// Severities (critical, warning, info), sentiments (positive,
	// negative, neutral) and item states (replied, needs a reply, new,
	// done) are each told by one of these.
	states := []struct {
		name string
		c    color.Color
	}{
		{"positive", p.Positive}, {"negative", p.Negative}, {"warning", p.Warning},
		{"info", p.Info}, {"muted", p.Muted},
	}
	for i := range states {
		for j := i + 1; j < len(states); j++ {
			pairs = append(pairs, colorPair{states[i].name + " against " + states[j].name, states[i].c, states[j].c, true})
		}
	}
	return pairs
}

// sameHue reports two of the 16 colors that are one hue, one normal and
// one bright (red 1 and bright red 9). The grays (0, 7, 8, 15) differ by
// brightness only and are never one hue.
func sameHue(a, b color.Color) bool {
	ia, oka := a.(ansi.BasicColor)
	ib, okb := b.(ansi.BasicColor)
	if !oka || !okb {
		return false
	}
	chromatic := func(c ansi.BasicColor) bool { return c%8 != 0 && c%8 != 7 }
	return chromatic(ia) && chromatic(ib) && ia%8 == ib%8
}

// sameColor compares two colors by value, whatever their types.
func sameColor(a, b color.Color) bool {
	if a == nil || b == nil {
		return a == b
	}
	ar, ag, ab, aa := a.RGBA()
	br, bg, bb, ba := b.RGBA()
	return ar == br && ag == bg && ab == bb && aa == ba
}

// The terminal tells its background after the first frames (late over a
// slow link); the styles are rebuilt in place, and what the panes drew and
// kept must follow: no dark selection left on a light screen.
func TestThemeChangeRedrawsKeptRows(t *testing.T) {
	d := newRealDeck(t, 80, 24, nil)
	d.press("enter") // the conversation is drawn and kept too
	dark := common.DefaultPalette(true)
	light := common.DefaultPalette(false)
	before := d.View().Content
	if !strings.Contains(before, bgSGR(dark.SelectedBg)) {
		t.Fatalf("the dark selection is not drawn: %q", before)
	}
	d.send(tea.BackgroundColorMsg{Color: lipgloss.Color("#FFFFFF")})
	after := d.View().Content
	if strings.Contains(after, bgSGR(dark.SelectedBg)) || strings.Contains(after, fgSGR(dark.Fg)) {
		t.Errorf("dark colors left on a light terminal: %q", after)
	}
	if !strings.Contains(after, bgSGR(light.SelectedBg)) {
		t.Errorf("the light selection is not drawn: %q", after)
	}
}

// bgSGR and fgSGR are a color's true-color background and foreground
// parameters as lipgloss writes them.
func bgSGR(c color.Color) string { return "48;2;" + rgb(c) }
func fgSGR(c color.Color) string { return "38;2;" + rgb(c) }

func rgb(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("%d;%d;%dm", r>>8, g>>8, b>>8)
}
