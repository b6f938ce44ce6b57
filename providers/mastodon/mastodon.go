package mastodon

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

const (
	pageSize  = 40 // notifications per page (the API maximum)
	firstSync = 40 // notifications read on the first sync
	maxPages  = 5  // pages followed through Link per fetch
	charLimit = 500
	recentOwn = 40 // own statuses looked at by Check
	ownPosts  = 20 // own recent posts refreshed by Fetch
	convLimit = 40 // conversations read per fetch

	postsEvery = time.Hour // own posts' counts are refreshed at most this often
)

// Provider is the Mastodon adapter for one account.
type Provider struct {
	cfg    providers.AccountConfig
	client *Client
	clock  core.Clock

	mu        sync.Mutex
	accountID string    // the token's own account, once known
	postsAt   time.Time // when own posts were last fetched
	snapDay   time.Time // the day of the last audience snapshot
}

var (
	_ providers.Provider = (*Provider)(nil)
	_ providers.Checker  = (*Provider)(nil)
	_ providers.Limiter  = (*Provider)(nil)
)

// New builds the adapter. Settings["server"] is the server's https URL and
// cfg.Secret the access token.
func New(cfg providers.AccountConfig, clock core.Clock, httpClient *http.Client) (*Provider, error) {
	server := cfg.Settings["server"]
	if strings.TrimSpace(server) == "" {
		return nil, errors.New(`mastodon: setting "server" is required (e.g. https://mastodon.social)`)
	}
	if clock == nil {
		clock = core.SystemClock{}
	}
	c, err := NewClient(server, cfg.Secret, clock, httpClient)
	if err != nil {
		return nil, err
	}
	return &Provider{cfg: cfg, client: c, clock: clock}, nil
}

// Client exposes the API client (rate-limit state, sleeper injection).
func (p *Provider) Client() *Client { return p.client }

// Capabilities lists what Do supports.
func (p *Provider) Capabilities() providers.Capabilities {
	return providers.Capabilities{providers.CapReply, providers.CapDelete, providers.CapBlock, providers.CapPublish}
}

// LengthLimit is Mastodon's default status length. Servers can raise it.
func (p *Provider) LengthLimit() int { return charLimit }

// Cursor formats: "v1:<newest notification id seen>", and, once a direct
// conversation has been seen, "v2:<notification id>:<newest conversation
// last-status id>" (either id may be empty there); "" = first sync.
const (
	cursorPrefix   = "v1:"
	cursorPrefixV2 = "v2:"
)

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

// Fetch returns mentions and direct messages newer than cursor.
//
// The first sync reads only the newest firstSync mention notifications.
// Later syncs ask for the page immediately newer than the cursor (min_id,
// which, unlike since_id, pages forward without gaps) and follow Link
// rel="prev" to newer pages, at most maxPages per fetch. The cursor moves to
// the newest notification seen; More is true when the last page was full.
//
// Then, in order: the account's own recent posts with their counts (at most
// hourly) and the daily audience snapshot (see fetchOwn), and the direct
// conversations newer than the cursor (see fetchConversations).
func (p *Provider) Fetch(ctx context.Context, cursor string) (core.Batch, error) {
	since, convSince, err := parseCursor(cursor)
	if err != nil {
		return core.Batch{}, err
	}
	limit := pageSize
	if since == "" {
		limit = firstSync
	}
	var all []Notification
	more := false
	pageURL := ""
	for page := 0; page < maxPages; page++ {
		ns, prev, err := p.client.Mentions(ctx, since, limit, pageURL)
		if err != nil {
			return core.Batch{}, err
		}
		all = append(all, ns...)
		more = since != "" && len(ns) >= limit
		if since == "" || !more || prev == "" {
			break
		}
		pageURL = prev
	}
	b := core.Batch{Cursor: cursor, More: more}
	newest := since
	seen := map[string]bool{}
	for _, n := range all {
		if since != "" && !newerID(n.ID, since) {
			continue // a server that ignored min_id
		}
		if seen[n.ID] {
			continue
		}
		seen[n.ID] = true
		if newerID(n.ID, newest) {
			newest = n.ID
		}
		if n.Type != "mention" || n.Status == nil {
			continue
		}
		b.Items = append(b.Items, p.item(*n.Status))
	}
	commit, err := p.fetchOwn(ctx, &b)
	if err != nil {
		return core.Batch{}, err
	}
	convNewest, err := p.fetchConversations(ctx, convSince, &b)
	if err != nil {
		return core.Batch{}, err
	}
	commit() // only now: a failed batch does not lose the posts or snapshot
	b.Cursor = formatCursor(newest, convNewest)
	return b, nil
}

// fetchOwn adds the account's own recent posts with their counts (at most
// once per postsEvery, so a frequent sync or a More-loop does not spend the
// rate limit) and the day's audience snapshot (once per UTC day). The
// returned commit records that they were fetched; call it once the batch
// is sure to be returned.
func (p *Provider) fetchOwn(ctx context.Context, b *core.Batch) (commit func(), err error) {
	now := p.clock.Now().UTC()
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	p.mu.Lock()
	id := p.accountID
	wantPosts := p.postsAt.IsZero() || now.Sub(p.postsAt) >= postsEvery || now.Before(p.postsAt)
	wantSnap := !p.snapDay.Equal(day)
	p.mu.Unlock()
	if !wantPosts && !wantSnap {
		return func() {}, nil
	}
	var me *Account
	if id == "" || wantSnap {
		a, err := p.client.VerifyCredentials(ctx)
		if err != nil {
			return nil, err
		}
		if a.ID == "" {
			return nil, &providers.PermanentError{Err: errors.New("mastodon: verify_credentials returned no account id")}
		}
		me, id = &a, a.ID
	}
	var posts []core.Post
	if wantPosts {
		ss, err := p.client.OwnStatuses(ctx, id, ownPosts)
		if err != nil {
			return nil, err
		}
		for _, s := range ss {
			posts = append(posts, ownPost(s))
		}
	}
	p.mu.Lock()
	p.accountID = id
	p.mu.Unlock()
	if wantPosts {
		b.Posts = append(b.Posts, posts...)
	}
	if wantSnap {
		b.Snapshots = append(b.Snapshots, core.StatSnapshot{
			Day: day, Followers: me.FollowersCount, Following: me.FollowingCount, Posts: me.StatusesCount,
		})
	}
	return func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		if wantPosts {
			p.postsAt = now
		}
		if wantSnap {
			p.snapDay = day
		}
	}, nil
}

func ownPost(s Status) core.Post {
	post := core.Post{
		RemoteID:    s.ID,
		Body:        htmlToText(s.Content),
		Status:      core.PostPublished,
		PublishedAt: s.CreatedAt.UTC(),
		URL:         s.URI,
		Likes:       s.FavouritesCount,
		Shares:      s.ReblogsCount,
		Replies:     s.RepliesCount,
	}
	if s.URL != nil {
		post.URL = *s.URL
	}
	return post
}

// fetchConversations adds the last status of each direct conversation newer
// than since as a DM, unless the batch already holds that status (seen as a
// mention notification). It returns the newest last-status id seen. A server
// without the endpoint (404) is skipped.
func (p *Provider) fetchConversations(ctx context.Context, since string, b *core.Batch) (string, error) {
	cs, err := p.client.Conversations(ctx, since, convLimit)
	if err != nil {
		var ae *APIError
		if errors.As(err, &ae) && ae.Status == http.StatusNotFound {
			return since, nil
		}
		return "", err
	}
	have := map[string]bool{}
	for _, it := range b.Items {
		have[it.RemoteID] = true
	}
	p.mu.Lock()
	me := p.accountID
	p.mu.Unlock()
	newest := since
	for _, c := range cs {
		s := c.LastStatus
		if s == nil || s.ID == "" || !validID(s.ID) {
			continue
		}
		if since != "" && !newerID(s.ID, since) {
			continue // a server that ignored since_id
		}
		if newerID(s.ID, newest) {
			newest = s.ID
		}
		if have[s.ID] || (me != "" && s.Account.ID == me) {
			continue // already a mention in this batch, or our own message
		}
		have[s.ID] = true
		it := p.item(*s)
		it.Kind = core.KindDM
		b.Items = append(b.Items, it)
	}
	return newest, nil
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

func (p *Provider) item(s Status) core.Item {
	kind := core.KindMention
	if s.Visibility == "direct" {
		kind = core.KindDM
	}
	body := htmlToText(s.Content)
	if cw := tidy(s.SpoilerText); cw != "" {
		body = "CW: " + strings.ReplaceAll(cw, "\n", " ") + "\n" + body
	}
	for _, m := range s.MediaAttachments {
		if m.URL != "" {
			body += "\n" + m.URL
		}
	}
	it := core.Item{
		RemoteID:  s.ID,
		Kind:      kind,
		Body:      strings.TrimSpace(body),
		CreatedAt: s.CreatedAt.UTC(),
		State:     core.StateNew,
		Author: core.Author{
			Network:   p.cfg.Account.Network,
			RemoteID:  s.Account.ID,
			Handle:    "@" + s.Account.Acct,
			Name:      normalize(tidy(s.Account.DisplayName)),
			Followers: s.Account.FollowersCount,
		},
	}
	if s.InReplyToID != nil {
		it.ParentRemoteID = *s.InReplyToID
	}
	if s.URL != nil {
		it.URL = *s.URL
	} else {
		it.URL = s.URI
	}
	if s.Language != nil {
		it.Lang = *s.Language
	}
	return it
}

// Do performs one action.
//
// Replies are sent with visibility "unlisted" unless the target is a direct
// message, which this adapter cannot know from the action alone: the payload
// may start with a "visibility:<v>\n" line (public, unlisted, private,
// direct) to choose explicitly; that line is not sent.
func (p *Provider) Do(ctx context.Context, a core.Action) (core.ActionResult, error) {
	switch a.Kind {
	case core.ActReply, core.ActPublish:
		vis, text := splitVisibility(a.Payload)
		if strings.TrimSpace(text) == "" {
			return core.ActionResult{}, &providers.PermanentError{Err: errors.New("mastodon: empty status")}
		}
		inReply := ""
		if a.Kind == core.ActReply {
			if a.TargetRemoteID == "" {
				return core.ActionResult{}, &providers.PermanentError{Err: errors.New("mastodon: reply without a target status")}
			}
			inReply = a.TargetRemoteID
			if vis == "" {
				vis = "unlisted"
			}
		}
		st, err := p.client.PostStatus(ctx, text, inReply, vis, a.IdempotencyKey)
		if err != nil {
			return core.ActionResult{}, err
		}
		return result(st), nil
	case core.ActDelete:
		if a.TargetRemoteID == "" {
			return core.ActionResult{}, &providers.PermanentError{Err: errors.New("mastodon: delete without a target status")}
		}
		return core.ActionResult{}, p.client.DeleteStatus(ctx, a.TargetRemoteID)
	case core.ActBlock, core.ActUnblock:
		if a.TargetRemoteID == "" {
			return core.ActionResult{}, &providers.PermanentError{Err: errors.New("mastodon: block without a target account")}
		}
		return core.ActionResult{}, p.client.SetBlock(ctx, a.TargetRemoteID, a.Kind == core.ActBlock)
	}
	return core.ActionResult{}, providers.ErrUnsupported
}

var visibilities = map[string]bool{"public": true, "unlisted": true, "private": true, "direct": true}

func splitVisibility(payload string) (vis, text string) {
	first, rest, ok := strings.Cut(payload, "\n")
	if v, isVis := strings.CutPrefix(first, "visibility:"); ok && isVis && visibilities[strings.TrimSpace(v)] {
		return strings.TrimSpace(v), rest
	}
	return "", payload
}

func result(s Status) core.ActionResult {
	r := core.ActionResult{RemoteID: s.ID, URL: s.URI}
	if s.URL != nil {
		r.URL = *s.URL
	}
	return r
}

// Check looks for a reply or post that already went out: among the account's
// newest statuses, one with the same in_reply_to_id and the same text. It
// does not rely on the Idempotency-Key, which some servers ignore.
func (p *Provider) Check(ctx context.Context, a core.Action) (core.ActionResult, bool, error) {
	if a.Kind != core.ActReply && a.Kind != core.ActPublish {
		return core.ActionResult{}, false, nil
	}
	_, text := splitVisibility(a.Payload)
	want := normalize(text)
	me, err := p.client.VerifyCredentials(ctx)
	if err != nil {
		return core.ActionResult{}, false, err
	}
	ss, err := p.client.AccountStatuses(ctx, me.ID, recentOwn)
	if err != nil {
		return core.ActionResult{}, false, err
	}
	for _, s := range ss {
		parent := ""
		if s.InReplyToID != nil {
			parent = *s.InReplyToID
		}
		if a.Kind == core.ActReply && parent != a.TargetRemoteID {
			continue
		}
		if a.Kind == core.ActPublish && parent != "" {
			continue
		}
		got := htmlToText(s.Content)
		if s.Text != nil { // source text, when the server returns it
			got = *s.Text
		}
		if normalize(got) == want {
			return result(s), true, nil
		}
	}
	return core.ActionResult{}, false, nil
}

// normalize collapses whitespace so server-side HTML rendering of the text
// (paragraphs, line breaks) compares equal to what we sent.
func normalize(s string) string { return strings.Join(strings.Fields(s), " ") }
