-- The terms of the full-text index, so a search can expand the prefix of
-- its last word ("merci" → merci, mercis) into exact terms: FTS5 seeks in
-- the doclists of exact terms, but merges a prefix's doclists whole, which
-- made a common word's search 10x slower (docs/PERFORMANCE.md).
CREATE VIRTUAL TABLE items_fts_vocab USING fts5vocab(items_fts, 'row');
