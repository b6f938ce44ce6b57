package email

import (
	"html"
	"strings"
)

// HTMLToText turns an HTML mail body into readable text: block elements and
// <br> become line breaks, links keep their text, script/style/head are
// dropped, entities are decoded. Malformed markup degrades to its text; it
// never fails.
func HTMLToText(s string) string {
	if len(s) > maxTextBytes {
		s = s[:maxTextBytes]
	}
	var b strings.Builder
	skip := "" // inside <script>, <style> or <head>: the closing tag name
	for i := 0; i < len(s); {
		if s[i] != '<' {
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				j = len(s) - i
			}
			if skip == "" {
				b.WriteString(collapseSpace(s[i : i+j]))
			}
			i += j
			continue
		}
		if strings.HasPrefix(s[i:], "<!--") {
			end := strings.Index(s[i:], "-->")
			if end < 0 {
				break
			}
			i += end + 3
			continue
		}
		end := strings.IndexByte(s[i:], '>')
		if end < 0 {
			break // an unclosed tag: drop the rest of it
		}
		name, closing := tagName(s[i+1 : i+end])
		i += end + 1
		if skip != "" {
			if closing && name == skip {
				skip = ""
			}
			continue
		}
		switch name {
		case "script", "style", "head", "title":
			if !closing {
				skip = name
			}
		case "br":
			b.WriteString("\n")
		case "li", "tr", "div":
			if !closing {
				b.WriteString("\n")
			}
		case "p", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol":
			// Paragraph-like blocks end with a blank line.
			if closing {
				b.WriteString("\n\n")
			} else {
				b.WriteString("\n")
			}
		}
	}
	return tidyLines(html.UnescapeString(b.String()))
}

func tagName(tag string) (string, bool) {
	tag = strings.TrimSpace(tag)
	closing := strings.HasPrefix(tag, "/")
	tag = strings.TrimPrefix(tag, "/")
	n := 0
	for n < len(tag) && !strings.ContainsRune(" \t\r\n/", rune(tag[n])) {
		n++
	}
	return strings.ToLower(tag[:n]), closing
}

// collapseSpace folds HTML source whitespace the way a browser shows it.
func collapseSpace(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		if s != "" {
			return " "
		}
		return ""
	}
	out := strings.Join(f, " ")
	if strings.IndexAny(s[:1], " \t\r\n") == 0 {
		out = " " + out
	}
	if strings.IndexAny(s[len(s)-1:], " \t\r\n") == 0 {
		out += " "
	}
	return out
}

// tidyLines trims each line and keeps at most one blank line in a row.
func tidyLines(s string) string {
	var out []string
	blank := false
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(strings.ReplaceAll(l, "\u00a0", " "))
		if l == "" {
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
