package sentiment

import (
	"strings"
	"testing"

	"cmdeck/core"
)

// raw is the scorer's sum before normalisation, for comparing cues.
func raw(a *Analyzer, text, lang string) float64 {
	lex, rules, _ := a.table(text, lang)
	return score(text, lex, rules, &a.p)
}

// assertLabel checks the label of each text in lang.
func assertLabel(t *testing.T, a *Analyzer, lang string, want core.Sentiment, texts ...string) {
	t.Helper()
	for _, text := range texts {
		if r := a.Score(text, lang); r.Label != want {
			t.Errorf("Score(%q, %q) = %s (%+.2f), want %s", text, lang, r.Label, r.Score, want)
		}
	}
}

// assertLess checks that each pair scores strictly in increasing order.
func assertLess(t *testing.T, a *Analyzer, lang string, pairs ...[2]string) {
	t.Helper()
	for _, p := range pairs {
		lo, hi := raw(a, p[0], lang), raw(a, p[1], lang)
		if !(lo < hi) {
			t.Errorf("want %q (%+.2f) < %q (%+.2f)", p[0], lo, p[1], hi)
		}
	}
}

func TestLexiconsParse(t *testing.T) {
	mustNew(t) // every embedded file parses and assembles
	for _, name := range []string{"fr.txt", "en.txt"} {
		b, err := lexiconFiles.ReadFile("lexicon/" + name)
		if err != nil {
			t.Fatal(err)
		}
		lex, err := parseLexicon(name, string(b))
		if err != nil {
			t.Fatal(err)
		}
		words := 0
		for k, e := range lex {
			if (e.kind == kindWord || e.kind == kindExpect) && !strings.Contains(k, " ") {
				words++
			}
		}
		// The issue asks for a few hundred weighted words per language,
		// not counting the shared emoji.
		if words < 300 {
			t.Errorf("%s has %d sentiment words, want at least 300", name, words)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, bad := range []string{
		"génial",          // no spec
		"très très bon 2", // three words
		"nul -4",          // out of range
		"pas !neg:0",      // empty scope
		"trop *x",         // bad multiplier
		"grrr -1",         // a triple letter never matches
		"nul -2\nnul -2",  // twice
		"Nul -2\nnul -1",  // twice once folded
	} {
		if _, err := parseLexicon("t.txt", bad); err == nil {
			t.Errorf("parseLexicon(%q) accepted it", bad)
		}
	}
	lex, err := parseLexicon("t.txt", "# comment\n\nDéçu -2\npas !neg<\npas mal 1\n:D 2\n")
	if err != nil {
		t.Fatal(err)
	}
	if e := lex["decu"]; e.kind != kindWord || e.val != -2 {
		t.Errorf("folded key: got %+v", e)
	}
	if e := lex["pas"]; e.kind != kindNeg || !e.post || !e.head || e.scope != defaultScope {
		t.Errorf("negator head: got %+v", e)
	}
	if _, ok := lex[":D"]; !ok {
		t.Error("emoticon key was folded")
	}
}

func TestAssembleRefusesBadHeads(t *testing.T) {
	fr, err := parseLexicon("fr.txt", "trop *1.5\ntrop bien 2\n")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := assemble(lexicon{}, fr, lexicon{}); err == nil {
		t.Error("a modifier starting a bigram was accepted")
	}
	common, _ := parseLexicon("common.txt", "top 2\n")
	fr2, _ := parseLexicon("fr.txt", "top 1\n")
	if _, err := assemble(common, fr2, lexicon{}); err == nil {
		t.Error("a language file shadowing common.txt was accepted")
	}
}

func TestMergeCancelsOppositeSenses(t *testing.T) {
	fr, _ := parseLexicon("fr.txt", "pain =0.5\nsale -2\nsuper 2\n")
	en, _ := parseLexicon("en.txt", "pain -1.5\nsale 1\nsuper 1\n")
	m := merge(fr, en)
	if e := m["sale"]; e.kind != kindNone {
		t.Errorf(`"sale" (dirty / discount) merged to %+v, want neutral`, e)
	}
	if e := m["super"]; e.val != 2 {
		t.Errorf(`"super" merged to %+v, want the stronger 2`, e)
	}
	if e := m["pain"]; e.val != -1.5 {
		t.Errorf(`"pain" merged to %+v, want the English -1.5 (the French entry has no sentiment)`, e)
	}
}

func TestNegation(t *testing.T) {
	a := mustNew(t)
	assertLabel(t, a, "fr", core.SentimentNegative,
		"Ce n'est pas bon",
		"Je ne recommande pas",
		"ça marche pas",          // "pas" after its verb, no "ne"
		"J'aime pas trop ça",     // same, with words after
		"Ça ne marche plus",      // ne … plus
		"Ça marche plus du tout", // "plus" alone after the verb
		"Colis jamais reçu",
		"Toujours aucune réponse",
		"Sans réponse depuis 10 jours",
		"Ce n'est pas terrible", // an idiom, not a negated "terrible"
	)
	assertLabel(t, a, "fr", core.SentimentPositive,
		"Jamais déçu",
		"Pas mal du tout !",
		"Top, pas cher et bon", // "pas" takes "cher", not "top"
	)
	assertLabel(t, a, "en", core.SentimentNegative,
		"This is not good",
		"I don't like the new menu",
		"It doesn't work",
		"The app no longer works",
		"My package never arrived",
		"Still no reply",
		"Never again",
	)
	assertLabel(t, a, "en", core.SentimentPositive,
		"Never disappointed",
		"Not bad at all!",
	)
	// A negated insult is faint praise, weaker than the plain compliment.
	assertLess(t, a, "fr", [2]string{"mauvais", "pas mauvais"}, [2]string{"pas mauvais", "bon"})
	assertLess(t, a, "en", [2]string{"bad", "not bad"}, [2]string{"not bad", "good"})
	// The scope ends at a full stop and after three words.
	if raw(a, "Pas de souci. Le pain est bon", "fr") <= 0 {
		t.Error("negation crossed a full stop")
	}
	if raw(a, "pas un deux trois quatre bon", "fr") <= 0 {
		t.Error("negation reached further than its scope")
	}
	if raw(a, "pas un deux bon", "fr") >= 0 {
		t.Error("negation did not reach the third word")
	}
}

func TestIntensifiersAndDiminishers(t *testing.T) {
	a := mustNew(t)
	assertLess(t, a, "fr",
		[2]string{"bon", "très bon"},
		[2]string{"bon", "vraiment bon"},
		[2]string{"bon", "trop bon"},
		[2]string{"très lent", "lent"},
		[2]string{"lent", "un peu lent"},
		[2]string{"vraiment pas bon", "pas bon"},
	)
	assertLess(t, a, "en",
		[2]string{"good", "really good"},
		[2]string{"good", "so good"},
		[2]string{"very slow", "slow"},
		[2]string{"slow", "a bit slow"},
	)
	// "Super" modifies the next word, and counts by itself when alone.
	assertLess(t, a, "fr", [2]string{"super lent", "lent"}, [2]string{"rapide", "super rapide"})
	assertLabel(t, a, "fr", core.SentimentPositive, "Super !", "Super, merci")
}

func TestContrast(t *testing.T) {
	a := mustNew(t)
	assertLabel(t, a, "fr", core.SentimentNegative,
		"La nourriture était délicieuse mais le service était lent",
		"Le jeu est beau mais injouable en l'état")
	assertLabel(t, a, "fr", core.SentimentPositive,
		"Le service était lent mais la nourriture était délicieuse")
	assertLabel(t, a, "en", core.SentimentNegative,
		"The food was great but the service was slow")
	assertLabel(t, a, "en", core.SentimentPositive,
		"The service was slow but the food was great")
	// The contrast word moves the balance towards what follows it.
	assertLess(t, a, "fr",
		[2]string{"lent, délicieux", "lent mais délicieux"},
		[2]string{"délicieux mais lent", "délicieux, lent"})
	assertLess(t, a, "en", [2]string{"slow, tasty", "slow but tasty"})
}

func TestEmojiAndEmoticons(t *testing.T) {
	a := mustNew(t)
	for _, lang := range []string{"fr", "en", ""} {
		assertLabel(t, a, lang, core.SentimentPositive, "😍", "❤️", "👍🏽", ":)", ":-D", "<3", "🙏🙏", "^^")
		assertLabel(t, a, lang, core.SentimentNegative, "😡", "🤬", "👎", ":(", ":'(", "🤮")
	}
	// Emoji count in any language, even one without a lexicon.
	assertLabel(t, a, "de", core.SentimentNegative, "Lieferung kommt nicht 😡😡")
	// An emoji is not negated by the word before it.
	assertLabel(t, a, "fr", core.SentimentNegative, "Toujours pas de colis 😡")
	// A URL's ":/" and a time's ":3" are no emoticons; "<30" is no heart.
	for _, text := range []string{"https://pixelforge.example/patch", "rdv à 10:30", "moins de <30 min"} {
		if s := raw(a, text, "fr"); s != 0 {
			t.Errorf("%q scored %+.2f, want 0", text, s)
		}
	}
}

func TestPunctuationAndShouting(t *testing.T) {
	a := mustNew(t)
	assertLess(t, a, "fr",
		[2]string{"C'est nul !!!", "C'est nul"},
		[2]string{"C'est NUL", "C'est nul"},
		[2]string{"Génial", "Génial !!!"},
	)
	assertLess(t, a, "en",
		[2]string{"This is UNACCEPTABLE", "This is unacceptable"},
		[2]string{"This is unacceptable???", "This is unacceptable?"},
	)
	// A question without a negative cue is neutral…
	assertLabel(t, a, "fr", core.SentimentNeutral,
		"Une date pour le patch ?",
		"Est-ce que la boutique est ouverte le dimanche ?",
		"Vous livrez à Lyon ? Merci")
	assertLabel(t, a, "en", core.SentimentNeutral, "Any ETA on the patch?", "Is the gym open on Sundays?")
	// …one that complains is not.
	assertLabel(t, a, "fr", core.SentimentNegative, "Vous êtes nuls ou quoi ???", "Toujours pas de remboursement ?")
	assertLabel(t, a, "en", core.SentimentNegative, "Why is the app broken again??")
}

func TestElongationAccentsSlang(t *testing.T) {
	a := mustNew(t)
	assertLabel(t, a, "fr", core.SentimentNegative, "nuuuul", "trooop nul", "decu", "DÉÇU", "déçue", "pfff", "jpp de ce jeu")
	assertLabel(t, a, "fr", core.SentimentPositive, "Merciiiii", "génial", "genial", "GÉNIAL", "mdr trop drôle", "ptdr 😂")
	assertLabel(t, a, "en", core.SentimentPositive, "sooo good", "loooove it", "lol love it")
	assertLabel(t, a, "en", core.SentimentNegative, "wtf is this update", "ugh, crashed again")
	assertLess(t, a, "fr", [2]string{"nuuuul", "nul"})
	assertLess(t, a, "en", [2]string{"good", "goooood"})
}

func TestBigramsAndInflections(t *testing.T) {
	a := mustNew(t)
	assertLabel(t, a, "fr", core.SentimentPositive, "Coup de cœur pour la tarte", "Un chef-d'œuvre", "5 étoiles")
	assertLabel(t, a, "fr", core.SentimentNegative, "Plus jamais", "C'est n'importe quoi", "Ras le bol des bugs", "Une étoile")
	assertLabel(t, a, "en", core.SentimentPositive, "Well done team", "Can't wait!", "5 stars")
	assertLabel(t, a, "en", core.SentimentNegative, "Total rip off", "Cash grab", "One star")
	// Inflections reach the listed form.
	assertLabel(t, a, "fr", core.SentimentNegative, "Elles sont déçues", "Ils plantent tout le temps")
	assertLabel(t, a, "en", core.SentimentNegative, "It crashed twice", "They keep crashing")
	// "Merci d'avance" asks; it does not thank for something done.
	assertLabel(t, a, "fr", core.SentimentNeutral, "Merci d'avance pour votre réponse")
	assertLabel(t, a, "en", core.SentimentNeutral, "Thanks in advance for your reply")
}

func TestRatings(t *testing.T) {
	a := mustNew(t)
	assertLabel(t, a, "en", core.SentimentPositive, "5/5", "10/10 would buy again")
	assertLabel(t, a, "fr", core.SentimentNegative, "1/5", "0/10")
	// Dates, scores out of an odd scale and fractions are not ratings.
	for _, text := range []string{"24/7", "le 12/05", "3/4 des gens"} {
		if s := raw(a, text, "fr"); s != 0 {
			t.Errorf("%q scored %+.2f, want 0", text, s)
		}
	}
}

func TestMentionsAndURLsIgnored(t *testing.T) {
	a := mustNew(t)
	for _, text := range []string{"@terrible_tom", "@awful@mastodon.social", "www.horrible.example", "http://nul.example/arnaque"} {
		if s := raw(a, text, "fr"); s != 0 {
			t.Errorf("%q scored %+.2f, want 0", text, s)
		}
	}
	// A hashtag is read as a word.
	assertLabel(t, a, "en", core.SentimentNegative, "#fail #disappointed")
}

func TestScoreRangeAndLabels(t *testing.T) {
	a := mustNew(t)
	for _, text := range []string{"", "   ", "😡😡😡😡😡😡😡😡😡😡 NUL NUL NUL !!!!!!", "génial génial génial génial 😍😍😍😍"} {
		r := a.Score(text, "")
		if r.Score < -1 || r.Score > 1 {
			t.Errorf("Score(%q) = %v, out of -1 … 1", text, r.Score)
		}
		if r.Label == core.SentimentUnknown {
			t.Errorf("Score(%q) has no label", text)
		}
	}
	if r := a.Score("", ""); r.Label != core.SentimentNeutral || r.Score != 0 {
		t.Errorf("empty text: got %+v, want neutral 0", r)
	}
}

func TestScoreLanguage(t *testing.T) {
	a := mustNew(t)
	cases := []struct{ text, lang, want string }{
		{"Le colis n'est toujours pas arrivé", "", "fr"},
		{"My parcel still hasn't arrived", "", "en"},
		{"😡😡", "", ""},
		{"c'est nul", "fr-CA", "fr"},
		{"this is bad", "EN_gb", "en"},
		{"Das ist schlecht", "de", ""},
	}
	for _, c := range cases {
		if got := a.Score(c.text, c.lang).Lang; got != c.want {
			t.Errorf("Score(%q, %q).Lang = %q, want %q", c.text, c.lang, got, c.want)
		}
	}
	// A language tag picks the lexicon: the same word means different things.
	if fr, en := raw(a, "pain", "fr"), raw(a, "pain", "en"); fr != 0 || en >= 0 {
		t.Errorf(`"pain": fr %+.2f (want 0), en %+.2f (want < 0)`, fr, en)
	}
}

func TestAnnotate(t *testing.T) {
	a := mustNew(t)
	it := core.Item{Body: "Commande jamais reçue, je suis vraiment déçue 😡"}
	a.Annotate(&it)
	if it.Lang != "fr" || it.Sentiment != core.SentimentNegative || it.SentimentScore >= 0 {
		t.Errorf("Annotate: lang %q, %s %+.2f; want fr, negative", it.Lang, it.Sentiment, it.SentimentScore)
	}
	// A language the network gave is kept, even one without a lexicon.
	it = core.Item{Body: "Super 👍", Lang: "de"}
	a.Annotate(&it)
	if it.Lang != "de" || it.Sentiment != core.SentimentPositive {
		t.Errorf("Annotate kept lang %q, %s; want de, positive", it.Lang, it.Sentiment)
	}
}

func TestPackageFunctions(t *testing.T) {
	if r := Score("Merci, c'est parfait !", ""); r.Label != core.SentimentPositive || r.Lang != "fr" {
		t.Errorf("Score: %+v", r)
	}
	if lang, conf := Detect("Thanks, that's perfect!"); lang != "en" || conf <= 0 {
		t.Errorf("Detect: %q %v", lang, conf)
	}
	it := core.Item{Body: "Nul."}
	Annotate(&it)
	if it.Sentiment != core.SentimentNegative {
		t.Errorf("Annotate: %s", it.Sentiment)
	}
}

func TestNoAllocations(t *testing.T) {
	a := mustNew(t)
	for _, text := range benchTexts {
		if n := testing.AllocsPerRun(50, func() { a.Score(text, "") }); n != 0 {
			t.Errorf("Score(%q) allocates %v times, want 0", text, n)
		}
	}
}

func TestComplaintsOutweighPraise(t *testing.T) {
	a := mustNew(t)
	pos, neg := a.fr["genial"], a.fr["honte"]
	if pos.val != -neg.val {
		t.Fatalf("pick two words of opposite equal weight: génial %v, honte %v", pos.val, neg.val)
	}
	// Equal and opposite words leave a complaint behind.
	if s := raw(a, "génial, honte", "fr"); s >= 0 {
		t.Errorf(`"génial, honte" scored %+.2f, want < 0`, s)
	}
}
