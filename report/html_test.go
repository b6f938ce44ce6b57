package report

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

func renderHTML(t *testing.T, opts Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := HTML(&b, sampleReport(), opts); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// fetching are the attributes through which a page loads something.
var fetching = map[string]bool{"src": true, "href": true, "xlink:href": true, "srcset": true, "action": true,
	"formaction": true, "poster": true, "data": true, "background": true, "manifest": true, "ping": true}

// external reports whether a URL or CSS text would reach the network.
func external(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.Contains(s, "http:") || strings.Contains(s, "https:") || strings.HasPrefix(s, "//") ||
		strings.Contains(s, "@import") || strings.Contains(s, "url(")
}

// The page loads nothing: no attribute that fetches points outside, no
// element that loads, no CSS import or url(), and hostile text stays text.
func TestHTMLSelfContained(t *testing.T) {
	page := renderHTML(t, Options{CMName: "Léa Martin", Agency: "Agence Lumière", Lang: "fr"})
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var texts strings.Builder
	walk(doc, func(n *html.Node) {
		switch n.Type {
		case html.ElementNode:
			switch n.Data {
			case "script", "link", "img", "iframe", "object", "embed", "base", "image", "use", "video", "audio", "source":
				t.Errorf("element <%s> in the report", n.Data)
			case "style":
				if n.FirstChild != nil && external(n.FirstChild.Data) {
					t.Errorf("the style sheet imports or fetches: %.200q", n.FirstChild.Data)
				}
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				if a.Namespace != "" {
					key = a.Namespace + ":" + key
				}
				if (fetching[key] || key == "style") && external(a.Val) || strings.HasPrefix(key, "on") {
					t.Errorf("<%s %s=%q> reaches out", n.Data, a.Key, a.Val)
				}
			}
		case html.TextNode:
			texts.WriteString(n.Data)
		}
	})
	text := texts.String()
	for _, want := range []string{evilName, "Léa Martin · Agence Lumière", "PixelForge Studio", "Rapport mensuel", "octobre 2026"} {
		if !strings.Contains(text, want) {
			t.Errorf("the page does not read %q", want)
		}
	}
}

// walk calls fn on n and every node below it.
func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

// voids are the HTML elements without an end tag.
var voids = map[string]bool{"meta": true, "br": true, "hr": true, "img": true, "input": true, "link": true,
	"area": true, "base": true, "col": true, "embed": true, "source": true, "track": true, "wbr": true}

// The page is well formed: a doctype, every element closed in order, and
// the parts a reader expects, the written summary first.
func TestHTMLWellFormed(t *testing.T) {
	page := renderHTML(t, Options{Lang: "en", Generated: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)})
	if !strings.HasPrefix(page, "<!DOCTYPE html>\n<html lang=\"en\">") {
		t.Errorf("page starts %.60q", page)
	}
	z := html.NewTokenizer(strings.NewReader(page))
	var open []string
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				t.Fatal(z.Err())
			}
			break
		}
		name, _ := z.TagName()
		switch tt {
		case html.StartTagToken:
			if !voids[string(name)] {
				open = append(open, string(name))
			}
		case html.EndTagToken:
			if len(open) == 0 || open[len(open)-1] != string(name) {
				t.Fatalf("</%s> closes %v", name, open)
			}
			open = open[:len(open)-1]
		}
	}
	if len(open) != 0 {
		t.Errorf("left open: %v", open)
	}
	order := []string{"<h1>PixelForge Studio</h1>", "Generated on 2 November 2026", `class="summary"`, "Messages received rose by 20%",
		`class="kpis"`, "<svg viewBox", "Key figures", "Most active contributors"}
	at := 0
	for _, s := range order {
		i := strings.Index(page[at:], s)
		if i < 0 {
			t.Fatalf("%q missing or out of order", s)
		}
		at += i
	}
	for _, want := range []string{"--accent: #7C3AED", "@page { size: A4", "break-inside: avoid",
		"<td class=\"na\">not available</td>"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

// A color that is not a plain hex color never reaches the CSS.
func TestHTMLColor(t *testing.T) {
	page := renderHTML(t, Options{Color: "red; background: url(http://color.example/x)"})
	if strings.Contains(page, "color.example") || strings.Contains(page, "url(") || !strings.Contains(page, "--accent: "+defaultAccent) {
		t.Error("a hostile color went into the page")
	}
	if strings.Contains(page, "ZgotmplZ") {
		t.Error("the template rejected a value: something is not escaped as meant")
	}
}
