package rss

import (
	"strings"
	"testing"
)

func TestHTMLToText(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain", "<p>bonjour</p>", "bonjour"},
		{"paragraphs", "<p>un</p><p>deux</p>", "un\n\ndeux"},
		{"br", "<p>a<br>b<br/>c<br />d</p>", "a\nb\nc\nd"},
		{"whitespace collapses", "<p>un\n   deux\t trois</p>", "un deux trois"},
		{"nbsp is a character", "<p>Merci&nbsp;!</p>", "Merci\u00a0!"},
		{"entities", "<p>a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39; &eacute; &#x2019;</p>", `a & b <c> "d" 'e' é ’`},
		{"escaped tag stays text", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", "<script>alert(1)</script>"},
		{"script dropped", "<p>hi<script>alert('<p>x</p>')</script> there</p>", "hi there"},
		{"style dropped", "<style>p{color:red}</style><p>ok</p>", "ok"},
		{"comment dropped", "a<!-- secret -->b", "ab"},
		{"list", "<ul><li>un</li><li>deux</li></ul>après", "- un\n- deux\n\naprès"},
		{"list item with spaces", "<ul>\n  <li> un </li>\n  <li>\n deux</li>\n</ul>", "- un\n- deux"},
		{"headings", "<h2>Titre</h2><p>texte</p>", "Titre\n\ntexte"},
		{"pre keeps spaces", "<pre>a  b\n  c</pre>d", "a  b\n  c\n\nd"},
		{"table cells", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc"},
		{"link with text", `voir <a href="https://ex.example/a">la carte</a>.`, "voir la carte (https://ex.example/a)."},
		{"link showing its url", `<a href="https://ex.example/a/">ex.example/a</a>`, "ex.example/a"},
		{"link without text", `<a href="https://ex.example/img"><img src="x.png"></a>`, "https://ex.example/img"},
		{"relative link keeps text", `<a href="/a">ici</a>`, "ici"},
		{"javascript link keeps text", `<a href="javascript:alert(1)">ici</a>`, "ici"},
		{"credentials dropped", `<a href="https://u:p@ex.example/">ici</a>`, "ici (https://ex.example/)"},
		{"mailto", `<a href="mailto:a@b.example">écrire</a>`, "écrire (mailto:a@b.example)"},
		{"unclosed tag", "<p>texte <a href=\"x", "texte"},
		{"stray gt", "a > b", "a > b"},
		{"heart", "je <3 le pain", "je <3 le pain"},
		{"many blank lines", "<p>a</p><p></p><p></p><p>b</p>", "a\n\nb"},
		{"uppercase tags", "<P>a<BR>b</P>", "a\nb"},
		{"empty", "", ""},
		{"only tags", "<p><span></span></p>", ""},
		{"unclosed script drops the rest", "a<script>x", "a"},
	}
	for _, c := range cases {
		if got := htmlToText(c.in, textLimit); got != c.want {
			t.Errorf("%s: htmlToText(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestHTMLToTextStopsAtLimit(t *testing.T) {
	in := strings.Repeat("<p>du pain, du vin</p>", 100000)
	out := htmlToText(in, 1000)
	if len(out) < 900 || len(out) > 1000 {
		t.Errorf("%d bytes out for a limit of 1000", len(out))
	}
}

func TestPlainText(t *testing.T) {
	if got := plainText("  a < b\r\n\r\n\r\n<p>c</p>  \n", 100); got != "a < b\n\n<p>c</p>" {
		t.Errorf("plainText = %q", got)
	}
	if got := plainText("éééé", 3); got != "é" {
		t.Errorf("cut inside a rune: %q", got)
	}
}

func TestEntryTitle(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Fish &amp; chips", "Fish & chips"},
		{"La <b>Boulangerie</b> Martin", "La Boulangerie Martin"},
		{"a < b et c > d", "a < b et c > d"},
		{"je <3 ça", "je <3 ça"},
		{"deux\nlignes", "deux lignes"},
	}
	for _, c := range cases {
		if got := entryTitle(c.in); got != c.want {
			t.Errorf("entryTitle(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
