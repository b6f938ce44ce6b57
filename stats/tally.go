package stats

import (
	"cmdeck/core"
	"cmdeck/store"
)

// tally is one period's figures, summed from the store's groups.
type tally struct {
	m          store.ClientMetrics
	received   int
	replies    int
	deck       int
	byKind     map[core.ItemKind]int
	sentiment  map[core.Sentiment]int
	needing    int
	answered   int
	frt, biz   []float64 // seconds, per answered item
	tags       map[string]int
	accounts   map[int64]*accountTally
	followers  followerTally
	activity   map[core.EngagementKind]int
	activityOK bool
}

// accountTally is one account's share of a tally.
type accountTally struct {
	received, replies int
	needing, answered int
	frt               []float64
	published         int
	followersAtEnd    Figure
}

// newTally sums one period's figures; q.BusinessHours may be nil.
func newTally(m store.ClientMetrics, q Query) *tally {
	t := &tally{m: m, byKind: map[core.ItemKind]int{}, sentiment: map[core.Sentiment]int{},
		tags: map[string]int{}, accounts: map[int64]*accountTally{}, activity: map[core.EngagementKind]int{}}
	for _, a := range m.Accounts {
		t.accounts[a.ID] = &accountTally{}
		t.activityOK = t.activityOK || q.reports(a).Activity
	}
	t.addItems(m.Items)
	t.addResponses(m.Responses, q.BusinessHours)
	for _, tag := range m.Tags {
		t.tags[tag.Tag] = tag.Count
	}
	for _, n := range m.DeckReplies {
		t.deck += n
	}
	for _, p := range m.Posts {
		t.account(p.AccountID).published++
	}
	for _, e := range m.Engagements {
		t.activity[e.Kind] += e.Count
	}
	t.followers = newFollowerTally(m)
	for id, a := range t.accounts {
		a.followersAtEnd = t.followers.accountAt(id, m.To)
	}
	return t
}

// account is the tally of account id, made if the account is not the
// client's (it moved since): its figures still count for the client.
func (t *tally) account(id int64) *accountTally {
	a, ok := t.accounts[id]
	if !ok {
		a = &accountTally{}
		t.accounts[id] = a
	}
	return a
}

// addItems sums the item groups: incoming ones by kind and sentiment,
// outgoing ones as our replies.
func (t *tally) addItems(groups []store.ItemGroup) {
	for _, g := range groups {
		a := t.account(g.AccountID)
		if g.Outgoing {
			t.replies += g.Count
			a.replies += g.Count
			continue
		}
		t.received += g.Count
		a.received += g.Count
		t.byKind[g.Kind] += g.Count
		t.sentiment[g.Sentiment] += g.Count
	}
}

// addResponses counts the items that needed a reply and the time to our
// first answer of those answered. An answer the cache does not hold (the
// item is only marked replied) counts as answered, without a time.
func (t *tally) addResponses(rs []store.Response, hours *Hours) {
	for _, r := range rs {
		a := t.account(r.AccountID)
		t.needing++
		a.needing++
		if !r.Answered() {
			continue
		}
		t.answered++
		a.answered++
		if r.FirstReply.IsZero() {
			continue
		}
		wait := max(0, r.FirstReply.Sub(r.CreatedAt).Seconds())
		t.frt = append(t.frt, wait)
		a.frt = append(a.frt, wait)
		if hours != nil {
			t.biz = append(t.biz, hours.Between(r.CreatedAt, r.FirstReply).Seconds())
		}
	}
}

// labelled is the number of incoming items with a sentiment label.
func (t *tally) labelled() int {
	return t.sentiment[core.SentimentPositive] + t.sentiment[core.SentimentNeutral] +
		t.sentiment[core.SentimentNegative]
}

// net is (positive - negative) / labelled.
func (t *tally) net() Figure {
	n := t.labelled()
	return ratio(t.sentiment[core.SentimentPositive]-t.sentiment[core.SentimentNegative], n)
}

// activityFigure is the count of one kind of event, if reported.
func (t *tally) activityFigure(k core.EngagementKind) Figure {
	if !t.activityOK {
		return NA
	}
	return Num(float64(t.activity[k]))
}
