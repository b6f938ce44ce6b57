package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// authorNode matches words of the author's name or handle: author:dupont,
// author:"marie dupont", author:dup*.
type authorNode struct{ elems []elem }

func (n *authorNode) positive() bool { return true }
func (n *authorNode) need() []int32  { return nil }
func (n *authorNode) write(b *strings.Builder) {
	b.WriteString("author:")
	if len(n.elems) > 1 {
		b.WriteByte('"')
		writeElems(b, n.elems)
		b.WriteByte('"')
		return
	}
	writeElems(b, n.elems)
}

func (n *authorNode) match(d *doc) bool {
	words := d.authorWords()
	for i := 0; i+len(n.elems) <= words; i++ {
		if n.at(d, i) {
			return true
		}
	}
	return false
}

// at reports whether the author's words from the i-th are the node's.
func (n *authorNode) at(d *doc, i int) bool {
	for j, e := range n.elems {
		if !e.matches(d.authorWord(i + j)) {
			return false
		}
	}
	return true
}

func (e elem) matches(word []byte) bool {
	if e.prefix {
		return len(word) >= len(e.text) && string(word[:len(e.text)]) == e.text
	}
	return string(word) == e.text
}

// valueNode matches a one-word field (handle, network, kind, lang,
// client) as a whole, folded; value* matches its start.
type valueNode struct {
	f      field
	value  string
	prefix bool
}

func (n *valueNode) positive() bool { return true }
func (n *valueNode) need() []int32  { return nil }
func (n *valueNode) write(b *strings.Builder) {
	b.WriteString(n.f.String() + ":" + n.value)
	if n.prefix {
		b.WriteByte('*')
	}
}

func (n *valueNode) match(d *doc) bool {
	v := d.field(n.f)
	if n.prefix {
		return strings.HasPrefix(v, n.value)
	}
	if v == n.value {
		return true
	}
	switch n.f {
	case fieldHandle:
		// "chef" is chef on any server; "chef@a.social" only there.
		local, _, found := strings.Cut(v, "@")
		return found && local == n.value
	case fieldNetwork:
		return containsWord(v, n.value)
	case fieldLang:
		return strings.HasPrefix(v, n.value+"-") || strings.HasPrefix(v, n.value+"_")
	}
	return false
}

// containsWord reports whether w is one of the words of the folded s
// ("mastodon" in "mastodon.social"): an occurrence not inside a longer
// word.
func containsWord(s, w string) bool {
	for from := 0; from <= len(s)-len(w); {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return false
		}
		start, end := from+i, from+i+len(w)
		if !wordByteBefore(s, start) && !wordByteAt(s, end) {
			return true
		}
		from = start + 1
	}
	return false
}

// wordByteBefore reports a letter or digit ending just before i.
func wordByteBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return i > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// wordByteAt reports a letter or digit starting at i.
func wordByteAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return i < len(s) && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
