-- 0011: our replies by the item they answer. The stats (first-response
-- times) look for the outgoing item whose parent is a given incoming one;
-- without this index SQLite finds them through items_thread and filters.
-- Partial on outgoing = 1: only our own replies are sought this way, so the
-- index stays small on a cache of mostly incoming items.
CREATE INDEX IF NOT EXISTS items_parent ON items (account_id, parent_remote_id) WHERE outgoing = 1;
