package stats

import (
	"cmp"
	"slices"

	"cmdeck/core"
)

// TopPosts is how many posts PostStats.Top lists.
const TopPosts = 5

// postStats sums both periods' posts and ranks the period's.
func postStats(q Query, cur, old *tally) PostStats {
	c, o := postFigures(q, cur), postFigures(q, old)
	s := PostStats{
		Published:         count(len(cur.m.Posts), len(old.m.Posts)),
		Likes:             Metric{Cur: c.likes, Prev: o.likes},
		Shares:            Metric{Cur: c.shares, Prev: o.shares},
		Replies:           Metric{Cur: c.replies, Prev: o.replies},
		EngagementPerPost: Metric{Cur: c.perPost(len(cur.m.Posts)), Prev: o.perPost(len(old.m.Posts))},
	}
	s.Top = c.posts
	slices.SortStableFunc(s.Top, func(a, b PostStat) int {
		return cmp.Or(cmp.Compare(b.Total.Value, a.Total.Value), a.Post.PublishedAt.Compare(b.Post.PublishedAt))
	})
	s.Top = s.Top[:min(len(s.Top), TopPosts)]
	return s
}

// postTotals are one period's posts with their figures, and the sums.
type postTotals struct {
	posts                  []PostStat
	likes, shares, replies Figure
}

// perPost is the engagement per post, when some figure is available.
func (p postTotals) perPost(n int) Figure {
	sum, ok := 0.0, false
	for _, f := range []Figure{p.likes, p.shares, p.replies} {
		sum, ok = sum+f.Value, ok || f.OK
	}
	if !ok || n == 0 {
		return NA
	}
	return Num(sum / float64(n))
}

// postFigures reads each post's figures as its network reports them. A
// sum is available when one of the client's accounts reports the figure,
// even with no post (then it is a true zero).
func postFigures(q Query, t *tally) postTotals {
	var out postTotals
	accounts := make(map[int64]core.Account, len(t.m.Accounts))
	for _, a := range t.m.Accounts {
		accounts[a.ID] = a
		r := q.reports(a)
		out.likes.OK = out.likes.OK || r.Likes
		out.shares.OK = out.shares.OK || r.Shares
		out.replies.OK = out.replies.OK || r.Replies
	}
	for _, p := range t.m.Posts {
		a := accounts[p.AccountID]
		ps := postStat(p, a, q.reports(a))
		out.posts = append(out.posts, ps)
		out.likes.Value += ps.Likes.Value
		out.shares.Value += ps.Shares.Value
		out.replies.Value += ps.Replies.Value
	}
	return out
}

// postStat is one post with the figures its network reports.
func postStat(p core.Post, a core.Account, r Reports) PostStat {
	fig := func(v int, ok bool) Figure {
		if !ok {
			return NA
		}
		return Num(float64(v))
	}
	ps := PostStat{Post: p, Account: a,
		Likes: fig(p.Likes, r.Likes), Shares: fig(p.Shares, r.Shares), Replies: fig(p.Replies, r.Replies)}
	for _, f := range []Figure{ps.Likes, ps.Shares, ps.Replies} {
		if f.OK {
			ps.Total = Num(ps.Total.Value + f.Value)
		}
	}
	return ps
}
