package app

import (
	"time"

	"cmdeck/core"
	"cmdeck/rules"
)

// pastEnv is the rules.Env of a dry run (cmdeck rules test): one client's
// history as it stood at the item being evaluated. The dry run feeds it
// the client's items oldest first and moves its clock to each item, so
// whatever it answers was in the past at that moment, and nothing is
// asked of (or written to) the store.
type pastEnv struct {
	client string
	now    time.Time
	// keep is how long items stay in window: the longest spike baseline,
	// so a query first asked about late can still count its whole window.
	keep   time.Duration
	window []rules.Item // incoming items of [now-keep, now], oldest first
	counts map[*rules.Query]*queryHours
	// offences are the times of each author's items that are hidden or
	// spam now, by rules.Item.AuthorKey. The store records when the CM
	// moderated an item, but does not list it: the dry run takes the
	// item's own time instead.
	offences map[string][]time.Time
}

// queryHours counts the items matching one spike rule's query, by UTC hour
// (unix seconds / 3600).
type queryHours struct {
	match func(*rules.Item) bool
	hours map[int64]int
}

func newPastEnv(client string, keep time.Duration) *pastEnv {
	return &pastEnv{client: client, keep: keep, counts: map[*rules.Query]*queryHours{},
		offences: map[string][]time.Time{}}
}

// Now is the time of the item being evaluated.
func (e *pastEnv) Now() time.Time { return e.now }

// add records an incoming item of the client and moves the clock to it.
// Items must come oldest first.
func (e *pastEnv) add(it rules.Item) {
	if it.CreatedAt.After(e.now) {
		e.now = it.CreatedAt
	}
	if it.Outgoing {
		return // our own replies are no one's volume and no offence
	}
	e.window = append(e.window, it)
	last := &e.window[len(e.window)-1]
	for _, c := range e.counts {
		if c.match(last) {
			c.hours[hourOf(it.CreatedAt)]++
		}
	}
	if it.State == core.StateHidden || it.State == core.StateSpam {
		e.offences[it.AuthorKey] = append(e.offences[it.AuthorKey], it.CreatedAt)
	}
	e.trim()
}

// trim drops the items older than keep, in chunks so appending stays cheap.
func (e *pastEnv) trim() {
	cut := 0
	for cut < len(e.window) && e.window[cut].CreatedAt.Before(e.now.Add(-e.keep)) {
		cut++
	}
	if cut > 0 && cut >= len(e.window)/2 {
		e.window = append(e.window[:0], e.window[cut:]...)
	}
}

// HourlyCounts counts the client's items matching q in each UTC hour of
// [from, to), up to now.
func (e *pastEnv) HourlyCounts(client string, q *rules.Query, from, to time.Time) ([]int, error) {
	n := int(to.Sub(from) / time.Hour)
	out := make([]int, max(n, 0))
	if client != e.client {
		return out, nil
	}
	c := e.queryHours(q)
	first := hourOf(from)
	for i := range out {
		out[i] = c.hours[first+int64(i)]
	}
	return out, nil
}

// queryHours returns q's counter, counting the window the first time q is
// asked about; later items are counted as they come.
func (e *pastEnv) queryHours(q *rules.Query) *queryHours {
	if c, ok := e.counts[q]; ok {
		return c
	}
	c := &queryHours{match: func(*rules.Item) bool { return true }, hours: map[int64]int{}}
	if q != nil {
		c.match = q.Matcher()
	}
	for i := range e.window {
		if it := &e.window[i]; !it.CreatedAt.Before(e.now.Add(-e.keep)) && c.match(it) {
			c.hours[hourOf(it.CreatedAt)]++
		}
	}
	e.counts[q] = c
	return c
}

// OffenceCount counts the author's hidden or spam items from since to now.
func (e *pastEnv) OffenceCount(authorKey string, since time.Time) (int, error) {
	n := 0
	for _, t := range e.offences[authorKey] {
		if !t.Before(since) && !t.After(e.now) {
			n++
		}
	}
	return n, nil
}

// hourOf numbers UTC clock hours.
func hourOf(t time.Time) int64 { return t.Unix() / 3600 }
