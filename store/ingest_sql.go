package store

import (
	"context"
	"database/sql"
	"fmt"
)

// IngestBatch's statements. None of those that run after the first item may
// use RETURNING or OR REPLACE on a real table: both make SQLite take a
// statement savepoint, at which FTS5 flushes its buffered terms, and one
// flush per row made ingest several times slower (docs/PERFORMANCE.md).
const (
	// One lookup per batch finds every known author of the batch.
	sqlAuthorsLookup = `
		SELECT remote_id, id, handle, name, followers, vip, blocked FROM authors
		WHERE network = ?1 AND remote_id IN (SELECT value FROM json_each(?2))`
	sqlInsertAuthor = `
		INSERT INTO authors (network, remote_id, handle, name, followers, vip, blocked)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`
	// vip and blocked are the CM's flags: a sync never changes them.
	sqlUpdateAuthor = `UPDATE authors SET handle = ?2, name = ?3, followers = ?4 WHERE id = ?1`
	sqlInsertItem   = `
		INSERT INTO items (account_id, client_id, remote_id, parent_remote_id, thread_remote_id,
			kind, author_id, body, url, lang, created_at, state, needs_reply, sentiment,
			sentiment_score, outgoing, updated_at)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
		ON CONFLICT (account_id, remote_id) DO NOTHING`
	// The WHERE makes a re-fetch of an unchanged item a no-op: no write, no
	// re-indexing, and Updated counts real changes only.
	sqlUpdateItem = `
		UPDATE items SET body = ?3, url = ?4, sentiment = ?5, sentiment_score = ?6,
			lang = CASE WHEN ?7 != '' THEN ?7 ELSE lang END,
			parent_remote_id = CASE WHEN ?8 != '' THEN ?8 ELSE parent_remote_id END,
			thread_remote_id = CASE WHEN ?9 != '' THEN ?9 ELSE thread_remote_id END,
			author_id = coalesce(?10, author_id),
			state = CASE WHEN ?11 = 'deleted' THEN 'deleted' ELSE state END,
			updated_at = ?12
		WHERE account_id = ?1 AND remote_id = ?2 AND (
			body IS NOT ?3 OR url IS NOT ?4 OR sentiment IS NOT ?5 OR sentiment_score IS NOT ?6
			OR (?7 != '' AND lang IS NOT ?7)
			OR (?8 != '' AND parent_remote_id IS NOT ?8)
			OR (?9 != '' AND thread_remote_id IS NOT ?9)
			OR (?10 IS NOT NULL AND author_id IS NOT ?10)
			OR (?11 = 'deleted' AND state != 'deleted'))`
	sqlItemRef = `
		SELECT i.id, i.body, coalesce(a.name || ' ' || a.handle, '')
		FROM items i LEFT JOIN authors a ON a.id = i.author_id
		WHERE i.account_id = ?1 AND i.remote_id = ?2`
	// The search index is written here, in the batch's transaction, not by
	// a trigger (see migrations/0002_search.sql). A new item's rowid has no
	// entry (the delete trigger removes entries with their items); an edited
	// item's entry is replaced.
	sqlFTSNew = `INSERT INTO items_fts (rowid, body, author) VALUES (?1, ?2, ?3)`
	sqlFTSPut = `INSERT OR REPLACE INTO items_fts (rowid, body, author) VALUES (?1, ?2, ?3)`
	sqlTagNew = `INSERT OR IGNORE INTO item_tags (item_id, tag) VALUES (?1, ?2)`
	sqlTagOld = `
		INSERT OR IGNORE INTO item_tags (item_id, tag)
		SELECT id, ?3 FROM items WHERE account_id = ?1 AND remote_id = ?2`
	sqlUpsertPost = `
		INSERT INTO posts (client_id, account_id, remote_id, body, status, scheduled_at,
			published_at, url, error, likes, shares, replies, created_at, updated_at)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
		ON CONFLICT (account_id, remote_id) WHERE remote_id != '' DO UPDATE SET
			body = excluded.body, status = excluded.status,
			published_at = CASE WHEN excluded.published_at > 0 THEN excluded.published_at ELSE published_at END,
			url = CASE WHEN excluded.url != '' THEN excluded.url ELSE url END,
			likes = excluded.likes, shares = excluded.shares, replies = excluded.replies,
			updated_at = excluded.updated_at`
	sqlUpsertSnap = `
		INSERT INTO stat_snapshots (account_id, day, followers, following, posts)
		VALUES (?1, ?2, ?3, ?4, ?5)
		ON CONFLICT (account_id, day) DO UPDATE SET
			followers = excluded.followers, following = excluded.following, posts = excluded.posts`
	// A re-fetched engagement is ignored: the stats count it once.
	sqlInsertEngagement = `
		INSERT INTO engagements (account_id, remote_id, kind, author_id, post_remote_id, at)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6)
		ON CONFLICT (account_id, remote_id) DO NOTHING`
	// A success clears the last failure, its class and the backoff; the
	// rate budget is the network's to say (RecordRate) and is kept.
	sqlSyncSuccess = `
		INSERT INTO sync_state (account_id, cursor, last_success, last_attempt, last_error,
			error_class, failures, backoff_until)
		VALUES (?1, ?2, ?3, ?3, '', '', 0, 0)
		ON CONFLICT (account_id) DO UPDATE SET
			cursor = CASE WHEN ?2 != '' THEN ?2 ELSE cursor END,
			last_success = ?3, last_attempt = ?3, last_error = '', error_class = '',
			failures = 0, backoff_until = 0`
)

// stmtID names one of IngestBatch's statements.
type stmtID int

const (
	stAuthorsLookup stmtID = iota
	stInsertAuthor
	stUpdateAuthor
	stInsertItem
	stUpdateItem
	stItemRef
	stFTSNew
	stFTSPut
	stTagNew
	stTagOld
	stUpsertPost
	stUpsertSnap
	stInsertEngagement
	stSyncSuccess
	nStmts
)

// ingestSQL returns the text of every ingest statement, by id.
func ingestSQL() [nStmts]string {
	return [nStmts]string{
		stAuthorsLookup: sqlAuthorsLookup, stInsertAuthor: sqlInsertAuthor,
		stUpdateAuthor: sqlUpdateAuthor, stInsertItem: sqlInsertItem,
		stUpdateItem: sqlUpdateItem, stItemRef: sqlItemRef,
		stFTSNew: sqlFTSNew, stFTSPut: sqlFTSPut, stTagNew: sqlTagNew, stTagOld: sqlTagOld,
		stUpsertPost: sqlUpsertPost, stUpsertSnap: sqlUpsertSnap,
		stInsertEngagement: sqlInsertEngagement, stSyncSuccess: sqlSyncSuccess,
	}
}

// ingestStmts are IngestBatch's statements, prepared once per Store; each
// batch binds them to its transaction (database/sql then reuses the copy
// already prepared on that connection).
type ingestStmts [nStmts]*sql.Stmt

// prepareIngest prepares every ingest statement on db.
func prepareIngest(ctx context.Context, db *sql.DB) (*ingestStmts, error) {
	st := &ingestStmts{}
	for id, q := range ingestSQL() {
		s, err := db.PrepareContext(ctx, q)
		if err != nil {
			st.close()
			return nil, fmt.Errorf("store: prepare ingest statement %d: %w", id, err)
		}
		st[id] = s
	}
	return st, nil
}

// close releases the statements.
func (st *ingestStmts) close() {
	for i, s := range st {
		if s != nil {
			s.Close()
			st[i] = nil
		}
	}
}

// bind returns the statements bound to tx; they close with it.
func (st *ingestStmts) bind(ctx context.Context, tx *sql.Tx) *ingestStmts {
	b := &ingestStmts{}
	for i, s := range st {
		b[i] = tx.StmtContext(ctx, s)
	}
	return b
}
