package rules

import (
	"errors"
	"strings"
	"testing"

	"cmdeck/core"
)

// body is an item with only a body.
func body(s string) Item { return Item{ID: 1, Body: s} }

func TestQueryMatch(t *testing.T) {
	marie := Item{ID: 1, Body: "bonjour", AuthorName: "Marie Dupont", Handle: "@mdupont@pain.social"}
	chef := Item{ID: 1, Handle: "chef@cuisine.social"}
	tests := []struct {
		query string
		item  Item
		want  bool
	}{
		// Case, accents, ligatures, apostrophes.
		{`creme`, body("Votre crème brûlée est divine"), true},
		{`crème`, body("CREME anglaise"), true},
		{`Crème`, body("une texture crémeuse"), false},
		{`cafe`, body("Un CAFÉ serré"), true},
		{`café`, body("cafe froid"), true},
		{`oeuvre`, body("Une belle œuvre"), true},
		{`éclair`, body("L'ÉCLAIR au café"), true},
		{`arnaque`, body("c'est une arnaque!!!"), true},
		{`crème`, body("cre\u0300me fraîche"), true}, // decomposed accent
		{`aujourd'hui`, body("aujourd’hui fermé"), true},
		{`sansgluten`, body("Nouveau #SansGluten"), true},
		{`12345`, body("commande n°12345 pas reçue"), true},
		{`and`, body("bread and butter"), true}, // lower case is a word
		{`10:30`, body("ouvert dès 10:30 ?"), true},
		{`https://fournil.fr/avis`, body("voir https://fournil.fr/avis !"), true},
		// AND, implicit or explicit.
		{`livraison retard`, body("Retard de livraison, encore"), true},
		{`livraison retard`, body("livraison parfaite"), false},
		{`livraison AND retard`, body("la livraison est en retard"), true},
		// OR.
		{`remboursement OR avoir`, body("je veux un avoir"), true},
		{`remboursement OR avoir`, body("merci beaucoup"), false},
		{`gâteau OR "tarte tatin"`, body("une TARTE Tatin"), true},
		// Negation.
		{`pain -gluten`, body("pain aux noix"), true},
		{`pain -gluten`, body("pain sans gluten"), false},
		{`pain NOT gluten`, body("pain sans GLUTEN"), false},
		{`NOT pub`, body("bonjour"), true},
		{`NOT pub`, body("une pub"), false},
		{`NOT NOT pain`, body("du pain"), true},
		{`soldes NOT (pub OR promo)`, body("soldes et promo"), false},
		{`soldes NOT (pub OR promo)`, body("soldes d'hiver"), true},
		{`soldes -"bon plan"`, body("soldes, bon plan!"), false},
		{`soldes -"bon plan"`, body("soldes: plan bon"), true},
		// Phrases.
		{`"crème brûlée"`, body("la creme brulee était froide"), true},
		{`"crème brûlée"`, body("brûlée, la crème"), false},
		{`"pas reçu"`, body("je n'ai pas reçu ma commande"), true},
		{`"pas reçu"`, body("pas encore reçu"), false},
		{`«pain au chocolat»`, body("Un PAIN au chocolat svp"), true},
		{`e-mail`, body("envoyez un email"), false},
		{`e-mail`, body("un e-mail"), true},
		// Prefixes.
		{`rembours*`, body("Remboursez-moi !"), true},
		{`rembours*`, body("un bon remboursement"), true},
		{`rembours*`, body("rembo"), false},
		{`"colis perd*"`, body("colis perdu"), true},
		{`(colis OR commande) perdu*`, body("commande perdue"), true},
		{`(colis OR commande) perdu`, body("commande perdue"), false},
		// NEAR.
		{`retard NEAR/3 livraison`, body("livraison en gros retard"), true},
		{`retard NEAR/3 livraison`, body("livraison faite, puis un gros retard"), false},
		{`retard NEAR/1 livraison`, body("livraison retard"), true},
		{`retard NEAR/1 livraison`, body("livraison en retard"), false},
		{`"colis perdu" NEAR/2 remboursement`, body("colis perdu et remboursement"), true},
		{`"colis perdu" NEAR/2 remboursement`, body("colis perdu, je veux un remboursement"), false},
		{`prix NEAR/5 prix`, body("le prix"), false}, // two occurrences needed
		{`rembours* NEAR/2 vite`, body("remboursez moi vite"), true},
		{`prix NEAR/2 (élevé OR cher OR "pas donné")`, body("c'est cher pour le prix"), false},
		{`prix NEAR/2 (élevé OR cher OR "pas donné")`, body("prix vraiment pas donné"), true},
		{`(gâteau OR "pièce montée") NEAR/3 (retard OR oubli*)`, body("ils ont oublié la pièce montée"), true},
		// Fields.
		{`author:dupont`, marie, true},
		{`author:"marie dupont"`, marie, true},
		{`author:mdup*`, marie, true},
		{`author:martin`, marie, false},
		{`-author:dupont bonjour`, marie, false},
		{`croissant OR author:dupont`, marie, true},
		{`croissant OR NOT pain`, marie, true},
		{`handle:@chef`, chef, true},
		{`handle:chef@cuisine.social`, Item{Handle: "@Chef@Cuisine.social"}, true},
		{`handle:chef@cuisine.social`, Item{Handle: "@chef@autre.social"}, false},
		{`handle:chef`, Item{Handle: "chefcuisto"}, false},
		{`handle:chef*`, Item{Handle: "chefcuisto"}, true},
		{`network:mastodon`, Item{Network: "mastodon.social"}, true},
		{`network:chirper`, Item{Network: "Chirper"}, true},
		{`network:chirp`, Item{Network: "Chirper"}, false},
		{`kind:review`, Item{Kind: core.KindReview}, true},
		{`kind:review`, Item{Kind: core.KindComment}, false},
		{`lang:fr`, Item{Lang: "fr-CA"}, true},
		{`lang:fr`, Item{Lang: "en"}, false},
		{`client:lesfournils livraison`, Item{Client: "lesfournils", Body: "livraison"}, true},
		{`client:lesfournils livraison`, Item{Client: "pixelforge", Body: "livraison"}, false},
		{`(kind:review OR kind:comment) lang:fr arnaque`, Item{Kind: core.KindReview, Lang: "fr", Body: "Arnaque"}, true},
	}
	for _, tt := range tests {
		q, err := ParseQuery(tt.query)
		if err != nil {
			t.Errorf("ParseQuery(%q): %v", tt.query, err)
			continue
		}
		if got := q.Match(tt.item); got != tt.want {
			t.Errorf("%q on %+v = %v, want %v (parsed as %s)", tt.query, tt.item, got, tt.want, q)
		}
	}
}

func TestQueryParseErrors(t *testing.T) {
	tests := []struct {
		query  string
		column int
		msg    string
	}{
		{``, 1, "empty query"},
		{`   `, 4, "empty query"},
		{`(pain`, 1, "never closed"},
		{`pain)`, 5, `unexpected ")"`},
		{`pain OR`, 8, "ends too soon"},
		{`OR pain`, 1, "expected a word"},
		{`pain AND AND pain`, 10, "expected a word"},
		{`colis perdu OR cassé`, 13, "AND and OR mixed"},
		{`a OR b c`, 8, "AND and OR mixed"},
		{`"crème`, 1, "unclosed quote"},
		{`«crème"`, 1, "unclosed quote"},
		{`crème OR )`, 10, "expected a word"},
		{`auteur:chef`, 1, `unknown field "auteur:"`},
		{`author:`, 1, "has no value"},
		{`a NEAR b`, 3, "bad proximity"},
		{`a NEAR/0 b`, 3, "bad proximity"},
		{`a NEAR/x b`, 3, "bad proximity"},
		{`(a b) NEAR/3 c`, 7, "NEAR joins words"},
		{`(a OR -b) NEAR/3 c`, 11, "NEAR joins words"},
		{`a NEAR/2 author:b`, 3, "NEAR joins words"},
		{`a NEAR/2 b NEAR/2 c`, 12, "cannot be chained"},
		{`re*`, 1, "too short"},
		{`re*mb`, 1, `"*" inside`},
		{`🥐`, 1, "no letter or digit"},
		{`kind:avis`, 6, "unknown kind"},
		{`handle:*`, 8, "bad value"},
		{`- pain`, 1, `"-" alone`},
		{`pain -`, 6, `"-" alone`},
		{`()`, 1, "empty parentheses"},
		{`pain ""`, 6, "empty phrase"},
	}
	for _, tt := range tests {
		_, err := ParseQuery(tt.query)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("ParseQuery(%q) = %v, want a *ParseError", tt.query, err)
			continue
		}
		if pe.Column() != tt.column || !strings.Contains(pe.Msg, tt.msg) || pe.Fix == "" {
			t.Errorf("ParseQuery(%q) = column %d %q (fix %q), want column %d %q",
				tt.query, pe.Column(), pe.Msg, pe.Fix, tt.column, tt.msg)
		}
	}
}

func TestQueryString(t *testing.T) {
	tests := []struct{ query, want string }{
		{`Crème  Brûlée -Pomme`, `creme AND brulee AND NOT pomme`},
		{`(a OR B) c`, `(a OR b) AND c`},
		{`"Pas REÇU" NEAR/3 rembours*`, `"pas recu" NEAR/3 rembours*`},
		{`aujourd'hui`, `"aujourd hui"`},
		{`author:"Marie Dupont" handle:@Chef kind:review`, `author:"marie dupont" AND handle:chef AND kind:review`},
		{`NOT (a OR b)`, `NOT (a OR b)`},
		{`prix NEAR/2 (Élevé OR "pas donné")`, `prix NEAR/2 (eleve OR "pas donne")`},
	}
	for _, tt := range tests {
		q, err := ParseQuery(tt.query)
		if err != nil {
			t.Fatalf("ParseQuery(%q): %v", tt.query, err)
		}
		if got := q.String(); got != tt.want {
			t.Errorf("String(%q) = %q, want %q", tt.query, got, tt.want)
		}
		// The canonical form parses to itself.
		again, err := ParseQuery(q.String())
		if err != nil || again.String() != tt.want {
			t.Errorf("canonical %q does not round-trip: %v, %v", tt.want, again, err)
		}
	}
}

// A Matcher reused across items must not leak one item's words into the
// next.
func TestMatcherResetsBetweenItems(t *testing.T) {
	q, err := ParseQuery(`"colis perdu" OR author:dupont`)
	if err != nil {
		t.Fatal(err)
	}
	m := q.Matcher()
	items := []Item{
		{Body: "colis perdu", AuthorName: "Dupont"},
		{Body: "colis arrivé", AuthorName: "Martin"},
		{Body: "perdu de vue", AuthorName: "Martin"},
		{Body: "mon colis est perdu"},
	}
	want := []bool{true, false, false, false}
	for i := range items {
		if got := m(&items[i]); got != want[i] {
			t.Errorf("item %d (%q) = %v, want %v", i, items[i].Body, got, want[i])
		}
	}
}

func TestTokens(t *testing.T) {
	got := strings.Join(tokens("L'ÉCLAIR au café! #SansGluten œuf 12,50€ cre\u0300me"), "|")
	want := "l|eclair|au|cafe|sansgluten|oeuf|12|50|creme"
	if got != want {
		t.Errorf("tokens = %q, want %q", got, want)
	}
}

// The Latin table must fold exactly as core.AppendFold does.
func TestLatinFoldMatchesCore(t *testing.T) {
	var f folder
	for r := range rune(latinEnd) {
		got, gotOK := f.appendRune(nil, r)
		want, wantOK := appendFolded(nil, core.AppendFold(nil, r))
		if string(got) != string(want) || gotOK != wantOK {
			t.Errorf("%U: table %q %v, core %q %v", r, got, gotOK, want, wantOK)
		}
	}
}
