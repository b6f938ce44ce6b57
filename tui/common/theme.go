package common

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// DefaultPalette returns the colored palette for a dark or light background.
//
// The terminal may have 256 or 16 colors: bubbletea then maps each color
// to the nearest of those, and colors that differ here can become one.
// The values are picked so that what tells states apart stays apart in
// both (tui/color_test.go checks it): the warning lands on yellow, not on
// the error's red; the light selection's text on black; the status bar
// on a gray of its own rather than the terminal's background or the
// selection's.
func DefaultPalette(dark bool) Palette {
	ld := lipgloss.LightDark(dark)
	return Palette{
		Fg:         ld(lipgloss.Color("#1F2328"), lipgloss.Color("#E6E6E6")),
		Muted:      ld(lipgloss.Color("#57606A"), lipgloss.Color("#9A9A9A")),
		Subtle:     ld(lipgloss.Color("#8C959F"), lipgloss.Color("#6B6B6B")),
		Accent:     ld(lipgloss.Color("#6639BA"), lipgloss.Color("#B48EFF")),
		Border:     ld(lipgloss.Color("#D0D7DE"), lipgloss.Color("#444444")),
		SelectedBg: ld(lipgloss.Color("#DDF4FF"), lipgloss.Color("#2D3B55")),
		SelectedFg: ld(lipgloss.Color("#091B2D"), lipgloss.Color("#FFFFFF")),
		Positive:   ld(lipgloss.Color("#1A7F37"), lipgloss.Color("#56D364")),
		Negative:   ld(lipgloss.Color("#CF222E"), lipgloss.Color("#FF7B72")),
		Warning:    ld(lipgloss.Color("#997524"), lipgloss.Color("#EAC357")),
		Info:       ld(lipgloss.Color("#0969DA"), lipgloss.Color("#79C0FF")),
		StatusBg:   ld(lipgloss.Color("#D8DEE7"), lipgloss.Color("#3F3F3F")),
		StatusFg:   ld(lipgloss.Color("#24292F"), lipgloss.Color("#D0D0D0")),
	}
}

// NoColorPalette returns a palette without any color, for NO_COLOR: styles
// then rely on bold, underline and reverse.
func NoColorPalette() Palette {
	n := lipgloss.NoColor{}
	return Palette{Fg: n, Muted: n, Subtle: n, Accent: n, Border: n, SelectedBg: n, SelectedFg: n,
		Positive: n, Negative: n, Warning: n, Info: n, StatusBg: n, StatusFg: n, NoColor: true}
}

// NewStyles builds every style from a palette.
func NewStyles(p Palette) *Styles {
	base := lipgloss.NewStyle()
	fg := func(c color.Color) lipgloss.Style { return base.Foreground(c) }
	s := &Styles{Palette: p}
	s.App = base
	s.Title = fg(p.Accent).Bold(true)
	s.TabActive = fg(p.Accent).Bold(true).Underline(true)
	s.TabInactive = fg(p.Muted)
	s.StatusBar = base.Background(p.StatusBg).Foreground(p.StatusFg)
	s.StatusKey = s.StatusBar.Bold(true)
	s.StatusValue = s.StatusBar
	s.Selected = base.Background(p.SelectedBg).Foreground(p.SelectedFg).Bold(true)
	if p.NoColor {
		s.Selected = base.Reverse(true)
	}
	s.Muted = fg(p.Muted)
	s.Subtle = fg(p.Subtle)
	s.Bold = base.Bold(true)
	s.Accent = fg(p.Accent)
	s.Cursor = fg(p.Accent).Bold(true)
	if p.NoColor {
		s.Cursor = base.Reverse(true).Bold(true)
	}
	s.Positive = fg(p.Positive)
	s.Negative = fg(p.Negative).Bold(p.NoColor)
	s.Warning = fg(p.Warning)
	s.Info = fg(p.Info)
	s.Border = base.Border(lipgloss.RoundedBorder()).BorderForeground(p.Border)
	s.Header = fg(p.Muted).Bold(true)
	s.HelpKey = fg(p.Accent).Bold(true)
	s.HelpDesc = fg(p.Muted)
	s.Banner = base.Background(p.Negative).Foreground(p.StatusBg).Bold(true)
	if p.NoColor {
		s.Banner = base.Reverse(true).Bold(true)
	}
	return s
}
