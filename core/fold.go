package core

import "unicode"

// Fold lowercases s and strips the accents of Latin letters ("Crème" →
// "creme", "Œuvre" → "oeuvre"), for matching what a CM types against what
// is shown. Typographic apostrophes become "'".
func Fold(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		out = AppendFold(out, r)
	}
	return string(out)
}

// AppendFold appends the folded form of r to dst: usually one rune, two for
// ligatures (œ, æ, ß), none for a combining accent.
func AppendFold(dst []rune, r rune) []rune {
	if r < 0x80 {
		return append(dst, unicode.ToLower(r))
	}
	if unicode.Is(unicode.Mn, r) {
		return dst // combining accent of decomposed text
	}
	r = unicode.ToLower(r)
	if base := foldLatin(r); base != 0 {
		return append(dst, base)
	}
	switch r {
	case 'œ':
		return append(dst, 'o', 'e')
	case 'æ':
		return append(dst, 'a', 'e')
	case 'ß':
		return append(dst, 's', 's')
	}
	return append(dst, r)
}

// foldLatin maps an accented Latin letter (already lowercase) to its base
// letter, 0 for anything else.
func foldLatin(r rune) rune {
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'ā', 'ă', 'ą':
		return 'a'
	case 'ç', 'ć', 'č':
		return 'c'
	case 'ď', 'đ':
		return 'd'
	case 'è', 'é', 'ê', 'ë', 'ē', 'ė', 'ę', 'ě':
		return 'e'
	case 'ì', 'í', 'î', 'ï', 'ī', 'į', 'ı':
		return 'i'
	case 'ł', 'ľ':
		return 'l'
	case 'ñ', 'ń', 'ň':
		return 'n'
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø', 'ō', 'ő':
		return 'o'
	case 'ř':
		return 'r'
	case 'ś', 'š', 'ş':
		return 's'
	case 'ť', 'ţ':
		return 't'
	case 'ù', 'ú', 'û', 'ü', 'ū', 'ů', 'ű':
		return 'u'
	case 'ý', 'ÿ':
		return 'y'
	case 'ź', 'ż', 'ž':
		return 'z'
	case '’', '‘', 'ʼ':
		return '\''
	}
	return 0
}
