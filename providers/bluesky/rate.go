package bluesky

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// rateState is what the server last said about the request budget, from
// the RateLimit-Remaining and RateLimit-Reset (epoch seconds) headers the
// AT Protocol servers send on rate-limited routes.
type rateState struct {
	known     bool
	remaining int
	reset     time.Time
}

// noteRate records the budget an answer reports; answers without the
// headers (routes without a limit) leave the last one.
func (c *Client) noteRate(h http.Header) {
	rem, err1 := strconv.Atoi(strings.TrimSpace(h.Get("RateLimit-Remaining")))
	secs, err2 := strconv.ParseInt(strings.TrimSpace(h.Get("RateLimit-Reset")), 10, 64)
	if err1 != nil || err2 != nil || rem < 0 || secs <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.rate = rateState{known: true, remaining: rem, reset: time.Unix(secs, 0).UTC()}
}

// RateLimit is the request budget the server last reported.
func (c *Client) RateLimit() (remaining int, reset time.Time, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.rate.remaining, c.rate.reset, c.rate.known
}

// RateLimit is the request budget the server last reported
// (providers.RateReporter).
func (p *Provider) RateLimit() (remaining int, reset time.Time, ok bool) {
	return p.client.RateLimit()
}
