package common

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Palette is the set of colors a theme is built from. NoColor palettes use
// lipgloss.NoColor{} everywhere and rely on bold/underline/reverse instead.
type Palette struct {
	Fg, Muted, Subtle, Accent, Border color.Color
	SelectedBg, SelectedFg            color.Color
	Positive, Negative, Warning, Info color.Color
	StatusBg, StatusFg                color.Color
	NoColor                           bool
}

// Styles is the one set of styles handed to every pane (no style globals).
type Styles struct {
	Palette Palette

	App, Title, TabActive, TabInactive    lipgloss.Style
	StatusBar, StatusKey, StatusValue     lipgloss.Style
	Selected, Muted, Subtle, Bold, Accent lipgloss.Style
	Positive, Negative, Warning, Info     lipgloss.Style
	Border                                lipgloss.Style // for framed boxes/overlays
	Header                                lipgloss.Style // table column headers
	HelpKey, HelpDesc                     lipgloss.Style
	// Banner is the crisis line over every pane: it must catch the eye
	// from across the room, with or without color.
	Banner lipgloss.Style
}

// ClientStyle returns the style for a client's mark: its own color when set
// and colors are on, else Accent.
func (s *Styles) ClientStyle(hex string) lipgloss.Style {
	if s.Palette.NoColor || hex == "" {
		return s.Accent
	}
	return lipgloss.NewStyle().Foreground(lipgloss.Color(hex))
}
