package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"cmdeck/core"
)

// severityRank orders severities so an alert only ever escalates.
func severityRank(s core.Severity) int {
	switch s {
	case core.SeverityCritical:
		return 2
	case core.SeverityWarning:
		return 1
	}
	return 0
}

// RaiseAlert adds items to the open alert of (client, rule, group key), or
// opens one: a burst is one alert that grows. Growing links the new items
// (each item counts once, unknown ids are ignored), moves last_at forward,
// raises the severity if a.Severity is higher and takes a.Title if set.
// With no item ids, a.ItemCount is added instead (rules that count without
// items). a.LastAt defaults to now, a.FirstAt to a.LastAt. Returns the
// alert's id.
func (s *Store) RaiseAlert(ctx context.Context, a core.Alert, groupKey string, itemIDs []int64) (int64, error) {
	last := ms(a.LastAt)
	if last == 0 {
		last = ms(s.clock.Now())
	}
	first := ms(a.FirstAt)
	if first == 0 || first > last {
		first = last
	}
	if a.Severity == "" {
		a.Severity = core.SeverityInfo
	}
	a.Title = core.SanitizeLine(a.Title)
	var id int64
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if id, err = openAlert(ctx, tx, a, groupKey, first, last); err != nil {
			return err
		}
		added := int64(a.ItemCount)
		if len(itemIDs) > 0 {
			if added, err = linkAlertItems(ctx, tx, id, itemIDs); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE alerts SET item_count = item_count + ? WHERE id = ?`, added, id)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: raise alert %q: %w", a.Rule, err)
	}
	return id, nil
}

// openAlert returns the open alert of the group, escalated and moved
// forward, creating it if there is none.
func openAlert(ctx context.Context, tx *sql.Tx, a core.Alert, groupKey string, first, last int64) (int64, error) {
	var id int64
	var sev string
	err := tx.QueryRowContext(ctx, `SELECT id, severity FROM alerts
		WHERE client_id = ? AND rule = ? AND group_key = ? AND acked = 0`,
		a.ClientID, a.Rule, groupKey).Scan(&id, &sev)
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.QueryRowContext(ctx, `
			INSERT INTO alerts (client_id, rule, group_key, severity, title, item_count, first_at, last_at)
			VALUES (?, ?, ?, ?, ?, 0, ?, ?) RETURNING id`,
			a.ClientID, a.Rule, groupKey, string(a.Severity), a.Title, first, last).Scan(&id)
		return id, err
	}
	if err != nil {
		return 0, err
	}
	if severityRank(a.Severity) < severityRank(core.Severity(sev)) {
		a.Severity = core.Severity(sev)
	}
	_, err = tx.ExecContext(ctx, `UPDATE alerts SET severity = ?1,
			title = CASE WHEN ?2 != '' THEN ?2 ELSE title END,
			first_at = min(first_at, ?3), last_at = max(last_at, ?4)
		WHERE id = ?5`, string(a.Severity), a.Title, first, last, id)
	return id, err
}

// linkAlertItems attaches the items that exist and are not yet attached,
// returning how many were added.
func linkAlertItems(ctx context.Context, tx *sql.Tx, alertID int64, itemIDs []int64) (int64, error) {
	st, err := tx.PrepareContext(ctx,
		`INSERT OR IGNORE INTO alert_items (alert_id, item_id) SELECT ?, id FROM items WHERE id = ?`)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	var added int64
	for _, item := range itemIDs {
		r, err := st.ExecContext(ctx, alertID, item)
		if err != nil {
			return 0, err
		}
		n, _ := r.RowsAffected()
		added += n
	}
	return added, nil
}

// OpenAlerts lists alerts not acked, most recent first. limit <= 0 means 50.
func (s *Store) OpenAlerts(ctx context.Context, limit int) ([]core.Alert, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT id, client_id, rule, severity, title, item_count, first_at, last_at, acked
		FROM alerts WHERE acked = 0 ORDER BY last_at DESC, id DESC LIMIT ?`, clampLimit(limit))
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
			&first, &last, &a.Acked); err != nil {
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

// AckAlert closes an alert; the next matching item opens a new one.
func (s *Store) AckAlert(ctx context.Context, id int64) error {
	return s.Tx(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `UPDATE alerts SET acked = 1 WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("store: ack alert %d: %w", id, err)
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return fmt.Errorf("store: ack alert %d: %w", id, ErrNotFound)
		}
		return nil
	})
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
