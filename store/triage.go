package store

// Triage: the CM's own marks on items (state, snooze, tags, assignee). They
// are local, applied at once, and never overwritten by a sync. Each call
// takes a list of ids (a bulk selection) and is one statement in one
// transaction; unknown ids are ignored.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"cmdeck/core"
)

// maxTagLen bounds a tag, in bytes: tags are short words from config.
const maxTagLen = 64

// setStateSQL moves items to state ?1 at ?2 (append the WHERE). needs_reply
// is cleared only when the item was answered or is gone: done, hidden and
// spam already leave "needs reply" views (needsReplyCond), and keeping the
// flag lets "undone" or "unhide" bring the item back to them. moderated_at
// records when the item was hidden or marked spam, for the repeat-offender
// rule (OffenceCount): hidden then spam is one offence, at the first time.
const setStateSQL = `UPDATE items SET state = ?1, updated_at = ?2,
	needs_reply = CASE WHEN ?1 IN ('replied', 'deleted') THEN 0 ELSE needs_reply END,
	moderated_at = CASE WHEN ?1 NOT IN ('hidden', 'spam') OR state IN ('hidden', 'spam')
		THEN moderated_at ELSE ?2 END`

// SetState sets the triage state of items (done, read, new…). needs_reply is
// cleared for replied and deleted; for done, hidden and spam it is kept (those
// states already leave every "needs reply" view) so that undoing them restores it.
func (s *Store) SetState(ctx context.Context, ids []int64, st core.ItemState, now time.Time) error {
	if initialState(st) != st {
		return fmt.Errorf("store: set state: unknown state %q", st)
	}
	return s.bulk(ctx, "set state", ids, setStateSQL+` WHERE id IN (SELECT value FROM json_each(?3))`,
		string(st), ms(now))
}

// Snooze hides items from the default views until the given time (zero = unsnooze).
func (s *Store) Snooze(ctx context.Context, ids []int64, until time.Time) error {
	return s.bulk(ctx, "snooze", ids, `UPDATE items SET snoozed_until = ?1, updated_at = ?2
		WHERE id IN (SELECT value FROM json_each(?3))`, ms(until), ms(s.clock.Now()))
}

// SetTag adds (on) or removes a tag on items. The tag is trimmed and
// sanitized; an empty one is an error.
func (s *Store) SetTag(ctx context.Context, ids []int64, tag string, on bool) error {
	tag = strings.TrimSpace(core.SanitizeLine(tag))
	if tag == "" {
		return errors.New("store: tag: empty tag")
	}
	if len(tag) > maxTagLen {
		return fmt.Errorf("store: tag: longer than %d bytes", maxTagLen)
	}
	if !on {
		return s.bulk(ctx, "untag", ids, `DELETE FROM item_tags
			WHERE tag = ?1 AND item_id IN (SELECT value FROM json_each(?2))`, tag)
	}
	// Selecting from items skips ids that do not exist instead of failing
	// on the foreign key.
	return s.bulk(ctx, "tag", ids, `INSERT OR IGNORE INTO item_tags (item_id, tag)
		SELECT id, ?1 FROM items WHERE id IN (SELECT value FROM json_each(?2))`, tag)
}

// Assign sets who handles the items ("" = nobody).
func (s *Store) Assign(ctx context.Context, ids []int64, who string) error {
	who = strings.TrimSpace(core.SanitizeLine(who))
	return s.bulk(ctx, "assign", ids, `UPDATE items SET assignee = ?1, updated_at = ?2
		WHERE id IN (SELECT value FROM json_each(?3))`, who, ms(s.clock.Now()))
}

// bulk runs one statement over a list of ids, passed as the statement's
// last argument (a JSON list: see idList).
func (s *Store) bulk(ctx context.Context, op string, ids []int64, q string, args ...any) error {
	if len(ids) == 0 {
		return nil
	}
	list, err := idList(ids)
	if err != nil {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	err = s.Tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, q, append(args, list)...)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	return nil
}
