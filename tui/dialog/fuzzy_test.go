package dialog

import (
	"slices"
	"strings"
	"testing"
)

func TestFuzzyMatches(t *testing.T) {
	tests := []struct {
		query, target string
		matched       []int // nil: no match (or empty query)
	}{
		{"creme", "Crème brûlée", []int{0, 1, 2, 3, 4}},
		{"CRÈME", "creme", []int{0, 1, 2, 3, 4}},
		{"brulee", "Crème brûlée", []int{6, 7, 8, 9, 10, 11}},
		{"cb", "Crème brûlée", []int{0, 6}},
		{"oe", "Œuvre", []int{0}},                      // a ligature is one rune of the target
		{"oeu", "Œuvre", []int{0, 1}},                  // …followed by the next
		{"creme", "Cre\u0300me", []int{0, 1, 2, 4, 5}}, // decomposed accent skipped
		{"東京", "東京タワー", []int{0, 1}},
		{"🎉", "party 🎉 time", []int{6}},
		{"needs reply", "needs reply", []int{0, 1, 2, 3, 4, 6, 7, 8, 9, 10}}, // query spaces ignored
		{"aujourd'hui", "Aujourd’hui", []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
		{"ba", "abc", nil}, // order matters
		{"abcd", "abc", nil},
		{"x", "", nil},
		{"", "anything", nil},
		{"   ", "anything", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query+"/"+tt.target, func(t *testing.T) {
			score, matched := Fuzzy(tt.query, tt.target)
			if !slices.Equal(matched, tt.matched) {
				t.Errorf("matched %v, want %v", matched, tt.matched)
			}
			switch {
			case strings.TrimSpace(tt.query) == "" && score != 0:
				t.Errorf("empty query scored %d, want 0", score)
			case strings.TrimSpace(tt.query) != "" && tt.matched == nil && score != -1:
				t.Errorf("no match scored %d, want -1", score)
			}
		})
	}
}

// Word starts and contiguous runs score higher.
func TestFuzzyRanking(t *testing.T) {
	tests := []struct{ query, better, worse string }{
		{"nr", "needs reply", "inner"},     // word starts
		{"ti", "tag idea", "stitch"},       // word starts over a run in a word
		{"tag", "tag", "stage"},            // the start of the target
		{"rep", "reply", "rxexp"},          // a contiguous run
		{"abc", "xabcx", "xaxbxcx"},        // a contiguous run, same boundaries
		{"idea", "idea", "my idea"},        // earlier
		{"gc", "goto calendar", "magic"},   // word starts far apart over letters close together
		{"fc", "filterClient", "fanciful"}, // camelCase humps
		{"sr", "saved-reply", "sorry"},     // after a dash
		{"creme", "Crème", "cxrxexmxe"},    // accents do not cost
		{"calendar", "goto calendar", "c a l e n d a r"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			b, _ := Fuzzy(tt.query, tt.better)
			w, _ := Fuzzy(tt.query, tt.worse)
			if b < 0 || w < 0 {
				t.Fatalf("no match: %q %d, %q %d", tt.better, b, tt.worse, w)
			}
			if b <= w {
				t.Errorf("%q scored %d, not above %q (%d)", tt.better, b, tt.worse, w)
			}
		})
	}
}

// The best alignment is found, not the first: "gc" takes the c of
// "calendar", not the c of "goto"'s neighbour; "cal" the run at a word
// start over scattered letters.
func TestFuzzyBestAlignment(t *testing.T) {
	if _, m := Fuzzy("cal", "cxaxl calendar"); !slices.Equal(m, []int{6, 7, 8}) {
		t.Errorf("matched %v, want [6 7 8]", m)
	}
	if _, m := Fuzzy("gc", "gecko calendar"); !slices.Equal(m, []int{0, 6}) {
		t.Errorf("matched %v, want [0 6]", m)
	}
}

// Huge or hostile input neither panics nor takes long.
func TestFuzzyBounds(t *testing.T) {
	long := strings.Repeat("a", 10000)
	if s, m := Fuzzy(long, long); s < 0 || len(m) != maxQuery {
		t.Errorf("long: score %d, %d matched", s, len(m))
	}
	if s, _ := Fuzzy("b", long+"b"); s != -1 {
		t.Errorf("a match past the searched part: %d", s)
	}
	Fuzzy("\x1b[31m", "\x1b[31mred\x00")
}

func FuzzFuzzy(f *testing.F) {
	f.Add("creme", "Crème brûlée")
	f.Add("oe", "ŒŒœ")
	f.Add("ss", "Straße")
	f.Fuzz(func(t *testing.T, q, target string) {
		score, matched := Fuzzy(q, target)
		n := len([]rune(target))
		for i, k := range matched {
			if k < 0 || k >= n || (i > 0 && k <= matched[i-1]) {
				t.Fatalf("bad indexes %v for %q", matched, target)
			}
		}
		if score < 0 && matched != nil {
			t.Fatal("matched without a score")
		}
	})
}

func BenchmarkFuzzy(b *testing.B) {
	for b.Loop() {
		Fuzzy("rply tmpl", "Reply template: thanks for your message, {author}!")
	}
}
