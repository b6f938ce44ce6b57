package rules

import (
	"slices"
	"strconv"
	"strings"
)

// node is a parsed query. match is called with the item's doc; write
// renders the canonical query text (folded words, explicit operators).
type node interface {
	match(d *doc) bool
	write(b *strings.Builder)
	// positive reports whether the node can match by what an item holds,
	// not only by what it lacks ("-pub" cannot).
	positive() bool
	// need is body words of which an item must hold at least one for the
	// node to match; nil when there is no such set (negations, fields).
	need() []int32
}

// spanner is a body node NEAR can measure: a word or a phrase.
type spanner interface {
	node
	// spans calls yield with the first and last token position of each
	// occurrence, stopping when it returns true; it reports whether one did.
	spans(d *doc, yield func(first, last int32) bool) bool
}

type andNode struct{ kids []node }
type orNode struct{ kids []node }
type notNode struct{ kid node }

func (n *andNode) match(d *doc) bool {
	for _, k := range n.kids {
		if !k.match(d) {
			return false
		}
	}
	return true
}

func (n *orNode) match(d *doc) bool {
	for _, k := range n.kids {
		if k.match(d) {
			return true
		}
	}
	return false
}

func (n *notNode) match(d *doc) bool { return !n.kid.match(d) }

func (n *andNode) positive() bool { return slices.ContainsFunc(n.kids, node.positive) }
func (n *orNode) positive() bool {
	return !slices.ContainsFunc(n.kids, func(k node) bool { return !k.positive() })
}
func (n *notNode) positive() bool { return false }

// need of an AND is the smallest need of its kids: any one must hold.
func (n *andNode) need() []int32 {
	var best []int32
	for _, k := range n.kids {
		if kn := k.need(); kn != nil && (best == nil || len(kn) < len(best)) {
			best = kn
		}
	}
	return best
}

// need of an OR is all its kids' needs, if each kid has one.
func (n *orNode) need() []int32 { return unionNeed(n.kids) }

func unionNeed[N node](kids []N) []int32 {
	var all []int32
	for _, k := range kids {
		kn := k.need()
		if kn == nil {
			return nil
		}
		all = append(all, kn...)
	}
	return all
}

func (n *notNode) need() []int32 { return nil }

func (n *andNode) write(b *strings.Builder) { writeList(b, n.kids, " AND ") }
func (n *orNode) write(b *strings.Builder)  { writeList(b, n.kids, " OR ") }
func (n *notNode) write(b *strings.Builder) {
	b.WriteString("NOT ")
	writeOperand(b, n.kid)
}

func writeList(b *strings.Builder, kids []node, op string) {
	for i, k := range kids {
		if i > 0 {
			b.WriteString(op)
		}
		writeOperand(b, k)
	}
}

// writeOperand parenthesizes composite operands, so the canonical text
// never depends on precedence.
func writeOperand(b *strings.Builder, n node) {
	switch n.(type) {
	case *andNode, *orNode:
		b.WriteByte('(')
		n.write(b)
		b.WriteByte(')')
	default:
		n.write(b)
	}
}

// termNode is one body word, or a prefix ("rembours*").
type termNode struct {
	id int32
	e  elem
}

func (n *termNode) match(d *doc) bool { return d.has(n.id) }
func (n *termNode) positive() bool    { return true }
func (n *termNode) need() []int32     { return []int32{n.id} }
func (n *termNode) write(b *strings.Builder) {
	writeElems(b, []elem{n.e})
}

func (n *termNode) spans(d *doc, yield func(first, last int32) bool) bool {
	for _, p := range d.positions(n.id) {
		if yield(p, p) {
			return true
		}
	}
	return false
}

// phraseNode is consecutive body words: "crème brûlée", or a word the
// tokenizer splits ("aujourd'hui").
type phraseNode struct {
	ids   []int32
	elems []elem
}

func (n *phraseNode) match(d *doc) bool {
	return n.spans(d, func(int32, int32) bool { return true })
}

func (n *phraseNode) positive() bool { return true }
func (n *phraseNode) need() []int32  { return n.ids[:1] }
func (n *phraseNode) write(b *strings.Builder) {
	b.WriteByte('"')
	writeElems(b, n.elems)
	b.WriteByte('"')
}

func (n *phraseNode) spans(d *doc, yield func(first, last int32) bool) bool {
	for _, id := range n.ids {
		if !d.has(id) {
			return false
		}
	}
	last := int32(len(n.ids) - 1)
	for _, p := range d.positions(n.ids[0]) {
		if n.at(d, p) && yield(p, p+last) {
			return true
		}
	}
	return false
}

// at reports whether the phrase's words follow each other from position p.
func (n *phraseNode) at(d *doc, p int32) bool {
	for j := 1; j < len(n.ids); j++ {
		if _, ok := slices.BinarySearch(d.positions(n.ids[j]), p+int32(j)); !ok {
			return false
		}
	}
	return true
}

func writeElems(b *strings.Builder, elems []elem) {
	for i, e := range elems {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(e.text)
		if e.prefix {
			b.WriteByte('*')
		}
	}
}

// nearNode is two words or phrases at most n words apart, in either order:
// "prix NEAR/2 élevé" matches "prix élevé" and "prix très élevé".
type nearNode struct {
	a, b spanner
	n    int32
}

func (n *nearNode) positive() bool { return true }
func (n *nearNode) need() []int32  { return n.a.need() }
func (n *nearNode) write(b *strings.Builder) {
	n.a.write(b)
	b.WriteString(" NEAR/" + strconv.Itoa(int(n.n)) + " ")
	n.b.write(b)
}

func (n *nearNode) match(d *doc) bool {
	if !n.a.match(d) || !n.b.match(d) {
		return false
	}
	return n.a.spans(d, func(af, al int32) bool {
		return n.b.spans(d, func(bf, bl int32) bool {
			return (al < bf && bf-al <= n.n) || (bl < af && af-bl <= n.n)
		})
	})
}

// anyNode is an OR of words and phrases as a NEAR operand:
// "prix NEAR/2 (cher OR élevé)". Its occurrences are all of theirs.
type anyNode struct{ kids []spanner }

func (n *anyNode) match(d *doc) bool {
	for _, k := range n.kids {
		if k.match(d) {
			return true
		}
	}
	return false
}

func (n *anyNode) positive() bool { return true }
func (n *anyNode) need() []int32  { return unionNeed(n.kids) }
func (n *anyNode) write(b *strings.Builder) {
	b.WriteByte('(')
	for i, k := range n.kids {
		if i > 0 {
			b.WriteString(" OR ")
		}
		k.write(b)
	}
	b.WriteByte(')')
}

func (n *anyNode) spans(d *doc, yield func(first, last int32) bool) bool {
	for _, k := range n.kids {
		if k.spans(d, yield) {
			return true
		}
	}
	return false
}

// nearOperand is n as a NEAR operand: a word, a phrase, or an OR of them.
func nearOperand(n node) (spanner, bool) {
	switch n := n.(type) {
	case *termNode, *phraseNode:
		return n.(spanner), true
	case *orNode:
		kids := make([]spanner, len(n.kids))
		for i, k := range n.kids {
			s, ok := nearOperand(k)
			if !ok {
				return nil, false
			}
			kids[i] = s
		}
		return &anyNode{kids: kids}, true
	}
	return nil, false
}
