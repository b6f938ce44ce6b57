package rules

import "strings"

// Query is a parsed query. Matching is case- and accent-insensitive
// ("creme" finds "Crème", "oeuvre" finds "œuvre"), word by word: a word
// is a run of letters and digits, so "l'arnaque" holds "arnaque" and
// "#sansgluten" holds "sansgluten".
//
//	livraison retard          both words (AND is implicit)
//	livraison AND retard      the same
//	remboursement OR avoir    either word
//	NOT pub, -pub             not that word (also -"a b", -(a OR b))
//	"crème brûlée"            the words in this order (also «…» and “…”)
//	rembours*                 a word starting with rembours (3 letters at least)
//	retard NEAR/3 livraison   both, at most 3 words apart, in either order
//	prix NEAR/2 (cher OR "pas donné")  NEAR takes words, phrases and OR groups of them
//	(a OR b) c                parentheses group
//	author:dupont             a word of the author's name or handle
//	handle:@chef              that handle (chef@any.server; or chef@a.social exactly)
//	network:mastodon          the network, or one of its words (mastodon.social)
//	kind:review               comment, mention, dm, review, forum, reply
//	lang:fr                   the item's language (fr also matches fr-CA)
//	client:lesfournils        the client's slug (for rules shared by every client)
//
// Operators are upper case; "and", "or", "not" are ordinary words. AND and
// OR cannot be mixed at one level without parentheses: "a b OR c" is an
// error that says so, rather than a guess.
type Query struct {
	src  string
	root node
	dict *dictionary
	// mask is the bits of root.need(): an item whose body holds none of
	// these words cannot match, and is turned away without walking the
	// tree. nil when the query has no such words.
	mask []uint64
}

// ParseQuery parses a query on its own (a Set's queries are parsed by
// Compile). Errors are *ParseError, pointing at the column.
func ParseQuery(src string) (*Query, error) {
	q, err := parseQuery(src, newDictionary())
	if err != nil {
		return nil, err
	}
	q.dict.freeze()
	q.seal()
	return q, nil
}

func parseQuery(src string, dict *dictionary) (*Query, error) {
	root, err := parse(src, dict)
	if err != nil {
		return nil, err
	}
	return &Query{src: src, root: root, dict: dict}, nil
}

// seal builds the mask, once the dictionary has all its words.
func (q *Query) seal() {
	need := q.root.need()
	if need == nil {
		return
	}
	q.mask = make([]uint64, (q.dict.size+63)/64)
	for _, id := range need {
		q.mask[id/64] |= 1 << (id % 64)
	}
}

// Source is the query as written.
func (q *Query) Source() string { return q.src }

// String is the canonical form: folded words, explicit AND, parentheses
// around every group. Equal strings match the same items, so a store can
// key a cache on it.
func (q *Query) String() string {
	var b strings.Builder
	q.root.write(&b)
	return b.String()
}

// Match reports whether the query matches it. For many items, Matcher
// saves the per-call setup.
func (q *Query) Match(it Item) bool { return q.Matcher()(&it) }

// Matcher returns a function matching items one after the other, reusing
// its buffers. It is not safe for concurrent use; the Query is.
func (q *Query) Matcher() func(*Item) bool {
	d := newDoc(q.dict)
	return func(it *Item) bool {
		d.reset(it)
		return q.match(d)
	}
}

// match matches the doc's item; a nil Query matches everything.
func (q *Query) match(d *doc) bool {
	if q == nil {
		return true
	}
	if q.mask != nil && !d.holdsAny(q.mask) {
		return false
	}
	return q.root.match(d)
}
