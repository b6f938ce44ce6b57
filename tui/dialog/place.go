package dialog

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"cmdeck/tui/common"
)

// minMargin is the narrowest margin left showing the screen beside a box.
const minMargin = 4

// Place draws box centred over bg and returns exactly width×height cells:
// bg is fitted to that size first, and a box larger than the screen is cut
// to it (its top-left stays visible). Widths are display cells, so emoji
// and CJK on either side of the box keep the columns in place.
func Place(bg, box string, width, height int) string {
	if width <= 0 || height <= 0 {
		return ""
	}
	screen := common.Frame(common.SplitLines(bg), width, height)
	lines := common.SplitLines(box)
	if len(lines) > height {
		lines = lines[:height]
	}
	bw := 0
	for i, l := range lines {
		if lipgloss.Width(l) > width {
			lines[i] = ansi.Truncate(l, width, "")
		}
		bw = max(bw, lipgloss.Width(lines[i]))
	}
	if len(lines) == 0 {
		return screen
	}
	// Every line of the box as wide as its widest, so the box covers a
	// rectangle even when its lines are ragged.
	for i, l := range lines {
		if pad := bw - lipgloss.Width(l); pad > 0 {
			lines[i] = l + strings.Repeat(" ", pad)
		}
	}
	x, y := (width-bw)/2, (height-len(lines))/2
	if x > 0 && x < minMargin {
		// A margin of a few cells would show the ends of cut words beside
		// the box: blank it, as part of the box.
		for i, l := range lines {
			lines[i] = strings.Repeat(" ", x) + l + strings.Repeat(" ", width-bw-x)
		}
		x = 0
	}
	return common.PlaceOver(screen, strings.Join(lines, "\n"), x, y)
}
