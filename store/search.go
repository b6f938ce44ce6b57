package store

import (
	"context"
	"fmt"
)

// sparseMatches is the number of full-text matches up to which a search is
// driven from the FTS index (fetch every match, sort by time); above it the
// matches are dense enough that walking the time index and keeping matching
// rows reaches a page sooner. See docs/PERFORMANCE.md for the figures.
const sparseMatches = 2000

// pageQuery builds the SQL for one page of items: w's conditions, ordered by
// (created_at, id) in order ("DESC" or "ASC"), limit rows. With a text query
// it picks a plan by how many items match; "" means nothing can match.
func (s *Store) pageQuery(ctx context.Context, query string, w *where, order string, limit int) (string, []any, error) {
	tail := fmt.Sprintf(" ORDER BY i.created_at %s, i.id %s LIMIT ?", order, order)
	if query == "" {
		q := "SELECT " + itemCols + " FROM items i " + itemJoins + " WHERE " + w.sql() + tail
		return q, append(w.args, limit), nil
	}
	match := ftsQuery(query)
	if match == "" {
		return "", nil, nil
	}
	sparse, err := s.fewMatches(ctx, match)
	if err != nil {
		return "", nil, err
	}
	if sparse {
		// CROSS JOIN keeps the matches as the outer loop: each is looked up
		// by id and filtered, the survivors' keys sorted, and only the page
		// joined to its account, client, author and tags.
		q := `WITH m(id) AS MATERIALIZED (SELECT rowid FROM items_fts WHERE items_fts MATCH ?),
			page(id) AS MATERIALIZED (SELECT i.id FROM m CROSS JOIN items i ON i.id = m.id
				WHERE ` + w.sql() + tail + `)
			SELECT ` + itemCols + ` FROM page CROSS JOIN items i ON i.id = page.id ` + itemJoins +
			fmt.Sprintf(" ORDER BY i.created_at %s, i.id %s", order, order)
		args := append([]any{match}, w.args...)
		return q, append(args, limit), nil
	}
	// The unary + stops SQLite from driving the query from the id list,
	// so it walks the time index and stops after limit matching rows.
	w.add("+i.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)", match)
	q := "SELECT " + itemCols + " FROM items i " + itemJoins + " WHERE " + w.sql() + tail
	return q, append(w.args, limit), nil
}

// fewMatches reports whether match has at most s.sparseMax hits. Counting
// stops at the threshold, so a common word costs no more than a rare one.
func (s *Store) fewMatches(ctx context.Context, match string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM
		(SELECT 1 FROM items_fts WHERE items_fts MATCH ? LIMIT ?)`, match, s.sparseMax+1).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("search: %w", err)
	}
	return n <= s.sparseMax, nil
}
