package rules

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokKind int

const (
	tEOF tokKind = iota
	tWord
	tPhrase
	tField // text = field name; the value is the next token (word or phrase)
	tLParen
	tRParen
	tAnd
	tOr
	tNot // NOT or a leading "-"
	tNear
)

// tok is one lexeme of a query; pos is its byte offset.
type tok struct {
	kind tokKind
	text string
	n    int // NEAR distance
	pos  int
}

// closing maps each opening quote to its closing one: ASCII quotes, and the
// French and English typographic ones a CM pastes from a document.
var closing = map[rune]rune{'"': '"', '«': '»', '“': '”'}

// lex splits a query into tokens. Operators are upper case (AND, OR, NOT,
// NEAR/n) so the words "and", "or", "not" and "near" stay searchable.
func lex(src string) ([]tok, error) {
	l := lexer{src: src}
	for {
		l.skipSpace()
		if l.i >= len(src) {
			return append(l.out, tok{kind: tEOF, pos: l.i}), nil
		}
		if err := l.next(); err != nil {
			return nil, err
		}
	}
}

type lexer struct {
	src string
	i   int
	out []tok
}

func (l *lexer) skipSpace() {
	for l.i < len(l.src) {
		r, size := utf8.DecodeRuneInString(l.src[l.i:])
		if !unicode.IsSpace(r) {
			return
		}
		l.i += size
	}
}

func (l *lexer) emit(kind tokKind, text string, pos int) {
	l.out = append(l.out, tok{kind: kind, text: text, pos: pos})
}

// next lexes the token at l.i.
func (l *lexer) next() error {
	start := l.i
	r, size := utf8.DecodeRuneInString(l.src[l.i:])
	switch {
	case r == '(':
		l.i += size
		l.emit(tLParen, "(", start)
	case r == ')':
		l.i += size
		l.emit(tRParen, ")", start)
	case closing[r] != 0:
		return l.phrase()
	case r == '-':
		return l.minus()
	default:
		return l.word()
	}
	return nil
}

// minus is "-" glued to what it negates: "-pub", "-(a OR b)", `-"x y"`.
func (l *lexer) minus() error {
	start := l.i
	l.i++
	if l.i >= len(l.src) || l.atSpace() {
		return &ParseError{Query: l.src, Pos: start, Msg: `"-" alone`,
			Fix: `glue it to the word to exclude: -pub`}
	}
	l.emit(tNot, "-", start)
	return nil
}

func (l *lexer) atSpace() bool {
	r, _ := utf8.DecodeRuneInString(l.src[l.i:])
	return unicode.IsSpace(r)
}

// phrase lexes a quoted phrase, up to its closing quote.
func (l *lexer) phrase() error {
	start := l.i
	open, size := utf8.DecodeRuneInString(l.src[l.i:])
	end := strings.IndexRune(l.src[l.i+size:], closing[open])
	if end < 0 {
		return &ParseError{Query: l.src, Pos: start, Msg: "unclosed quote",
			Fix: "add the closing " + strconv.QuoteRune(closing[open])}
	}
	text := l.src[l.i+size : l.i+size+end]
	l.i += size + end + utf8.RuneLen(closing[open])
	l.emit(tPhrase, text, start)
	return nil
}

// word lexes a bare word, which may be an operator or a field prefix.
func (l *lexer) word() error {
	start := l.i
	for l.i < len(l.src) {
		r, size := utf8.DecodeRuneInString(l.src[l.i:])
		if unicode.IsSpace(r) || r == '(' || r == ')' || closing[r] != 0 {
			break
		}
		l.i += size
	}
	w := l.src[start:l.i]
	if op, ok := operators[w]; ok {
		l.emit(op, w, start)
		return nil
	}
	if w == "NEAR" || strings.HasPrefix(w, "NEAR/") {
		return l.near(w, start)
	}
	return l.fieldOrWord(w, start)
}

var operators = map[string]tokKind{"AND": tAnd, "OR": tOr, "NOT": tNot}

// near lexes NEAR/n.
func (l *lexer) near(w string, start int) error {
	n, err := strconv.Atoi(strings.TrimPrefix(w, "NEAR/"))
	if !strings.HasPrefix(w, "NEAR/") || err != nil || n < 1 || n > maxNear {
		return &ParseError{Query: l.src, Pos: start, Msg: "bad proximity operator " + strconv.Quote(w),
			Fix: "write NEAR/n with n from 1 to " + strconv.Itoa(maxNear) + `, e.g. retard NEAR/3 livraison`}
	}
	l.out = append(l.out, tok{kind: tNear, text: w, n: n, pos: start})
	return nil
}

// maxNear bounds NEAR/n: beyond a paragraph, AND says the same.
const maxNear = 50

// fieldOrWord splits "author:chef" into a field and its value. A prefix
// that is not a field name but reads like one (letters only) is an error,
// so a typo such as "auteur:chef" does not silently search for a phrase.
func (l *lexer) fieldOrWord(w string, start int) error {
	name, value, ok := strings.Cut(w, ":")
	if !ok || !isLetters(name) || strings.HasPrefix(value, "//") { // 10:30, https://…
		l.emit(tWord, w, start)
		return nil
	}
	f, known := fieldNames[strings.ToLower(name)]
	if !known {
		return &ParseError{Query: l.src, Pos: start, Msg: "unknown field " + strconv.Quote(name+":"),
			Fix: "use one of " + fieldList() + `, or quote the text: "` + w + `"`}
	}
	l.out = append(l.out, tok{kind: tField, text: f.String(), pos: start})
	if value != "" {
		l.emit(tWord, value, start+len(name)+1)
		return nil
	}
	if l.i < len(l.src) {
		if r, _ := utf8.DecodeRuneInString(l.src[l.i:]); closing[r] != 0 {
			return l.phrase()
		}
	}
	return &ParseError{Query: l.src, Pos: start, Msg: name + ": has no value",
		Fix: "write the value right after the colon, e.g. " + name + `:value or ` + name + `:"two words"`}
}

func isLetters(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}
