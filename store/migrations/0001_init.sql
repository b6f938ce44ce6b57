-- 0001: the workspace (clients, accounts), the inbox (authors, items, tags),
-- our posts, the outbox and the per-account sync bookkeeping.
-- Times are INTEGER unix milliseconds UTC; 0 means "not set".

CREATE TABLE clients (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL DEFAULT '',
    color      TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE accounts (
    id         INTEGER PRIMARY KEY,
    client_id  INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    provider   TEXT NOT NULL,
    network    TEXT NOT NULL DEFAULT '',
    handle     TEXT NOT NULL,
    name       TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0,
    UNIQUE (client_id, provider, handle)
);

-- vip and blocked are the CM's flags: ingest sets them on insert only.
CREATE TABLE authors (
    id        INTEGER PRIMARY KEY,
    network   TEXT NOT NULL,
    remote_id TEXT NOT NULL,
    handle    TEXT NOT NULL DEFAULT '',
    name      TEXT NOT NULL DEFAULT '',
    followers INTEGER NOT NULL DEFAULT 0,
    vip       INTEGER NOT NULL DEFAULT 0,
    blocked   INTEGER NOT NULL DEFAULT 0,
    UNIQUE (network, remote_id)
);

-- client_id is copied from the account so client filters need no join.
CREATE TABLE items (
    id               INTEGER PRIMARY KEY,
    account_id       INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    client_id        INTEGER NOT NULL,
    remote_id        TEXT NOT NULL,
    parent_remote_id TEXT NOT NULL DEFAULT '',
    thread_remote_id TEXT NOT NULL DEFAULT '',
    kind             TEXT NOT NULL DEFAULT 'comment',
    author_id        INTEGER REFERENCES authors(id),
    body             TEXT NOT NULL DEFAULT '',
    url              TEXT NOT NULL DEFAULT '',
    lang             TEXT NOT NULL DEFAULT '',
    created_at       INTEGER NOT NULL,
    state            TEXT NOT NULL DEFAULT 'new',
    needs_reply      INTEGER NOT NULL DEFAULT 0,
    sentiment        TEXT NOT NULL DEFAULT '',
    sentiment_score  REAL NOT NULL DEFAULT 0,
    outgoing         INTEGER NOT NULL DEFAULT 0,
    snoozed_until    INTEGER NOT NULL DEFAULT 0,
    assignee         TEXT NOT NULL DEFAULT '',
    updated_at       INTEGER NOT NULL DEFAULT 0,
    UNIQUE (account_id, remote_id)
);

-- Keyset paging walks (created_at, id) in either direction; the filtered
-- variants let the common filters page without a sort.
CREATE INDEX items_created ON items (created_at, id);
CREATE INDEX items_client_created ON items (client_id, created_at, id);
CREATE INDEX items_account_created ON items (account_id, created_at, id);
CREATE INDEX items_state_created ON items (state, created_at, id);
-- "Needs a reply": the WHERE must stay textually identical to needsReplyCond
-- in the Go code, or SQLite will not use this partial index.
CREATE INDEX items_open ON items (client_id, created_at, id)
    WHERE needs_reply = 1 AND state NOT IN ('done', 'hidden', 'spam', 'deleted', 'replied');
CREATE INDEX items_author ON items (author_id, client_id);
CREATE INDEX items_thread ON items (account_id, thread_remote_id) WHERE thread_remote_id != '';

CREATE TABLE item_tags (
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    tag     TEXT NOT NULL,
    PRIMARY KEY (item_id, tag)
) WITHOUT ROWID;
CREATE INDEX item_tags_tag ON item_tags (tag, item_id);

-- cal_at is when a post sits on the calendar: published, else scheduled,
-- else (an unscheduled draft) created.
CREATE TABLE posts (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    account_id   INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
    remote_id    TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'draft',
    scheduled_at INTEGER NOT NULL DEFAULT 0,
    published_at INTEGER NOT NULL DEFAULT 0,
    url          TEXT NOT NULL DEFAULT '',
    error        TEXT NOT NULL DEFAULT '',
    likes        INTEGER NOT NULL DEFAULT 0,
    shares       INTEGER NOT NULL DEFAULT 0,
    replies      INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL DEFAULT 0,
    updated_at   INTEGER NOT NULL DEFAULT 0,
    cal_at       INTEGER GENERATED ALWAYS AS (
        CASE WHEN published_at > 0 THEN published_at
             WHEN scheduled_at > 0 THEN scheduled_at
             ELSE created_at END) VIRTUAL
);
CREATE UNIQUE INDEX posts_remote ON posts (account_id, remote_id) WHERE remote_id != '';
CREATE INDEX posts_cal ON posts (cal_at, id);

-- The outbox: everything that leaves goes through here.
CREATE TABLE actions (
    id               INTEGER PRIMARY KEY,
    account_id       INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind             TEXT NOT NULL,
    item_id          INTEGER REFERENCES items(id) ON DELETE SET NULL,
    post_id          INTEGER REFERENCES posts(id) ON DELETE SET NULL,
    target_remote_id TEXT NOT NULL DEFAULT '',
    payload          TEXT NOT NULL DEFAULT '',
    not_before       INTEGER NOT NULL DEFAULT 0,
    state            TEXT NOT NULL DEFAULT 'pending',
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT NOT NULL DEFAULT '',
    idempotency_key  TEXT NOT NULL UNIQUE,
    created_at       INTEGER NOT NULL DEFAULT 0,
    updated_at       INTEGER NOT NULL DEFAULT 0,
    claimed_by       TEXT NOT NULL DEFAULT '',
    claimed_at       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX actions_due ON actions (state, not_before);
CREATE INDEX actions_item ON actions (item_id) WHERE item_id IS NOT NULL;
CREATE INDEX actions_post ON actions (post_id) WHERE post_id IS NOT NULL;

CREATE TABLE sync_state (
    account_id    INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    cursor        TEXT NOT NULL DEFAULT '',
    last_success  INTEGER NOT NULL DEFAULT 0,
    last_attempt  INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT NOT NULL DEFAULT '',
    failures      INTEGER NOT NULL DEFAULT 0,
    backoff_until INTEGER NOT NULL DEFAULT 0
);
