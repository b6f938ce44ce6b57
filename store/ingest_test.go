package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"cmdeck/core"
)

func TestIngestInsertsThenUpdates(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	a := item("1", t0.Add(-time.Hour), "first version")
	a.Tags = []string{"bug"}
	a.NeedsReply = true
	b := item("2", t0.Add(-2*time.Hour), "untouched")
	res := f.ingest(t, 0, core.Batch{Items: []core.Item{a, b}, Cursor: "c1"})
	if res.NewItems != 2 || len(res.NewItemIDs) != 2 || res.Updated != 0 {
		t.Fatalf("first ingest = %+v", res)
	}
	if err := eq(res.NewItemIndex, []int{0, 1}); err != nil {
		t.Fatalf("NewItemIndex: %v", err)
	}
	idA := res.NewItemIDs[0]

	// The CM triages the item.
	f.exec(t, `UPDATE items SET state = 'done', needs_reply = 0 WHERE id = ?`, idA)

	// The provider sends it again, edited, with a new tag; b unchanged; c new.
	a.Body, a.Sentiment, a.Tags = "second version", core.SentimentNegative, []string{"urgent"}
	a.State = core.StateNew // the provider's view must not reset triage
	c := item("3", t0, "new one")
	res = f.ingest(t, 0, core.Batch{Items: []core.Item{c, a, b}})
	if res.NewItems != 1 || res.Updated != 1 {
		t.Fatalf("second ingest = %+v, want 1 new, 1 updated", res)
	}
	if err := eq(res.NewItemIndex, []int{0}); err != nil {
		t.Fatalf("NewItemIndex: %v", err)
	}
	got, err := f.s.Item(ctx, idA)
	if err != nil {
		t.Fatal(err)
	}
	if got.Body != "second version" || got.Sentiment != core.SentimentNegative {
		t.Errorf("provider fields not updated: %q %q", got.Body, got.Sentiment)
	}
	if got.State != core.StateDone || got.NeedsReply {
		t.Errorf("triage overwritten: state %q needs_reply %v", got.State, got.NeedsReply)
	}
	if err := eq(got.Tags, []string{"bug", "urgent"}); err != nil {
		t.Errorf("tags %v: %v", got.Tags, err)
	}
	if n, _ := f.s.CountItems(ctx, ItemFilter{}); n != 3 {
		t.Errorf("CountItems = %d, want 3 (no duplicates)", n)
	}
	// The edited text is what search finds.
	if vs := f.mustList(t, ItemFilter{Query: "first"}, PageKey{}, Older, 10); len(vs) != 0 {
		t.Errorf("old text still indexed: %v", remoteIDs(vs))
	}
	if vs := f.mustList(t, ItemFilter{Query: "second"}, PageKey{}, Older, 10); len(vs) != 1 {
		t.Errorf("new text not indexed: %v", remoteIDs(vs))
	}
}

func TestIngestProviderDeletion(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	a := item("1", t0, "soon gone")
	id := f.ingest(t, 0, core.Batch{Items: []core.Item{a}}).NewItemIDs[0]
	a.State = core.StateDeleted
	if res := f.ingest(t, 0, core.Batch{Items: []core.Item{a}}); res.Updated != 1 {
		t.Fatalf("deletion not applied: %+v", res)
	}
	got, _ := f.s.Item(ctx, id)
	if got.State != core.StateDeleted {
		t.Fatalf("state = %q, want deleted", got.State)
	}
	if n, _ := f.s.CountItems(ctx, ItemFilter{}); n != 0 {
		t.Fatalf("deleted item still listed by default")
	}
}

func TestIngestSanitizes(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	it := item("1", t0, "\x1b[31mred alert\x1b[0m")
	it.Author.Name = "Evil\x1b]0;pwned\x07 Name"
	batch := core.Batch{Items: []core.Item{it}}
	res := f.ingest(t, 0, batch)
	got, err := f.s.Item(ctx, res.NewItemIDs[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{got.Body, got.Author.Name} {
		if strings.ContainsRune(s, 0x1b) || strings.ContainsRune(s, 0x07) {
			t.Errorf("stored text keeps control characters: %q", s)
		}
	}
	if !strings.Contains(got.Body, "red alert") {
		t.Errorf("visible text lost: %q", got.Body)
	}
	// The caller's batch is not rewritten behind its back.
	if batch.Items[0].Body != "\x1b[31mred alert\x1b[0m" {
		t.Errorf("caller's batch mutated: %q", batch.Items[0].Body)
	}
}

func TestIngestAuthors(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	zoe := core.Author{RemoteID: "z1", Handle: "@zoe", Name: "Zoé", Followers: 10}
	x, y := item("1", t0, "one"), item("2", t0, "two")
	x.Author, y.Author = zoe, zoe
	anon := item("3", t0, "no author")
	anon.Author = core.Author{}
	res := f.ingest(t, 0, core.Batch{Items: []core.Item{x, y, anon}})
	var authors int
	f.s.db.QueryRow(`SELECT count(*) FROM authors`).Scan(&authors)
	if authors != 1 {
		t.Fatalf("%d authors stored, want 1", authors)
	}
	got, _ := f.s.Item(ctx, res.NewItemIDs[2])
	if got.Author.ID != 0 {
		t.Errorf("an item without author got author %d", got.Author.ID)
	}
	// The CM marks Zoé VIP; the next sync renames her and must keep the flag.
	f.exec(t, `UPDATE authors SET vip = 1`)
	zoe.Name, zoe.Followers = "Zoé Lefèvre", 20
	z := item("4", t0, "three")
	z.Author = zoe
	f.ingest(t, 0, core.Batch{Items: []core.Item{z}})
	got, _ = f.s.Item(ctx, res.NewItemIDs[0])
	if got.Author.Name != "Zoé Lefèvre" || got.Author.Followers != 20 || !got.Author.VIP {
		t.Errorf("author after update = %+v", got.Author)
	}
	if vs := f.mustList(t, ItemFilter{Query: "lefevre"}, PageKey{}, Older, 10); len(vs) != 3 {
		t.Errorf("renamed author found on %d items, want 3", len(vs))
	}
	if n, _ := f.s.AuthorHistory(ctx, got.Author.ID, f.clients[0].ID); n != 3 {
		t.Errorf("AuthorHistory = %d, want 3", n)
	}
	if n, _ := f.s.AuthorHistory(ctx, got.Author.ID, f.clients[1].ID); n != 0 {
		t.Errorf("AuthorHistory for another client = %d, want 0", n)
	}
}

func TestIngestSkipsItemsWithoutRemoteID(t *testing.T) {
	f := newFixture(t)
	res := f.ingest(t, 0, core.Batch{Items: []core.Item{item("", t0, "?"), item("1", t0, "ok")}})
	if res.NewItems != 1 || res.Skipped != 1 || res.NewItemIndex[0] != 1 {
		t.Fatalf("result = %+v", res)
	}
}

func TestIngestDefaults(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	it := item("1", time.Time{}, "no time, no kind, odd state")
	it.Kind, it.State = "", "weird"
	res := f.ingest(t, 2, core.Batch{Items: []core.Item{it}})
	got, _ := f.s.Item(ctx, res.NewItemIDs[0])
	if !got.CreatedAt.Equal(t0) || got.Kind != core.KindComment || got.State != core.StateNew {
		t.Errorf("defaults: created %v kind %q state %q", got.CreatedAt, got.Kind, got.State)
	}
	if got.ClientID != f.clients[1].ID || got.ClientSlug != "boulangerie" || got.Network != "Chirper" ||
		got.AccountHandle != "@boulangerie" || got.Provider != "demo" {
		t.Errorf("account/client fields: %+v", got)
	}
}

func TestIngestUnknownAccount(t *testing.T) {
	f := newFixture(t)
	_, err := f.s.IngestBatch(context.Background(), 999, core.Batch{Items: []core.Item{item("1", t0, "x")}}, t0)
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
}

func TestIngestSyncState(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	acc := f.accounts[0].ID
	if st, err := f.s.SyncState(ctx, acc); err != nil || st.Cursor != "" || !st.LastSuccess.IsZero() {
		t.Fatalf("fresh sync state = %+v, %v", st, err)
	}
	f.ingest(t, 0, core.Batch{Cursor: "c1"})
	backoff := t0.Add(5 * time.Minute)
	if err := f.s.RecordSyncFailure(ctx, acc, "HTTP 503", "transient", t0.Add(time.Minute), backoff, 2); err != nil {
		t.Fatal(err)
	}
	st, _ := f.s.SyncState(ctx, acc)
	if st.Cursor != "c1" || !st.LastSuccess.Equal(t0) || st.LastError != "HTTP 503" ||
		st.Failures != 2 || !st.BackoffUntil.Equal(backoff) || !st.LastAttempt.Equal(t0.Add(time.Minute)) {
		t.Fatalf("after failure = %+v", st)
	}
	if c, _ := f.s.Status(ctx); c.SyncErrors != 1 {
		t.Errorf("Status.SyncErrors = %d, want 1", c.SyncErrors)
	}
	f.clock.Advance(10 * time.Minute)
	f.ingest(t, 0, core.Batch{}) // empty cursor keeps the stored one
	st, _ = f.s.SyncState(ctx, acc)
	if st.Cursor != "c1" || st.LastError != "" || st.Failures != 0 || !st.BackoffUntil.IsZero() ||
		!st.LastSuccess.Equal(f.clock.Now()) {
		t.Fatalf("after success = %+v", st)
	}
	accs, err := f.s.Accounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range accs {
		if a.Account.ID == acc && a.State.Cursor != "c1" {
			t.Errorf("Accounts sync state = %+v", a.State)
		}
	}
}

func TestIngestPostsAndSnapshots(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	pub := t0.Add(-time.Hour)
	p := core.Post{RemoteID: "p1", Body: "Launch day!", PublishedAt: pub, Likes: 3}
	day := time.Date(2025, 3, 14, 15, 0, 0, 0, time.UTC) // normalized to midnight
	sn := core.StatSnapshot{Day: day, Followers: 100, Following: 5, Posts: 7}
	res := f.ingest(t, 0, core.Batch{Posts: []core.Post{p, {Body: "no remote id"}}, Snapshots: []core.StatSnapshot{sn}})
	if res.Posts != 1 {
		t.Fatalf("Posts = %d, want 1", res.Posts)
	}
	p.Likes = 42
	sn.Followers = 120
	f.ingest(t, 0, core.Batch{Posts: []core.Post{p}, Snapshots: []core.StatSnapshot{sn}})
	posts, err := f.s.Posts(ctx, t0.Add(-24*time.Hour), t0, 10)
	if err != nil || len(posts) != 1 {
		t.Fatalf("Posts = %+v, %v", posts, err)
	}
	if posts[0].Likes != 42 || posts[0].Status != core.PostPublished || posts[0].ClientID != f.clients[0].ID {
		t.Errorf("post = %+v", posts[0])
	}
	snaps, err := f.s.Snapshots(ctx, f.accounts[0].ID, t0.Add(-48*time.Hour), t0.Add(48*time.Hour))
	if err != nil || len(snaps) != 1 {
		t.Fatalf("Snapshots = %+v, %v", snaps, err)
	}
	if snaps[0].Followers != 120 || !snaps[0].Day.Equal(time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("snapshot = %+v", snaps[0])
	}
}

func TestIngestDuplicateInOneBatch(t *testing.T) {
	f := newFixture(t)
	a, b := item("1", t0, "v1"), item("1", t0, "v2")
	res := f.ingest(t, 0, core.Batch{Items: []core.Item{a, b}})
	if res.NewItems != 1 || res.Updated != 1 {
		t.Fatalf("result = %+v", res)
	}
	got, _ := f.s.Item(context.Background(), res.NewItemIDs[0])
	if got.Body != "v2" {
		t.Errorf("body = %q, want the later copy", got.Body)
	}
}

func TestIngestSameRemoteIDOnTwoAccounts(t *testing.T) {
	f := newFixture(t)
	f.ingest(t, 0, core.Batch{Items: []core.Item{item("1", t0, "a")}})
	if res := f.ingest(t, 1, core.Batch{Items: []core.Item{item("1", t0, "b")}}); res.NewItems != 1 {
		t.Fatalf("the second account's item was taken for a duplicate: %+v", res)
	}
}
