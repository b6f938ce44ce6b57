package store

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"cmdeck/core"
)

// maxExpansions is how many exact terms a last-word prefix may expand to;
// past it the prefix form is kept (a short prefix matches too many terms
// for the expansion to pay).
const maxExpansions = 32

// ftsMatch is ftsQuery with the last word's prefix expanded into the exact
// terms of the index that start with it: ("merci" OR "mercis") instead of
// "merci"*. Both match the same rows; the expanded form lets FTS5 seek in
// each term's doclist. When the word is not a plain token, or expands to
// nothing or too much, the prefix form stays.
func (s *Store) ftsMatch(ctx context.Context, input string) (string, error) {
	match := ftsQuery(input)
	if match == "" {
		return "", nil
	}
	fields := strings.Fields(input)
	last := core.Fold(fields[len(fields)-1])
	if last == "" || strings.ContainsFunc(last, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		return match, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT term FROM items_fts_vocab
		WHERE term >= ? AND term < ? ORDER BY term LIMIT ?`, last, last+"\U0010FFFF", maxExpansions+1)
	if err != nil {
		return "", fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var terms []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return "", fmt.Errorf("search: %w", err)
		}
		terms = append(terms, `"`+strings.ReplaceAll(t, `"`, `""`)+`"`)
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("search: %w", err)
	}
	if len(terms) == 0 || len(terms) > maxExpansions {
		return match, nil
	}
	head := match[:strings.LastIndex(match, `"`+strings.ReplaceAll(fields[len(fields)-1], `"`, `""`)+`"*`)]
	group := "(" + strings.Join(terms, " OR ") + ")"
	if head = strings.TrimSpace(head); head != "" {
		// FTS5 takes no implicit AND before a parenthesized group.
		return head + " AND " + group, nil
	}
	return group, nil
}
