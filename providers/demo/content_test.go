package demo

import (
	"regexp"
	"strings"
	"testing"

	"cmdeck/core"
)

// Every template fills completely: a misspelt slot would stay in braces.
func TestTemplatesFill(t *testing.T) {
	c, w := newCatalog(), newWords()
	slot := regexp.MustCompile(`\{[a-z]+\}`)
	for _, b := range append(brands(), brandFor("unknown-client")) {
		s := slotter{w: w, brand: &b}
		for key, texts := range c.m {
			lang := key[:2]
			for i, text := range texts {
				for j := range 5 {
					got := s.fill(newRNG(uint64(i), uint64(j)), lang, text)
					if slot.MatchString(got) || got == "" {
						t.Errorf("%s %s: %q → %q", b.slug, key, text, got)
					}
				}
			}
		}
	}
}

func TestFrenchJoin(t *testing.T) {
	b := brandProfile{name: "X", products: map[string][]string{"fr": {"le pain"}}, features: map[string][]string{"fr": {"les horaires"}},
		cities: []string{"Angers"}}
	s := slotter{w: newWords(), brand: &b}
	tests := []struct{ in, want string }{
		{"Une version de {product}", "Une version du pain"},
		{"Merci pour {product}", "Merci pour le pain"},
		{"Idée de {feature}", "Idée des horaires"},
		{"Accès à {feature}", "Accès aux horaires"},
		{"Grâce à {product}", "Grâce au pain"},
		{"La boutique de {city}", "La boutique d'Angers"},
		{"{product} est bon", "Le pain est bon"},
		{"commande {city}", "Commande Angers"},
	}
	for _, tt := range tests {
		if got := s.fill(newRNG(1), "fr", tt.in); got != tt.want {
			t.Errorf("fill(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The demo has real variety: hundreds of distinct messages per language.
func TestDistinctMessagesPerLanguage(t *testing.T) {
	distinct := map[string]map[string]bool{"fr": {}, "en": {}}
	err := GenerateItems(workspaceAccounts(), 20000, 4, t0, func(_ int64, b core.Batch) error {
		for _, it := range b.Items {
			if !it.Outgoing {
				distinct[it.Lang][it.Body] = true
			}
		}
		return nil
	}, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for lang, set := range distinct {
		t.Logf("%s: %d distinct messages", lang, len(set))
		if len(set) < 300 {
			t.Errorf("%s: %d distinct messages, want at least 300", lang, len(set))
		}
	}
}

func TestHostilePayloads(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		var osc52, bidi, long bool
		for _, s := range hostileTexts(lang) {
			osc52 = osc52 || strings.Contains(s, "\x1b]52;")
			bidi = bidi || strings.ContainsRune(s, '\u202e')
			long = long || len(s) >= 2000
		}
		if !osc52 || !bidi || !long {
			t.Errorf("%s: osc52=%v bidi=%v long line=%v; want all", lang, osc52, bidi, long)
		}
	}
}

func TestStarLine(t *testing.T) {
	tests := []struct {
		stars int
		want  string
	}{{5, "★★★★★ 5/5"}, {1, "★☆☆☆☆ 1/5"}, {0, "★☆☆☆☆ 1/5"}, {9, "★★★★★ 5/5"}}
	for _, tt := range tests {
		if got := starLine(tt.stars); got != tt.want {
			t.Errorf("starLine(%d) = %q, want %q", tt.stars, got, tt.want)
		}
	}
}
