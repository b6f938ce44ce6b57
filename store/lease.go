package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// AcquireLease takes or renews the named lease for owner until now+ttl. It
// takes it when it is free, expired (expires_at <= now) or already owner's,
// in one transaction, so two processes racing for it cannot both win. It
// returns the current holder (owner itself when acquired) and whether owner
// holds it.
func (s *Store) AcquireLease(ctx context.Context, name, owner string, now time.Time, ttl time.Duration) (Lease, bool, error) {
	if name == "" || owner == "" {
		return Lease{}, false, errors.New("store: a lease needs a name and an owner")
	}
	if ttl <= 0 {
		return Lease{}, false, fmt.Errorf("store: lease %q: ttl must be positive, got %s", name, ttl)
	}
	l := Lease{Name: name}
	var exp int64
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO leases (name, owner, expires_at) VALUES (?1, ?2, ?3)
			ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
			WHERE leases.owner = excluded.owner OR leases.expires_at <= ?4`,
			name, owner, now.Add(ttl).UnixMilli(), now.UnixMilli()); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT owner, expires_at FROM leases WHERE name = ?`, name).
			Scan(&l.Owner, &exp)
	})
	if err != nil {
		return Lease{}, false, fmt.Errorf("store: acquire lease %q: %w", name, err)
	}
	l.Expires = fromMS(exp)
	return l, l.Owner == owner, nil
}

// ReleaseLease gives the lease up if owner holds it; otherwise it does
// nothing (the lease was lost, or never held).
func (s *Store) ReleaseLease(ctx context.Context, name, owner string) error {
	return s.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM leases WHERE name = ? AND owner = ?`, name, owner); err != nil {
			return fmt.Errorf("store: release lease %q: %w", name, err)
		}
		return nil
	})
}
