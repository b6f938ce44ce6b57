package engine

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"cmdeck/rules"
)

// storeEnv is the rules.Env of one evaluation: the step's time and the
// store, bound to the step's context. It remembers the volumes it read,
// so spike rules sharing a baseline ask the store once.
type storeEnv struct {
	ctx     context.Context
	store   Store
	now     time.Time
	clients map[string]int64 // client slug → id
	volumes volumes          // the runner's copy of the items' hourly volumes
	hours   map[hoursKey][]int

	// The batch's authors' offences are read at once, on the first
	// question, back to offenceSince (the longest repeat-offender period).
	authors      []int64
	offenceSince time.Time
	offences     map[int64][]time.Time
}

type hoursKey struct {
	client   int64
	query    string
	from, to time.Time
}

// newEnv is the Env of one evaluation of items by authors (store ids).
func (r *Runner) newEnv(ctx context.Context, now time.Time, clients map[string]int64, authors []int64) *storeEnv {
	return &storeEnv{ctx: ctx, store: r.store, now: now, clients: clients, volumes: r.alerts.volumes,
		hours: map[hoursKey][]int{}, authors: authors, offenceSince: now.Add(-r.alerts.maxPeriod)}
}

// Now is the step's time: evaluation is deterministic under a manual clock.
func (e *storeEnv) Now() time.Time { return e.now }

// HourlyCounts reads the items' own hourly volumes without a query
// (volumes.go), and the engine's spike counters (spikes.go) with one.
func (e *storeEnv) HourlyCounts(client string, q *rules.Query, from, to time.Time) ([]int, error) {
	id, ok := e.clients[client]
	if !ok {
		return nil, fmt.Errorf("unknown client %q", client)
	}
	key := hoursKey{client: id, from: from, to: to}
	if q != nil {
		key.query = q.String()
	}
	if counts, ok := e.hours[key]; ok {
		return counts, nil
	}
	counts, err := e.read(key)
	if err != nil {
		return nil, err
	}
	e.hours[key] = counts
	return counts, nil
}

// read asks the store for one series of hourly counts.
func (e *storeEnv) read(k hoursKey) ([]int, error) {
	if k.query != "" {
		return e.store.RuleHours(e.ctx, k.client, k.query, k.from, k.to)
	}
	return e.volumes.read(e.ctx, e.store, k.client, k.from, k.to)
}

// OffenceCount counts the author's hidden and spam items since a time.
// The key is the store's author id (rules.FromCore of a stored item); any
// other key is an author the store does not know yet, who has none.
func (e *storeEnv) OffenceCount(authorKey string, since time.Time) (int, error) {
	id, err := strconv.ParseInt(authorKey, 10, 64)
	if err != nil || id <= 0 {
		return 0, nil
	}
	if err := e.loadOffences(id, since); err != nil {
		return 0, err
	}
	n := 0
	for _, t := range e.offences[id] {
		if !t.Before(since) {
			n++
		}
	}
	return n, nil
}

// loadOffences reads the offences of the batch's authors (and id) back to
// since at the latest, the first time one is asked for: one query for
// the batch rather than one per author.
func (e *storeEnv) loadOffences(id int64, since time.Time) error {
	if e.offences != nil && !since.Before(e.offenceSince) {
		if _, known := e.offences[id]; known || slices.Contains(e.authors, id) {
			return nil
		}
	}
	if since.Before(e.offenceSince) {
		e.offenceSince = since
	}
	authors := append(slices.Clone(e.authors), id)
	got, err := e.store.OffenceTimes(e.ctx, authors, e.offenceSince)
	if err != nil {
		return err
	}
	e.offences, e.authors = got, authors
	return nil
}
