package providers

import (
	"context"
	"errors"
	"time"

	"cmdeck/core"
)

// Typed errors. Providers wrap these (fmt.Errorf("...: %w", ErrAuth)) so the
// engine, the health view and the outbox can tell what went wrong without
// parsing messages. Auth and not-found are permanent: retrying the same
// request cannot fix them. A rate-limit error is transient.
var (
	// ErrAuth: the token is missing, expired or revoked (HTTP 401), or
	// lacks a scope. The account needs re-authorizing.
	ErrAuth = errors.New("not authorized")
	// ErrNotFound: the target (status, account, endpoint) does not exist.
	ErrNotFound = errors.New("not found")
	// ErrRateLimited: the network refused because the budget is spent.
	ErrRateLimited = errors.New("rate limited")
)

// ErrorClass is what kind of failure an error is.
type ErrorClass string

const (
	ClassNone        ErrorClass = ""
	ClassAuth        ErrorClass = "auth"
	ClassRateLimited ErrorClass = "rate-limited"
	ClassNotFound    ErrorClass = "not-found"
	ClassPermanent   ErrorClass = "permanent"
	ClassTransient   ErrorClass = "transient"
)

// Classify says what kind of failure err is. A cancelled or expired
// context is transient.
func Classify(err error) ErrorClass {
	switch {
	case err == nil:
		return ClassNone
	case errors.Is(err, ErrAuth):
		return ClassAuth
	case errors.Is(err, ErrRateLimited):
		return ClassRateLimited
	case errors.Is(err, ErrNotFound):
		return ClassNotFound
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return ClassTransient
	case IsPermanent(err):
		return ClassPermanent
	}
	return ClassTransient
}

// RateReporter is implemented by providers whose network tells the request
// budget left (Mastodon's X-RateLimit-* headers). The engine records it for
// the health view after each sync.
type RateReporter interface {
	// RateLimit returns the requests left and when the budget resets;
	// ok is false until the network has said.
	RateLimit() (remaining int, reset time.Time, ok bool)
}

// Scheduler is implemented by networks that hold a post until its time
// themselves (Mastodon's scheduled_at). A post scheduled there goes out
// even if no cmdeck runs at that moment; moving or cancelling the post in
// the calendar then moves or cancels it on the network.
type Scheduler interface {
	// MinScheduleLead is how far ahead a post must be for the network to
	// accept scheduling it; nearer posts are published by the outbox.
	MinScheduleLead() time.Duration
	// Schedule hands the publish action over for publication at at and
	// returns the network's id of the scheduled post.
	Schedule(ctx context.Context, a core.Action, at time.Time) (scheduledID string, err error)
	// Reschedule moves a scheduled post.
	Reschedule(ctx context.Context, scheduledID string, at time.Time) error
	// Unschedule cancels a scheduled post. A post already gone (published
	// or cancelled) is ErrNotFound.
	Unschedule(ctx context.Context, scheduledID string) error
}

// MediaChecker is implemented by providers that take attachments: the
// composer checks files against it before a post is scheduled. maxBytes is
// the largest file the network takes of any accepted type; the provider
// checks finer limits (per type, number of files) when it publishes.
type MediaChecker interface {
	MediaLimit() (maxBytes int64, types []string)
}
