package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"cmdeck/core"
)

// SeverityRank orders severities (info 0, warning 1, critical 2): an alert
// only ever escalates, and the live list sorts on it (AlertQuery.AfterRank).
func SeverityRank(s core.Severity) int {
	switch s {
	case core.SeverityCritical:
		return 2
	case core.SeverityWarning:
		return 1
	}
	return 0
}

// rankSQL is SeverityRank over alerts a, in SQL.
const rankSQL = `CASE a.severity WHEN 'critical' THEN 2 WHEN 'warning' THEN 1 ELSE 0 END`

// AlertRaise is one alert to raise or grow (see RaiseAlert).
type AlertRaise struct {
	Alert    core.Alert
	GroupKey string
	ItemIDs  []int64
}

// RaisedAlert is what became of an AlertRaise: the alert's id, and whether
// it was opened rather than a live one grown.
type RaisedAlert struct {
	ID     int64
	Opened bool
}

// RaiseAlert adds items to the live (not resolved) alert of (client, rule,
// group key), or opens one: a burst is one alert that grows. opened says a
// new alert was opened, rather than a live one grown.
//
// Growing links the new items (each item counts once, unknown ids are
// ignored), moves last_at forward, raises the severity if a.Severity is
// higher and takes a.Title if set. An acked alert grows and stays acked,
// a snoozed one grows silently until its snooze ends: what the CM put
// aside stays aside. Escalation is the exception: an acked or snoozed alert
// whose severity rises is open again, since what was put aside was a
// lesser alert. With no item ids, a.ItemCount is added instead (rules that
// count without items). a.LastAt defaults to now, a.FirstAt to a.LastAt.
func (s *Store) RaiseAlert(ctx context.Context, a core.Alert, groupKey string, itemIDs []int64) (id int64, opened bool, err error) {
	out, err := s.RaiseAlerts(ctx, []AlertRaise{{Alert: a, GroupKey: groupKey, ItemIDs: itemIDs}})
	if err != nil {
		return 0, false, err
	}
	return out[0].ID, out[0].Opened, nil
}

// RaiseAlerts is RaiseAlert for several alerts in one transaction (the
// hits of one batch): out[i] is what became of raises[i].
func (s *Store) RaiseAlerts(ctx context.Context, raises []AlertRaise) ([]RaisedAlert, error) {
	if len(raises) == 0 {
		return nil, nil
	}
	out := make([]RaisedAlert, len(raises))
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		w, err := newAlertWriter(ctx, tx, ms(s.clock.Now()))
		if err != nil {
			return err
		}
		defer w.close()
		for i, r := range raises {
			if out[i], err = w.raise(r); err != nil {
				return fmt.Errorf("alert %q: %w", r.Alert.Rule, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: raise alerts: %w", err)
	}
	return out, nil
}

// The statements of alertWriter. grow moves an alert forward: ?1
// severity, ?2 title (” keeps it), ?3 first, ?4 last, ?5 whether it
// escalates (wakes an acked or snoozed alert), ?6 items added, ?7 its id.
const (
	sqlFindAlert = `SELECT id, severity FROM alerts
		WHERE client_id = ? AND rule = ? AND group_key = ? AND state != 'resolved'`
	sqlOpenAlert = `INSERT INTO alerts (client_id, rule, group_key, severity, title, item_count,
		first_at, last_at, state) VALUES (?, ?, ?, ?, ?, 0, ?, ?, 'open') RETURNING id`
	sqlLinkAlert = `INSERT OR IGNORE INTO alert_items (alert_id, item_id)
		SELECT ?, id FROM items WHERE id IN (SELECT value FROM json_each(?))`
	sqlGrowAlert = `UPDATE alerts SET severity = ?1,
			title = CASE WHEN ?2 != '' THEN ?2 ELSE title END,
			first_at = min(first_at, ?3), last_at = max(last_at, ?4),
			state = CASE WHEN ?5 THEN 'open' ELSE state END,
			snoozed_until = CASE WHEN ?5 THEN 0 ELSE snoozed_until END,
			item_count = item_count + ?6
		WHERE id = ?7`
)

// alertWriter raises alerts in one transaction, its statements prepared
// once for all of them: a batch raises dozens.
type alertWriter struct {
	ctx                    context.Context
	now                    int64
	find, open, link, grow *sql.Stmt
}

func newAlertWriter(ctx context.Context, tx *sql.Tx, now int64) (*alertWriter, error) {
	w := &alertWriter{ctx: ctx, now: now}
	for _, p := range []struct {
		dst **sql.Stmt
		q   string
	}{{&w.find, sqlFindAlert}, {&w.open, sqlOpenAlert}, {&w.link, sqlLinkAlert}, {&w.grow, sqlGrowAlert}} {
		st, err := tx.PrepareContext(ctx, p.q)
		if err != nil {
			w.close()
			return nil, err
		}
		*p.dst = st
	}
	return w, nil
}

func (w *alertWriter) close() {
	for _, st := range []*sql.Stmt{w.find, w.open, w.link, w.grow} {
		if st != nil {
			st.Close()
		}
	}
}

// raise grows the group's live alert or opens one, then links the items
// and counts them.
func (w *alertWriter) raise(r AlertRaise) (RaisedAlert, error) {
	a := r.Alert
	last := ms(a.LastAt)
	if last == 0 {
		last = w.now
	}
	first := ms(a.FirstAt)
	if first == 0 || first > last {
		first = last
	}
	if a.Severity == "" {
		a.Severity = core.SeverityInfo
	}
	a.Title = core.SanitizeLine(a.Title)
	id, opened, escalates, err := w.live(&a, r.GroupKey, first, last)
	if err != nil {
		return RaisedAlert{}, err
	}
	added := int64(a.ItemCount)
	if len(r.ItemIDs) > 0 {
		if added, err = w.linkItems(id, r.ItemIDs); err != nil {
			return RaisedAlert{}, err
		}
	}
	_, err = w.grow.ExecContext(w.ctx, string(a.Severity), a.Title, first, last, escalates, added, id)
	return RaisedAlert{ID: id, Opened: opened}, err
}

// live finds the group's live alert, or opens one (opened). a.Severity
// becomes the higher of the two; escalates says it rose.
func (w *alertWriter) live(a *core.Alert, groupKey string, first, last int64) (id int64, opened, escalates bool, err error) {
	var sev string
	err = w.find.QueryRowContext(w.ctx, a.ClientID, a.Rule, groupKey).Scan(&id, &sev)
	if errors.Is(err, sql.ErrNoRows) {
		err = w.open.QueryRowContext(w.ctx, a.ClientID, a.Rule, groupKey, string(a.Severity), a.Title,
			first, last).Scan(&id)
		return id, err == nil, false, err
	}
	if err != nil {
		return 0, false, false, err
	}
	escalates = SeverityRank(a.Severity) > SeverityRank(core.Severity(sev))
	if !escalates {
		a.Severity = core.Severity(sev)
	}
	return id, false, escalates, nil
}

// linkItems attaches the items that exist and are not yet attached, in
// one statement, returning how many were added.
func (w *alertWriter) linkItems(alertID int64, itemIDs []int64) (int64, error) {
	list, err := idList(itemIDs)
	if err != nil {
		return 0, err
	}
	r, err := w.link.ExecContext(w.ctx, alertID, list)
	if err != nil {
		return 0, err
	}
	return r.RowsAffected()
}

// openCond is an alert a (unix ms now as its one argument) the CM has not
// dealt with: open, or back from a snooze that ended.
const openCond = `(a.state = 'open' OR (a.state = 'snoozed' AND a.snoozed_until <= ?))`

// OpenAlerts lists the alerts not acked, snoozed or resolved (an alert
// whose snooze ended is open again), most recent first. limit <= 0 means
// 50. The Alerts pane lists with Alerts, which shows acked ones too.
func (s *Store) OpenAlerts(ctx context.Context, limit int) ([]core.Alert, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT a.id, a.client_id, a.rule, a.severity, a.title, a.item_count, a.first_at, a.last_at
		FROM alerts a WHERE a.state != 'resolved' AND `+openCond+`
		ORDER BY a.last_at DESC, a.id DESC LIMIT ?`, ms(s.clock.Now()), clampLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("store: open alerts: %w", err)
	}
	defer rows.Close()
	var out []core.Alert
	for rows.Next() {
		var a core.Alert
		var sev string
		var first, last int64
		if err := rows.Scan(&a.ID, &a.ClientID, &a.Rule, &sev, &a.Title, &a.ItemCount,
			&first, &last); err != nil {
			return nil, fmt.Errorf("store: open alerts: %w", err)
		}
		a.Severity, a.FirstAt, a.LastAt = core.Severity(sev), fromMS(first), fromMS(last)
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: open alerts: %w", err)
	}
	return out, nil
}

// AckAlert marks an alert seen: it leaves OpenAlerts but stays in the live
// list and keeps growing with its group (ResolveAlert closes it). Acking
// a snoozed alert ends its snooze; acking a resolved one changes nothing.
func (s *Store) AckAlert(ctx context.Context, id int64) error {
	return s.alertWrite(ctx, "ack", id, `UPDATE alerts SET state = 'acked', snoozed_until = 0
		WHERE id = ? AND state != 'resolved'`, id)
}

// alertWrite runs one guarded update of alert id; when it changes nothing
// the alert is missing (ErrNotFound) or resolved (no error: the write was
// moot).
func (s *Store) alertWrite(ctx context.Context, op string, id int64, q string, args ...any) error {
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n > 0 {
			return nil
		}
		var exists bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM alerts WHERE id = ?)`, id).Scan(&exists); err != nil {
			return err
		}
		if !exists {
			return ErrNotFound
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: %s alert %d: %w", op, id, err)
	}
	return nil
}

// AlertItems returns the ids of the items attached to an alert, newest first.
func (s *Store) AlertItems(ctx context.Context, alertID int64) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT ai.item_id FROM alert_items ai
		JOIN items i ON i.id = ai.item_id WHERE ai.alert_id = ?
		ORDER BY i.created_at DESC, i.id DESC`, alertID)
	if err != nil {
		return nil, fmt.Errorf("store: alert items: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: alert items: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
