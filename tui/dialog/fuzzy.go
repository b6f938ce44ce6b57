package dialog

import (
	"unicode"

	"cmdeck/core"
)

// Scoring of Fuzzy: every matched rune earns matchScore, more at the start
// of a word and when it follows the previous match; gaps cost a little, so
// "nr" ranks "needs reply" above "inner" and "rep" ranks "reply" above
// "r.e.p".
const (
	matchScore    = 16
	bonusStart    = 20 // first rune of the target
	bonusBoundary = 18 // after a space, -, _, /, ., :, #, @, (
	bonusCamel    = 14 // an upper-case rune after a lower-case one
	bonusRun      = 14 // right after the previous matched rune (or the bonus that started the run, if more)
	gapOpen       = 3
	gapExtend     = 1
	leadMax       = 10 // cap on the cost of runes before the first match

	maxQuery  = 64  // runes of the query considered
	maxTarget = 512 // runes of the target searched
)

// noMatch marks an impossible cell of the scoring table.
const noMatch = -1 << 30

// Fuzzy matches query against target as a subsequence, ignoring case,
// accents and the spaces of the query ("creme" matches "Crème brûlée").
// score is higher for better matches and -1 when there is none; matched
// are the rune indexes of target that matched, in order (nil when there is
// no match or the query is empty, which matches everything with score 0).
func Fuzzy(query, target string) (score int, matched []int) {
	q := foldQuery(query)
	if len(q) == 0 {
		return 0, nil
	}
	orig := []rune(target)
	if len(orig) > maxTarget {
		orig = orig[:maxTarget]
	}
	t, idx := foldTarget(orig)
	if !isSubsequence(q, t) {
		return -1, nil
	}
	bonus := boundaryBonuses(orig, idx)
	best, path := align(q, t, bonus)
	matched = make([]int, 0, len(path))
	for _, j := range path {
		if k := idx[j]; len(matched) == 0 || matched[len(matched)-1] != k {
			matched = append(matched, k)
		}
	}
	return best, matched
}

// foldQuery folds the query and drops its spaces.
func foldQuery(query string) []rune {
	var q []rune
	for _, r := range query {
		if unicode.IsSpace(r) {
			continue
		}
		q = core.AppendFold(q, r)
		if len(q) >= maxQuery {
			break
		}
	}
	return q
}

// foldTarget folds the target rune by rune; idx[k] is the rune of target
// folded rune k came from (a ligature gives two folded runes).
func foldTarget(orig []rune) (t []rune, idx []int) {
	t = make([]rune, 0, len(orig))
	idx = make([]int, 0, len(orig))
	for i, r := range orig {
		n := len(t)
		t = core.AppendFold(t, r)
		for range len(t) - n {
			idx = append(idx, i)
		}
	}
	return t, idx
}

func isSubsequence(q, t []rune) bool {
	i := 0
	for _, r := range t {
		if i < len(q) && r == q[i] {
			i++
		}
	}
	return i == len(q)
}

// boundaryBonuses is the bonus of matching each folded rune: at the start,
// after a separator, or at a camelCase hump. The second rune of a
// ligature gets none.
func boundaryBonuses(orig []rune, idx []int) []int {
	bonus := make([]int, len(idx))
	for k, i := range idx {
		switch {
		case k > 0 && idx[k-1] == i:
			// second half of œ, æ, ß
		case i == 0:
			bonus[k] = bonusStart
		case isSeparator(orig[i-1]):
			bonus[k] = bonusBoundary
		case unicode.IsLower(orig[i-1]) && unicode.IsUpper(orig[i]):
			bonus[k] = bonusCamel
		}
	}
	return bonus
}

func isSeparator(r rune) bool {
	switch r {
	case '-', '_', '/', '.', ':', '#', '@', '(', '[', ',', '\'', '"', '«', '“':
		return true
	}
	return unicode.IsSpace(r)
}

// align finds the best-scoring placement of every query rune in t (a
// dynamic programme over query × target, linear in the target per query
// rune) and returns its score and the target positions used.
func align(q, t []rune, bonus []int) (int, []int) {
	n, m := len(q), len(t)
	score := make([]int, n*m)
	from := make([]int, n*m) // the previous query rune's position
	run := make([]int, n*m)  // the bonus of the rune that started the run ending here
	for i := range n {
		// best is the max over k < j-1 of score[i-1][k] + k*gapExtend, so
		// the cost of any gap is found without scanning back.
		best, bestK := noMatch, -1
		for j := range m {
			cell := i*m + j
			score[cell], from[cell] = noMatch, -1
			if i > 0 && j >= 2 {
				if s := score[(i-1)*m+j-2]; s > noMatch && s+(j-2)*gapExtend > best {
					best, bestK = s+(j-2)*gapExtend, j-2
				}
			}
			if t[j] != q[i] {
				continue
			}
			own := matchScore + bonus[j]
			run[cell] = bonus[j]
			if i == 0 {
				score[cell] = own - min(j, leadMax)
				continue
			}
			if prev := (i-1)*m + j - 1; j >= 1 && score[prev] > noMatch {
				// A run keeps the bonus of its start, so "calendar" as a
				// word beats the same letters scattered at word starts.
				rb := max(bonusRun, run[prev])
				score[cell], from[cell], run[cell] = score[prev]+matchScore+rb, j-1, run[prev]
			}
			if bestK >= 0 {
				// a gap of g = j-k-1 ≥ 1 runes costs gapOpen + (g-1)*gapExtend
				if s := best - (j-2)*gapExtend - gapOpen + own; s > score[cell] {
					score[cell], from[cell], run[cell] = s, bestK, bonus[j]
				}
			}
		}
	}
	end, top := -1, noMatch
	for j := range m {
		if s := score[(n-1)*m+j]; s > top {
			end, top = j, s
		}
	}
	path := make([]int, n)
	for i := n - 1; i >= 0; i-- {
		path[i] = end
		end = from[i*m+end]
	}
	return top, path
}
