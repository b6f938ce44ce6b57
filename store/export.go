package store

import (
	"context"
	"fmt"
	"time"
)

// taggedQuery lists a client's tagged items from a time on, oldest first,
// walking the client's time index.
const taggedQuery = `SELECT ` + itemCols + ` FROM items i ` + itemJoins + `
	WHERE i.client_id = ? AND i.created_at >= ?
		AND EXISTS (SELECT 1 FROM item_tags t WHERE t.item_id = i.id)
	ORDER BY i.client_id, i.created_at, i.id`

// TaggedItems lists a client's tagged items since a time, oldest first, for export.
// Every state counts (a deleted complaint is still feedback); tags are filled.
func (s *Store) TaggedItems(ctx context.Context, clientID int64, since time.Time) ([]ItemView, error) {
	out, err := s.queryItems(ctx, taggedQuery, clientID, since.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("store: tagged items: %w", err)
	}
	return out, nil
}
