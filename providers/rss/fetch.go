package rss

import (
	"context"
	"sync"
	"time"

	"cmdeck/core"
)

// parallel is how many feeds are read at once: a slow feed does not hold
// the others up, and one account does not open a hundred connections.
const parallel = 4

// result is one feed's outcome in a fetch: a document, "not modified",
// or an error.
type result struct {
	dl  download
	doc parsed
	err error
}

// Fetch reads every feed and returns, in one batch, the entries none of
// the account's feeds brought before, in the order of setting "feeds" and
// of each document. A feed that fails keeps its place in the cursor (its
// validators and memory) and is reported by FeedHealth; the batch carries
// the other feeds' entries. When every feed failed, Fetch returns the
// failure whose class should decide the next try (see allFailed).
func (p *Provider) Fetch(ctx context.Context, cursor string) (core.Batch, error) {
	old, err := decodeCursor(cursor)
	if err != nil {
		return core.Batch{}, err
	}
	now := p.clock.Now().UTC()
	results := p.fetchFeeds(ctx, old)
	p.noteHealth(results, old, now)
	var errs []error
	for _, r := range results {
		if r.err != nil {
			errs = append(errs, r.err)
		}
	}
	if len(errs) == len(results) {
		return core.Batch{}, allFailed(errs)
	}
	b, next := p.merge(old, results, now)
	if b.Cursor, err = encodeCursor(next); err != nil {
		return core.Batch{}, err
	}
	return b, nil
}

// fetchFeeds reads every feed, parallel at a time; results[i] is about
// p.feeds[i].
func (p *Provider) fetchFeeds(ctx context.Context, old cursorState) []result {
	results := make([]result, len(p.feeds))
	slots := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for i, s := range p.feeds {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			results[i] = p.fetchFeed(ctx, s, old.Feeds[s.key])
		})
	}
	wg.Wait()
	return results
}

// fetchFeed downloads and parses one feed.
func (p *Provider) fetchFeed(ctx context.Context, s source, st *feedState) result {
	var prev feedState
	if st != nil {
		prev = *st
	}
	dl, err := p.get(ctx, s, prev)
	if err != nil || dl.notModified {
		return result{dl: dl, err: err}
	}
	doc, err := parseFeed(dl.body)
	if err != nil {
		return result{err: permanentError(s, err.Error())}
	}
	return result{dl: dl, doc: doc}
}

// merge builds the batch and the next cursor from the results: the new
// entries of the feeds that worked, each feed's validators and memory.
// Entries are new when none of their keys is known — from the cursor, any
// feed of the account, or an earlier entry of this batch.
func (p *Provider) merge(old cursorState, results []result, now time.Time) (core.Batch, cursorState) {
	known := old.seenSet()
	next := cursorState{Feeds: map[string]*feedState{}}
	var b core.Batch
	for i, s := range p.feeds {
		r, prev := results[i], old.Feeds[s.key]
		switch {
		case r.err != nil:
			if prev != nil {
				next.Feeds[s.key] = prev
			}
		case r.dl.notModified:
			st := feedState{LastOK: now.Unix(), ETag: r.dl.etag, Modified: r.dl.modified}
			if prev != nil {
				st.Seen = prev.Seen
			}
			next.Feeds[s.key] = &st
		default:
			items, keys := p.newEntries(s, r.doc, known, now)
			b.Items = append(b.Items, items...)
			var before []string
			if prev != nil {
				before = prev.Seen
			}
			next.Feeds[s.key] = &feedState{LastOK: now.Unix(), ETag: r.dl.etag, Modified: r.dl.modified, Seen: mergeSeen(keys, before)}
		}
	}
	return b, next
}

// newEntries maps the document's first maxEntries entries and returns the
// new ones, and every entry's keys (which it adds to known).
func (p *Provider) newEntries(s source, doc parsed, known map[string]bool, now time.Time) ([]core.Item, []string) {
	var items []core.Item
	var keys []string
	for i := range min(len(doc.feed.Items), maxEntries) {
		if doc.feed.Items[i] == nil {
			continue
		}
		e := p.m.entry(s, doc, i, now)
		isNew := true
		for _, k := range e.keys {
			isNew = isNew && !known[k]
			known[k] = true
		}
		keys = append(keys, e.keys...)
		if isNew {
			items = append(items, e.item)
		}
	}
	return items, keys
}
