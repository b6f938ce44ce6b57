package report

import (
	"bytes"
	"strings"
	"testing"

	"cmdeck/stats"
)

func TestMarkdown(t *testing.T) {
	var b bytes.Buffer
	if err := Markdown(&b, sampleReport(), Options{CMName: "Léa", Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, want := range []string{
		"# Monthly report — PixelForge Studio\n\n**October 2026** · Prepared by Léa\n",
		"## Summary\n\n- Messages received rose by 20% (1,200).\n",
		"| Figure | October 2026 | September 2026 | Change |\n|---|--:|--:|--:|\n",
		"| First response, median | 42\u00a0min | 51\u00a0min | -18% |\n",
		"| First response in business hours, median | 30\u00a0min | not available | – |\n",
		"| Share answered | 85% | 70% | +15\u00a0pts |\n",
		"| Author | Network | Followers | Messages |\n|---|---|--:|--:|\n",
		// Hostile text stays text: no HTML, no table break, no link.
		`| \<script\>alert("x")\</script\> (@evil\|\` + "`x\\`" + `) | Chirper | 12 | 14 |`,
		`| 3 Oct | Chirper @pixelforge | \[click\](http://evil.example) \<img src=http://evil.example/p.png\> | 90 | 20 | not available | 110 |`,
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	if strings.Contains(md, "second line") {
		t.Error("a post's second line made it into a table")
	}
}

// Empty tables are left out; French uses its own words and numbers.
func TestMarkdownFrenchAndEmpty(t *testing.T) {
	r := sampleReport()
	r.Tags, r.Contributors, r.Influencers, r.Posts.Top = nil, nil, nil, nil
	r.Posts.Likes.Cur = stats.NA
	var b bytes.Buffer
	if err := Markdown(&b, r, Options{Lang: "fr"}); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, want := range []string{"# Rapport mensuel — PixelForge Studio", "| Messages reçus | 1\u202f200 | 1\u202f000 | +20\u202f% |",
		"| J’aime sur les publications | non disponible | 140 | – |"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	for _, gone := range []string{"Retours étiquetés", "Contributeurs", "Meilleures publications"} {
		if strings.Contains(md, gone) {
			t.Errorf("empty table %q is shown", gone)
		}
	}
}
