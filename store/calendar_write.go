package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"cmdeck/core"
)

// The calendar's writes. Each runs in one transaction that changes the post,
// its live publish action and the audit log together. Who acts comes from
// the context (WithActor).

// errEmptyPost refuses a post with neither text nor media.
var errEmptyPost = errors.New("a post needs text or media")

// postRow is a post as the calendar's writes need it, with its live
// publish action.
type postRow struct {
	id, clientID, accountID int64
	status                  core.PostStatus
	body, media, recur      string
	scheduledAt             int64
	actionID                int64
	actionState             core.ActionState
}

// liveActionSQL finds the live publish action of the post p: its newest
// action not cancelled (pending, claimed, failed or handed — the unique
// index actions_post_live allows one — or done once published), over
// actions_post.
const liveActionSQL = `SELECT max(a.id) FROM actions a WHERE a.post_id = p.id AND a.state != 'cancelled'`

// loadPost reads one post with its live action, or ErrNotFound.
func loadPost(ctx context.Context, tx *sql.Tx, id int64) (postRow, error) {
	var p postRow
	var status, state string
	err := tx.QueryRowContext(ctx, `SELECT p.id, p.client_id, coalesce(p.account_id, 0), p.status,
			p.body, p.media, p.recur, p.scheduled_at, coalesce(x.id, 0), coalesce(x.state, '')
		FROM posts p LEFT JOIN actions x ON x.id = (`+liveActionSQL+`)
		WHERE p.id = ?`, id).Scan(&p.id, &p.clientID, &p.accountID, &status,
		&p.body, &p.media, &p.recur, &p.scheduledAt, &p.actionID, &state)
	if errors.Is(err, sql.ErrNoRows) {
		return postRow{}, ErrNotFound
	}
	p.status, p.actionState = core.PostStatus(status), core.ActionState(state)
	return p, err
}

// busy reports whether the post is out of the CM's hands: being sent
// (claimed) or published.
func (p postRow) busy() bool {
	return p.status == core.PostPublished || p.status == core.PostPublishing ||
		p.actionState == core.ActionClaimed || p.actionState == core.ActionDone
}

// calWrite is one calendar change in progress.
type calWrite struct {
	ctx   context.Context
	tx    *sql.Tx
	now   time.Time
	actor string
}

// calendarTx runs fn as one calendar change. op and id name it in errors.
func (s *Store) calendarTx(ctx context.Context, op string, id int64, now time.Time, actor string, fn func(w *calWrite) error) error {
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		return fn(&calWrite{ctx: ctx, tx: tx, now: now, actor: actor})
	})
	if err != nil {
		return fmt.Errorf("store: %s post %d: %w", op, id, err)
	}
	return nil
}

// editable loads a post the CM may still change: not being sent, not
// published (ErrPostBusy).
func (w *calWrite) editable(id int64) (postRow, error) {
	p, err := loadPost(w.ctx, w.tx, id)
	if err != nil {
		return p, err
	}
	if p.busy() {
		return p, ErrPostBusy
	}
	return p, nil
}

// audit writes the change's audit line. It never holds the post's text:
// the log records what was done, not what was said.
func (w *calWrite) audit(action string, postID int64, detail string) error {
	return auditTx(w.ctx, w.tx, w.now, w.actor, action, fmt.Sprintf("post:%d", postID), detail)
}

// schedule makes p due at at, with its current text and media: its live
// action moves there (a failed one counts its attempts from zero again,
// as a person decided to send it), or one is queued; the post is
// scheduled. A time already past is due at once.
func (w *calWrite) schedule(p postRow, at time.Time) error {
	if p.accountID == 0 {
		return fmt.Errorf("it has no account to publish from: %w", ErrPostState)
	}
	due := at
	if due.Before(w.now) {
		due = w.now
	}
	clearError := p.actionState != core.ActionPending
	switch p.actionState {
	case core.ActionPending, core.ActionFailed:
		if _, err := w.tx.ExecContext(w.ctx, `UPDATE actions SET state = 'pending', not_before = ?,
				payload = ?, media = ?, updated_at = ?,
				attempts = CASE WHEN state = 'failed' THEN 0 ELSE attempts END
			WHERE id = ? AND state IN ('pending', 'failed')`,
			ms(due), p.body, p.media, ms(w.now), p.actionID); err != nil {
			return err
		}
	case core.ActionHanded:
		if err := w.rehand(p, due); err != nil {
			return err
		}
	case "":
		id, err := w.queue(p, due)
		if err != nil {
			return err
		}
		p.actionID = id
	default:
		return ErrPostBusy
	}
	_, err := w.tx.ExecContext(w.ctx, `UPDATE posts SET status = 'scheduled', scheduled_at = ?,
			error = CASE WHEN ? THEN '' ELSE error END, updated_at = ?
		WHERE id = ?`, ms(at), clearError, ms(w.now), p.id)
	return err
}

// queue adds p's publish action, due at due, with a fresh idempotency key.
func (w *calWrite) queue(p postRow, due time.Time) (int64, error) {
	media, err := decodeMedia(p.media)
	if err != nil {
		return 0, err
	}
	a := core.Action{AccountID: p.accountID, Kind: core.ActPublish, PostID: p.id, Payload: p.body,
		Media: media, NotBefore: due, IdempotencyKey: "post-" + newKey(), CreatedAt: w.now, Actor: w.actor}
	if err := normalizeAction(&a, w.now); err != nil {
		return 0, err
	}
	return enqueueTx(w.ctx, w.tx, a)
}

// unschedule cancels p's live action, if any, and makes it a draft without
// a time.
func (w *calWrite) unschedule(p postRow) error {
	if err := w.cancelAction(p); err != nil {
		return err
	}
	_, err := w.tx.ExecContext(w.ctx, `UPDATE posts SET status = 'draft', scheduled_at = 0,
		error = '', updated_at = ? WHERE id = ?`, ms(w.now), p.id)
	return err
}

// cancelAction cancels p's pending or failed action, if it has one. A
// handed one is withdrawn: the engine cancels the network's copy, then
// the action.
func (w *calWrite) cancelAction(p postRow) error {
	switch p.actionState {
	case core.ActionPending, core.ActionFailed:
		return cancelTx(w.ctx, w.tx, p.actionID, w.now, "state IN ('pending', 'failed')")
	case core.ActionHanded:
		_, err := w.tx.ExecContext(w.ctx, `UPDATE actions SET withdraw = 1, net_retry_at = 0, updated_at = ?
			WHERE id = ? AND state = 'handed'`, ms(w.now), p.actionID)
		return err
	}
	return nil
}

// rehand records the CM's wish for a handed action: its new time, text
// and media (and, for a withdrawn one, that it is wanted again). The
// network's copy keeps what it was given until the engine carries the
// change there, at once (the backoff is reset); the outbox never sends a
// handed action, so the post cannot go out both ways.
func (w *calWrite) rehand(p postRow, due time.Time) error {
	_, err := w.tx.ExecContext(w.ctx, `UPDATE actions SET not_before = ?, payload = ?, media = ?,
			withdraw = 0, net_retry_at = 0, updated_at = ?
		WHERE id = ? AND state = 'handed'`, ms(due), p.body, p.media, ms(w.now), p.actionID)
	return err
}

// insertPost adds a post of accountID (or, with none, of clientID) and
// returns its id.
func (w *calWrite) insertPost(clientID, accountID int64, body, media, recur, group string, at time.Time) (int64, error) {
	if accountID != 0 {
		err := w.tx.QueryRowContext(w.ctx, `SELECT client_id FROM accounts WHERE id = ?`, accountID).Scan(&clientID)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, fmt.Errorf("account %d: %w", accountID, ErrNotFound)
		}
		if err != nil {
			return 0, err
		}
	}
	var id int64
	err := w.tx.QueryRowContext(w.ctx, `INSERT INTO posts (client_id, account_id, body, status,
			scheduled_at, group_key, media, recur, created_at, updated_at)
		VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?) RETURNING id`,
		clientID, nullID(accountID), body, ms(at), group, media, recur, ms(w.now), ms(w.now)).Scan(&id)
	return id, err
}

// newKey is 128 random bits in hex, for group and idempotency keys: a key
// must not collide with another database's on the same network account.
// crypto/rand.Read never fails on a supported platform.
func newKey() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// postText sanitizes a post's body and checks that the post says something.
func postText(body, media string) (string, error) {
	body = core.Sanitize(body)
	if strings.TrimSpace(body) == "" && media == "" {
		return "", errEmptyPost
	}
	return body, nil
}

// whenDetail is an audit detail's time.
func whenDetail(t time.Time) string {
	if t.IsZero() {
		return "none"
	}
	return t.UTC().Format(time.RFC3339)
}

// CreatePosts stores one post per account (sharing a group key) and, unless
// d.At is zero, schedules each through a publish action. It returns the ids.
// The client of each post is its account's. The actor is d.Actor, else the
// context's (WithActor).
func (s *Store) CreatePosts(ctx context.Context, d PostDraft, now time.Time) ([]int64, error) {
	media := encodeMedia(d.Media)
	body, err := postText(d.Body, media)
	if err != nil {
		return nil, fmt.Errorf("store: create posts: %w", err)
	}
	recur, err := core.ParseRecurrence(string(d.Recur))
	if err != nil {
		return nil, fmt.Errorf("store: create posts: %w", err)
	}
	accounts := uniqueIDs(d.AccountIDs)
	if len(accounts) == 0 {
		return nil, errors.New("store: create posts: no account")
	}
	actor := core.SanitizeLine(d.Actor)
	if actor == "" {
		actor = actorOf(ctx, "")
	}
	group := newKey()
	var ids []int64
	err = s.calendarTx(ctx, "create", 0, now, actor, func(w *calWrite) error {
		for _, acc := range accounts {
			id, err := w.createOne(acc, body, media, string(recur), group, d.At)
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ids, nil
}

// createOne is one account's post of CreatePosts.
func (w *calWrite) createOne(account int64, body, media, recur, group string, at time.Time) (int64, error) {
	id, err := w.insertPost(0, account, body, media, recur, group, time.Time{})
	if err != nil {
		return 0, err
	}
	if !at.IsZero() {
		p := postRow{id: id, accountID: account, status: core.PostDraft, body: body, media: media}
		if err := w.schedule(p, at); err != nil {
			return 0, err
		}
	}
	detail := fmt.Sprintf("account=%d group=%s at=%s chars=%d", account, group, whenDetail(at),
		utf8.RuneCountInString(body))
	if recur != "" {
		detail += " recur=" + recur
	}
	return id, w.audit("post.create", id, detail)
}

// uniqueIDs drops duplicates and non-positive ids, keeping the order.
func uniqueIDs(ids []int64) []int64 {
	seen := make(map[int64]bool, len(ids))
	var out []int64
	for _, id := range ids {
		if id > 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// UpdatePost changes a post's text and time (zero = back to draft) and its
// publish action with it: a pending action moves and carries the new text,
// a failed (or missed) post is scheduled again, a draft gets an action. A
// post being sent or published returns ErrPostBusy.
func (s *Store) UpdatePost(ctx context.Context, id int64, body string, at time.Time, now time.Time) error {
	return s.calendarTx(ctx, "update", id, now, actorOf(ctx, ""), func(w *calWrite) error {
		p, err := w.editable(id)
		if err != nil {
			return err
		}
		if p.body, err = postText(body, p.media); err != nil {
			return err
		}
		if _, err := w.tx.ExecContext(w.ctx, `UPDATE posts SET body = ?, updated_at = ? WHERE id = ?`,
			p.body, ms(now), id); err != nil {
			return err
		}
		if at.IsZero() {
			err = w.unschedule(p)
		} else {
			err = w.schedule(p, at)
		}
		if err != nil {
			return err
		}
		return w.audit("post.update", id, fmt.Sprintf("at=%s chars=%d", whenDetail(at), utf8.RuneCountInString(p.body)))
	})
}

// MovePost shifts a post's time by d. A scheduled (or failed, or missed)
// post is scheduled at the new time with its action; a draft that remembers
// a time only moves on the calendar. A post without a time returns
// ErrPostState; one being sent or published, ErrPostBusy.
func (s *Store) MovePost(ctx context.Context, id int64, d time.Duration, now time.Time) error {
	return s.calendarTx(ctx, "move", id, now, actorOf(ctx, ""), func(w *calWrite) error {
		p, err := w.editable(id)
		if err != nil {
			return err
		}
		if p.scheduledAt == 0 {
			return fmt.Errorf("it has no time: %w", ErrPostState)
		}
		from := fromMS(p.scheduledAt)
		to := from.Add(d)
		if p.status == core.PostDraft {
			_, err = w.tx.ExecContext(w.ctx, `UPDATE posts SET scheduled_at = ?, updated_at = ? WHERE id = ?`,
				ms(to), ms(now), id)
		} else {
			err = w.schedule(p, to)
		}
		if err != nil {
			return err
		}
		return w.audit("post.move", id, fmt.Sprintf("from=%s to=%s", whenDetail(from), whenDetail(to)))
	})
}

// DeletePost removes a post that is not published, cancelling its action.
// A post being sent or published returns ErrPostBusy. Deleting the next
// occurrence of a recurring post ends the series.
func (s *Store) DeletePost(ctx context.Context, id int64, now time.Time) error {
	return s.calendarTx(ctx, "delete", id, now, actorOf(ctx, ""), func(w *calWrite) error {
		p, err := w.editable(id)
		if err != nil {
			return err
		}
		if err := w.cancelAction(p); err != nil {
			return err
		}
		if _, err := w.tx.ExecContext(w.ctx, `DELETE FROM posts WHERE id = ?`, id); err != nil {
			return err
		}
		return w.audit("post.delete", id, fmt.Sprintf("status=%s action=%d", p.status, p.actionID))
	})
}

// DuplicatePost copies a post (any status) as a new draft of the same
// account, with the same text and media, in a group of its own; it has no
// time and no recurrence. It returns the new post's id.
func (s *Store) DuplicatePost(ctx context.Context, id int64, now time.Time) (int64, error) {
	var newID int64
	err := s.calendarTx(ctx, "duplicate", id, now, actorOf(ctx, ""), func(w *calWrite) error {
		p, err := loadPost(w.ctx, w.tx, id)
		if err != nil {
			return err
		}
		if newID, err = w.insertPost(p.clientID, p.accountID, p.body, p.media, "", newKey(), time.Time{}); err != nil {
			return err
		}
		return w.audit("post.duplicate", newID, fmt.Sprintf("from=post:%d", id))
	})
	return newID, err
}

// PublishNow makes a draft or scheduled post due now (its time becomes
// now), queueing an action for a draft. A failed or missed post goes out
// now too. One being sent or published returns ErrPostBusy.
func (s *Store) PublishNow(ctx context.Context, id int64, now time.Time) error {
	return s.calendarTx(ctx, "publish now", id, now, actorOf(ctx, ""), func(w *calWrite) error {
		p, err := w.editable(id)
		if err != nil {
			return err
		}
		if err := w.schedule(p, now); err != nil {
			return err
		}
		return w.audit("post.publish_now", id, fmt.Sprintf("was=%s", p.status))
	})
}

// RetryPost puts a failed (or missed) post back in the queue, due now: its
// failed action goes the outbox's retry way (RetryAction), or, discarded,
// is queued afresh. The post keeps its time. Another status returns
// ErrPostState (ErrPostBusy while being sent or once published).
func (s *Store) RetryPost(ctx context.Context, id int64, now time.Time) error {
	return s.calendarTx(ctx, "retry", id, now, actorOf(ctx, ""), func(w *calWrite) error {
		p, err := w.editable(id)
		if err != nil {
			return err
		}
		if p.status != core.PostFailed && p.status != core.PostMissed {
			return fmt.Errorf("it is %s, not failed: %w", p.status, ErrPostState)
		}
		if err := w.retry(p); err != nil {
			return err
		}
		return w.audit("post.retry", id, fmt.Sprintf("was=%s action=%d", p.status, p.actionID))
	})
}

// retry sends p's failed action again, due now, or queues a new one when
// it has none; the post is scheduled, its error cleared.
func (w *calWrite) retry(p postRow) error {
	switch p.actionState {
	case core.ActionFailed:
		return retryTx(w.ctx, w.tx, p.actionID, w.now)
	case "":
		if p.accountID == 0 {
			return fmt.Errorf("it has no account to publish from: %w", ErrPostState)
		}
		if _, err := w.queue(p, w.now); err != nil {
			return err
		}
		_, err := w.tx.ExecContext(w.ctx, `UPDATE posts SET status = 'scheduled', error = '',
			updated_at = ? WHERE id = ?`, ms(w.now), p.id)
		return err
	}
	return fmt.Errorf("its action is %s: %w", p.actionState, ErrPostState)
}
