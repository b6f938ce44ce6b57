-- 0002: full-text search over item bodies and their authors' names and
-- handles. The index is contentless (the text lives in items and authors)
-- with contentless_delete so rows can be removed without their old values.
-- The rowid is items.id. remove_diacritics 2 lets "creme" find "crème".
--
-- Inserts and body edits are indexed by the writer (IngestBatch) in the same
-- transaction, not by triggers: an FTS5 table flushes its pending terms at
-- every statement savepoint, and a trigger makes every INSERT take one, so
-- trigger-maintained indexing wrote one tiny segment per row and ran 6x
-- slower (docs/PERFORMANCE.md). Writers use INSERT OR REPLACE so a reused
-- rowid never keeps a stale entry. Rare writes keep their triggers: deletes
-- and author renames.

CREATE VIRTUAL TABLE items_fts USING fts5(
    body, author,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
    DELETE FROM items_fts WHERE rowid = old.id;
END;

-- An author who changes name or handle is found under the new one.
CREATE TRIGGER authors_fts_update AFTER UPDATE OF name, handle ON authors
WHEN old.name IS NOT new.name OR old.handle IS NOT new.handle BEGIN
    INSERT OR REPLACE INTO items_fts (rowid, body, author)
    SELECT id, body, new.name || ' ' || new.handle FROM items WHERE author_id = new.id;
END;

-- Index what a database upgraded from 0001 already holds.
INSERT INTO items_fts (rowid, body, author)
SELECT i.id, i.body, coalesce(a.name || ' ' || a.handle, '')
FROM items i LEFT JOIN authors a ON a.id = i.author_id;
