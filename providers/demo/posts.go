package demo

import (
	"math"
	"strconv"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

// epochDay anchors audience growth (2025-01-01): followers are a pure
// function of the day number, so any day's snapshot can be recomputed.
const epochDay = 20089

// followers is the account's audience on a day: steady growth with a little
// day-to-day noise, never below a third of the base.
func (g *generator) followers(day int64) int {
	r := newRNG(g.seed, saltStats)
	lo, hi := math.Log(float64(max(g.brand.minFollowers, 10))), math.Log(float64(max(g.brand.maxFollowers, 20)))
	base := math.Exp(lo + r.float()*(hi-lo))
	growth := 0.0008 + 0.002*r.float() // share of base gained per day
	factor := math.Max(1+growth*float64(day-epochDay), 0.33)
	noise := base * 0.0006 * (unit(g.seed, saltStats, uint64(day)) - 0.5)
	return int(base*factor + noise)
}

// snapshot is the audience figures the network reports for a day.
func (g *generator) snapshot(day int64) core.StatSnapshot {
	since := max(day-epochDay, 0)
	s := core.StatSnapshot{
		AccountID: g.acct.ID, Day: time.Unix(day*86400, 0).UTC(),
		Followers: g.followers(day),
		Following: 120 + int(since/9) + int(hash(g.seed, saltStats, 1)%200),
		Posts:     300 + int(since*7/10) + int(hash(g.seed, saltStats, 2)%500),
	}
	if g.net.noFollow {
		s.Following, s.Posts = -1, -1 // a review site has neither
	}
	return s
}

// snapshots returns the snapshots of days from..to, inclusive.
func (g *generator) snapshots(from, to int64) []core.StatSnapshot {
	if to < from {
		return nil
	}
	out := make([]core.StatSnapshot, 0, to-from+1)
	for d := from; d <= to; d++ {
		out = append(out, g.snapshot(d))
	}
	return out
}

// publishedPosts returns the account's own posts of days from..to, with the
// engagement they have gathered by now. Posts not yet out at now are left out.
func (g *generator) publishedPosts(from, to int64, now time.Time) []core.Post {
	if !g.net.caps.Has(providers.CapPublish) {
		return nil
	}
	var out []core.Post
	for d := from; d <= to; d++ {
		id, at, r, ok := g.postOf(d)
		if !ok || at.After(now) {
			continue
		}
		p := core.Post{
			ClientID: g.acct.ClientID, AccountID: g.acct.ID, RemoteID: id,
			Body: g.postBody(r), Status: core.PostPublished,
			ScheduledAt: at, PublishedAt: at, URL: g.base + "/posts/" + id,
		}
		// Engagement saturates over the first day: most reactions come early.
		final := float64(g.followers(d)) * (0.004 + 0.03*r.float()*r.float()) * g.timeFactor(at)
		frac := 1 - math.Exp(-now.Sub(at).Hours()/6)
		p.Likes = int(final * frac)
		p.Shares = int(float64(p.Likes) * (0.05 + 0.15*r.float()))
		p.Replies = int(float64(p.Likes) * (0.03 + 0.09*r.float()))
		out = append(out, p)
	}
	return out
}

// postOf is the account's post of day d, if it posts that day: its id,
// its time, and the generator that goes on to write it.
func (g *generator) postOf(d int64) (id string, at time.Time, r *rng, ok bool) {
	r = newRNG(g.seed, saltPost, uint64(d))
	if r.float() >= 0.7 {
		return "", time.Time{}, nil, false
	}
	// A CM posts at a few usual hours: one of them, a few minutes past.
	slot := r.float() * float64(len(usualHours))
	hour := usualHours[int(slot)]
	minutes := time.Duration((slot - math.Floor(slot)) * 40 * float64(time.Minute))
	at = time.Unix(d*86400, 0).UTC().Add(time.Duration(hour)*time.Hour + minutes).Truncate(time.Minute)
	// Post ids carry the account token: the store may key posts by id alone.
	return g.code + "-" + g.tok + "-p" + strconv.FormatInt(d, 10), at, r, true
}

// usualHours are the hours (UTC) the demo accounts post at.
var usualHours = []int{8, 11, 17}

// timeFactor is how much more a post at t draws than the account's
// usual: each account has an hour and a weekday its audience answers
// best, so the composer's best times have something to find.
func (g *generator) timeFactor(t time.Time) float64 {
	f := 1.0
	if t.Hour() == usualHours[hash(g.seed, saltPost, 99)%uint64(len(usualHours))] {
		f += 0.9
	}
	if int(t.Weekday()) == int(hash(g.seed, saltPost, 98)%7) {
		f += 0.5
	}
	return f
}

// postBefore is the id of the account's latest post published at or
// before t, within postReach: a comment answers one of our recent posts,
// so contests can be drawn and the stats lead from a post to its comments.
func (g *generator) postBefore(t time.Time) (string, bool) {
	if !g.net.caps.Has(providers.CapPublish) {
		return "", false
	}
	for d := dayOf(t); d >= dayOf(t.Add(-postReach)); d-- {
		if id, at, _, ok := g.postOf(d); ok && !at.After(t) && t.Sub(at) <= postReach {
			return id, true
		}
	}
	return "", false
}

// postReach is how long after a post comments still answer it.
const postReach = 3 * 24 * time.Hour

// postBody writes one of our posts, sometimes in the other language or in
// both (brands with a mixed audience post bilingual messages).
func (g *generator) postBody(r *rng) string {
	p, o := g.brand.primary, g.brand.secondary()
	one := func(lang string) string {
		return g.sl.fill(r, lang, g.cat.choose(r, lang, g.brand.domain, famPost))
	}
	switch x := r.float(); {
	case x < 0.15:
		return one(p) + "\n\n" + one(o)
	case x < 0.15+g.brand.other:
		return one(o)
	}
	return one(p)
}

// SeedPosts returns drafts and scheduled posts for the next ten days, for
// the calendar on first start. It depends only on the accounts and now.
// Accounts whose network cannot publish get none.
func SeedPosts(accounts []core.Account, now time.Time) []core.Post {
	cat, w := newCatalog(), newWords()
	now = now.UTC()
	today := dayOf(now)
	slots := []time.Duration{8 * time.Hour, 9*time.Hour + 30*time.Minute, 12*time.Hour + 15*time.Minute,
		17*time.Hour + 45*time.Minute, 19 * time.Hour, 20*time.Hour + 30*time.Minute}
	var out []core.Post
	for _, a := range accounts {
		g := newGenerator(a, 0, cat, w)
		if !g.net.caps.Has(providers.CapPublish) {
			continue
		}
		base := core.Post{ClientID: a.ClientID, AccountID: a.ID}
		for d := int64(0); d < 10; d++ {
			r := newRNG(g.seed, saltPost, uint64(today+d), 7)
			if r.float() >= 0.45 {
				continue
			}
			at := time.Unix((today+d)*86400, 0).UTC().Add(pick(r, slots))
			if at.Before(now.Add(30 * time.Minute)) {
				continue // too close to now to still be waiting
			}
			p := base
			p.Status, p.ScheduledAt, p.Body = core.PostScheduled, at, g.postBody(r)
			out = append(out, p)
		}
		r := newRNG(g.seed, saltPost, uint64(today), 8)
		draft := base
		draft.Status, draft.Body = core.PostDraft, g.postBody(r)
		dated := base
		dated.Status, dated.Body = core.PostDraft, g.postBody(r)
		dated.ScheduledAt = time.Unix((today+int64(r.between(2, 9)))*86400, 0).UTC().Add(pick(r, slots))
		out = append(out, draft, dated)
	}
	return out
}
