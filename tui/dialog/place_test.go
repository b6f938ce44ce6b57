package dialog

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

func screen(w, h int, fill string) string {
	lines := make([]string, h)
	for i := range lines {
		lines[i] = strings.Repeat(fill, w/max(lipgloss.Width(fill), 1))
	}
	return strings.Join(lines, "\n")
}

// Whatever the sizes, Place returns exactly width×height cells.
func TestPlaceSize(t *testing.T) {
	boxes := map[string]string{
		"small":  "ab\ncd",
		"framed": NewConfirm(styles(), en(), "x", "Hide? 🎉", "東京の店", true).View(),
		"wide":   strings.Repeat("x", 200),
		"tall":   strings.Repeat("x\n", 60) + "x",
		"ragged": "a\nbbbbbb\n🎉",
		"empty":  "",
	}
	bgs := map[string]func(w, h int) string{
		"dots":  func(w, h int) string { return screen(w, h, ".") },
		"cjk":   func(w, h int) string { return screen(w, h, "東") },
		"emoji": func(w, h int) string { return screen(w, h, "🎉") },
		"short": func(int, int) string { return "one line" },
		"none":  func(int, int) string { return "" },
	}
	for _, size := range [][2]int{{1, 1}, {3, 2}, {20, 5}, {80, 24}, {81, 25}, {160, 48}} {
		for bn, bg := range bgs {
			for xn, box := range boxes {
				t.Run(fmt.Sprintf("%dx%d/%s/%s", size[0], size[1], bn, xn), func(t *testing.T) {
					checkSize(t, Place(bg(size[0], size[1]), box, size[0], size[1]), size[0], size[1])
				})
			}
		}
	}
	if Place("x", "y", 0, 5) != "" || Place("x", "y", 5, -1) != "" {
		t.Error("no size, not empty")
	}
}

// The box sits in the middle; the background shows around it.
func TestPlaceCentres(t *testing.T) {
	got := ansi.Strip(Place(screen(10, 5, "."), "ab\ncd", 10, 5))
	want := strings.Join([]string{"..........", "....ab....", "....cd....", "..........", ".........."}, "\n")
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// A wide character cut by the box's edge becomes a space; columns stay.
	got = ansi.Strip(Place(screen(10, 3, "東"), "x", 10, 3))
	if lines := strings.Split(got, "\n"); lines[1] != "東東x 東東" {
		t.Errorf("middle line %q", lines[1])
	}
}
