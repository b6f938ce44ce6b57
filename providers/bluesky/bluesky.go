// Package bluesky is the adapter for Bluesky and other AT Protocol
// services, over XRPC with the official lexicons (app.bsky.*, com.atproto.*).
//
// It covers, for one account:
//   - in (Fetch): mentions, quotes and replies from the notification
//     stream as inbox items (replies as comments), likes, reposts and
//     follows as engagements; the account's recent posts with their
//     counts, hourly; a daily audience snapshot from its profile.
//   - out (Do): replies (reply.root and reply.parent set from the thread),
//     posts with facets for mentions, links and hashtags, delete of our own
//     records, like, mute/unmute, block/unblock (a block is a record), and
//     report/spam through the server's moderation service.
//   - Check, so the outbox never sends twice: every record we create has a
//     record key derived from the action's idempotency key (see rkeyFor).
//   - the 300-grapheme limit (providers.Limiter).
//
// Bluesky has no native scheduling: posts leave from the outbox.
package bluesky

import (
	"cmp"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rivo/uniseg"

	"cmdeck/core"
	"cmdeck/providers"
)

const (
	// graphemeLimit is Bluesky's post length, in grapheme clusters.
	graphemeLimit    = 300
	defaultService   = "https://bsky.social"
	defaultFirstDays = 7
	maxFirstDays     = 365
)

// Provider is the Bluesky adapter for one account.
type Provider struct {
	cfg    providers.AccountConfig
	client *Client
	clock  core.Clock
	set    settings

	mu      sync.Mutex
	postsAt time.Time // when own posts were last fetched
	snapDay time.Time // the day of the last audience snapshot
}

var (
	_ providers.Provider     = (*Provider)(nil)
	_ providers.Checker      = (*Provider)(nil)
	_ providers.Limiter      = (*Provider)(nil)
	_ providers.RateReporter = (*Provider)(nil)
)

// settings are the account's options beyond where to connect.
type settings struct {
	activity  bool // likes, reposts and follows become engagements
	firstDays int  // how far back the first sync reads
}

// New builds the adapter. Settings: "pds" (the account's PDS URL; when
// absent, it is found from the handle: resolved on "service", default
// https://bsky.social, then looked up in the DID document from "plc",
// default https://plc.directory), "handle" (default: the account's
// handle), "activity" (default true), "first_sync_days" (default 7).
// cfg.Secret is an app password.
func New(cfg providers.AccountConfig, clock core.Clock, httpClient *http.Client) (*Provider, error) {
	set, err := parseSettings(cfg.Settings)
	if err != nil {
		return nil, err
	}
	if clock == nil {
		clock = core.SystemClock{}
	}
	c, err := newClient(cfg, clock, httpClient)
	if err != nil {
		return nil, err
	}
	return &Provider{cfg: cfg, client: c, clock: clock, set: set}, nil
}

// newClient connects to setting "pds" when given; otherwise the PDS is
// found from the handle through "service" and "plc" (see locator).
func newClient(cfg providers.AccountConfig, clock core.Clock, hc *http.Client) (*Client, error) {
	if pds := strings.TrimSpace(cfg.Settings["pds"]); pds != "" {
		return NewClient(pds, loginName(cfg), cfg.Secret, clock, hc)
	}
	service := cmp.Or(strings.TrimSpace(cfg.Settings["service"]), defaultService)
	return NewResolvingClient(service, cfg.Settings["plc"], loginName(cfg), cfg.Secret, clock, hc)
}

// loginName is the handle to log in with: setting "handle", else the
// account's handle without its "@".
func loginName(cfg providers.AccountConfig) string {
	if h := strings.TrimSpace(cfg.Settings["handle"]); h != "" {
		return strings.TrimPrefix(h, "@")
	}
	return strings.TrimPrefix(strings.TrimSpace(cfg.Account.Handle), "@")
}

func parseSettings(m map[string]string) (settings, error) {
	s := settings{activity: true, firstDays: defaultFirstDays}
	if v, ok := m["activity"]; ok {
		b, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			return s, fmt.Errorf(`bluesky: setting "activity" must be "true" or "false", got %q`, v)
		}
		s.activity = b
	}
	if v, ok := m["first_sync_days"]; ok {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 1 || n > maxFirstDays {
			return s, fmt.Errorf(`bluesky: setting "first_sync_days" must be a whole number of days from 1 to %d, got %q`, maxFirstDays, v)
		}
		s.firstDays = n
	}
	return s, nil
}

// Client exposes the XRPC client (the logged-in DID, login checks).
func (p *Provider) Client() *Client { return p.client }

// Capabilities lists what Do supports.
func (p *Provider) Capabilities() providers.Capabilities {
	return providers.Capabilities{providers.CapReply, providers.CapPublish, providers.CapDelete,
		providers.CapLike, providers.CapMute, providers.CapBlock, providers.CapReport, providers.CapSpam}
}

// LengthLimit is Bluesky's limit, in grapheme clusters (see Count).
func (p *Provider) LengthLimit() int { return graphemeLimit }

// Count is a text's length as Bluesky counts it: grapheme clusters, so a
// flag or a family emoji is one.
func Count(text string) int { return uniseg.GraphemeClusterCount(text) }
