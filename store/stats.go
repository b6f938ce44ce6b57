package store

import (
	"context"
	"fmt"
	"time"

	"cmdeck/core"
)

// maxActivityDays bounds a period (ten years) so a bad range cannot build
// an unbounded query.
const maxActivityDays = 3660

// dayRange is one day of a period in unix milliseconds, [lo, hi), clipped
// to the period.
type dayRange struct{ lo, hi int64 }

// periodDays splits [since, until) into the calendar days of loc, oldest
// first. The first and last days are clipped to the period; a day is 23 or
// 25 hours long across a DST change.
func periodDays(since, until time.Time, loc *time.Location) ([]dayRange, error) {
	if loc == nil {
		loc = time.UTC
	}
	if !until.After(since) {
		return nil, nil
	}
	y, m, d := since.In(loc).Date()
	var days []dayRange
	for day := time.Date(y, m, d, 0, 0, 0, 0, loc); day.Before(until); {
		next := time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, loc)
		lo, hi := day, next
		if lo.Before(since) {
			lo = since
		}
		if hi.After(until) {
			hi = until
		}
		days = append(days, dayRange{lo.UnixMilli(), hi.UnixMilli()})
		if len(days) > maxActivityDays {
			return nil, fmt.Errorf("store: activity period longer than %d days", maxActivityDays)
		}
		day = next
	}
	return days, nil
}

// statusNeedsReply counts the items waiting for an answer, snoozed ones
// left out (they are not waiting yet): all of them, minus the snoozed ones
// (few, read from their list) — a per-row test would double the cost. Its
// argument is now.
func statusNeedsReply() string {
	return `SELECT (SELECT count(*) FROM items WHERE ` + needsReplyCond + `) -
		(WITH z(id) AS MATERIALIZED (` + snoozedIDs + `)
		SELECT count(*) FROM z CROSS JOIN items i ON i.id = z.id WHERE ` + needsReplyOn("i") + `)`
}

// queuedActions counts the actions on their way out: claimed, or pending,
// but for posts scheduled for later — a calendar of planned posts is not a
// queue waiting to leave. Its argument is now.
const queuedActions = `SELECT count(*) FROM actions WHERE state = 'claimed'
	OR (state = 'pending' AND (kind != 'publish' OR not_before <= ?))`

// Status returns the status-bar counts. NeedsReply leaves out snoozed items;
// QueuedActions, posts scheduled for later.
func (s *Store) Status(ctx context.Context) (StatusCounts, error) {
	var c StatusCounts
	var last int64
	err := s.db.QueryRowContext(ctx, `SELECT
		(`+statusNeedsReply()+`),
		(`+queuedActions+`),
		(SELECT count(*) FROM actions WHERE state = 'failed'),
		(SELECT count(*) FROM sync_state WHERE last_error != ''),
		(SELECT coalesce(max(last_success), 0) FROM sync_state)`,
		ms(s.clock.Now()), ms(s.clock.Now())).Scan(&c.NeedsReply, &c.QueuedActions, &c.FailedActions, &c.SyncErrors, &last)
	if err != nil {
		return StatusCounts{}, fmt.Errorf("store: status: %w", err)
	}
	c.LastSync = fromMS(last)
	return c, nil
}

// Snapshots returns an account's audience figures for the days in
// [from, to), oldest first.
func (s *Store) Snapshots(ctx context.Context, accountID int64, from, to time.Time) ([]core.StatSnapshot, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT day, followers, following, posts FROM stat_snapshots
		WHERE account_id = ? AND day >= ? AND day < ? ORDER BY day`,
		accountID, from.UnixMilli(), to.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("store: snapshots: %w", err)
	}
	defer rows.Close()
	var out []core.StatSnapshot
	for rows.Next() {
		sn := core.StatSnapshot{AccountID: accountID}
		var day int64
		if err := rows.Scan(&day, &sn.Followers, &sn.Following, &sn.Posts); err != nil {
			return nil, fmt.Errorf("store: snapshots: %w", err)
		}
		sn.Day = fromMS(day)
		out = append(out, sn)
	}
	return out, rows.Err()
}
