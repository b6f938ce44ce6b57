package rss

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// htmlToText turns the HTML of an entry (an RSS description, Atom content
// of type html, JSON Feed content_html) into plain text for the inbox:
//   - paragraphs, headings, quotes and lists become blank-line separated
//     blocks, <br> a line break, list items lines starting with "- ";
//   - whitespace collapses as a browser would, except inside <pre>;
//   - entities are decoded (the tokenizer does it, so "&lt;b&gt;" stays
//     the text "<b>" and never becomes a tag);
//   - script, style and other non-text elements are dropped with their
//     content;
//   - a link keeps its text and shows where it goes, "text (url)", or just
//     the URL when its text is empty or is the URL.
//
// It stops after about limit bytes of text: a 10 MB entry costs no more
// than a short one. It never fails: broken markup degrades to its text.
// The result still goes through core.Sanitize, which owns control
// characters and escape sequences.
func htmlToText(s string, limit int) string {
	c := converter{z: html.NewTokenizer(strings.NewReader(s)), w: textWriter{limit: limit}}
	c.run()
	return tidy(c.w.b.String())
}

// converter walks the tokens of one HTML fragment.
type converter struct {
	z    *html.Tokenizer
	w    textWriter
	skip string // inside a dropped element: the name that ends it
	pre  int    // depth of <pre>
	link *anchor
}

// anchor is the <a> being written: where its text starts and its target.
type anchor struct {
	start int
	href  string
}

// dropped are the elements whose content is not text for a reader.
var dropped = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "iframe": true,
	"object": true, "svg": true, "math": true, "head": true, "title": true, "textarea": true, "select": true,
}

// paragraphs are blocks separated by a blank line; lines are blocks that
// start on a line of their own.
var (
	paragraphs = map[string]bool{
		"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
		"blockquote": true, "pre": true, "ul": true, "ol": true, "dl": true, "table": true, "figure": true, "hr": true,
	}
	lines = map[string]bool{
		"div": true, "section": true, "article": true, "header": true, "footer": true, "aside": true,
		"tr": true, "dt": true, "dd": true, "figcaption": true, "details": true, "summary": true, "address": true,
	}
)

func (c *converter) run() {
	for !c.w.full() {
		switch c.z.Next() {
		case html.ErrorToken: // the end, or markup too broken to go on
			c.endLink()
			return
		case html.TextToken:
			if c.skip == "" {
				c.w.text(string(c.z.Text()), c.pre > 0)
			}
		case html.StartTagToken:
			c.start(c.tag(), false)
		case html.SelfClosingTagToken:
			c.start(c.tag(), true)
		case html.EndTagToken:
			c.end(c.tag())
		}
	}
}

// tag is the current tag's lower-case name.
func (c *converter) tag() string {
	name, _ := c.z.TagName()
	return string(name)
}

func (c *converter) start(name string, selfClosing bool) {
	if c.skip != "" {
		return
	}
	switch {
	case dropped[name]:
		if !selfClosing {
			c.skip = name
		}
	case name == "br":
		c.w.newlines(1)
	case name == "li":
		c.w.newlines(1)
		c.w.text("- ", true)
	case name == "pre":
		c.w.newlines(2)
		c.pre++
	case paragraphs[name]:
		c.w.newlines(2)
	case lines[name]:
		c.w.newlines(1)
	case name == "td" || name == "th":
		c.w.text(" ", false)
	case name == "a":
		c.endLink() // <a> does not nest: a new one closes the last
		if href := c.href(); href != "" && !selfClosing {
			c.link = &anchor{start: c.w.b.Len(), href: href}
		}
	}
}

func (c *converter) end(name string) {
	if c.skip != "" {
		if name == c.skip {
			c.skip = ""
		}
		return
	}
	switch {
	case name == "a":
		c.endLink()
	case name == "pre":
		c.pre = max(c.pre-1, 0)
		c.w.newlines(2)
	case paragraphs[name]:
		c.w.newlines(2)
	case lines[name] || name == "li":
		c.w.newlines(1)
	}
}

// href is the current <a>'s target when a reader can follow it: an
// absolute http(s) or mailto URL. Relative and javascript: links are
// dropped; their text stays.
func (c *converter) href() string {
	for {
		key, val, more := c.z.TagAttr()
		if string(key) == "href" {
			u, err := url.Parse(strings.TrimSpace(string(val)))
			if err != nil || !(u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "mailto") || (u.Scheme != "mailto" && u.Host == "") {
				return ""
			}
			u.User = nil
			return u.String()
		}
		if !more {
			return ""
		}
	}
}

// endLink shows where the open link goes, unless its text already says it.
func (c *converter) endLink() {
	l := c.link
	if l == nil {
		return
	}
	c.link = nil
	text := strings.TrimSpace(c.w.b.String()[min(l.start, c.w.b.Len()):])
	bare := strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(l.href, "mailto:"), "https://"), "http://")
	switch {
	case text == "":
		c.w.text(l.href, true)
	case text == l.href || text == bare || text == strings.TrimSuffix(bare, "/"):
	default:
		c.w.text(" ("+l.href+")", false)
	}
}

// textWriter accumulates text with HTML's whitespace rules: runs of
// spaces collapse, line breaks asked for are written only before the
// next text (so there are none at the start or the end), at most two.
type textWriter struct {
	b      strings.Builder
	limit  int
	space  bool // a space is due before the next text
	breaks int  // line breaks due before the next text
}

// full reports whether enough text was written.
func (w *textWriter) full() bool { return w.b.Len() >= w.limit }

// newlines asks for at least n line breaks before the next text.
func (w *textWriter) newlines(n int) { w.breaks = max(w.breaks, min(n, 2)) }

// text writes s; outside <pre> (pre false) its whitespace collapses.
func (w *textWriter) text(s string, pre bool) {
	for _, r := range s {
		if w.full() {
			return
		}
		if !pre && isHTMLSpace(r) {
			w.space = true
			continue
		}
		w.flush()
		w.b.WriteRune(r)
	}
}

// flush writes the line breaks or the space due before the next rune.
func (w *textWriter) flush() {
	switch {
	case w.b.Len() == 0:
	case w.breaks > 0:
		w.b.WriteString(strings.Repeat("\n", w.breaks))
	case w.space && !strings.HasSuffix(w.b.String(), "\n") && !strings.HasSuffix(w.b.String(), " "):
		w.b.WriteByte(' ')
	}
	w.breaks, w.space = 0, false
}

// isHTMLSpace is HTML's ASCII whitespace; a no-break space (French puts
// one before "!" and ":") is a character, not layout.
func isHTMLSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' }

// plainText tidies an entry text that is plain already (Atom type text,
// JSON Feed content_text and summary), cut to about limit bytes.
func plainText(s string, limit int) string {
	return tidy(cutBytes(s, limit))
}

// tidy trims the spaces ending each line and the blank lines around the
// whole, and collapses runs of blank lines into one.
func tidy(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	out := make([]string, 0, strings.Count(s, "\n")+1)
	blank := false
	for l := range strings.SplitSeq(s, "\n") {
		l = strings.TrimRight(l, " \t\r")
		if strings.TrimSpace(l) == "" {
			if !blank && len(out) > 0 {
				out = append(out, "")
			}
			blank = true
			continue
		}
		blank = false
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// cutBytes shortens s to at most n bytes without splitting a UTF-8 sequence.
func cutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
