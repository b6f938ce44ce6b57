package stats

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// now is Wednesday 12 March 2025, 10:00 UTC.
var now = time.Date(2025, 3, 12, 10, 0, 0, 0, time.UTC)

// epoch is the day the fake's figures count from, so a period and the
// one before it get different figures.
var epoch = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// metricsCall is one ClientMetrics query.
type metricsCall struct {
	client   int64
	from, to time.Time
}

// fakeSource serves a few clients and believable raw figures for any
// period, and records what was asked. Compute reads two periods at once,
// so it locks. Any other query panics the test through the embedded nil
// Source.
type fakeSource struct {
	common.Source
	mu      sync.Mutex
	clients []core.Client
	err     error // every read fails with it
	// bare clients have no response, snapshot nor post: those figures
	// are not available.
	bare map[int64]bool
	// empty answers no data at all, as a workspace before its first sync.
	empty bool
	calls []metricsCall
}

func newFake() *fakeSource {
	return &fakeSource{clients: []core.Client{
		{ID: 1, Slug: "pixelforge", Name: "PixelForge Studio", Color: "#7C3AED"},
		{ID: 2, Slug: "fournil", Name: "Le Fournil", Color: "#D97706"},
		{ID: 3, Slug: "azur", Name: "Banque Azur — service client 🏦"},
	}, bare: map[int64]bool{}}
}

func (f *fakeSource) Clients(context.Context) ([]core.Client, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return nil, f.err
	}
	return slices.Clone(f.clients), nil
}

// asked are the periods asked so far; each load asks two, the current
// and the previous, in either order (Compute reads them at once).
func (f *fakeSource) asked() []metricsCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls)
}

// last is the latest load's current period (the later of its two reads).
func (f *fakeSource) last() metricsCall {
	calls := f.asked()
	if len(calls) < 2 {
		return metricsCall{}
	}
	a, b := calls[len(calls)-2], calls[len(calls)-1]
	if a.from.After(b.from) {
		return a
	}
	return b
}

func (f *fakeSource) ClientMetrics(_ context.Context, clientID int64, from, to time.Time, loc *time.Location) (store.ClientMetrics, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, metricsCall{clientID, from, to})
	if f.err != nil {
		return store.ClientMetrics{}, f.err
	}
	m := store.ClientMetrics{From: from, To: to}
	for _, c := range f.clients {
		if c.ID == clientID {
			m.Client = c
		}
	}
	acc := core.Account{ID: clientID * 10, ClientID: clientID, Network: "mastodon.social", Handle: "@" + m.Client.Slug}
	m.Accounts = []core.Account{acc}
	if f.empty {
		return m, nil
	}
	for d := from.In(loc); d.Before(to); d = time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, loc) {
		f.day(&m, d, clientID)
	}
	if f.bare[clientID] {
		return m, nil
	}
	m.TopAuthors = []store.AuthorActivity{
		{Author: core.Author{ID: 1, Handle: "@marc@piaille.fr", Name: "Marc", Followers: 1240}, Items: 12},
		{Author: core.Author{ID: 2, Handle: "@lea", Name: "Léa Martin", Followers: 87}, Items: 7},
		{Author: core.Author{ID: 3, Handle: "@sato", Name: "佐藤", Followers: 15300}, Items: 3},
	}
	m.ActiveAuthors = 3
	m.Posts = []core.Post{
		{ID: 1, AccountID: acc.ID, Body: "Patch 1.4.2 is out: saves fixed, new photo mode 📸", PublishedAt: from.Add(30 * time.Hour), Likes: 140, Shares: 31, Replies: 22},
		{ID: 2, AccountID: acc.ID, Body: "Behind the scenes\nof the soundtrack", PublishedAt: from.Add(50 * time.Hour), Likes: 61, Shares: 8, Replies: 5},
	}
	base := 1000 + int(from.Sub(epoch).Hours()/24)
	m.Snapshots = []core.StatSnapshot{
		{AccountID: acc.ID, Day: from.UTC().Add(-24 * time.Hour).Truncate(24 * time.Hour), Followers: base},
		{AccountID: acc.ID, Day: to.UTC().Add(-24 * time.Hour).Truncate(24 * time.Hour), Followers: base + 40},
	}
	return m, nil
}

// day adds one day's items (more on some days, a share negative) and,
// unless the client is bare, answered responses.
func (f *fakeSource) day(m *store.ClientMetrics, d time.Time, clientID int64) {
	i := len(m.Days)
	m.Days = append(m.Days, d)
	n := int(d.Sub(epoch).Hours()/24)%9 + 3 + int(clientID)
	neg := n / 4
	m.Items = append(m.Items,
		store.ItemGroup{Day: i, Kind: core.KindMention, Sentiment: core.SentimentNegative, Count: neg},
		store.ItemGroup{Day: i, Kind: core.KindComment, Sentiment: core.SentimentPositive, Count: n - neg - 1},
		store.ItemGroup{Day: i, Kind: core.KindComment, Sentiment: core.SentimentNeutral, Count: 1},
		store.ItemGroup{Day: i, Kind: core.KindReply, Outgoing: true, Count: n / 2})
	if f.bare[clientID] {
		return
	}
	at := d.Add(9 * time.Hour)
	m.Responses = append(m.Responses,
		store.Response{ItemID: int64(2 * i), Kind: core.KindMention, CreatedAt: at, FirstReply: at.Add(time.Duration(20+i%7*5) * time.Minute)},
		store.Response{ItemID: int64(2*i + 1), Kind: core.KindComment, CreatedAt: at, FirstReply: at.Add(3 * time.Hour)})
}

var errLocked = errors.New("database is locked")
