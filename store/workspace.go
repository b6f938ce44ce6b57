package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"cmdeck/core"
)

// UpsertWorkspace makes the clients and accounts from config exist (by client
// slug, and by client+provider+handle) and returns them with their ids.
// Accounts name their client by ClientSlug, which must be among clients or
// already stored. Clients and accounts missing from config are kept: their
// history stays searchable.
func (s *Store) UpsertWorkspace(ctx context.Context, clients []core.Client, accounts []core.Account) ([]core.Client, []core.Account, error) {
	outC := make([]core.Client, len(clients))
	outA := make([]core.Account, len(accounts))
	now := ms(s.clock.Now())
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		ids := map[string]int64{}
		for i, c := range clients {
			c.Slug = strings.TrimSpace(c.Slug)
			if c.Slug == "" {
				return fmt.Errorf("store: client %d (%q) has no slug", i+1, c.Name)
			}
			if err := tx.QueryRowContext(ctx, `
				INSERT INTO clients (slug, name, color, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)
				ON CONFLICT (slug) DO UPDATE SET name = excluded.name, color = excluded.color,
					updated_at = excluded.updated_at
				RETURNING id`,
				c.Slug, core.SanitizeLine(c.Name), core.SanitizeLine(c.Color), now).Scan(&c.ID); err != nil {
				return fmt.Errorf("store: save client %q: %w", c.Slug, err)
			}
			ids[c.Slug] = c.ID
			outC[i] = c
		}
		for i, a := range accounts {
			id, err := clientIDBySlug(ctx, tx, ids, a.ClientSlug)
			if err != nil {
				return err
			}
			a.ClientID = id
			if err := tx.QueryRowContext(ctx, `
				INSERT INTO accounts (client_id, provider, network, handle, name, created_at, updated_at)
				VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
				ON CONFLICT (client_id, provider, handle) DO UPDATE SET network = excluded.network,
					name = excluded.name, updated_at = excluded.updated_at
				RETURNING id`,
				a.ClientID, a.Provider, core.SanitizeLine(a.Network), core.SanitizeLine(a.Handle), core.SanitizeLine(a.Name), now).Scan(&a.ID); err != nil {
				return fmt.Errorf("store: save account %s %s of %q: %w", a.Provider, a.Handle, a.ClientSlug, err)
			}
			outA[i] = a
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return outC, outA, nil
}

// clientIDBySlug resolves a slug from the clients just saved, else the table.
func clientIDBySlug(ctx context.Context, tx *sql.Tx, known map[string]int64, slug string) (int64, error) {
	if id, ok := known[slug]; ok {
		return id, nil
	}
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM clients WHERE slug = ?`, slug).Scan(&id)
	if err == sql.ErrNoRows {
		return 0, fmt.Errorf("store: account refers to unknown client %q", slug)
	}
	if err != nil {
		return 0, fmt.Errorf("store: look up client %q: %w", slug, err)
	}
	known[slug] = id
	return id, nil
}

// Clients lists every client, by name.
func (s *Store) Clients(ctx context.Context) ([]core.Client, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT id, slug, name, color FROM clients ORDER BY name COLLATE NOCASE, slug`)
	if err != nil {
		return nil, fmt.Errorf("store: list clients: %w", err)
	}
	defer rows.Close()
	var out []core.Client
	for rows.Next() {
		var c core.Client
		if err := rows.Scan(&c.ID, &c.Slug, &c.Name, &c.Color); err != nil {
			return nil, fmt.Errorf("store: list clients: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list clients: %w", err)
	}
	return out, nil
}

// Accounts lists every account with its sync state, by client name then
// provider and handle.
func (s *Store) Accounts(ctx context.Context) ([]AccountSync, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT a.id, a.client_id, c.slug, a.provider, a.network, a.handle, a.name,
			coalesce(ss.cursor, ''), coalesce(ss.last_success, 0), coalesce(ss.last_attempt, 0),
			coalesce(ss.last_error, ''), coalesce(ss.failures, 0), coalesce(ss.backoff_until, 0)
		FROM accounts a
		JOIN clients c ON c.id = a.client_id
		LEFT JOIN sync_state ss ON ss.account_id = a.id
		ORDER BY c.name COLLATE NOCASE, c.slug, a.provider, a.handle`)
	if err != nil {
		return nil, fmt.Errorf("store: list accounts: %w", err)
	}
	defer rows.Close()
	var out []AccountSync
	for rows.Next() {
		var as AccountSync
		var st syncTimes
		a := &as.Account
		if err := rows.Scan(&a.ID, &a.ClientID, &a.ClientSlug, &a.Provider, &a.Network, &a.Handle, &a.Name,
			&as.State.Cursor, &st.success, &st.attempt, &as.State.LastError, &as.State.Failures, &st.backoff); err != nil {
			return nil, fmt.Errorf("store: list accounts: %w", err)
		}
		as.State.AccountID = a.ID
		st.fill(&as.State)
		out = append(out, as)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list accounts: %w", err)
	}
	return out, nil
}
