package mastodon

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

const recentOwn = 40 // own statuses looked at by Check

var visibilities = map[string]bool{"public": true, "unlisted": true, "private": true, "direct": true}

var (
	// acctPattern is what a handle must look like before it goes into a
	// status we send: user, or user@domain. Anything else (spaces, line
	// breaks, markup) from a hostile server stays out of our posts.
	acctPattern = regexp.MustCompile(`^[\p{L}\p{N}_]+(?:[.-]+[\p{L}\p{N}_]+)*(?:@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*)?$`)
	// mentionPattern finds @user and @user@domain in a text, preceded by
	// the start or a character that cannot be part of an address (so
	// mail@example.com is no mention); group 1 is the mention.
	mentionPattern = regexp.MustCompile(`(?:^|[^\p{L}\p{N}_/@.])(@[\p{L}\p{N}_]+(?:[.-]+[\p{L}\p{N}_]+)*(?:@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*)?)`)
)

// splitVisibility reads the optional "visibility:<v>" first line of a
// payload (public, unlisted, private, direct), which is not sent.
func splitVisibility(payload string) (vis, text string) {
	first, rest, ok := strings.Cut(payload, "\n")
	if v, isVis := strings.CutPrefix(first, "visibility:"); ok && isVis && visibilities[strings.TrimSpace(v)] {
		return strings.TrimSpace(v), rest
	}
	return "", payload
}

// publish posts a new status, in the payload's visibility or the
// account's default, with its attachments: every file is checked before
// any is uploaded, and all are uploaded and processed before the status
// is sent (see uploadAll for retries).
func (p *Provider) publish(ctx context.Context, a core.Action) (core.ActionResult, error) {
	vis, text, err := postText(a)
	if err != nil {
		return core.ActionResult{}, err
	}
	files, err := p.media.checkMedia(a.Media)
	if err != nil {
		return core.ActionResult{}, err
	}
	ids, err := p.uploadAll(ctx, files)
	if err != nil {
		return core.ActionResult{}, err
	}
	body := statusPost{Status: text, Visibility: vis, MediaIDs: ids}
	st, err := p.client.PostStatus(ctx, body, a.IdempotencyKey)
	if err != nil {
		return core.ActionResult{}, err
	}
	return result(st), nil
}

// postText is a post's visibility and text. The text may be empty when
// the post has attachments, as Mastodon allows.
func postText(a core.Action) (vis, text string, err error) {
	vis, text = splitVisibility(a.Payload)
	if strings.TrimSpace(text) == "" && len(a.Media) == 0 {
		return "", "", &providers.PermanentError{Err: errors.New("mastodon: empty status")}
	}
	return vis, text, nil
}

// reply answers a status; see outgoingReply for what is sent.
func (p *Provider) reply(ctx context.Context, a core.Action) (core.ActionResult, error) {
	out, err := p.outgoingReply(ctx, a)
	if err != nil {
		return core.ActionResult{}, err
	}
	body := statusPost{Status: out.text, InReplyToID: a.TargetRemoteID, Visibility: out.vis}
	st, err := p.client.PostStatus(ctx, body, a.IdempotencyKey)
	if err != nil {
		return core.ActionResult{}, err
	}
	return result(st), nil
}

// outgoing is a reply as it goes out.
type outgoing struct{ vis, text string }

// outgoingReply decides a reply's visibility and text. A "visibility:"
// first line is obeyed as is. Otherwise the reply takes the visibility of
// the status it answers (a private message must not be answered in
// public, nor a public one in private) and starts with @author unless the
// text already mentions them: a direct or private reply reaches only the
// people it mentions. A target that is gone is ErrNotFound.
func (p *Provider) outgoingReply(ctx context.Context, a core.Action) (outgoing, error) {
	vis, text := splitVisibility(a.Payload)
	if strings.TrimSpace(text) == "" {
		return outgoing{}, &providers.PermanentError{Err: errors.New("mastodon: empty status")}
	}
	if vis != "" {
		return outgoing{vis: vis, text: text}, nil
	}
	target, err := p.client.Status(ctx, a.TargetRemoteID)
	if err != nil {
		return outgoing{}, gone(err, "reply")
	}
	me, err := p.selfID(ctx)
	if err != nil {
		return outgoing{}, err
	}
	text, err = p.address(text, target.Account, me)
	if err != nil {
		return outgoing{}, err
	}
	return outgoing{vis: conversationVisibility(target.Visibility), text: text}, nil
}

// conversationVisibility is the visibility of a reply to a status with
// visibility v. A value Mastodon does not define (a server's own "local",
// "mutuals_only", …) becomes private: followers and the mentioned author
// only, which reaches whom we answer and nobody the original did not.
func conversationVisibility(v string) string {
	if visibilities[v] {
		return v
	}
	return "private"
}

// address prefixes "@acct " to text unless it already mentions the author
// or the author is the account itself.
func (p *Provider) address(text string, author Account, me string) (string, error) {
	if author.ID == me {
		return text, nil
	}
	if !acctPattern.MatchString(author.Acct) {
		return "", &providers.PermanentError{Err: errors.New("mastodon: cannot reply: the author's handle is malformed")}
	}
	if mentions(text, author.Acct, p.client.base.Hostname()) {
		return text, nil
	}
	return "@" + author.Acct + " " + text, nil
}

// mentions reports whether text mentions acct: as @acct, or, for an
// account of this server (no domain in acct), as @acct@host too.
func mentions(text, acct, host string) bool {
	for _, m := range mentionPattern.FindAllStringSubmatch(text, -1) {
		if strings.EqualFold(m[1], "@"+acct) || (!strings.Contains(acct, "@") && strings.EqualFold(m[1], "@"+acct+"@"+host)) {
			return true
		}
	}
	return false
}

// selfID is the token's own account id, read once.
func (p *Provider) selfID(ctx context.Context) (string, error) {
	p.mu.Lock()
	id := p.accountID
	p.mu.Unlock()
	if id != "" {
		return id, nil
	}
	a, err := p.client.VerifyCredentials(ctx)
	if err != nil {
		return "", err
	}
	if a.ID == "" {
		return "", &providers.PermanentError{Err: errors.New("mastodon: verify_credentials returned no account id")}
	}
	p.mu.Lock()
	p.accountID = a.ID
	p.mu.Unlock()
	return a.ID, nil
}

func result(s Status) core.ActionResult {
	r := core.ActionResult{RemoteID: s.ID, URL: s.URI}
	if s.URL != nil {
		r.URL = *s.URL
	}
	return r
}

// Check looks for a reply or post that already went out: among the account's
// newest statuses, one with the same in_reply_to_id and the text Do sends
// (with the @mention it adds). It does not rely on the Idempotency-Key,
// which some servers ignore. A post must also have as many attachments as
// the action (their ids differ with every upload, so only the count can
// be compared) and, when the action's creation time is known, not be
// older than the action: an earlier post with the same text, or a
// picture-only post like it, is not this one.
func (p *Provider) Check(ctx context.Context, a core.Action) (core.ActionResult, bool, error) {
	if a.Kind != core.ActReply && a.Kind != core.ActPublish {
		return core.ActionResult{}, false, nil
	}
	want, lenient, err := p.sentText(ctx, a)
	if err != nil {
		return core.ActionResult{}, false, err
	}
	me, err := p.selfID(ctx)
	if err != nil {
		return core.ActionResult{}, false, err
	}
	ss, err := p.client.AccountStatuses(ctx, me, recentOwn)
	if err != nil {
		return core.ActionResult{}, false, err
	}
	for _, s := range ss {
		if parentOf(s) != a.TargetRemoteID && a.Kind == core.ActReply {
			continue
		}
		if a.Kind == core.ActPublish && !couldBePost(s, a) {
			continue
		}
		got := sentOf(s)
		if sameText(got, want) || (lenient && sameText(dropLeadingMention(got), want)) {
			return result(s), true, nil
		}
	}
	return core.ActionResult{}, false, nil
}

// sentText is the text Do sends for a. When the target of a reply is gone,
// the @mention Do added cannot be known: lenient says any one leading
// mention matches.
func (p *Provider) sentText(ctx context.Context, a core.Action) (text string, lenient bool, err error) {
	_, text = splitVisibility(a.Payload)
	if a.Kind != core.ActReply {
		return text, false, nil
	}
	out, err := p.outgoingReply(ctx, a)
	if errors.Is(err, providers.ErrNotFound) {
		return text, true, nil
	}
	return out.text, false, err
}

// checkSkew is how much earlier than the action a status found by Check
// may seem to be, for the difference between our clock and the server's.
const checkSkew = 15 * time.Minute

// couldBePost reports whether s can be the post a publishes, text aside:
// not a reply, with as many attachments, not older than the action.
func couldBePost(s Status, a core.Action) bool {
	if parentOf(s) != "" || len(s.MediaAttachments) != len(a.Media) {
		return false
	}
	return a.CreatedAt.IsZero() || !s.CreatedAt.Before(a.CreatedAt.Add(-checkSkew))
}

func parentOf(s Status) string {
	if s.InReplyToID == nil {
		return ""
	}
	return *s.InReplyToID
}

// sentOf is a status's text: the source when the server returns it, else
// the rendered HTML as text.
func sentOf(s Status) string {
	if s.Text != nil {
		return *s.Text
	}
	return htmlToText(s.Content)
}

// sameText compares what we sent with what the server shows: whitespace
// collapsed, and mentions reduced to their lowercased user part, since
// Mastodon renders @bob@other.social as @bob.
func sameText(got, want string) bool { return textKey(got) == textKey(want) }

func textKey(s string) string {
	return normalize(mentionPattern.ReplaceAllStringFunc(s, func(m string) string {
		at := strings.IndexByte(m, '@')
		user, _, _ := strings.Cut(m[at+1:], "@")
		return m[:at] + "@" + strings.ToLower(user)
	}))
}

func dropLeadingMention(s string) string {
	f := strings.Fields(s)
	if len(f) > 0 && strings.HasPrefix(f[0], "@") {
		f = f[1:]
	}
	return strings.Join(f, " ")
}
