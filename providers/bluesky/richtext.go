package bluesky

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// expandLinks puts back the full address of each link facet whose text
// Bluesky's clients shortened ("example.com/very-lo..."), so the deck shows
// and opens the real link. Facets come from the network: a range that is
// out of bounds, splits a character, overlaps another or is not a web
// link is ignored.
func expandLinks(text string, facets []facet) string {
	links := linkFacets(text, facets)
	if len(links) == 0 {
		return text
	}
	var b strings.Builder
	last := 0
	for _, f := range links {
		b.WriteString(text[last:f.Index.ByteStart])
		b.WriteString(f.Features[0].URI)
		last = f.Index.ByteEnd
	}
	b.WriteString(text[last:])
	return b.String()
}

// linkFacets are the usable link facets whose text differs from their
// address, in order, without overlaps.
func linkFacets(text string, facets []facet) []facet {
	var out []facet
	for _, f := range facets {
		if len(f.Features) != 1 || f.Features[0].Type != featLink || !validRange(text, f.Index) {
			continue
		}
		uri := f.Features[0].URI
		if !(strings.HasPrefix(uri, "https://") || strings.HasPrefix(uri, "http://")) || text[f.Index.ByteStart:f.Index.ByteEnd] == uri {
			continue
		}
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Index.ByteStart < out[j].Index.ByteStart })
	kept := out[:0]
	end := 0
	for _, f := range out {
		if f.Index.ByteStart >= end {
			kept = append(kept, f)
			end = f.Index.ByteEnd
		}
	}
	return kept
}

// validRange reports whether r is a non-empty byte range of text on
// character boundaries.
func validRange(text string, r byteSlice) bool {
	s, e := r.ByteStart, r.ByteEnd
	if s < 0 || e > len(text) || s >= e {
		return false
	}
	return utf8.RuneStart(text[s]) && (e == len(text) || utf8.RuneStart(text[e]))
}
