package common

import (
	"image/color"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
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
	// Cursor is the mark in a list's gutter under the cursor.
	Cursor                            lipgloss.Style
	Positive, Negative, Warning, Info lipgloss.Style
	Border                            lipgloss.Style // for framed boxes/overlays
	Header                            lipgloss.Style // table column headers
	HelpKey, HelpDesc                 lipgloss.Style
	// Banner is the crisis line over every pane: it must catch the eye
	// from across the room, with or without color.
	Banner lipgloss.Style

	// Lite is the low-bandwidth mode (over SSH): a list's cursor is shown
	// in its gutter only, and the inbox's reading pane follows enter
	// rather than the cursor, so a move rewrites a few cells, not rows.
	// The deck sets it; the theme keeps it when rebuilt.
	Lite bool
}

// CursorLine draws the line under a list's cursor, w cells wide. text is
// the line as drawn without the cursor; its first gutter cells are the
// cursor's place, and mark is what goes there. Normally the whole line
// becomes one selection bar; in Lite mode the line keeps its own styles
// and only the gutter changes: a cursor move then sends two marks instead
// of two rows (over SSH, a few bytes instead of a few hundred).
func (s *Styles) CursorLine(text, mark string, gutter, w int) string {
	rest := ansi.Cut(text, gutter, max(w, gutter))
	if s.Lite {
		return Fit(s.Cursor.Render(Fit(mark, gutter))+rest, w)
	}
	return s.Selected.Render(Fit(Fit(mark, gutter)+ansi.Strip(rest), w))
}

// ClientStyle returns the style for a client's mark: its own color when set
// and colors are on, else Accent.
func (s *Styles) ClientStyle(hex string) lipgloss.Style {
	if s.Palette.NoColor || hex == "" {
		return s.Accent
	}
	return lipgloss.NewStyle().Foreground(lipgloss.Color(hex))
}
