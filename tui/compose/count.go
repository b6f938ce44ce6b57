package compose

import "github.com/rivo/uniseg"

// Count is the length of text as networks count it: user-perceived
// characters (grapheme clusters), so "é" written with a combining accent,
// a flag, or a family emoji joined by ZWJ each count once, and a CJK
// ideograph counts once although it takes two cells.
func Count(text string) int { return uniseg.GraphemeClusterCount(text) }
