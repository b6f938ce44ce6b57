package rules

// elem is one word of a query after folding: an exact token, or a prefix
// when it ended with "*".
type elem struct {
	text   string
	prefix bool
}

// dictionary numbers every body word of a Set's queries, so matching an
// item is looking each of its tokens up once, whatever the number of rules.
// Words are added while queries are parsed; freeze then builds the table
// tokens are looked up in.
type dictionary struct {
	exact  map[string]int32
	prefix map[string]int32
	// table is exact as open addressing on the tokens' FNV-1a hash, which
	// the folder computes while it builds each token: no second pass over
	// the token and no map machinery on the hottest path.
	table []slot
	// byFirst holds the prefixes by their first byte: a token is only
	// compared with the prefixes that could match it.
	byFirst [256][]prefixEntry
	// shapes has bit min(len, 63) of shapes[b] set when an exact word
	// starts with byte b and has that length: most tokens of a text are
	// none of the rules' words, and this turns them away without hashing.
	shapes [256]uint64
	size   int32
}

type slot struct {
	word string // "" = empty: tokens are never empty
	id   int32
}

type prefixEntry struct {
	text string
	id   int32
}

func newDictionary() *dictionary {
	return &dictionary{exact: map[string]int32{}, prefix: map[string]int32{}}
}

// id numbers e, the same word always getting the same number.
func (d *dictionary) id(e elem) int32 {
	m := d.exact
	if e.prefix {
		m = d.prefix
	}
	if id, ok := m[e.text]; ok {
		return id
	}
	id := d.size
	d.size++
	m[e.text] = id
	if e.prefix {
		d.byFirst[e.text[0]] = append(d.byFirst[e.text[0]], prefixEntry{e.text, id})
	} else {
		d.shapes[e.text[0]] |= shapeBit(len(e.text))
	}
	return id
}

func shapeBit(n int) uint64 { return 1 << min(n, 63) }

// freeze builds the lookup table, at most half full.
func (d *dictionary) freeze() {
	size := 8
	for size < 2*len(d.exact) {
		size *= 2
	}
	d.table = make([]slot, size)
	for w, id := range d.exact {
		i := fnv([]byte(w)) & uint64(size-1)
		for d.table[i].word != "" {
			i = (i + 1) & uint64(size-1)
		}
		d.table[i] = slot{w, id}
	}
}

// exactID is the id of the word tok, if it is one. hash is fnv(tok).
func (d *dictionary) exactID(tok []byte, hash uint64) (int32, bool) {
	if d.shapes[tok[0]]&shapeBit(len(tok)) == 0 {
		return 0, false
	}
	return d.find(tok, hash)
}

// find looks tok up in the frozen table.
func (d *dictionary) find(tok []byte, hash uint64) (int32, bool) {
	mask := uint64(len(d.table) - 1)
	for i := hash & mask; d.table[i].word != ""; i = (i + 1) & mask {
		if d.table[i].word == string(tok) {
			return d.table[i].id, true
		}
	}
	return 0, false
}
