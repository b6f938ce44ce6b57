// Package stats computes a client's statistics for a period, compared with
// the previous period of the same length: items received per day and kind,
// replies, the share of items answered, first-response times (over the
// clock and in business hours), sentiment, top contributors and
// influencers, tags, posts and their engagement, activity events and
// followers — per client and per account. It reads grouped figures from
// the store (store.ClientMetrics) and decides what is "not available"
// (Figure.OK) instead of making up zeros. It is pure apart from that read:
// no clock, no global state.
package stats

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"cmdeck/core"
	"cmdeck/store"
)

// Source is what Compute reads; *store.Store is one.
type Source interface {
	ClientMetrics(ctx context.Context, clientID int64, from, to time.Time, loc *time.Location) (store.ClientMetrics, error)
}

// Query says which client and period to compute.
type Query struct {
	ClientID int64
	From, To time.Time
	Loc      *time.Location // days are cut in this zone; nil = UTC
	// BusinessHours are the client's (ParseHours); nil: the business-hours
	// response times are not available.
	BusinessHours *Hours
	// Reports says which figures an account's network reports; nil: all.
	// A network that gives no like counts makes likes "not available"
	// rather than zero.
	Reports func(core.Account) Reports
}

// Reports are the figures a network reports.
type Reports struct {
	Likes, Shares, Replies bool // on our posts
	Activity               bool // activity events (likes, shares, follows)
}

// AllReported is a Reports with every figure.
var AllReported = Reports{Likes: true, Shares: true, Replies: true, Activity: true}

// reports is what q says a's network reports.
func (q Query) reports(a core.Account) Reports {
	if q.Reports == nil {
		return AllReported
	}
	return q.Reports(a)
}

// Compute reads the client's figures for [q.From, q.To) and for the
// previous period of the same length (Period.Previous), and computes the
// report.
func Compute(ctx context.Context, src Source, q Query) (Report, error) {
	if q.Loc == nil {
		q.Loc = time.UTC
	}
	p := Period{From: q.From.In(q.Loc), To: q.To.In(q.Loc)}
	if !p.Valid() {
		return Report{}, fmt.Errorf("stats: empty period %s – %s", q.From, q.To)
	}
	prev := p.Previous()
	cur, old, err := fetch(ctx, src, q, p, prev)
	if err != nil {
		return Report{}, err
	}
	return build(q, p, prev, cur, old), nil
}

// fetch reads both periods at once: they are independent reads, and the
// store serves them on two connections.
func fetch(ctx context.Context, src Source, q Query, p, prev Period) (cur, old store.ClientMetrics, err error) {
	var errOld error
	var wg sync.WaitGroup
	wg.Go(func() {
		old, errOld = src.ClientMetrics(ctx, q.ClientID, prev.From, prev.To, q.Loc)
	})
	cur, err = src.ClientMetrics(ctx, q.ClientID, p.From, p.To, q.Loc)
	wg.Wait()
	if err = errors.Join(err, errOld); err != nil {
		return cur, old, fmt.Errorf("stats: %w", err)
	}
	return cur, old, nil
}
