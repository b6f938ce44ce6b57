package common

import (
	"strings"
	"unicode"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Ellipsis ends any text cut to fit a column.
const Ellipsis = "…"

// Fit returns s cut or padded with spaces to exactly w display cells. Width
// is measured in cells (lipgloss.Width), so emoji and CJK columns line up; a
// wide character that would straddle the edge is dropped and padded instead.
func Fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if lipgloss.Width(s) > w {
		s = ansi.Truncate(s, w, Ellipsis)
	}
	if pad := w - lipgloss.Width(s); pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}

// FitRight is Fit with the padding on the left, for numbers and right-aligned
// labels.
func FitRight(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if lipgloss.Width(s) > w {
		return Fit(s, w)
	}
	return strings.Repeat(" ", w-lipgloss.Width(s)) + s
}

// Frame turns lines into a block of exactly w×h cells: each line fitted to w,
// missing lines blank, extra lines dropped. Every pane's View ends here so the
// root can stack them without anything wrapping.
func Frame(lines []string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	out := make([]string, h)
	blank := strings.Repeat(" ", w)
	for i := range out {
		if i < len(lines) {
			out[i] = Fit(lines[i], w)
		} else {
			out[i] = blank
		}
	}
	return strings.Join(out, "\n")
}

// SplitLines splits a rendered block into its lines.
func SplitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// OneLine returns the first non-empty line of s with tabs and other control
// characters turned into spaces. Text from networks is sanitized when stored;
// this keeps a row to one line even if a newline or tab slipped through.
func OneLine(s string) string {
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.TrimSpace(strings.Map(func(r rune) rune {
			if unicode.IsControl(r) {
				return ' '
			}
			return r
		}, line))
		if line != "" {
			return line
		}
	}
	return ""
}

// Columns joins cells left to right, each fitted to its width, separated by
// one space. A zero width drops the cell, so callers can hide a column by
// giving it no room.
func Columns(cells []string, widths []int) string {
	var b strings.Builder
	first := true
	for i, c := range cells {
		if i >= len(widths) || widths[i] <= 0 {
			continue
		}
		if !first {
			b.WriteByte(' ')
		}
		first = false
		b.WriteString(Fit(c, widths[i]))
	}
	return b.String()
}

// Wrap breaks text into lines of at most w cells, at spaces when it can
// (long words are cut), for hints and messages that must not be truncated.
func Wrap(text string, w int) []string {
	if w <= 0 {
		return nil
	}
	return SplitLines(ansi.Wrap(text, w, ""))
}
