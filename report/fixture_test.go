package report

import (
	"time"

	"cmdeck/core"
	"cmdeck/stats"
)

// Hostile texts from the networks: they must come out inert everywhere.
const (
	evilName    = `<script>alert("x")</script>`
	evilHandle  = "@evil|`x`"
	evilFormula = `=HYPERLINK("http://evil.example/x","click")`
	evilBody    = "[click](http://evil.example) <img src=http://evil.example/p.png>\nsecond line"
)

func fig(v float64) stats.Figure { return stats.Num(v) }

func metric(cur, prev float64) stats.Metric { return stats.Metric{Cur: fig(cur), Prev: fig(prev)} }

// sampleReport is October 2026 for a client, against September: the
// headline figures are chosen so the summary reads "improved by 18 %"
// and so on.
func sampleReport() stats.Report {
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	p := stats.Period{From: from, To: from.AddDate(0, 1, 0)}
	r := stats.Report{
		Client:        core.Client{ID: 1, Slug: "pixelforge", Name: "PixelForge Studio", Color: "#7C3AED"},
		Period:        p,
		Previous:      p.Previous(),
		Loc:           time.UTC,
		Kinds:         []core.ItemKind{core.KindComment, core.KindMention},
		ByKind:        []stats.Metric{metric(1000, 900), metric(200, 100)},
		Received:      metric(1200, 1000),
		PerDay:        metric(1200.0/31, 1000.0/30),
		Replies:       metric(400, 380),
		DeckReplies:   metric(300, 250),
		NeedingReply:  metric(500, 500),
		Answered:      metric(425, 350),
		AnsweredShare: metric(0.85, 0.70),
		FirstResponse: stats.ResponseTimes{
			Median:         metric(42*60, 42*60/0.82),
			P90:            metric(5*3600, 6*3600),
			BusinessMedian: stats.Metric{Cur: fig(30 * 60), Prev: stats.NA},
			BusinessP90:    stats.Metric{Cur: fig(2 * 3600), Prev: stats.NA},
		},
		Sentiment: stats.Sentiment{
			Positive: metric(744, 600), Neutral: metric(360, 300), Negative: metric(96, 100), Unlabelled: metric(0, 0),
			PositiveShare: metric(0.62, 0.60), NegativeShare: metric(0.08, 0.10), Net: metric(0.54, 0.50),
		},
		ActiveAuthors: metric(640, 600),
		Contributors: []stats.Contributor{
			{Author: core.Author{Name: evilName, Handle: evilHandle, Network: "Chirper", Followers: 12}, Items: 14},
			{Author: core.Author{Name: "Camille", Handle: "@camille", Network: "Chirper", Followers: 300}, Items: 9},
		},
		Influencers: []stats.Contributor{
			{Author: core.Author{Name: evilFormula, Handle: "@star", Network: "Facegram", Followers: 250000}, Items: 1},
		},
		Tags: []stats.TagMetric{{Tag: "idea", Metric: metric(12, 4)}, {Tag: "complaint", Metric: metric(3, 9)}},
		Posts: stats.PostStats{
			Published: metric(8, 6), Likes: metric(150, 140), Shares: metric(40, 30), Replies: metric(14, 10),
			EngagementPerPost: metric(25.5, 30),
			Top: []stats.PostStat{{
				Post:    core.Post{Body: evilBody, URL: "https://chirper.example/p/1", PublishedAt: from.Add(50 * time.Hour)},
				Account: core.Account{Network: "Chirper", Handle: "@pixelforge"},
				Likes:   fig(90), Shares: fig(20), Replies: stats.NA, Total: fig(110),
			}},
		},
		Activity: stats.Activity{Likes: metric(300, 200), Shares: metric(50, 40), Follows: metric(120, 100),
			Quotes: stats.Metric{}},
		Followers: stats.Followers{Start: metric(12000, 11800), End: metric(12340, 12000),
			Change: stats.Metric{Cur: fig(340), Prev: stats.NA}},
		ByAccount: []stats.AccountStats{{
			Account: core.Account{Network: "Chirper", Handle: "@pixelforge"}, Received: metric(1200, 1000),
			Replies: metric(400, 380), AnsweredShare: metric(0.85, 0.7), MedianFirstResponse: metric(2520, 3000),
			Published: metric(8, 6), Followers: stats.Metric{Cur: fig(12340), Prev: stats.NA},
		}},
	}
	for i := range 31 {
		d := stats.Day{Start: from.AddDate(0, 0, i), Received: 30 + i, ByKind: []int{25 + i, 5}, Replies: 10,
			Positive: 20, Neutral: 8, Negative: 2, Net: fig(0.6), Followers: fig(12000 + float64(i)*11)}
		if i == 3 {
			d.Net, d.Followers = stats.NA, stats.NA
		}
		r.Days = append(r.Days, d)
	}
	return r
}
