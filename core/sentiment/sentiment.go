// Package sentiment labels short social-media texts in French and English
// as positive, neutral or negative, offline, and tells the two languages
// apart. It is a lexicon scorer: weighted words, emoji and emoticons, with
// negation scopes, intensifiers, contrast ("mais", "but"), punctuation and
// shouting cues. It runs on every ingested item, so a text is read in one
// pass (two when the language must be detected) without allocating.
//
// The lexicons (lexicon/*.txt) and the evaluation data (testdata/) were
// written for cmdeck; docs/SENTIMENT.md gives the method and the figures.
package sentiment

import (
	"embed"
	"fmt"
	"sync"

	"cmdeck/core"
)

//go:embed lexicon/*.txt
var lexiconFiles embed.FS

// Result is the label of one text.
type Result struct {
	Label core.Sentiment // positive, neutral or negative; never unknown
	Score float64        // -1 (angry) … +1 (delighted); the label's thresholds are on it
	Lang  string         // the lexicon used: "fr", "en", or "" (unknown or another language)
}

// Analyzer holds the parsed lexicons. It is read-only once built, so one
// value serves every goroutine.
type Analyzer struct {
	fr, en lexicon // each language plus the common entries
	any    lexicon // both languages, for text of unknown language
	common lexicon // emoji, emoticons and universal slang only, for other languages
	cues   cueTable
	p      params
}

// New parses the embedded lexicons.
func New() (*Analyzer, error) {
	read := func(name string) (lexicon, error) {
		b, err := lexiconFiles.ReadFile("lexicon/" + name)
		if err != nil {
			return nil, err
		}
		return parseLexicon(name, string(b))
	}
	common, err := read("common.txt")
	if err != nil {
		return nil, err
	}
	frOnly, err := read("fr.txt")
	if err != nil {
		return nil, err
	}
	enOnly, err := read("en.txt")
	if err != nil {
		return nil, err
	}
	return assemble(common, frOnly, enOnly)
}

// assemble builds the four scoring tables and the cue table.
func assemble(common, frOnly, enOnly lexicon) (*Analyzer, error) {
	if err := checkHeads(common, frOnly, enOnly); err != nil {
		return nil, err
	}
	fr, err := withCommon("fr.txt", frOnly, common)
	if err != nil {
		return nil, err
	}
	en, err := withCommon("en.txt", enOnly, common)
	if err != nil {
		return nil, err
	}
	return &Analyzer{
		fr: fr, en: en, any: merge(fr, en), common: common,
		cues: buildCues(frOnly, enOnly),
		p:    defaultParams(),
	}, nil
}

// checkHeads refuses a bigram whose first word is a modifier or a contrast:
// their effect on the next words cannot be taken back when the bigram is
// seen (a sentiment word's value can: the scorer holds it one word).
func checkHeads(lexes ...lexicon) error {
	for _, lex := range lexes {
		for k, e := range lex {
			if e.head && (e.kind == kindMod || e.kind == kindBut) {
				return fmt.Errorf("lexicon: %q starts a bigram but is a modifier or a contrast", k)
			}
		}
	}
	return nil
}

// defaultAnalyzer is built once, on first use, from the embedded files; a
// test proves they parse.
var defaultAnalyzer = sync.OnceValue(func() *Analyzer {
	a, err := New()
	if err != nil {
		panic("sentiment: embedded lexicon: " + err.Error())
	}
	return a
})

// Detect returns the language of text, "fr" or "en", with a confidence in
// 0 … 1; "" when the text is too short or holds no evidence (emoji only).
func Detect(text string) (lang string, confidence float64) {
	return defaultAnalyzer().Detect(text)
}

// Score labels text. lang is "fr" or "en" (a region suffix such as "fr-CA"
// is fine); "" detects it first. Any other language is scored with emoji,
// emoticons and punctuation only.
func Score(text, lang string) Result {
	return defaultAnalyzer().Score(text, lang)
}

// Annotate labels an item from its body: it sets Lang when it is empty and
// detection is confident, and always sets Sentiment and SentimentScore.
func Annotate(it *core.Item) {
	defaultAnalyzer().Annotate(it)
}

// Detect is the package-level Detect with this analyzer's lexicons.
func (a *Analyzer) Detect(text string) (string, float64) {
	return a.detect(text)
}

// Score is the package-level Score with this analyzer's lexicons.
func (a *Analyzer) Score(text, lang string) Result {
	lex, rules, used := a.table(text, lang)
	s := normalise(score(text, lex, rules, &a.p), a.p.alpha)
	return Result{Label: a.label(s), Score: s, Lang: used}
}

// Annotate is the package-level Annotate with this analyzer's lexicons.
func (a *Analyzer) Annotate(it *core.Item) {
	r := a.Score(it.Body, it.Lang)
	if it.Lang == "" {
		it.Lang = r.Lang
	}
	it.Sentiment = r.Label
	it.SentimentScore = r.Score
}

// table picks the lexicon for lang, detecting it when empty.
func (a *Analyzer) table(text, lang string) (lexicon, []suffixRule, string) {
	if lang == "" {
		lang, _ = a.detect(text)
		if lang == "" {
			return a.any, anyRules, ""
		}
	}
	switch primary(lang) {
	case "fr":
		return a.fr, frRules, "fr"
	case "en":
		return a.en, enRules, "en"
	}
	return a.common, nil, ""
}

// primary is the language part of a tag, lower-cased: "fr-CA" → "fr",
// "EN_us" → "en"; anything else comes back unchanged.
func primary(tag string) string {
	if len(tag) < 2 || len(tag) > 2 && tag[2] != '-' && tag[2] != '_' {
		return tag
	}
	switch tag[0] | 0x20 {
	case 'f':
		if tag[1]|0x20 == 'r' {
			return "fr"
		}
	case 'e':
		if tag[1]|0x20 == 'n' {
			return "en"
		}
	}
	return tag
}

// label applies the thresholds.
func (a *Analyzer) label(s float64) core.Sentiment {
	switch {
	case s >= a.p.posT:
		return core.SentimentPositive
	case s <= a.p.negT:
		return core.SentimentNegative
	}
	return core.SentimentNeutral
}
