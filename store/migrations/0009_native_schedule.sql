-- 0009: native scheduling. A publish action handed to a network that holds
-- posts until their time (Mastodon's scheduled_at) is in state 'handed':
-- ClaimDue never takes it. What the network holds (held_*) is kept beside
-- what the calendar wants (not_before, payload, media, withdraw), and the
-- engine carries any difference to the network.

-- scheduled_id: the network's id of the scheduled post, '' while unknown
-- (the handover is under way, or its answer was lost).
ALTER TABLE actions ADD COLUMN scheduled_id TEXT NOT NULL DEFAULT '';
-- held_*: the time, text and media the network was last given.
ALTER TABLE actions ADD COLUMN held_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE actions ADD COLUMN held_payload TEXT NOT NULL DEFAULT '';
ALTER TABLE actions ADD COLUMN held_media TEXT NOT NULL DEFAULT '';
-- withdraw: the CM deleted or unscheduled the post; the network's copy is
-- to be cancelled, then the action is.
ALTER TABLE actions ADD COLUMN withdraw INTEGER NOT NULL DEFAULT 0;
-- handovers: how many times the action was handed over; each handover
-- has its own idempotency key, as Mastodon shares one key space between
-- scheduled and published posts.
ALTER TABLE actions ADD COLUMN handovers INTEGER NOT NULL DEFAULT 0;
-- net_tries, net_retry_at: the engine's backoff on the network's copy,
-- kept here so it survives a restart and another runner sees it.
ALTER TABLE actions ADD COLUMN net_tries INTEGER NOT NULL DEFAULT 0;
ALTER TABLE actions ADD COLUMN net_retry_at INTEGER NOT NULL DEFAULT 0;

-- A handed action is a post's live action too: one per post.
DROP INDEX actions_post_live;
CREATE UNIQUE INDEX actions_post_live ON actions (post_id)
    WHERE post_id IS NOT NULL AND state IN ('pending', 'claimed', 'failed', 'handed');

-- HandoverCandidates: an account's pending posts far enough ahead. The
-- query must repeat this WHERE for SQLite to use the index.
CREATE INDEX actions_handover ON actions (account_id, not_before)
    WHERE state = 'pending' AND kind = 'publish';
