package rules

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"cmdeck/core"
)

// maxAge: older items are history, not a trend. A first sync pulls days of
// backlog; without this it would alert on messages long since dealt with.
const maxAge = 24 * time.Hour

// Evaluate runs the ingest rules (all but SLA) on a batch of new items and
// returns the alerts to raise or grow, grouped: the items of a batch that
// fire one rule for one client are one Hit, and later batches of the same
// day (hour, for spikes) share its group key. Items older than a day, our
// own replies and unstored items (ID 0) are skipped.
//
// The store is asked at most once per spike rule and client with a
// matching item this hour, and once per author and period for repeat
// offenders. A failing Env call skips that rule; the other hits are
// returned with the joined errors.
func (s *Set) Evaluate(items []Item, env Env) ([]Hit, error) {
	e := newEvaluation(env.Now())
	d := newDoc(s.dict)
	for i := range items {
		it := &items[i]
		if !e.fresh(it) {
			continue
		}
		d.reset(it)
		for _, r := range s.rulesFor(it.Client, 0) {
			e.item(r, d)
		}
	}
	e.spikes(env)
	e.offenders(env)
	return e.hits, errors.Join(e.errs...)
}

// evaluation is the state of one Evaluate or Overdue call.
type evaluation struct {
	now    time.Time
	day    string    // UTC day of now, the bucket of most rules
	hour   time.Time // start of now's UTC clock hour
	hits   []Hit
	groups map[groupID]int // → index in hits
	// Candidates wait for the store: spikes by rule and client, repeat
	// offenders by rule, client and author.
	cands   []*candidate
	candIdx map[candID]int
	errs    []error
}

type candID struct {
	rule           *compiled
	client, author string
}

type candidate struct {
	r      *compiled
	client string
	author string // repeat offenders
	handle string
	ids    []int64
}

func newEvaluation(now time.Time) *evaluation {
	return &evaluation{
		now: now, day: now.UTC().Format(time.DateOnly), hour: now.UTC().Truncate(time.Hour),
		groups: map[groupID]int{}, candIdx: map[candID]int{},
	}
}

// fresh reports whether an item may fire ingest rules.
func (e *evaluation) fresh(it *Item) bool {
	return !it.Outgoing && it.ID != 0 && (it.CreatedAt.IsZero() || !it.CreatedAt.Before(e.now.Add(-maxAge)))
}

// item matches one rule against the doc's item. Cheap checks come before
// the query, so most items never need tokenizing for those rules.
func (e *evaluation) item(r *compiled, d *doc) {
	it := d.item
	switch r.Type {
	case TypeKeyword:
		if r.query.match(d) {
			e.addItem(r, it, e.day, nil)
		}
	case TypeSentiment:
		if negative(it, r.threshold) && r.query.match(d) {
			e.addItem(r, it, e.day, nil)
		}
	case TypeVIP:
		if r.isVIP(d) && r.query.match(d) {
			e.addItem(r, it, e.day, handleDetail)
		}
	case TypeSpike:
		if (it.CreatedAt.IsZero() || !it.CreatedAt.Before(e.hour)) && r.query.match(d) {
			e.candidate(r, it, "")
		}
	case TypeRepeatOffender:
		if it.AuthorKey != "" && r.query.match(d) {
			e.candidate(r, it, it.AuthorKey)
		}
	}
}

// negative reports a score at or below the threshold. A score of exactly 0
// means the item was not scored: its label decides.
func negative(it *Item, threshold float64) bool {
	if it.Score != 0 {
		return it.Score <= threshold
	}
	return it.Sentiment == core.SentimentNegative
}

// isVIP reports an author the rule watches.
func (r *compiled) isVIP(d *doc) bool {
	it := d.item
	if (r.Marked && it.VIP) || (r.MinFollowers > 0 && it.Followers >= r.MinFollowers) {
		return true
	}
	if len(r.authors) == 0 {
		return false
	}
	h := d.field(fieldHandle)
	local, _, _ := strings.Cut(h, "@")
	for _, a := range r.authors {
		// "chef" is chef on any server; "chef@a.social" only there.
		if a == h || (a == local && !strings.Contains(a, "@")) {
			return true
		}
	}
	return false
}

// groupID names a group while evaluating, without building its key.
type groupID struct {
	rule           *compiled
	client, bucket string
}

// group returns the rule's group for the client and bucket, opening it;
// isNew says it was just opened.
func (e *evaluation) group(r *compiled, client, bucket string) (h *Hit, isNew bool) {
	id := groupID{r, client, bucket}
	i, ok := e.groups[id]
	if !ok {
		i = len(e.hits)
		e.groups[id] = i
		e.hits = append(e.hits, Hit{Rule: r.Name, Type: r.Type, Client: client, Severity: r.Severity,
			GroupKey: r.Name + ":" + client + ":" + bucket, At: e.now})
	}
	return &e.hits[i], !ok
}

// addItem puts the item into the rule's group for the bucket. The title is
// made when the group opens, ended by detail's text if detail is not nil.
func (e *evaluation) addItem(r *compiled, it *Item, bucket string, detail func(*compiled, *Item) string) {
	h, isNew := e.group(r, it.Client, bucket)
	if isNew {
		var text string
		if detail != nil {
			text = detail(r, it)
		}
		h.Title = title(r.Name, it.Client, text)
	}
	h.ItemIDs = append(h.ItemIDs, it.ID)
	h.Count = len(h.ItemIDs)
}

// title is "rule — client" and the detail, if any. Titles stay data (rule,
// client, handle, figures): the UI words them.
func title(rule, client, detail string) string {
	t := rule + " — " + client
	if detail != "" {
		t += ": " + detail
	}
	return core.SanitizeLine(t)
}

// handleDetail ends a VIP title with the author.
func handleDetail(_ *compiled, it *Item) string { return cleanHandle(it.Handle) }

// cleanHandle is a handle for a title, with its "@" ("" stays "").
func cleanHandle(h string) string {
	h = core.SanitizeLine(h)
	if h != "" && !strings.HasPrefix(h, "@") {
		h = "@" + h
	}
	return h
}

// candidate notes a matching item for a rule the store must confirm.
func (e *evaluation) candidate(r *compiled, it *Item, author string) {
	id := candID{r, it.Client, author}
	i, ok := e.candIdx[id]
	if !ok {
		i = len(e.cands)
		e.candIdx[id] = i
		e.cands = append(e.cands, &candidate{r: r, client: it.Client, author: author})
	}
	c := e.cands[i]
	c.ids = append(c.ids, it.ID)
	c.handle = it.Handle
}

// offenders confirms repeat offenders with the store, asking once per
// author and period.
func (e *evaluation) offenders(env Env) {
	type question struct {
		author string
		period time.Duration
	}
	asked := map[question]int{}
	for _, c := range e.cands {
		if c.r.Type != TypeRepeatOffender {
			continue
		}
		key := question{c.author, c.r.Period}
		since := e.now.Add(-c.r.Period)
		n, ok := asked[key]
		if !ok {
			var err error
			if n, err = env.OffenceCount(c.author, since); err != nil {
				e.errs = append(e.errs, fmt.Errorf("rules: rule %q: offences: %w", c.r.Name, err))
				continue
			}
			asked[key] = n
		}
		if n >= c.r.Count {
			e.addAll(c, c.author+":"+e.day, cleanHandle(c.handle)+" ×"+strconv.Itoa(n), n)
		}
	}
}

// addAll adds a candidate's items to its group, with the figure that fired.
func (e *evaluation) addAll(c *candidate, bucket, detail string, count int) {
	h, _ := e.group(c.r, c.client, bucket)
	h.ItemIDs = append(h.ItemIDs, c.ids...)
	h.Title = title(c.r.Name, c.client, detail)
	h.Count = count
}
