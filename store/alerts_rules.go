package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"time"

	"cmdeck/core"
)

// What the alert rules ask the store beyond the batch (rules.Env, built by
// the engine): an author's offences, per-query hourly volumes, and the
// items waiting for a reply, for the SLA rules.

// offencesCond repeats the WHERE of the partial index items_offences
// (migration 0010) so SQLite reads only that small index.
const offencesCond = `moderated_at > 0`

// OffenceCount returns how many of the author's items the CM hid or marked
// spam (triage or outbox, see setStateSQL) at or after since and that are
// still hidden or spam: an item unhidden since was not an offence after
// all. Items a network delivered already hidden do not count.
func (s *Store) OffenceCount(ctx context.Context, authorID int64, since time.Time) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM items
		WHERE author_id = ? AND `+offencesCond+` AND moderated_at >= ? AND state IN ('hidden', 'spam')`,
		authorID, ms(since)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: offence count: %w", err)
	}
	return n, nil
}

// OffenceTimes returns, for each of the authors with any, the times the
// CM hid or marked spam their items still so, at or after since (see
// OffenceCount): one query for a batch's authors.
func (s *Store) OffenceTimes(ctx context.Context, authorIDs []int64, since time.Time) (map[int64][]time.Time, error) {
	out := map[int64][]time.Time{}
	if len(authorIDs) == 0 {
		return out, nil
	}
	list, err := idList(authorIDs)
	if err != nil {
		return nil, fmt.Errorf("store: offence times: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT author_id, moderated_at FROM items
		WHERE author_id IN (SELECT value FROM json_each(?)) AND `+offencesCond+`
			AND moderated_at >= ? AND state IN ('hidden', 'spam')`, list, ms(since))
	if err != nil {
		return nil, fmt.Errorf("store: offence times: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, at int64
		if err := rows.Scan(&id, &at); err != nil {
			return nil, fmt.Errorf("store: offence times: %w", err)
		}
		out[id] = append(out[id], fromMS(at))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: offence times: %w", err)
	}
	return out, nil
}

// RuleHour is how many new items matching a query a client got in one UTC
// hour, as the engine counted them.
type RuleHour struct {
	ClientID int64
	Query    string    // the canonical query (rules.Query.String())
	Hour     time.Time // any time in the hour: it is cut to the hour
	Count    int
}

// AddRuleHours adds counts to the per-query hourly volumes, in one
// transaction. Counts of zero or less are skipped.
func (s *Store) AddRuleHours(ctx context.Context, counts []RuleHour) error {
	if len(counts) == 0 {
		return nil
	}
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `INSERT INTO rule_hours (client_id, query, hour, count)
			VALUES (?, ?, ?, ?) ON CONFLICT (client_id, query, hour) DO UPDATE SET count = count + excluded.count`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, c := range counts {
			if c.Count <= 0 {
				continue
			}
			if _, err := st.ExecContext(ctx, c.ClientID, c.Query, ms(c.Hour.UTC().Truncate(time.Hour)), c.Count); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: add rule hours: %w", err)
	}
	return nil
}

// RuleHours returns the client's counts for query in each UTC hour of
// [from, to), oldest first (from cut down to its hour; to-from whole
// hours, at most 31 days). Hours nobody counted are 0.
func (s *Store) RuleHours(ctx context.Context, clientID int64, query string, from, to time.Time) ([]int, error) {
	from = from.UTC().Truncate(time.Hour)
	n := int(to.Sub(from) / time.Hour)
	if n <= 0 || n > maxClientHours {
		return nil, fmt.Errorf("store: rule hours: range of %d hours (1 to %d)", n, maxClientHours)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT hour, count FROM rule_hours
		WHERE client_id = ? AND query = ? AND hour >= ? AND hour < ?`,
		clientID, query, ms(from), ms(from.Add(time.Duration(n)*time.Hour)))
	if err != nil {
		return nil, fmt.Errorf("store: rule hours: %w", err)
	}
	defer rows.Close()
	out := make([]int, n)
	for rows.Next() {
		var hour int64
		var count int
		if err := rows.Scan(&hour, &count); err != nil {
			return nil, fmt.Errorf("store: rule hours: %w", err)
		}
		if i := int((hour - ms(from)) / int64(time.Hour/time.Millisecond)); i >= 0 && i < n {
			out[i] = count
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: rule hours: %w", err)
	}
	return out, nil
}

// PruneRuleHours forgets the hourly counts of hours before before.
func (s *Store) PruneRuleHours(ctx context.Context, before time.Time) error {
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM rule_hours WHERE hour < ?`, ms(before))
		return err
	})
	if err != nil {
		return fmt.Errorf("store: prune rule hours: %w", err)
	}
	return nil
}

// maxAwaiting bounds one AwaitingReply page.
const maxAwaiting = 1000

// Waiting is an item waiting for a reply as the SLA rules read it: the
// item with its author, its client's slug and its network. Tags, snooze,
// assignee, remote ids and URL are not read.
type Waiting struct {
	core.Item
	ClientSlug string
	Network    string
}

// awaitingQuery pages a client's items waiting for a reply, oldest first
// (?1 the client, ?2 since, ?3 and ?4 the key after which to start, ?5
// the limit), in the order of the items_open partial index: its WHERE is
// repeated (needsReplyCond), so the page is one range of that small index,
// however long the inbox.
const awaitingQuery = `SELECT i.id, i.account_id, i.client_id, i.kind, coalesce(au.id, 0),
		coalesce(au.handle, ''), coalesce(au.name, ''), coalesce(au.followers, 0), coalesce(au.vip, 0),
		i.body, i.lang, i.created_at, i.state, i.sentiment, i.sentiment_score, c.slug, a.network
	FROM items i ` + itemJoins + `
	WHERE i.client_id = ?1 AND ` + needsReplyCond + ` AND i.outgoing = 0
		AND i.created_at >= ?2 AND (i.created_at, i.id) > (?3, ?4)
	ORDER BY i.created_at, i.id LIMIT ?5`

// AwaitingReply returns up to limit of a client's incoming items still
// waiting for a reply (needsReplyCond, snoozed or not) created at or after
// since, oldest first, strictly after the key when it is not zero (the
// last row of the previous page: KeyOf). limit <= 0 means 50, at most
// 1000. The SLA rules read it every minute; since bounds the backlog they
// look at.
func (s *Store) AwaitingReply(ctx context.Context, clientID int64, since time.Time, after PageKey, limit int) ([]Waiting, error) {
	if limit <= 0 {
		limit = defaultPage
	}
	if after.IsZero() {
		after = PageKey{CreatedAt: math.MinInt64}
	}
	rows, err := s.db.QueryContext(ctx, awaitingQuery, clientID, ms(since), after.CreatedAt, after.ID,
		min(limit, maxAwaiting))
	if err != nil {
		return nil, fmt.Errorf("store: awaiting reply: %w", err)
	}
	defer rows.Close()
	var out []Waiting
	for rows.Next() {
		w, err := scanWaiting(rows)
		if err != nil {
			return nil, fmt.Errorf("store: awaiting reply: %w", err)
		}
		out = append(out, w)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: awaiting reply: %w", err)
	}
	return out, nil
}

// scanWaiting reads one row of awaitingQuery.
func scanWaiting(row interface{ Scan(...any) error }) (Waiting, error) {
	var w Waiting
	var kind, state, sentiment string
	var created int64
	it := &w.Item
	if err := row.Scan(&it.ID, &it.AccountID, &it.ClientID, &kind, &it.Author.ID, &it.Author.Handle,
		&it.Author.Name, &it.Author.Followers, &it.Author.VIP, &it.Body, &it.Lang, &created, &state,
		&sentiment, &it.SentimentScore, &w.ClientSlug, &w.Network); err != nil {
		return Waiting{}, err
	}
	it.Kind, it.State, it.Sentiment = core.ItemKind(kind), core.ItemState(state), core.Sentiment(sentiment)
	it.CreatedAt, it.NeedsReply = fromMS(created), true
	it.Author.Network = w.Network
	return w, nil
}
