package store

import (
	"context"
	"fmt"
	"time"

	"cmdeck/core"
)

const (
	// defaultAlertPage is an Alerts page when AlertQuery.Limit is not set.
	defaultAlertPage = 100
	// maxAlertPage bounds one Alerts page.
	maxAlertPage = 1000
	// alertExcerptLen is the most an alert's excerpt shows, in characters.
	alertExcerptLen = 120
	// maxClientHours bounds ClientHours' range: a sparkline, not a report.
	maxClientHours = 31 * 24
)

// alertViewCols are the columns scanAlertView reads, over alerts a and
// clients c. The excerpt is the item that joined the alert last (item ids
// follow arrival), read backwards off alert_items' primary key: one row
// per alert, however big it grew.
const alertViewCols = `a.id, a.client_id, a.rule, a.severity, a.title, a.item_count, a.first_at, a.last_at,
	a.state, a.snoozed_until, a.resolved_at, c.slug, c.name, c.color,
	coalesce((SELECT i.body FROM alert_items ai JOIN items i ON i.id = ai.item_id
		WHERE ai.alert_id = a.id ORDER BY ai.item_id DESC LIMIT 1), '')`

// Alerts lists alerts (see AlertQuery). A snoozed alert whose snooze ended
// is listed as open, with its SnoozedUntil. "Now" is the store's clock.
func (s *Store) Alerts(ctx context.Context, q AlertQuery) ([]AlertView, error) {
	sqlText, args := alertsQuery(q, ms(s.clock.Now()))
	rows, err := s.db.QueryContext(ctx, sqlText, args...)
	if err != nil {
		return nil, fmt.Errorf("store: alerts: %w", err)
	}
	defer rows.Close()
	var out []AlertView
	for rows.Next() {
		v, err := scanAlertView(rows)
		if err != nil {
			return nil, fmt.Errorf("store: alerts: %w", err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: alerts: %w", err)
	}
	return out, nil
}

// alertsQuery builds Alerts' SQL at now (unix ms).
func alertsQuery(q AlertQuery, now int64) (string, []any) {
	w := &where{}
	order := ` ORDER BY ` + rankSQL + ` DESC, a.last_at DESC, a.id DESC`
	if q.History {
		w.add("a.state = 'resolved'")
		order = ` ORDER BY a.resolved_at DESC, a.id DESC`
		if q.AfterID != 0 {
			w.add("(a.resolved_at, a.id) < (?, ?)", ms(q.AfterAt), q.AfterID)
		}
	} else {
		// The first term repeats alerts_live_group's WHERE.
		w.add("a.state != 'resolved' AND (a.state IN ('open', 'acked') OR a.snoozed_until <= ?)", now)
		if q.AfterID != 0 {
			w.add("("+rankSQL+", a.last_at, a.id) < (?, ?, ?)", q.AfterRank, ms(q.AfterAt), q.AfterID)
		}
	}
	if q.ClientID != 0 {
		w.add("a.client_id = ?", q.ClientID)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = defaultAlertPage
	}
	return `SELECT ` + alertViewCols + ` FROM alerts a JOIN clients c ON c.id = a.client_id
		WHERE ` + w.sql() + order + ` LIMIT ?`, append(w.args, min(limit, maxAlertPage))
}

// scanAlertView reads alertViewCols.
func scanAlertView(row interface{ Scan(...any) error }) (AlertView, error) {
	var v AlertView
	var sev, state, body string
	var first, last, snoozed, resolved int64
	a := &v.Alert
	if err := row.Scan(&a.ID, &a.ClientID, &a.Rule, &sev, &a.Title, &a.ItemCount, &first, &last,
		&state, &snoozed, &resolved, &v.ClientSlug, &v.ClientName, &v.ClientColor, &body); err != nil {
		return AlertView{}, err
	}
	a.Severity, a.FirstAt, a.LastAt = core.Severity(sev), fromMS(first), fromMS(last)
	v.State, v.SnoozedUntil, v.ResolvedAt = AlertState(state), fromMS(snoozed), fromMS(resolved)
	if v.State == AlertSnoozed {
		v.State = AlertOpen // listed only once its snooze ended
	}
	a.Acked = v.State == AlertAcked
	v.Excerpt = excerpt(body, alertExcerptLen)
	return v, nil
}

// ClientHours returns a client's hourly volume and negative counts in
// [from, to), both cut to whole UTC hours (from down, to up), at most 31
// days. Only incoming items count: our replies are not the audience's
// volume. One grouped query on items_client_created gives both series.
func (s *Store) ClientHours(ctx context.Context, clientID int64, from, to time.Time) (AlertHours, error) {
	from = from.UTC().Truncate(time.Hour)
	if t := to.UTC().Truncate(time.Hour); t.Before(to) {
		to = t.Add(time.Hour)
	}
	n := int(to.Sub(from) / time.Hour)
	if n <= 0 || n > maxClientHours {
		return AlertHours{}, fmt.Errorf("store: client hours: range of %d hours (1 to %d)", n, maxClientHours)
	}
	out := AlertHours{From: from, Volume: make([]int, n), Negative: make([]int, n)}
	rows, err := s.db.QueryContext(ctx, `SELECT (created_at - ?1) / 3600000, count(*),
			sum(sentiment = 'negative')
		FROM items WHERE client_id = ?2 AND created_at >= ?1 AND created_at < ?3 AND outgoing = 0
		GROUP BY 1`, ms(from), clientID, ms(to))
	if err != nil {
		return AlertHours{}, fmt.Errorf("store: client hours: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var h, vol, neg int
		if err := rows.Scan(&h, &vol, &neg); err != nil {
			return AlertHours{}, fmt.Errorf("store: client hours: %w", err)
		}
		if h >= 0 && h < n {
			out.Volume[h], out.Negative[h] = vol, neg
		}
	}
	if err := rows.Err(); err != nil {
		return AlertHours{}, fmt.Errorf("store: client hours: %w", err)
	}
	return out, nil
}
