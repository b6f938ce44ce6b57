-- 0003: alerts, audience snapshots, the runner lease and the audit log.

-- One open (un-acked) alert per (client, rule, group key): a burst grows it.
CREATE TABLE alerts (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    rule          TEXT NOT NULL,
    group_key     TEXT NOT NULL DEFAULT '',
    severity      TEXT NOT NULL DEFAULT 'info',
    title         TEXT NOT NULL DEFAULT '',
    item_count    INTEGER NOT NULL DEFAULT 0,
    first_at      INTEGER NOT NULL DEFAULT 0,
    last_at       INTEGER NOT NULL DEFAULT 0,
    acked         INTEGER NOT NULL DEFAULT 0,
    snoozed_until INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX alerts_open_group ON alerts (client_id, rule, group_key) WHERE acked = 0;
CREATE INDEX alerts_open_last ON alerts (last_at, id) WHERE acked = 0;

CREATE TABLE alert_items (
    alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
    item_id  INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    PRIMARY KEY (alert_id, item_id)
) WITHOUT ROWID;
CREATE INDEX alert_items_item ON alert_items (item_id);

-- day is midnight UTC in unix milliseconds; -1 means "not reported".
CREATE TABLE stat_snapshots (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    day        INTEGER NOT NULL,
    followers  INTEGER NOT NULL DEFAULT -1,
    following  INTEGER NOT NULL DEFAULT -1,
    posts      INTEGER NOT NULL DEFAULT -1,
    PRIMARY KEY (account_id, day)
) WITHOUT ROWID;

CREATE TABLE leases (
    name       TEXT PRIMARY KEY,
    owner      TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);

CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY,
    at     INTEGER NOT NULL,
    actor  TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
