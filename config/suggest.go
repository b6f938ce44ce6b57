package config

import (
	"fmt"
	"strings"

	"cmdeck/core"
)

// didYouMean returns ` (did you mean "x"?)` for the candidate closest to
// got, or "" when none is close enough to be a plausible typo. Comparison
// ignores case so "Language" suggests "language".
func didYouMean(got string, candidates []string) string {
	best := closest(got, candidates)
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// closest returns the candidate with the smallest edit distance to got, if
// that distance is small relative to the word (a typo, not another word).
func closest(got string, candidates []string) string {
	g := strings.ToLower(got)
	best, bestDist := "", -1
	for _, c := range candidates {
		d := core.EditDistance(g, strings.ToLower(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	if bestDist < 0 || bestDist > maxTypoDistance(got) {
		return ""
	}
	return best
}

// maxTypoDistance is how many edits still count as a typo: one for short
// words, about a third of the word for longer ones.
func maxTypoDistance(word string) int {
	n := len([]rune(word))
	switch {
	case n <= 3:
		return 1
	case n <= 6:
		return 2
	default:
		return n / 3
	}
}
