// Package demo is an embedded, fictional social network: several brands
// (a French game studio, a bakery chain, an English fitness brand, a bank),
// each with accounts on made-up networks (Chirper, Facegram, ForumPlus,
// ReviewHub). It makes cmdeck useful on first start and lets every key be
// tried without a real network.
//
// The network is "living": the first fetch returns ten days of threaded
// backlog, later fetches return the few messages that arrived since. All of
// it is deterministic from (seed, account, cursor, clock), and nothing is
// drawn from global randomness or map order, so tests can pin it down.
package demo

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

// Tuning of the live trickle.
const (
	backlogSpan  = 10 * 24 * time.Hour
	arrivalRate  = 0.22 // mean new items per minute per account
	maxPerFetch  = 3
	maxQuietSpan = 2 * time.Hour // longer gaps are skipped, not replayed
	// postHistoryDays of the account's own posts come with the first sync:
	// enough for the stats' top posts and the composer's best times.
	postHistoryDays = 90
)

// Register adds the "demo" factory to r. Every provider it builds reads the
// given clock and derives its community from seed and its account.
func Register(r *providers.Registry, clock core.Clock, seed int64) {
	r.Register(ProviderName, func(cfg providers.AccountConfig) (providers.Provider, error) {
		p, err := New(cfg, clock, seed)
		if err != nil {
			return nil, err
		}
		return p, nil
	})
}

// Provider is the demo network bound to one account. It is safe for
// concurrent use.
type Provider struct {
	gen   *generator
	clock core.Clock
	out   outbox
	fail  *failSwitch // a failure injected by tests (FailNext)
	media mediaLimits // attachments a post may carry
}

// New builds the demo provider for one account.
func New(cfg providers.AccountConfig, clock core.Clock, seed int64) (*Provider, error) {
	if clock == nil {
		return nil, errors.New("demo: no clock given")
	}
	if strings.TrimSpace(cfg.Account.Handle) == "" {
		return nil, &providers.PermanentError{Err: errors.New("demo: the account has no handle; set one in the config")}
	}
	g := newGenerator(cfg.Account, seed, newCatalog(), newWords()).live()
	return &Provider{gen: g, clock: clock, out: newOutbox(), fail: &failSwitch{}, media: defaultMediaLimits()}, nil
}

// Capabilities says what Do supports on this account's network.
func (p *Provider) Capabilities() providers.Capabilities {
	return append(providers.Capabilities(nil), p.gen.net.caps...)
}

// Fetch returns the backlog for cursor "" and, after that, what arrived
// between the cursor's time and now.
func (p *Provider) Fetch(ctx context.Context, cursor string) (core.Batch, error) {
	if err := ctx.Err(); err != nil {
		return core.Batch{}, err
	}
	if err := p.injected(); err != nil {
		return core.Batch{}, err
	}
	now := p.clock.Now().UTC().Truncate(time.Millisecond)
	if cursor == "" {
		return p.backlog(now), nil
	}
	c, err := parseCursor(cursor)
	if err != nil {
		return core.Batch{}, &providers.PermanentError{Err: err}
	}
	return p.trickle(c, now), nil
}

// backlog is the first sync: ten days of conversations, the account's posts
// of those days and thirty days of audience figures.
func (p *Provider) backlog(now time.Time) core.Batch {
	g := p.gen
	n := g.backlogSize()
	start := now.Add(-backlogSpan)
	span := float64(backlogSpan - 5*time.Minute)
	items := make([]core.Item, 0, n)
	for seq := 1; seq <= n; seq++ {
		u := unit(g.seed, saltTime, uint64(seq))
		at := start.Add(time.Duration(span * (float64(seq-1) + u) / float64(n))).Truncate(time.Millisecond)
		it := g.item(seq, at)
		if it.State == core.StateNew && !it.NeedsReply && now.Sub(at) > 48*time.Hour {
			it.State = core.StateRead // older chatter the CM has already seen
		}
		items = append(items, it)
	}
	today := dayOf(now)
	return core.Batch{
		Items:     items,
		Posts:     g.publishedPosts(today-postHistoryDays+1, today, now),
		Snapshots: g.snapshots(today-29, today),
		Cursor:    cursor{ms: now.UnixMilli(), seq: n, origin: now.UnixMilli()}.String(),
	}
}

// trickle returns the items that arrived in (cursor time, now], at most
// maxPerFetch of them (More says there are others).
func (p *Provider) trickle(c cursor, now time.Time) core.Batch {
	g := p.gen
	nowMs := now.UnixMilli()
	if nowMs <= c.ms {
		return core.Batch{Cursor: c.String()} // clock went back or did not move
	}
	from := max(c.ms, nowMs-maxQuietSpan.Milliseconds())
	times := g.merged(c.origin, from, nowMs)
	b := core.Batch{}
	next := cursor{ms: nowMs, seq: c.seq, origin: c.origin}
	if len(times) > maxPerFetch {
		times, b.More = times[:maxPerFetch], true
		next.ms = times[maxPerFetch-1].ms
	}
	for _, a := range times {
		at := time.UnixMilli(a.ms).UTC()
		if a.crisis >= 0 {
			b.Items = append(b.Items, g.crisisItem(a.crisis, at))
			continue
		}
		next.seq++
		b.Items = append(b.Items, g.item(next.seq, at))
	}
	if len(b.Items) > 0 {
		// Reactions keep coming on the latest posts.
		b.Posts = g.publishedPosts(dayOf(now)-1, dayOf(now), now)
	}
	if d0, d1 := dayOf(time.UnixMilli(c.ms)), dayOf(now); d1 > d0 {
		b.Snapshots = g.snapshots(max(d0+1, d1-29), d1)
	}
	b.Cursor = next.String()
	return b
}

// merged lists the arrivals in (from, to] of the ordinary stream and of
// the crisis, in order, at least maxPerFetch+1 of them when there are as
// many: enough to fill a fetch and tell whether more remain.
func (g *generator) merged(origin, from, to int64) []arrival {
	var out []arrival
	for _, ms := range g.arrivals(from, to, maxPerFetch+1) {
		out = append(out, arrival{ms: ms, crisis: -1})
	}
	extra := g.crisisArrivals(origin, from, to)
	if len(extra) == 0 {
		return out
	}
	out = append(out, extra...)
	slices.SortStableFunc(out, func(a, b arrival) int { return cmp.Compare(a.ms, b.ms) })
	return out
}

// arrivals lists, in order, the times (unix ms) in (from, to] at which a
// message reaches the account, stopping after limit. Time is cut into
// minutes; each minute draws whether a message lands in it, with a rate that
// drifts by quarter hour (busy and quiet spells). The answer depends only on
// the interval, never on how often the engine polls.
func (g *generator) arrivals(from, to int64, limit int) []int64 {
	var out []int64
	for m := from / 60000; m <= to/60000 && len(out) < limit; m++ {
		wave := 0.4 + 1.2*unit(g.seed, saltWave, uint64(m/15))
		r := newRNG(g.seed, saltArrive, uint64(m))
		if r.float() >= arrivalRate*wave {
			continue
		}
		at := m*60000 + int64(r.intn(60000))
		if at > from && at <= to {
			out = append(out, at)
		}
	}
	return out
}

// cursor is where the account's stream stands: the time up to which items
// have been generated, the last item number, and when the first sync
// happened (origin, unix ms), which times the crisis.
type cursor struct {
	ms     int64
	seq    int
	origin int64
}

// Cursor formats: demo2:ms:seq:origin. Cursors written before the crisis
// existed (demo1:ms:seq) are still read, with no origin: a database synced
// before the crisis existed does not live through it.
const (
	cursorPrefix   = "demo2"
	cursorPrefixV1 = "demo1"
)

func (c cursor) String() string {
	return cursorPrefix + ":" + strconv.FormatInt(c.ms, 10) + ":" + strconv.Itoa(c.seq) + ":" + strconv.FormatInt(c.origin, 10)
}

func parseCursor(s string) (cursor, error) {
	shown := s
	if len(shown) > 40 {
		shown = shown[:40] + "…"
	}
	bad := fmt.Errorf("demo: unreadable sync cursor %q; reset the account's sync state", shown)
	parts := strings.Split(s, ":")
	origin := int64(0)
	switch {
	case len(parts) == 3 && parts[0] == cursorPrefixV1:
	case len(parts) == 4 && parts[0] == cursorPrefix:
		o, err := strconv.ParseInt(parts[3], 10, 64)
		if err != nil || o < 0 {
			return cursor{}, bad
		}
		origin = o
	default:
		return cursor{}, bad
	}
	ms, err1 := strconv.ParseInt(parts[1], 10, 64)
	seq, err2 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || ms < 0 || seq < 0 || seq > 1_000_000_000 {
		return cursor{}, bad
	}
	return cursor{ms: ms, seq: seq, origin: origin}, nil
}
