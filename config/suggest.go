package config

import (
	"fmt"
	"strings"
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
		d := editDistance(g, strings.ToLower(c))
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

// editDistance is the Levenshtein distance between a and b, by runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
