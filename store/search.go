package store

import (
	"context"
	"fmt"
	"slices"
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
	match, err := s.ftsMatch(ctx, query)
	if err != nil || match == "" {
		return "", nil, err
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
	ids, ok, err := s.densePage(ctx, w, match, order, limit)
	if err != nil {
		return "", nil, err
	}
	if ok {
		q := "SELECT " + itemCols + " FROM items i " + itemJoins +
			" WHERE i.id IN (SELECT value FROM json_each(?))" +
			fmt.Sprintf(" ORDER BY i.created_at %s, i.id %s", order, order)
		list, err := idList(ids)
		return q, []any{list}, err
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

// Dense search by windows. Building the whole match set of a common word
// (90k rowids for "merci" in a 1M inbox) costs 30–40 ms; a page needs only
// the first few dozen matches in time order. Item ids follow arrival, so the
// newest items by time sit in a narrow id range: densePage walks the time
// index chunk by chunk and asks FTS only for the matches whose rowid falls
// in each chunk's id range, which FTS5 answers by seeking its doclists.
// When ids do not follow time (history imported after newer items), a
// chunk's range is wide and densePage gives up: the caller uses the
// whole-set plan, which is always correct.
const (
	denseChunk  = 512       // rows of the time index read per round (Store.denseChunk)
	denseRounds = 16        // rounds before giving up for the whole-set plan
	denseSpan   = 256 << 10 // widest id range worth a range query (Store.denseSpan)
)

// densePage returns the ids of one page of a dense search, in page order;
// ok is false when the caller should use the whole-set plan instead.
func (s *Store) densePage(ctx context.Context, w *where, match, order string, limit int) ([]int64, bool, error) {
	cmp := "<"
	if order == "ASC" {
		cmp = ">"
	}
	var page []int64
	var after *[2]int64
	for round := 0; round < denseRounds; round++ {
		chunk, keys, err := s.timeChunk(ctx, w, after, cmp, order)
		if err != nil || len(chunk) == 0 {
			return page, err == nil, err
		}
		lo, hi := slices.Min(chunk), slices.Max(chunk)
		if hi-lo > s.denseSpan {
			return nil, false, nil
		}
		hits, err := s.matchesBetween(ctx, match, lo, hi)
		if err != nil {
			return nil, false, err
		}
		for _, id := range chunk {
			if hits[id] {
				page = append(page, id)
				if len(page) == limit {
					return page, true, nil
				}
			}
		}
		if len(chunk) < s.denseChunk {
			return page, true, nil
		}
		after = &keys
	}
	return nil, false, nil
}

// timeChunk reads the next s.denseChunk ids matching w in page order, after
// the key (created_at, id) when given, and returns the last row's key.
func (s *Store) timeChunk(ctx context.Context, w *where, after *[2]int64, cmp, order string) ([]int64, [2]int64, error) {
	conds, args := w.sql(), slices.Clone(w.args)
	if after != nil {
		conds += " AND (i.created_at, i.id) " + cmp + " (?, ?)"
		args = append(args, after[0], after[1])
	}
	rows, err := s.db.QueryContext(ctx, "SELECT i.id, i.created_at FROM items i WHERE "+conds+
		fmt.Sprintf(" ORDER BY i.created_at %s, i.id %s LIMIT %d", order, order, s.denseChunk), args...)
	if err != nil {
		return nil, [2]int64{}, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var ids []int64
	var last [2]int64
	for rows.Next() {
		if err := rows.Scan(&last[1], &last[0]); err != nil {
			return nil, last, fmt.Errorf("search: %w", err)
		}
		ids = append(ids, last[1])
	}
	return ids, last, rows.Err()
}

// matchesBetween returns the FTS matches whose rowid is in [lo, hi].
func (s *Store) matchesBetween(ctx context.Context, match string, lo, hi int64) (map[int64]bool, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT rowid FROM items_fts WHERE items_fts MATCH ? AND rowid BETWEEN ? AND ?`, match, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	hits := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		hits[id] = true
	}
	return hits, rows.Err()
}
