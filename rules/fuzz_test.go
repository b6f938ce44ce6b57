package rules

import (
	"errors"
	"testing"
)

// FuzzParseQuery: any text either parses or fails with a *ParseError
// pointing inside it; a parsed query's canonical form parses to itself,
// and matching never panics.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		`rembours* OR "pas reçu"`, `(a OR b) -c`, `prix NEAR/2 (cher OR "pas donné")`,
		`author:"marie dupont" handle:@chef kind:review lang:fr`, `«crème» NOT (x OR y)`,
		`a NEAR/2 b NEAR/2 c`, `"unclosed`, `-`, `()`, `auteur:x`, `10:30 https://x.fr`,
	} {
		f.Add(s, "Je n'ai pas reçu ma crème brûlée, remboursez-moi !")
	}
	f.Fuzz(func(t *testing.T, src, body string) {
		q, err := ParseQuery(src)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Pos < 0 || pe.Pos > len(src) {
				t.Fatalf("ParseQuery(%q) = %v", src, err)
			}
			return
		}
		canon := q.String()
		again, err := ParseQuery(canon)
		if err != nil || again.String() != canon {
			t.Fatalf("%q: canonical %q reparses to %v, %v", src, canon, again, err)
		}
		it := Item{Body: body, AuthorName: body, Handle: body, Network: body, Lang: body, Client: body}
		if q.Match(it) != again.Match(it) {
			t.Fatalf("%q and its canonical %q disagree on %q", src, canon, body)
		}
	})
}
