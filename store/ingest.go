package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"cmdeck/core"
)

// IngestBatch writes one provider batch for an account in one transaction:
// authors upserted, items inserted or updated by (account, remote id), posts
// upserted by remote id, snapshots upserted by day, engagements inserted
// once by (account, remote id), and the cursor and last-success time stored
// in the account's sync state (which clears the last error and its class).
//
// The batch is sanitized first (on a copy: the caller's slices are not
// touched). What a re-fetched item may change is the provider's side only:
// body, url, sentiment and score always; language, parent and thread when
// the provider gives them; the author when known; and the state only to
// "deleted" (the item is gone from the network). The CM's triage — state,
// needs_reply, snooze, assignee — is never overwritten, and tags are only
// added. Items without a remote id are skipped (counted in Skipped);
// engagements without a remote id or a kind are dropped (they could not be
// told from a repeat), and a repeated engagement changes nothing. An empty
// batch cursor keeps the stored one.
func (s *Store) IngestBatch(ctx context.Context, accountID int64, b core.Batch, at time.Time) (IngestResult, error) {
	if s.ingest == nil {
		return IngestResult{}, errors.New("store: ingest unavailable on a partly migrated database")
	}
	b = cloneBatch(b)
	core.SanitizeBatch(&b)
	sanitizeEngagements(b.Engagements) // SanitizeBatch leaves them alone
	var res IngestResult
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		in, err := s.newIngester(ctx, tx, accountID, at)
		if err != nil {
			return err
		}
		res, err = in.run(&b)
		return err
	})
	if err != nil {
		return IngestResult{}, err
	}
	return res, nil
}

// cloneBatch copies the slices SanitizeBatch rewrites in place, so sanitizing
// never mutates memory the caller still holds.
func cloneBatch(b core.Batch) core.Batch {
	b.Items = slices.Clone(b.Items)
	for i := range b.Items {
		b.Items[i].Tags = slices.Clone(b.Items[i].Tags)
	}
	b.Posts = slices.Clone(b.Posts)
	b.Snapshots = slices.Clone(b.Snapshots)
	b.Engagements = slices.Clone(b.Engagements)
	return b
}

// ingester holds one batch's transaction and statements.
type ingester struct {
	ctx       context.Context
	st        *ingestStmts // bound to the batch's transaction
	accountID int64
	clientID  int64
	network   string
	at        int64
}

// authorRef is a stored author as the batch's items need it: the id for
// items.author_id, the text the search index holds for it, and the CM's
// flags (IngestResult.Items carries them to the alert rules).
type authorRef struct {
	id           int64
	text         string
	vip, blocked bool
}

// newIngester looks the account up and binds the statements to tx.
func (s *Store) newIngester(ctx context.Context, tx *sql.Tx, accountID int64, at time.Time) (*ingester, error) {
	in := &ingester{ctx: ctx, accountID: accountID, at: ms(at)}
	err := tx.QueryRowContext(ctx, `SELECT client_id, network FROM accounts WHERE id = ?`, accountID).
		Scan(&in.clientID, &in.network)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: ingest for account %d: %w", accountID, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: ingest for account %d: %w", accountID, err)
	}
	in.st = s.ingest.bind(ctx, tx)
	return in, nil
}

// run writes the whole batch.
func (in *ingester) run(b *core.Batch) (IngestResult, error) {
	var res IngestResult
	b.Engagements = usableEngagements(b.Engagements)
	authors, err := in.authors(b)
	if err != nil {
		return res, err
	}
	for i := range b.Items {
		if err := in.item(&b.Items[i], i, authors, &res); err != nil {
			return res, err
		}
	}
	for _, p := range b.Posts {
		ok, err := in.post(p)
		if err != nil {
			return res, err
		}
		if ok {
			res.Posts++
		}
	}
	for _, sn := range b.Snapshots {
		if err := in.snapshot(sn); err != nil {
			return res, err
		}
	}
	for i := range b.Engagements {
		ok, err := in.engagement(&b.Engagements[i], authors)
		if err != nil {
			return res, err
		}
		if ok {
			res.NewEngagements++
		}
	}
	if _, err := in.st[stSyncSuccess].ExecContext(in.ctx, in.accountID, b.Cursor, in.at); err != nil {
		return res, fmt.Errorf("store: ingest: sync state: %w", err)
	}
	return res, nil
}

// item inserts one item or, if the account already has its remote id,
// updates the provider's fields.
func (in *ingester) item(it *core.Item, idx int, authors map[string]authorRef, res *IngestResult) error {
	if it.RemoteID == "" {
		res.Skipped++
		return nil
	}
	var author any // NULL when the item has no author
	ref, hasAuthor := authors[authorKey(it.Author)]
	if hasAuthor {
		author = ref.id
	}
	created := ms(it.CreatedAt)
	if created == 0 {
		created = in.at
	}
	kind := it.Kind
	if kind == "" {
		kind = core.KindComment
	}
	r, err := in.st[stInsertItem].ExecContext(in.ctx, in.accountID, in.clientID, it.RemoteID,
		it.ParentRemoteID, it.ThreadRemoteID, string(kind), author, it.Body, it.URL, it.Lang,
		created, string(initialState(it.State)), b2i(it.NeedsReply), string(it.Sentiment),
		it.SentimentScore, b2i(it.Outgoing), in.at)
	if err != nil {
		return fmt.Errorf("store: ingest: item %q: %w", it.RemoteID, err)
	}
	if n, _ := r.RowsAffected(); n == 1 {
		id, err := r.LastInsertId()
		if err != nil {
			return fmt.Errorf("store: ingest: item %q: %w", it.RemoteID, err)
		}
		res.NewItems++
		res.NewItemIDs = append(res.NewItemIDs, id)
		res.NewItemIndex = append(res.NewItemIndex, idx)
		res.Items = append(res.Items, in.stored(*it, id, ref, created, kind))
		if err := in.index(stFTSNew, id, it.Body, ref.text); err != nil {
			return err
		}
		return in.tags(stTagNew, it.Tags, id)
	}
	if err := in.update(it, author, res); err != nil {
		return err
	}
	return in.tags(stTagOld, it.Tags, in.accountID, it.RemoteID)
}

// stored is a new item as it was written: sanitized, with its store ids,
// and the defaults ingest applied.
func (in *ingester) stored(it core.Item, id int64, author authorRef, created int64, kind core.ItemKind) core.Item {
	it.ID, it.AccountID, it.ClientID = id, in.accountID, in.clientID
	if author.id != 0 {
		it.Author.ID, it.Author.Network = author.id, in.network
		it.Author.VIP, it.Author.Blocked = author.vip, author.blocked
	}
	it.CreatedAt, it.Kind, it.State = fromMS(created), kind, initialState(it.State)
	return it
}

// update applies a re-fetched item's provider fields and, when something
// changed, re-indexes it for search.
func (in *ingester) update(it *core.Item, author any, res *IngestResult) error {
	r, err := in.st[stUpdateItem].ExecContext(in.ctx, in.accountID, it.RemoteID, it.Body, it.URL,
		string(it.Sentiment), it.SentimentScore, it.Lang, it.ParentRemoteID, it.ThreadRemoteID,
		author, string(it.State), in.at)
	if err != nil {
		return fmt.Errorf("store: ingest: update item %q: %w", it.RemoteID, err)
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return nil
	}
	res.Updated++
	var id int64
	var body, authorText string
	if err := in.st[stItemRef].QueryRowContext(in.ctx, in.accountID, it.RemoteID).Scan(&id, &body, &authorText); err != nil {
		return fmt.Errorf("store: ingest: reread item %q: %w", it.RemoteID, err)
	}
	return in.index(stFTSPut, id, body, authorText)
}

// index writes an item's text into the search index with statement st.
func (in *ingester) index(st stmtID, id int64, body, author string) error {
	if _, err := in.st[st].ExecContext(in.ctx, id, body, author); err != nil {
		return fmt.Errorf("store: ingest: index item %d: %w", id, err)
	}
	return nil
}

// tags adds each non-empty tag; key identifies the item for statement st.
func (in *ingester) tags(st stmtID, tags []string, key ...any) error {
	for _, t := range tags {
		if t == "" {
			continue
		}
		if _, err := in.st[st].ExecContext(in.ctx, append(key, t)...); err != nil {
			return fmt.Errorf("store: ingest: tag %q: %w", t, err)
		}
	}
	return nil
}

// initialState is the state a new item is stored with: the provider's if it
// is a known state, else "new".
func initialState(s core.ItemState) core.ItemState {
	switch s {
	case core.StateNew, core.StateRead, core.StateReplied, core.StateDone,
		core.StateHidden, core.StateSpam, core.StateDeleted:
		return s
	}
	return core.StateNew
}

// post upserts one of the account's own posts by remote id; posts without
// one cannot be matched and are skipped (false).
func (in *ingester) post(p core.Post) (bool, error) {
	if p.RemoteID == "" {
		return false, nil
	}
	status := p.Status
	if status == "" {
		status = core.PostPublished // the network has it
	}
	created := ms(p.PublishedAt)
	if created == 0 {
		created = in.at
	}
	_, err := in.st[stUpsertPost].ExecContext(in.ctx, in.clientID, in.accountID, p.RemoteID, p.Body,
		string(status), ms(p.ScheduledAt), ms(p.PublishedAt), p.URL, p.Error,
		p.Likes, p.Shares, p.Replies, created, in.at)
	if err != nil {
		return false, fmt.Errorf("store: ingest: post %q: %w", p.RemoteID, err)
	}
	return true, nil
}

// snapshot upserts one day's audience figures; the day is normalized to
// midnight UTC and defaults to the batch's day.
func (in *ingester) snapshot(sn core.StatSnapshot) error {
	day := sn.Day
	if day.IsZero() {
		day = fromMS(in.at)
	}
	_, err := in.st[stUpsertSnap].ExecContext(in.ctx, in.accountID, ms(utcDay(day)),
		sn.Followers, sn.Following, sn.Posts)
	if err != nil {
		return fmt.Errorf("store: ingest: snapshot: %w", err)
	}
	return nil
}

// utcDay is midnight UTC of t's UTC date.
func utcDay(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
