package store

import (
	"context"
	"testing"
	"time"

	"cmdeck/core"
)

// engagementRow is an engagement as stored, with its author's fields.
type engagementRow struct {
	remoteID, kind, post string
	at                   int64
	authorRemote, handle string
	name                 string
	followers            int
}

// engagementRows lists an account's stored engagements by remote id.
func engagementRows(t *testing.T, f *fixture, account int) []engagementRow {
	t.Helper()
	rows, err := f.s.db.Query(`
		SELECT e.remote_id, e.kind, e.post_remote_id, e.at, coalesce(a.remote_id, ''),
			coalesce(a.handle, ''), coalesce(a.name, ''), coalesce(a.followers, 0)
		FROM engagements e LEFT JOIN authors a ON a.id = e.author_id
		WHERE e.account_id = ? ORDER BY e.remote_id`, f.accounts[account].ID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []engagementRow
	for rows.Next() {
		var r engagementRow
		if err := rows.Scan(&r.remoteID, &r.kind, &r.post, &r.at, &r.authorRemote, &r.handle,
			&r.name, &r.followers); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func like(remote, who string, at time.Time) core.Engagement {
	return core.Engagement{RemoteID: remote, Kind: core.EngageLike, PostRemoteID: "p1", At: at,
		Author: core.Author{RemoteID: "u-" + who, Handle: "@" + who, Name: who, Followers: 10}}
}

func TestIngestEngagementsOnce(t *testing.T) {
	f := newFixture(t)
	follow := core.Engagement{RemoteID: "n3", Kind: core.EngageFollow, At: t0.Add(-time.Hour),
		Author: core.Author{RemoteID: "u-bob", Handle: "@bob", Name: "Bob", Followers: 99}}
	b := core.Batch{Engagements: []core.Engagement{like("n1", "ann", t0), like("n2", "bob", t0), follow}}
	if res := f.ingest(t, 0, b); res.NewEngagements != 3 {
		t.Fatalf("first ingest = %+v, want 3 new engagements", res)
	}
	// The same events again, plus one new: only the new one counts.
	b.Engagements = append(b.Engagements, like("n4", "cid", t0))
	if res := f.ingest(t, 0, b); res.NewEngagements != 1 {
		t.Fatalf("repeat ingest = %+v, want 1 new engagement", res)
	}
	got := engagementRows(t, f, 0)
	if len(got) != 4 {
		t.Fatalf("%d engagements stored, want 4 (no duplicates): %+v", len(got), got)
	}
	want := engagementRow{remoteID: "n3", kind: "follow", at: ms(t0.Add(-time.Hour)),
		authorRemote: "u-bob", handle: "@bob", name: "Bob", followers: 99}
	if got[2] != want {
		t.Errorf("follow = %+v, want %+v", got[2], want)
	}
	if got[0].kind != "like" || got[0].post != "p1" || got[0].handle != "@ann" {
		t.Errorf("like = %+v", got[0])
	}
	// The same remote id on another account is another event.
	if res := f.ingest(t, 2, core.Batch{Engagements: []core.Engagement{like("n1", "ann", t0)}}); res.NewEngagements != 1 {
		t.Errorf("the other account's engagement was taken for a repeat: %+v", res)
	}
}

// A liker who also writes is one author, shared with their items.
func TestIngestEngagementAuthorsShared(t *testing.T) {
	f := newFixture(t)
	it := item("1", t0, "hello")
	e := like("n1", "x", t0)
	e.Author = it.Author
	f.ingest(t, 0, core.Batch{Items: []core.Item{it}, Engagements: []core.Engagement{e}})
	var authors, linked int
	if err := f.s.db.QueryRow(`SELECT count(*) FROM authors WHERE remote_id = ?`, it.Author.RemoteID).Scan(&authors); err != nil {
		t.Fatal(err)
	}
	if err := f.s.db.QueryRow(`SELECT count(*) FROM engagements e JOIN items i ON i.author_id = e.author_id`).Scan(&linked); err != nil {
		t.Fatal(err)
	}
	if authors != 1 || linked != 1 {
		t.Fatalf("%d author rows and %d item/engagement pairs, want one shared author", authors, linked)
	}
}

func TestIngestEngagementsSanitized(t *testing.T) {
	f := newFixture(t)
	e := core.Engagement{RemoteID: "n\x1b[2J1", Kind: core.EngageShare, PostRemoteID: "p\u202e1", At: t0,
		Author: core.Author{RemoteID: "u1", Handle: "@ev\x1b]52;c;aGk=\x07il", Name: "Eve\x1b[31m"}}
	in := []core.Engagement{e}
	f.ingest(t, 0, core.Batch{Engagements: in})
	got := engagementRows(t, f, 0)
	if len(got) != 1 {
		t.Fatalf("stored %+v", got)
	}
	r := got[0]
	if r.remoteID != "n1" || r.post != "p1" || r.handle != "@evil" || r.name != "Eve" {
		t.Errorf("stored unsanitized text: %+v", r)
	}
	if in[0].Author.Name != "Eve\x1b[31m" {
		t.Error("ingest rewrote the caller's engagement")
	}
}

// Engagements that cannot be deduplicated or counted are dropped; one
// without a time takes the batch's.
func TestIngestEngagementsUnusable(t *testing.T) {
	f := newFixture(t)
	noID := like("", "a", t0)
	noKind := like("n2", "b", t0)
	noKind.Kind = ""
	noTime := like("n3", "c", time.Time{})
	noAuthor := core.Engagement{RemoteID: "n4", Kind: core.EngageLike}
	res := f.ingest(t, 0, core.Batch{Engagements: []core.Engagement{noID, noKind, noTime, noAuthor}})
	if res.NewEngagements != 2 {
		t.Fatalf("result %+v, want the 2 usable engagements", res)
	}
	got := engagementRows(t, f, 0)
	if len(got) != 2 || got[0].remoteID != "n3" || got[0].at != ms(f.clock.Now()) || got[1].authorRemote != "" {
		t.Fatalf("stored %+v", got)
	}
	var authors int
	f.s.db.QueryRow(`SELECT count(*) FROM authors`).Scan(&authors)
	if authors != 1 {
		t.Errorf("%d authors stored, want only the usable engagement's", authors)
	}
}

// Engagements share the batch's transaction: a batch that fails leaves
// neither its items nor its engagements, and the cursor does not move.
func TestIngestEngagementsRollBackWithTheBatch(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.exec(t, `CREATE TRIGGER boom BEFORE INSERT ON engagements WHEN new.remote_id = 'boom'
		BEGIN SELECT RAISE(ABORT, 'boom'); END`)
	b := core.Batch{Items: []core.Item{item("1", t0, "x")}, Cursor: "c2",
		Engagements: []core.Engagement{like("n1", "a", t0), like("boom", "b", t0)}}
	if _, err := f.s.IngestBatch(ctx, f.accounts[0].ID, b, t0); err == nil {
		t.Fatal("the failing batch was accepted")
	}
	if n, _ := f.s.CountItems(ctx, ItemFilter{}); n != 0 {
		t.Errorf("%d items left by a failed batch", n)
	}
	if got := engagementRows(t, f, 0); len(got) != 0 {
		t.Errorf("engagements left by a failed batch: %+v", got)
	}
	if st, _ := f.s.SyncState(ctx, f.accounts[0].ID); st.Cursor != "" {
		t.Errorf("cursor moved to %q", st.Cursor)
	}
}
