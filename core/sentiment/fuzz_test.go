package sentiment

import (
	"testing"

	"cmdeck/core"
)

// FuzzScore feeds hostile text to the scanner and scorer: they must not
// panic or loop, and must stay within their documented ranges.
func FuzzScore(f *testing.F) {
	for _, s := range append(benchTexts,
		"", "'", "’’’", "c'", "n'", ":", ":-", "<3<3", "5/", "/5", "10/10/10", "@", "@@x", "#", "http://",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"é\u0301\u0301", "\xff\xfe", "👍🏽\u200d\ufe0f", "!!!???‼⁉", "pas pas pas pas", "mais mais",
		"ʼ", "ʼʼa", "aʼ", // 'ʼ' is a letter to unicode: the scanner once looped on it
	) {
		f.Add(s, "")
		f.Add(s, "fr")
	}
	a, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text, lang string) {
		r := a.Score(text, lang)
		if r.Score < -1 || r.Score > 1 || r.Score != r.Score {
			t.Fatalf("Score(%q) = %v", text, r.Score)
		}
		switch r.Label {
		case core.SentimentPositive, core.SentimentNeutral, core.SentimentNegative:
		default:
			t.Fatalf("Score(%q) label %q", text, r.Label)
		}
		l, c := a.Detect(text)
		if l != "" && l != "fr" && l != "en" || c < 0 || c > 1 {
			t.Fatalf("Detect(%q) = %q, %v", text, l, c)
		}
	})
}
