package stats

import (
	"time"

	"cmdeck/core"
)

// Report is every figure of a client over a period, each beside its value
// for the previous period of the same length (Metric), for the Stats pane
// and the monthly report. Times are durations in seconds; shares are 0…1.
type Report struct {
	Client   core.Client
	Accounts []core.Account
	Period   Period
	Previous Period
	Loc      *time.Location // the zone days are cut in

	// Days are the period's calendar days, oldest first.
	Days []Day
	// Kinds are the item kinds received in either period, in core's order;
	// Day.ByKind and ByKind follow it.
	Kinds  []core.ItemKind
	ByKind []Metric

	Received    Metric // incoming items
	PerDay      Metric // incoming items per day, on average
	Replies     Metric // our replies (through cmdeck or not)
	DeckReplies Metric // replies sent through cmdeck's outbox
	// NeedingReply counts the items that needed an answer; Answered, those
	// answered; AnsweredShare is Answered / NeedingReply.
	NeedingReply  Metric
	Answered      Metric
	AnsweredShare Metric
	FirstResponse ResponseTimes

	Sentiment Sentiment

	ActiveAuthors Metric
	// Contributors are the authors who wrote the most in the period;
	// Influencers, the authors with the most followers among those who
	// wrote.
	Contributors []Contributor
	Influencers  []Contributor
	// Tags counts the items per tag (ideas, complaints…), most used first.
	Tags []TagMetric

	Posts     PostStats
	Activity  Activity
	Followers Followers

	// ByAccount breaks the main figures down per account.
	ByAccount []AccountStats
}

// Day is one day of the period.
type Day struct {
	Start     time.Time // its first instant (clipped to the period)
	Received  int
	ByKind    []int // per Report.Kinds
	Replies   int
	Positive  int
	Neutral   int
	Negative  int
	Net       Figure // the day's net sentiment, see Sentiment.Net
	Followers Figure // at the end of the day, see Followers
}

// ResponseTimes are the times to our first answer of the answered items,
// in seconds: over the clock, and counting business hours only (not
// available without business hours).
type ResponseTimes struct {
	Median, P90                 Metric
	BusinessMedian, BusinessP90 Metric
}

// Sentiment splits the incoming items by the label their text was given.
type Sentiment struct {
	Positive, Neutral, Negative, Unlabelled Metric
	// PositiveShare and NegativeShare are over labelled items.
	PositiveShare, NegativeShare Metric
	// Net is (positive - negative) / labelled, from -1 to +1: its delta is
	// the trend.
	Net Metric
}

// Contributor is an author and what they wrote in the period.
type Contributor struct {
	Author core.Author
	Items  int
}

// TagMetric is a tag's item count.
type TagMetric struct {
	Tag string
	Metric
}

// PostStats are our posts published in the period and the engagement the
// networks report on them. A figure is not available when no account of
// the client is on a network that reports it.
type PostStats struct {
	Published              Metric
	Likes, Shares, Replies Metric
	EngagementPerPost      Metric // (likes + shares + replies) / posts
	Top                    []PostStat
}

// PostStat is one published post and its engagement.
type PostStat struct {
	Post                   core.Post
	Account                core.Account
	Likes, Shares, Replies Figure
	Total                  Figure // the sum of the available ones
}

// Activity counts the activity events the networks sent (likes, shares,
// new followers, quotes); not available when no account reports them.
type Activity struct {
	Likes, Shares, Follows, Quotes Metric
}

// Followers is the audience from the networks' daily snapshots: the sum
// over the accounts whose network reports it, not available at a date
// when one of them has no figure yet.
type Followers struct {
	Start, End Metric // at the period's start and end
	Change     Metric // End - Start
}

// AccountStats are one account's figures.
type AccountStats struct {
	Account             core.Account
	Received            Metric
	Replies             Metric
	AnsweredShare       Metric
	MedianFirstResponse Metric // seconds
	Published           Metric
	Followers           Metric // at the period's end
}
