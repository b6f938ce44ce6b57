package stats

import "cmdeck/core"

// byAccount is each account's share of the figures, in the store's order.
func byAccount(accounts []core.Account, cur, old *tally) []AccountStats {
	out := make([]AccountStats, 0, len(accounts))
	for _, a := range accounts {
		c, o := cur.account(a.ID), old.account(a.ID)
		out = append(out, AccountStats{
			Account:             a,
			Received:            count(c.received, o.received),
			Replies:             count(c.replies, o.replies),
			AnsweredShare:       Metric{Cur: ratio(c.answered, c.needing), Prev: ratio(o.answered, o.needing)},
			MedianFirstResponse: Metric{Cur: percentile(c.frt, 0.5), Prev: percentile(o.frt, 0.5)},
			Published:           count(c.published, o.published),
			Followers:           Metric{Cur: c.followersAtEnd, Prev: o.followersAtEnd},
		})
	}
	return out
}
