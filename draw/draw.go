// Package draw picks the winners of a contest among a post's commenters,
// so that anyone can check the draw: the entrants are written as a
// canonical list (sorted, one "network<TAB>handle" line each), the list's
// SHA-256 is published with the seed, and the winners follow from the two
// by a documented algorithm (Pick). Entering twice on two networks is two
// entries: cmdeck cannot tell that two accounts are one person.
package draw

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
	"unicode"

	"cmdeck/core"
)

// Entry is one comment on the contest post.
type Entry struct {
	Network string    // the network it was written on, as the account shows it
	Handle  string    // its author's handle there
	Body    string    // the comment's text
	At      time.Time // when it was written
}

// Rules are what makes a comment an entry.
type Rules struct {
	// Deadline: only comments written before it count; zero: no deadline.
	Deadline time.Time
	// MustContain: a word or phrase the comment must contain as a whole
	// word, whatever the case and accents ("Concours" matches "concours");
	// "" requires nothing.
	MustContain string
	// ExcludeAuthors are handles that never win, on any network: the
	// brand's own accounts ("@pixelforge" or "pixelforge").
	ExcludeAuthors []string
	// OnePerPerson counts one entry per author and network, however many
	// comments they wrote; otherwise each comment is an entry.
	OnePerPerson bool
}

// Result is a draw: the entrant list it was made from, the list's hash,
// the seed and the winners, in the order drawn.
type Result struct {
	Rules    Rules
	Entrants []string // canonical lines, "network\thandle", sorted
	SHA256   string   // hex SHA-256 of the list's text (ListText)
	Seed     string
	Winners  []string // lines of Entrants
	// Left out counts the comments that did not become entries, by reason.
	LeftOut map[string]int
}

// Reasons a comment is left out of the draw.
const (
	OutLate      = "late"      // written at or after the deadline
	OutNoWord    = "no-word"   // without the required word
	OutOwn       = "own"       // written by an excluded account
	OutRepeat    = "repeat"    // the author's second comment, one entry per person
	OutAnonymous = "anonymous" // without a handle
)

// ErrNoEntrants is returned when no comment qualifies.
var ErrNoEntrants = errors.New("draw: no comment qualifies")

// Run applies the rules to the comments and draws the winners (at most as
// many as there are entrants). The same comments, in any order, with the
// same rules and seed, always give the same result.
func Run(entries []Entry, rules Rules, seed string, winners int) (Result, error) {
	if winners < 1 {
		return Result{}, errors.New("draw: at least one winner")
	}
	if strings.TrimSpace(seed) == "" {
		return Result{}, errors.New("draw: the seed is empty (use something public, drawn after the deadline)")
	}
	list, out := qualify(entries, rules)
	if len(list) == 0 {
		return Result{}, ErrNoEntrants
	}
	hash, picked := Pick(list, seed, winners)
	return Result{Rules: rules, Entrants: list, SHA256: hash, Seed: seed, Winners: picked, LeftOut: out}, nil
}

// qualify returns the canonical entrant list and what was left out.
func qualify(entries []Entry, rules Rules) ([]string, map[string]int) {
	excluded := map[string]bool{}
	for _, h := range rules.ExcludeAuthors {
		excluded[handleKey(h)] = true
	}
	word := core.Fold(strings.TrimSpace(rules.MustContain))
	out := map[string]int{}
	seen := map[string]bool{}
	var list []string
	for _, e := range entries {
		line, reason := entryLine(e, rules, word, excluded)
		if reason == "" && rules.OnePerPerson && seen[line] {
			reason = OutRepeat
		}
		if reason != "" {
			out[reason]++
			continue
		}
		seen[line] = true
		list = append(list, line)
	}
	slices.Sort(list)
	return list, out
}

// entryLine is the canonical line of a comment, or why it does not count.
func entryLine(e Entry, rules Rules, word string, excluded map[string]bool) (string, string) {
	handle := strings.ToLower(core.SanitizeLine(e.Handle))
	network := strings.ToLower(core.SanitizeLine(e.Network))
	switch {
	case handleKey(handle) == "":
		return "", OutAnonymous
	case excluded[handleKey(handle)]:
		return "", OutOwn
	case !rules.Deadline.IsZero() && !e.At.Before(rules.Deadline):
		return "", OutLate
	case word != "" && !containsWord(core.Fold(e.Body), word):
		return "", OutNoWord
	}
	return network + "\t" + handle, ""
}

// handleKey is a handle as excluded accounts are matched: lowercase,
// without its "@".
func handleKey(h string) string {
	return strings.TrimPrefix(strings.ToLower(strings.TrimSpace(h)), "@")
}

// containsWord reports whether word occurs in text (both folded) between
// non-letters: "concours" is in "#concours !" but not in "concoursx".
func containsWord(text, word string) bool {
	for from := 0; ; {
		i := strings.Index(text[from:], word)
		if i < 0 {
			return false
		}
		at := from + i
		end := at + len(word)
		if !wordRuneBefore(text, at) && !wordRuneAfter(text, end) {
			return true
		}
		from = at + 1
	}
}

func wordRuneBefore(s string, i int) bool {
	r := []rune(s[:i])
	return len(r) > 0 && isWordRune(r[len(r)-1])
}

func wordRuneAfter(s string, i int) bool {
	for _, r := range s[i:] {
		return isWordRune(r)
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// ListText is the text the hash is computed over: every line followed by
// a line feed, UTF-8.
func ListText(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

// Pick draws n winners (at most len(lines)) from the canonical list and
// returns the list's hash with them. The algorithm, for anyone to redo:
//
//  1. h = hex(SHA-256(ListText(lines))), lowercase;
//  2. key = SHA-256(seed + h), the seed's UTF-8 bytes then h's;
//  3. a ChaCha8 generator (Go's math/rand/v2 NewChaCha8, its output fixed
//     by its specification) keyed with key gives 64-bit numbers x;
//  4. partial Fisher–Yates: for i = 0, 1, …, n-1, with m = len(lines) - i,
//     draw x until x < 2^64 - (2^64 mod m), let j = i + x mod m, and swap
//     lines i and j; the winners are lines 0 … n-1, in that order.
func Pick(lines []string, seed string, n int) (hash string, winners []string) {
	sum := sha256.Sum256([]byte(ListText(lines)))
	hash = hex.EncodeToString(sum[:])
	g := rand.NewChaCha8(sha256.Sum256([]byte(seed + hash)))
	a := slices.Clone(lines)
	n = min(n, len(a))
	for i := range n {
		j := i + int(uniform(g, uint64(len(a)-i)))
		a[i], a[j] = a[j], a[i]
	}
	return hash, a[:n]
}

// uniform is a uniform number in [0, m), m > 0: a draw is kept when it
// falls below the largest multiple of m that fits in 64 bits, so every
// remainder is equally likely.
func uniform(g *rand.ChaCha8, m uint64) uint64 {
	rem := (^uint64(0)%m + 1) % m // 2^64 mod m
	for {
		x := g.Uint64()
		if rem == 0 || x <= ^uint64(0)-rem {
			return x % m
		}
	}
}
