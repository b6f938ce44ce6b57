package rules

import (
	"time"
)

// fakeEnv is an in-memory store: the items it holds answer HourlyCounts by
// matching the query in Go, as a store without a better index would.
type fakeEnv struct {
	now       time.Time
	stored    []Item
	offences  map[string]int
	countErr  error
	countCall int
	offCall   int
}

func (e *fakeEnv) Now() time.Time { return e.now }

func (e *fakeEnv) HourlyCounts(client string, q *Query, from, to time.Time) ([]int, error) {
	e.countCall++
	if e.countErr != nil {
		return nil, e.countErr
	}
	out := make([]int, int(to.Sub(from)/time.Hour))
	match := func(*Item) bool { return true }
	if q != nil {
		match = q.Matcher()
	}
	for i := range e.stored {
		it := &e.stored[i]
		if it.Client != client || it.CreatedAt.Before(from) || !it.CreatedAt.Before(to) || !match(it) {
			continue
		}
		out[int(it.CreatedAt.Sub(from)/time.Hour)]++
	}
	return out, nil
}

func (e *fakeEnv) OffenceCount(author string, since time.Time) (int, error) {
	e.offCall++
	return e.offences[author], nil
}

// ingest stores items as the engine does before evaluating them.
func (e *fakeEnv) ingest(items []Item) { e.stored = append(e.stored, items...) }
