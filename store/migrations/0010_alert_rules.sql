-- 0010: the alerts' life (open, acked, snoozed, resolved), what the alert
-- rules ask the store (an author's offences, per-query hourly volumes) and
-- crisis mode.

-- state: open (new or growing), acked (seen; still grows), snoozed (hidden
-- until snoozed_until), resolved (history; its group's next match opens a
-- new alert). Before this version an acked alert was closed: its group's
-- next item opened a new one. That is resolved now, and it keeps the one
-- live alert per group the new unique index needs.
ALTER TABLE alerts ADD COLUMN state TEXT NOT NULL DEFAULT 'open';
ALTER TABLE alerts ADD COLUMN resolved_at INTEGER NOT NULL DEFAULT 0;
UPDATE alerts SET state = 'resolved', resolved_at = last_at WHERE acked = 1;
DROP INDEX alerts_open_group;
DROP INDEX alerts_open_last;
ALTER TABLE alerts DROP COLUMN acked;
-- One live alert per (client, rule, group key): a burst grows it. The
-- Alerts pane's live list reads this index too (WHERE repeated).
CREATE UNIQUE INDEX alerts_live_group ON alerts (client_id, rule, group_key) WHERE state != 'resolved';
-- The history, newest resolved first.
CREATE INDEX alerts_history ON alerts (resolved_at, id) WHERE state = 'resolved';

-- moderated_at: when the CM hid the item or marked it spam (triage or
-- outbox), 0 if never; the repeat-offender rule counts an author's items
-- still hidden or spam by it. Earlier hides get their last change time.
ALTER TABLE items ADD COLUMN moderated_at INTEGER NOT NULL DEFAULT 0;
UPDATE items SET moderated_at = max(updated_at, 1) WHERE state IN ('hidden', 'spam');
-- OffenceCount: the WHERE must stay textually identical to offencesCond.
CREATE INDEX items_offences ON items (author_id, moderated_at) WHERE moderated_at > 0;

-- Hourly volumes of the items matching a spike rule's query, per client,
-- counted by the engine as it evaluates new items: a spike's baseline is
-- read here instead of matching a day of stored items again. query is the
-- rule's canonical query (rules.Query.String()), hour the start of a UTC
-- hour in unix ms. The engine prunes hours older than its longest baseline.
CREATE TABLE rule_hours (
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    query     TEXT NOT NULL,
    hour      INTEGER NOT NULL,
    count     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (client_id, query, hour)
) WITHOUT ROWID;

-- Crisis mode: while a client has a row here, none of its posts is
-- published (the outbox does not claim them, nor are they handed to a
-- network; those already handed are taken back).
CREATE TABLE crises (
    client_id INTEGER PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
    since     INTEGER NOT NULL
);
