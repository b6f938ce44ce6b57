-- 0007: typed sync failures and the network's request budget, for the
-- health view; engagements (likes, shares, new followers), for the stats.

-- error_class is the providers.ErrorClass of the last failure ("auth" means
-- the account needs re-authorizing); a successful sync clears it.
ALTER TABLE sync_state ADD COLUMN error_class TEXT NOT NULL DEFAULT '';
-- rate_remaining is the request budget the network last reported, -1 when
-- it never said; rate_reset is when the budget refills (unix ms, 0 unknown).
ALTER TABLE sync_state ADD COLUMN rate_remaining INTEGER NOT NULL DEFAULT -1;
ALTER TABLE sync_state ADD COLUMN rate_reset INTEGER NOT NULL DEFAULT 0;

-- One activity event on an account, not an inbox item. Authors are shared
-- with the items (authors table), so a liker who also writes is one person.
-- remote_id is the network's id of the event: a re-fetched event is ignored.
CREATE TABLE engagements (
    id             INTEGER PRIMARY KEY,
    account_id     INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    remote_id      TEXT NOT NULL,
    kind           TEXT NOT NULL,
    author_id      INTEGER REFERENCES authors(id),
    post_remote_id TEXT NOT NULL DEFAULT '',
    at             INTEGER NOT NULL,
    UNIQUE (account_id, remote_id)
);
-- The stats count an account's events per day and kind: a range on at
-- within one account, with kind in the index so the count reads no row.
CREATE INDEX engagements_account_at ON engagements (account_id, at, kind);
