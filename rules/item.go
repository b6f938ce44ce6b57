package rules

import (
	"strconv"
	"time"

	"cmdeck/core"
)

// Item is an inbox item as the rules see it, built by the caller (FromCore
// does it from the store's types). Text fields must come sanitized, as
// the store keeps them.
type Item struct {
	ID         int64
	Client     string // client slug
	Network    string
	Kind       core.ItemKind
	AuthorKey  string // the caller's stable key for the author, handed back to Env.OffenceCount
	Handle     string
	AuthorName string
	Followers  int
	VIP        bool // the author is marked VIP in the deck
	Body       string
	Lang       string
	Sentiment  core.Sentiment
	Score      float64 // sentiment score, -1 … +1
	CreatedAt  time.Time
	State      core.ItemState
	NeedsReply bool
	Outgoing   bool // our own reply: never alerts
}

// FromCore builds the rules' view of a stored item of acct. The author key
// is the store's author id, or network/remote id before the author is
// stored.
func FromCore(acct core.Account, it core.Item) Item {
	key := acct.Network + "/" + it.Author.RemoteID
	if it.Author.ID != 0 {
		key = strconv.FormatInt(it.Author.ID, 10)
	}
	return Item{
		ID: it.ID, Client: acct.ClientSlug, Network: acct.Network, Kind: it.Kind,
		AuthorKey: key, Handle: it.Author.Handle, AuthorName: it.Author.Name,
		Followers: it.Author.Followers, VIP: it.Author.VIP, Body: it.Body, Lang: it.Lang,
		Sentiment: it.Sentiment, Score: it.SentimentScore, CreatedAt: it.CreatedAt,
		State: it.State, NeedsReply: it.NeedsReply, Outgoing: it.Outgoing,
	}
}

// Env is the context rules need beyond the batch: the time and what the
// store remembers. A store-backed Env binds its context.Context itself.
type Env interface {
	core.Clock
	// HourlyCounts returns how many of the client's items (matching q;
	// nil = all) were created in each clock hour of [from, to), oldest
	// first: one count per hour, to-from being whole hours. Items already
	// stored count, including those of the batch being evaluated.
	HourlyCounts(client string, q *Query, from, to time.Time) ([]int, error)
	// OffenceCount returns how many of the author's items were hidden or
	// flagged (spam) since the given time.
	OffenceCount(authorKey string, since time.Time) (int, error)
}

// Hit is one alert to raise or grow: store.RaiseAlert(ctx, hit.Alert(id),
// hit.GroupKey, hit.ItemIDs). Every hit of a group key is the same alert,
// so a burst of matching items is one alert that grows.
type Hit struct {
	Rule     string
	Type     Type
	Client   string
	Severity core.Severity
	ItemIDs  []int64
	// GroupKey is rule:client:bucket, the bucket being the UTC day of the
	// evaluation for keyword, sentiment and VIP rules, its UTC hour for
	// spikes, the author and day for repeat offenders, the day the reply
	// fell due (in the rule's zone) for SLAs.
	GroupKey string
	Title    string    // short: the rule, the client, the figure that fired it
	At       time.Time // when it was evaluated
	// Count is the figure that fired: the hour's items for a spike, the
	// author's offences for a repeat offender, len(ItemIDs) otherwise.
	Count int
}

// Alert is the hit as the store's alert for the client's id.
func (h Hit) Alert(clientID int64) core.Alert {
	return core.Alert{
		ClientID: clientID, Rule: h.Rule, Severity: h.Severity, Title: h.Title,
		ItemCount: len(h.ItemIDs), FirstAt: h.At, LastAt: h.At,
	}
}
