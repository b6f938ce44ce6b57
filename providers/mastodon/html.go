package mastodon

import (
	"html"
	"strings"
)

// htmlToText turns a status's HTML content into plain text: paragraphs and
// <br> become newlines, tags are dropped (so mentions, hashtags and links keep
// their visible text), entities are decoded, and script/style bodies are
// dropped. It never fails: malformed markup degrades to its text.
func htmlToText(s string) string {
	var b strings.Builder
	skip := "" // inside <script> or <style>: the closing tag name
	for i := 0; i < len(s); {
		if s[i] != '<' {
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				j = len(s) - i
			}
			if skip == "" {
				b.WriteString(s[i : i+j])
			}
			i += j
			continue
		}
		end := strings.IndexByte(s[i:], '>')
		if end < 0 {
			// Unclosed tag: drop the rest of it.
			break
		}
		tag := s[i+1 : i+end]
		i += end + 1
		name, closing := tagName(tag)
		if skip != "" {
			if closing && name == skip {
				skip = ""
			}
			continue
		}
		switch name {
		case "script", "style":
			if !closing {
				skip = name
			}
		case "br":
			b.WriteString("\n")
		case "p", "div", "li", "blockquote", "pre":
			if closing {
				b.WriteString("\n\n")
			}
		}
	}
	text := html.UnescapeString(b.String())
	return tidy(text)
}

func tagName(tag string) (string, bool) {
	tag = strings.TrimSpace(tag)
	closing := strings.HasPrefix(tag, "/")
	tag = strings.TrimPrefix(tag, "/")
	n := 0
	for n < len(tag) {
		c := tag[n]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/' {
			break
		}
		n++
	}
	return strings.ToLower(tag[:n]), closing
}

// tidy trims trailing spaces on lines, collapses runs of blank lines, drops
// control characters except newline and tab, and trims the whole.
func tidy(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x202e || r == 0x202d {
			return -1
		}
		return r
	}, s)
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	blank := 0
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if strings.TrimSpace(l) == "" {
			blank++
			if blank > 1 {
				continue
			}
			l = ""
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}
