package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"cmdeck/core"
)

// The calendar's reads: only the visible range, off the cal_at indexes.

const (
	// maxCalendarRows bounds one CalendarPosts page.
	maxCalendarRows = 1000
	// maxMonthDays bounds MonthDays' range: a view, not a report.
	maxMonthDays = 62
	// maxPerDay bounds the posts MonthDays returns per day.
	maxPerDay = 20
)

// postViewCols are the columns scanPostView reads, over posts p, clients c,
// accounts ac (left joined) and the live action x (left joined).
const postViewCols = `p.id, p.client_id, coalesce(p.account_id, 0), p.remote_id, p.body, p.status,
	p.scheduled_at, p.published_at, p.url, p.error, p.likes, p.shares, p.replies,
	p.group_key, p.media, p.recur, p.published_by, p.cal_at,
	c.slug, c.name, c.color, coalesce(ac.handle, ''), coalesce(ac.network, ''), coalesce(ac.provider, ''),
	coalesce(x.id, 0), coalesce(x.state, ''), coalesce(x.attempts, 0),
	coalesce(x.state = 'handed' AND ` + outOfSyncSQL + `, 0),
	coalesce(x.state IN ('pending', 'handed') AND p.client_id IN (SELECT client_id FROM crises), 0)`

// postViewFrom joins what postViewCols reads.
const postViewFrom = ` FROM posts p JOIN clients c ON c.id = p.client_id
	LEFT JOIN accounts ac ON ac.id = p.account_id
	LEFT JOIN actions x ON x.id = (` + liveActionSQL + `)`

// scanPostView reads postViewCols, then any extra destinations.
func scanPostView(row interface{ Scan(...any) error }, extra ...any) (PostView, error) {
	var v PostView
	var status, media, recur, state string
	var sched, pub, at int64
	dest := []any{&v.ID, &v.ClientID, &v.AccountID, &v.RemoteID, &v.Body, &status,
		&sched, &pub, &v.URL, &v.Error, &v.Likes, &v.Shares, &v.Replies,
		&v.GroupKey, &media, &recur, &v.PublishedBy, &at,
		&v.ClientSlug, &v.ClientName, &v.ClientColor, &v.Handle, &v.Network, &v.Provider,
		&v.ActionID, &state, &v.Attempts, &v.NetworkSyncing, &v.Paused}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return PostView{}, err
	}
	v.Status, v.Recur, v.ActionState = core.PostStatus(status), core.Recurrence(recur), core.ActionState(state)
	v.HeldByNetwork = v.ActionState == core.ActionHanded
	v.ScheduledAt, v.PublishedAt, v.At = fromMS(sched), fromMS(pub), fromMS(at)
	var err error
	if v.Media, err = decodeMedia(media); err != nil {
		return PostView{}, fmt.Errorf("post %d: %w", v.ID, err)
	}
	return v, nil
}

// Post returns one post, or ErrNotFound.
func (s *Store) Post(ctx context.Context, id int64) (PostView, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+postViewCols+postViewFrom+` WHERE p.id = ?`, id)
	v, err := scanPostView(row)
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	if err != nil {
		return PostView{}, fmt.Errorf("store: post %d: %w", id, err)
	}
	return v, nil
}

// postWhere is the calendar's filter: one client or account, or all.
func postWhere(q PostQuery, alias string) *where {
	w := &where{}
	if q.ClientID != 0 {
		w.add(alias+".client_id = ?", q.ClientID)
	}
	if q.AccountID != 0 {
		w.add(alias+".account_id = ?", q.AccountID)
	}
	return w
}

// CalendarPosts lists the posts of a view (see PostQuery), by calendar time
// then id, from after the keyset position if one is given.
func (s *Store) CalendarPosts(ctx context.Context, q PostQuery) ([]PostView, error) {
	limit := q.Limit
	if limit <= 0 || limit > maxCalendarRows {
		limit = maxCalendarRows
	}
	w := postWhere(q, "p")
	w.add("p.cal_at >= ? AND p.cal_at < ?", ms(q.From), ms(q.To))
	if q.AfterID != 0 {
		w.add("(p.cal_at, p.id) > (?, ?)", ms(q.AfterAt), q.AfterID)
	}
	rows, err := s.stmts.query(ctx, s.db, `SELECT `+postViewCols+postViewFrom+` WHERE `+w.sql()+
		` ORDER BY p.cal_at, p.id LIMIT ?`, append(w.args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: calendar posts: %w", err)
	}
	defer rows.Close()
	var out []PostView
	for rows.Next() {
		v, err := scanPostView(rows)
		if err != nil {
			return nil, fmt.Errorf("store: calendar posts: %w", err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: calendar posts: %w", err)
	}
	return out, nil
}

// dayValues is the CTE d(n, lo, hi) of a month's days, with its arguments:
// the day list drives a range scan of the cal_at index per day (as
// Activity does for items), instead of reading every post of the month to
// group it.
func dayValues(days []dayRange) (string, []any) {
	values := make([]string, len(days))
	args := make([]any, 0, 3*len(days))
	for n, d := range days {
		values[n] = "(?, ?, ?)"
		args = append(args, n, d.lo, d.hi)
	}
	return `WITH d(n, lo, hi) AS (VALUES ` + strings.Join(values, ", ") + `) `, args
}

// MonthDays counts the posts of each day in [q.From, q.To) in loc (nil:
// UTC; at most 62 days), per status, with the first perDay posts of each
// day (0: none; at most 20) by calendar time. Days are cut at loc's
// midnights (a DST day lasts 23 or 25 hours); every day of the range is
// returned, empty ones too. Posts are counted by the statuses cmdeck
// writes (core.PostStatus). Two queries: the counts, from the (status,
// cal_at) indexes alone, then the first posts. q.Limit is not used.
func (s *Store) MonthDays(ctx context.Context, q PostQuery, loc *time.Location, perDay int) ([]DayCount, error) {
	if loc == nil {
		loc = time.UTC
	}
	days, err := periodDays(q.From, q.To, loc)
	if err == nil && len(days) > maxMonthDays {
		err = fmt.Errorf("the range spans more than %d days", maxMonthDays)
	}
	if err != nil {
		return nil, fmt.Errorf("store: month days: %w", err)
	}
	if len(days) == 0 {
		return nil, nil
	}
	out := make([]DayCount, len(days))
	for i, d := range days {
		y, m, dd := fromMS(d.lo).In(loc).Date()
		out[i].Day = time.Date(y, m, dd, 0, 0, 0, 0, loc)
	}
	cte, args := dayValues(days)
	if err := s.countDays(ctx, q, cte, args, out); err != nil {
		return nil, fmt.Errorf("store: month days: %w", err)
	}
	if perDay = min(perDay, maxPerDay); perDay > 0 {
		if err := s.firstOfDays(ctx, q, cte, args, perDay, out); err != nil {
			return nil, fmt.Errorf("store: month days: %w", err)
		}
	}
	return out, nil
}

// postStatuses are the statuses MonthDays counts: every one cmdeck writes.
var postStatuses = []core.PostStatus{core.PostDraft, core.PostScheduled, core.PostPublishing,
	core.PostPublished, core.PostFailed, core.PostMissed}

// statusValues is the CTE s(status) of postStatuses, to follow dayValues.
func statusValues() string {
	values := make([]string, len(postStatuses))
	for i, st := range postStatuses {
		values[i] = "('" + string(st) + "')"
	}
	return `, s(status) AS (VALUES ` + strings.Join(values, ", ") + `) `
}

// countDays fills Total and ByStatus: one count per (day, status), each a
// range of a (status, cal_at) index read without touching the table.
func (s *Store) countDays(ctx context.Context, q PostQuery, cte string, args []any, out []DayCount) error {
	w := postWhere(q, "p")
	w.add("p.status = s.status AND p.cal_at >= d.lo AND p.cal_at < d.hi")
	rows, err := s.stmts.query(ctx, s.db, cte+statusValues()+`SELECT d.n, s.status,
			(SELECT count(*) FROM posts p WHERE `+w.sql()+`)
		FROM d CROSS JOIN s`, append(slices.Clone(args), w.args...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var n, count int
		var status string
		if err := rows.Scan(&n, &status, &count); err != nil {
			return err
		}
		// Zero counts are skipped here: filtering them in SQL would run
		// each count twice.
		if n < 0 || n >= len(out) || count == 0 {
			continue
		}
		if out[n].ByStatus == nil {
			out[n].ByStatus = map[core.PostStatus]int{}
		}
		out[n].ByStatus[core.PostStatus(status)] += count
		out[n].Total += count
	}
	return rows.Err()
}

// firstOfDays fills First: per day, a LIMIT over the index in calendar
// order, so a busy day costs perDay rows, not all of its posts.
func (s *Store) firstOfDays(ctx context.Context, q PostQuery, cte string, args []any, perDay int, out []DayCount) error {
	w := postWhere(q, "f")
	w.add("f.cal_at >= d.lo AND f.cal_at < d.hi")
	rows, err := s.stmts.query(ctx, s.db, cte+`SELECT `+postViewCols+`, d.n
		FROM d CROSS JOIN posts p ON p.id IN (SELECT f.id FROM posts f WHERE `+w.sql()+`
			ORDER BY f.cal_at, f.id LIMIT ?)
		JOIN clients c ON c.id = p.client_id
		LEFT JOIN accounts ac ON ac.id = p.account_id
		LEFT JOIN actions x ON x.id = (`+liveActionSQL+`)`, append(append(slices.Clone(args), w.args...), perDay)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var n int
		v, err := scanPostView(rows, &n)
		if err != nil {
			return err
		}
		if n >= 0 && n < len(out) {
			out[n].First = append(out[n].First, v)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	// Sorting a few rows per day here is cheaper than a sort of whole rows
	// in SQLite.
	for i := range out {
		slices.SortFunc(out[i].First, func(a, b PostView) int {
			if c := a.At.Compare(b.At); c != 0 {
				return c
			}
			return cmp.Compare(a.ID, b.ID)
		})
	}
	return nil
}

// SlotsTaken reports the scheduled times of an account's posts in
// [from, to), for the "next free slot" of its queue: every post with a time
// but drafts. Keys are in UTC: look a slot up with t.UTC().
func (s *Store) SlotsTaken(ctx context.Context, accountID int64, from, to time.Time) (map[time.Time]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT scheduled_at FROM posts
		WHERE account_id = ? AND scheduled_at > 0 AND scheduled_at >= ? AND scheduled_at < ?
			AND status != 'draft'`, accountID, ms(from), ms(to))
	if err != nil {
		return nil, fmt.Errorf("store: slots taken: %w", err)
	}
	defer rows.Close()
	out := map[time.Time]bool{}
	for rows.Next() {
		var at int64
		if err := rows.Scan(&at); err != nil {
			return nil, fmt.Errorf("store: slots taken: %w", err)
		}
		out[fromMS(at)] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: slots taken: %w", err)
	}
	return out, nil
}

// PublishedEngagement is the accounts' posts published since since, with
// the engagement their network reported (likes + shares + replies): what
// core.BestTimes ranks hours from. Newest first, at most limit.
func (s *Store) PublishedEngagement(ctx context.Context, accountIDs []int64, since time.Time, limit int) ([]core.Engaged, error) {
	if len(accountIDs) == 0 {
		return nil, nil
	}
	list, err := idList(accountIDs)
	if err != nil {
		return nil, fmt.Errorf("store: published engagement: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT account_id, published_at, likes + shares + replies FROM posts
		WHERE account_id IN (SELECT value FROM json_each(?)) AND status = 'published' AND published_at >= ?
		ORDER BY published_at DESC LIMIT ?`, list, max(ms(since), 1), limit)
	if err != nil {
		return nil, fmt.Errorf("store: published engagement: %w", err)
	}
	defer rows.Close()
	var out []core.Engaged
	for rows.Next() {
		var e core.Engaged
		var at int64
		if err := rows.Scan(&e.AccountID, &at, &e.Engagement); err != nil {
			return nil, fmt.Errorf("store: published engagement: %w", err)
		}
		e.At = fromMS(at)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: published engagement: %w", err)
	}
	return out, nil
}
