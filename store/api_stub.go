package store

// This file is the contract the store implements; the bodies are placeholders
// to be replaced by the real implementation (delete this file then).

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"cmdeck/core"
)

var errTODO = errors.New("store: not implemented yet")

// Store is cmdeck's SQLite cache.
type Store struct{ db *sql.DB }

// Open opens (creating if needed) the database at path and applies migrations.
func Open(ctx context.Context, path string) (*Store, error) { return nil, errTODO }

// Close closes the database.
func (s *Store) Close() error { return errTODO }

// Tx runs fn in a transaction, rolling back if fn returns an error.
func (s *Store) Tx(ctx context.Context, fn func(tx *sql.Tx) error) error { return errTODO }

// DataVersion changes when another connection/process commits (PRAGMA data_version
// on a dedicated connection) or when this store commits a write.
func (s *Store) DataVersion(ctx context.Context) (int64, error) { return 0, errTODO }

// UpsertWorkspace makes the clients and accounts from config exist (by client
// slug, and by client+provider+handle) and returns them with their ids.
func (s *Store) UpsertWorkspace(ctx context.Context, clients []core.Client, accounts []core.Account) ([]core.Client, []core.Account, error) {
	return nil, nil, errTODO
}

// Clients lists every client, by name.
func (s *Store) Clients(ctx context.Context) ([]core.Client, error) { return nil, errTODO }

// Accounts lists every account with its sync state.
func (s *Store) Accounts(ctx context.Context) ([]AccountSync, error) { return nil, errTODO }

// IngestBatch writes one provider batch for an account in one transaction:
// authors upserted, items inserted or updated by (account, remote id), posts
// upserted by remote id, snapshots upserted by day, and the cursor and
// last-success time stored in the account's sync state.
func (s *Store) IngestBatch(ctx context.Context, accountID int64, b core.Batch, at time.Time) (IngestResult, error) {
	return IngestResult{}, errTODO
}

// RecordSyncFailure stores a failed sync attempt and the backoff deadline.
func (s *Store) RecordSyncFailure(ctx context.Context, accountID int64, msg string, at, backoffUntil time.Time, failures int) error {
	return errTODO
}

// SyncState returns the bookkeeping for an account (zero value if none).
func (s *Store) SyncState(ctx context.Context, accountID int64) (core.SyncState, error) {
	return core.SyncState{}, errTODO
}

// ListItems returns up to limit items matching f, newest first, strictly
// after (Older) or before (Newer) the key. Keyset paging only.
func (s *Store) ListItems(ctx context.Context, f ItemFilter, from PageKey, dir Direction, limit int) ([]ItemView, error) {
	return nil, errTODO
}

// CountItems counts the items matching f.
func (s *Store) CountItems(ctx context.Context, f ItemFilter) (int, error) { return 0, errTODO }

// Item returns one item by id.
func (s *Store) Item(ctx context.Context, id int64) (ItemView, error) { return ItemView{}, errTODO }

// Thread returns the conversation an item belongs to, oldest first.
func (s *Store) Thread(ctx context.Context, itemID int64) ([]ItemView, error) { return nil, errTODO }

// AuthorHistory counts the items an author sent to a client.
func (s *Store) AuthorHistory(ctx context.Context, authorID, clientID int64) (int, error) {
	return 0, errTODO
}

// Posts lists posts scheduled or published in [from, to), by time.
func (s *Store) Posts(ctx context.Context, from, to time.Time, limit int) ([]core.Post, error) {
	return nil, errTODO
}

// InsertPost stores a new post (draft or scheduled) and returns its id.
func (s *Store) InsertPost(ctx context.Context, p core.Post) (int64, error) { return 0, errTODO }

// OpenAlerts lists alerts not acked, most recent first.
func (s *Store) OpenAlerts(ctx context.Context, limit int) ([]core.Alert, error) { return nil, errTODO }

// RaiseAlert adds items to the open alert of (client, rule, group key), or
// opens one: a burst is one alert that grows.
func (s *Store) RaiseAlert(ctx context.Context, a core.Alert, groupKey string, itemIDs []int64) (int64, error) {
	return 0, errTODO
}

// Activity returns per-client figures for [since, until), PerDay in the given zone.
func (s *Store) Activity(ctx context.Context, since, until time.Time, loc *time.Location) ([]ClientActivity, error) {
	return nil, errTODO
}

// Status returns the status-bar counts.
func (s *Store) Status(ctx context.Context) (StatusCounts, error) { return StatusCounts{}, errTODO }

// AcquireLease takes or renews the named lease for owner until now+ttl. It
// returns the current holder: owner itself when acquired.
func (s *Store) AcquireLease(ctx context.Context, name, owner string, now time.Time, ttl time.Duration) (Lease, bool, error) {
	return Lease{}, false, errTODO
}

// ReleaseLease gives the lease up if owner holds it.
func (s *Store) ReleaseLease(ctx context.Context, name, owner string) error { return errTODO }

// Audit appends a line to the audit log.
func (s *Store) Audit(ctx context.Context, at time.Time, actor, action, target, detail string) error {
	return errTODO
}
