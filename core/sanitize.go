package core

import (
	"unicode"
	"unicode/utf8"
)

// Every text that comes from a network is hostile: it may carry terminal
// escape sequences (clipboard writes, title changes, cursor moves), control
// bytes, bidi overrides that reverse what the CM reads, invisible characters
// that hide words from rules, or simply megabytes of text. Sanitize and
// SanitizeLine are the one gate such text goes through before it is stored
// or drawn, so the rest of cmdeck can treat strings as plain printable text.
//
// Decisions, so callers know what to expect:
//   - Invalid UTF-8: each run of invalid bytes becomes one U+FFFD. A raw
//     byte 0x80–0x9F is invalid UTF-8 like any other, so it is replaced and
//     never read as an 8-bit control: the terminal cannot see it anyway, and
//     in Windows-1252 text (common in French) 0x92 is ’ and 0x9C is œ, which
//     must not start a sequence that swallows the rest of the body.
//   - C1 controls written as UTF-8 (U+0080–U+009F) are controls: U+009B
//     starts a CSI, U+009D an OSC, U+0090/0098/009E/009F a DCS/SOS/PM/APC
//     string; all of them are removed with their payload.
//   - OSC ends at BEL or ST (ESC \ or U+009C); DCS, SOS, PM and APC at ST
//     only, as in xterm. Any of them also ends at CAN, SUB, or an ESC or C1
//     that starts another sequence; unterminated, it runs to the end.
//   - Kept invisible characters: ZWJ U+200D (emoji sequences) and ZWNJ
//     U+200C (Persian, Indic scripts). Dropped: zero width space U+200B,
//     soft hyphen U+00AD, word joiner and invisible operators U+2060–U+206F,
//     BOM U+FEFF, U+180E, Hangul fillers, interlinear annotation marks,
//     noncharacters, and tag characters U+E0000–U+E007F except inside an
//     emoji tag flag (🏴 + tag letters/digits + cancel tag, e.g. Scotland).
//   - U+2028 and U+2029 (line/paragraph separators) become "\n"; "\r\n"
//     and a lone "\r" become "\n"; U+0085 (NEL) is a C1 control, dropped.

// Length limits, in bytes of UTF-8. A cut happens on a rune boundary and
// ends with Ellipsis, which counts toward the limit.
const (
	MaxBodyBytes = 64 << 10 // Sanitize: message bodies
	MaxLineBytes = 512      // SanitizeLine: names, handles, ids, tags
	MaxURLBytes  = 2048     // SanitizeURL: longer URLs are dropped, not cut
	Ellipsis     = "…"
)

// maxNewlines is the longest run of line breaks kept: two blank lines.
const maxNewlines = 3

// Sanitize makes a multi-line untrusted text safe to store and draw: no
// control characters, escape sequences (with their payloads), bidi controls
// or hiding characters; "\r\n" → "\n"; no trailing spaces on any line; no
// more than two blank lines in a row; no leading or trailing blank space;
// at most MaxBodyBytes. A text that is already clean is returned as is,
// without allocating. Sanitize(Sanitize(s)) == Sanitize(s).
func Sanitize(s string) string {
	out, _ := sanitize(s, MaxBodyBytes)
	return out
}

// SanitizeLine is Sanitize for one-line fields (names, handles, titles, ids,
// tags): line breaks and tabs become spaces, a run of spaces becomes one
// (a single other space, such as the no-break space French puts before
// "!", is kept), and the result is at most MaxLineBytes.
func SanitizeLine(s string) string {
	out, _ := sanitizeLine(s, MaxLineBytes)
	return out
}

// SanitizeURL is SanitizeLine for links, with room for MaxURLBytes. A longer
// link is dropped ("") rather than cut: a cut link opens the wrong page.
func SanitizeURL(s string) string {
	out, cut := sanitizeLine(s, MaxURLBytes)
	if cut {
		return ""
	}
	return out
}

// sanitize returns s sanitized and whether it had to be cut to limit.
func sanitize(s string, limit int) (string, bool) {
	if isClean(s, limit) {
		return s, false
	}
	return sanitizeFull(s, limit)
}

// sanitizeFull is the full pass, for text the fast path found dirty.
func sanitizeFull(s string, limit int) (string, bool) {
	w := newTextWriter(min(len(s), limit+2*utf8.UTFMax), limit)
	for i := 0; i < len(s) && !w.truncated; {
		i = w.step(s, i)
	}
	return w.finish(), w.truncated
}

// sanitizeLine returns s sanitized as one line and whether it was cut.
func sanitizeLine(s string, limit int) (string, bool) {
	s, cut := sanitize(s, MaxBodyBytes)
	s = joinLine(s)
	if len(s) > limit {
		return cutText(s, limit), true
	}
	return s, cut
}

// joinLine turns a sanitized text into one line: a run of spaces, or a
// tab or line break, becomes one space. It copies only once something changes.
func joinLine(s string) string {
	var b []byte // nil until something changes
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		j := i + size
		if unicode.IsSpace(r) {
			for j < len(s) {
				r2, size2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsSpace(r2) {
					break
				}
				j += size2
			}
			if j > i+size || r == '\n' || r == '\t' {
				if b == nil {
					b = append(make([]byte, 0, len(s)), s[:i]...)
				}
				b, i = append(b, ' '), j
				continue
			}
		}
		if b != nil {
			b = append(b, s[i:j]...)
		}
		i = j
	}
	if b == nil {
		return s
	}
	return string(b)
}

// runeClass is what sanitizing does with one rune at or above U+0080.
type runeClass uint8

const (
	rcVisible runeClass = iota // kept
	rcSpace                    // horizontal space: kept inside a line, trimmed at its ends
	rcNewline                  // line break, written as "\n"
	rcDrop                     // removed
	rcC1                       // C1 control: removed, and may start a sequence
	rcTag                      // tag character: kept only inside a tag flag
	rcTagBase                  // 🏴, which may start a tag flag
)

const tagBase = 0x1F3F4 // 🏴 WAVING BLACK FLAG

// classify sorts a non-ASCII rune; ASCII is handled inline by the callers
// because it is the hot path.
func classify(r rune) runeClass {
	switch {
	case r <= 0x9F:
		return rcC1
	case r == 0x2028 || r == 0x2029:
		return rcNewline
	case isBidiControl(r) || isHiding(r) || isNonCharacter(r):
		return rcDrop
	case r >= 0xE0000 && r <= 0xE007F:
		return rcTag
	case r == tagBase:
		return rcTagBase
	case unicode.IsSpace(r):
		return rcSpace
	}
	return rcVisible
}

// isBidiControl reports the explicit direction controls: they make text
// display in another order than it is read (a "txt.exe" that shows as
// "exe.txt") and could reorder the rest of the screen line.
func isBidiControl(r rune) bool {
	return r == 0x061C || r == 0x200E || r == 0x200F ||
		(r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// isHiding reports invisible characters that can hide or split words (so a
// rule looking for "arnaque" misses "arn\u200baque") without being needed
// by any script. ZWJ and ZWNJ are needed, so they are not listed.
func isHiding(r rune) bool {
	return r == 0x00AD || r == 0x115F || r == 0x1160 || r == 0x180E || r == 0x200B ||
		r == 0x3164 || r == 0xFEFF || r == 0xFFA0 ||
		(r >= 0x2060 && r <= 0x206F) || // word joiner, invisible operators, deprecated format
		(r >= 0xFFF9 && r <= 0xFFFB) || // interlinear annotation
		(r >= 0x1BCA0 && r <= 0x1BCA3) || // shorthand format controls
		(r >= 0x1D173 && r <= 0x1D17A) // musical format controls
}

// isNonCharacter reports code points Unicode reserves for internal use;
// they have no glyph and terminals disagree on their width.
func isNonCharacter(r rune) bool {
	return (r >= 0xFDD0 && r <= 0xFDEF) || r&0xFFFE == 0xFFFE
}

// tagFlagLen returns the byte length of a valid emoji tag sequence tail
// starting at s[i] (just after a 🏴): 1 to 7 tag letters or digits and a
// cancel tag. It returns 0 when there is none, and the tags are dropped.
func tagFlagLen(s string, i int) int {
	j, n := i, 0
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		switch {
		case r == 0xE007F && n > 0:
			return j + size - i
		case n < 7 && ((r >= 0xE0030 && r <= 0xE0039) || (r >= 0xE0061 && r <= 0xE007A)):
			j += size
			n++
		default:
			return 0
		}
	}
	return 0
}

// isClean is the fast path: true when sanitizing s would return s itself.
// It must agree with textWriter exactly; FuzzSanitize checks that it does.
func isClean(s string, limit int) bool {
	if len(s) > limit {
		return false
	}
	started, space, newlines := false, false, 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			i++
			switch {
			case b == '\n':
				if !started || space || newlines == maxNewlines {
					return false
				}
				newlines++
			case b == ' ' || b == '\t':
				if !started {
					return false
				}
				space = true
			case b < 0x20 || b == 0x7F:
				return false
			default:
				started, space, newlines = true, false, 0
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return false
		}
		i += size
		switch classify(r) {
		case rcSpace:
			if !started {
				return false
			}
			space = true
		case rcTagBase:
			i += tagFlagLen(s, i)
			started, space, newlines = true, false, 0
		case rcVisible:
			started, space, newlines = true, false, 0
		default:
			return false
		}
	}
	return !space && newlines == 0
}

// textWriter builds a sanitized text in one pass. Line ends are trimmed and
// blank lines collapsed as it goes: horizontal space is written tentatively
// and taken back when the line ends, so nothing is buffered elsewhere.
type textWriter struct {
	out       []byte
	limit     int
	keep      int  // out[:keep] survives a line end: all but the line's trailing space
	end       int  // out[:end] survives the end of the text: up to the last visible rune
	newlines  int  // line breaks since the last visible rune
	overflow  bool // trailing space was too long to store: visible text after it means a cut
	truncated bool // the result is longer than limit: stop reading, cut
	bad       bool // the last input was an invalid byte, already shown as U+FFFD
}

func newTextWriter(capacity, limit int) *textWriter {
	return &textWriter{out: make([]byte, 0, capacity), limit: limit}
}

// step consumes the rune, control or escape sequence at s[i] and returns the
// index just after it.
func (w *textWriter) step(s string, i int) int {
	b := s[i]
	if b < utf8.RuneSelf {
		w.bad = false
		switch {
		case b == 0x1B:
			return skipEscape(s, i+1)
		case b == '\r':
			w.newline()
			if i+1 < len(s) && s[i+1] == '\n' {
				return i + 2
			}
		case b == '\n':
			w.newline()
		case b == ' ' || b == '\t':
			w.space(s[i : i+1])
		case b < 0x20 || b == 0x7F:
			// C0 control or DEL: dropped.
		default:
			w.visible(s[i : i+1])
		}
		return i + 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && size == 1 {
		if !w.bad {
			w.visible(string(utf8.RuneError))
		}
		w.bad = true
		return i + 1
	}
	w.bad = false
	switch classify(r) {
	case rcVisible:
		w.visible(s[i : i+size])
	case rcSpace:
		w.space(s[i : i+size])
	case rcNewline:
		w.newline()
	case rcC1:
		return skipC1(s, i+size, r)
	case rcTagBase:
		n := size + tagFlagLen(s, i+size)
		w.visible(s[i : i+n])
		return i + n
	}
	// rcDrop and a stray rcTag are dropped.
	return i + size
}

// visible writes text that stays.
func (w *textWriter) visible(p string) {
	if w.overflow {
		w.truncated = true
		return
	}
	w.out = append(w.out, p...)
	w.keep, w.end, w.newlines = len(w.out), len(w.out), 0
	if len(w.out) > w.limit {
		w.truncated = true
	}
}

// space writes horizontal space that stays only if visible text follows on
// the same line. A run too long to ever fit is not stored (10 MB of spaces
// must not become 10 MB of memory); overflow remembers it.
func (w *textWriter) space(p string) {
	if len(w.out) == 0 {
		return // leading space
	}
	if len(w.out)+len(p) > w.limit+utf8.UTFMax {
		w.overflow = true
		return
	}
	w.out = append(w.out, p...)
}

// newline ends a line: its trailing space goes, and at most maxNewlines
// breaks in a row are written.
func (w *textWriter) newline() {
	if len(w.out) == 0 {
		return // leading blank line
	}
	w.out, w.overflow = w.out[:w.keep], false
	if w.newlines < maxNewlines {
		w.out = append(w.out, '\n')
		w.keep = len(w.out)
	}
	w.newlines++
}

func (w *textWriter) finish() string {
	if w.truncated {
		return cutText(string(w.out), w.limit)
	}
	return string(w.out[:w.end])
}

// skipEscape skips the escape sequence whose ESC is just before s[j]: CSI
// and the string sequences by their own rules, any other by ECMA-48's
// shape (intermediates 0x20–0x2F, then one final byte 0x30–0x7E), which
// covers two-byte sequences such as ESC c (reset) and ESC 7 (save cursor).
// A lone ESC before anything else is simply dropped.
func skipEscape(s string, j int) int {
	if j >= len(s) {
		return j
	}
	switch s[j] {
	case '[':
		return skipCSI(s, j+1)
	case ']':
		return skipString(s, j+1, true)
	case 'P', 'X', '^', '_': // DCS, SOS, PM, APC
		return skipString(s, j+1, false)
	}
	for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2F {
		j++
	}
	if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7E {
		j++
	}
	return j
}

// skipC1 skips what follows the C1 control r, which ends just before s[j].
func skipC1(s string, j int, r rune) int {
	switch r {
	case 0x9B: // CSI
		return skipCSI(s, j)
	case 0x9D: // OSC
		return skipString(s, j, true)
	case 0x90, 0x98, 0x9E, 0x9F: // DCS, SOS, PM, APC
		return skipString(s, j, false)
	}
	return j
}

// skipCSI skips a control sequence's parameter and intermediate bytes and
// its final byte. Anything else (a control, a non-ASCII rune) ends it early
// and is read as ordinary input, so a broken CSI cannot swallow text.
func skipCSI(s string, j int) int {
	for j < len(s) && s[j] >= 0x20 && s[j] <= 0x3F {
		j++
	}
	if j < len(s) && s[j] >= 0x40 && s[j] <= 0x7E {
		j++
	}
	return j
}

// skipString skips the payload of an OSC, DCS, SOS, PM or APC. Like a
// terminal: BEL ends an OSC (only), CAN and SUB cancel any, and an ESC or a
// C1 control ends it and is read next as its own sequence. That covers ST:
// ESC \ is then a two-byte sequence and U+009C a lone C1, both dropped.
// Unterminated, the string runs to the end of the text.
func skipString(s string, j int, belEnds bool) int {
	for ; j < len(s); j++ {
		switch c := s[j]; {
		case c == 0x07 && belEnds, c == 0x18, c == 0x1A:
			return j + 1
		case c == 0x1B, c == 0xC2 && j+1 < len(s) && s[j+1] >= 0x80 && s[j+1] <= 0x9F:
			return j // ESC, or the UTF-8 lead byte of a C1 control
		}
	}
	return j
}

// cutText shortens s to at most limit bytes ending with Ellipsis. It cuts
// on a rune boundary, then drops what would dangle before the ellipsis:
// trailing space, a joiner, the tags of a half-cut flag.
func cutText(s string, limit int) string {
	n := max(0, min(len(s), limit-len(Ellipsis)))
	for n > 0 && n < len(s) && !utf8.RuneStart(s[n]) {
		n--
	}
	return trimTail(s[:n]) + Ellipsis
}

func trimTail(s string) string {
	for len(s) > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		if !unicode.IsSpace(r) && r != 0x200C && r != 0x200D && (r < 0xE0000 || r > 0xE007F) {
			break
		}
		s = s[:len(s)-size]
	}
	return s
}

// SanitizeItem sanitizes every text field of an item in place: the body as
// a text, everything else as one line. Tags left empty are removed.
func SanitizeItem(it *Item) {
	if it == nil {
		return
	}
	it.RemoteID = SanitizeLine(it.RemoteID)
	it.ParentRemoteID = SanitizeLine(it.ParentRemoteID)
	it.ThreadRemoteID = SanitizeLine(it.ThreadRemoteID)
	it.Body = Sanitize(it.Body)
	it.URL = SanitizeURL(it.URL)
	it.Lang = SanitizeLine(it.Lang)
	it.Author.Network = SanitizeLine(it.Author.Network)
	it.Author.RemoteID = SanitizeLine(it.Author.RemoteID)
	it.Author.Handle = SanitizeLine(it.Author.Handle)
	it.Author.Name = SanitizeLine(it.Author.Name)
	it.Tags = sanitizeTags(it.Tags)
}

// SanitizePost sanitizes every text field of a post in place.
func SanitizePost(p *Post) {
	if p == nil {
		return
	}
	p.RemoteID = SanitizeLine(p.RemoteID)
	p.Body = Sanitize(p.Body)
	p.URL = SanitizeURL(p.URL)
	p.Error = SanitizeLine(p.Error)
}

// SanitizeActionResult sanitizes what a network answered to an action.
func SanitizeActionResult(r *ActionResult) {
	if r == nil {
		return
	}
	r.RemoteID = SanitizeLine(r.RemoteID)
	r.URL = SanitizeURL(r.URL)
}

// SanitizeBatch sanitizes every item and post of a batch in place. The
// cursor is left alone: it is opaque and only goes back to its provider.
func SanitizeBatch(b *Batch) {
	if b == nil {
		return
	}
	for i := range b.Items {
		SanitizeItem(&b.Items[i])
	}
	for i := range b.Posts {
		SanitizePost(&b.Posts[i])
	}
}

// sanitizeTags sanitizes tags in place, dropping those left empty.
func sanitizeTags(tags []string) []string {
	kept := tags[:0]
	for _, t := range tags {
		if t = SanitizeLine(t); t != "" {
			kept = append(kept, t)
		}
	}
	clear(tags[len(kept):])
	return kept
}
