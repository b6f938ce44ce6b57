package rules

import (
	"unicode"
	"unicode/utf8"

	"cmdeck/core"
)

// folder splits text into folded tokens: runs of letters and digits,
// lowercased, accents stripped (core.AppendFold), everything else a
// separator. "L'ÉCLAIR au café!" gives l, eclair, au, cafe. It reuses its
// buffers, so tokenizing a batch allocates almost nothing.
type folder struct {
	tok   []byte
	hash  uint64 // FNV-1a of tok, built as it grows: the dictionary's key
	runes []rune
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fnv is the FNV-1a hash of b, as folder builds it.
func fnv(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

// asciiFold maps an ASCII letter or digit to its lower case, anything
// else to 0 (a separator).
var asciiFold = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			t[c] = byte(c)
		case c >= 'A' && c <= 'Z':
			t[c] = byte(c) + ('a' - 'A')
		}
	}
	return t
}()

// next returns the token starting at or after byte i of s, and where to
// look for the one after. The token is empty at the end of s; it is only
// valid until the next call.
func (f *folder) next(s string, i int) ([]byte, int) {
	// Locals, not fields, in the loop: the compiler keeps them in
	// registers.
	tok, h := f.tok[:0], uint64(fnvOffset)
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if lc := asciiFold[c]; lc != 0 {
				tok = append(tok, lc)
				h = (h ^ uint64(lc)) * fnvPrime
			} else if len(tok) > 0 {
				break
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n := len(tok)
		var ok bool
		if tok, ok = f.appendRune(tok, r); ok {
			for _, b := range tok[n:] {
				h = (h ^ uint64(b)) * fnvPrime
			}
		} else if len(tok) > 0 {
			break
		}
	}
	f.tok, f.hash = tok, h
	return tok, i
}

// appendRune appends the folded form of a non-ASCII letter or digit to tok
// and reports true; for anything else it reports false. A combining accent
// folds to nothing and keeps the token whole ("cre\u0300me").
func (f *folder) appendRune(tok []byte, r rune) ([]byte, bool) {
	if r < latinEnd {
		l := &latinFold[r]
		return append(tok, l.text[:l.n]...), l.word
	}
	f.runes = core.AppendFold(f.runes[:0], r)
	return appendFolded(tok, f.runes)
}

// appendFolded appends folded runes if they are all letters or digits.
func appendFolded(tok []byte, runes []rune) ([]byte, bool) {
	for _, fr := range runes {
		if !unicode.IsLetter(fr) && !unicode.IsDigit(fr) {
			return tok, false
		}
	}
	for _, fr := range runes {
		tok = utf8.AppendRune(tok, fr)
	}
	return tok, true
}

// latinEnd bounds latinFold: Latin-1, Latin Extended-A and B cover the
// accented letters of French and its neighbours, and the combining accents
// of decomposed text start at U+0300.
const latinEnd = 0x370

// folded is a rune's fold as UTF-8 bytes, and whether it continues a word.
type folded struct {
	text [8]byte
	n    uint8
	word bool
}

// latinFold caches core.AppendFold for the runes below latinEnd, the ones
// text is full of: one table read instead of Unicode table searches.
var latinFold = func() (t [latinEnd]folded) {
	for r := range rune(latinEnd) {
		text, ok := appendFolded(nil, core.AppendFold(nil, r))
		t[r].n = uint8(copy(t[r].text[:], text))
		t[r].word = ok
	}
	return t
}()

// each calls emit with every token of s, in order.
func (f *folder) each(s string, emit func(tok []byte)) {
	for i := 0; i < len(s); {
		var tok []byte
		if tok, i = f.next(s, i); len(tok) > 0 {
			emit(tok)
		}
	}
}

// tokens is the folded tokens of s as strings, for query words.
func tokens(s string) []string {
	var f folder
	var out []string
	f.each(s, func(t []byte) { out = append(out, string(t)) })
	return out
}
