package bluesky

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/rivo/uniseg"

	"cmdeck/core"
	"cmdeck/providers"
)

// Report reasons (com.atproto.moderation.defs).
const (
	reasonOther = "com.atproto.moderation.defs#reasonOther"
	reasonSpam  = "com.atproto.moderation.defs#reasonSpam"
	// maxReportReason is the lexicon's limit on a report's text, in graphemes.
	maxReportReason = 2000
)

// Do performs one action. Kinds not in Capabilities are ErrUnsupported.
// TargetRemoteID is a post's at:// URI for reply, delete, like, report and
// spam, and an account's DID for block, unblock, mute and unmute.
func (p *Provider) Do(ctx context.Context, a core.Action) (core.ActionResult, error) {
	if !p.Capabilities().Has(providers.ForAction(a.Kind)) {
		return core.ActionResult{}, providers.ErrUnsupported
	}
	if err := p.client.Login(ctx); err != nil {
		return core.ActionResult{}, err
	}
	if a.Kind == core.ActPublish {
		return p.post(ctx, a, nil)
	}
	if a.TargetRemoteID == "" {
		return core.ActionResult{}, &providers.PermanentError{Err: fmt.Errorf("bluesky: %s without a target", a.Kind)}
	}
	switch a.Kind {
	case core.ActReply:
		return p.reply(ctx, a)
	case core.ActLike:
		return p.like(ctx, a)
	case core.ActBlock:
		return p.block(ctx, a)
	case core.ActReport:
		return p.report(ctx, a, reasonOther)
	case core.ActSpam:
		return p.report(ctx, a, reasonSpam)
	}
	return core.ActionResult{}, p.simple(ctx, a)
}

// simple performs the actions that have no result.
func (p *Provider) simple(ctx context.Context, a core.Action) error {
	switch a.Kind {
	case core.ActDelete:
		return p.deleteOwn(ctx, a.TargetRemoteID)
	case core.ActMute:
		return p.client.Procedure(ctx, "app.bsky.graph.muteActor", map[string]string{"actor": a.TargetRemoteID}, nil)
	case core.ActUnmute:
		return p.client.Procedure(ctx, "app.bsky.graph.unmuteActor", map[string]string{"actor": a.TargetRemoteID}, nil)
	case core.ActUnblock:
		return p.unblock(ctx, a.TargetRemoteID)
	}
	return providers.ErrUnsupported
}

// reply answers the post: parent is that post, root its thread's root
// (the parent itself when it starts the thread), both as strong refs.
func (p *Provider) reply(ctx context.Context, a core.Action) (core.ActionResult, error) {
	parent, err := p.postView(ctx, a.TargetRemoteID)
	if err != nil {
		return core.ActionResult{}, gone(err, "reply")
	}
	ref := &replyRef{Root: strongRef{URI: parent.URI, CID: parent.CID}, Parent: strongRef{URI: parent.URI, CID: parent.CID}}
	if r := parent.Record.Reply; r != nil && r.Root.URI != "" && r.Root.CID != "" {
		ref.Root = r.Root
	}
	return p.post(ctx, a, ref)
}

// post writes a post (a reply when ref is set) with its facets.
// Images are checked before anything is sent, and uploaded before the post.
func (p *Provider) post(ctx context.Context, a core.Action, ref *replyRef) (core.ActionResult, error) {
	if n := Count(a.Payload); n > graphemeLimit {
		return core.ActionResult{}, &providers.PermanentError{Err: fmt.Errorf("bluesky: the text is %d characters, the limit is %d", n, graphemeLimit)}
	}
	if strings.TrimSpace(a.Payload) == "" && len(a.Media) == 0 {
		return core.ActionResult{}, &providers.PermanentError{Err: errors.New("bluesky: empty post")}
	}
	files, err := checkImages(a.Media)
	if err != nil {
		return core.ActionResult{}, err
	}
	facets, err := detectFacets(ctx, a.Payload, p.resolveHandle)
	if err != nil {
		return core.ActionResult{}, err
	}
	images, err := p.uploadImages(ctx, files)
	if err != nil {
		return core.ActionResult{}, err
	}
	rec := postRecord{Type: typePost, Text: a.Payload, CreatedAt: p.createdAt(a), Reply: ref, Facets: facets, Embed: images}
	res, err := p.write(ctx, a, typePost, rec)
	if err != nil {
		return core.ActionResult{}, err
	}
	return core.ActionResult{RemoteID: res.URI, URL: postURL(p.client.Handle(), res.URI)}, nil
}

// like likes the post, as a record pointing at it.
func (p *Provider) like(ctx context.Context, a core.Action) (core.ActionResult, error) {
	ref, err := p.recordRef(ctx, a.TargetRemoteID)
	if err != nil {
		return core.ActionResult{}, gone(err, "like")
	}
	rec := likeRecord{Type: typeLike, Subject: ref, CreatedAt: p.createdAt(a)}
	res, err := p.write(ctx, a, typeLike, rec)
	return core.ActionResult{RemoteID: res.URI}, err
}

// block blocks the account: a block is a record in our repository.
func (p *Provider) block(ctx context.Context, a core.Action) (core.ActionResult, error) {
	rec := blockRecord{Type: typeBlock, Subject: a.TargetRemoteID, CreatedAt: p.createdAt(a)}
	res, err := p.write(ctx, a, typeBlock, rec)
	return core.ActionResult{RemoteID: res.URI}, err
}

// unblock deletes every block record of ours on the account (a second
// client may have made one too); none is fine: the account is unblocked.
func (p *Provider) unblock(ctx context.Context, did string) error {
	uris, err := p.blocksOf(ctx, did)
	if err != nil {
		return err
	}
	for _, u := range uris {
		if err := p.deleteOwn(ctx, u); err != nil {
			return err
		}
	}
	return nil
}

// blocksOf lists our block records on did, reading at most maxPages pages.
func (p *Provider) blocksOf(ctx context.Context, did string) ([]string, error) {
	var uris []string
	page := ""
	for range maxPages {
		q := url.Values{"repo": {p.client.DID()}, "collection": {typeBlock}, "limit": {"100"}}
		if page != "" {
			q.Set("cursor", page)
		}
		var ans listRecordsAnswer
		if err := p.client.Query(ctx, "com.atproto.repo.listRecords", q, &ans); err != nil {
			return nil, err
		}
		for _, r := range ans.Records {
			if r.Value.Subject == did {
				uris = append(uris, r.URI)
			}
		}
		if ans.Cursor == "" || ans.Cursor == page || len(ans.Records) == 0 {
			break
		}
		page = ans.Cursor
	}
	return uris, nil
}

// deleteOwn deletes one of our records; a record of someone else cannot
// be deleted by us, whatever its URI says.
func (p *Provider) deleteOwn(ctx context.Context, uri string) error {
	u, err := parseATURI(uri)
	if err != nil {
		return err
	}
	if u.Repo != p.client.DID() {
		return &providers.PermanentError{Err: errors.New("bluesky: cannot delete a record of another account")}
	}
	return p.client.Procedure(ctx, "com.atproto.repo.deleteRecord",
		map[string]string{"repo": u.Repo, "collection": u.Collection, "rkey": u.RKey}, nil)
}

// report reports the post to the moderation service the server uses.
func (p *Provider) report(ctx context.Context, a core.Action, reason string) (core.ActionResult, error) {
	ref, err := p.recordRef(ctx, a.TargetRemoteID)
	if err != nil {
		return core.ActionResult{}, gone(err, "report")
	}
	body := map[string]any{
		"reasonType": reason,
		"reason":     cutGraphemes(a.Payload, maxReportReason),
		"subject":    map[string]string{"$type": "com.atproto.repo.strongRef", "uri": ref.URI, "cid": ref.CID},
	}
	var ans struct {
		ID int64 `json:"id"`
	}
	if err := p.client.Procedure(ctx, "com.atproto.moderation.createReport", body, &ans); err != nil {
		return core.ActionResult{}, err
	}
	return core.ActionResult{RemoteID: fmt.Sprint(ans.ID)}, nil
}

// recordRef is the strong reference of a record, read from its repository
// rather than from a view: a CM often blocks an author and then reports
// the post, and the views hide the posts of blocked authors (and lag
// behind the repositories while the AppView indexes).
func (p *Provider) recordRef(ctx context.Context, uri string) (strongRef, error) {
	u, err := parseATURI(uri)
	if err != nil {
		return strongRef{}, err
	}
	var ans strongRef
	q := url.Values{"repo": {u.Repo}, "collection": {u.Collection}, "rkey": {u.RKey}}
	if err := p.client.Query(ctx, "com.atproto.repo.getRecord", q, &ans); err != nil {
		return strongRef{}, err
	}
	if ans.CID == "" {
		return strongRef{}, &providers.PermanentError{Err: fmt.Errorf("bluesky: the record has no CID: %w", providers.ErrNotFound)}
	}
	if ans.URI == "" {
		ans.URI = uri
	}
	return ans, nil
}

// postView reads one post (its CID and record) through its thread.
func (p *Provider) postView(ctx context.Context, uri string) (postView, error) {
	if _, err := parseATURI(uri); err != nil {
		return postView{}, err
	}
	var ans threadAnswer
	q := url.Values{"uri": {uri}, "depth": {"0"}, "parentHeight": {"0"}}
	if err := p.client.Query(ctx, "app.bsky.feed.getPostThread", q, &ans); err != nil {
		return postView{}, err
	}
	if ans.Thread.Post == nil || ans.Thread.Post.CID == "" {
		return postView{}, &providers.PermanentError{Err: fmt.Errorf("bluesky: the post is not visible (%s): %w", cut(ans.Thread.Type, 60), providers.ErrNotFound)}
	}
	return *ans.Thread.Post, nil
}

// resolveHandle is the DID of handle, "" when no account has it.
func (p *Provider) resolveHandle(ctx context.Context, handle string) (string, error) {
	var ans struct {
		DID string `json:"did"`
	}
	err := p.client.Query(ctx, "com.atproto.identity.resolveHandle", url.Values{"handle": {handle}}, &ans)
	if err != nil {
		if providers.IsPermanent(err) && !errors.Is(err, providers.ErrAuth) {
			return "", nil
		}
		return "", err
	}
	return ans.DID, nil
}

// createdAt is the record's creation time: the action's, so a retry
// writes the very same record.
func (p *Provider) createdAt(a core.Action) string {
	t := a.CreatedAt
	if t.IsZero() {
		t = p.clock.Now()
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

// gone rewords a not-found target for the person reading the outbox.
func gone(err error, what string) error {
	if errors.Is(err, providers.ErrNotFound) {
		return fmt.Errorf("bluesky: cannot %s: the post was deleted: %w", what, err)
	}
	return err
}

// cutGraphemes shortens s to at most n grapheme clusters.
func cutGraphemes(s string, n int) string {
	end := 0
	g := uniseg.NewGraphemes(s)
	for i := 0; i < n && g.Next(); i++ {
		_, end = g.Positions()
	}
	return s[:end]
}
