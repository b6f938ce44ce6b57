package bluesky

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

const (
	userAgent      = "cmdeck (+https://github.com/cmdeck)"
	requestTimeout = 30 * time.Second
	maxBody        = 8 << 20 // bytes read from one answer at most
	// refreshAhead: the access token is refreshed this long before it
	// expires, so a request never leaves with a token about to lapse.
	refreshAhead = 2 * time.Minute
)

// Client is a small typed XRPC client for one account on its PDS (or an
// entryway that proxies to it). It logs in with the handle and an app
// password, keeps the session and refreshes it.
type Client struct {
	loc        *locator // finds the PDS when base is not known at first
	identifier string
	password   string
	http       *http.Client
	clock      core.Clock

	mu      sync.Mutex
	base    *url.URL // the PDS (or entryway); nil until located
	sess    session
	expires time.Time // when sess.AccessJwt expires, zero if unknown
	rate    rateState
}

// NewClient returns a client for the XRPC service at service (https, or
// http for a loopback host only), logging in as identifier (a handle or
// DID) with password (an app password).
func NewClient(service, identifier, password string, clock core.Clock, hc *http.Client) (*Client, error) {
	u, err := parseService(service)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(identifier) == "" {
		return nil, errors.New("bluesky: no handle to log in with")
	}
	if password == "" {
		return nil, errors.New("bluesky: no app password")
	}
	if hc == nil {
		hc = &http.Client{}
	}
	if clock == nil {
		clock = core.SystemClock{}
	}
	return &Client{base: u, identifier: strings.TrimPrefix(strings.TrimSpace(identifier), "@"),
		password: password, http: hc, clock: clock}, nil
}

// parseService checks a service URL (providers.ParseServiceURL).
func parseService(s string) (*url.URL, error) {
	return providers.ParseServiceURL("bluesky", "service", s)
}

// DID is the logged-in account's DID ("" before the first login).
func (c *Client) DID() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sess.DID
}

// Handle is the logged-in account's handle ("" before the first login).
func (c *Client) Handle() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sess.Handle
}

// Login creates a session if there is none: the first call of every
// authenticated request, and what `account add` uses to check a password.
func (c *Client) Login(ctx context.Context) error {
	c.mu.Lock()
	have := c.sess.AccessJwt != ""
	c.mu.Unlock()
	if have {
		return nil
	}
	return c.createSession(ctx)
}

func (c *Client) createSession(ctx context.Context) error {
	if err := c.locate(ctx); err != nil {
		return err
	}
	var s session
	body := map[string]string{"identifier": c.identifier, "password": c.password}
	if err := c.send(ctx, http.MethodPost, "com.atproto.server.createSession", nil, body, "", &s); err != nil {
		return err
	}
	return c.setSession(s)
}

// locate finds the PDS, once, when it was not given.
func (c *Client) locate(ctx context.Context) error {
	c.mu.Lock()
	known := c.base != nil
	c.mu.Unlock()
	if known {
		return nil
	}
	u, err := c.loc.locate(ctx)
	if err != nil {
		return err
	}
	c.mu.Lock()
	c.base = u
	c.mu.Unlock()
	return nil
}

// PDS is the URL calls go to ("" before the account's PDS is located).
func (c *Client) PDS() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.base == nil {
		return ""
	}
	return c.base.String()
}

// refresh trades the refresh token for a new session; when the refresh
// token itself is spent, it logs in again with the password.
func (c *Client) refresh(ctx context.Context) error {
	c.mu.Lock()
	rt := c.sess.RefreshJwt
	c.mu.Unlock()
	if rt != "" {
		var s session
		err := c.send(ctx, http.MethodPost, "com.atproto.server.refreshSession", nil, nil, rt, &s)
		if err == nil {
			return c.setSession(s)
		}
		if !errors.Is(err, providers.ErrAuth) {
			return err
		}
	}
	return c.createSession(ctx)
}

func (c *Client) setSession(s session) error {
	if s.AccessJwt == "" || s.DID == "" {
		return &providers.PermanentError{Err: errors.New("bluesky: the server opened a session without a token or DID")}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sess = s
	c.expires = jwtExpiry(s.AccessJwt)
	return nil
}

// dropSession forgets a session the server no longer accepts.
func (c *Client) dropSession() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sess = session{DID: c.sess.DID, Handle: c.sess.Handle}
	c.expires = time.Time{}
}

// jwtExpiry reads the exp claim of a JWT without checking it: only to
// know when to refresh; the server decides whether the token is good.
func jwtExpiry(tok string) time.Time {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return time.Time{}
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return time.Time{}
	}
	var claims struct {
		Exp int64 `json:"exp"`
	}
	if json.Unmarshal(raw, &claims) != nil || claims.Exp <= 0 {
		return time.Time{}
	}
	return time.Unix(claims.Exp, 0).UTC()
}

// accessToken returns a usable access token, logging in or refreshing
// first when needed.
func (c *Client) accessToken(ctx context.Context) (string, error) {
	if err := c.Login(ctx); err != nil {
		return "", err
	}
	c.mu.Lock()
	exp := c.expires
	c.mu.Unlock()
	if !exp.IsZero() && c.clock.Now().Add(refreshAhead).After(exp) {
		if err := c.refresh(ctx); err != nil {
			return "", err
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sess.AccessJwt, nil
}

// Query is an authenticated XRPC query (GET).
func (c *Client) Query(ctx context.Context, nsid string, q url.Values, out any) error {
	return c.authed(ctx, http.MethodGet, nsid, q, nil, out)
}

// Procedure is an authenticated XRPC procedure (POST of JSON).
func (c *Client) Procedure(ctx context.Context, nsid string, body, out any) error {
	return c.authed(ctx, http.MethodPost, nsid, nil, body, out)
}

// UploadBlob sends a file's bytes to the PDS (com.atproto.repo.uploadBlob)
// and returns the blob reference a record embeds, as the server wrote it.
func (c *Client) UploadBlob(ctx context.Context, mimeType string, data []byte) (json.RawMessage, error) {
	var ans struct {
		Blob json.RawMessage `json:"blob"`
	}
	err := c.authed(ctx, http.MethodPost, "com.atproto.repo.uploadBlob", nil, rawBody{mimeType, data}, &ans)
	if err != nil {
		return nil, err
	}
	if len(ans.Blob) == 0 || ans.Blob[0] != '{' {
		return nil, &providers.PermanentError{Err: errors.New("bluesky: com.atproto.repo.uploadBlob: no blob in the answer")}
	}
	return ans.Blob, nil
}

// rawBody is a request body sent as it is, with its own content type (a
// blob), rather than encoded as JSON.
type rawBody struct {
	mimeType string
	data     []byte
}

// authed sends with the access token; an ExpiredToken answer (the clock
// here and the server's disagree) refreshes the session and tries once more.
func (c *Client) authed(ctx context.Context, method, nsid string, q url.Values, body, out any) error {
	tok, err := c.accessToken(ctx)
	if err != nil {
		return err
	}
	err = c.send(ctx, method, nsid, q, body, tok, out)
	var ae *APIError
	if !errors.As(err, &ae) || ae.Name != "ExpiredToken" {
		if errors.Is(err, providers.ErrAuth) {
			c.dropSession() // revoked: the next call logs in afresh
		}
		return err
	}
	if err := c.refresh(ctx); err != nil {
		return err
	}
	if tok, err = c.accessToken(ctx); err != nil {
		return err
	}
	return c.send(ctx, method, nsid, q, body, tok, out)
}

// send is one XRPC call with bearer (if not "") and decodes a 2xx JSON
// answer into out (if not nil).
func (c *Client) send(ctx context.Context, method, nsid string, q url.Values, body any, bearer string, out any) error {
	c.mu.Lock()
	base := c.base
	c.mu.Unlock()
	if base == nil {
		return errors.New("bluesky: the account's PDS is not located yet")
	}
	return c.do(ctx, method, xrpcURL(base, nsid, q), nsid, body, bearer, out)
}

// do sends one request to u (what names it in errors) and decodes a 2xx
// JSON answer into out (if not nil).
func (c *Client) do(ctx context.Context, method string, u *url.URL, nsid string, body any, bearer string, out any) error {
	req, cancel, err := c.newRequest(ctx, method, u, nsid, body, bearer)
	if err != nil {
		return err
	}
	defer cancel()
	resp, err := c.http.Do(req)
	if err != nil {
		return c.networkError(nsid, err)
	}
	defer resp.Body.Close()
	c.noteRate(resp.Header)
	data, err := readBody(resp.Body)
	if err != nil {
		return c.networkError(nsid, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return newAPIError(resp.StatusCode, nsid, data, c.redact)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return &providers.PermanentError{Err: fmt.Errorf("bluesky: %s: decode: %s", nsid, c.redact(err.Error()))}
	}
	return nil
}

func (c *Client) newRequest(ctx context.Context, method string, u *url.URL, nsid string, body any, bearer string) (*http.Request, context.CancelFunc, error) {
	var rd io.Reader
	contentType := "application/json"
	switch b := body.(type) {
	case nil:
	case rawBody:
		rd, contentType = bytes.NewReader(b.data), b.mimeType
	default:
		data, err := json.Marshal(body)
		if err != nil {
			return nil, nil, &providers.PermanentError{Err: fmt.Errorf("bluesky: encode %s: %w", nsid, err)}
		}
		rd = bytes.NewReader(data)
	}
	ctx, cancel := context.WithTimeout(ctx, requestTimeout)
	req, err := http.NewRequestWithContext(ctx, method, u.String(), rd)
	if err != nil {
		cancel()
		return nil, nil, &providers.PermanentError{Err: fmt.Errorf("bluesky: build request %s", nsid)}
	}
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", contentType)
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	return req, cancel, nil
}

// networkError is transient; the URL-bearing wrapper is dropped and the
// secrets redacted, should a transport echo them.
func (c *Client) networkError(nsid string, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("bluesky: %s: %w", nsid, err)
	}
	if errors.Is(err, errTooLarge) {
		return &providers.PermanentError{Err: fmt.Errorf("bluesky: %s: %w", nsid, err)}
	}
	return fmt.Errorf("bluesky: %s: %s", nsid, c.redact(err.Error()))
}

var errTooLarge = fmt.Errorf("answer larger than %d bytes", maxBody)

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

// redact removes the password and the session's tokens from s.
func (c *Client) redact(s string) string {
	c.mu.Lock()
	secrets := []string{c.password, c.sess.AccessJwt, c.sess.RefreshJwt}
	c.mu.Unlock()
	for _, sec := range secrets {
		if sec != "" {
			s = strings.ReplaceAll(s, sec, "[redacted]")
		}
	}
	return s
}
