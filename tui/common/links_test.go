package common

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

func TestWebLink(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"https://chirper.example/@pixelforge/1", true},
		{"http://example.com", true},
		{"https://example.com/path?q=1&r=%C3%A9#top", true},
		{"mailto:contact@example.com", true},
		{"  https://example.com  ", true}, // surrounding space is not part of it
		{"", false},
		{"javascript:alert(1)", false},
		{"file:///etc/passwd", false},
		{"data:text/html,<script>", false},
		{"gopher://example.com", false},
		{"//example.com/no-scheme", false},
		{"/relative/path", false},
		{"https:///no-host", false},
		{"https:opaque", false},
		{"mailto:", false},
		{"https://bank.example@evil.example/", false}, // reads as the bank, goes elsewhere
		{"https://example.com/with space", false},
		{"https://exemple.fr/café", false}, // not encoded: shown, not linked
		{"https://example.com/\x1b]8;;https://evil.example\x07x", false},
		{"https://example.com/\x07", false},
		{"https://example.com/\u202egnp.exe", false}, // bidi override
		{"https://example.com/\x9b31m", false},       // C1 CSI
		{"https://example.com/a\nb", false},
	}
	for _, tt := range tests {
		got, ok := WebLink(tt.in)
		if ok != tt.ok {
			t.Errorf("WebLink(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			continue
		}
		if ok && got != strings.TrimSpace(tt.in) {
			t.Errorf("WebLink(%q) = %q, want the link itself", tt.in, got)
		}
		if !ok && got != "" {
			t.Errorf("WebLink(%q) refused but returned %q", tt.in, got)
		}
	}
}

func TestLinkLinesHyperlinkOnOff(t *testing.T) {
	const url = "https://chirper.example/@pixelforge/1"
	on := strings.Join(LinkLines(lipgloss.NewStyle(), url, 80, 2, true), "\n")
	if !strings.Contains(on, "\x1b]8;;"+url) {
		t.Fatalf("hyperlinks on: no OSC 8 to the link in %q", on)
	}
	if got := ansi.Strip(on); got != url {
		t.Fatalf("hyperlinks on: shows %q, want the link itself", got)
	}
	off := strings.Join(LinkLines(lipgloss.NewStyle(), url, 80, 2, false), "\n")
	if strings.Contains(off, "\x1b]8;") || off != url {
		t.Fatalf("hyperlinks off: %q, want the plain link", off)
	}
	// Not a web link: shown, never linked.
	other := strings.Join(LinkLines(lipgloss.NewStyle(), "javascript:alert(1)", 80, 2, true), "\n")
	if strings.Contains(other, "\x1b]8;") || other != "javascript:alert(1)" {
		t.Fatalf("a javascript: link: %q", other)
	}
	if LinkLines(lipgloss.NewStyle(), "", 80, 2, true) != nil {
		t.Fatal("no link drew lines")
	}
}

// A long link wraps; every line points at the whole link, and the cut
// one says so.
func TestLinkLinesWrap(t *testing.T) {
	url := "https://example.com/" + strings.Repeat("abcdefghij", 6)
	lines := LinkLines(lipgloss.NewStyle(), url, 20, 3, true)
	if len(lines) != 3 {
		t.Fatalf("%d lines, want 3: %q", len(lines), lines)
	}
	var shown strings.Builder
	for i, l := range lines {
		if w := lipgloss.Width(l); w > 20 {
			t.Errorf("line %d is %d cells wide", i, w)
		}
		if !strings.HasPrefix(l, "\x1b]8;;"+url+"\x07") && !strings.HasPrefix(l, "\x1b]8;;"+url+"\x1b\\") {
			t.Errorf("line %d does not link the whole link: %q", i, l)
		}
		shown.WriteString(ansi.Strip(l))
	}
	got := shown.String()
	if !strings.HasSuffix(got, Ellipsis) || !strings.HasPrefix(url, strings.TrimSuffix(got, Ellipsis)) {
		t.Fatalf("shows %q: want the link's start, then …", got)
	}
	whole := LinkLines(lipgloss.NewStyle(), url, 20, 10, false)
	if strings.Join(whole, "") != url {
		t.Fatalf("room for it all: %q", whole)
	}
}

// Whatever a network sends as a link, the lines never carry a control
// byte outside the hyperlink sequences, and those only carry printable
// ASCII: nothing in the link can end the sequence and start another.
func TestLinkLinesHostile(t *testing.T) {
	hostile := []string{
		"https://example.com/\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
		"https://example.com/\x1b]52;c;ZXZpbA==\x07",
		"https://example.com/\x07\x1b[2J",
		"https://example.com/\x9d8;;https://evil.example\x9c",
		"https://example.com/\u202etxt.exe",
		"https://evil.example\x00.bank.example/",
		"https://example.com/\r\nSet-Cookie: x",
		"\x1b]8;;https://evil.example\x07https://bank.example/",
		"mailto:a@b.c?body=\x1b[31m",
	}
	for _, in := range hostile {
		out := strings.Join(LinkLines(lipgloss.NewStyle(), in, 30, 5, true), "\n")
		checkHyperlinks(t, in, out)
	}
}

func FuzzLinkLines(f *testing.F) {
	for _, s := range []string{"https://example.com/a", "mailto:x@y.z", "https://a.b/\x1b]8;;x\x07", "\x9b", "https://a\u202e.b"} {
		f.Add(s, 20)
	}
	f.Fuzz(func(t *testing.T, in string, w int) {
		w = w%100 + 1
		if w < 1 {
			w = -w + 1
		}
		out := strings.Join(LinkLines(lipgloss.NewStyle(), in, w, 4, true), "\n")
		checkHyperlinks(t, in, out)
	})
}

// checkHyperlinks fails unless out's only escape sequences are OSC 8
// hyperlinks with printable ASCII targets that WebLink accepts, and its
// text has no control character but line breaks.
func checkHyperlinks(t *testing.T, in, out string) {
	t.Helper()
	rest := out
	for {
		i := strings.IndexByte(rest, 0x1b)
		if i < 0 {
			break
		}
		rest = rest[i:]
		if !strings.HasPrefix(rest, "\x1b]8;;") {
			t.Fatalf("%q: an escape that is not a hyperlink: %q", in, rest)
		}
		end := strings.IndexAny(rest, "\x07")
		st := strings.Index(rest, "\x1b\\")
		if st >= 0 && (end < 0 || st < end) {
			end = st
		}
		if end < 0 {
			t.Fatalf("%q: an unterminated hyperlink: %q", in, rest)
		}
		target := rest[len("\x1b]8;;"):end]
		if target != "" {
			if !printableASCII(target) {
				t.Fatalf("%q: hyperlink target %q holds a control or non-ASCII byte", in, target)
			}
			if _, ok := WebLink(target); !ok {
				t.Fatalf("%q: hyperlink to %q, not a web link", in, target)
			}
		}
		rest = rest[end+1:]
	}
	for _, r := range ansi.Strip(out) {
		if r != '\n' && (unicode.IsControl(r) || r == '\u202e') {
			t.Fatalf("%q: shows control %U", in, r)
		}
	}
}

func TestClipText(t *testing.T) {
	got, cut := ClipText("Bonjour\x1b]52;c;ZXZpbA==\x07 à tous\x00 !\nLigne\tdeux\r")
	if cut {
		t.Fatal("a short text was cut")
	}
	for _, r := range got {
		if r != '\n' && unicode.IsControl(r) {
			t.Fatalf("%q keeps control %U", got, r)
		}
	}
	if strings.Contains(got, "ZXZpbA") || !strings.Contains(got, "Bonjour") || !strings.Contains(got, "\nLigne") {
		t.Fatalf("ClipText = %q: want the words and the line break, not the escape's payload", got)
	}

	long := strings.Repeat("é", ClipMax) // two bytes each: twice the cap
	got, cut = ClipText(long)
	if !cut || len(got) > ClipMax || !utf8.ValidString(got) || !strings.HasPrefix(long, got) {
		t.Fatalf("long text: cut %v, %d bytes, valid %v", cut, len(got), utf8.ValidString(got))
	}
	if len(got) < ClipMax-utf8.UTFMax {
		t.Fatalf("cut to %d bytes, want close to %d", len(got), ClipMax)
	}
}
