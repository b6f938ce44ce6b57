package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"cmdeck/core"
)

// CompleteAction records a confirmed action (state done) and applies its local
// effect in the same transaction: a reply becomes an Outgoing item in the thread
// (with its FTS row) and the target item becomes replied; hide → hidden, unhide →
// read, delete → deleted, spam → spam, block/unblock → the author's blocked flag;
// publish → the post is published, with the mode of the runner that claimed
// it (published_by). A recurring post's next occurrence is made apart, by
// ScheduleNextOccurrence: the store has no time zone to compute it.
//
// It is idempotent: completing a done action does nothing. The network's word
// wins over the row's state, so an action completed after it was marked
// failed or discarded is still recorded as done with its effect.
func (s *Store) CompleteAction(ctx context.Context, id int64, res core.ActionResult, now time.Time) error {
	return s.complete(ctx, id, res, now, byRunner)
}

// publisher says who published a post and when, from the owner of its
// action's claim, the time its network held it for (0: none) and now.
type publisher func(claimedBy string, heldAt, now int64) (by string, at int64)

// byRunner is the runner that sent the action, now.
func byRunner(claimedBy string, _, now int64) (string, int64) { return runnerMode(claimedBy), now }

// complete is CompleteAction, with pub saying who published a post.
func (s *Store) complete(ctx context.Context, id int64, res core.ActionResult, now time.Time, pub publisher) error {
	core.SanitizeActionResult(&res)
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		row := tx.QueryRowContext(ctx, `SELECT `+actionCols+`, x.claimed_by, x.held_at FROM actions x WHERE x.id = ?`, id)
		var claimedBy string
		var heldAt int64
		a, err := scanAction(row, &claimedBy, &heldAt)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if a.State == core.ActionDone {
			return nil
		}
		e := &effect{ctx: ctx, tx: tx, a: a, res: res, now: ms(now)}
		e.by, e.pubAt = pub(claimedBy, heldAt, ms(now))
		if err := e.apply(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE actions SET state = 'done', last_error = '',
			claimed_by = '', claimed_at = 0, updated_at = ? WHERE id = ?`, ms(now), id)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: complete action %d: %w", id, err)
	}
	return nil
}

// effect applies one confirmed action to the local cache, inside the
// transaction that records it.
type effect struct {
	ctx context.Context
	tx  *sql.Tx
	a   core.Action
	res core.ActionResult
	now int64
	// by is who published a post: the mode of the runner that sent it
	// ("daemon", "tui"), or "network"; pubAt is when.
	by    string
	pubAt int64
}

// targetRef is the item an action concerns, as its effect needs it.
type targetRef struct {
	id       int64
	remoteID string
	thread   string // the conversation's root remote id
	authorID int64
}

// apply dispatches on the action's kind.
func (e *effect) apply() error {
	switch e.a.Kind {
	case core.ActReply:
		return e.reply()
	case core.ActHide:
		return e.itemState(core.StateHidden)
	case core.ActUnhide:
		return e.itemState(core.StateRead)
	case core.ActDelete:
		return e.itemState(core.StateDeleted)
	case core.ActSpam:
		return e.itemState(core.StateSpam)
	case core.ActBlock:
		return e.blocked(true)
	case core.ActUnblock:
		return e.blocked(false)
	case core.ActPublish:
		return e.publish()
	}
	return nil // an unknown kind has no local effect
}

// target finds the action's item: by id, else by its remote id in the
// action's account. ok is false when the cache does not hold it.
func (e *effect) target() (t targetRef, ok bool, err error) {
	q := `SELECT id, remote_id, CASE WHEN thread_remote_id != '' THEN thread_remote_id ELSE remote_id END,
		coalesce(author_id, 0) FROM items `
	var row *sql.Row
	switch {
	case e.a.ItemID != 0:
		row = e.tx.QueryRowContext(e.ctx, q+`WHERE id = ?`, e.a.ItemID)
	case e.a.TargetRemoteID != "":
		row = e.tx.QueryRowContext(e.ctx, q+`WHERE account_id = ? AND remote_id = ?`,
			e.a.AccountID, e.a.TargetRemoteID)
	default:
		return t, false, nil
	}
	err = row.Scan(&t.id, &t.remoteID, &t.thread, &t.authorID)
	if errors.Is(err, sql.ErrNoRows) {
		return t, false, nil
	}
	return t, err == nil, err
}

// itemState moves the target item to st (a missing item has nothing to move).
func (e *effect) itemState(st core.ItemState) error {
	t, ok, err := e.target()
	if err != nil || !ok {
		return err
	}
	_, err = e.tx.ExecContext(e.ctx, setStateSQL+` WHERE id = ?`, string(st), e.now, t.id)
	return err
}

// blocked sets the flag on the target's author: the item's author, else
// the author whose network id is the action's target.
func (e *effect) blocked(on bool) error {
	t, ok, err := e.target()
	if err != nil {
		return err
	}
	if ok && t.authorID != 0 {
		_, err = e.tx.ExecContext(e.ctx, `UPDATE authors SET blocked = ? WHERE id = ?`, b2i(on), t.authorID)
		return err
	}
	_, err = e.tx.ExecContext(e.ctx, `UPDATE authors SET blocked = ?
		WHERE remote_id = ? AND network = (SELECT network FROM accounts WHERE id = ?)`,
		b2i(on), e.a.TargetRemoteID, e.a.AccountID)
	return err
}

// reply stores our answer as an Outgoing item of the thread, searchable at
// once, and marks the target replied. A reply already in the cache (the
// network's copy, fetched first) is not duplicated.
func (e *effect) reply() error {
	var clientID int64
	var network, handle, name string
	if err := e.tx.QueryRowContext(e.ctx, `SELECT client_id, network, handle, name FROM accounts WHERE id = ?`,
		e.a.AccountID).Scan(&clientID, &network, &handle, &name); err != nil {
		return fmt.Errorf("account %d: %w", e.a.AccountID, err)
	}
	t, found, err := e.target()
	if err != nil {
		return err
	}
	parent, thread := e.a.TargetRemoteID, e.a.TargetRemoteID
	if found {
		parent, thread = t.remoteID, t.thread
	}
	author, authorText, err := e.selfAuthor(network, handle, name)
	if err != nil {
		return err
	}
	remote := e.res.RemoteID
	if remote == "" {
		remote = "local:" + e.a.IdempotencyKey
	}
	r, err := e.tx.ExecContext(e.ctx, `INSERT INTO items (account_id, client_id, remote_id,
			parent_remote_id, thread_remote_id, kind, author_id, body, url, created_at, state,
			needs_reply, outgoing, updated_at)
		VALUES (?, ?, ?, ?, ?, 'reply', ?, ?, ?, ?, 'done', 0, 1, ?)
		ON CONFLICT (account_id, remote_id) DO NOTHING`,
		e.a.AccountID, clientID, remote, parent, thread, author, e.a.Payload, e.res.URL, e.now, e.now)
	if err != nil {
		return fmt.Errorf("reply item: %w", err)
	}
	if n, _ := r.RowsAffected(); n == 1 {
		id, err := r.LastInsertId()
		if err != nil {
			return err
		}
		// The store writes search rows itself (migrations/0002_search.sql).
		if _, err := e.tx.ExecContext(e.ctx, `INSERT OR REPLACE INTO items_fts (rowid, body, author)
			VALUES (?, ?, ?)`, id, e.a.Payload, authorText); err != nil {
			return fmt.Errorf("reply search row: %w", err)
		}
	}
	if !found {
		return nil
	}
	// A target hidden, marked spam or deleted meanwhile stays so.
	_, err = e.tx.ExecContext(e.ctx, `UPDATE items SET needs_reply = 0, updated_at = ?,
		state = CASE WHEN state IN ('hidden', 'spam', 'deleted') THEN state ELSE 'replied' END
		WHERE id = ?`, e.now, t.id)
	return err
}

// selfAuthor returns our account as an author ("self:<handle>", as
// providers name it), creating it if needed, and the text the search index
// holds for it.
func (e *effect) selfAuthor(network, handle, name string) (int64, string, error) {
	if name == "" {
		name = handle
	}
	remote := "self:" + handle
	if _, err := e.tx.ExecContext(e.ctx, `INSERT INTO authors (network, remote_id, handle, name)
		VALUES (?, ?, ?, ?) ON CONFLICT (network, remote_id) DO NOTHING`,
		network, remote, handle, name); err != nil {
		return 0, "", fmt.Errorf("our author: %w", err)
	}
	var id int64
	var h, n string
	if err := e.tx.QueryRowContext(e.ctx, `SELECT id, handle, name FROM authors WHERE network = ? AND remote_id = ?`,
		network, remote).Scan(&id, &h, &n); err != nil {
		return 0, "", fmt.Errorf("our author: %w", err)
	}
	return id, n + " " + h, nil
}

// publish marks the action's post published with what the network said and
// who sent it. The remote id is kept off the row if a synced copy of the
// post already holds it (the unique index would refuse it).
func (e *effect) publish() error {
	if e.a.PostID == 0 {
		return nil
	}
	if err := e.adoptSyncedCopy(); err != nil {
		return err
	}
	_, err := e.tx.ExecContext(e.ctx, `UPDATE posts SET status = 'published', error = '',
			published_at = ?6, updated_at = ?1, published_by = ?5,
			url = CASE WHEN ?2 != '' THEN ?2 ELSE url END,
			remote_id = CASE WHEN ?3 != '' AND NOT EXISTS (SELECT 1 FROM posts p
				WHERE p.account_id = posts.account_id AND p.remote_id = ?3 AND p.id != posts.id)
				THEN ?3 ELSE remote_id END
		WHERE id = ?4`, e.now, e.res.URL, e.res.RemoteID, e.a.PostID, e.by, e.pubAt)
	return err
}

// adoptSyncedCopy folds into the action's post the copy a sync stored
// before the action was recorded — the network published the post itself
// (native scheduling) or a runner died between sending and recording: the
// calendar then shows the post once, and later syncs update it. Only a
// copy made by a sync (no group, no action) is folded; its figures are
// kept, and its publication time, which is the network's word.
func (e *effect) adoptSyncedCopy() error {
	if e.res.RemoteID == "" {
		return nil
	}
	var copyID, publishedAt int64
	var likes, shares, replies int
	err := e.tx.QueryRowContext(e.ctx, `SELECT c.id, c.likes, c.shares, c.replies, c.published_at FROM posts c
		WHERE c.account_id = (SELECT account_id FROM posts WHERE id = ?1) AND c.remote_id = ?2
			AND c.id != ?1 AND c.group_key = ''
			AND NOT EXISTS (SELECT 1 FROM actions a WHERE a.post_id = c.id)`,
		e.a.PostID, e.res.RemoteID).Scan(&copyID, &likes, &shares, &replies, &publishedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("synced copy: %w", err)
	}
	if _, err := e.tx.ExecContext(e.ctx, `DELETE FROM posts WHERE id = ?`, copyID); err != nil {
		return fmt.Errorf("synced copy: %w", err)
	}
	if publishedAt > 0 {
		e.pubAt = publishedAt
	}
	_, err = e.tx.ExecContext(e.ctx, `UPDATE posts SET likes = max(likes, ?), shares = max(shares, ?),
		replies = max(replies, ?) WHERE id = ?`, likes, shares, replies, e.a.PostID)
	return err
}
