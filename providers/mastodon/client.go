// Package mastodon is the adapter for Mastodon and servers speaking its
// client API (GoToSocial, Pleroma/Akkoma, …), per docs.joinmastodon.org.
package mastodon

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

const (
	userAgent      = "cmdeck (+https://github.com/cmdeck)"
	requestTimeout = 30 * time.Second
	maxBody        = 8 << 20 // bytes read from one response at most
	maxRateWait    = 5 * time.Minute
)

// Sleeper waits for d or until ctx is done. Tests inject a fake one.
type Sleeper func(ctx context.Context, d time.Duration) error

func realSleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// RateLimit is what the server last said about our request budget.
type RateLimit struct {
	Known     bool
	Remaining int
	Reset     time.Time
}

// Client is a small typed client for the Mastodon REST API.
type Client struct {
	base  *url.URL
	token string
	http  *http.Client
	clock core.Clock
	sleep Sleeper

	mu   sync.Mutex
	rate RateLimit
}

// NewClient returns a client for server (an https URL) with a bearer token.
func NewClient(server, token string, clock core.Clock, hc *http.Client) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(strings.TrimSpace(server), "/"))
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("mastodon: invalid server URL %q", server)
	}
	if u.Scheme != "https" {
		return nil, fmt.Errorf("mastodon: server URL must be https, got %q", u.Scheme)
	}
	if token == "" {
		return nil, errors.New("mastodon: no access token")
	}
	if hc == nil {
		hc = &http.Client{Timeout: requestTimeout}
	}
	if clock == nil {
		clock = core.SystemClock{}
	}
	return &Client{base: u, token: token, http: hc, clock: clock, sleep: realSleep}, nil
}

// SetSleeper replaces how the client waits for a rate-limit reset.
func (c *Client) SetSleeper(s Sleeper) { c.sleep = s }

// RateLimit returns the last rate-limit state seen.
func (c *Client) RateLimit() RateLimit {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.rate
}

// APIError is a non-2xx answer. It never holds the token.
type APIError struct {
	Status  int
	Method  string
	Path    string
	Message string
}

func (e *APIError) Error() string {
	if e.Message != "" {
		return fmt.Sprintf("mastodon: %s %s: %d: %s", e.Method, e.Path, e.Status, e.Message)
	}
	return fmt.Sprintf("mastodon: %s %s: %d", e.Method, e.Path, e.Status)
}

// response is what do hands back besides the decoded body.
type response struct {
	prev string // Link rel="prev" URL (newer items), "" if none
}

// waitRate blocks until the reset when the budget is spent.
func (c *Client) waitRate(ctx context.Context) error {
	c.mu.Lock()
	rl := c.rate
	c.mu.Unlock()
	if !rl.Known || rl.Remaining > 0 {
		return nil
	}
	d := rl.Reset.Sub(c.clock.Now())
	if d <= 0 {
		return nil
	}
	if d > maxRateWait {
		d = maxRateWait
	}
	return c.sleep(ctx, d)
}

func (c *Client) noteRate(h http.Header) {
	rem, err1 := strconv.Atoi(strings.TrimSpace(h.Get("X-RateLimit-Remaining")))
	reset, err2 := time.Parse(time.RFC3339Nano, strings.TrimSpace(h.Get("X-RateLimit-Reset")))
	if err1 != nil || err2 != nil {
		return
	}
	c.mu.Lock()
	c.rate = RateLimit{Known: true, Remaining: rem, Reset: reset.UTC()}
	c.mu.Unlock()
}

// do sends one request. rawURL, if non-empty, is an absolute URL (a Link
// next page) that must be on the same host; otherwise path+query are used.
func (c *Client) do(ctx context.Context, method, path string, q url.Values, rawURL string, body any, idemKey string, out any) (response, error) {
	var res response
	if err := c.waitRate(ctx); err != nil {
		return res, err
	}
	var u *url.URL
	if rawURL != "" {
		p, err := url.Parse(rawURL)
		if err != nil || p.Host != c.base.Host || p.Scheme != c.base.Scheme {
			return res, &providers.PermanentError{Err: fmt.Errorf("mastodon: refusing next-page URL off the server")}
		}
		u = p
	} else {
		cp := *c.base
		cp.Path = c.base.Path + path
		cp.RawQuery = q.Encode()
		u = &cp
	}
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return res, &providers.PermanentError{Err: fmt.Errorf("mastodon: encode %s: %w", u.Path, err)}
		}
		rd = bytes.NewReader(b)
	}
	ctx, cancel := context.WithTimeout(ctx, requestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u.String(), rd)
	if err != nil {
		return res, &providers.PermanentError{Err: fmt.Errorf("mastodon: build request %s %s", method, u.Path)}
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if idemKey != "" {
		req.Header.Set("Idempotency-Key", idemKey)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		// Transient; strip the URL-bearing wrapper, keep the cause.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return res, fmt.Errorf("mastodon: %s %s: %s", method, u.Path, c.redact(err.Error()))
	}
	defer resp.Body.Close()
	c.noteRate(resp.Header)
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return res, fmt.Errorf("mastodon: %s %s: read body: %s", method, u.Path, c.redact(err.Error()))
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		ae := &APIError{Status: resp.StatusCode, Method: method, Path: u.Path, Message: c.redact(errorMessage(data))}
		if resp.StatusCode >= 400 && resp.StatusCode < 500 && resp.StatusCode != http.StatusTooManyRequests {
			return res, &providers.PermanentError{Err: ae}
		}
		return res, ae
	}
	if len(data) > maxBody {
		return res, &providers.PermanentError{Err: fmt.Errorf("mastodon: %s %s: response larger than %d bytes", method, u.Path, maxBody)}
	}
	res.prev = linkRel(resp.Header.Get("Link"), "prev")
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return res, &providers.PermanentError{Err: fmt.Errorf("mastodon: %s %s: decode: %w", method, u.Path, err)}
		}
	}
	return res, nil
}

func (c *Client) redact(s string) string {
	if c.token == "" {
		return s
	}
	return strings.ReplaceAll(s, c.token, "[redacted]")
}

func errorMessage(data []byte) string {
	var e struct {
		Error string `json:"error"`
	}
	if json.Unmarshal(data, &e) == nil && e.Error != "" {
		if len(e.Error) > 200 {
			return e.Error[:200]
		}
		return e.Error
	}
	return ""
}

// linkRel extracts the URL with the given rel from a Link header.
func linkRel(h, rel string) string {
	for _, part := range strings.Split(h, ",") {
		segs := strings.Split(part, ";")
		if len(segs) < 2 {
			continue
		}
		target := strings.TrimSpace(segs[0])
		if !strings.HasPrefix(target, "<") || !strings.HasSuffix(target, ">") {
			continue
		}
		for _, p := range segs[1:] {
			p = strings.ReplaceAll(strings.TrimSpace(p), " ", "")
			if p == `rel="`+rel+`"` || p == "rel="+rel {
				return target[1 : len(target)-1]
			}
		}
	}
	return ""
}

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

// MediaAttachment is the subset of the MediaAttachment entity we use.
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

// Mentions returns the page of mention notifications immediately newer than
// minID (the newest page when minID is ""), sorted newest first. prev is the
// Link rel="prev" URL of the page of still newer ones, if any. pageURL, when
// set, is such a URL and replaces the query.
func (c *Client) Mentions(ctx context.Context, minID string, limit int, pageURL string) (ns []Notification, prev string, err error) {
	q := url.Values{}
	q.Add("types[]", "mention")
	q.Set("limit", strconv.Itoa(limit))
	if minID != "" {
		q.Set("min_id", minID)
	}
	res, err := c.do(ctx, http.MethodGet, "/api/v1/notifications", q, pageURL, nil, "", &ns)
	return ns, res.prev, err
}

// PostStatus creates a status.
func (c *Client) PostStatus(ctx context.Context, text, inReplyTo, visibility, idemKey string) (Status, error) {
	body := map[string]string{"status": text}
	if inReplyTo != "" {
		body["in_reply_to_id"] = inReplyTo
	}
	if visibility != "" {
		body["visibility"] = visibility
	}
	var st Status
	_, err := c.do(ctx, http.MethodPost, "/api/v1/statuses", nil, "", body, idemKey, &st)
	return st, err
}

// DeleteStatus deletes one of the account's statuses.
func (c *Client) DeleteStatus(ctx context.Context, id string) error {
	_, err := c.do(ctx, http.MethodDelete, "/api/v1/statuses/"+url.PathEscape(id), nil, "", nil, "", nil)
	return err
}

// SetBlock blocks (or unblocks) an account.
func (c *Client) SetBlock(ctx context.Context, accountID string, block bool) error {
	verb := "unblock"
	if block {
		verb = "block"
	}
	_, err := c.do(ctx, http.MethodPost, "/api/v1/accounts/"+url.PathEscape(accountID)+"/"+verb, nil, "", nil, "", nil)
	return err
}

// VerifyCredentials returns the token's own account.
func (c *Client) VerifyCredentials(ctx context.Context) (Account, error) {
	var a Account
	_, err := c.do(ctx, http.MethodGet, "/api/v1/accounts/verify_credentials", nil, "", nil, "", &a)
	return a, err
}

// AccountStatuses returns an account's recent statuses, newest first.
func (c *Client) AccountStatuses(ctx context.Context, accountID string, limit int) ([]Status, error) {
	q := url.Values{}
	q.Set("limit", strconv.Itoa(limit))
	var ss []Status
	_, err := c.do(ctx, http.MethodGet, "/api/v1/accounts/"+url.PathEscape(accountID)+"/statuses", q, "", nil, "", &ss)
	return ss, err
}

// OwnStatuses returns the account's recent statuses without its replies,
// newest first.
func (c *Client) OwnStatuses(ctx context.Context, accountID string, limit int) ([]Status, error) {
	q := url.Values{}
	q.Set("limit", strconv.Itoa(limit))
	q.Set("exclude_replies", "true")
	var ss []Status
	_, err := c.do(ctx, http.MethodGet, "/api/v1/accounts/"+url.PathEscape(accountID)+"/statuses", q, "", nil, "", &ss)
	return ss, err
}

// Conversation is the subset of the Conversation entity we use.
type Conversation struct {
	ID         string  `json:"id"`
	Unread     bool    `json:"unread"`
	LastStatus *Status `json:"last_status"`
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
	_, err := c.do(ctx, http.MethodGet, "/api/v1/conversations", q, "", nil, "", &cs)
	return cs, err
}
