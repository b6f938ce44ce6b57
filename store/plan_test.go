package store

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"cmdeck/core"
)

// explain returns SQLite's plan for q.
func explain(t testing.TB, s *Store, q string, args ...any) string {
	t.Helper()
	rows, err := s.db.Query("EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var id, parent, unused int
		var detail string
		rows.Scan(&id, &parent, &unused, &detail)
		b.WriteString(detail + "\n")
	}
	return b.String()
}

// queryPlan returns SQLite's plan for a page of items with filter flt.
func queryPlan(t *testing.T, s *Store, flt ItemFilter, key PageKey, dir Direction) string {
	t.Helper()
	w := filterWhere(flt, t0.UnixMilli())
	order := "DESC"
	if dir == Newer {
		order = "ASC"
	}
	if !key.IsZero() {
		w.add("(i.created_at, i.id) < (?, ?)", key.CreatedAt, key.ID)
	}
	q, args, err := s.pageQuery(context.Background(), flt.Query, w, order, 50)
	if err != nil {
		t.Fatal(err)
	}
	return explain(t, s, q, args...)
}

// The inbox's pages must come straight off an index in (created_at, id)
// order: a sort would read every matching row, whatever the page size.
func TestPagePlansNeedNoSort(t *testing.T) {
	f := newFixture(t)
	f.ingest(t, 0, core.Batch{Items: []core.Item{item("1", t0, "plan")}})
	key := PageKey{CreatedAt: t0.UnixMilli(), ID: 5}
	tests := []struct {
		name string
		f    ItemFilter
	}{
		{"all", ItemFilter{}},
		{"client", ItemFilter{ClientID: 1}},
		{"account", ItemFilter{AccountID: 1}},
		{"client needs reply", ItemFilter{ClientID: 1, NeedsReply: true}},
		{"unread", ItemFilter{Unread: true}},
		{"incoming kind", ItemFilter{IncomingOnly: true, Kind: core.KindDM}},
		{"assignee", ItemFilter{Assignee: "Camille"}},
		{"common search", ItemFilter{Query: "plan"}}, // forced onto the time index below
	}
	f.s.sparseMax = 0
	for _, tc := range tests {
		for _, dir := range []Direction{Older, Newer} {
			for _, k := range []PageKey{{}, key} {
				plan := queryPlan(t, f.s, tc.f, k, dir)
				// A dense search by windows sorts only its page's own
				// ids (json_each), at most one page of rows.
				if strings.Contains(plan, "TEMP B-TREE FOR ORDER BY") && !strings.Contains(plan, "SCAN json_each") {
					t.Errorf("%s (dir %d, key %v) sorts:\n%s", tc.name, dir, k, plan)
				}
			}
		}
	}
}

// Thread, AuthorHistory and Status must use their indexes, not scan items.
func TestLookupPlansUseIndexes(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name, q, index string
		args           []any
	}{
		{"thread", threadQuery, "items_thread", []any{1, "root", 10}},
		{"thread root", threadQuery, "sqlite_autoindex_items_1", []any{1, "root", 10}},
		{"status needs reply", statusNeedsReply(), "items_open", []any{1}},
		{"author history", "SELECT count(*) FROM items WHERE author_id = ? AND client_id = ? AND outgoing = 0", "items_author", []any{1, 1}},
		{"status leaves snoozed out", statusNeedsReply(), "items_snoozed", []any{1}},
		{"tagged items", taggedQuery, "items_client_created", []any{1, 1}},
		{"pending actions", pendingActionsQuery, "actions_item_state", []any{"[1, 2]"}},
		{"claim due", claimDueQuery, "actions_due", []any{1, 10}},
		{"claim stale", claimStaleQuery, "actions_due", []any{1, 10}},
	}
	// Counts subtract the snoozed items, read through their small index;
	// the snoozed view is read from it too. So is the page's snooze test.
	for _, flt := range []ItemFilter{{}, {ClientID: 1, NeedsReply: true}, {Snoozed: true}, {Query: "plan"}} {
		q, args, _ := countQuery(flt, 1, true)
		tests = append(tests, struct {
			name, q, index string
			args           []any
		}{fmt.Sprintf("count %+v", flt), q, "items_snoozed", args})
	}
	for _, tc := range tests {
		plan := explain(t, f.s, tc.q, tc.args...)
		if !strings.Contains(plan, tc.index) || strings.Contains(plan, "SCAN i\n") ||
			strings.Contains(plan, "SCAN items\n") || strings.Contains(plan, "SCAN x\n") {
			t.Errorf("%s: want index %s, plan:\n%s", tc.name, tc.index, plan)
		}
	}
}

// The stats count an account's engagements per day and kind: that count
// must read the engagements index alone, never the table.
func TestEngagementCountPlanIsCovered(t *testing.T) {
	f := newFixture(t)
	plan := explain(t, f.s, `SELECT kind, count(*) FROM engagements
		WHERE account_id = ? AND at >= ? AND at < ? GROUP BY kind`, 1, 0, t0.UnixMilli())
	if !strings.Contains(plan, "COVERING INDEX engagements_account_at") {
		t.Fatalf("plan does not use the covering index:\n%s", plan)
	}
}

// The alert rules' queries run on every batch or every minute: each must
// read its index, never scan the items or actions table.
func TestAlertRulePlansUseIndexes(t *testing.T) {
	f := newFixture(t)
	live, liveArgs := alertsQuery(AlertQuery{}, 1)
	hist, histArgs := alertsQuery(AlertQuery{History: true, AfterID: 5}, 1)
	tests := []struct {
		name, q, index string
		args           []any
	}{
		{"offences", `SELECT count(*) FROM items WHERE author_id = ? AND ` + offencesCond +
			` AND moderated_at >= ? AND state IN ('hidden', 'spam')`, "items_offences", []any{1, 0}},
		{"client hours", `SELECT (created_at - ?1) / 3600000, count(*), sum(sentiment = 'negative')
			FROM items WHERE client_id = ?2 AND created_at >= ?1 AND created_at < ?3 AND outgoing = 0
			GROUP BY 1`, "items_client_created", []any{0, 1, 10}},
		{"rule hours", `SELECT hour, count FROM rule_hours WHERE client_id = ? AND query = ? AND hour >= ? AND hour < ?`,
			"PRIMARY KEY", []any{1, "q", 0, 10}},
		{"awaiting reply", awaitingQuery, "items_open", []any{1, 0, 5, 1, 10}},
		{"alert items", "SELECT i.id FROM items i WHERE " + baseWhere(ItemFilter{AlertID: 1}).sql(),
			"alert_items", []any{1}},
		{"post comments", "SELECT i.id FROM items i WHERE " + baseWhere(ItemFilter{PostID: 1}).sql(),
			"items_account_created (account_id=? AND created_at>?)", []any{1, 1}},
		{"live alerts", live, "alerts_live_group", liveArgs},
		{"alert history", hist, "alerts_history", histArgs},
		{"handover candidates", handoverCandidatesQuery, "actions_handover", []any{1, 0, 10}},
	}
	for _, tc := range tests {
		plan := explain(t, f.s, tc.q, tc.args...)
		if !strings.Contains(plan, tc.index) || strings.Contains(plan, "SCAN i\n") ||
			strings.Contains(plan, "SCAN items\n") || strings.Contains(plan, "SCAN x\n") {
			t.Errorf("%s: want index %s, plan:\n%s", tc.name, tc.index, plan)
		}
		// The SLA check pages the waiting items every minute: each page
		// must be one index range, not a sort of them all.
		if tc.name == "awaiting reply" && strings.Contains(plan, "TEMP B-TREE") {
			t.Errorf("awaiting reply sorts:\n%s", plan)
		}
	}
}
