package bluesky

import (
	"context"
	"regexp"
	"strings"
	"unicode"
)

// Patterns of the rich text Bluesky's own clients detect. Go strings are
// UTF-8 and regexp indexes bytes, so the indexes are the byte offsets
// facets need (not characters: "é" is two bytes).
var (
	mentionRe = regexp.MustCompile(`(?:^|[\s(])(@([a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)+))`)
	linkRe    = regexp.MustCompile(`(?:^|[\s(])(https?://[^\s]+)`)
	tagRe     = regexp.MustCompile(`(?:^|\s)([#＃][^\s#＃]+)`)
)

// maxTagLen is the longest hashtag (without #) Bluesky indexes, in runes.
const maxTagLen = 64

// resolver finds an account's DID from its handle; "" if there is none.
type resolver func(ctx context.Context, handle string) (string, error)

// detectFacets finds the mentions, links and hashtags of text, in order.
// A mention whose handle does not resolve is left as plain text, as
// Bluesky's clients do; a resolver failure other than "no such handle"
// is returned so the post is retried rather than sent without its facet.
func detectFacets(ctx context.Context, text string, resolve resolver) ([]facet, error) {
	var out []facet
	for _, m := range mentionRe.FindAllStringSubmatchIndex(text, -1) {
		handle := strings.ToLower(text[m[4]:m[5]])
		did, err := resolve(ctx, handle)
		if err != nil {
			return nil, err
		}
		if did != "" {
			out = append(out, facet{Index: byteSlice{m[2], m[3]}, Features: []facetFeature{{Type: featMention, DID: did}}})
		}
	}
	for _, m := range linkRe.FindAllStringSubmatchIndex(text, -1) {
		start, end := m[2], m[2]+len(trimLinkTail(text[m[2]:m[3]]))
		out = append(out, facet{Index: byteSlice{start, end}, Features: []facetFeature{{Type: featLink, URI: text[start:end]}}})
	}
	for _, m := range tagRe.FindAllStringSubmatchIndex(text, -1) {
		if f, ok := tagFacet(text, m[2], m[3]); ok {
			out = append(out, f)
		}
	}
	return out, nil
}

// trimLinkTail drops the punctuation that ends a sentence rather than the
// link ("see https://x.org/a." links https://x.org/a), and a closing
// parenthesis the link did not open.
func trimLinkTail(s string) string {
	for len(s) > 0 {
		last := s[len(s)-1]
		switch {
		case strings.IndexByte(".,;:!?\"'", last) >= 0:
			s = s[:len(s)-1]
		case last == ')' && strings.Count(s, "(") < strings.Count(s, ")"):
			s = s[:len(s)-1]
		default:
			return s
		}
	}
	return s
}

// tagFacet is the hashtag at text[start:end] (with its #), its trailing
// punctuation dropped; not a tag when only digits or empty remain, or too
// long.
func tagFacet(text string, start, end int) (facet, bool) {
	raw := strings.TrimRightFunc(text[start:end], unicode.IsPunct)
	_, size := firstRune(raw)
	tag := raw[size:]
	if tag == "" || len([]rune(tag)) > maxTagLen || strings.IndexFunc(tag, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
		return facet{}, false
	}
	return facet{Index: byteSlice{start, start + len(raw)}, Features: []facetFeature{{Type: featTag, Tag: tag}}}, true
}

func firstRune(s string) (rune, int) {
	for i, r := range s {
		if i == 0 {
			return r, len(string(r))
		}
	}
	return 0, 0
}
