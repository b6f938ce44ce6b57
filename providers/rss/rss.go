// Package rss is the listening-source adapter: RSS (0.9x, 1.0, 2.0), Atom
// and JSON Feed documents — web alerts, blogs, forum and review feeds,
// subreddit feeds — read into the inbox like any other network's items.
//
// One account is one set of feeds, read-only (no capabilities). Settings:
//   - "feeds" (required): feed URLs separated by newlines or commas:
//     https:// or http://, credentials in the URL or a token in its query
//     allowed (used, never shown), or file:///absolute/path for a local
//     document (exported alerts, fixtures);
//   - "kind": what the items are in the inbox, one of mention (the
//     default: a web alert or a blog post is somebody talking about the
//     client), forum, review or comment;
//   - "name": the author of the entries of a feed that names nobody, not
//     even itself.
//
// Each fetch reads every feed (a conditional GET with the ETag and
// Last-Modified it last gave, body at most 10 MB, 30 s), keeps the
// entries not seen before (by GUID and by link, across the account's
// feeds, remembered in the cursor), and returns them in one batch. A feed
// that fails does not fail the batch: FeedHealth says which feeds work.
// Only when every feed failed is Fetch an error, typed (providers.Classify).
package rss

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

// Provider reads one account's feeds.
type Provider struct {
	feeds []source
	m     mapper
	clock core.Clock
	http  *http.Client

	mu     sync.Mutex
	health []FeedStatus // per feed, in the order of setting "feeds"
}

var _ providers.Provider = (*Provider)(nil)

// FeedStatus is how one feed did at the last fetch, for the health view.
type FeedStatus struct {
	URL       string    // the feed, without credentials or secret query values
	OK        bool      // the last fetch read it (a 304 counts)
	Err       string    // why it failed, one clean line; "" when OK
	LastOK    time.Time // when it last worked; zero if never (as far as the cursor knows)
	CheckedAt time.Time // when it was last fetched; zero before the first fetch
}

// kinds are the item kinds setting "kind" accepts.
var kinds = []core.ItemKind{core.KindMention, core.KindForum, core.KindReview, core.KindComment}

// New builds the adapter for one account (see the package doc for the
// settings). clock and hc may be nil: the system clock, a plain client
// (each request carries its own deadline).
func New(cfg providers.AccountConfig, clock core.Clock, hc *http.Client) (*Provider, error) {
	feeds, err := parseFeeds(cfg.Settings["feeds"])
	if err != nil {
		return nil, err
	}
	kind, err := parseKind(cfg.Settings["kind"])
	if err != nil {
		return nil, err
	}
	if clock == nil {
		clock = core.SystemClock{}
	}
	if hc == nil {
		hc = &http.Client{}
	}
	p := &Provider{
		feeds: feeds,
		m:     mapper{kind: kind, network: networkName(cfg.Account), name: strings.TrimSpace(cfg.Settings["name"])},
		clock: clock,
		http:  hc,
	}
	p.health = make([]FeedStatus, len(feeds))
	for i, s := range feeds {
		p.health[i].URL = s.display
	}
	return p, nil
}

func parseKind(v string) (core.ItemKind, error) {
	v = strings.ToLower(strings.TrimSpace(v))
	if v == "" {
		return core.KindMention, nil
	}
	for _, k := range kinds {
		if string(k) == v {
			return k, nil
		}
	}
	return "", fmt.Errorf(`rss: setting "kind" must be one of %v, got %q`, kinds, v)
}

// networkName is the authors' network: the account's, or "rss".
func networkName(a core.Account) string {
	if n := strings.TrimSpace(a.Network); n != "" {
		return n
	}
	return "rss"
}

// Capabilities is empty: a feed is read, never written to.
func (p *Provider) Capabilities() providers.Capabilities { return nil }

// Do refuses every action.
func (p *Provider) Do(_ context.Context, a core.Action) (core.ActionResult, error) {
	return core.ActionResult{}, fmt.Errorf("rss: %s: %w (feeds are read-only)", a.Kind, providers.ErrUnsupported)
}

// FeedHealth is how each feed did at the last fetch, in the order of
// setting "feeds".
func (p *Provider) FeedHealth() []FeedStatus {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]FeedStatus, len(p.health))
	copy(out, p.health)
	return out
}

// noteHealth records the outcome of a fetch at now; old is the cursor the
// fetch started from (when each feed last worked, after a restart).
func (p *Provider) noteHealth(results []result, old cursorState, now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i, r := range results {
		h := &p.health[i]
		h.CheckedAt = now
		if r.err == nil {
			h.OK, h.Err, h.LastOK = true, "", now
			continue
		}
		h.OK, h.Err = false, reason(r.err)
		if last := old.Feeds[p.feeds[i].key].lastOK(); last.After(h.LastOK) {
			h.LastOK = last
		}
	}
}
