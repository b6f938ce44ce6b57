package core

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

const family = "👨\u200d👩\u200d👧"
const scotland = "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F"

// hostileCases are shared by the table test and as fuzz seeds.
var hostileCases = []struct {
	name, in, want string
}{
	{"plain", "Bonjour, merci pour votre retour !", "Bonjour, merci pour votre retour !"},
	{"empty", "", ""},
	{"csi colors", "\x1b[31mrouge\x1b[0m et \x1b[38;2;255;0;0mvif\x1b[m", "rouge et vif"},
	{"cursor moves", "a\x1b[2Jb\x1b[10;20Hc\x1b[?25l\x1b[1A", "abc"},
	{"esc c reset", "avant\x1bcaprès", "avantaprès"},
	{"two-byte esc", "x\x1b7y\x1b8z\x1bMw", "xyzw"},
	{"esc with intermediate", "\x1b(Bx\x1b#8y\x1b%Gz", "xyz"},
	{"osc 52 bel", "copy\x1b]52;c;ZWNobyBwd25lZCB8IHNo\x07me", "copyme"},
	{"osc 52 st", "\x1b]52;c;ZWNobyBwd25lZA==\x1b\\ok", "ok"},
	{"osc 0 title", "\x1b]0;pwned title\x07hello", "hello"},
	{"osc 2 title st", "\x1b]2;rm -rf ~\x1b\\hello", "hello"},
	{"osc 8 hyperlink", "see \x1b]8;;https://evil.example/\x1b\\the docs\x1b]8;;\x1b\\ now", "see the docs now"},
	{"dcs", "a\x1bP1$r0m\x1b\\b", "ab"},
	{"dcs not ended by bel", "a\x1bPq#0\x07still payload\x1b\\b", "ab"},
	{"apc kitty graphics", "x\x1b_Gf=100,a=T;iVBORw0KGgo=\x1b\\y", "xy"},
	{"sos and pm", "\x1bXsos payload\x1b\\\x1b^pm payload\x1b\\z", "z"},
	{"8-bit csi rune", "\u009b31mred\u009b0m", "red"},
	{"8-bit osc rune with 8-bit st", "\u009d52;c;QUFB\u009cok", "ok"},
	{"8-bit dcs rune", "a\u0090payload\u009cb", "ab"},
	{"other c1 runes", "a\u0085b\u0080c\u009fd", "abc"},
	{"raw 0x9b byte is invalid utf-8", "\x9b31mred", "\uFFFD31mred"},
	{"cp1252 text", "l\x92homme c\x9cur", "l\uFFFDhomme c\uFFFDur"},
	{"invalid run is one replacement", "a\xff\xfe\xfdb", "a\uFFFDb"},
	{"cut utf-8 at end", "日\xe6\x97", "日\uFFFD"},
	{"unterminated csi at end", "texte\x1b[31", "texte"},
	{"unterminated osc runs to end", "garde\x1b]52;c;c2VjcmV0\nplus", "garde"},
	{"unterminated dcs runs to end", "garde\x1bPpayload", "garde"},
	{"esc at the very end", "fin\x1b", "fin"},
	{"esc esc", "a\x1b\x1b[1mb", "ab"},
	{"osc ended by next esc", "\x1b]0;t\x1b[1mx", "x"},
	{"osc cancelled by can", "\x1b]0;t\x18x", "x"},
	{"osc ended by c1 csi", "\x1b]0;t\u009b1mx", "x"},
	{"csi broken by newline", "a\x1b[3\nb", "a\nb"},
	{"csi broken by non-ascii", "a\x1b[3éb", "aéb"},
	{"rlo spoof", "facture\u202Efdp.exe", "facturefdp.exe"},
	{"all bidi controls", "\u061Ca\u200Eb\u200Fc\u202Ad\u202Be\u202Cf\u202Dg\u2066h\u2067i\u2068j\u2069", "abcdefghij"},
	{"zwj family kept", "famille " + family + " !", "famille " + family + " !"},
	{"cjk and emoji kept", "日本語のテキスト 👍🇫🇷 한국어", "日本語のテキスト 👍🇫🇷 한국어"},
	{"zwnj kept", "می\u200cخواهم", "می\u200cخواهم"},
	{"nbsp kept", "Bonjour\u00a0!", "Bonjour\u00a0!"},
	{"hiding chars dropped", "\ufeffarn\u200baque\u2060 sou\u00adrire\u2062\u180e", "arnaque sourire"},
	{"hangul filler name", "\u3164\u3164", ""},
	{"noncharacters", "a\uFFFEb\uFDD0c\U0010FFFF", "abc"},
	{"tag smuggling dropped", "hi\U000E0041\U000E0042\U000E007F", "hi"},
	{"tag flag kept", "go " + scotland + "!", "go " + scotland + "!"},
	{"broken tag flag", "🏴\U000E0067\U000E0062 x", "🏴 x"},
	{"tags after a removed sequence", "🏴\x1b[m\U000E0067\U000E007F", "🏴"},
	{"nul bytes", "a\x00b\x00", "ab"},
	{"c0 and del", "a\x01\x07\x08\x0b\x0c\x7fb", "ab"},
	{"crlf and cr", "l1\r\nl2\rl3\r\n", "l1\nl2\nl3"},
	{"line separators", "a\u2028b\u2029c", "a\nb\nc"},
	{"tab inside kept", "a\tb", "a\tb"},
	{"blank lines collapsed", "a\n\n\n\n\n\nb", "a\n\n\nb"},
	{"two blank lines kept", "a\n\n\nb", "a\n\n\nb"},
	{"space-only lines are blank", "a\n \n\t\n  \n\u3000\nb", "a\n\n\nb"},
	{"trailing spaces of lines", "a  \nb\t\u00a0\nc", "a\nb\nc"},
	{"trim whole string", "\n\n \t hello  \n\n", "hello"},
	{"only controls", "\x1b[2J\x00\r\n\t ", ""},
}

func TestSanitizeHostile(t *testing.T) {
	for _, tc := range hostileCases {
		t.Run(tc.name, func(t *testing.T) {
			got := Sanitize(tc.in)
			if got != tc.want {
				t.Fatalf("Sanitize(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
			checkSanitized(t, tc.in, got, MaxBodyBytes)
		})
	}
}

func TestSanitizeLength(t *testing.T) {
	long := strings.Repeat("abcdefghi ", 1000) // 10 kB, one line
	huge := strings.Repeat("Ça marche 日本 👍 ", 600_000)
	tests := []struct {
		name, in string
		check    func(t *testing.T, out string)
	}{
		{"10 kB line kept whole", long, func(t *testing.T, out string) {
			if out != strings.TrimSpace(long) {
				t.Fatalf("10 kB line changed: len %d", len(out))
			}
		}},
		{"10 MB cut on a rune with ellipsis", huge, func(t *testing.T, out string) {
			if len(out) > MaxBodyBytes || len(out) < MaxBodyBytes-64 || !strings.HasSuffix(out, Ellipsis) {
				t.Fatalf("len %d, suffix %q", len(out), out[max(0, len(out)-8):])
			}
			if !strings.HasPrefix(huge, strings.TrimSuffix(out, Ellipsis)) {
				t.Fatal("cut text is not a prefix of the input")
			}
		}},
		{"10 MB of escapes", strings.Repeat("\x1b[31m\x1b]0;t\x07", 800_000), func(t *testing.T, out string) {
			if out != "" {
				t.Fatalf("got %d bytes", len(out))
			}
		}},
		{"10 MB of spaces then text", "a" + strings.Repeat(" ", 10<<20) + "b", func(t *testing.T, out string) {
			if out != "a"+Ellipsis {
				t.Fatalf("got %q", out)
			}
		}},
		{"10 MB of spaces then a line", "a" + strings.Repeat(" ", 10<<20) + "\nb", func(t *testing.T, out string) {
			if out != "a\nb" {
				t.Fatalf("got %q", out)
			}
		}},
		{"10 MB of newlines", "a" + strings.Repeat("\r\n", 5<<20) + "b", func(t *testing.T, out string) {
			if out != "a\n\n\nb" {
				t.Fatalf("got %q", out)
			}
		}},
		{"10 MB invalid bytes", strings.Repeat("\xff", 10<<20), func(t *testing.T, out string) {
			if out != "\uFFFD" {
				t.Fatalf("got %q", out)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := Sanitize(tc.in)
			tc.check(t, out)
			checkSanitized(t, tc.in, out, MaxBodyBytes)
		})
	}
}

func TestCutText(t *testing.T) {
	tests := []struct {
		name, in string
		limit    int
		want     string
	}{
		{"ascii", "abcdefghij", 8, "abcde…"},
		{"not inside a rune", "日本語テキスト", 10, "日本…"},
		{"trailing space dropped", "ab   cdef", 8, "ab…"},
		{"dangling joiner dropped", "👨\u200d👩", 10, "👨…"},
		{"half flag tags dropped", scotland + "x", 15, "🏴…"},
		{"tiny limit", "abcdef", 2, "…"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := cutText(tc.in, tc.limit); got != tc.want {
				t.Fatalf("cutText(%q, %d) = %q, want %q", tc.in, tc.limit, got, tc.want)
			}
		})
	}
}

func TestSanitizeLine(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"clean", "Marie Dupont", "Marie Dupont"},
		{"newlines and tabs", "Marie\nDupont\tPDG", "Marie Dupont PDG"},
		{"runs collapsed", "a  b \t\n c", "a b c"},
		{"single nbsp kept", "Salut\u00a0!", "Salut\u00a0!"},
		{"nbsp run collapsed", "a\u00a0\u00a0b", "a b"},
		{"escapes removed", "\x1b]0;x\x07@pixel\x1b[1mforge", "@pixelforge"},
		{"bidi removed", "admin\u202e", "admin"},
		{"long cut", strings.Repeat("é", 400), strings.Repeat("é", (MaxLineBytes-len(Ellipsis))/2) + Ellipsis},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := SanitizeLine(tc.in)
			if got != tc.want {
				t.Fatalf("SanitizeLine(%q) = %q, want %q", tc.in, got, tc.want)
			}
			checkLine(t, tc.in, got)
		})
	}
}

func TestSanitizeURL(t *testing.T) {
	long := "https://example.com/?q=" + strings.Repeat("a", MaxURLBytes)
	tests := []struct{ in, want string }{
		{"https://example.com/p/1", "https://example.com/p/1"},
		{"https://example.com/\x1b]8;;x\x07p", "https://example.com/p"},
		{long, ""},
		{long[:600], long[:600]}, // longer than a line, still a whole link
	}
	for _, tc := range tests {
		if got := SanitizeURL(tc.in); got != tc.want {
			t.Errorf("SanitizeURL(%.40q…) = %.40q…, want %.40q…", tc.in, got, tc.want)
		}
	}
}

func TestSanitizeCleanDoesNotAllocate(t *testing.T) {
	body := "Bonjour 👋\n\nMerci pour la commande n°42, elle part demain. 日本\n— L'équipe"
	for name, f := range map[string]func(string) string{"Sanitize": Sanitize, "SanitizeLine": SanitizeLine} {
		in := body
		if name == "SanitizeLine" {
			in = "Marie Dupont (@marie) 👍"
		}
		if allocs := testing.AllocsPerRun(100, func() { _ = f(in) }); allocs != 0 {
			t.Errorf("%s allocates %.0f times on clean text", name, allocs)
		}
	}
}

func TestSanitizedWidth(t *testing.T) {
	tests := []struct {
		in    string
		width int
	}{
		{"日本", 4},
		{"👍", 2},
		{family, 2},
		{"\u202e日本\x1b[31m👍", 6},
		{"a\u200bb\ufeff", 2},
		{scotland, 2},
		{"🇫🇷", 2},
		{"e\u0301", 1},
	}
	for _, tc := range tests {
		out := Sanitize(tc.in)
		if w := ansi.StringWidth(out); w != tc.width {
			t.Errorf("ansi.StringWidth(Sanitize(%q)) = %d, want %d", tc.in, w, tc.width)
		}
		if w := lipgloss.Width(out); w != tc.width {
			t.Errorf("lipgloss.Width(Sanitize(%q)) = %d, want %d", tc.in, w, tc.width)
		}
	}
}

// TestSanitizeProperties feeds random mixes of dangerous fragments and
// checks the invariants on each; FuzzSanitize does the same with coverage.
func TestSanitizeProperties(t *testing.T) {
	frags := []string{
		"a", "é", "日", "👍", "\u200d", "\u200c", " ", "\t", "\n", "\r", "\r\n", "\x00", "\x1b", "[", "]",
		"P", "_", "\\", "\x07", "\x18", "31m", ";", "\u009b", "\u009c", "\u009d", "\x9b", "\xff", "\xe6\x97",
		"\u202e", "\u2066", "\ufeff", "\u200b", "\u00a0", "\u2028", "🏴", "\U000E0067", "\U000E007F", "\x7f",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20_000 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(frags[rng.IntN(len(frags))])
		}
		in := b.String()
		checkSanitized(t, in, Sanitize(in), MaxBodyBytes)
		checkLine(t, in, SanitizeLine(in))
		// A small limit exercises cutting on every kind of text.
		small, _ := sanitize(in, 24)
		checkSanitized(t, in, small, 24)
	}
}

func TestSanitizeBatch(t *testing.T) {
	b := &Batch{
		Items: []Item{{
			RemoteID: "id\x00-1", ParentRemoteID: "p\n1", ThreadRemoteID: "t\u202e1",
			Body: "\x1b]52;c;cHduZWQ=\x07Salut\r\n\x1b[31mtoi\x1b[0m  ",
			URL:  "https://x.example/1\x1b[0m", Lang: "fr\x00",
			Author: Author{Network: "net\x1b", RemoteID: "a\t1", Handle: "@ma\u200brie", Name: "Marie\u202e\nDupont"},
			Tags:   []string{"vip\x1b[1m", "\x1b[0m", " urgent "},
			Kind:   KindComment,
		}},
		Posts:  []Post{{RemoteID: "r\x001", Body: "Nouveau\r\n\n\n\n\nproduit\x1b[5m", URL: "https://x.example/\x07p", Error: "503\nService"}},
		Cursor: "\x1b[31mopaque\x00",
	}
	SanitizeBatch(b)
	it, p := b.Items[0], b.Posts[0]
	got := []string{it.RemoteID, it.ParentRemoteID, it.ThreadRemoteID, it.Body, it.URL, it.Lang,
		it.Author.Network, it.Author.RemoteID, it.Author.Handle, it.Author.Name, strings.Join(it.Tags, "|"),
		p.RemoteID, p.Body, p.URL, p.Error, b.Cursor}
	want := []string{"id-1", "p 1", "t1", "Salut\ntoi", "https://x.example/1", "fr",
		"net", "a 1", "@marie", "Marie Dupont", "vip|urgent",
		"r1", "Nouveau\n\n\nproduit", "https://x.example/p", "503 Service", "\x1b[31mopaque\x00"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("field %d = %q, want %q", i, got[i], want[i])
		}
	}
	SanitizeBatch(nil)
	SanitizeItem(nil)
	SanitizePost(nil)
	SanitizeActionResult(nil)
	r := &ActionResult{RemoteID: "x\x1b[1m", URL: "https://e.example/\u202e"}
	SanitizeActionResult(r)
	if r.RemoteID != "x" || r.URL != "https://e.example/" {
		t.Errorf("action result = %+v", *r)
	}
}

// checkSanitized asserts what must hold for any output of sanitize.
func checkSanitized(t *testing.T, in, out string, limit int) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("invalid UTF-8 out of %q: %q", in, out)
	}
	if len(out) > limit {
		t.Fatalf("out of %d bytes > limit %d", len(out), limit)
	}
	for i := 0; i < len(out); i++ {
		if c := out[i]; (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
			t.Fatalf("control byte %#x in Sanitize(%q) = %q", c, in, out)
		}
	}
	for _, r := range out {
		if (r >= 0x80 && r <= 0x9f) || isBidiControl(r) || isHiding(r) || r == '\r' {
			t.Fatalf("rune %U in Sanitize(%q) = %q", r, in, out)
		}
	}
	if again, _ := sanitize(out, limit); again != out {
		t.Fatalf("not idempotent on %q:\n once  %q\n twice %q", in, out, again)
	}
	if !isClean(out, limit) {
		t.Fatalf("output not seen as clean: %q", out)
	}
	if full, _ := sanitizeFull(in, limit); isClean(in, limit) && full != in {
		t.Fatalf("fast path says clean but full pass changes %q to %q", in, full)
	}
}

func checkLine(t *testing.T, in, out string) {
	t.Helper()
	checkSanitized(t, in, out, MaxLineBytes)
	if strings.ContainsAny(out, "\n\t") || strings.Contains(out, "  ") || len(out) > MaxLineBytes {
		t.Fatalf("SanitizeLine(%q) = %q is not one short line", in, out)
	}
	if again := SanitizeLine(out); again != out {
		t.Fatalf("SanitizeLine not idempotent on %q: %q then %q", in, out, again)
	}
}

func BenchmarkSanitize(b *testing.B) {
	clean := "Bonjour ! Merci pour votre message 🙂 Nous avons bien reçu votre commande n°4521, " +
		"elle sera expédiée demain. Pour toute question, répondez simplement ici.\n— L'équipe PixelForge 日本 👍"
	hostile := "\x1b]52;c;ZWNobyBwd25lZA==\x07Bonjour\r\n\x1b[31m!\x1b[0m \u202egnp.exe\u200b  \n\n\n\n\n" +
		"\u009b2J\x1bPpayload\x1b\\ l\x92homme\x00 " + family + " \x1b]8;;https://e.example\x1b\\lien\x1b]8;;\x1b\\"
	if !isClean(clean, MaxBodyBytes) || len(clean) < 190 || len(clean) > 210 {
		b.Fatalf("clean bench text is not ~200 clean bytes (%d)", len(clean))
	}
	for _, bc := range []struct{ name, in string }{
		{"clean", clean},
		{"hostile", hostile},
		{"1MB", strings.Repeat(hostile, 1<<20/len(hostile))},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.in)))
			b.ReportAllocs()
			for b.Loop() {
				_ = Sanitize(bc.in)
			}
		})
	}
}
