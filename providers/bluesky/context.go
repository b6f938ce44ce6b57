package bluesky

import (
	"context"
	"net/url"
	"strconv"

	"cmdeck/core"
)

// Thread context: a message that answers someone else's post (a mention
// deep in a thread, a reply to one of our answers written in the Bluesky
// app) comes with the posts above it (app.bsky.feed.getPostThread), so the
// deck's conversation shows what it answers. They are items the CM has
// seen: read, not waiting for a reply; ours among them are our replies
// (done). Our own top-level posts are posts of the calendar, not items.

const (
	// maxContextReads bounds the thread reads of one sync.
	maxContextReads = 10
	// contextHeight is how many posts above a message are read.
	contextHeight = 4
)

// addContext adds the posts above the batch's messages that answer a post
// not in the batch. Context is a help, not the sync: a read that fails
// (a post deleted, hidden, or the AppView busy) leaves it out, and the
// messages go in all the same.
func (p *Provider) addContext(ctx context.Context, b *core.Batch) {
	have := make(map[string]bool, len(b.Items))
	for _, it := range b.Items {
		have[it.RemoteID] = true
	}
	reads := 0
	for i, n := 0, len(b.Items); i < n && reads < maxContextReads; i++ {
		parent := b.Items[i].ParentRemoteID
		if parent == "" || have[parent] || p.ownRoot(b.Items[i]) {
			continue
		}
		reads++
		above, err := p.ancestors(ctx, b.Items[i].RemoteID)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			continue
		}
		for _, it := range above {
			if !have[it.RemoteID] {
				have[it.RemoteID] = true
				b.Items = append(b.Items, it)
			}
		}
	}
}

// ownRoot reports that it answers one of our top-level posts directly:
// that post is in the calendar already, there is nothing above it.
func (p *Provider) ownRoot(it core.Item) bool {
	u, err := parseATURI(it.ParentRemoteID)
	return err == nil && u.Repo == p.client.DID() && it.ParentRemoteID == it.ThreadRemoteID
}

// ancestors reads the posts above uri, nearest first, as items.
func (p *Provider) ancestors(ctx context.Context, uri string) ([]core.Item, error) {
	var ans threadAnswer
	q := url.Values{"uri": {uri}, "depth": {"0"}, "parentHeight": {strconv.Itoa(contextHeight)}}
	if err := p.client.Query(ctx, "app.bsky.feed.getPostThread", q, &ans); err != nil {
		return nil, err
	}
	var out []core.Item
	for _, pv := range parentPosts(ans.Thread, contextHeight) {
		if it, ok := p.contextItem(pv); ok {
			out = append(out, it)
		}
	}
	return out, nil
}

// parentPosts are the posts above node, nearest first, at most height: up
// to the top, or to a post deleted or hidden.
func parentPosts(node threadNode, height int) []postView {
	var out []postView
	for up := node.Parent; up != nil && len(out) < height; up = up.Parent {
		if up.Post == nil || up.Post.URI == "" || up.Post.Author.DID == "" {
			break
		}
		out = append(out, *up.Post)
	}
	return out
}

// contextItem is a post above a message: someone's, read; one of our
// replies, done and ours; one of our top-level posts is no item.
func (p *Provider) contextItem(pv postView) (core.Item, bool) {
	if _, err := parseATURI(pv.URI); err != nil {
		return core.Item{}, false
	}
	own := pv.Author.DID == p.client.DID()
	if own && pv.Record.Reply == nil {
		return core.Item{}, false
	}
	it := p.postItem(pv.URI, pv.Author, pv.Record, pv.IndexedAt, core.KindComment)
	it.State = core.StateRead
	if own {
		it.Kind, it.Outgoing, it.State = core.KindReply, true, core.StateDone
	}
	return it, true
}
