package sentiment

import (
	"fmt"
	"strings"
	"testing"
)

// tokens renders what the scanner reads, one token a field.
func tokens(text string) string {
	sc := newScanner(text)
	var out []string
	var t token
	for sc.next(&t) {
		w := string(sc.text(&t))
		switch t.kind {
		case tokWord:
			if t.caps {
				w += "^"
			}
			if t.elongated {
				w += "~"
			}
			out = append(out, w)
		case tokSymbol:
			out = append(out, "["+w+"]")
		case tokBreak:
			out = append(out, "|")
		case tokPunct:
			out = append(out, fmt.Sprintf("!%d?%d", t.excl, t.quest))
		case tokRating:
			out = append(out, fmt.Sprintf("%+.1f", t.rating))
		}
	}
	return strings.Join(out, " ")
}

func TestScanner(t *testing.T) {
	cases := []struct{ in, want string }{
		{"C'est n'importe quoi", "c' est n' importe quoi"},
		{"J’adore qu’il", "j' adore qu' il"},
		{"don't aujourd'hui", "don't aujourd'hui"},
		{"'quoted' l'", "quoted l"},
		{"Déçu, TRÈS déçu", "decu | tres^ decu"},
		{"Nuuuuul sooo", "nuul~ soo~"},
		{"Œuvre", "oeuvre"},
		{"Quoi ?! Non !!!", "quoi !1?1 non !3?0"},
		{"Vraiment ‼", "vraiment !2?0"},
		{"top :) :-( <3 ^^ :D", "top [:)] [:-(] [<3] [^^] [:D]"},
		{"10:30 :Paris <30", "10 | 30 | paris 30"},
		{"❤️👍🏽", "[❤] [👍]"},
		{"@pixelforge merci @x@mastodon.social", "merci"},
		{"voir https://a.example/nul et www.b.example", "voir et"},
		{"#EpicFail", "epicfail"},
		{"4/5 10/10 24/7", "+0.6 +1.0 24 7"},
		{"peut-être", "peut etre"},
		{"ligne\nsuivante…fin", "ligne | suivante | fin"},
		{strings.Repeat("ab", 30) + " ok", " ok"}, // too long: an empty word
	}
	for _, c := range cases {
		if got := tokens(c.in); got != c.want {
			t.Errorf("tokens(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}
