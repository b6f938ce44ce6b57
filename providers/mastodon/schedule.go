package mastodon

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

const (
	// scheduleLead: Mastodon refuses scheduled_at less than 5 minutes
	// ahead (422). The margin covers the clock difference with the server
	// and the time the action spends in the outbox before it is sent.
	scheduleLead   = 5*time.Minute + 2*time.Minute
	scheduledPage  = 40 // scheduled posts per page (the API maximum)
	scheduledPages = 8  // pages read looking for a post: Mastodon holds at most 300
)

// MinScheduleLead is how far ahead a post must be to be scheduled on the
// server; nearer posts are published by the outbox.
func (p *Provider) MinScheduleLead() time.Duration { return scheduleLead }

// Schedule hands a publish action to the server for publication at at and
// returns the scheduled post's id. It first looks among the posts already
// scheduled for one with the same text, time and number of attachments (a
// previous attempt whose answer was lost), since servers may ignore the
// Idempotency-Key; only then are the attachments uploaded, as in Do. A server
// without scheduled posts (404) is ErrNotFound, so the engine publishes
// from the outbox instead.
func (p *Provider) Schedule(ctx context.Context, a core.Action, at time.Time) (string, error) {
	if a.Kind != core.ActPublish {
		return "", &providers.PermanentError{Err: fmt.Errorf("mastodon: only posts can be scheduled, not %s", a.Kind)}
	}
	vis, text, err := postText(a)
	if err != nil {
		return "", err
	}
	files, err := p.media.checkMedia(a.Media)
	if err != nil {
		return "", err
	}
	at = at.UTC().Truncate(time.Second)
	id, err := p.findScheduled(ctx, text, len(files), at)
	if err != nil || id != "" {
		return id, err
	}
	ids, err := p.uploadAll(ctx, files)
	if err != nil {
		return "", err
	}
	body := statusPost{Status: text, Visibility: vis, MediaIDs: ids}
	ss, err := p.client.ScheduleStatus(ctx, body, at, a.IdempotencyKey)
	if err != nil {
		return "", notScheduling(err)
	}
	return scheduledID(ss)
}

// notScheduling turns the answers of a server without scheduled posts (404
// on the list, 501 from those that know the parameter but not the
// feature) into ErrNotFound, which makes the engine publish from the
// outbox instead.
func notScheduling(err error) error {
	var ae *APIError
	if errors.Is(err, providers.ErrNotFound) || (errors.As(err, &ae) && ae.Status == http.StatusNotImplemented) {
		return fmt.Errorf("mastodon: this server does not schedule posts: %w (%w)", providers.ErrNotFound, err)
	}
	return err
}

// scheduledID checks the answer is a scheduled post. A server that
// ignores scheduled_at publishes at once and answers with a status: that
// is a permanent error, not ErrNotFound, so the post is not published a
// second time by the outbox.
func scheduledID(ss ScheduledStatus) (string, error) {
	if ss.ID == "" {
		return "", &providers.PermanentError{Err: errors.New("mastodon: schedule: the server returned no id")}
	}
	if ss.ScheduledAt.IsZero() {
		return "", &providers.PermanentError{Err: errors.New(
			"mastodon: schedule: the server published the post at once instead of scheduling it; it will not be sent again")}
	}
	return ss.ID, nil
}

// findScheduled returns the id of a scheduled post with this text and
// number of attachments at this time, or "".
func (p *Provider) findScheduled(ctx context.Context, text string, media int, at time.Time) (string, error) {
	want := normalize(text)
	pageURL := ""
	for range scheduledPages {
		ss, next, err := p.client.ScheduledStatuses(ctx, scheduledPage, pageURL)
		if err != nil {
			return "", notScheduling(err)
		}
		for _, s := range ss {
			if sameScheduled(s, want, at) && len(s.MediaAttachments) == media {
				return s.ID, nil
			}
		}
		if len(ss) == 0 || next == "" {
			break
		}
		pageURL = next
	}
	return "", nil
}

// sameScheduled reports whether s is a post (not a reply) with the
// normalized text want at at.
func sameScheduled(s ScheduledStatus, want string, at time.Time) bool {
	isReply := s.Params.InReplyToID != nil && *s.Params.InReplyToID != ""
	return s.ID != "" && !isReply && s.ScheduledAt.Truncate(time.Second).Equal(at) && normalize(s.Params.Text) == want
}

// Reschedule moves a scheduled post. A post already gone is ErrNotFound.
func (p *Provider) Reschedule(ctx context.Context, scheduledID string, at time.Time) error {
	if scheduledID == "" {
		return &providers.PermanentError{Err: errors.New("mastodon: reschedule without a scheduled post id")}
	}
	return p.client.UpdateScheduledStatus(ctx, scheduledID, at.UTC().Truncate(time.Second))
}

// Unschedule cancels a scheduled post. A post already gone (published or
// cancelled) is ErrNotFound.
func (p *Provider) Unschedule(ctx context.Context, scheduledID string) error {
	if scheduledID == "" {
		return &providers.PermanentError{Err: errors.New("mastodon: unschedule without a scheduled post id")}
	}
	return p.client.DeleteScheduledStatus(ctx, scheduledID)
}
