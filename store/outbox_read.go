package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"cmdeck/core"
)

// excerptLen is the most an action's item excerpt shows, in characters.
const excerptLen = 80

// Actions lists outbox rows in the given states (all when empty), newest first,
// with their client, network, account and the first line of their item.
// limit <= 0 means 50, at most 1000.
func (s *Store) Actions(ctx context.Context, states []core.ActionState, limit int) ([]ActionView, error) {
	w := &where{}
	if len(states) > 0 {
		marks := make([]string, len(states))
		for i, st := range states {
			marks[i] = "?"
			w.args = append(w.args, string(st))
		}
		w.conds = append(w.conds, "x.state IN ("+strings.Join(marks, ", ")+")")
	}
	// substr bounds what is read of a long body: only its first line shows.
	q := `SELECT ` + actionCols + `, coalesce(c.name, ''), ac.network, ac.handle,
			coalesce(substr(i.body, 1, 400), '')
		FROM actions x JOIN accounts ac ON ac.id = x.account_id
		LEFT JOIN clients c ON c.id = ac.client_id
		LEFT JOIN items i ON i.id = x.item_id
		WHERE ` + w.sql() + ` ORDER BY x.created_at DESC, x.id DESC LIMIT ?`
	rows, err := s.db.QueryContext(ctx, q, append(w.args, clampLimit(limit))...)
	if err != nil {
		return nil, fmt.Errorf("store: list actions: %w", err)
	}
	defer rows.Close()
	var out []ActionView
	for rows.Next() {
		var v ActionView
		var body string
		v.Action, err = scanAction(rows, &v.ClientName, &v.Network, &v.AccountHandle, &body)
		if err != nil {
			return nil, fmt.Errorf("store: list actions: %w", err)
		}
		v.ItemExcerpt = excerpt(body, excerptLen)
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list actions: %w", err)
	}
	return out, nil
}

// excerpt is the first non-blank line of s, at most n characters (an
// ellipsis marks a cut).
func excerpt(s string, n int) string {
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if utf8.RuneCountInString(line) <= n {
			return line
		}
		r := []rune(line)
		return strings.TrimSpace(string(r[:n-1])) + "…"
	}
	return ""
}

// pendingActionsQuery reads the unconfirmed actions of a JSON list of items
// through actions_item_state.
const pendingActionsQuery = `SELECT ` + actionCols + ` FROM actions x
	WHERE x.item_id IN (SELECT value FROM json_each(?))
		AND x.state IN ('pending', 'claimed', 'failed')
	ORDER BY x.created_at, x.id`

// PendingActions returns the actions not yet confirmed (pending, claimed or
// failed) for the given items, oldest first: a thread shows pending replies at
// once, and list rows mark items with an action on its way.
func (s *Store) PendingActions(ctx context.Context, itemIDs []int64) ([]core.Action, error) {
	if len(itemIDs) == 0 {
		return nil, nil
	}
	list, err := idList(itemIDs)
	if err != nil {
		return nil, fmt.Errorf("store: pending actions: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, pendingActionsQuery, list)
	if err != nil {
		return nil, fmt.Errorf("store: pending actions: %w", err)
	}
	defer rows.Close()
	var out []core.Action
	for rows.Next() {
		a, err := scanAction(rows)
		if err != nil {
			return nil, fmt.Errorf("store: pending actions: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: pending actions: %w", err)
	}
	return out, nil
}

// idList passes a list of ids as one JSON argument for json_each: one bound
// variable whatever the length, so SQLite's variable limit never applies and
// a bulk action on thousands of items is still one statement.
func idList(ids []int64) (string, error) {
	b, err := json.Marshal(ids)
	if err != nil {
		return "", err
	}
	return string(b), nil
}
