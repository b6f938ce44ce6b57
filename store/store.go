// Package store is cmdeck's local SQLite cache: the workspace, the inbox with
// full-text search and keyset paging, posts, the outbox, alerts, stats, the
// runner lease and the audit log. Every method takes a context; writes go
// through Tx so they commit or roll back as one.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"cmdeck/core"
)

// ErrNotFound is returned when a row asked for by id does not exist.
var ErrNotFound = errors.New("store: not found")

// maxOpenConns bounds the pool. In WAL mode readers run in parallel while
// writers serialize on SQLite's write lock (waiting up to busy_timeout), so a
// few connections are enough for the UI's queries plus one writer; one more
// is held for DataVersion.
const maxOpenConns = 6

// Store is cmdeck's SQLite cache. It is safe for concurrent use.
type Store struct {
	db    *sql.DB
	clock core.Clock

	// dv is the one connection PRAGMA data_version runs on: the value is
	// per connection, so asking a different pooled connection each time
	// would compare unrelated counters.
	dvMu   sync.Mutex
	dv     *sql.Conn
	closed bool

	// writes counts this store's own commits. data_version does not change
	// for commits made on the connection that asks, so DataVersion adds this.
	writes atomic.Int64

	// ingest holds IngestBatch's prepared statements.
	ingest *ingestStmts
	// stmts caches statements of queries built at run time (the calendar).
	stmts stmtCache

	// sparseMax picks the full-text search plan (see search.go); a field so
	// tests can force either plan.
	sparseMax int
	// denseSpan is the widest id range a dense search reads by windows
	// (see search.go); a field so tests can force the whole-set plan.
	denseSpan  int64
	denseChunk int
}

// Option adjusts how a Store is opened.
type Option func(*Store)

// WithClock sets the clock used for the created/updated times the store
// stamps itself (posts, workspace rows, migrations). The default is the
// system clock.
func WithClock(c core.Clock) Option {
	return func(s *Store) {
		if c != nil {
			s.clock = c
		}
	}
}

// Open opens (creating if needed) the database at path and applies migrations.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	return open(ctx, path, 0, opts...)
}

// open is Open with a migration limit (0 = all), so tests can build a
// database at an older schema version.
func open(ctx context.Context, path string, migrateLimit int, opts ...Option) (*Store, error) {
	if path == "" {
		return nil, errors.New("store: empty database path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("store: database path %q: %w", path, err)
	}
	if err := createPrivate(abs); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn(abs))
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", abs, err)
	}
	db.SetMaxOpenConns(maxOpenConns)
	db.SetMaxIdleConns(maxOpenConns)
	s := &Store{db: db, clock: core.SystemClock{}, sparseMax: sparseMatches, denseSpan: denseSpan, denseChunk: denseChunk}
	for _, o := range opts {
		o(s)
	}
	if err := migrate(ctx, db, s.clock.Now(), migrateLimit); err != nil {
		db.Close()
		return nil, err
	}
	if migrateLimit == 0 { // a partly migrated schema (tests) lacks their tables
		if s.ingest, err = prepareIngest(ctx, db); err != nil {
			db.Close()
			return nil, err
		}
	}
	if s.dv, err = db.Conn(ctx); err != nil {
		if s.ingest != nil {
			s.ingest.close()
		}
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", abs, err)
	}
	return s, nil
}

// createPrivate makes the database's directory and, if it does not exist
// yet, the file itself, readable by the user only: it holds private messages.
// SQLite gives its -wal and -shm files the same permissions.
func createPrivate(abs string) error {
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return fmt.Errorf("store: create the database directory: %w", err)
	}
	f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: create the database file: %w", err)
	}
	return f.Close()
}

// dsn builds the connection string: a file: URI (so any character in the
// path is escaped) plus the pragmas every pooled connection runs. Write
// transactions begin IMMEDIATE so two writers wait on busy_timeout instead
// of failing when a read lock cannot be upgraded.
func dsn(abs string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "temp_store(MEMORY)")
	q.Set("_txlock", "immediate")
	return u.String() + "?" + q.Encode()
}

// Close closes the database. It lets SQLite refresh its planner statistics
// first, which is cheap and keeps query plans good as the inbox grows.
func (s *Store) Close() error {
	if s == nil || s.db == nil {
		return nil
	}
	s.dvMu.Lock()
	if s.closed {
		s.dvMu.Unlock()
		return nil
	}
	s.closed = true
	if s.dv != nil {
		_, _ = s.dv.ExecContext(context.Background(), "PRAGMA optimize")
	}
	s.dropDV()
	s.dvMu.Unlock()
	if s.ingest != nil {
		s.ingest.close()
	}
	s.stmts.close()
	return s.db.Close()
}

// Tx runs fn in a transaction, rolling back if fn returns an error or
// panics (a panic is turned into an error so a bug in one write cannot take
// the program down with the transaction open).
func (s *Store) Tx(ctx context.Context, fn func(tx *sql.Tx) error) (err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("store: transaction aborted: %v", p)
		}
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	if err = tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	s.writes.Add(1)
	return nil
}

// DataVersion changes when another connection or process commits (PRAGMA
// data_version on a dedicated connection) or when this store commits a
// write. Compare successive values; the number itself means nothing.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	s.dvMu.Lock()
	defer s.dvMu.Unlock()
	if s.closed {
		return 0, errors.New("store: closed")
	}
	v, err := s.dataVersion(ctx)
	if err != nil && ctx.Err() == nil {
		// The connection may have gone bad; retry once on a fresh one. Its
		// counter starts elsewhere, which at worst causes one extra refresh.
		s.dropDV()
		v, err = s.dataVersion(ctx)
	}
	if err != nil {
		return 0, fmt.Errorf("store: data version: %w", err)
	}
	return v + s.writes.Load(), nil
}

// dataVersion asks the dedicated connection, taking one if it has none.
// The caller holds dvMu.
func (s *Store) dataVersion(ctx context.Context) (int64, error) {
	if s.dv == nil {
		c, err := s.db.Conn(ctx)
		if err != nil {
			return 0, err
		}
		s.dv = c
	}
	var v int64
	err := s.dv.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v)
	return v, err
}

// dropDV gives the dedicated connection back. The caller holds dvMu.
func (s *Store) dropDV() {
	if s.dv != nil {
		s.dv.Close()
		s.dv = nil
	}
}

// ms converts a time to stored unix milliseconds; the zero time is 0.
func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// fromMS converts stored unix milliseconds back; 0 is the zero time.
func fromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).UTC()
}

// b2i stores a bool as SQLite's 0/1.
func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
