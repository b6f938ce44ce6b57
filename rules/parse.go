package rules

import (
	"strconv"
	"strings"
	"unicode"

	"cmdeck/core"
)

// parser builds a query's tree from its tokens, numbering its body words
// in dict.
type parser struct {
	src  string
	toks []tok
	i    int
	dict *dictionary
}

// parse parses src into a tree whose words are numbered in dict. An empty
// query is an error: callers treat "no query" before calling.
func parse(src string, dict *dictionary) (node, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{src: src, toks: toks, dict: dict}
	if p.peek().kind == tEOF {
		return nil, p.errAt(p.peek(), "empty query", "write at least one word")
	}
	n, err := p.sequence()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, p.errAt(t, "unexpected "+strconv.Quote(t.text), `remove it or add the matching "("`)
	}
	return n, nil
}

func (p *parser) peek() tok { return p.toks[p.i] }
func (p *parser) take() tok {
	t := p.toks[p.i]
	p.i++
	return t
}

func (p *parser) errAt(t tok, msg, fix string) *ParseError {
	return &ParseError{Query: p.src, Pos: t.pos, Msg: msg, Fix: fix}
}

// sequence parses operands joined by AND, OR or juxtaposition (an implicit
// AND) up to ")" or the end. AND and OR may not be mixed at one level:
// "colis perdu OR cassé" reads both ways, so it must be written with
// parentheses. Saying so beats a silent precedence rule.
func (p *parser) sequence() (node, error) {
	first, err := p.unary()
	if err != nil {
		return nil, err
	}
	kids := []node{first}
	var joiner tokKind // tAnd or tOr once known
	for {
		t := p.peek()
		if t.kind == tEOF || t.kind == tRParen {
			break
		}
		op := tAnd
		if t.kind == tAnd || t.kind == tOr {
			op = p.take().kind
		}
		if joiner != 0 && op != joiner {
			return nil, p.errAt(t, "AND and OR mixed without parentheses",
				`group with parentheses: (colis perdu) OR cassé, or colis (perdu OR cassé)`)
		}
		joiner = op
		k, err := p.unary()
		if err != nil {
			return nil, err
		}
		kids = append(kids, k)
	}
	return join(joiner, kids), nil
}

func join(joiner tokKind, kids []node) node {
	switch {
	case len(kids) == 1:
		return kids[0]
	case joiner == tOr:
		return &orNode{kids: kids}
	}
	return &andNode{kids: kids}
}

// unary parses NOT x, -x, or a NEAR expression.
func (p *parser) unary() (node, error) {
	if p.peek().kind == tNot {
		p.take()
		k, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &notNode{kid: k}, nil
	}
	return p.near()
}

// near parses "a NEAR/n b", where a and b are words, phrases, or OR
// groups of them.
func (p *parser) near() (node, error) {
	left, err := p.primary()
	if err != nil || p.peek().kind != tNear {
		return left, err
	}
	op := p.take()
	right, err := p.primary()
	if err != nil {
		return nil, err
	}
	a, okA := nearOperand(left)
	b, okB := nearOperand(right)
	if !okA || !okB {
		return nil, p.errAt(op, "NEAR joins words, phrases or (a OR b) groups of them",
			`write e.g. retard NEAR/3 ("colis perdu" OR livraison)`)
	}
	if t := p.peek(); t.kind == tNear {
		return nil, p.errAt(t, "NEAR cannot be chained",
			"join two NEARs with AND: (a NEAR/3 b) AND (b NEAR/3 c)")
	}
	return &nearNode{a: a, b: b, n: int32(op.n)}, nil
}

// primary parses a word, a phrase, a field or a parenthesized group.
func (p *parser) primary() (node, error) {
	t := p.take()
	switch t.kind {
	case tWord:
		return p.words(t, []string{t.text})
	case tPhrase:
		return p.words(t, strings.FieldsFunc(t.text, unicode.IsSpace))
	case tField:
		return p.field(t)
	case tLParen:
		return p.group(t)
	case tEOF:
		p.i-- // keep EOF for the callers
		return nil, p.errAt(t, "the query ends too soon", "add a word after the last operator")
	}
	return nil, p.errAt(t, "expected a word, a phrase or \"(\", found "+strconv.Quote(t.text),
		"put a word before and after AND, OR and NEAR")
}

func (p *parser) group(open tok) (node, error) {
	if p.peek().kind == tRParen {
		return nil, p.errAt(open, "empty parentheses", "put a word inside or remove them")
	}
	n, err := p.sequence()
	if err != nil {
		return nil, err
	}
	if p.peek().kind != tRParen {
		return nil, p.errAt(open, `"(" is never closed`, `add ")"`)
	}
	p.take()
	return n, nil
}

// words turns the words of a term or phrase into a body node: one word is
// a term, several (or one the tokenizer splits, like "aujourd'hui") a
// phrase.
func (p *parser) words(t tok, words []string) (node, error) {
	elems, err := p.elems(t, words)
	if err != nil {
		return nil, err
	}
	ids := make([]int32, len(elems))
	for i, e := range elems {
		ids[i] = p.dict.id(e)
	}
	if len(elems) == 1 {
		return &termNode{id: ids[0], e: elems[0]}, nil
	}
	return &phraseNode{ids: ids, elems: elems}, nil
}

// elems folds and tokenizes words; a word ending in "*" makes its last
// token a prefix.
func (p *parser) elems(t tok, words []string) ([]elem, error) {
	var out []elem
	for _, w := range words {
		prefix := strings.HasSuffix(w, "*")
		w = strings.TrimSuffix(w, "*")
		if strings.Contains(w, "*") {
			return nil, p.errAt(t, `"*" inside `+strconv.Quote(w), `"*" only ends a word: rembours*`)
		}
		toks := tokens(w)
		if len(toks) == 0 {
			return nil, p.errAt(t, strconv.Quote(w)+" has no letter or digit to match",
				"search words, not punctuation or emoji")
		}
		for i, tk := range toks {
			out = append(out, elem{text: tk, prefix: prefix && i == len(toks)-1})
		}
		if last := out[len(out)-1]; last.prefix && len([]rune(last.text)) < minPrefix {
			return nil, p.errAt(t, "prefix "+strconv.Quote(last.text+"*")+" is too short",
				"give at least "+strconv.Itoa(minPrefix)+" letters before *")
		}
	}
	if len(out) == 0 {
		return nil, p.errAt(t, "empty phrase", "put words between the quotes or remove them")
	}
	return out, nil
}

// minPrefix keeps "a*" (every word starting with a) out of rules.
const minPrefix = 3

// field parses a field's value: the word or phrase after "name:".
func (p *parser) field(t tok) (node, error) {
	f := fieldNames[t.text]
	v := p.take() // the lexer always emits the value after a field
	if f == fieldAuthor {
		words := strings.FieldsFunc(v.text, unicode.IsSpace)
		elems, err := p.elems(v, words)
		if err != nil {
			return nil, err
		}
		return &authorNode{elems: elems}, nil
	}
	return p.value(f, v)
}

// value builds a whole-value field node, checking kinds against the list.
func (p *parser) value(f field, v tok) (node, error) {
	text := strings.TrimSpace(v.text)
	prefix := strings.HasSuffix(text, "*")
	text = core.Fold(strings.TrimSuffix(text, "*"))
	if f == fieldHandle {
		text = strings.TrimLeft(text, "@") // "@@chef" is chef too, and "@@" nothing
	}
	if text == "" || strings.Contains(text, "*") {
		return nil, p.errAt(v, "bad value "+strconv.Quote(v.text)+" for "+f.String()+":",
			`write a value, "*" only at its end`)
	}
	if f == fieldKind && !prefix && !knownKind(text) {
		return nil, p.errAt(v, "unknown kind "+strconv.Quote(text), "use one of "+kindList())
	}
	return &valueNode{f: f, value: text, prefix: prefix}, nil
}

func knownKind(k string) bool {
	for _, kind := range core.ItemKinds {
		if string(kind) == k {
			return true
		}
	}
	return false
}

func kindList() string {
	names := make([]string, len(core.ItemKinds))
	for i, k := range core.ItemKinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}
