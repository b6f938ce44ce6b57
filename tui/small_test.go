package tui

import (
	"fmt"
	"strings"
	"testing"
)

// Every pane, view, overlay and composer fits the terminal exactly at
// every size from a phone's to a wide screen's: as many lines as rows, no
// line wider than the width (a wider one wraps into the next, and the
// screen turns to garbage). Smaller than 60×20 the deck only degrades;
// it must still never overflow.
func TestEveryScreenFitsEverySize(t *testing.T) {
	screens := [][]string{
		nil, {"enter"}, {"r"}, {"D"}, {"/"},
		{"2"}, {"2", "m"}, {"2", "a"}, {"2", "a", "enter"}, {"2", "n"},
		{"3"}, {"4"}, {"4", "c"},
		{"?"}, {":"}, {"O"}, {"@"},
	}
	sizes := [][2]int{{40, 15}, {50, 18}, {60, 20}, {61, 21}, {70, 22}, {80, 24}, {100, 30}, {160, 48}}
	for _, sz := range sizes {
		for _, keys := range screens {
			name := fmt.Sprintf("%dx%d/%s", sz[0], sz[1], strings.Join(keys, "_"))
			t.Run(name, func(t *testing.T) {
				d := newRealDeck(t, sz[0], sz[1], nil)
				d.press(keys...)
				checkSize(t, d.View().Content, sz[0], sz[1])
			})
		}
	}
}
