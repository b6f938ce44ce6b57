package store

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"cmdeck/core"
)

// pagingFixture stores n items over two accounts with many equal
// timestamps, and returns their ids in the expected newest-first order.
func pagingFixture(t *testing.T, n int) (*fixture, []int64) {
	t.Helper()
	f := newFixture(t)
	type row struct {
		at int64
		id int64
	}
	var all []row
	for acc := range 2 {
		var items []core.Item
		for i := range n / 2 {
			// Only n/10 distinct times: runs of equal created_at.
			at := t0.Add(-time.Duration(i/5) * time.Minute)
			body := "paging"
			if i%3 == 0 {
				body = "paging rare" // a word in one item in three, for dense windows
			}
			items = append(items, item(string(rune('a'+acc))+strconv.Itoa(i), at, body))
		}
		res := f.ingest(t, acc, core.Batch{Items: items})
		for k, id := range res.NewItemIDs {
			all = append(all, row{items[res.NewItemIndex[k]].CreatedAt.UnixMilli(), id})
		}
	}
	slices.SortFunc(all, func(a, b row) int {
		if a.at != b.at {
			return int(b.at - a.at)
		}
		return int(b.id - a.id)
	})
	want := make([]int64, len(all))
	for i, r := range all {
		want[i] = r.id
	}
	return f, want
}

func TestKeysetWalksEverythingOlder(t *testing.T) {
	f, want := pagingFixture(t, 137)
	for _, size := range []int{1, 7, 50, 500} {
		var got []int64
		key := PageKey{}
		for range len(want) + 2 {
			page := f.mustList(t, ItemFilter{}, key, Older, size)
			if len(page) == 0 {
				break
			}
			got = append(got, ids(page)...)
			key = KeyOf(page[len(page)-1].Item)
		}
		if err := eq(got, want); err != nil {
			t.Fatalf("page size %d: walking Older: %v", size, err)
		}
	}
}

func TestKeysetWalksEverythingNewer(t *testing.T) {
	f, want := pagingFixture(t, 137)
	for _, size := range []int{1, 7, 50, 500} {
		// Zero key + Newer is the bottom page, newest first.
		page := f.mustList(t, ItemFilter{}, PageKey{}, Newer, size)
		if err := eq(ids(page), want[max(0, len(want)-size):]); err != nil {
			t.Fatalf("page size %d: bottom page: %v", size, err)
		}
		got := ids(page)
		for range len(want) + 2 {
			key := KeyOf(page[0].Item)
			page = f.mustList(t, ItemFilter{}, key, Newer, size)
			if len(page) == 0 {
				break
			}
			got = append(ids(page), got...)
		}
		if err := eq(got, want); err != nil {
			t.Fatalf("page size %d: walking Newer: %v", size, err)
		}
	}
}

func TestKeysetTopAndMiddle(t *testing.T) {
	f, want := pagingFixture(t, 60)
	top := f.mustList(t, ItemFilter{}, PageKey{}, Older, 10)
	if err := eq(ids(top), want[:10]); err != nil {
		t.Fatalf("top page: %v", err)
	}
	// Newer from the 30th row: the 10 rows just above it, newest first.
	mid := f.mustList(t, ItemFilter{}, PageKey{}, Older, 30)
	above := f.mustList(t, ItemFilter{}, KeyOf(mid[29].Item), Newer, 10)
	if err := eq(ids(above), want[19:29]); err != nil {
		t.Fatalf("Newer from the middle: %v", err)
	}
	if none := f.mustList(t, ItemFilter{}, KeyOf(top[0].Item), Newer, 10); len(none) != 0 {
		t.Fatalf("Newer from the top returned %d rows", len(none))
	}
}

// filterFixture stores a varied set of items and returns them by remote id.
type stored struct {
	core.Item
	id       int64
	account  int
	authorID int64
}

func filterFixture(t *testing.T) (*fixture, []stored) {
	t.Helper()
	ctx := context.Background()
	f := newFixture(t)
	g := newGen(7)
	var out []stored
	for acc := range 3 {
		items := g.batch(120, t0.Add(-time.Duration(acc)*time.Hour))
		for i := range items {
			items[i].Outgoing = i%17 == 0
		}
		res := f.ingest(t, acc, core.Batch{Items: items})
		for k, id := range res.NewItemIDs {
			it := items[res.NewItemIndex[k]]
			v, err := f.s.Item(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, stored{Item: it, id: id, account: acc, authorID: v.Author.ID})
		}
	}
	// Triage some items so state filters have something to find.
	states := []core.ItemState{core.StateRead, core.StateReplied, core.StateDone, core.StateHidden, core.StateSpam, core.StateDeleted}
	for i := range out {
		if i%3 == 0 {
			out[i].State = states[(i/3)%len(states)]
			f.exec(t, `UPDATE items SET state = ? WHERE id = ?`, string(out[i].State), out[i].id)
		} else {
			out[i].State = core.StateNew
		}
	}
	return f, out
}

// expect returns the ids of the items keep accepts, newest first.
func expect(all []stored, keep func(stored) bool) []int64 {
	var sel []stored
	for _, s := range all {
		if keep(s) {
			sel = append(sel, s)
		}
	}
	slices.SortFunc(sel, func(a, b stored) int {
		if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
			return c
		}
		return int(b.id - a.id)
	})
	out := make([]int64, len(sel))
	for i, s := range sel {
		out[i] = s.id
	}
	return out
}

func needsReply(s stored) bool {
	return s.NeedsReply && !slices.Contains([]core.ItemState{core.StateDone, core.StateHidden,
		core.StateSpam, core.StateDeleted, core.StateReplied}, s.State)
}

func TestEveryFilter(t *testing.T) {
	f, all := filterFixture(t)
	known := map[string]bool{}
	for _, s := range all {
		known[s.RemoteID] = true // remote ids are unique across accounts here
	}
	notDeleted := func(s stored) bool { return s.State != core.StateDeleted }
	someAuthor := all[5].authorID
	tests := []struct {
		name string
		f    ItemFilter
		keep func(stored) bool
	}{
		{"none", ItemFilter{}, notDeleted},
		{"client", ItemFilter{ClientID: f.clients[1].ID}, func(s stored) bool { return notDeleted(s) && s.account == 2 }},
		{"account", ItemFilter{AccountID: f.accounts[1].ID}, func(s stored) bool { return notDeleted(s) && s.account == 1 }},
		{"network", ItemFilter{Network: "Chirper"}, func(s stored) bool { return notDeleted(s) && s.account != 1 }},
		{"kind", ItemFilter{Kind: core.KindDM}, func(s stored) bool { return notDeleted(s) && s.Kind == core.KindDM }},
		{"states", ItemFilter{States: []core.ItemState{core.StateDone, core.StateDeleted}}, func(s stored) bool {
			return s.State == core.StateDone || s.State == core.StateDeleted
		}},
		{"needs reply", ItemFilter{NeedsReply: true}, needsReply},
		{"needs reply + client", ItemFilter{NeedsReply: true, ClientID: f.clients[0].ID}, func(s stored) bool {
			return needsReply(s) && s.account < 2
		}},
		{"unread", ItemFilter{Unread: true}, func(s stored) bool { return s.State == core.StateNew }},
		{"author", ItemFilter{AuthorID: someAuthor}, func(s stored) bool { return notDeleted(s) && s.authorID == someAuthor }},
		{"sentiment", ItemFilter{Sentiment: core.SentimentNegative}, func(s stored) bool {
			return notDeleted(s) && s.Sentiment == core.SentimentNegative
		}},
		{"tag", ItemFilter{Tag: "refund"}, func(s stored) bool { return notDeleted(s) && slices.Contains(s.Tags, "refund") }},
		{"roots only", ItemFilter{RootsOnly: true}, func(s stored) bool {
			return notDeleted(s) && (s.ParentRemoteID == "" || !known[s.ParentRemoteID] ||
				!sameAccount(all, s))
		}},
		{"incoming only", ItemFilter{IncomingOnly: true}, func(s stored) bool { return notDeleted(s) && !s.Outgoing }},
		{"combined", ItemFilter{ClientID: f.clients[0].ID, Kind: core.KindComment, Unread: true, IncomingOnly: true},
			func(s stored) bool {
				return s.account < 2 && s.Kind == core.KindComment && s.State == core.StateNew && !s.Outgoing
			}},
	}
	ctx := context.Background()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := expect(all, tc.keep)
			if len(want) == 0 {
				t.Fatalf("fixture has no item for this filter")
			}
			got := f.mustList(t, tc.f, PageKey{}, Older, 1000)
			if err := eq(ids(got), want); err != nil {
				t.Fatalf("ListItems: %v", err)
			}
			if n, err := f.s.CountItems(ctx, tc.f); err != nil || n != len(want) {
				t.Fatalf("CountItems = %d, %v; want %d", n, err, len(want))
			}
			// Paging with the filter agrees with the single page.
			var paged []int64
			key := PageKey{}
			for {
				page := f.mustList(t, tc.f, key, Older, 9)
				if len(page) == 0 {
					break
				}
				paged = append(paged, ids(page)...)
				key = KeyOf(page[len(page)-1].Item)
			}
			if err := eq(paged, want); err != nil {
				t.Fatalf("paged: %v", err)
			}
		})
	}
}

// sameAccount reports whether s's parent is stored on s's account.
func sameAccount(all []stored, s stored) bool {
	for _, p := range all {
		if p.RemoteID == s.ParentRemoteID && p.account == s.account {
			return true
		}
	}
	return false
}

func TestSearch(t *testing.T) {
	f := newFixture(t)
	bodies := map[string]string{
		"1": "La crème brûlée était parfaite",
		"2": "Quel été magnifique à Paris",
		"3": "The app keeps crashing on startup",
		"4": "Crash report attached, please help",
		"5": `He said "NOT" and AND OR body:x * ( )`,
		"6": "l'été dernier, c'était mieux",
	}
	var items []core.Item
	for r, b := range bodies {
		it := item(r, t0.Add(-time.Duration(len(r))*time.Second), b)
		items = append(items, it)
	}
	items[0].Author = core.Author{RemoteID: "zz", Handle: "@zoe_lefevre", Name: "Zoé Lefèvre"}
	f.ingest(t, 0, core.Batch{Items: items})
	zoeItem := items[0].RemoteID

	tests := []struct {
		query string
		want  []string
	}{
		{"creme", []string{"1"}},
		{"CRÈME brulee", []string{"1"}},
		{"ete", []string{"2", "6"}},
		{"crash", []string{"3", "4"}}, // prefix on the last word: crashing
		{"crash report", []string{"4"}},
		{"crashing report", nil}, // every word must match
		{"zoe", []string{zoeItem}},
		{"@zoe_lef", []string{zoeItem}},
		{`NOT`, []string{"5"}},
		{`body:x`, []string{"5"}},
		{`"`, nil},
		{`* ( )`, nil},
		{"l'été", []string{"6"}},
		{"nothingmatches", nil},
	}
	ctx := context.Background()
	for _, sparse := range []bool{true, false} {
		for _, tc := range tests {
			f.s.sparseMax = 1000
			if !sparse {
				f.s.sparseMax = 0 // force the time-index plan
			}
			got := f.mustList(t, ItemFilter{Query: tc.query}, PageKey{}, Older, 50)
			gotIDs := remoteIDs(got)
			slices.Sort(gotIDs)
			want := slices.Clone(tc.want)
			slices.Sort(want)
			if err := eq(gotIDs, want); err != nil {
				t.Errorf("sparse=%v search %q = %v, want %v", sparse, tc.query, gotIDs, want)
			}
			if n, err := f.s.CountItems(ctx, ItemFilter{Query: tc.query}); err != nil || n != len(want) {
				t.Errorf("CountItems(%q) = %d, %v", tc.query, n, err)
			}
		}
	}
}

func TestSearchPagingEveryPlan(t *testing.T) {
	f, all := pagingFixture(t, 90) // every body says "paging", one in three "rare"
	ctx := context.Background()
	var want []int64
	for _, id := range all {
		v, err := f.s.Item(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(v.Body, "rare") {
			want = append(want, id)
		}
	}
	plans := []struct {
		name      string
		sparseMax int
		span      int64
		chunk     int
	}{
		{"sparse", 1000, denseSpan, denseChunk},
		{"dense windows, several rounds", 0, denseSpan, 7},
		{"dense windows, one round", 0, denseSpan, 512},
		{"dense whole set (ids do not follow time)", 0, 0, 7},
	}
	for _, p := range plans {
		f.s.sparseMax, f.s.denseSpan, f.s.denseChunk = p.sparseMax, p.span, p.chunk
		for _, q := range []struct {
			query string
			want  []int64
		}{{"pag", all}, {"rare", want}} {
			var got []int64
			key := PageKey{}
			for {
				page := f.mustList(t, ItemFilter{Query: q.query}, key, Older, 8)
				if len(page) == 0 {
					break
				}
				got = append(got, ids(page)...)
				key = KeyOf(page[len(page)-1].Item)
			}
			if err := eq(got, q.want); err != nil {
				t.Fatalf("%s, %q: %v", p.name, q.query, err)
			}
			bottom := f.mustList(t, ItemFilter{Query: q.query}, PageKey{}, Newer, 5)
			if err := eq(ids(bottom), q.want[len(q.want)-5:]); err != nil {
				t.Fatalf("%s, %q bottom: %v", p.name, q.query, err)
			}
		}
	}
}

func TestThread(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	root := item("root", t0.Add(-3*time.Hour), "Question?")
	r1 := item("r1", t0.Add(-2*time.Hour), "Answer 1")
	r1.ParentRemoteID, r1.ThreadRemoteID = "root", "root"
	r2 := item("r2", t0.Add(-1*time.Hour), "Our reply")
	r2.ParentRemoteID, r2.ThreadRemoteID, r2.Outgoing = "r1", "root", true
	other := item("other", t0, "Another conversation")
	res := f.ingest(t, 0, core.Batch{Items: []core.Item{r2, other, root, r1}})
	// The same remote ids on another account are another conversation.
	f.ingest(t, 1, core.Batch{Items: []core.Item{item("root", t0, "elsewhere"), r1}})

	for _, start := range []int{0, 2, 3} { // from a reply, the root, a middle reply
		th, err := f.s.Thread(ctx, res.NewItemIDs[start])
		if err != nil {
			t.Fatal(err)
		}
		if err := eq(remoteIDs(th), []string{"root", "r1", "r2"}); err != nil {
			t.Fatalf("thread from %d: %v (%v)", start, err, remoteIDs(th))
		}
		if !th[2].Outgoing {
			t.Errorf("our reply not marked outgoing")
		}
	}
	alone, _ := f.s.Thread(ctx, res.NewItemIDs[1])
	if err := eq(remoteIDs(alone), []string{"other"}); err != nil {
		t.Fatalf("lone thread: %v", err)
	}
	if _, err := f.s.Thread(ctx, 9999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Thread(unknown) err = %v", err)
	}
	if _, err := f.s.Item(ctx, 9999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Item(unknown) err = %v", err)
	}
}

func TestListItemsBadInput(t *testing.T) {
	f, want := pagingFixture(t, 20)
	if got := f.mustList(t, ItemFilter{}, PageKey{}, Older, 0); len(got) != len(want) {
		t.Errorf("limit 0 returned %d rows, want the default page", len(got))
	}
	if got := f.mustList(t, ItemFilter{}, PageKey{}, Older, -5); len(got) != len(want) {
		t.Errorf("negative limit returned %d rows", len(got))
	}
	if got := f.mustList(t, ItemFilter{}, PageKey{CreatedAt: -1, ID: -1}, Older, 10); len(got) != 0 {
		t.Errorf("a key before everything returned %d rows", len(got))
	}
	if got := f.mustList(t, ItemFilter{Query: "\x00\x1b[31m"}, PageKey{}, Older, 10); len(got) != 0 {
		t.Errorf("control-character query returned %d rows", len(got))
	}
}
