package report

import (
	"cmp"
	"math"
	"slices"

	"cmdeck/stats"
)

// maxSentences bounds the written summary: a few lines a client reads.
const maxSentences = 5

// minChange is the smallest change the summary calls a change (1 %, or 1
// point for shares); below it a figure is stated, not compared.
const minChange = 0.01

// sentence is one line of the summary and how much it changed, to put the
// biggest changes first.
type sentence struct {
	text   string
	weight float64
}

// Summary is the written summary of a report in the language code ("fr",
// "en"): rule-based sentences built from the figures, the biggest changes
// first, then what could not be compared. Figures that are not available
// are left out. The text holds names from the network (a tag): escape it
// for the medium it goes to.
func Summary(rep stats.Report, langCode string) []string {
	l := langOf(langCode)
	var ss []sentence
	for _, f := range []func(stats.Report, *lang) (sentence, bool){
		sumResponse, sumReceived, sumAnswered, sumSentiment, sumFollowers, sumPosts, sumTags,
	} {
		if s, ok := f(rep, l); ok {
			ss = append(ss, s)
		}
	}
	slices.SortStableFunc(ss, func(a, b sentence) int { return cmp.Compare(b.weight, a.weight) })
	out := make([]string, 0, maxSentences)
	for _, s := range ss[:min(len(ss), maxSentences)] {
		out = append(out, s.text)
	}
	return out
}

// changed is m's relative change when it is big enough to speak of.
func changed(m stats.Metric) (float64, bool) {
	c := m.Change()
	return c.Value, c.OK && math.Abs(c.Value) >= minChange
}

// sumResponse: the median first response, and its change (lower is better).
func sumResponse(rep stats.Report, l *lang) (sentence, bool) {
	m := rep.FirstResponse.Median
	if !m.Cur.OK {
		return sentence{}, false
	}
	s := sentence{text: l.tf("sum.frt.only", l.duration(m.Cur.Value))}
	if c, ok := changed(m); ok {
		key := "sum.frt.better"
		if c > 0 {
			key = "sum.frt.worse"
		}
		s = sentence{text: l.tf(key, l.pct(math.Abs(c)), l.duration(m.Cur.Value)), weight: math.Abs(c)}
	}
	if biz := rep.FirstResponse.BusinessMedian.Cur; biz.OK {
		s.text += " " + l.tf("sum.frt.biz", l.duration(biz.Value))
	}
	return s, true
}

// sumReceived: the volume received, and its change.
func sumReceived(rep stats.Report, l *lang) (sentence, bool) {
	m := rep.Received
	if m.Cur.Value == 0 {
		return sentence{text: l.t("sum.quiet")}, true
	}
	if c, ok := changed(m); ok {
		key := "sum.received.up"
		if c < 0 {
			key = "sum.received.down"
		}
		return sentence{text: l.tf(key, l.pct(math.Abs(c)), l.int(m.Cur.Value)), weight: math.Abs(c)}, true
	}
	return sentence{text: l.tf("sum.received.only", l.int(m.Cur.Value))}, true
}

// sumAnswered: the share answered, compared in points.
func sumAnswered(rep stats.Report, l *lang) (sentence, bool) {
	m := rep.AnsweredShare
	if !m.Cur.OK {
		return sentence{}, false
	}
	if d := m.Delta(); d.OK && math.Abs(d.Value) >= minChange {
		key := "sum.answered.up"
		if d.Value < 0 {
			key = "sum.answered.down"
		}
		return sentence{text: l.tf(key, l.pct(m.Prev.Value), l.pct(m.Cur.Value)), weight: math.Abs(d.Value)}, true
	}
	return sentence{text: l.tf("sum.answered.only", l.pct(m.Cur.Value))}, true
}

// sumSentiment: the split, and whether the net sentiment moved.
func sumSentiment(rep stats.Report, l *lang) (sentence, bool) {
	s := rep.Sentiment
	pos, neg := s.PositiveShare.Cur, s.NegativeShare.Cur
	if !pos.OK || !neg.OK {
		return sentence{}, false
	}
	if d := s.Net.Delta(); d.OK && math.Abs(d.Value) >= 2*minChange {
		key := "sum.sentiment.better"
		if d.Value < 0 {
			key = "sum.sentiment.worse"
		}
		return sentence{text: l.tf(key, l.pct(pos.Value), l.pct(neg.Value)), weight: math.Abs(d.Value)}, true
	}
	return sentence{text: l.tf("sum.sentiment.only", l.pct(pos.Value), l.pct(neg.Value))}, true
}

// sumFollowers: the audience's growth, weighed against its size.
func sumFollowers(rep stats.Report, l *lang) (sentence, bool) {
	f := rep.Followers
	change, end := f.Change.Cur, f.End.Cur
	if !change.OK || !end.OK || change.Value == 0 {
		return sentence{}, false
	}
	key := "sum.followers.up"
	if change.Value < 0 {
		key = "sum.followers.down"
	}
	weight := 0.0
	if start := f.Start.Cur; start.OK && start.Value > 0 {
		weight = math.Abs(change.Value) / start.Value
	}
	return sentence{text: l.tf(key, l.int(math.Abs(change.Value)), l.int(end.Value)), weight: weight}, true
}

// sumPosts: the engagement per post, and its change.
func sumPosts(rep stats.Report, l *lang) (sentence, bool) {
	p := rep.Posts
	n := p.Published.Cur.Value
	if n == 0 {
		return sentence{}, false
	}
	per := p.EngagementPerPost
	if c, ok := changed(per); ok {
		key := "sum.posts.up"
		if c < 0 {
			key = "sum.posts.down"
		}
		return sentence{text: l.tf(key, l.pct(math.Abs(c)), l.dec(per.Cur.Value), l.int(n)), weight: math.Abs(c)}, true
	}
	return sentence{text: l.tf("sum.posts.only", l.int(n))}, true
}

// sumTags: the most used tag of the period.
func sumTags(rep stats.Report, l *lang) (sentence, bool) {
	if len(rep.Tags) == 0 || rep.Tags[0].Cur.Value == 0 {
		return sentence{}, false
	}
	t := rep.Tags[0]
	return sentence{text: l.tf("sum.tags", t.Tag, l.int(t.Cur.Value))}, true
}
