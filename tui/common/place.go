package common

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// resetSGR ends any style still open, so a cut line doesn't bleed its
// colors into what is drawn next to it.
const resetSGR = "\x1b[m"

// PlaceOver draws fg over bg with fg's top-left corner at cell (x, y); the
// rest of bg shows around it. Both are blocks of lines; widths are in cells,
// and a wide character cut by an edge becomes spaces so columns stay put.
func PlaceOver(bg, fg string, x, y int) string {
	lines := SplitLines(bg)
	x = max(x, 0)
	for i, f := range SplitLines(fg) {
		row := y + i
		if row < 0 || row >= len(lines) {
			continue
		}
		line := lines[row]
		w, fw := lipgloss.Width(line), lipgloss.Width(f)
		left := padTo(ansi.Cut(line, 0, x), x)
		lines[row] = left + resetSGR + f + resetSGR + rightOf(line, x+fw, w)
	}
	return strings.Join(lines, "\n")
}

// rightOf is the part of line from cell from to cell w, exactly w-from
// cells wide: a wide character cut by the left edge turns into spaces.
func rightOf(line string, from, w int) string {
	want := w - from
	if want <= 0 {
		return ""
	}
	for skip := 0; skip <= 2; skip++ {
		r := ansi.TruncateLeft(line, from+skip, "")
		if rw := lipgloss.Width(r); rw <= want-skip {
			return strings.Repeat(" ", want-rw) + r
		}
	}
	return strings.Repeat(" ", want)
}

// padTo pads s with spaces up to w cells, never cutting it.
func padTo(s string, w int) string {
	if pad := w - lipgloss.Width(s); pad > 0 {
		return s + strings.Repeat(" ", pad)
	}
	return s
}
