// Package core holds cmdeck's domain types and pure logic. It imports no
// other package of the project, so every layer can depend on it.
package core

import "time"

// Client is a brand the community manager works for.
type Client struct {
	ID    int64
	Slug  string // stable key from config, e.g. "pixelforge"
	Name  string // display name, e.g. "PixelForge Studio"
	Color string // hex color for the client's marks, e.g. "#7C3AED"; empty = theme default
}

// Account is one presence of a client on one network.
type Account struct {
	ID         int64
	ClientID   int64
	ClientSlug string
	Provider   string // registry name of the adapter: "demo", "mastodon", …
	Network    string // what the user sees: "Chirper", "mastodon.social", …
	Handle     string // "@pixelforge"
	Name       string // optional display label
}

// ItemKind says what an inbox item is.
type ItemKind string

const (
	KindComment ItemKind = "comment"
	KindMention ItemKind = "mention"
	KindDM      ItemKind = "dm"
	KindReview  ItemKind = "review"
	KindForum   ItemKind = "forum"
	KindReply   ItemKind = "reply" // one of our own replies, shown in threads
)

// ItemKinds lists every kind, in display order.
var ItemKinds = []ItemKind{KindComment, KindMention, KindDM, KindReview, KindForum, KindReply}

// ItemState is where an item is in the CM's triage.
type ItemState string

const (
	StateNew     ItemState = "new"
	StateRead    ItemState = "read"
	StateReplied ItemState = "replied"
	StateDone    ItemState = "done"
	StateHidden  ItemState = "hidden"
	StateSpam    ItemState = "spam"
	StateDeleted ItemState = "deleted"
)

// Sentiment is the label given to an item's text.
type Sentiment string

const (
	SentimentUnknown  Sentiment = ""
	SentimentPositive Sentiment = "positive"
	SentimentNeutral  Sentiment = "neutral"
	SentimentNegative Sentiment = "negative"
)

// Author is a person (or bot) who wrote an item, as one network knows them.
type Author struct {
	ID        int64  // store id; 0 until stored
	Network   string // same as the account's network
	RemoteID  string // the network's id for this author
	Handle    string
	Name      string
	Followers int
	VIP       bool
	Blocked   bool
}

// Item is one message in the inbox: comment, mention, DM, review, forum post,
// or one of our own replies. Text fields are sanitized before storing.
type Item struct {
	ID             int64 // store id; 0 until stored
	AccountID      int64
	ClientID       int64
	RemoteID       string // the network's id; unique per account
	ParentRemoteID string // the item this one answers, "" for a root
	ThreadRemoteID string // the root of the conversation ("" = this item is the root)
	Kind           ItemKind
	Author         Author
	Body           string
	URL            string
	Lang           string // "fr", "en", "" unknown
	CreatedAt      time.Time
	State          ItemState
	NeedsReply     bool
	Sentiment      Sentiment
	SentimentScore float64 // -1 … +1
	Tags           []string
	Outgoing       bool // written by the CM through cmdeck
}

// PostStatus is where a post of ours is in its life.
type PostStatus string

const (
	PostDraft      PostStatus = "draft"
	PostScheduled  PostStatus = "scheduled"
	PostPublishing PostStatus = "publishing"
	PostPublished  PostStatus = "published"
	PostFailed     PostStatus = "failed"
	PostMissed     PostStatus = "missed" // its time passed while nothing ran, beyond the late limit
)

// Post is something a client's account publishes (or will).
type Post struct {
	ID          int64
	ClientID    int64
	AccountID   int64
	RemoteID    string // set once published
	Body        string
	Status      PostStatus
	ScheduledAt time.Time // zero for an unscheduled draft
	PublishedAt time.Time
	URL         string
	Error       string
	Likes       int
	Shares      int
	Replies     int

	// Planning, for posts made in the calendar.
	GroupKey    string     // posts created together (one text, several accounts) share it
	Media       []string   // attachment file paths, uploaded at publish time
	Recur       Recurrence // a published recurring post schedules its next occurrence
	PublishedBy string     // which runner published it ("daemon", "tui", "serve"), for the calendar
}

// StatSnapshot is one day's audience figures for an account, as the network
// reports them. A negative value means "not available", never zero.
type StatSnapshot struct {
	AccountID int64
	Day       time.Time // midnight UTC of the day
	Followers int
	Following int
	Posts     int
}

// EngagementKind says what someone did to the account or one of its posts.
type EngagementKind string

const (
	EngageLike   EngagementKind = "like"   // favourited / liked a post
	EngageShare  EngagementKind = "share"  // reblogged / reposted a post
	EngageFollow EngagementKind = "follow" // followed the account
	EngageQuote  EngagementKind = "quote"  // quoted a post
)

// Engagement is one activity event on the account (a like, a share, a new
// follower): not an inbox item, but what the stats count.
type Engagement struct {
	RemoteID     string // unique per account: the network's notification id
	Kind         EngagementKind
	Author       Author
	PostRemoteID string // the post concerned, "" for a follow
	At           time.Time
}

// Batch is what a provider returns from one fetch: new or updated items,
// the account's own posts, audience snapshots, activity events, and the
// cursor to resume from.
type Batch struct {
	Items       []Item
	Posts       []Post
	Snapshots   []StatSnapshot
	Engagements []Engagement
	Cursor      string // opaque to everyone but the provider
	More        bool   // another fetch right away would return more
}

// ActionKind is what an outgoing action does.
type ActionKind string

const (
	ActReply   ActionKind = "reply"
	ActHide    ActionKind = "hide"
	ActUnhide  ActionKind = "unhide"
	ActDelete  ActionKind = "delete"
	ActBlock   ActionKind = "block"
	ActUnblock ActionKind = "unblock"
	ActSpam    ActionKind = "spam" // report as spam (and hide, where the network can)
	ActPublish ActionKind = "publish"
	ActLike    ActionKind = "like"    // favourite / like the item
	ActMute    ActionKind = "mute"    // mute the item's author
	ActUnmute  ActionKind = "unmute"  // undo ActMute
	ActReport  ActionKind = "report"  // report the author to the network's moderators; Payload is the reason
	ActSilence ActionKind = "silence" // admin: limit the author's account on the server
	ActSuspend ActionKind = "suspend" // admin: suspend the author's account on the server
	// ActMarkRead and ActMarkUnread carry the deck's read state to a
	// network that keeps one (a mailbox's \Seen flag). The deck queues
	// them itself when the CM marks items read, done or unread.
	ActMarkRead   ActionKind = "mark_read"
	ActMarkUnread ActionKind = "mark_unread"
)

// PerAuthor reports whether the action aims at the item's author (its
// TargetRemoteID is the author's remote id, and a bulk action goes once per
// author) rather than at the item itself.
func (k ActionKind) PerAuthor() bool {
	switch k {
	case ActBlock, ActUnblock, ActMute, ActUnmute, ActSilence, ActSuspend:
		return true
	}
	return false
}

// ActionState is where an outbox row is.
type ActionState string

const (
	ActionPending   ActionState = "pending"   // waiting for not_before
	ActionClaimed   ActionState = "claimed"   // a worker is sending it
	ActionDone      ActionState = "done"      // the network confirmed
	ActionFailed    ActionState = "failed"    // permanent failure, visible, retryable
	ActionCancelled ActionState = "cancelled" // undone before it left
	// ActionHanded: a post handed to a network that holds it until its
	// time (Mastodon's scheduled_at); the outbox never claims it, the
	// engine keeps the network's copy in line and confirms it went out.
	ActionHanded ActionState = "handed"
)

// Action is one row of the outbox: everything that leaves goes through it.
type Action struct {
	ID             int64
	AccountID      int64
	Kind           ActionKind
	ItemID         int64  // the inbox item it concerns, 0 if none
	PostID         int64  // the post it publishes, 0 if none
	TargetRemoteID string // the network id it acts on (item, author, …)
	Payload        string // kind-specific text (reply body, reason, …)
	NotBefore      time.Time
	State          ActionState
	Attempts       int
	LastError      string
	IdempotencyKey string
	CreatedAt      time.Time
	Actor          string   // who queued it (the CM's name, or an SSH user), for undo and audit
	Media          []string // publish: attachment file paths the provider uploads
}

// ActionResult is what the network said about a performed action.
type ActionResult struct {
	RemoteID string // id of what was created (reply, post), if any
	URL      string
}

// Severity orders alerts.
type Severity string

const (
	SeverityInfo     Severity = "info"
	SeverityWarning  Severity = "warning"
	SeverityCritical Severity = "critical"
)

// Alert is a grouped signal about a client: it grows as matching items come.
type Alert struct {
	ID        int64
	ClientID  int64
	Rule      string // the rule's name
	Severity  Severity
	Title     string
	ItemCount int
	FirstAt   time.Time
	LastAt    time.Time
	Acked     bool
}

// SyncState is the engine's bookkeeping for one account.
type SyncState struct {
	AccountID    int64
	Cursor       string
	LastSuccess  time.Time
	LastAttempt  time.Time
	LastError    string
	Failures     int       // consecutive
	BackoffUntil time.Time // no sync before this
}
