package rules

import (
	"strings"
	"unicode/utf8"

	"cmdeck/core"
)

// doc is one item as the rules see it: the body's dictionary words with
// their positions, computed once when a rule first needs them and shared by
// every rule, and the item's fields folded on demand. One doc is reused for
// every item of a batch.
type doc struct {
	dict *dictionary
	item *Item
	fold folder

	bodyDone bool
	bits     []uint64  // dictionary ids present in the body
	pos      [][]int32 // positions of each present id, ascending
	touched  []int32   // ids to clear for the next item
	ntok     int32     // tokens seen so far while tokenizing

	authorDone bool
	authorBuf  []byte // folded tokens of the author's name and handle, end to end
	authorEnd  []int  // where each token ends in authorBuf
	fieldDone  [numFields]bool
	fieldVal   [numFields]string

	onAuthor func([]byte) // bound once: no closure per call
}

func newDoc(dict *dictionary) *doc {
	d := &doc{
		dict: dict,
		bits: make([]uint64, (dict.size+63)/64),
		pos:  make([][]int32, dict.size),
	}
	d.onAuthor = d.appendAuthor
	return d
}

// reset points the doc at the next item, forgetting the previous one.
func (d *doc) reset(it *Item) {
	for _, id := range d.touched {
		d.bits[id/64] = 0
		d.pos[id] = d.pos[id][:0]
	}
	d.touched = d.touched[:0]
	d.item, d.bodyDone, d.authorDone, d.ntok = it, false, false, 0
	d.fieldDone = [numFields]bool{}
}

// body tokenizes the item's body the first time a rule asks.
func (d *doc) body() {
	if d.bodyDone {
		return
	}
	d.bodyDone = true
	if d.dict.size == 0 {
		return
	}
	s := d.item.Body
	for i := 0; i < len(s); {
		var tok []byte
		if tok, i = d.fold.next(s, i); len(tok) > 0 {
			d.token(tok, d.fold.hash)
		}
	}
}

// token records the dictionary words tok is: its exact form, and each
// prefix it starts with.
func (d *doc) token(tok []byte, hash uint64) {
	if id, ok := d.dict.exactID(tok, hash); ok {
		d.hit(id)
	}
	for _, p := range d.dict.byFirst[tok[0]] {
		if len(tok) >= len(p.text) && string(tok[:len(p.text)]) == p.text {
			d.hit(p.id)
		}
	}
	d.ntok++
}

func (d *doc) hit(id int32) {
	if len(d.pos[id]) == 0 {
		d.touched = append(d.touched, id)
		d.bits[id/64] |= 1 << (id % 64)
	}
	d.pos[id] = append(d.pos[id], d.ntok)
}

// has reports whether the body holds the word numbered id.
func (d *doc) has(id int32) bool {
	d.body()
	return d.bits[id/64]&(1<<(id%64)) != 0
}

// holdsAny reports whether the body holds one of the words of mask.
func (d *doc) holdsAny(mask []uint64) bool {
	d.body()
	for i := range min(len(mask), len(d.bits)) {
		if d.bits[i]&mask[i] != 0 {
			return true
		}
	}
	return false
}

// positions is where the word numbered id stands in the body.
func (d *doc) positions(id int32) []int32 {
	d.body()
	return d.pos[id]
}

// authorWords is how many folded words the author's name and handle have.
func (d *doc) authorWords() int {
	if !d.authorDone {
		d.authorDone = true
		d.authorBuf, d.authorEnd = d.authorBuf[:0], d.authorEnd[:0]
		d.fold.each(d.item.AuthorName, d.onAuthor)
		d.fold.each(d.item.Handle, d.onAuthor)
	}
	return len(d.authorEnd)
}

// authorWord is the author's i-th folded word, valid until the next item.
func (d *doc) authorWord(i int) []byte {
	start := 0
	if i > 0 {
		start = d.authorEnd[i-1]
	}
	return d.authorBuf[start:d.authorEnd[i]]
}

func (d *doc) appendAuthor(tok []byte) {
	d.authorBuf = append(d.authorBuf, tok...)
	d.authorEnd = append(d.authorEnd, len(d.authorBuf))
}

// field is the folded value of one of the item's one-word fields.
func (d *doc) field(f field) string {
	if !d.fieldDone[f] {
		d.fieldDone[f] = true
		d.fieldVal[f] = foldField(f, d.item)
	}
	return d.fieldVal[f]
}

// foldField folds a field's value; a handle loses its leading "@".
func foldField(f field, it *Item) string {
	switch f {
	case fieldHandle:
		return normHandle(it.Handle)
	case fieldNetwork:
		return fold(it.Network)
	case fieldKind:
		return fold(string(it.Kind))
	case fieldLang:
		return fold(it.Lang)
	case fieldClient:
		return fold(it.Client)
	}
	return ""
}

// normHandle is a handle folded, without spaces or its leading "@"s, so
// "@Chef", "chef" and " @chef" are one author.
func normHandle(h string) string {
	return strings.TrimLeft(fold(strings.TrimSpace(h)), "@")
}

// fold is core.Fold without its allocation for the usual field value:
// slugs, kinds and languages are lower-case ASCII already.
func fold(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || (c >= 'A' && c <= 'Z') {
			return core.Fold(s)
		}
	}
	return s
}
