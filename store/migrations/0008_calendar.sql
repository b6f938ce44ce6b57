-- 0008: the calendar. A planned post has at most one live publish action
-- (actions.post_id, read through an index rather than a pointer on the post
-- that could drift); the outbox moves the post's status along with it.

-- Posts created together (one text, several accounts) share group_key.
ALTER TABLE posts ADD COLUMN group_key TEXT NOT NULL DEFAULT '';
-- media: a JSON array of attachment paths, '' for none.
ALTER TABLE posts ADD COLUMN media TEXT NOT NULL DEFAULT '';
-- recur: a core.Recurrence ('' = none).
ALTER TABLE posts ADD COLUMN recur TEXT NOT NULL DEFAULT '';
-- published_by: the mode of the runner that published it ("daemon", "tui").
ALTER TABLE posts ADD COLUMN published_by TEXT NOT NULL DEFAULT '';
-- next_id: the next occurrence made from this recurring post, 0 while none
-- is. It stays set when that occurrence is deleted, so deleting it ends the
-- series instead of having it made again, and it is what makes the next
-- occurrence exactly once.
ALTER TABLE posts ADD COLUMN next_id INTEGER NOT NULL DEFAULT 0;

-- media: a publish action's attachments, the post's at the time it was queued.
ALTER TABLE actions ADD COLUMN media TEXT NOT NULL DEFAULT '';

-- One live publish action per post: two could publish the post twice.
-- Nothing queued one before this version; any older duplicate is cancelled
-- (the newest stays) so the index can be built.
UPDATE actions SET state = 'cancelled'
    WHERE post_id IS NOT NULL AND state IN ('pending', 'failed')
        AND id NOT IN (SELECT max(id) FROM actions WHERE post_id IS NOT NULL
            AND state IN ('pending', 'claimed', 'failed') GROUP BY post_id);
CREATE UNIQUE INDEX actions_post_live ON actions (post_id)
    WHERE post_id IS NOT NULL AND state IN ('pending', 'claimed', 'failed');

-- The calendar pages posts in (cal_at, id) order (posts_cal) over all
-- posts, one client or one account.
CREATE INDEX posts_client_cal ON posts (client_id, cal_at, id);
CREATE INDEX posts_account_cal ON posts (account_id, cal_at, id);
-- The month view counts each (day, status) as one range of these, read from
-- the index alone. An index holding cal_at then status would not do: an
-- index on a virtual column never covers a query that reads another column,
-- so every post would be read from the table (3x slower on 5,000 posts).
CREATE INDEX posts_status_cal ON posts (status, cal_at);
CREATE INDEX posts_client_status_cal ON posts (client_id, status, cal_at);
CREATE INDEX posts_account_status_cal ON posts (account_id, status, cal_at);
-- SlotsTaken: an account's scheduled times.
CREATE INDEX posts_account_sched ON posts (account_id, scheduled_at) WHERE scheduled_at > 0;
-- RecurringDue runs every engine step: the WHERE must stay textually
-- identical to recurringDueCond in calendar_recur.go.
CREATE INDEX posts_recur_due ON posts (id)
    WHERE recur != '' AND next_id = 0 AND status IN ('published', 'missed');
