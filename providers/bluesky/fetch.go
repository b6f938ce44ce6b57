package bluesky

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

const (
	pageSize       = 100 // notifications per page (the lexicon's maximum)
	maxPages       = 10  // pages read back per fetch
	nsListNotifs   = "app.bsky.notification.listNotifications"
	cursorPrefixV1 = "v1:"
)

// itemKinds maps the notification reasons that become inbox items.
var itemKinds = map[string]core.ItemKind{
	"mention": core.KindMention,
	"quote":   core.KindMention,
	"reply":   core.KindComment,
}

// engagementKinds maps the activity reasons to engagements.
var engagementKinds = map[string]core.EngagementKind{
	"like":   core.EngageLike,
	"repost": core.EngageShare,
	"follow": core.EngageFollow,
}

// notifCursor is where the notification stream was read up to: the newest
// indexedAt seen, and the URIs of the notifications at exactly that time
// (indexedAt has millisecond precision, so several can share it).
type notifCursor struct {
	at   time.Time
	tied []string
}

// parseCursor reads "v1:<unix microseconds>[ <uri>…]"; "" is the first sync.
func parseCursor(s string) (notifCursor, bool, error) {
	if s == "" {
		return notifCursor{}, true, nil
	}
	bad := &providers.PermanentError{Err: errBadCursor}
	rest, ok := strings.CutPrefix(s, cursorPrefixV1)
	if !ok {
		return notifCursor{}, false, bad
	}
	fields := strings.Split(rest, " ")
	us, err := strconv.ParseInt(fields[0], 10, 64)
	if err != nil || us < 0 {
		return notifCursor{}, false, bad
	}
	for _, u := range fields[1:] {
		if _, err := parseATURI(u); err != nil {
			return notifCursor{}, false, bad
		}
	}
	return notifCursor{at: time.UnixMicro(us).UTC(), tied: fields[1:]}, false, nil
}

func (c notifCursor) String() string {
	us := max(c.at.UnixMicro(), 0) // before 1970 is "from the start"
	return cursorPrefixV1 + strings.Join(append([]string{strconv.FormatInt(us, 10)}, c.tied...), " ")
}

// isNew reports whether a notification indexed at at with uri comes after c.
func (c notifCursor) isNew(at time.Time, uri string) bool {
	if at.After(c.at) {
		return true
	}
	if at.Before(c.at) {
		return false
	}
	for _, u := range c.tied {
		if u == uri {
			return false
		}
	}
	return true
}

// advance moves c past a notification.
func (c *notifCursor) advance(at time.Time, uri string) {
	switch {
	case at.After(c.at):
		c.at, c.tied = at, []string{uri}
	case at.Equal(c.at):
		c.tied = append(c.tied, uri)
	}
}

// unixEpoch: a notification indexed before it has no usable time.
var unixEpoch = time.Unix(0, 0).UTC()

var errBadCursor = errors.New("bluesky: unreadable cursor")

// Fetch returns what is new since cursor: the notifications newer than it
// (mentions, quotes and replies as items; likes, reposts and follows as
// engagements, unless setting activity is false), then the own posts and
// the audience snapshot when due (see fetchOwn).
//
// The stream has no "since" parameter: it is read newest first, page after
// page, until a notification not newer than the cursor (or, on the first
// sync, older than first_sync_days) or maxPages pages. The cursor moves to
// the newest notification read: a backlog of more than maxPages pages since
// the last fetch (days without a sync on a very busy account) loses its
// oldest part rather than stalling the sync.
func (p *Provider) Fetch(ctx context.Context, cursor string) (core.Batch, error) {
	cur, first, err := parseCursor(cursor)
	if err != nil {
		return core.Batch{}, err
	}
	if err := p.client.Login(ctx); err != nil {
		return core.Batch{}, err
	}
	if first {
		cur.at = p.clock.Now().Add(-time.Duration(p.set.firstDays) * 24 * time.Hour).UTC().Truncate(time.Millisecond)
	}
	ns, err := p.newNotifications(ctx, cur)
	if err != nil {
		return core.Batch{}, err
	}
	var b core.Batch
	next := p.addNotifications(&b, ns, cur)
	p.addContext(ctx, &b)
	commit, err := p.fetchOwn(ctx, &b)
	if err != nil {
		return core.Batch{}, err
	}
	commit() // only now: a failed batch does not lose the posts or snapshot
	b.Cursor = next.String()
	return b, nil
}

// newNotifications reads pages until one reaches the cursor.
func (p *Provider) newNotifications(ctx context.Context, cur notifCursor) ([]notification, error) {
	var all []notification
	page := ""
	for range maxPages {
		q := url.Values{"limit": {strconv.Itoa(pageSize)}}
		if page != "" {
			q.Set("cursor", page)
		}
		var np notificationsPage
		if err := p.client.Query(ctx, nsListNotifs, q, &np); err != nil {
			return nil, err
		}
		all = append(all, np.Notifications...)
		if np.Cursor == "" || np.Cursor == page || len(np.Notifications) == 0 || reached(np.Notifications, cur) {
			break
		}
		page = np.Cursor
	}
	return all, nil
}

// reached reports whether the page holds a notification the cursor has seen.
func reached(ns []notification, cur notifCursor) bool {
	for _, n := range ns {
		if !cur.isNew(n.IndexedAt.UTC(), n.URI) {
			return true
		}
	}
	return false
}

// addNotifications turns the new notifications into items and engagements
// and returns the cursor after them. Repeats are dropped.
func (p *Provider) addNotifications(b *core.Batch, ns []notification, cur notifCursor) notifCursor {
	next := notifCursor{at: cur.at, tied: append([]string(nil), cur.tied...)}
	seen := map[string]bool{}
	// Oldest first, so ties at the newest time are all recorded.
	for i := len(ns) - 1; i >= 0; i-- {
		n := ns[i]
		at := n.IndexedAt.UTC()
		if n.URI == "" || seen[n.URI] || at.Before(unixEpoch) || !cur.isNew(at, n.URI) {
			continue
		}
		if _, err := parseATURI(n.URI); err != nil || strings.Contains(n.URI, " ") {
			continue // a URI that would break the cursor
		}
		seen[n.URI] = true
		next.advance(at, n.URI)
		p.addNotification(b, n)
	}
	return next
}

func (p *Provider) addNotification(b *core.Batch, n notification) {
	if kind, ok := itemKinds[n.Reason]; ok {
		if n.Author.DID != "" {
			b.Items = append(b.Items, p.item(n, kind))
		}
		return
	}
	if e, ok := p.engagement(n); ok {
		b.Engagements = append(b.Engagements, e)
	}
}

// engagement maps a like, repost or follow; a like or repost without the
// post it concerns is skipped (nothing to count it on).
func (p *Provider) engagement(n notification) (core.Engagement, bool) {
	kind, ok := engagementKinds[n.Reason]
	if !ok || !p.set.activity || n.Author.DID == "" {
		return core.Engagement{}, false
	}
	e := core.Engagement{RemoteID: n.URI, Kind: kind, Author: p.author(n.Author), At: n.IndexedAt.UTC()}
	if kind != core.EngageFollow {
		if n.ReasonSubject == "" {
			return core.Engagement{}, false
		}
		e.PostRemoteID = n.ReasonSubject
	}
	return e, true
}

func (p *Provider) author(a profileBasic) core.Author {
	return core.Author{
		Network:  p.cfg.Account.Network,
		RemoteID: a.DID,
		Handle:   "@" + a.Handle,
		Name:     strings.Join(strings.Fields(a.DisplayName), " "),
	}
}

// item is a post that mentions, quotes or answers the account. A mention
// or a reply is addressed to the brand and waits for an answer until the
// CM says otherwise; a quote talks about it, to others.
func (p *Provider) item(n notification, kind core.ItemKind) core.Item {
	it := p.postItem(n.URI, n.Author, n.Record, n.IndexedAt, kind)
	it.NeedsReply = n.Reason != "quote"
	return it
}

// postItem is a post as an inbox item, new. Its thread comes from the
// record's reply refs: the parent it answers and the root.
func (p *Provider) postItem(uri string, author profileBasic, rec postRecord, indexed time.Time, kind core.ItemKind) core.Item {
	it := core.Item{
		RemoteID:  uri,
		Kind:      kind,
		Author:    p.author(author),
		Body:      strings.TrimSpace(expandLinks(rec.Text, rec.Facets)),
		URL:       postURL(author.Handle, uri),
		CreatedAt: postTime(rec.CreatedAt, indexed),
		State:     core.StateNew,
	}
	if r := rec.Reply; r != nil {
		it.ParentRemoteID = r.Parent.URI
		it.ThreadRemoteID = r.Root.URI
	}
	if len(rec.Langs) > 0 {
		it.Lang = rec.Langs[0]
	}
	return it
}

// postTime is when a post was written: its record's createdAt, which the
// author's client sets, unless it is unreadable or later than when the
// network indexed it (a client cannot post from the future).
func postTime(created string, indexed time.Time) time.Time {
	indexed = indexed.UTC()
	t, err := time.Parse(time.RFC3339Nano, created)
	if err != nil || (!indexed.IsZero() && t.After(indexed)) || t.IsZero() {
		return indexed
	}
	return t.UTC()
}
