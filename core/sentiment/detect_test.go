package sentiment

import "testing"

func TestDetect(t *testing.T) {
	a := mustNew(t)
	cases := []struct{ text, want string }{
		// five words or fewer
		{"Colis toujours pas arrivé 😡", "fr"},
		{"C'est quoi ce bug", "fr"},
		{"Merci pour la réponse rapide", "fr"},
		{"Je vais résilier mon abonnement", "fr"},
		{"Où est ma commande ?", "fr"},
		{"Thanks for the quick reply", "en"},
		{"Where is my order?", "en"},
		{"The app keeps crashing", "en"},
		{"I can't log in", "en"},
		{"Love it!", "en"},
		// longer, with slang, accents missing or shouting
		{"jsuis trop decu par la maj, ca plante tout le temps", "fr"},
		{"LE PAIN ÉTAIT RASSIS CE MATIN", "fr"},
		{"wtf is this update, nothing works anymore", "en"},
		{"Best croissants in town, hands down", "en"},
		// loanwords across the two: the grammar words decide
		{"Le nouveau DLC est trop cool, GG la team", "fr"},
		{"The pain au chocolat was stale", "en"},
		{"Le gameplay est top mais le matchmaking lag", "fr"},
		// no evidence: emoji, numbers, names, one shared word
		{"😍😍😍", ""},
		{"👍", ""},
		{"", ""},
		{"10/10", ""},
		{"@pixelforge", ""},
		{"https://example.com/path", ""},
		{"Top !", ""},
		{"ok", ""},
		{"PS5", ""},
		// other languages are not French or English
		{"¿Dónde está mi pedido?", ""},
		{"Wo ist meine Bestellung?", ""},
	}
	for _, c := range cases {
		got, conf := a.Detect(c.text)
		if got != c.want {
			t.Errorf("Detect(%q) = %q (%.2f), want %q", c.text, got, conf, c.want)
		}
		if (got == "") != (conf == 0) || conf < 0 || conf > 1 {
			t.Errorf("Detect(%q): confidence %v with language %q", c.text, conf, got)
		}
	}
}

func TestDetectConfidenceGrows(t *testing.T) {
	a := mustNew(t)
	_, short := a.Detect("Merci pour la réponse")
	_, long := a.Detect("Merci pour la réponse, je vais enfin pouvoir récupérer ma commande à la boutique")
	if !(short < long) {
		t.Errorf("confidence: short %.2f, long %.2f; want more evidence to give more confidence", short, long)
	}
	_, mixed := a.Detect("Merci for the réponse")
	if !(mixed < short) {
		t.Errorf("confidence: mixed %.2f, short %.2f; want a mixed text to be less certain", mixed, short)
	}
}
