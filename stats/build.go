package stats

import (
	"cmp"
	"maps"
	"slices"

	"cmdeck/core"
	"cmdeck/store"
)

// build assembles the report from both periods' figures.
func build(q Query, p, prev Period, curM, oldM store.ClientMetrics) Report {
	cur, old := newTally(curM, q), newTally(oldM, q)
	r := Report{
		Client: curM.Client, Accounts: curM.Accounts, Period: p, Previous: prev, Loc: q.Loc,
		Received:      count(cur.received, old.received),
		PerDay:        Metric{Cur: ratio(cur.received, len(curM.Days)), Prev: ratio(old.received, len(oldM.Days))},
		Replies:       count(cur.replies, old.replies),
		DeckReplies:   count(cur.deck, old.deck),
		NeedingReply:  count(cur.needing, old.needing),
		Answered:      count(cur.answered, old.answered),
		AnsweredShare: Metric{Cur: ratio(cur.answered, cur.needing), Prev: ratio(old.answered, old.needing)},
		FirstResponse: responseTimes(cur, old),
		Sentiment:     sentiment(cur, old),
		ActiveAuthors: count(curM.ActiveAuthors, oldM.ActiveAuthors),
		Contributors:  contributors(curM.TopAuthors),
		Influencers:   contributors(curM.TopReach),
		Tags:          tags(cur, old),
		Posts:         postStats(q, cur, old),
		Activity:      activity(cur, old),
		Followers:     followers(cur, old),
	}
	r.Kinds = kinds(cur, old)
	for _, k := range r.Kinds {
		r.ByKind = append(r.ByKind, count(cur.byKind[k], old.byKind[k]))
	}
	r.Days = days(curM, r.Kinds, cur.followers, q.Loc)
	r.ByAccount = byAccount(curM.Accounts, cur, old)
	return r
}

// both applies f to each period's tally.
func both(cur, old *tally, f func(*tally) Figure) Metric {
	return Metric{Cur: f(cur), Prev: f(old)}
}

// responseTimes are the medians and 90th percentiles of both periods.
func responseTimes(cur, old *tally) ResponseTimes {
	q := func(p float64, biz bool) func(*tally) Figure {
		return func(t *tally) Figure {
			if biz {
				return percentile(t.biz, p)
			}
			return percentile(t.frt, p)
		}
	}
	return ResponseTimes{
		Median: both(cur, old, q(0.5, false)), P90: both(cur, old, q(0.9, false)),
		BusinessMedian: both(cur, old, q(0.5, true)), BusinessP90: both(cur, old, q(0.9, true)),
	}
}

// sentiment is the split of both periods.
func sentiment(cur, old *tally) Sentiment {
	n := func(s core.Sentiment) Metric { return count(cur.sentiment[s], old.sentiment[s]) }
	share := func(s core.Sentiment) func(*tally) Figure {
		return func(t *tally) Figure { return ratio(t.sentiment[s], t.labelled()) }
	}
	return Sentiment{
		Positive: n(core.SentimentPositive), Neutral: n(core.SentimentNeutral),
		Negative: n(core.SentimentNegative), Unlabelled: n(core.SentimentUnknown),
		PositiveShare: both(cur, old, share(core.SentimentPositive)),
		NegativeShare: both(cur, old, share(core.SentimentNegative)),
		Net:           both(cur, old, (*tally).net),
	}
}

// contributors copies a top list.
func contributors(as []store.AuthorActivity) []Contributor {
	out := make([]Contributor, 0, len(as))
	for _, a := range as {
		out = append(out, Contributor{Author: a.Author, Items: a.Items})
	}
	return out
}

// tags are the tags of either period, most used in the period first.
func tags(cur, old *tally) []TagMetric {
	names := slices.Collect(maps.Keys(cur.tags))
	for tag := range old.tags {
		if _, ok := cur.tags[tag]; !ok {
			names = append(names, tag)
		}
	}
	slices.SortFunc(names, func(a, b string) int {
		return cmp.Or(cmp.Compare(cur.tags[b], cur.tags[a]), cmp.Compare(old.tags[b], old.tags[a]), cmp.Compare(a, b))
	})
	out := make([]TagMetric, len(names))
	for i, tag := range names {
		out[i] = TagMetric{Tag: tag, Metric: count(cur.tags[tag], old.tags[tag])}
	}
	return out
}

// kinds are the incoming kinds of either period, in core's order, then
// any other kind by name.
func kinds(cur, old *tally) []core.ItemKind {
	seen := map[core.ItemKind]bool{}
	for k, n := range cur.byKind {
		seen[k] = seen[k] || n > 0
	}
	for k, n := range old.byKind {
		seen[k] = seen[k] || n > 0
	}
	var out []core.ItemKind
	for _, k := range core.ItemKinds {
		if seen[k] {
			out = append(out, k)
			delete(seen, k)
		}
	}
	var rest []core.ItemKind
	for k, ok := range seen {
		if ok {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// activity counts both periods' events.
func activity(cur, old *tally) Activity {
	f := func(k core.EngagementKind) Metric {
		return Metric{Cur: cur.activityFigure(k), Prev: old.activityFigure(k)}
	}
	return Activity{Likes: f(core.EngageLike), Shares: f(core.EngageShare),
		Follows: f(core.EngageFollow), Quotes: f(core.EngageQuote)}
}

// followers are the audience at both periods' edges.
func followers(cur, old *tally) Followers {
	start := both(cur, old, func(t *tally) Figure { return t.followers.at(t.m.From) })
	end := both(cur, old, func(t *tally) Figure { return t.followers.at(t.m.To) })
	change := func(s, e Figure) Figure { return Metric{Cur: e, Prev: s}.Delta() }
	return Followers{Start: start, End: end,
		Change: Metric{Cur: change(start.Cur, end.Cur), Prev: change(start.Prev, end.Prev)}}
}
