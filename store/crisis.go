package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"
)

// Crisis mode. While a client is in crisis none of its posts goes out:
// ClaimDue does not claim its publish actions, HandoverCandidates and
// ClaimHandover do not hand them to a network, and a post already handed
// over is given to the engine (ClaimHandedWork, Handover.Paused) to cancel
// the network's copy, after which it waits in the outbox like the others.
// Nothing about the posts is rewritten: they keep their time and their live
// action, and show as paused (PostView.Paused). Turning crisis off lets the
// outbox claim them again; one whose time passed meanwhile follows the
// engine's late-post policy (published late within the late limit, else
// missed).

// pausedAccountsSQL selects the accounts of the clients in crisis. It is
// not correlated, so SQLite runs it once per statement.
const pausedAccountsSQL = `SELECT ac.id FROM crises cr JOIN accounts ac ON ac.client_id = cr.client_id`

// notPausedSQL holds for an action x that crisis mode does not hold back.
const notPausedSQL = `NOT (x.kind = 'publish' AND x.account_id IN (` + pausedAccountsSQL + `))`

// SetCrisis turns a client's crisis mode on or off. On keeps the start of
// a crisis already on; each real change is written to the audit log with
// the actor of ctx (WithActor).
func (s *Store) SetCrisis(ctx context.Context, clientID int64, on bool, now time.Time) error {
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		var exists bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM clients WHERE id = ?)`, clientID).Scan(&exists); err != nil {
			return err
		}
		if !exists {
			return ErrNotFound
		}
		q, action := `DELETE FROM crises WHERE client_id = ?1`, "crisis off"
		if on {
			q, action = `INSERT INTO crises (client_id, since) VALUES (?1, ?2) ON CONFLICT (client_id) DO NOTHING`, "crisis on"
		}
		r, err := tx.ExecContext(ctx, q, clientID, max(ms(now), 1))
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return nil // already so
		}
		return auditTx(ctx, tx, now, actorOf(ctx, ""), action, "client:"+strconv.FormatInt(clientID, 10), "")
	})
	if err != nil {
		return fmt.Errorf("store: set crisis of client %d: %w", clientID, err)
	}
	return nil
}

// Crises lists the clients in crisis mode with when it started.
func (s *Store) Crises(ctx context.Context) (map[int64]time.Time, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT client_id, since FROM crises`)
	if err != nil {
		return nil, fmt.Errorf("store: crises: %w", err)
	}
	defer rows.Close()
	out := map[int64]time.Time{}
	for rows.Next() {
		var id, since int64
		if err := rows.Scan(&id, &since); err != nil {
			return nil, fmt.Errorf("store: crises: %w", err)
		}
		out[id] = fromMS(since)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: crises: %w", err)
	}
	return out, nil
}
