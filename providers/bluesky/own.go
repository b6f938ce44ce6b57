package bluesky

import (
	"context"
	"net/url"
	"strconv"
	"time"

	"cmdeck/core"
)

const (
	ownPosts   = 30        // own recent posts refreshed by Fetch
	postsEvery = time.Hour // own posts' counts are refreshed at most this often
)

// ownState is what fetchOwn decided, for its commit.
type ownState struct {
	now, day            time.Time
	wantPosts, wantSnap bool
}

// fetchOwn adds the account's own recent posts with their counts (at most
// once per postsEvery, so a frequent sync does not spend the rate limit)
// and the day's audience snapshot (once per UTC day). The returned commit
// records that they were fetched; call it once the batch is sure to be
// returned.
func (p *Provider) fetchOwn(ctx context.Context, b *core.Batch) (commit func(), err error) {
	st := p.ownPlan()
	if st.wantPosts {
		posts, err := p.ownRecentPosts(ctx)
		if err != nil {
			return nil, err
		}
		b.Posts = append(b.Posts, posts...)
	}
	if st.wantSnap {
		snap, err := p.snapshot(ctx, st.day)
		if err != nil {
			return nil, err
		}
		b.Snapshots = append(b.Snapshots, snap)
	}
	return func() { p.commitOwn(st) }, nil
}

func (p *Provider) ownPlan() ownState {
	now := p.clock.Now().UTC()
	st := ownState{now: now, day: time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)}
	p.mu.Lock()
	defer p.mu.Unlock()
	st.wantPosts = p.postsAt.IsZero() || now.Sub(p.postsAt) >= postsEvery || now.Before(p.postsAt)
	st.wantSnap = !p.snapDay.Equal(st.day)
	return st
}

func (p *Provider) commitOwn(st ownState) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if st.wantPosts {
		p.postsAt = st.now
	}
	if st.wantSnap {
		p.snapDay = st.day
	}
}

// ownRecentPosts reads the account's own recent posts (not reposts, not
// replies) with their counts; quotes count as shares.
func (p *Provider) ownRecentPosts(ctx context.Context) ([]core.Post, error) {
	var feed authorFeed
	q := url.Values{"actor": {p.client.DID()}, "limit": {strconv.Itoa(ownPosts)}, "filter": {"posts_no_replies"}}
	if err := p.client.Query(ctx, "app.bsky.feed.getAuthorFeed", q, &feed); err != nil {
		return nil, err
	}
	var posts []core.Post
	for _, f := range feed.Feed {
		pv := f.Post
		if f.Reason != nil || pv.URI == "" || pv.Author.DID != p.client.DID() {
			continue // a repost of someone else's post
		}
		posts = append(posts, core.Post{
			RemoteID:    pv.URI,
			Body:        pv.Record.Text,
			Status:      core.PostPublished,
			PublishedAt: postTime(pv.Record.CreatedAt, pv.IndexedAt),
			URL:         postURL(pv.Author.Handle, pv.URI),
			Likes:       pv.LikeCount,
			Shares:      pv.RepostCount + pv.QuoteCount,
			Replies:     pv.ReplyCount,
		})
	}
	return posts, nil
}

// snapshot is the day's audience figures from the profile; a count the
// server did not give is -1 ("not available", never zero).
func (p *Provider) snapshot(ctx context.Context, day time.Time) (core.StatSnapshot, error) {
	var prof profileBasic
	if err := p.client.Query(ctx, "app.bsky.actor.getProfile", url.Values{"actor": {p.client.DID()}}, &prof); err != nil {
		return core.StatSnapshot{}, err
	}
	return core.StatSnapshot{Day: day, Followers: orUnknown(prof.FollowersCount),
		Following: orUnknown(prof.FollowsCount), Posts: orUnknown(prof.PostsCount)}, nil
}

func orUnknown(n *int) int {
	if n == nil {
		return -1
	}
	return *n
}
