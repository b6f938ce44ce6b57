package report

import (
	"reflect"
	"testing"

	"cmdeck/stats"
)

func TestSummaryEnglish(t *testing.T) {
	got := Summary(sampleReport(), "en")
	want := []string{
		"Messages received rose by 20% (1,200).",
		"Response time improved by 18% (median 42\u00a0min). In business hours, the median first response took 30\u00a0min.",
		"The share of messages answered rose from 70% to 85%.",
		"Engagement per post fell by 15% (25.5 per post, 8 posts).",
		"Sentiment improved: 62% of messages positive, 8% negative.",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("summary:\n got %q\nwant %q", got, want)
	}
}

func TestSummaryFrench(t *testing.T) {
	got := Summary(sampleReport(), "fr")
	if len(got) != 5 {
		t.Fatalf("%d sentences: %q", len(got), got)
	}
	want := "Le temps de première réponse s’est amélioré de 18\u202f% (médiane 42\u00a0min). En heures ouvrées, la première réponse a pris 30\u00a0min en médiane."
	if got[1] != want {
		t.Errorf("sentence 2:\n got %q\nwant %q", got[1], want)
	}
	if want := "Les messages reçus ont augmenté de 20\u202f% (1\u202f200)."; got[0] != want {
		t.Errorf("sentence 1:\n got %q\nwant %q", got[0], want)
	}
}

// A first period has nothing to compare with: figures are stated, and a
// missing one is left out rather than made up.
func TestSummaryWithoutComparison(t *testing.T) {
	r := sampleReport()
	r.Received.Prev, r.FirstResponse.Median.Prev, r.AnsweredShare.Prev = stats.NA, stats.NA, stats.NA
	r.Sentiment.Net.Prev, r.Posts.EngagementPerPost.Prev = stats.NA, stats.NA
	r.FirstResponse.BusinessMedian.Cur = stats.NA
	r.Followers.Change.Cur = stats.NA
	got := Summary(r, "en")
	want := []string{
		"The median first response took 42\u00a0min.",
		"1,200 messages were received.",
		"85% of the messages that needed a reply were answered.",
		"62% of messages were positive, 8% negative.",
		"8 posts were published.",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("summary:\n got %q\nwant %q", got, want)
	}
	r.Received.Cur = stats.Num(0)
	if got := Summary(r, "en"); got[1] != "No message was received over the period." {
		t.Errorf("quiet period: %q", got)
	}
}

func TestSummaryWorse(t *testing.T) {
	r := sampleReport()
	r.FirstResponse.Median = stats.Metric{Cur: stats.Num(3600), Prev: stats.Num(1800)}
	got := Summary(r, "en")
	if got[0] != "Response time got longer by 100% (median 1\u00a0h). In business hours, the median first response took 30\u00a0min." {
		t.Errorf("worse response first: %q", got)
	}
}
