package sentiment

import (
	"bufio"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"cmdeck/core"
)

// kind says what a lexicon entry does to the words around it.
type kind uint8

const (
	kindNone   kind = iota // known word without sentiment (stopword, bigram head)
	kindWord               // carries a sentiment value
	kindNeg                // negator: flips the next sentiment word within its scope
	kindMod                // intensifier or diminisher of the next sentiment word
	kindBut                // contrast: the clause after it weighs more
	kindExpect             // something a customer waits for: negated, a complaint
)

// entry is one lexicon line after parsing. Sizes are small on purpose: the
// maps hold a few thousand of them and are read on every ingested item.
type entry struct {
	val   float32 // sentiment (word, expect) or multiplier (mod)
	alone float32 // mod: value when it modifies nothing ("Super !")
	scope uint8   // neg: how many following words it reaches
	kind  kind
	head  bool    // first word of at least one bigram
	post  bool    // neg: may also negate the word just before it
	cue   float32 // language cue weight, for Detect
}

// lexicon is one language's table: single words, and bigrams keyed "a b".
type lexicon map[string]entry

// defaultScope is how many words a negator reaches when its line says none:
// enough for "pas vraiment très bon", short enough to stop before the next
// idea.
const defaultScope = 3

// Cue weights given to entries of one language's file that the other file
// does not hold: function words are strong evidence, content words weak.
const (
	cueFunction = 1.0
	cueContent  = 0.5
)

// parseLexicon reads the line format documented at the top of
// lexicon/common.txt (one entry a line: the words, then one spec field).
// name is used in errors.
func parseLexicon(name, text string) (lexicon, error) {
	lex := lexicon{}
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "# ") || line == "#" {
			continue
		}
		key, e, err := parseLine(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		if _, dup := lex[key]; dup {
			return nil, fmt.Errorf("%s:%d: %q defined twice", name, n, key)
		}
		lex[key] = e
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	markHeads(lex)
	return lex, nil
}

// parseLine splits "words… spec" and folds the words the way the scanner
// folds text, so the file can be written with accents.
func parseLine(line string) (string, entry, error) {
	f := strings.Fields(line)
	if len(f) < 2 {
		return "", entry{}, fmt.Errorf("%q: want words then a spec", line)
	}
	words := f[:len(f)-1]
	if len(words) > 2 {
		return "", entry{}, fmt.Errorf("%q: at most two words (a bigram)", line)
	}
	for i, w := range words {
		if err := checkWord(w); err != nil {
			return "", entry{}, err
		}
		if isWordStart(w) {
			words[i] = core.Fold(w) // emoji and emoticons stay as written: ":D" is not ":d"
		}
	}
	e, err := parseSpec(f[len(f)-1])
	if err != nil {
		return "", entry{}, fmt.Errorf("%q: %w", line, err)
	}
	return strings.Join(words, " "), e, nil
}

// isWordStart reports whether w is a word (it starts with a letter or a
// digit) rather than an emoji or an emoticon.
func isWordStart(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// checkWord refuses what the scanner can never produce: words longer than
// maxWord, and runs of three identical letters (the scanner cuts them to
// two, so "grrr" would never match; write "grr").
func checkWord(w string) error {
	if len(w) > maxWord {
		return fmt.Errorf("%q: longer than %d bytes", w, maxWord)
	}
	var last rune
	run := 0
	for _, r := range w {
		if r == last {
			run++
		} else {
			last, run = r, 1
		}
		if run >= 3 && unicode.IsLetter(r) {
			return fmt.Errorf("%q: a letter three times in a row never matches; write it twice", w)
		}
	}
	return nil
}

// parseSpec reads the last field of a line.
func parseSpec(spec string) (entry, error) {
	switch {
	case spec == "!but":
		return entry{kind: kindBut, cue: cueFunction}, nil
	case spec == "!neg":
		return entry{kind: kindNeg, scope: defaultScope, cue: cueFunction}, nil
	case spec == "!neg<":
		return entry{kind: kindNeg, scope: defaultScope, post: true, cue: cueFunction}, nil
	case spec == "!post":
		return entry{kind: kindNeg, post: true, cue: cueFunction}, nil
	case strings.HasPrefix(spec, "!neg:"):
		n, err := strconv.Atoi(spec[len("!neg:"):])
		if err != nil || n < 1 || n > 9 {
			return entry{}, fmt.Errorf("bad negation scope %q", spec)
		}
		return entry{kind: kindNeg, scope: uint8(n), cue: cueFunction}, nil
	case strings.HasPrefix(spec, "*"):
		return parseMod(spec[1:])
	case strings.HasPrefix(spec, "@"):
		v, err := parseValue(spec[1:], 3)
		return entry{kind: kindExpect, val: v, cue: cueContent}, err
	case strings.HasPrefix(spec, "="):
		v, err := parseValue(spec[1:], 3)
		return entry{kind: kindNone, cue: v}, err
	}
	v, err := parseValue(spec, 3)
	return entry{kind: kindWord, val: v, cue: cueContent}, err
}

// parseMod reads "m" or "m/a": multiplier, then the value alone.
func parseMod(s string) (entry, error) {
	m, alone, _ := strings.Cut(s, "/")
	mv, err := parseValue(m, 3)
	if err != nil || mv <= 0 {
		return entry{}, fmt.Errorf("bad multiplier %q", s)
	}
	e := entry{kind: kindMod, val: mv, cue: cueFunction}
	if alone != "" {
		if e.alone, err = parseValue(alone, 3); err != nil {
			return entry{}, err
		}
	}
	return e, nil
}

// parseValue parses a float within ±limit.
func parseValue(s string, limit float64) (float32, error) {
	v, err := strconv.ParseFloat(s, 32)
	if err != nil || math.Abs(v) > limit {
		return 0, fmt.Errorf("bad value %q (want a number within ±%g)", s, limit)
	}
	return float32(v), nil
}

// markHeads flags the first word of every bigram, creating a neutral entry
// when the word has none, so the scorer only builds a bigram key after a
// word that can start one.
func markHeads(lex lexicon) {
	for k := range lex {
		first, _, ok := strings.Cut(k, " ")
		if !ok {
			continue
		}
		e := lex[first]
		e.head = true
		lex[first] = e
	}
}

// withCommon returns lex plus the language-independent entries (emoji,
// emoticons, universal abbreviations); a key in both is an error, so a
// language file cannot silently shadow the common one.
func withCommon(name string, lex, common lexicon) (lexicon, error) {
	out := make(lexicon, len(lex)+len(common))
	for k, e := range lex {
		out[k] = e
	}
	for k, e := range common {
		if _, dup := out[k]; dup {
			return nil, fmt.Errorf("%s: %q is also in common.txt", name, k)
		}
		e.cue = 0
		out[k] = e
	}
	return out, nil
}

// merge builds the table used when the language is unknown: every entry of
// both languages; where both define a word, the same sign keeps the stronger
// value and opposite signs cancel ("pain" is bread in French and hurts in
// English), and the structural roles (negator, contrast, head) are kept.
func merge(a, b lexicon) lexicon {
	out := make(lexicon, len(a)+len(b))
	for k, e := range a {
		out[k] = e
	}
	for k, e := range b {
		if old, ok := out[k]; ok {
			e = mergeEntry(old, e)
		}
		out[k] = e
	}
	return out
}

// mergeEntry reconciles one word both languages define.
func mergeEntry(x, y entry) entry {
	head := x.head || y.head
	var e entry
	switch {
	case x.kind == kindNeg || x.kind == kindBut || x.kind == kindMod:
		e = x
	case y.kind == kindNeg || y.kind == kindBut || y.kind == kindMod:
		e = y
	case x.val*y.val < 0:
		e = entry{kind: kindNone}
	case abs32(x.val) >= abs32(y.val):
		e = x
	default:
		e = y
	}
	e.head = head
	return e
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

// cueTable maps a folded word to its weight as evidence for French and for
// English. A word both files define is no evidence either way.
type cueTable map[string]cue

type cue struct{ fr, en float32 }

// buildCues keeps the cue weight of each single word that only one of the
// two language files holds.
func buildCues(fr, en lexicon) cueTable {
	t := cueTable{}
	for k, e := range fr {
		if _, both := en[k]; !both && e.cue > 0 && !strings.Contains(k, " ") {
			t[k] = cue{fr: e.cue}
		}
	}
	for k, e := range en {
		if _, both := fr[k]; !both && e.cue > 0 && !strings.Contains(k, " ") {
			t[k] = cue{en: e.cue}
		}
	}
	return t
}
