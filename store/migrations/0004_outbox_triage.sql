-- 0004: the outbox and the inbox's triage (undo, claims, snooze, assignee).

-- Who queued an action (the CM's name, or an SSH user): "u" takes back the
-- actor's own last action, never someone else's.
ALTER TABLE actions ADD COLUMN actor TEXT NOT NULL DEFAULT '';

-- LastUndoable: the actor's newest pending action.
CREATE INDEX actions_undo ON actions (actor, state, created_at);
-- PendingActions: the actions on their way for the items of a thread or a
-- page. It supersedes actions_item.
DROP INDEX actions_item;
CREATE INDEX actions_item_state ON actions (item_id, state) WHERE item_id IS NOT NULL;
-- ClaimDue reads actions_due (state, not_before): due pending rows by time,
-- and the few claimed rows, whose claim time it then checks.
-- Actions: the outbox view, newest first, of every state or of one.
CREATE INDEX actions_created ON actions (created_at, id);
CREATE INDEX actions_state_created ON actions (state, created_at, id);

-- Snoozed items are few: default views leave them out, and the "snoozed"
-- view lists them, through this small index. Queries must repeat its WHERE
-- (snoozedCond in filter.go) for SQLite to use it.
CREATE INDEX items_snoozed ON items (snoozed_until) WHERE snoozed_until > 0;
-- The assignee filter pages in time order off its own small index.
CREATE INDEX items_assignee ON items (assignee, created_at, id) WHERE assignee != '';
