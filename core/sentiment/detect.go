package sentiment

import "bytes"

// Detection weights beyond the cue table.
const (
	accentCue     = 0.6 // a word with a French accent ("arrivé", "ça")
	contractionEN = 1.0 // "n't", "'re", "'ve", "'ll" outside the cue table
	shapeWeight   = 0.3 // an unknown word's ending ("-ing", "-eux")
	minEvidence   = 1.0 // less than this for the leader: too little to say
	minConfidence = 0.15
)

// detect weighs French and English evidence word by word: function words
// (strong), words only one lexicon knows (weak), French accents, English
// contractions and "-ing" forms. Emoji, URLs and mentions weigh nothing.
func (a *Analyzer) detect(text string) (string, float64) {
	var fr, en float64
	sc := newScanner(text)
	var t token
	for sc.next(&t) {
		if t.kind != tokWord {
			continue
		}
		c := a.cueOf(sc.text(&t), t.elongated)
		fr += float64(c.fr)
		en += float64(c.en)
		if t.accented {
			fr += accentCue
		}
	}
	return decide(fr, en)
}

// cueOf is a word's evidence for each language.
func (a *Analyzer) cueOf(w []byte, elongated bool) cue {
	if c, ok := a.cues[string(w)]; ok {
		return c
	}
	if elongated {
		var buf [maxWord]byte
		if c, ok := a.cues[string(buf[:squeeze(buf[:], w)])]; ok {
			return c
		}
	}
	return shapeCue(w)
}

// shapeCue is the weak evidence in the spelling of a word neither table
// knows: English contractions and endings ("-ing", "-ed", "-ly", "th", a
// final "y", "w"), French endings ("-eux", "-eau", "-ait", "-ais").
func shapeCue(w []byte) cue {
	has := func(s string) bool { return bytes.HasSuffix(w, []byte(s)) }
	switch {
	case has("n't") || has("'re") || has("'ve") || has("'ll"):
		return cue{en: contractionEN}
	case len(w) < 4:
		return cue{}
	case has("ing") || has("ed") || has("ly"):
		return cue{en: shapeWeight}
	case has("eux") || has("eau") || has("eaux") || has("ait") || has("ais") || has("aient"):
		return cue{fr: shapeWeight}
	case bytes.Contains(w, []byte("th")) || bytes.IndexByte(w, 'w') >= 0 || has("y"):
		return cue{en: shapeWeight / 2}
	}
	return cue{}
}

// decide turns the two sums into a language and a confidence in 0 … 1:
// the lead over the total, shrunk when there is little evidence at all.
func decide(fr, en float64) (string, float64) {
	hi, lo, lang := fr, en, "fr"
	if en > fr {
		hi, lo, lang = en, fr, "en"
	}
	if hi < minEvidence {
		return "", 0
	}
	conf := (hi - lo) / (hi + lo + 1)
	if conf < minConfidence {
		return "", 0
	}
	return lang, conf
}
