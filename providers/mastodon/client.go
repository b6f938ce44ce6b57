package mastodon

import (
	"bytes"
	"cmp"
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

// NewClient returns a client for server with a bearer token. server must be
// an https URL; plain http is accepted for loopback hosts only (a server
// on this machine, such as a test server).
func NewClient(server, token string, clock core.Clock, hc *http.Client) (*Client, error) {
	u, err := parseServer(server)
	if err != nil {
		return nil, err
	}
	if token == "" {
		return nil, errors.New("mastodon: no access token")
	}
	if hc == nil {
		// No overall Timeout: every request carries its own deadline
		// (newRequest), and a client-wide one would cut long uploads.
		hc = &http.Client{}
	}
	if clock == nil {
		clock = core.SystemClock{}
	}
	return &Client{base: u, token: token, http: hc, clock: clock, sleep: realSleep}, nil
}

// parseServer checks a server URL (providers.ParseServiceURL).
func parseServer(server string) (*url.URL, error) {
	return providers.ParseServiceURL("mastodon", "server", server)
}

// SetSleeper replaces how the client waits for a rate-limit reset.
func (c *Client) SetSleeper(s Sleeper) { c.sleep = s }

// RateLimit returns the last rate-limit state seen.
func (c *Client) RateLimit() RateLimit {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.rate
}

// call is one request: path and query, or pageURL (an absolute Link URL,
// which must be on the same server) instead of both. The body is body as
// JSON, or upload streamed as is.
type call struct {
	method  string
	path    string
	query   url.Values
	pageURL string
	body    any
	upload  *streamBody
	idemKey string
	timeout time.Duration // 0 = requestTimeout
}

// streamBody is a request body sent as it is read, of known length and type.
type streamBody struct {
	r           io.Reader
	length      int64
	contentType string
}

// links are the Link header's neighbours of a page.
type links struct {
	prev string // rel="prev": the page of newer items
	next string // rel="next": the page of older items
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
	return c.sleep(ctx, min(d, maxRateWait))
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

// noteRefused records a 429: the budget is spent until X-RateLimit-Reset
// or, from servers that send only that, Retry-After. The next request
// then waits in waitRate instead of being refused again.
func (c *Client) noteRefused(h http.Header) {
	reset, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(h.Get("X-RateLimit-Reset")))
	if err != nil {
		var ok bool
		if reset, ok = retryAfter(h.Get("Retry-After"), c.clock.Now()); !ok {
			return
		}
	}
	c.mu.Lock()
	c.rate = RateLimit{Known: true, Remaining: 0, Reset: reset.UTC()}
	c.mu.Unlock()
}

// retryAfter reads a Retry-After header: delay seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Time, bool) {
	v = strings.TrimSpace(v)
	if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
		secs = min(secs, 86400) // no overflow; waitRate caps the wait anyway
		return now.Add(time.Duration(secs) * time.Second), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// do sends one request and decodes a 2xx JSON answer into out (if not nil).
func (c *Client) do(ctx context.Context, r call, out any) (links, error) {
	if err := c.waitRate(ctx); err != nil {
		return links{}, err
	}
	req, cancel, err := c.newRequest(ctx, r)
	if err != nil {
		return links{}, err
	}
	defer cancel()
	resp, err := c.http.Do(req)
	if err != nil {
		return links{}, c.networkError(r.method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	c.noteRate(resp.Header)
	data, err := readBody(resp.Body)
	if err != nil {
		return links{}, c.bodyError(r.method, req.URL.Path, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		if resp.StatusCode == http.StatusTooManyRequests {
			c.noteRefused(resp.Header)
		}
		return links{}, c.apiError(resp.StatusCode, r.method, req.URL.Path, data)
	}
	if err := decode(data, out); err != nil {
		return links{}, &providers.PermanentError{Err: fmt.Errorf("mastodon: %s %s: %w", r.method, req.URL.Path, err)}
	}
	h := resp.Header.Get("Link")
	return links{prev: linkRel(h, "prev"), next: linkRel(h, "next")}, nil
}

// newRequest builds the request with its headers and a timeout; call
// cancel once the response is read.
func (c *Client) newRequest(ctx context.Context, r call) (*http.Request, context.CancelFunc, error) {
	u, err := c.target(r)
	if err != nil {
		return nil, nil, err
	}
	sb, err := r.payload()
	if err != nil {
		return nil, nil, &providers.PermanentError{Err: fmt.Errorf("mastodon: encode %s: %w", u.Path, err)}
	}
	ctx, cancel := context.WithTimeout(ctx, cmp.Or(r.timeout, requestTimeout))
	var rd io.Reader
	if sb != nil {
		rd = sb.r
	}
	req, err := http.NewRequestWithContext(ctx, r.method, u.String(), rd)
	if err != nil {
		cancel()
		return nil, nil, &providers.PermanentError{Err: fmt.Errorf("mastodon: build request %s %s", r.method, u.Path)}
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("Accept", "application/json")
	if sb != nil {
		req.ContentLength = sb.length
		req.Header.Set("Content-Type", sb.contentType)
	}
	if r.idemKey != "" {
		req.Header.Set("Idempotency-Key", r.idemKey)
	}
	return req, cancel, nil
}

// payload is the request body: the upload, the JSON of body, or nil.
func (r call) payload() (*streamBody, error) {
	if r.upload != nil {
		return r.upload, nil
	}
	if r.body == nil {
		return nil, nil
	}
	b, err := json.Marshal(r.body)
	if err != nil {
		return nil, err
	}
	return &streamBody{r: bytes.NewReader(b), length: int64(len(b)), contentType: "application/json"}, nil
}

// target is the request URL. A Link page URL comes from the server and
// must stay on it: following one elsewhere would send the token there.
func (c *Client) target(r call) (*url.URL, error) {
	if r.pageURL != "" {
		p, err := url.Parse(r.pageURL)
		if err != nil || p.Host != c.base.Host || p.Scheme != c.base.Scheme || p.User != nil {
			return nil, &providers.PermanentError{Err: errors.New("mastodon: refusing a next-page URL off the server")}
		}
		return p, nil
	}
	cp := *c.base
	cp.Path = c.base.Path + r.path
	cp.RawQuery = r.query.Encode()
	return &cp, nil
}

// networkError is transient. The URL-bearing wrapper is dropped (the
// cause is kept) and the token redacted, should a transport echo it.
func (c *Client) networkError(method, path string, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("mastodon: %s %s: %w", method, path, err)
	}
	return fmt.Errorf("mastodon: %s %s: %s", method, path, c.redact(err.Error()))
}

// errTooLarge is a response over maxBody: a server bug or an attack, not
// something a retry fixes.
var errTooLarge = fmt.Errorf("response larger than %d bytes", maxBody)

// readBody reads at most maxBody bytes; a larger body is errTooLarge
// rather than a silently truncated (and then undecodable) one.
func readBody(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxBody+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxBody {
		return nil, errTooLarge
	}
	return data, nil
}

// bodyError types a failed body read: too large is permanent, a
// connection cut mid-body transient.
func (c *Client) bodyError(method, path string, err error) error {
	if errors.Is(err, errTooLarge) {
		return &providers.PermanentError{Err: fmt.Errorf("mastodon: %s %s: %w", method, path, err)}
	}
	return fmt.Errorf("mastodon: %s %s: read body: %s", method, path, c.redact(err.Error()))
}

func decode(data []byte, out any) error {
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("decode: %w", err)
	}
	return nil
}

func (c *Client) redact(s string) string {
	if c.token == "" {
		return s
	}
	return strings.ReplaceAll(s, c.token, "[redacted]")
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
