package mastodon

import (
	"context"
	"errors"
	"maps"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

const (
	ownPosts   = 20        // own recent posts refreshed by Fetch
	postsEvery = time.Hour // own posts' counts are refreshed at most this often

	// maxContextCalls caps the threads read per fetch for new replies. Each
	// is one request of a budget of 300 per 5 minutes shared with the sync
	// and the outbox; a post going viral must not spend it. Posts left
	// over keep their old count, so the next refresh looks at them.
	maxContextCalls = 5
)

// ownState is what fetchOwn decided and read, for its commit.
type ownState struct {
	now, day            time.Time
	wantPosts, wantSnap bool
	accountID           string
	me                  *Account // the account, when read
	posts               []core.Post
	comments            []core.Item
	counts              map[string]int // replies_count per own post after this fetch
}

// fetchOwn adds the account's own recent posts with their counts (at most
// once per postsEvery, so a frequent sync or a More-loop does not spend the
// rate limit), the replies to them that are not mentions (see ownComments)
// and the day's audience snapshot (once per UTC day). The returned commit
// records that they were fetched; call it once the batch is sure to be
// returned.
func (p *Provider) fetchOwn(ctx context.Context, b *core.Batch) (commit func(), err error) {
	st := p.ownPlan()
	if !st.wantPosts && !st.wantSnap {
		return func() {}, nil
	}
	if err := p.readMe(ctx, &st); err != nil {
		return nil, err
	}
	if st.wantPosts {
		if err := p.readOwnPosts(ctx, &st, itemIDs(b)); err != nil {
			return nil, err
		}
	}
	p.mu.Lock()
	p.accountID = st.accountID
	p.mu.Unlock()
	b.Posts = append(b.Posts, st.posts...)
	b.Items = append(b.Items, st.comments...)
	if st.wantSnap {
		b.Snapshots = append(b.Snapshots, core.StatSnapshot{
			Day: st.day, Followers: st.me.FollowersCount, Following: st.me.FollowingCount, Posts: st.me.StatusesCount,
		})
	}
	return func() { p.commitOwn(st) }, nil
}

// ownPlan says what is due.
func (p *Provider) ownPlan() ownState {
	now := p.clock.Now().UTC()
	st := ownState{now: now, day: time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)}
	p.mu.Lock()
	defer p.mu.Unlock()
	st.accountID = p.accountID
	st.wantPosts = p.postsAt.IsZero() || now.Sub(p.postsAt) >= postsEvery || now.Before(p.postsAt)
	st.wantSnap = !p.snapDay.Equal(st.day)
	return st
}

// readMe reads the account when its id is unknown or a snapshot is due.
func (p *Provider) readMe(ctx context.Context, st *ownState) error {
	if st.accountID != "" && !st.wantSnap {
		return nil
	}
	a, err := p.client.VerifyCredentials(ctx)
	if err != nil {
		return err
	}
	if a.ID == "" {
		return &providers.PermanentError{Err: errors.New("mastodon: verify_credentials returned no account id")}
	}
	st.me, st.accountID = &a, a.ID
	return nil
}

func (p *Provider) readOwnPosts(ctx context.Context, st *ownState, have map[string]bool) error {
	ss, err := p.client.OwnStatuses(ctx, st.accountID, ownPosts)
	if err != nil {
		return err
	}
	for _, s := range ss {
		st.posts = append(st.posts, ownPost(s))
	}
	st.counts, st.comments, err = p.ownComments(ctx, ss, st.accountID, have)
	return err
}

func (p *Provider) commitOwn(st ownState) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if st.wantPosts {
		p.postsAt = st.now
		p.replyCounts = st.counts
	}
	if st.wantSnap {
		p.snapDay = st.day
	}
}

// ownComments finds the replies to own posts that did not come as
// mentions (their author removed the automatic @mention): for each post
// whose replies_count grew since last looked at, or was never looked at
// by this process (after a restart; ingest drops repeats), newest posts
// first and at most maxContextCalls of them, it reads the thread. It
// returns the counts to remember: only posts present now, so the map stays
// as small as the list.
func (p *Provider) ownComments(ctx context.Context, ss []Status, me string, have map[string]bool) (map[string]int, []core.Item, error) {
	p.mu.Lock()
	last := maps.Clone(p.replyCounts)
	p.mu.Unlock()
	counts := make(map[string]int, len(ss))
	var comments []core.Item
	calls := 0
	for _, s := range ss {
		old, known := last[s.ID]
		if s.ID == "" || s.RepliesCount == 0 || (known && s.RepliesCount <= old) {
			counts[s.ID] = s.RepliesCount
			continue
		}
		if calls == maxContextCalls {
			if known {
				counts[s.ID] = old
			}
			continue
		}
		calls++
		found, err := p.replies(ctx, s.ID, me, have)
		if err != nil {
			return nil, nil, err
		}
		comments = append(comments, found...)
		counts[s.ID] = s.RepliesCount
	}
	return counts, comments, nil
}

// replies reads a post's thread and returns the direct replies to it not
// written by the account and not in have (which it extends), as comments.
// A post deleted meanwhile (404) has none.
func (p *Provider) replies(ctx context.Context, postID, me string, have map[string]bool) ([]core.Item, error) {
	tc, err := p.client.StatusContext(ctx, postID)
	if errors.Is(err, providers.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []core.Item
	for _, d := range tc.Descendants {
		if d.InReplyToID == nil || *d.InReplyToID != postID || !usable(d) || d.Account.ID == me || have[d.ID] {
			continue
		}
		have[d.ID] = true
		it := p.item(d)
		if it.Kind != core.KindDM {
			it.Kind = core.KindComment
		}
		out = append(out, it)
	}
	return out, nil
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
