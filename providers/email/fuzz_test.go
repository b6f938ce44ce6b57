package email

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseMessage: any bytes parse without panic, within the caps.
func FuzzParseMessage(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.eml"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("Content-Type: multipart/mixed; boundary=x\n\n--x\n--x--"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := ParseMessage(raw)
		if err != nil {
			return
		}
		for _, l := range strings.Split(m.Text, "\n") {
			if len(l) > maxLineBytes+len("…") {
				t.Fatalf("a line of %d bytes", len(l))
			}
		}
		if len(m.Attachments) > maxParts*maxParts {
			t.Fatalf("%d attachments", len(m.Attachments))
		}
		_ = remoteID(m)
		_ = itemBody(m)
	})
}

// FuzzHTMLToText: never panics, keeps no tag delimiters of well-formed
// tags, and its output is valid UTF-8 when the input is.
func FuzzHTMLToText(f *testing.F) {
	for _, s := range []string{"<p>a</p>", "<script>x</script>y", "<!-- x", "<a href='x'>l</a>&amp;", "<", "&#0;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := HTMLToText(s)
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("HTMLToText(%q) = %q: invalid UTF-8", s, out)
		}
		if strings.Contains(out, "<script") {
			t.Fatalf("a script tag survived: %q", out)
		}
	})
}

// FuzzDecodeHeader: any header decodes without panic to one line.
func FuzzDecodeHeader(f *testing.F) {
	for _, s := range []string{"=?UTF-8?B?w6k=?=", "=?ISO-8859-1?Q?caf=E9?=", "=?x?Q?", "a\r\n b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if out := DecodeHeader(s); strings.ContainsAny(out, "\r\n") {
			t.Fatalf("DecodeHeader(%q) = %q spans lines", s, out)
		}
		_, _ = parseAddress(s)
		_ = ids(s)
	})
}

// FuzzCursor: a cursor either decodes or is a permanent error.
func FuzzCursor(f *testing.F) {
	f.Add(`{"version":1,"folders":{"INBOX":{"v":1,"u":2}}}`)
	f.Add("\x00garbage{")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := decodeCursor(s)
		if err == nil {
			if _, err := decodeCursor(c.encode()); err != nil {
				t.Fatalf("re-encoded cursor refused: %v", err)
			}
		}
	})
}
