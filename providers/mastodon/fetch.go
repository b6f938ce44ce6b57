package mastodon

import (
	"context"
	"errors"
	"strings"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

const (
	pageSize       = 40 // notifications per page (the API maximum)
	maxPages       = 5  // pages followed through Link rel="prev" per incremental fetch
	firstSyncPages = 10 // pages followed through Link rel="next" on the first sync
	convLimit      = 40 // conversations read per fetch
)

// engagementKinds maps the activity notification types to engagements.
var engagementKinds = map[string]core.EngagementKind{
	"favourite": core.EngageLike,
	"reblog":    core.EngageShare,
	"follow":    core.EngageFollow,
}

// Fetch returns what is new since cursor: mentions (and direct messages
// arriving as mentions) as items and, unless setting activity is false,
// likes, boosts and follows as engagements, all from the one notification
// stream; then the own posts, the comments on them, the audience snapshot
// (see fetchOwn) and the direct conversations (see fetchConversations).
//
// The first sync pages back from the newest notification (Link rel="next")
// until first_sync_days ago, at most firstSyncPages pages; older ones are
// left out. Later syncs ask for the page immediately newer than the cursor
// (min_id, which, unlike since_id, pages forward without gaps) and follow
// Link rel="prev" to newer pages, at most maxPages per fetch; More is true
// when the last page was full. The cursor moves to the newest notification
// seen.
func (p *Provider) Fetch(ctx context.Context, cursor string) (core.Batch, error) {
	since, convSince, err := parseCursor(cursor)
	if err != nil {
		return core.Batch{}, err
	}
	var b core.Batch
	var ns []Notification
	var notBefore time.Time
	if since == "" {
		notBefore = p.clock.Now().Add(-time.Duration(p.set.firstDays) * 24 * time.Hour)
		ns, err = p.firstNotifications(ctx, notBefore)
	} else {
		ns, b.More, err = p.newerNotifications(ctx, since)
	}
	if err != nil {
		return core.Batch{}, err
	}
	newest := p.addNotifications(&b, ns, since, notBefore)
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

// notificationTypes are the types asked for. Some servers ignore types[],
// so addNotifications filters by type again.
func (p *Provider) notificationTypes() []string {
	if !p.set.activity {
		return []string{"mention"}
	}
	return []string{"mention", "favourite", "reblog", "follow"}
}

// firstNotifications pages back from the newest notification until one
// is older than notBefore, there is no older page, or firstSyncPages pages
// were read: a long-idle account does not cost hundreds of requests.
func (p *Provider) firstNotifications(ctx context.Context, notBefore time.Time) ([]Notification, error) {
	var all []Notification
	q := notificationQuery{types: p.notificationTypes(), limit: pageSize}
	for range firstSyncPages {
		ns, l, err := p.client.Notifications(ctx, q)
		if err != nil {
			return nil, err
		}
		all = append(all, ns...)
		if len(ns) == 0 || l.next == "" || reachedBefore(ns, notBefore) {
			break
		}
		q.pageURL = l.next
	}
	return all, nil
}

// reachedBefore reports whether the page holds a notification older than t.
func reachedBefore(ns []Notification, t time.Time) bool {
	for _, n := range ns {
		if n.CreatedAt.Before(t) {
			return true
		}
	}
	return false
}

// newerNotifications reads the pages newer than since, at most maxPages;
// more says the last one was full.
func (p *Provider) newerNotifications(ctx context.Context, since string) (all []Notification, more bool, err error) {
	q := notificationQuery{types: p.notificationTypes(), minID: since, limit: pageSize}
	for range maxPages {
		ns, l, err := p.client.Notifications(ctx, q)
		if err != nil {
			return nil, false, err
		}
		all = append(all, ns...)
		more = len(ns) >= pageSize
		if !more || l.prev == "" {
			break
		}
		q.pageURL = l.prev
	}
	return all, more, nil
}

// addNotifications turns notifications into items and engagements and
// returns the newest notification id, which every notification with a
// usable id moves (even one older than notBefore, or of a type we skip).
// Notifications not newer than since (a server that ignored min_id) and
// repeats are dropped.
func (p *Provider) addNotifications(b *core.Batch, ns []Notification, since string, notBefore time.Time) string {
	newest := since
	seen := map[string]bool{}
	for _, n := range ns {
		if n.ID == "" || !validID(n.ID) || seen[n.ID] {
			continue // an id that would break the cursor, or a repeat
		}
		if since != "" && !newerID(n.ID, since) {
			continue
		}
		seen[n.ID] = true
		if newerID(n.ID, newest) {
			newest = n.ID
		}
		if n.CreatedAt.Before(notBefore) {
			continue // older than the first sync reaches
		}
		p.addNotification(b, n)
	}
	return newest
}

func (p *Provider) addNotification(b *core.Batch, n Notification) {
	if n.Type == "mention" {
		if n.Status != nil && usable(*n.Status) {
			it := p.item(*n.Status)
			if it.CreatedAt.IsZero() {
				it.CreatedAt = n.CreatedAt.UTC()
			}
			b.Items = append(b.Items, it)
		}
		return
	}
	if e, ok := p.engagement(n); ok {
		b.Engagements = append(b.Engagements, e)
	}
}

// engagement maps a like, boost or follow notification. A like or boost
// whose status is gone (deleted since) has no post to count it on and is
// skipped.
func (p *Provider) engagement(n Notification) (core.Engagement, bool) {
	kind, ok := engagementKinds[n.Type]
	if !ok || !p.set.activity {
		return core.Engagement{}, false
	}
	e := core.Engagement{RemoteID: n.ID, Kind: kind, Author: p.author(n.Account), At: n.CreatedAt.UTC()}
	if kind != core.EngageFollow {
		if n.Status == nil || n.Status.ID == "" {
			return core.Engagement{}, false
		}
		e.PostRemoteID = n.Status.ID
	}
	return e, true
}

// usable reports whether a status from the network can become an item:
// the store needs its id and its author's.
func usable(s Status) bool { return s.ID != "" && s.Account.ID != "" }

// fetchConversations adds the last status of each direct conversation newer
// than since as a DM, unless the batch already holds that status (seen as a
// mention notification). It returns the newest last-status id seen. A server
// without the endpoint (404) is skipped.
func (p *Provider) fetchConversations(ctx context.Context, since string, b *core.Batch) (string, error) {
	cs, err := p.client.Conversations(ctx, since, convLimit)
	if err != nil {
		if errors.Is(err, providers.ErrNotFound) {
			return since, nil
		}
		return "", err
	}
	have := itemIDs(b)
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
		if have[s.ID] || !usable(*s) || (me != "" && s.Account.ID == me) {
			continue // already in this batch, or our own message
		}
		have[s.ID] = true
		it := p.item(*s)
		it.Kind = core.KindDM
		b.Items = append(b.Items, it)
	}
	return newest, nil
}

// itemIDs is the set of the batch's item remote ids.
func itemIDs(b *core.Batch) map[string]bool {
	have := make(map[string]bool, len(b.Items))
	for _, it := range b.Items {
		have[it.RemoteID] = true
	}
	return have
}

func (p *Provider) author(a Account) core.Author {
	return core.Author{
		Network:   p.cfg.Account.Network,
		RemoteID:  a.ID,
		Handle:    "@" + a.Acct,
		Name:      normalize(tidy(a.DisplayName)),
		Followers: a.FollowersCount,
	}
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
	// Every status the adapter keeps is someone else's, addressed to the
	// account (a mention, a DM, a reply to its post): it waits for an
	// answer until the CM says otherwise.
	it := core.Item{
		RemoteID:   s.ID,
		Kind:       kind,
		NeedsReply: true,
		Body:       strings.TrimSpace(body),
		CreatedAt:  s.CreatedAt.UTC(),
		State:      core.StateNew,
		Author:     p.author(s.Account),
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
