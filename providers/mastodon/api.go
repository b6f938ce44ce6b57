package mastodon

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// Account is the subset of the Account entity we use.
type Account struct {
	ID             string `json:"id"`
	Acct           string `json:"acct"`
	DisplayName    string `json:"display_name"`
	FollowersCount int    `json:"followers_count"`
	FollowingCount int    `json:"following_count"`
	StatusesCount  int    `json:"statuses_count"`
	URL            string `json:"url"`
}

// MediaAttachment is the subset of the MediaAttachment entity we use. URL
// is "" (null) while the server is still processing the file.
type MediaAttachment struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	URL  string `json:"url"`
}

// Status is the subset of the Status entity we use.
type Status struct {
	ID               string            `json:"id"`
	CreatedAt        time.Time         `json:"created_at"`
	InReplyToID      *string           `json:"in_reply_to_id"`
	Visibility       string            `json:"visibility"`
	SpoilerText      string            `json:"spoiler_text"`
	Content          string            `json:"content"`
	URL              *string           `json:"url"`
	URI              string            `json:"uri"`
	Language         *string           `json:"language"`
	Account          Account           `json:"account"`
	MediaAttachments []MediaAttachment `json:"media_attachments"`
	Text             *string           `json:"text"`
	RepliesCount     int               `json:"replies_count"`
	ReblogsCount     int               `json:"reblogs_count"`
	FavouritesCount  int               `json:"favourites_count"`
}

// Notification is the subset of the Notification entity we use.
type Notification struct {
	ID        string    `json:"id"`
	Type      string    `json:"type"`
	CreatedAt time.Time `json:"created_at"`
	Account   Account   `json:"account"`
	Status    *Status   `json:"status"`
}

// Conversation is the subset of the Conversation entity we use.
type Conversation struct {
	ID         string  `json:"id"`
	Unread     bool    `json:"unread"`
	LastStatus *Status `json:"last_status"`
}

// Context is a status's thread: what it answers and what answers it.
type Context struct {
	Ancestors   []Status `json:"ancestors"`
	Descendants []Status `json:"descendants"`
}

// ScheduledStatus is a post the server holds until its time. A server that
// ignored scheduled_at answers with a Status instead: then ScheduledAt is
// zero.
type ScheduledStatus struct {
	ID          string    `json:"id"`
	ScheduledAt time.Time `json:"scheduled_at"`
	Params      struct {
		Text        string  `json:"text"`
		InReplyToID *string `json:"in_reply_to_id"`
	} `json:"params"`
	MediaAttachments []MediaAttachment `json:"media_attachments"`
}

// Report is the subset of the Report entity we use.
type Report struct {
	ID string `json:"id"`
}

// notificationQuery selects a page of notifications: the one immediately
// newer than minID, or (minID "") the newest; pageURL, when set, is a Link
// URL from an earlier page and replaces the rest.
type notificationQuery struct {
	types   []string
	minID   string
	limit   int
	pageURL string
}

// Notifications returns a page of notifications, newest first, and the
// Link URLs of the pages around it.
func (c *Client) Notifications(ctx context.Context, nq notificationQuery) ([]Notification, links, error) {
	q := url.Values{}
	for _, t := range nq.types {
		q.Add("types[]", t)
	}
	q.Set("limit", strconv.Itoa(nq.limit))
	if nq.minID != "" {
		q.Set("min_id", nq.minID)
	}
	var ns []Notification
	l, err := c.do(ctx, call{method: http.MethodGet, path: "/api/v1/notifications", query: q, pageURL: nq.pageURL}, &ns)
	return ns, l, err
}

// statusPost is the body of POST /api/v1/statuses. The text may be empty
// when MediaIDs is not.
type statusPost struct {
	Status      string   `json:"status"`
	InReplyToID string   `json:"in_reply_to_id,omitempty"`
	Visibility  string   `json:"visibility,omitempty"`
	ScheduledAt string   `json:"scheduled_at,omitempty"`
	MediaIDs    []string `json:"media_ids,omitempty"`
}

// PostStatus creates a status (body.ScheduledAt empty).
func (c *Client) PostStatus(ctx context.Context, body statusPost, idemKey string) (Status, error) {
	var st Status
	_, err := c.do(ctx, call{method: http.MethodPost, path: "/api/v1/statuses", body: body, idemKey: idemKey}, &st)
	return st, err
}

// Status returns one status.
func (c *Client) Status(ctx context.Context, id string) (Status, error) {
	var st Status
	_, err := c.do(ctx, call{method: http.MethodGet, path: "/api/v1/statuses/" + url.PathEscape(id)}, &st)
	return st, err
}

// StatusContext returns the thread around a status.
func (c *Client) StatusContext(ctx context.Context, id string) (Context, error) {
	var tc Context
	_, err := c.do(ctx, call{method: http.MethodGet, path: "/api/v1/statuses/" + url.PathEscape(id) + "/context"}, &tc)
	return tc, err
}

// DeleteStatus deletes one of the account's statuses.
func (c *Client) DeleteStatus(ctx context.Context, id string) error {
	_, err := c.do(ctx, call{method: http.MethodDelete, path: "/api/v1/statuses/" + url.PathEscape(id)}, nil)
	return err
}

// Favourite favourites a status (again is harmless).
func (c *Client) Favourite(ctx context.Context, id string) error {
	_, err := c.do(ctx, call{method: http.MethodPost, path: "/api/v1/statuses/" + url.PathEscape(id) + "/favourite"}, nil)
	return err
}

// AccountAction posts one of the relationship verbs (block, unblock, mute,
// unmute) to an account.
func (c *Client) AccountAction(ctx context.Context, accountID, verb string) error {
	_, err := c.do(ctx, call{method: http.MethodPost, path: "/api/v1/accounts/" + url.PathEscape(accountID) + "/" + verb}, nil)
	return err
}

// reportPost is the body of POST /api/v1/reports.
type reportPost struct {
	AccountID string   `json:"account_id"`
	StatusIDs []string `json:"status_ids"`
	Comment   string   `json:"comment"`
	Category  string   `json:"category"`
}

// FileReport reports an account (and some of its statuses) to the
// server's moderators.
func (c *Client) FileReport(ctx context.Context, r reportPost) (Report, error) {
	var rep Report
	_, err := c.do(ctx, call{method: http.MethodPost, path: "/api/v1/reports", body: r}, &rep)
	return rep, err
}

// AdminAccountAction takes a moderation action (silence, suspend, …) on
// an account of the server; text is the reason kept with it.
func (c *Client) AdminAccountAction(ctx context.Context, accountID, action, text string) error {
	body := map[string]string{"type": action, "text": text}
	_, err := c.do(ctx, call{method: http.MethodPost, path: "/api/v1/admin/accounts/" + url.PathEscape(accountID) + "/action", body: body}, nil)
	return err
}

// VerifyCredentials returns the token's own account.
func (c *Client) VerifyCredentials(ctx context.Context) (Account, error) {
	var a Account
	_, err := c.do(ctx, call{method: http.MethodGet, path: "/api/v1/accounts/verify_credentials"}, &a)
	return a, err
}

// AccountStatuses returns an account's recent statuses, newest first.
func (c *Client) AccountStatuses(ctx context.Context, accountID string, limit int) ([]Status, error) {
	return c.accountStatuses(ctx, accountID, limit, false)
}

// OwnStatuses returns the account's recent statuses without its replies,
// newest first.
func (c *Client) OwnStatuses(ctx context.Context, accountID string, limit int) ([]Status, error) {
	return c.accountStatuses(ctx, accountID, limit, true)
}

func (c *Client) accountStatuses(ctx context.Context, accountID string, limit int, noReplies bool) ([]Status, error) {
	q := url.Values{}
	q.Set("limit", strconv.Itoa(limit))
	if noReplies {
		q.Set("exclude_replies", "true")
	}
	var ss []Status
	_, err := c.do(ctx, call{method: http.MethodGet, path: "/api/v1/accounts/" + url.PathEscape(accountID) + "/statuses", query: q}, &ss)
	return ss, err
}

// Conversations returns the direct conversations whose last status is newer
// than sinceID (the newest ones when sinceID is ""), newest first.
func (c *Client) Conversations(ctx context.Context, sinceID string, limit int) ([]Conversation, error) {
	q := url.Values{}
	q.Set("limit", strconv.Itoa(limit))
	if sinceID != "" {
		q.Set("since_id", sinceID)
	}
	var cs []Conversation
	_, err := c.do(ctx, call{method: http.MethodGet, path: "/api/v1/conversations", query: q}, &cs)
	return cs, err
}

// ScheduledStatuses returns a page of the account's scheduled posts; pageURL
// ("" for the first) is the Link rel="next" of the page before.
func (c *Client) ScheduledStatuses(ctx context.Context, limit int, pageURL string) ([]ScheduledStatus, string, error) {
	q := url.Values{}
	q.Set("limit", strconv.Itoa(limit))
	var ss []ScheduledStatus
	l, err := c.do(ctx, call{method: http.MethodGet, path: "/api/v1/scheduled_statuses", query: q, pageURL: pageURL}, &ss)
	return ss, l.next, err
}

// ScheduleStatus creates a post the server publishes at at.
func (c *Client) ScheduleStatus(ctx context.Context, body statusPost, at time.Time, idemKey string) (ScheduledStatus, error) {
	var ss ScheduledStatus
	body.ScheduledAt = rfc3339(at)
	_, err := c.do(ctx, call{method: http.MethodPost, path: "/api/v1/statuses", body: body, idemKey: idemKey}, &ss)
	return ss, err
}

// UpdateScheduledStatus moves a scheduled post.
func (c *Client) UpdateScheduledStatus(ctx context.Context, id string, at time.Time) error {
	body := map[string]string{"scheduled_at": rfc3339(at)}
	_, err := c.do(ctx, call{method: http.MethodPut, path: "/api/v1/scheduled_statuses/" + url.PathEscape(id), body: body}, nil)
	return err
}

// DeleteScheduledStatus cancels a scheduled post.
func (c *Client) DeleteScheduledStatus(ctx context.Context, id string) error {
	_, err := c.do(ctx, call{method: http.MethodDelete, path: "/api/v1/scheduled_statuses/" + url.PathEscape(id)}, nil)
	return err
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }
