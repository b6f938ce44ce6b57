package store

import (
	"strings"
	"unicode"
)

// needsReplyCond is what "needs a reply" means everywhere: flagged, and not
// yet answered or dismissed. It must stay textually identical to the WHERE
// of the items_open partial index (migration 0001) for SQLite to use it.
const needsReplyCond = `needs_reply = 1 AND state NOT IN ('done', 'hidden', 'spam', 'deleted', 'replied')`

// needsReplyOn is needsReplyCond with its columns qualified by alias.
func needsReplyOn(alias string) string {
	return alias + "." + strings.Replace(needsReplyCond, "AND state", "AND "+alias+".state", 1)
}

// snoozedIDs selects the items snoozed past a time (its one argument). The
// first term repeats the WHERE of the partial index items_snoozed (migration
// 0004) so SQLite reads only that small index; the list is built once per
// query, and "id NOT IN" keeps counts on their covering indexes.
const snoozedIDs = `SELECT id FROM items WHERE snoozed_until > 0 AND snoozed_until > ?`

// where is a conjunction of SQL conditions over the items table (alias i)
// and their arguments.
type where struct {
	conds []string
	args  []any
}

// add appends a condition and its arguments.
func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// sql renders the conjunction, "1" when empty.
func (w *where) sql() string {
	if len(w.conds) == 0 {
		return "1"
	}
	return strings.Join(w.conds, " AND ")
}

// filterWhere turns every ItemFilter field except Query into conditions on
// items i. Query is handled by the caller, which picks a plan for it. now
// (unix milliseconds) decides which snoozes are still running.
func filterWhere(f ItemFilter, now int64) *where {
	w := baseWhere(f)
	if f.Snoozed {
		w.add("i.id IN ("+snoozedIDs+")", now)
	} else {
		w.add("i.id NOT IN ("+snoozedIDs+")", now)
	}
	return w
}

// baseWhere is filterWhere without the snooze condition, for counts that
// subtract the snoozed items instead of testing every row (see CountItems).
func baseWhere(f ItemFilter) *where {
	w := &where{}
	if f.ClientID != 0 {
		w.add("i.client_id = ?", f.ClientID)
	}
	if f.AccountID != 0 {
		w.add("i.account_id = ?", f.AccountID)
	}
	if f.Network != "" {
		w.add("i.account_id IN (SELECT id FROM accounts WHERE network = ?)", f.Network)
	}
	if f.Kind != "" {
		w.add("i.kind = ?", string(f.Kind))
	}
	addStates(w, f)
	if f.NeedsReply {
		w.add(needsReplyOn("i"))
	}
	if f.AuthorID != 0 {
		w.add("i.author_id = ?", f.AuthorID)
	}
	if f.Sentiment != "" {
		w.add("i.sentiment = ?", string(f.Sentiment))
	}
	if f.Tag != "" {
		w.add("EXISTS (SELECT 1 FROM item_tags t WHERE t.item_id = i.id AND t.tag = ?)", f.Tag)
	}
	if f.RootsOnly {
		w.add(`(i.parent_remote_id = '' OR NOT EXISTS (SELECT 1 FROM items p
			WHERE p.account_id = i.account_id AND p.remote_id = i.parent_remote_id))`)
	}
	if f.IncomingOnly {
		w.add("i.outgoing = 0")
	}
	if f.AlertID != 0 {
		// The alert's items come off alert_items' primary key: an alert
		// holds few items of a big inbox, so they drive the query and only
		// they are sorted, whatever the inbox's size.
		w.add("i.id IN (SELECT item_id FROM alert_items WHERE alert_id = ?)", f.AlertID)
	}
	if f.PostID != 0 {
		// A post's comments answer it directly or sit in its thread, and
		// come after it: like ContestComments, they are read off the
		// account's items from the publication on (items_account_created),
		// which stays a short range for the recent posts the Stats pane
		// lists. The posts of one group were published together, so their
		// comments are one conversation to the CM.
		w.add(`i.id IN (WITH p AS MATERIALIZED (SELECT account_id, remote_id, published_at FROM posts
				WHERE remote_id != '' AND account_id IS NOT NULL AND (id = ? OR (group_key != ''
					AND group_key = (SELECT group_key FROM posts WHERE id = ?))))
			SELECT c.id FROM p JOIN items c ON c.account_id = p.account_id AND c.created_at >= p.published_at
				AND (c.thread_remote_id = p.remote_id OR c.parent_remote_id = p.remote_id))`, f.PostID, f.PostID)
	}
	if f.Assignee != "" {
		// The first term lets SQLite use the partial index items_assignee.
		w.add("i.assignee != '' AND i.assignee = ?", f.Assignee)
	}
	return w
}

// addStates adds the state conditions: the listed states (default: all but
// deleted), narrowed to "new" when Unread is set.
func addStates(w *where, f ItemFilter) {
	if f.Unread {
		w.add("i.state = 'new'")
	}
	if len(f.States) == 0 {
		w.add("i.state != 'deleted'")
		return
	}
	marks := make([]string, len(f.States))
	for k, st := range f.States {
		marks[k] = "?"
		w.args = append(w.args, string(st))
	}
	w.conds = append(w.conds, "i.state IN ("+strings.Join(marks, ", ")+")")
}

// ftsQuery turns what a user typed into a safe FTS5 query: each word is a
// quoted string (so AND, NOT, NEAR, quotes, colons and stars are plain text)
// and the last word is a prefix, so results follow typing. Words with no
// letter or digit are dropped; "" means nothing searchable was typed.
func ftsQuery(input string) string {
	input = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, input)
	var parts []string
	for _, w := range strings.Fields(input) {
		if !strings.ContainsFunc(w, isWordRune) {
			continue
		}
		parts = append(parts, `"`+strings.ReplaceAll(w, `"`, `""`)+`"`)
	}
	if len(parts) == 0 {
		return ""
	}
	parts[len(parts)-1] += "*"
	return strings.Join(parts, " ")
}

// isWordRune reports whether r can be part of an indexed token.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
