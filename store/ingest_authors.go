package store

import (
	"encoding/json"
	"fmt"

	"cmdeck/core"
)

// authorKey is how a batch names an author: the network's id, else the
// handle; "" means the item has no usable author.
func authorKey(a core.Author) string {
	if a.RemoteID != "" {
		return a.RemoteID
	}
	return a.Handle
}

// storedAuthor is what the lookup returns for a known author.
type storedAuthor struct {
	id           int64
	handle, name string
	followers    int
	vip, blocked bool // the CM's flags, which ingest never changes
}

// authors makes every distinct author of the batch exist, as its last
// occurrence in the batch describes them (items first, then engagements),
// and returns them by key. Known authors come from one lookup for the whole
// batch; only new or changed ones are written.
func (in *ingester) authors(b *core.Batch) (map[string]authorRef, error) {
	n := len(b.Items) + len(b.Engagements)
	at := func(i int) *core.Author {
		if i < len(b.Items) {
			return &b.Items[i].Author
		}
		return &b.Engagements[i-len(b.Items)].Author
	}
	last := make(map[string]int, n/4+1)
	var order []string
	for i := range n {
		k := authorKey(*at(i))
		if k == "" {
			continue
		}
		if _, seen := last[k]; !seen {
			order = append(order, k)
		}
		last[k] = i
	}
	if len(order) == 0 {
		return nil, nil
	}
	known, err := in.lookupAuthors(order)
	if err != nil {
		return nil, err
	}
	refs := make(map[string]authorRef, len(order))
	for _, k := range order {
		a := at(last[k])
		id, err := in.saveAuthor(k, *a, known)
		if err != nil {
			return nil, err
		}
		ref := authorRef{id: id, text: a.Name + " " + a.Handle, vip: a.VIP, blocked: a.Blocked}
		if old, ok := known[k]; ok {
			ref.vip, ref.blocked = old.vip, old.blocked
		}
		refs[k] = ref
	}
	return refs, nil
}

// lookupAuthors returns the stored authors among keys, by key.
func (in *ingester) lookupAuthors(keys []string) (map[string]storedAuthor, error) {
	list, err := json.Marshal(keys)
	if err != nil {
		return nil, fmt.Errorf("store: ingest: authors: %w", err)
	}
	rows, err := in.st[stAuthorsLookup].QueryContext(in.ctx, in.network, string(list))
	if err != nil {
		return nil, fmt.Errorf("store: ingest: authors: %w", err)
	}
	defer rows.Close()
	known := make(map[string]storedAuthor, len(keys))
	for rows.Next() {
		var k string
		var a storedAuthor
		if err := rows.Scan(&k, &a.id, &a.handle, &a.name, &a.followers, &a.vip, &a.blocked); err != nil {
			return nil, fmt.Errorf("store: ingest: authors: %w", err)
		}
		known[k] = a
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: ingest: authors: %w", err)
	}
	return known, nil
}

// saveAuthor inserts a new author, or updates a known one whose provider
// fields changed, and returns its id.
func (in *ingester) saveAuthor(key string, a core.Author, known map[string]storedAuthor) (int64, error) {
	if old, ok := known[key]; ok {
		if old.handle == a.Handle && old.name == a.Name && old.followers == a.Followers {
			return old.id, nil
		}
		if _, err := in.st[stUpdateAuthor].ExecContext(in.ctx, old.id, a.Handle, a.Name, a.Followers); err != nil {
			return 0, fmt.Errorf("store: ingest: update author: %w", err)
		}
		return old.id, nil
	}
	r, err := in.st[stInsertAuthor].ExecContext(in.ctx, in.network, key, a.Handle, a.Name,
		a.Followers, b2i(a.VIP), b2i(a.Blocked))
	if err != nil {
		return 0, fmt.Errorf("store: ingest: insert author: %w", err)
	}
	id, err := r.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("store: ingest: insert author: %w", err)
	}
	return id, nil
}
