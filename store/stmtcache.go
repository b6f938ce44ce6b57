package store

import (
	"context"
	"database/sql"
	"sync"
)

// maxCachedStmts bounds the cache: queries come in a few shapes (the
// calendar's day lists and filters), so a full cache means something builds
// unexpected texts, which then run unprepared rather than grow it.
const maxCachedStmts = 256

// stmtCache keeps the prepared statements of queries the store builds at
// run time. Preparing the month view's two queries costs about a fifth of
// running them; a *sql.Stmt is safe for concurrent use and is prepared
// again on each pooled connection as needed.
type stmtCache struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// query runs q with args through its cached statement.
func (c *stmtCache) query(ctx context.Context, db *sql.DB, q string, args ...any) (*sql.Rows, error) {
	st, err := c.get(ctx, db, q)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return db.QueryContext(ctx, q, args...)
	}
	return st.QueryContext(ctx, args...)
}

// get returns q's statement, preparing it the first time; nil when the
// cache is full.
func (c *stmtCache) get(ctx context.Context, db *sql.DB, q string) (*sql.Stmt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[q]; ok {
		return st, nil
	}
	if len(c.m) >= maxCachedStmts {
		return nil, nil
	}
	st, err := db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if c.m == nil {
		c.m = map[string]*sql.Stmt{}
	}
	c.m[q] = st
	return st, nil
}

// close closes every cached statement.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, st := range c.m {
		st.Close()
		delete(c.m, q)
	}
}
