package store

import (
	"context"
	"errors"
	"time"

	"cmdeck/core"
)

// The calendar's write side. Every scheduled post has exactly one live
// publish action in the outbox (not_before = its time); the functions here
// change a post and its action in one transaction, so the engine never
// publishes a post the CM just moved, edited or deleted.

// ErrPostBusy is returned when a post cannot change because its publish
// action is being sent right now (claimed) or it is already published.
var ErrPostBusy = errors.New("the post is being published or already published")

// PostDraft is what the composer hands over: one text for one or more
// accounts (of one or more clients).
type PostDraft struct {
	AccountIDs []int64
	Body       string
	At         time.Time // zero: save as a draft, nothing is scheduled
	Media      []string
	Recur      core.Recurrence
	Actor      string // who planned it, for the audit log
}

// PostView is a post as the calendar shows it.
type PostView struct {
	core.Post
	ClientSlug, ClientName, ClientColor string
	Handle, Network, Provider           string
	ActionID                            int64 // the live publish action, 0 if none
	ActionState                         core.ActionState
	Attempts                            int
}

// PostQuery selects the posts of a calendar view: calendar time (published,
// else scheduled, else created) in [From, To), optionally one client or
// account, at most Limit rows (<= 0: 1000) ordered by time then id.
type PostQuery struct {
	From, To  time.Time
	ClientID  int64
	AccountID int64
	Limit     int
}

// DayCount is one day of the month view: how many posts, per status, and
// the first few bodies' first lines.
type DayCount struct {
	Day      time.Time // midnight in the view's zone
	Total    int
	ByStatus map[core.PostStatus]int
	First    []PostView // the first few posts of the day, by time
}

var errTODO = errors.New("not implemented")

// CreatePosts stores one post per account (sharing a group key) and, unless
// d.At is zero, schedules each through a publish action. It returns the ids.
func (s *Store) CreatePosts(ctx context.Context, d PostDraft, now time.Time) ([]int64, error) {
	return nil, errTODO
}

// UpdatePost changes a post's text and time (zero = back to draft) and its
// publish action with it.
func (s *Store) UpdatePost(ctx context.Context, id int64, body string, at time.Time, now time.Time) error {
	return errTODO
}

// MovePost shifts a scheduled post by d.
func (s *Store) MovePost(ctx context.Context, id int64, d time.Duration, now time.Time) error {
	return errTODO
}

// DeletePost removes a post that is not published, cancelling its action.
func (s *Store) DeletePost(ctx context.Context, id int64, now time.Time) error { return errTODO }

// DuplicatePost copies a post as a new draft of the same account.
func (s *Store) DuplicatePost(ctx context.Context, id int64, now time.Time) (int64, error) {
	return 0, errTODO
}

// PublishNow makes a draft or scheduled post due now.
func (s *Store) PublishNow(ctx context.Context, id int64, now time.Time) error { return errTODO }

// RetryPost puts a failed (or missed) post back in the queue, due now.
func (s *Store) RetryPost(ctx context.Context, id int64, now time.Time) error { return errTODO }

// CalendarPosts lists the posts of a view.
func (s *Store) CalendarPosts(ctx context.Context, q PostQuery) ([]PostView, error) {
	return nil, errTODO
}

// MonthDays counts the posts of each day in [from, to) in loc, with the
// first perDay posts of each day.
func (s *Store) MonthDays(ctx context.Context, q PostQuery, loc *time.Location, perDay int) ([]DayCount, error) {
	return nil, errTODO
}

// Post returns one post.
func (s *Store) Post(ctx context.Context, id int64) (PostView, error) { return PostView{}, errTODO }

// SlotsTaken reports the scheduled times of an account's posts in
// [from, to), for the "next free slot" of its queue.
func (s *Store) SlotsTaken(ctx context.Context, accountID int64, from, to time.Time) (map[time.Time]bool, error) {
	return nil, errTODO
}
