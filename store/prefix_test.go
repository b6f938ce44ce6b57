package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"cmdeck/core"
)

func TestFtsMatchExpandsTheLastPrefix(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	var items []core.Item
	for i, body := range []string{"Merci beaucoup", "mercis à tous", "Crème brûlée", "Œuvre d'art"} {
		items = append(items, item(fmt.Sprintf("p%d", i), t0.Add(-time.Duration(i)*time.Minute), body))
	}
	for i := range 40 { // a short prefix with too many terms keeps its prefix form
		items = append(items, item(fmt.Sprintf("z%d", i), t0.Add(-time.Hour), fmt.Sprintf("zz%02d", i)))
	}
	f.ingest(t, 0, core.Batch{Items: items})
	tests := []struct{ input, want string }{
		{"merci", `("merci" OR "mercis")`},
		{"Gros MERCI", `"Gros" AND ("merci" OR "mercis")`},
		{"crème", `("creme")`},    // accents folded like the tokenizer
		{"zz", `"zz"*`},           // 40 terms: more than maxExpansions
		{"nothing", `"nothing"*`}, // no term: the prefix form (matches nothing)
		{"l'art", `"l'art"*`},     // not a plain token
		{"!!!", ``},               // nothing searchable
	}
	for _, tt := range tests {
		got, err := f.s.ftsMatch(ctx, tt.input)
		if err != nil || got != tt.want {
			t.Errorf("ftsMatch(%q) = %q, %v; want %q", tt.input, got, err, tt.want)
		}
	}
	// The expanded form finds what the prefix form finds.
	for _, q := range []string{"merci", "mer", "crè", "zz0"} {
		n, err := f.s.CountItems(ctx, ItemFilter{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		var want int
		if err := f.s.db.QueryRowContext(ctx, `SELECT count(*) FROM items_fts WHERE items_fts MATCH ?`, ftsQuery(q)).Scan(&want); err != nil {
			t.Fatal(err)
		}
		if n != want {
			t.Errorf("%q: %d items with the expansion, %d with the prefix", q, n, want)
		}
	}
}
