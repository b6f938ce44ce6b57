package store

import (
	"fmt"

	"cmdeck/core"
)

// sanitizeEngagements cleans every text field of the engagements in place:
// they come from the network like items do, and core.SanitizeBatch covers
// only items and posts.
func sanitizeEngagements(es []core.Engagement) {
	for i := range es {
		e := &es[i]
		e.RemoteID = core.SanitizeLine(e.RemoteID)
		e.Kind = core.EngagementKind(core.SanitizeLine(string(e.Kind)))
		e.PostRemoteID = core.SanitizeLine(e.PostRemoteID)
		e.Author.Network = core.SanitizeLine(e.Author.Network)
		e.Author.RemoteID = core.SanitizeLine(e.Author.RemoteID)
		e.Author.Handle = core.SanitizeLine(e.Author.Handle)
		e.Author.Name = core.SanitizeLine(e.Author.Name)
	}
}

// usableEngagements keeps, in place, the engagements that can be stored:
// without a remote id a repeat could not be told apart, and without a kind
// the stats could not count it.
func usableEngagements(es []core.Engagement) []core.Engagement {
	kept := es[:0]
	for _, e := range es {
		if e.RemoteID != "" && e.Kind != "" {
			kept = append(kept, e)
		}
	}
	return kept
}

// engagement inserts one engagement unless the account already has its
// remote id, and reports whether it was new. Its time defaults to the
// batch's.
func (in *ingester) engagement(e *core.Engagement, authors map[string]authorRef) (bool, error) {
	var author any // NULL when the event has no author
	if ref, ok := authors[authorKey(e.Author)]; ok {
		author = ref.id
	}
	at := ms(e.At)
	if at == 0 {
		at = in.at
	}
	r, err := in.st[stInsertEngagement].ExecContext(in.ctx, in.accountID, e.RemoteID,
		string(e.Kind), author, e.PostRemoteID, at)
	if err != nil {
		return false, fmt.Errorf("store: ingest: engagement %q: %w", e.RemoteID, err)
	}
	n, err := r.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: ingest: engagement %q: %w", e.RemoteID, err)
	}
	return n == 1, nil
}
