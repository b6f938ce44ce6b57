package stats

import (
	"context"
	"errors"
	"math"
	"reflect"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/store"
)

// fakeSource serves hand-made metrics by period start.
type fakeSource map[time.Time]store.ClientMetrics

func (f fakeSource) ClientMetrics(_ context.Context, _ int64, from, to time.Time, _ *time.Location) (store.ClientMetrics, error) {
	m, ok := f[from.UTC()]
	if !ok {
		return store.ClientMetrics{}, errors.New("no such period")
	}
	m.From, m.To = from, to
	return m, nil
}

func utc(d, h, m int) time.Time { return time.Date(2025, 3, d, h, m, 0, 0, time.UTC) }

var (
	acc1 = core.Account{ID: 1, ClientID: 7, Provider: "demo", Network: "Chirper", Handle: "@brand"}
	acc2 = core.Account{ID: 2, ClientID: 7, Provider: "forum", Network: "Forum", Handle: "Brand"}
)

// noLikesOnForum: the forum gives no like counts nor activity events.
func noLikesOnForum(a core.Account) Reports {
	if a.Network == "Forum" {
		return Reports{Shares: true, Replies: true}
	}
	return AllReported
}

func group(day int, acc int64, kind core.ItemKind, s core.Sentiment, out bool, n int) store.ItemGroup {
	return store.ItemGroup{Day: day, AccountID: acc, Kind: kind, Sentiment: s, Outgoing: out, Count: n}
}

func snap(acc int64, day, followers int) core.StatSnapshot {
	return core.StatSnapshot{AccountID: acc, Day: utc(day, 0, 0), Followers: followers}
}

// computeFixture is Monday 3 – Wednesday 5 March 2025 (UTC) against
// Saturday 1 – Monday 3, with business hours mon-fri 09:00-18:00; every
// expected figure of TestComputeFixture is counted by hand from it.
func computeFixture() fakeSource {
	client := core.Client{ID: 7, Slug: "brand", Name: "Brand"}
	cur := store.ClientMetrics{
		Client: client, Accounts: []core.Account{acc1, acc2}, Days: []time.Time{utc(3, 0, 0), utc(4, 0, 0)},
		Items: []store.ItemGroup{
			group(0, 1, core.KindComment, core.SentimentPositive, false, 3),
			group(0, 1, core.KindMention, core.SentimentNegative, false, 1),
			group(0, 1, core.KindReply, "", true, 2),
			group(1, 2, core.KindReview, core.SentimentNeutral, false, 2),
			group(1, 1, core.KindComment, "", false, 1),
			group(1, 2, core.KindReply, "", true, 1),
		},
		Responses: []store.Response{
			{AccountID: 1, CreatedAt: utc(3, 9, 0), FirstReply: utc(3, 9, 30)},  // 30 min, 30 min open
			{AccountID: 1, CreatedAt: utc(3, 20, 0), FirstReply: utc(4, 10, 0)}, // 14 h, 1 h open
			{AccountID: 2, CreatedAt: utc(4, 17, 0), Replied: true},             // answered, no time
			{AccountID: 2, CreatedAt: utc(4, 12, 0)},                            // waiting
		},
		TopAuthors:    []store.AuthorActivity{{Author: core.Author{Handle: "@fan"}, Items: 3}},
		TopReach:      []store.AuthorActivity{{Author: core.Author{Handle: "@star", Followers: 90000}, Items: 1}},
		ActiveAuthors: 4,
		Tags:          []store.TagCount{{Tag: "idea", Count: 2}, {Tag: "complaint", Count: 1}},
		Posts: []core.Post{
			{ID: 1, AccountID: 1, Likes: 10, Shares: 2, Replies: 1, PublishedAt: utc(3, 9, 0)},
			{ID: 2, AccountID: 2, Likes: 50, Shares: 4, PublishedAt: utc(4, 9, 0)},
		},
		Snapshots: []core.StatSnapshot{snap(1, 1, 100), snap(1, 2, 110), snap(1, 3, 120), snap(1, 4, 125), snap(2, 4, 40)},
		Engagements: []store.EngagementGroup{{Day: 0, AccountID: 1, Kind: core.EngageLike, Count: 5},
			{Day: 1, AccountID: 1, Kind: core.EngageFollow, Count: 2}},
		DeckReplies: map[int64]int{1: 2},
	}
	prev := store.ClientMetrics{
		Client: client, Accounts: []core.Account{acc1, acc2}, Days: []time.Time{utc(1, 0, 0), utc(2, 0, 0)},
		Items: []store.ItemGroup{
			group(0, 1, core.KindComment, core.SentimentPositive, false, 1),
			group(1, 1, core.KindComment, core.SentimentNegative, false, 1),
		},
		// Saturday 10:00 to Monday 10:00: 48 h, of which 1 h open.
		Responses:     []store.Response{{AccountID: 1, CreatedAt: utc(1, 10, 0), FirstReply: utc(3, 10, 0)}},
		ActiveAuthors: 2,
		Tags:          []store.TagCount{{Tag: "complaint", Count: 3}, {Tag: "praise", Count: 1}},
		Snapshots:     []core.StatSnapshot{{AccountID: 1, Day: time.Date(2025, 2, 28, 0, 0, 0, 0, time.UTC), Followers: 95}, snap(1, 1, 100), snap(1, 2, 110)},
		DeckReplies:   map[int64]int{},
	}
	return fakeSource{utc(3, 0, 0): cur, utc(1, 0, 0): prev}
}

func computeReport(t *testing.T) Report {
	t.Helper()
	hours, err := ParseHours("mon-fri 09:00-18:00", time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Compute(context.Background(), computeFixture(), Query{ClientID: 7, From: utc(3, 0, 0), To: utc(5, 0, 0),
		Loc: time.UTC, BusinessHours: hours, Reports: noLikesOnForum})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// want checks one metric against its hand-computed values; NaN means "not
// available".
func want(t *testing.T, name string, m Metric, cur, prev float64) {
	t.Helper()
	check := func(which string, f Figure, v float64) {
		if math.IsNaN(v) {
			if f.OK {
				t.Errorf("%s (%s) = %v, want not available", name, which, f.Value)
			}
			return
		}
		if !f.OK || math.Abs(f.Value-v) > 1e-9 {
			t.Errorf("%s (%s) = %+v, want %v", name, which, f, v)
		}
	}
	check("period", m.Cur, cur)
	check("previous", m.Prev, prev)
}

var na = math.NaN()

func TestComputeFixture(t *testing.T) {
	r := computeReport(t)
	if !r.Previous.From.Equal(utc(1, 0, 0)) || !r.Previous.To.Equal(utc(3, 0, 0)) || r.Client.Slug != "brand" {
		t.Fatalf("previous period %v – %v, client %+v", r.Previous.From, r.Previous.To, r.Client)
	}
	want(t, "received", r.Received, 7, 2)
	want(t, "per day", r.PerDay, 3.5, 1)
	if c := r.Received.Change(); !c.OK || c.Value != 2.5 {
		t.Errorf("received change = %+v, want +250 %%", c)
	}
	if !reflect.DeepEqual(r.Kinds, []core.ItemKind{core.KindComment, core.KindMention, core.KindReview}) || len(r.ByKind) != 3 {
		t.Fatalf("kinds = %v", r.Kinds)
	}
	want(t, "comments", r.ByKind[0], 4, 2)
	want(t, "mentions", r.ByKind[1], 1, 0)
	want(t, "reviews", r.ByKind[2], 2, 0)
	want(t, "replies", r.Replies, 3, 0)
	want(t, "deck replies", r.DeckReplies, 2, 0)
	want(t, "needing reply", r.NeedingReply, 4, 1)
	want(t, "answered", r.Answered, 3, 1)
	want(t, "answered share", r.AnsweredShare, 0.75, 1)
	// Times answered: 1800 s and 50400 s now, 172800 s before.
	want(t, "FRT median", r.FirstResponse.Median, 26100, 172800)
	want(t, "FRT p90", r.FirstResponse.P90, 45540, 172800)
	want(t, "FRT business median", r.FirstResponse.BusinessMedian, 2700, 3600)
	want(t, "FRT business p90", r.FirstResponse.BusinessP90, 3420, 3600)
	checkSentiment(t, r)
	checkDays(t, r)
}

func checkSentiment(t *testing.T, r Report) {
	t.Helper()
	s := r.Sentiment
	want(t, "positive", s.Positive, 3, 1)
	want(t, "neutral", s.Neutral, 2, 0)
	want(t, "negative", s.Negative, 1, 1)
	want(t, "unlabelled", s.Unlabelled, 1, 0)
	want(t, "positive share", s.PositiveShare, 0.5, 0.5)
	want(t, "negative share", s.NegativeShare, 1.0/6, 0.5)
	want(t, "net", s.Net, 2.0/6, 0)
	if d := s.Net.Delta(); !d.OK || math.Abs(d.Value-1.0/3) > 1e-9 {
		t.Errorf("net trend = %+v, want +1/3", d)
	}
}

func checkDays(t *testing.T, r Report) {
	t.Helper()
	if len(r.Days) != 2 {
		t.Fatalf("%d days", len(r.Days))
	}
	d0, d1 := r.Days[0], r.Days[1]
	if d0.Received != 4 || !reflect.DeepEqual(d0.ByKind, []int{3, 1, 0}) || d0.Replies != 2 ||
		d0.Positive != 3 || d0.Negative != 1 || !d0.Net.OK || d0.Net.Value != 0.5 {
		t.Errorf("day 0 = %+v", d0)
	}
	if d1.Received != 3 || !reflect.DeepEqual(d1.ByKind, []int{1, 0, 2}) || d1.Replies != 1 ||
		d1.Neutral != 2 || !d1.Net.OK || d1.Net.Value != 0 {
		t.Errorf("day 1 = %+v", d1)
	}
	// Day 0 ends on 4 March: the forum has no count before then.
	if d0.Followers.OK || !d1.Followers.OK || d1.Followers.Value != 165 {
		t.Errorf("followers by day = %+v, %+v; want n/a, 165", d0.Followers, d1.Followers)
	}
	if !d0.Start.Equal(utc(3, 0, 0)) || !d1.Start.Equal(utc(4, 0, 0)) {
		t.Errorf("day starts %v, %v", d0.Start, d1.Start)
	}
}

func TestComputeAudience(t *testing.T) {
	r := computeReport(t)
	// The forum's first count is on 4 March: the start is not available.
	want(t, "followers start", r.Followers.Start, na, 95)
	want(t, "followers end", r.Followers.End, 165, 110)
	want(t, "followers change", r.Followers.Change, na, 15)
	want(t, "active authors", r.ActiveAuthors, 4, 2)
	if len(r.Contributors) != 1 || r.Contributors[0].Author.Handle != "@fan" || r.Contributors[0].Items != 3 ||
		len(r.Influencers) != 1 || r.Influencers[0].Author.Followers != 90000 {
		t.Errorf("contributors %+v, influencers %+v", r.Contributors, r.Influencers)
	}
	var tags []string
	for _, tg := range r.Tags {
		tags = append(tags, tg.Tag)
	}
	if !reflect.DeepEqual(tags, []string{"idea", "complaint", "praise"}) {
		t.Errorf("tags = %v", tags)
	}
	want(t, "tag complaint", r.Tags[1].Metric, 1, 3)
	want(t, "activity likes", r.Activity.Likes, 5, 0)
	want(t, "activity follows", r.Activity.Follows, 2, 0)
}

func TestComputePosts(t *testing.T) {
	r := computeReport(t)
	p := r.Posts
	want(t, "published", p.Published, 2, 0)
	// The forum gives no like count: its post's 50 is not counted.
	want(t, "likes", p.Likes, 10, 0)
	want(t, "shares", p.Shares, 6, 0)
	want(t, "post replies", p.Replies, 1, 0)
	want(t, "engagement per post", p.EngagementPerPost, 8.5, na)
	if len(p.Top) != 2 || p.Top[0].Post.ID != 1 || p.Top[0].Total.Value != 13 ||
		p.Top[1].Likes.OK || p.Top[1].Total.Value != 4 || p.Top[1].Account.Network != "Forum" {
		t.Errorf("top posts = %+v", p.Top)
	}
	if len(r.ByAccount) != 2 {
		t.Fatalf("%d accounts", len(r.ByAccount))
	}
	a1, a2 := r.ByAccount[0], r.ByAccount[1]
	want(t, "acc1 received", a1.Received, 5, 2)
	want(t, "acc1 replies", a1.Replies, 2, 0)
	want(t, "acc1 answered share", a1.AnsweredShare, 1, 1)
	want(t, "acc1 median FRT", a1.MedianFirstResponse, 26100, 172800)
	want(t, "acc1 published", a1.Published, 1, 0)
	want(t, "acc1 followers", a1.Followers, 125, 110)
	want(t, "acc2 received", a2.Received, 2, 0)
	want(t, "acc2 answered share", a2.AnsweredShare, 0.5, na)
	want(t, "acc2 median FRT", a2.MedianFirstResponse, na, na)
	want(t, "acc2 followers", a2.Followers, 40, na)
}

// Without business hours, or without any figure from the networks,
// nothing is made up.
func TestComputeNotAvailable(t *testing.T) {
	nothing := func(core.Account) Reports { return Reports{} }
	r, err := Compute(context.Background(), computeFixture(), Query{ClientID: 7, From: utc(3, 0, 0), To: utc(5, 0, 0), Reports: nothing})
	if err != nil {
		t.Fatal(err)
	}
	want(t, "business median", r.FirstResponse.BusinessMedian, na, na)
	want(t, "likes", r.Posts.Likes, na, na)
	want(t, "engagement per post", r.Posts.EngagementPerPost, na, na)
	want(t, "activity likes", r.Activity.Likes, na, na)
	if r.Posts.Top[0].Total.OK {
		t.Errorf("a post without figures has a total: %+v", r.Posts.Top[0])
	}
	if _, err := Compute(context.Background(), computeFixture(), Query{From: utc(5, 0, 0), To: utc(5, 0, 0)}); err == nil {
		t.Error("an empty period was accepted")
	}
	if _, err := Compute(context.Background(), fakeSource{}, Query{From: utc(3, 0, 0), To: utc(5, 0, 0)}); err == nil {
		t.Error("a failing source gave no error")
	}
}
