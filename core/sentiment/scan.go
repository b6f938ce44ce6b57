package sentiment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"cmdeck/core"
)

// maxWord is the longest folded word the scanner keeps, in bytes; longer
// runs of letters (keyboard mashing, base64) are skipped as unknown.
const maxWord = 40

// tokKind says what the scanner found.
type tokKind uint8

const (
	tokEnd    tokKind = iota
	tokWord           // folded word in text
	tokSymbol         // emoji or emoticon, its bytes in text
	tokBreak          // , . ; : … or a line break: the end of a clause
	tokPunct          // a run of ! and ?, counted in excl and quest
	tokRating         // "4/5", "10/10": rating holds -1 … +1
)

// token is one unit of text. It holds no pointer (the word itself stays in
// the scanner's buffer, see text) so that scanning never allocates.
type token struct {
	size      int // bytes of the folded word or symbol in the scanner's buffer
	kind      tokKind
	caps      bool // a word of two letters or more, all capitals: shouting
	elongated bool // a letter repeated three times or more ("nuuuul")
	accented  bool // a French accent or ligature was folded away
	long      bool // longer than maxWord: its text is empty
	excl      int
	quest     int
	rating    float64
}

// scanner walks a text once, without allocating: words are folded (lower
// case, accents stripped, runs of a letter cut to two) into buf, French
// elisions ("c'est", "n'a") come out as two words, URLs and @mentions are
// skipped, hashtags read as words.
type scanner struct {
	s   string
	i   int
	buf [maxWord]byte
}

func newScanner(s string) scanner { return scanner{s: s} }

// text is the folded word or the symbol of the last token; it is valid
// until the next call to next.
func (sc *scanner) text(t *token) []byte { return sc.buf[:t.size] }

// next fills t with the next token; it returns false at the end.
func (sc *scanner) next(t *token) bool {
	*t = token{}
	for sc.i < len(sc.s) {
		c := sc.s[sc.i]
		if c < utf8.RuneSelf {
			if sc.ascii(c, t) {
				return true
			}
			continue
		}
		if sc.nonASCII(t) {
			return true
		}
	}
	t.kind = tokEnd
	return false
}

// ascii handles one ASCII byte at sc.i; it reports whether t was filled.
func (sc *scanner) ascii(c byte, t *token) bool {
	switch {
	case isASCIILetter(c) || c >= '0' && c <= '9':
		if (c|0x20 == 'h' || c|0x20 == 'w') && sc.skipURL() {
			return false
		}
		if c <= '9' && sc.rating(t) {
			return true
		}
		return sc.word(t)
	case c == '@':
		sc.skipMention()
		return false
	case c == '!' || c == '?':
		sc.punct(t)
		return true
	case c == ':' || c == ';' || c == '=' || c == '<' || c == '^' || c == '>' || c == '-':
		if sc.emoticon(t) {
			return true
		}
	}
	sc.i++
	if c == ',' || c == '.' || c == ';' || c == ':' || c == '\n' {
		t.kind = tokBreak
		return true
	}
	return false
}

// nonASCII handles the rune at sc.i: a letter starts a word, an emoji is a
// symbol, a few punctuation marks break or punctuate, the rest is skipped.
func (sc *scanner) nonASCII(t *token) bool {
	r, n := utf8.DecodeRuneInString(sc.s[sc.i:])
	switch {
	case isApostrophe(r): // before letters: 'ʼ' is a letter (Lm) to unicode
		sc.i += n
		return false
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return sc.word(t)
	case r == '…':
		sc.i += n
		t.kind = tokBreak
		return true
	case r == '‼' || r == '⁉':
		sc.punct(t)
		return true
	case unicode.IsSpace(r) || isEmojiGlue(r) || r == utf8.RuneError:
		sc.i += n
		return false
	}
	sc.symbol(t, sc.s[sc.i:sc.i+n])
	return true
}

// symbol makes t an emoji or emoticon token, copying its bytes into buf
// (emoji are at most 4 bytes, emoticons 3) so nothing is allocated.
func (sc *scanner) symbol(t *token, s string) {
	t.kind = tokSymbol
	t.size = copy(sc.buf[:], s)
	sc.i += len(s)
}

// isEmojiGlue reports the invisible parts of emoji sequences: variation
// selectors, the zero width joiner and skin tone modifiers.
func isEmojiGlue(r rune) bool {
	return r == 0xFE0F || r == 0xFE0E || r == 0x200D || r >= 0x1F3FB && r <= 0x1F3FF
}

// isFrenchAccent reports the accented letters of French spelling, which
// are evidence for French in Detect (German or Spanish ones are not).
func isFrenchAccent(r rune) bool {
	switch r {
	case 'é', 'è', 'ê', 'ë', 'à', 'â', 'ç', 'ù', 'û', 'î', 'ï', 'ô', 'œ':
		return true
	}
	return false
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' || r == '‘' }

// elisions are the French words that lose their vowel before another word;
// "c'est" is read as "c'" then "est", so "n'" can negate what follows.
var elisions = [...]string{"c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu"}

func isElision(w []byte) bool {
	for _, e := range elisions {
		if string(w) == e {
			return true
		}
	}
	return false
}

// word reads letters, digits and inner apostrophes from sc.i into t. It
// is called on a letter or a digit, so it always consumes something.
func (sc *scanner) word(t *token) bool {
	var f folder
	for sc.i < len(sc.s) {
		r, size := utf8.DecodeRuneInString(sc.s[sc.i:])
		if isApostrophe(r) {
			if !sc.letterAt(sc.i + size) {
				break
			}
			if isElision(sc.buf[:f.n]) {
				sc.i += size
				f.n += copy(sc.buf[f.n:], "'")
				break
			}
		} else if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
			break
		}
		sc.i += size
		f.add(&sc.buf, r)
	}
	f.fill(t)
	return true
}

// folder folds the runes of one word into the scanner's buffer, noting
// case, accents and elongation on the way.
type folder struct {
	n, upper, lower, run int
	last                 rune
	accented, elongated  bool
	long                 bool
}

// add folds r (lower case, accents off, ligatures split) and appends it,
// except a third identical letter in a row ("nuuul" → "nuul").
func (f *folder) add(buf *[maxWord]byte, r rune) {
	switch {
	case unicode.IsUpper(r):
		f.upper++
	case unicode.IsLower(r):
		f.lower++
	}
	if r >= utf8.RuneSelf && isFrenchAccent(unicode.ToLower(r)) {
		f.accented = true
	}
	var rbuf [4]rune
	for _, c := range core.AppendFold(rbuf[:0], r) {
		if c == f.last {
			f.run++
		} else {
			f.last, f.run = c, 1
		}
		switch {
		case f.run >= 3:
			f.elongated = true
		case f.n+utf8.RuneLen(c) > len(buf):
			f.long = true
		default:
			f.n += utf8.EncodeRune(buf[f.n:], c)
		}
	}
}

// fill makes t the word token folded so far; a word longer than the buffer
// comes out empty, so it matches nothing.
func (f *folder) fill(t *token) {
	*t = token{kind: tokWord, accented: f.accented, elongated: f.elongated, long: f.long}
	if !f.long {
		t.size = f.n
		t.caps = f.upper >= 2 && f.lower == 0
	}
}

// letterAt reports whether a letter starts at byte i.
func (sc *scanner) letterAt(i int) bool {
	if i >= len(sc.s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(sc.s[i:])
	return unicode.IsLetter(r)
}

// skipURL skips a URL starting at sc.i: its words say nothing about the
// writer's mood ("/bad-request-fix") and its ":/" is no emoticon.
func (sc *scanner) skipURL() bool {
	rest := sc.s[sc.i:]
	if !hasPrefixFold(rest, "http://") && !hasPrefixFold(rest, "https://") && !hasPrefixFold(rest, "www.") {
		return false
	}
	sc.skipToSpace()
	return true
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// skipMention skips "@name" or "@name@server": a handle like @sadboy or
// @BestBakery is not an opinion.
func (sc *scanner) skipMention() {
	sc.i++
	for sc.i < len(sc.s) {
		c := sc.s[sc.i]
		if !(isASCIILetter(c) || c >= '0' && c <= '9' || c == '_' || c == '@' || c == '.' && sc.i+1 < len(sc.s) && isASCIILetter(sc.s[sc.i+1])) {
			return
		}
		sc.i++
	}
}

func (sc *scanner) skipToSpace() {
	for sc.i < len(sc.s) {
		r, n := utf8.DecodeRuneInString(sc.s[sc.i:])
		if unicode.IsSpace(r) {
			return
		}
		sc.i += n
	}
}

// punct reads a run of ! and ? (and ‼ ⁉), counting each.
func (sc *scanner) punct(t *token) {
	t.kind = tokPunct
	for sc.i < len(sc.s) {
		r, n := utf8.DecodeRuneInString(sc.s[sc.i:])
		switch r {
		case '!':
			t.excl++
		case '?':
			t.quest++
		case '‼':
			t.excl += 2
		case '⁉':
			t.excl++
			t.quest++
		case ' ', '\u00a0', '\u202f':
			// "Quoi ? !" is still one run
		default:
			return
		}
		sc.i += n
	}
}

// emoticons are matched longest first, on the raw text (":D" is not ":d").
var emoticons = [...]string{
	">:(", ":'(", ":-)", ":-(", ":-D", ":-/", ":-P", ";-)", "^_^", "-_-",
	":)", ":(", ":D", ":/", ":P", ":p", ":|", ";)", "=)", "=(", "<3", "^^", ":o", ":O",
}

// emoticon matches an emoticon at sc.i. One ending in a letter must not be
// followed by another letter (":Paris"), "<3" not by a digit ("<30 min").
func (sc *scanner) emoticon(t *token) bool {
	rest := sc.s[sc.i:]
	for _, e := range emoticons {
		if !strings.HasPrefix(rest, e) {
			continue
		}
		end := sc.i + len(e)
		if end < len(sc.s) {
			next := sc.s[end]
			if isASCIILetter(e[len(e)-1]) && isASCIILetter(next) || e == "<3" && next >= '0' && next <= '9' {
				return false
			}
		}
		sc.symbol(t, e)
		return true
	}
	return false
}

// rating reads "a/b" where b is a usual scale (5, 10, 20, 100) and a ≤ b,
// mapping it to -1 … +1 around the middle of the scale.
func (sc *scanner) rating(t *token) bool {
	a, i := readInt(sc.s, sc.i)
	if i >= len(sc.s) || sc.s[i] != '/' {
		return false
	}
	b, j := readInt(sc.s, i+1)
	if j == i+1 || a > b || (b != 5 && b != 10 && b != 20 && b != 100) {
		return false
	}
	if j < len(sc.s) && (isASCIILetter(sc.s[j]) || sc.s[j] >= '0' && sc.s[j] <= '9') {
		return false
	}
	sc.i = j
	t.kind = tokRating
	t.rating = 2*float64(a)/float64(b) - 1
	return true
}

// readInt reads at most four digits at i; it returns the value and the index
// after them (i itself when there are none).
func readInt(s string, i int) (int, int) {
	v, j := 0, i
	for j < len(s) && j-i < 4 && s[j] >= '0' && s[j] <= '9' {
		v = v*10 + int(s[j]-'0')
		j++
	}
	return v, j
}
