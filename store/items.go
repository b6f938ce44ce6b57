package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"cmdeck/core"
)

const (
	defaultPage = 50
	maxPage     = 1000
	// maxThread bounds a conversation's length: a viral post can gather
	// tens of thousands of replies, and a pane shows only a screenful.
	maxThread = 2000
)

// itemCols are the columns scanItem reads, over items i, accounts a,
// clients c and authors au.
const itemCols = `i.id, i.account_id, i.client_id, i.remote_id, i.parent_remote_id, i.thread_remote_id,
	i.kind, coalesce(au.id, 0), coalesce(au.network, ''), coalesce(au.remote_id, ''),
	coalesce(au.handle, ''), coalesce(au.name, ''), coalesce(au.followers, 0),
	coalesce(au.vip, 0), coalesce(au.blocked, 0), i.body, i.url, i.lang, i.created_at, i.state,
	i.needs_reply, i.sentiment, i.sentiment_score, i.outgoing,
	(SELECT json_group_array(tag) FROM item_tags WHERE item_id = i.id),
	c.slug, c.name, c.color, a.network, a.handle, a.provider, i.snoozed_until, i.assignee`

// threadQuery lists a conversation: the thread's ids come from two index
// lookups, so a big account is never scanned for one thread. The literal
// test against the empty string lets SQLite use the partial items_thread
// index.
const threadQuery = `WITH t(id) AS MATERIALIZED (
		SELECT id FROM items WHERE account_id = ?1 AND thread_remote_id = ?2 AND thread_remote_id != ''
		UNION SELECT id FROM items WHERE account_id = ?1 AND remote_id = ?2)
	SELECT ` + itemCols + ` FROM t CROSS JOIN items i ON i.id = t.id ` + itemJoins + `
	ORDER BY i.created_at, i.id LIMIT ?3`

// itemJoins attaches an item's account, client and author.
//
// CROSS JOIN fixes the join order: items first. With statistics on a big
// database SQLite otherwise starts from the few clients, reads every item of
// each through items_client_created and sorts them all (2 s for a top page of
// a 1M-item inbox instead of under a millisecond).
const itemJoins = `CROSS JOIN accounts a ON a.id = i.account_id
	CROSS JOIN clients c ON c.id = i.client_id
	LEFT JOIN authors au ON au.id = i.author_id`

// scanItem reads one row of itemCols.
func scanItem(rows interface{ Scan(...any) error }) (ItemView, error) {
	var v ItemView
	var created, snoozed int64
	var kind, state, sentiment, tags string
	it := &v.Item
	err := rows.Scan(&it.ID, &it.AccountID, &it.ClientID, &it.RemoteID, &it.ParentRemoteID,
		&it.ThreadRemoteID, &kind, &it.Author.ID, &it.Author.Network, &it.Author.RemoteID,
		&it.Author.Handle, &it.Author.Name, &it.Author.Followers, &it.Author.VIP, &it.Author.Blocked,
		&it.Body, &it.URL, &it.Lang, &created, &state, &it.NeedsReply, &sentiment,
		&it.SentimentScore, &it.Outgoing, &tags,
		&v.ClientSlug, &v.ClientName, &v.ClientColor, &v.Network, &v.AccountHandle, &v.Provider,
		&snoozed, &v.Assignee)
	if err != nil {
		return ItemView{}, err
	}
	it.Kind, it.State, it.Sentiment = core.ItemKind(kind), core.ItemState(state), core.Sentiment(sentiment)
	it.CreatedAt = fromMS(created)
	if snoozed > 0 {
		v.SnoozedUntil = fromMS(snoozed)
	}
	if tags != "[]" && tags != "" {
		if err := json.Unmarshal([]byte(tags), &it.Tags); err != nil {
			return ItemView{}, fmt.Errorf("tags of item %d: %w", it.ID, err)
		}
	}
	return v, nil
}

// queryItems runs a query returning itemCols rows.
func (s *Store) queryItems(ctx context.Context, q string, args ...any) ([]ItemView, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ItemView
	for rows.Next() {
		v, err := scanItem(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// ListItems returns up to limit items matching f, newest first (by
// created_at, then id), strictly after (Older) or before (Newer) the key.
// Keyset paging only: the cost of a page does not grow with its depth.
// A zero key with Older is the top page; with Newer it is the bottom page
// (the oldest items), still ordered newest first. limit <= 0 means 50.
func (s *Store) ListItems(ctx context.Context, f ItemFilter, from PageKey, dir Direction, limit int) ([]ItemView, error) {
	limit = clampLimit(limit)
	w := filterWhere(f, ms(s.clock.Now()))
	order := "DESC"
	if dir == Newer {
		order = "ASC"
	}
	if !from.IsZero() {
		cmp := "<"
		if dir == Newer {
			cmp = ">"
		}
		w.add("(i.created_at, i.id) "+cmp+" (?, ?)", from.CreatedAt, from.ID)
	}
	q, args, err := s.pageQuery(ctx, f.Query, w, order, limit)
	if err != nil {
		return nil, fmt.Errorf("store: list items: %w", err)
	}
	if q == "" {
		return nil, nil
	}
	out, err := s.queryItems(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list items: %w", err)
	}
	if dir == Newer {
		slices.Reverse(out)
	}
	return out, nil
}

// clampLimit keeps a page size sane.
func clampLimit(limit int) int {
	if limit <= 0 {
		return defaultPage
	}
	return min(limit, maxPage)
}

// CountItems counts the items matching f.
func (s *Store) CountItems(ctx context.Context, f ItemFilter) (int, error) {
	match, err := s.ftsMatch(ctx, f.Query)
	if err != nil {
		return 0, fmt.Errorf("store: count items: %w", err)
	}
	q, args, ok := countQueryMatch(f, match, ms(s.clock.Now()), true)
	if !ok {
		return 0, nil
	}
	var n int
	if err := s.db.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count items: %w", err)
	}
	return n, nil
}

// countQuery builds the count of the items matching f at now; ok is false
// when f's search has nothing searchable (the count is then 0). Snoozed
// items are few, so rather than test every row against their list (which
// doubles a count's cost), a count takes every match and subtracts the
// snoozed ones, read from their small index. Without subtract, snoozed items
// are counted like the others.
func countQuery(f ItemFilter, now int64, subtract bool) (string, []any, bool) {
	return countQueryMatch(f, ftsQuery(f.Query), now, subtract)
}

// countQueryMatch is countQuery with f.Query already turned into an FTS
// match (see ftsMatch).
func countQueryMatch(f ItemFilter, match string, now int64, subtract bool) (string, []any, bool) {
	w := baseWhere(f)
	if f.Query != "" {
		if match == "" {
			return "", nil, false
		}
		w.add("i.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)", match)
	}
	snoozed := `WITH z(id) AS MATERIALIZED (` + snoozedIDs + `)
		SELECT count(*) FROM z CROSS JOIN items i ON i.id = z.id WHERE ` + w.sql()
	all := "SELECT count(*) FROM items i WHERE " + w.sql()
	switch {
	case f.Snoozed:
		return snoozed, append([]any{now}, w.args...), true
	case subtract:
		args := append(append(append([]any{}, w.args...), now), w.args...)
		return "SELECT (" + all + ") - (" + snoozed + ")", args, true
	}
	return all, w.args, true
}

// Item returns one item by id (ErrNotFound if there is none).
func (s *Store) Item(ctx context.Context, id int64) (ItemView, error) {
	row := s.db.QueryRowContext(ctx, "SELECT "+itemCols+" FROM items i "+itemJoins+" WHERE i.id = ?", id)
	v, err := scanItem(row)
	if errors.Is(err, sql.ErrNoRows) {
		return ItemView{}, fmt.Errorf("store: item %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return ItemView{}, fmt.Errorf("store: item %d: %w", id, err)
	}
	return v, nil
}

// Thread returns the conversation an item belongs to, oldest first: the
// root (the item's thread root, or the item itself) and every item of the
// same account in that thread, in every state. At most 2000 items.
func (s *Store) Thread(ctx context.Context, itemID int64) ([]ItemView, error) {
	var account int64
	var root string
	err := s.db.QueryRowContext(ctx, `
		SELECT account_id, CASE WHEN thread_remote_id != '' THEN thread_remote_id ELSE remote_id END
		FROM items WHERE id = ?`, itemID).Scan(&account, &root)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: thread of item %d: %w", itemID, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: thread of item %d: %w", itemID, err)
	}
	out, err := s.queryItems(ctx, threadQuery, account, root, maxThread)
	if err != nil {
		return nil, fmt.Errorf("store: thread of item %d: %w", itemID, err)
	}
	return out, nil
}

// AuthorHistory counts the items an author sent to a client.
func (s *Store) AuthorHistory(ctx context.Context, authorID, clientID int64) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx,
		`SELECT count(*) FROM items WHERE author_id = ? AND client_id = ? AND outgoing = 0`,
		authorID, clientID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: author history: %w", err)
	}
	return n, nil
}
