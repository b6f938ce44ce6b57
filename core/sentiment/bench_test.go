package sentiment

import "testing"

// benchTexts are typical inbox items: short, mixed languages, emoji.
var benchTexts = []string{
	"Colis toujours pas arrivé 😡 ça fait 3 semaines, aucune réponse du SAV",
	"The almond croissants are sooo good, thank you!!!",
	"Une date pour le patch ?",
	"Ce n'est pas terrible mais l'équipe est super réactive 👍",
	"Charged twice this month and nobody picks up the phone",
	"J'adore cette appli, vraiment rapide et claire",
}

// BenchmarkScore measures one short message with its language given, the
// way ingest calls it when the network tags the language.
func BenchmarkScore(b *testing.B) {
	a := mustNew(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		a.Score(benchTexts[i%len(benchTexts)], langOf(i))
	}
}

// BenchmarkScoreDetect is the same with the language detected first.
func BenchmarkScoreDetect(b *testing.B) {
	a := mustNew(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		a.Score(benchTexts[i%len(benchTexts)], "")
	}
}

// BenchmarkDetect measures detection alone.
func BenchmarkDetect(b *testing.B) {
	a := mustNew(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		a.Detect(benchTexts[i%len(benchTexts)])
	}
}

func langOf(i int) string {
	if i%len(benchTexts)%2 == 1 || i%len(benchTexts) == 4 {
		return "en"
	}
	return "fr"
}

func mustNew(tb testing.TB) *Analyzer {
	tb.Helper()
	a, err := New()
	if err != nil {
		tb.Fatal(err)
	}
	return a
}
