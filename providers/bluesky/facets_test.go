package bluesky

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func fixedResolver(known map[string]string) resolver {
	return func(_ context.Context, h string) (string, error) { return known[h], nil }
}

// at finds sub in s and returns its byte range, for the expected facets.
func at(s, sub string) byteSlice {
	i := strings.Index(s, sub)
	return byteSlice{i, i + len(sub)}
}

func TestDetectFacetsByteOffsets(t *testing.T) {
	text := "Été 🇫🇷 merci @Bob.test (voir https://ex.org/a_(b)). #café #123 #ok! @nobody.test"
	fs, err := detectFacets(context.Background(), text, fixedResolver(map[string]string{"bob.test": "did:plc:bob"}))
	if err != nil {
		t.Fatal(err)
	}
	want := []facet{
		{Index: at(text, "@Bob.test"), Features: []facetFeature{{Type: featMention, DID: "did:plc:bob"}}},
		{Index: at(text, "https://ex.org/a_(b)"), Features: []facetFeature{{Type: featLink, URI: "https://ex.org/a_(b)"}}},
		{Index: at(text, "#café"), Features: []facetFeature{{Type: featTag, Tag: "café"}}},
		{Index: at(text, "#ok"), Features: []facetFeature{{Type: featTag, Tag: "ok"}}},
	}
	if len(fs) != len(want) {
		t.Fatalf("facets %+v, want %+v", fs, want)
	}
	for i := range want {
		if fs[i].Index != want[i].Index || fs[i].Features[0] != want[i].Features[0] {
			t.Errorf("facet %d: %+v, want %+v", i, fs[i], want[i])
		}
	}
}

func TestDetectFacetsIgnoresEmailsAndInnerAt(t *testing.T) {
	fs, err := detectFacets(context.Background(), "écrire à contact@bob.test ou user@x", fixedResolver(map[string]string{"bob.test": "did:plc:bob"}))
	if err != nil || len(fs) != 0 {
		t.Errorf("facets %+v, %v: an e-mail address is no mention", fs, err)
	}
}

func TestDetectFacetsResolverFailure(t *testing.T) {
	boom := errors.New("network down")
	_, err := detectFacets(context.Background(), "hi @bob.test", func(context.Context, string) (string, error) { return "", boom })
	if !errors.Is(err, boom) {
		t.Errorf("err %v: a failed lookup must fail the post, not drop the mention", err)
	}
}

func TestCount(t *testing.T) {
	for _, c := range []struct {
		s    string
		want int
	}{{"abc", 3}, {"é", 1}, {"e\u0301", 1}, {"🇫🇷", 1}, {"👨‍👩‍👧", 1}, {strings.Repeat("🇫🇷", 300), 300}} {
		if got := Count(c.s); got != c.want {
			t.Errorf("Count(%q) = %d, want %d", c.s, got, c.want)
		}
	}
}

func TestCutGraphemes(t *testing.T) {
	if got := cutGraphemes("ab🇫🇷cd", 3); got != "ab🇫🇷" {
		t.Errorf("cutGraphemes = %q", got)
	}
	if got := cutGraphemes("abc", 5); got != "abc" {
		t.Errorf("cutGraphemes = %q", got)
	}
}

func TestExpandLinks(t *testing.T) {
	text := "voir example.com/very-lo... et é"
	short := at(text, "example.com/very-lo...")
	fs := []facet{
		{Index: short, Features: []facetFeature{{Type: featLink, URI: "https://example.com/very-long-path"}}},
		{Index: byteSlice{short.ByteStart + 2, short.ByteEnd}, Features: []facetFeature{{Type: featLink, URI: "https://overlap.example"}}},
		{Index: byteSlice{len(text) - 1, len(text)}, Features: []facetFeature{{Type: featLink, URI: "https://splits.example"}}},
		{Index: byteSlice{0, 4}, Features: []facetFeature{{Type: featLink, URI: "javascript:alert(1)"}}},
		{Index: byteSlice{0, 999}, Features: []facetFeature{{Type: featLink, URI: "https://out.example"}}},
	}
	if got, want := expandLinks(text, fs), "voir https://example.com/very-long-path et é"; got != want {
		t.Errorf("expandLinks = %q, want %q", got, want)
	}
}
