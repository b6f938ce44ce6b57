package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"cmdeck/core"
)

// The engine's side of the calendar: missed posts, and the next occurrence
// of recurring ones. The store has no time zone, so the engine computes the
// next time (core.Recurrence.Next in the user's zone) and the store makes
// the occurrence, exactly once per post.

// Recurring is a recurring post whose next occurrence is still to be made.
type Recurring struct {
	PostID int64
	At     time.Time // its time: scheduled, else published
	Recur  core.Recurrence
}

// recurringDueCond must stay textually identical to the WHERE of the
// posts_recur_due index (migrations/0008_calendar.sql), or SQLite will not
// use it and the engine's every step would read the posts table. A missed
// post continues its series too: the machine being off one week must not
// end a weekly post.
const recurringDueCond = `recur != '' AND next_id = 0 AND status IN ('published', 'missed')`

// recurringDueQuery names its index: left to itself the planner may pick
// the wider posts_status_cal, and INDEXED BY makes the query fail loudly
// rather than slowly if the condition and the index ever drift apart.
const recurringDueQuery = `SELECT id, scheduled_at, published_at, recur FROM posts INDEXED BY posts_recur_due
	WHERE ` + recurringDueCond + ` ORDER BY id LIMIT ?`

// RecurringDue lists up to limit recurring posts, published or missed,
// whose next occurrence is not made yet, oldest first.
func (s *Store) RecurringDue(ctx context.Context, limit int) ([]Recurring, error) {
	rows, err := s.db.QueryContext(ctx, recurringDueQuery, clampLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("store: recurring posts: %w", err)
	}
	defer rows.Close()
	var out []Recurring
	for rows.Next() {
		var r Recurring
		var sched, pub int64
		var recur string
		if err := rows.Scan(&r.PostID, &sched, &pub, &recur); err != nil {
			return nil, fmt.Errorf("store: recurring posts: %w", err)
		}
		r.At, r.Recur = fromMS(sched), core.Recurrence(recur)
		if r.At.IsZero() {
			r.At = fromMS(pub)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: recurring posts: %w", err)
	}
	return out, nil
}

// errNextRaced says another runner made the next occurrence meanwhile.
var errNextRaced = errors.New("the next occurrence was made meanwhile")

// ScheduleNextOccurrence makes the next occurrence of a published (or
// missed) recurring post: a new post of the same account, text, media and
// recurrence, scheduled at next with its publish action. It returns the
// occurrence's id. It is idempotent: once a post has a next occurrence,
// another call (the same runner again, or another racing it) returns that
// occurrence's id and makes nothing, even if the occurrence was deleted
// since (which ends the series).
func (s *Store) ScheduleNextOccurrence(ctx context.Context, postID int64, next, now time.Time) (int64, error) {
	if next.IsZero() {
		return 0, fmt.Errorf("store: next occurrence of post %d: no time", postID)
	}
	var id int64
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = nextOccurrence(ctx, tx, postID, next, now)
		return err
	})
	if errors.Is(err, errNextRaced) {
		err = s.db.QueryRowContext(ctx, `SELECT next_id FROM posts WHERE id = ?`, postID).Scan(&id)
	}
	if err != nil {
		return 0, fmt.Errorf("store: next occurrence of post %d: %w", postID, err)
	}
	return id, nil
}

// nextOccurrence is ScheduleNextOccurrence's transaction.
func nextOccurrence(ctx context.Context, tx *sql.Tx, postID int64, next, now time.Time) (int64, error) {
	var src postRow
	var status, group string
	var nextID int64
	err := tx.QueryRowContext(ctx, `SELECT client_id, coalesce(account_id, 0), status, body, media,
			recur, group_key, next_id FROM posts WHERE id = ?`, postID).
		Scan(&src.clientID, &src.accountID, &status, &src.body, &src.media, &src.recur, &group, &nextID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	switch {
	case err != nil:
		return 0, err
	case nextID != 0:
		return nextID, nil
	case src.recur == "":
		return 0, fmt.Errorf("it does not recur: %w", ErrPostState)
	case status != string(core.PostPublished) && status != string(core.PostMissed):
		return 0, fmt.Errorf("it is %s, not yet published: %w", status, ErrPostState)
	}
	w := &calWrite{ctx: ctx, tx: tx, now: now, actor: seriesActor(ctx, tx, postID)}
	id, err := w.insertPost(src.clientID, src.accountID, src.body, src.media, src.recur, occurrenceGroup(group, next), time.Time{})
	if err != nil {
		return 0, err
	}
	if err := w.schedule(postRow{id: id, accountID: src.accountID, body: src.body, media: src.media}, next); err != nil {
		return 0, err
	}
	// The write lock makes racing calls take turns; the condition makes
	// sure only the first one counts whatever the locking mode.
	r, err := tx.ExecContext(ctx, `UPDATE posts SET next_id = ?, updated_at = ? WHERE id = ? AND next_id = 0`,
		id, ms(now), postID)
	if err != nil {
		return 0, err
	}
	if n, _ := r.RowsAffected(); n != 1 {
		return 0, errNextRaced
	}
	return id, w.audit("post.recur", id, fmt.Sprintf("from=post:%d at=%s", postID, whenDetail(next)))
}

// seriesActor is who planned a series: the actor of the post's latest
// publish action, so its occurrences stay theirs in the audit log and the
// outbox.
func seriesActor(ctx context.Context, tx *sql.Tx, postID int64) string {
	var actor string
	err := tx.QueryRowContext(ctx, `SELECT actor FROM actions WHERE post_id = ? ORDER BY id DESC LIMIT 1`,
		postID).Scan(&actor)
	if err != nil {
		return actorOf(ctx, "")
	}
	return actor
}

// occurrenceGroup is the group of an occurrence: its series' group and its
// time, so the occurrences of one text planned on several accounts share
// a group again, each time.
func occurrenceGroup(group string, at time.Time) string {
	if group == "" {
		return newKey()
	}
	base, _, _ := strings.Cut(group, "@")
	return fmt.Sprintf("%s@%d", base, at.UnixMilli())
}

// MissAction gives up on a claimed publish action whose time passed while
// nothing ran, beyond the late limit: the action is failed with the reason
// (the outbox shows it, retryable) and its post is marked missed with it,
// in one transaction. Nothing was sent.
func (s *Store) MissAction(ctx context.Context, id int64, reason string, now time.Time) error {
	follow := postFollow{status: core.PostMissed, setError: true, errText: errorText(reason)}
	return s.release(ctx, id, "MissAction", follow, ms(now), `UPDATE actions SET state = 'failed',
		last_error = ?, claimed_by = '', claimed_at = 0, updated_at = ?
		WHERE id = ? AND state = 'claimed' AND kind = 'publish'`, errorText(reason), ms(now), id)
}
