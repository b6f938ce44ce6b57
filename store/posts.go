package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"cmdeck/core"
)

// Posts lists the posts whose calendar time falls in [from, to), by that
// time: when published, else when scheduled, else (an unscheduled draft)
// when created. limit <= 0 means 50, at most 1000.
func (s *Store) Posts(ctx context.Context, from, to time.Time, limit int) ([]core.Post, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT id, client_id, coalesce(account_id, 0), remote_id, body, status, scheduled_at,
			published_at, url, error, likes, shares, replies
		FROM posts WHERE cal_at >= ? AND cal_at < ?
		ORDER BY cal_at, id LIMIT ?`, from.UnixMilli(), to.UnixMilli(), clampLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("store: list posts: %w", err)
	}
	defer rows.Close()
	var out []core.Post
	for rows.Next() {
		var p core.Post
		var status string
		var sched, pub int64
		if err := rows.Scan(&p.ID, &p.ClientID, &p.AccountID, &p.RemoteID, &p.Body, &status,
			&sched, &pub, &p.URL, &p.Error, &p.Likes, &p.Shares, &p.Replies); err != nil {
			return nil, fmt.Errorf("store: list posts: %w", err)
		}
		p.Status = core.PostStatus(status)
		p.ScheduledAt, p.PublishedAt = fromMS(sched), fromMS(pub)
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list posts: %w", err)
	}
	return out, nil
}

// InsertPost stores a new post (draft or scheduled) and returns its id. The
// client defaults to the account's; the status defaults to draft, or
// scheduled when a time is set. Text is sanitized like provider text.
func (s *Store) InsertPost(ctx context.Context, p core.Post) (int64, error) {
	p.Body, p.Error = core.Sanitize(p.Body), core.Sanitize(p.Error)
	p.RemoteID, p.URL = core.SanitizeLine(p.RemoteID), core.SanitizeLine(p.URL)
	if p.Status == "" {
		p.Status = core.PostDraft
		if !p.ScheduledAt.IsZero() {
			p.Status = core.PostScheduled
		}
	}
	now := ms(s.clock.Now())
	var id int64
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		if err := resolvePostClient(ctx, tx, &p); err != nil {
			return err
		}
		var account any // NULL: a draft not yet tied to an account
		if p.AccountID != 0 {
			account = p.AccountID
		}
		return tx.QueryRowContext(ctx, `
			INSERT INTO posts (client_id, account_id, remote_id, body, status, scheduled_at,
				published_at, url, error, likes, shares, replies, created_at, updated_at)
			VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)
			RETURNING id`,
			p.ClientID, account, p.RemoteID, p.Body, string(p.Status), ms(p.ScheduledAt),
			ms(p.PublishedAt), p.URL, p.Error, p.Likes, p.Shares, p.Replies, now).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("store: insert post: %w", err)
	}
	return id, nil
}

// resolvePostClient fills p.ClientID from its account, and checks that a
// post names a client one way or the other.
func resolvePostClient(ctx context.Context, tx *sql.Tx, p *core.Post) error {
	if p.AccountID == 0 {
		if p.ClientID == 0 {
			return errors.New("a post needs a client or an account")
		}
		return nil
	}
	var client int64
	err := tx.QueryRowContext(ctx, `SELECT client_id FROM accounts WHERE id = ?`, p.AccountID).Scan(&client)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("account %d: %w", p.AccountID, ErrNotFound)
	}
	if err != nil {
		return err
	}
	if p.ClientID != 0 && p.ClientID != client {
		return fmt.Errorf("account %d belongs to client %d, not %d", p.AccountID, client, p.ClientID)
	}
	p.ClientID = client
	return nil
}
