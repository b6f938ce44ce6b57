// Package mastodon is the adapter for Mastodon and servers speaking its
// client API (GoToSocial, Pleroma/Akkoma, …), per docs.joinmastodon.org.
//
// It covers, for one account:
//   - in (Fetch): mentions and direct messages as inbox items; replies to
//     the account's own posts that do not mention it, as comments; likes,
//     boosts and new followers as engagements (setting activity); the
//     account's recent posts with their counts, hourly; a daily audience
//     snapshot. The first sync reaches back first_sync_days days.
//   - out (Do): replies in the visibility of the conversation, posts
//     with their attachments (checked against MediaLimit, uploaded, then
//     attached once processed), delete, like, block, mute, report and report as spam; with setting
//     admin, the moderation actions silence and suspend.
//   - Check, so the outbox never sends twice; native scheduling
//     (providers.Scheduler); the rate-limit budget (providers.RateReporter);
//     typed errors (providers.Classify); the OAuth flow that gets a token.
package mastodon

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

const (
	charLimit        = 500
	defaultFirstDays = 7
	maxFirstDays     = 365
)

// Provider is the Mastodon adapter for one account.
type Provider struct {
	cfg    providers.AccountConfig
	client *Client
	clock  core.Clock
	set    settings
	media  mediaLimits

	mu          sync.Mutex
	accountID   string         // the token's own account, once known
	postsAt     time.Time      // when own posts were last fetched
	snapDay     time.Time      // the day of the last audience snapshot
	replyCounts map[string]int // own post id → replies_count when last looked at
}

var (
	_ providers.Provider     = (*Provider)(nil)
	_ providers.Checker      = (*Provider)(nil)
	_ providers.Limiter      = (*Provider)(nil)
	_ providers.RateReporter = (*Provider)(nil)
	_ providers.Scheduler    = (*Provider)(nil)
	_ providers.MediaChecker = (*Provider)(nil)
)

// settings are the account's options beyond the server.
type settings struct {
	activity  bool // likes, boosts and follows become engagements
	admin     bool // the token may moderate the server
	firstDays int  // how far back the first sync reads
}

// New builds the adapter. Settings: "server" (the server's https URL,
// required), "activity" (default true), "admin" (default false),
// "first_sync_days" (default 7). cfg.Secret is the access token.
func New(cfg providers.AccountConfig, clock core.Clock, httpClient *http.Client) (*Provider, error) {
	server := cfg.Settings["server"]
	if strings.TrimSpace(server) == "" {
		return nil, errors.New(`mastodon: setting "server" is required (e.g. https://mastodon.social)`)
	}
	set, err := parseSettings(cfg.Settings)
	if err != nil {
		return nil, err
	}
	if clock == nil {
		clock = core.SystemClock{}
	}
	c, err := NewClient(server, cfg.Secret, clock, httpClient)
	if err != nil {
		return nil, err
	}
	return &Provider{cfg: cfg, client: c, clock: clock, set: set, media: defaultMediaLimits(), replyCounts: map[string]int{}}, nil
}

func parseSettings(m map[string]string) (settings, error) {
	s := settings{firstDays: defaultFirstDays}
	var err error
	if s.activity, err = boolSetting(m, "activity", true); err != nil {
		return s, err
	}
	if s.admin, err = boolSetting(m, "admin", false); err != nil {
		return s, err
	}
	if v, ok := m["first_sync_days"]; ok {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 1 || n > maxFirstDays {
			return s, fmt.Errorf(`mastodon: setting "first_sync_days" must be a whole number of days from 1 to %d, got %q`, maxFirstDays, v)
		}
		s.firstDays = n
	}
	return s, nil
}

func boolSetting(m map[string]string, key string, def bool) (bool, error) {
	v, ok := m[key]
	if !ok {
		return def, nil
	}
	b, err := strconv.ParseBool(strings.TrimSpace(v))
	if err != nil {
		return def, fmt.Errorf(`mastodon: setting %q must be "true" or "false", got %q`, key, v)
	}
	return b, nil
}

// Client exposes the API client (rate-limit state, sleeper injection).
func (p *Provider) Client() *Client { return p.client }

// Capabilities lists what Do supports.
func (p *Provider) Capabilities() providers.Capabilities {
	caps := providers.Capabilities{providers.CapReply, providers.CapDelete, providers.CapBlock,
		providers.CapPublish, providers.CapLike, providers.CapMute, providers.CapReport, providers.CapSpam}
	if p.set.admin {
		caps = append(caps, providers.CapAdmin)
	}
	return caps
}

// LengthLimit is Mastodon's default status length. Servers can raise it.
func (p *Provider) LengthLimit() int { return charLimit }

// RateLimit is the request budget the server last reported.
func (p *Provider) RateLimit() (remaining int, reset time.Time, ok bool) {
	rl := p.client.RateLimit()
	return rl.Remaining, rl.Reset, rl.Known
}

// Cursor formats: "v1:<newest notification id seen>", and, once a direct
// conversation has been seen, "v2:<notification id>:<newest conversation
// last-status id>" (either id may be empty there); "" = first sync.
const (
	cursorPrefix   = "v1:"
	cursorPrefixV2 = "v2:"
)

// validID is what an id must look like to go into the cursor or a query.
func validID(id string) bool { return !strings.ContainsAny(id, "&?#/ :") }

func parseCursor(s string) (notif, conv string, err error) {
	if s == "" {
		return "", "", nil
	}
	bad := &providers.PermanentError{Err: fmt.Errorf("mastodon: unreadable cursor %q", s)}
	if id, ok := strings.CutPrefix(s, cursorPrefix); ok {
		if id == "" || !validID(id) {
			return "", "", bad
		}
		return id, "", nil
	}
	rest, ok := strings.CutPrefix(s, cursorPrefixV2)
	if !ok {
		return "", "", bad
	}
	notif, conv, ok = strings.Cut(rest, ":")
	if !ok || (notif == "" && conv == "") || !validID(notif) || !validID(conv) {
		return "", "", bad
	}
	return notif, conv, nil
}

func formatCursor(notif, conv string) string {
	if conv == "" {
		if notif == "" {
			return ""
		}
		return cursorPrefix + notif
	}
	return cursorPrefixV2 + notif + ":" + conv
}

// newerID compares Mastodon ids, which are numeric strings (snowflakes) on
// Mastodon and sortable strings on other servers: longer is newer, then
// lexical.
func newerID(a, b string) bool {
	if b == "" {
		return a != ""
	}
	if len(a) != len(b) {
		return len(a) > len(b)
	}
	return a > b
}

// normalize collapses whitespace so server-side HTML rendering of the text
// (paragraphs, line breaks) compares equal to what we sent.
func normalize(s string) string { return strings.Join(strings.Fields(s), " ") }
