package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"cmdeck/core"
)

// undoWindow is the tests' undo window.
const undoWindow = 5 * time.Second

// outboxFixture is a store with one thread: a root needing a reply (index
// 0) and an answer in it by another user (index 1).
func outboxFixture(t *testing.T) (*fixture, []int64) {
	t.Helper()
	f := newFixture(t)
	root := item("root", t0.Add(-time.Hour), "Ma commande n'est pas arrivée")
	root.NeedsReply = true
	answer := item("ans", t0.Add(-30*time.Minute), "Moi non plus !")
	answer.ParentRemoteID, answer.ThreadRemoteID = "root", "root"
	res := f.ingest(t, 0, core.Batch{Items: []core.Item{root, answer}})
	return f, res.NewItemIDs
}

// enqueue queues an action due after the undo window and fails the test on error.
func (f *fixture) enqueue(t *testing.T, a core.Action) int64 {
	t.Helper()
	if a.IdempotencyKey == "" {
		a.IdempotencyKey = fmt.Sprintf("key-%s-%d-%d", a.Kind, a.ItemID, f.clock.Now().UnixNano())
	}
	if a.NotBefore.IsZero() {
		a.NotBefore = f.clock.Now().Add(undoWindow)
	}
	id, err := f.s.Enqueue(context.Background(), a)
	if err != nil {
		t.Fatalf("Enqueue(%+v): %v", a, err)
	}
	return id
}

// action reads one outbox row back.
func (f *fixture) action(t *testing.T, id int64) ActionView {
	t.Helper()
	all, err := f.s.Actions(context.Background(), nil, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range all {
		if v.ID == id {
			return v
		}
	}
	t.Fatalf("action %d not listed", id)
	return ActionView{}
}

// claim claims due actions at the clock's time and fails the test on error.
func (f *fixture) claim(t *testing.T, s *Store, owner string, limit int) []ClaimedAction {
	t.Helper()
	got, err := s.ClaimDue(context.Background(), owner, f.clock.Now(), 2*time.Minute, limit)
	if err != nil {
		t.Fatalf("ClaimDue: %v", err)
	}
	return got
}

func claimedIDs(cs []ClaimedAction) []int64 {
	out := make([]int64, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

func TestEnqueueFillsAndChecks(t *testing.T) {
	f, items := outboxFixture(t)
	ctx := context.Background()
	id := f.enqueue(t, core.Action{Kind: core.ActReply, ItemID: items[0], Payload: "Bonjour\x1b[31m !", Actor: "léa"})
	got := f.action(t, id)
	if got.AccountID != f.accounts[0].ID || got.TargetRemoteID != "root" || got.State != core.ActionPending ||
		got.Attempts != 0 || !got.CreatedAt.Equal(t0) || !got.NotBefore.Equal(t0.Add(undoWindow)) ||
		got.Actor != "léa" || got.Payload != "Bonjour !" {
		t.Fatalf("enqueued %+v", got.Action)
	}
	if got.ClientName != "PixelForge Studio" || got.Network != "Chirper" || got.AccountHandle != "@pixelforge" ||
		got.ItemExcerpt != "Ma commande n'est pas arrivée" {
		t.Fatalf("view %+v", got)
	}
	block := f.action(t, f.enqueue(t, core.Action{Kind: core.ActBlock, ItemID: items[1]}))
	if block.TargetRemoteID != "u-ans" {
		t.Errorf("block target %q, want the author's id u-ans", block.TargetRemoteID)
	}

	bad := []struct {
		name string
		a    core.Action
	}{
		{"no key", core.Action{Kind: core.ActHide, ItemID: items[0]}},
		{"duplicate key", core.Action{Kind: core.ActHide, ItemID: items[0], IdempotencyKey: got.IdempotencyKey}},
		{"unknown kind", core.Action{Kind: "launch", ItemID: items[0], IdempotencyKey: "k-launch"}},
		{"no account nor item", core.Action{Kind: core.ActPublish, IdempotencyKey: "k-none"}},
		{"missing item", core.Action{Kind: core.ActHide, ItemID: 999, IdempotencyKey: "k-999"}},
		{"item of another account", core.Action{Kind: core.ActHide, ItemID: items[0], AccountID: f.accounts[2].ID, IdempotencyKey: "k-other"}},
	}
	for _, tc := range bad {
		if _, err := f.s.Enqueue(ctx, tc.a); err == nil {
			t.Errorf("%s: Enqueue succeeded", tc.name)
		}
	}
}

func TestCancelAndLastUndoable(t *testing.T) {
	f, items := outboxFixture(t)
	ctx := context.Background()
	mine1 := f.enqueue(t, core.Action{Kind: core.ActHide, ItemID: items[0], Actor: "lea"})
	f.clock.Advance(time.Second)
	mine2 := f.enqueue(t, core.Action{Kind: core.ActSpam, ItemID: items[1], Actor: "lea"})
	f.clock.Advance(time.Second)
	f.enqueue(t, core.Action{Kind: core.ActHide, ItemID: items[1], Actor: "tom"})

	last, err := f.s.LastUndoable(ctx, "lea", f.clock.Now())
	if err != nil || last.ID != mine2 {
		t.Fatalf("LastUndoable(lea) = %d, %v; want %d (tom's newer one is not hers)", last.ID, err, mine2)
	}
	if err := f.s.Cancel(ctx, mine2, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if err := f.s.Cancel(ctx, mine2, f.clock.Now()); err != nil {
		t.Errorf("cancelling twice: %v, want no-op", err)
	}
	if last, _ := f.s.LastUndoable(ctx, "lea", f.clock.Now()); last.ID != mine1 {
		t.Fatalf("after undo, LastUndoable = %d, want %d", last.ID, mine1)
	}
	// Past its window an action is no longer offered for undo.
	f.clock.Advance(undoWindow)
	if _, err := f.s.LastUndoable(ctx, "lea", f.clock.Now()); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after the window: %v, want ErrNotFound", err)
	}
	// Claimed: it is leaving, too late.
	if got := claimedIDs(f.claim(t, f.s, "w", 10)); !slices.Contains(got, mine1) {
		t.Fatalf("claimed %v, want %d among them", got, mine1)
	}
	if err := f.s.Cancel(ctx, mine1, f.clock.Now()); !errors.Is(err, ErrTooLate) {
		t.Fatalf("cancel a claimed action: %v, want ErrTooLate", err)
	}
	if f.action(t, mine2).State != core.ActionCancelled || f.action(t, mine1).State != core.ActionClaimed {
		t.Fatal("states after cancel and claim are wrong")
	}
	if err := f.s.Cancel(ctx, 999, f.clock.Now()); !errors.Is(err, ErrNotFound) {
		t.Errorf("cancel a missing action: %v", err)
	}
}

// A scheduled post waits until its slot: undo by key must never reach it.
func TestLastUndoableSkipsScheduledPosts(t *testing.T) {
	f, _ := outboxFixture(t)
	ctx := context.Background()
	f.enqueue(t, core.Action{Kind: core.ActPublish, AccountID: f.accounts[0].ID, Actor: "lea",
		Payload: "Nouveau trailer !", NotBefore: f.clock.Now().Add(7 * 24 * time.Hour)})
	if a, err := f.s.LastUndoable(ctx, "lea", f.clock.Now()); !errors.Is(err, ErrNotFound) {
		t.Fatalf("LastUndoable = %+v, %v; want ErrNotFound: a scheduled post is not undone by u", a, err)
	}
}

func TestPendingActions(t *testing.T) {
	f, items := outboxFixture(t)
	ctx := context.Background()
	reply := f.enqueue(t, core.Action{Kind: core.ActReply, ItemID: items[0], Payload: "Bonjour", NotBefore: t0})
	f.clock.Advance(time.Second)
	hide := f.enqueue(t, core.Action{Kind: core.ActHide, ItemID: items[0]})
	undone := f.enqueue(t, core.Action{Kind: core.ActSpam, ItemID: items[0]})
	other := f.enqueue(t, core.Action{Kind: core.ActHide, ItemID: items[1], NotBefore: t0})
	if err := f.s.Cancel(ctx, undone, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	f.claim(t, f.s, "w", 10) // reply and other are due
	if err := f.s.CompleteAction(ctx, other, core.ActionResult{}, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.PendingActions(ctx, []int64{items[0], items[1], 999})
	if err != nil {
		t.Fatal(err)
	}
	var gotIDs []int64
	for _, a := range got {
		gotIDs = append(gotIDs, a.ID)
	}
	if err := eq(gotIDs, []int64{reply, hide}); err != nil {
		t.Fatalf("pending actions (claimed reply, pending hide; not cancelled, not done): %v", err)
	}
	if got, err := f.s.PendingActions(ctx, nil); err != nil || got != nil {
		t.Errorf("no ids: %v, %v", got, err)
	}
}

func TestCompleteReply(t *testing.T) {
	f, items := outboxFixture(t)
	ctx := context.Background()
	// The reply answers the second message; the thread root is the first.
	id := f.enqueue(t, core.Action{Kind: core.ActReply, ItemID: items[1], NotBefore: t0,
		Payload: "Nous regardons votre colis tout de suite", IdempotencyKey: "rep-1"})
	f.claim(t, f.s, "w", 1)
	f.clock.Advance(time.Second)
	res := core.ActionResult{RemoteID: "chirper-r42", URL: "https://chirper.example/r42"}
	for range 2 { // the second completion must change nothing
		if err := f.s.CompleteAction(ctx, id, res, f.clock.Now()); err != nil {
			t.Fatal(err)
		}
	}
	if v := f.action(t, id); v.State != core.ActionDone {
		t.Fatalf("action state %s", v.State)
	}
	thread, err := f.s.Thread(ctx, items[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(thread) != 3 {
		t.Fatalf("thread has %d items, want root, answer and our reply once", len(thread))
	}
	r := thread[2]
	if !r.Outgoing || r.Kind != core.KindReply || r.RemoteID != "chirper-r42" || r.ParentRemoteID != "ans" ||
		r.ThreadRemoteID != "root" || r.Body != "Nous regardons votre colis tout de suite" ||
		!r.CreatedAt.Equal(f.clock.Now()) || r.Author.Handle != "@pixelforge" ||
		r.Author.RemoteID != "self:@pixelforge" || r.URL != res.URL {
		t.Fatalf("reply item %+v", r.Item)
	}
	if thread[1].State != core.StateReplied || thread[1].NeedsReply {
		t.Fatalf("target %+v, want replied", thread[1].Item)
	}
	found := f.mustList(t, ItemFilter{Query: "colis"}, PageKey{}, Older, 10)
	if err := eq(remoteIDs(found), []string{"chirper-r42"}); err != nil {
		t.Fatalf("search finds the reply: %v", err)
	}
	if in := f.mustList(t, ItemFilter{IncomingOnly: true}, PageKey{}, Older, 10); len(in) != 2 {
		t.Fatalf("incoming items %v: our reply must not be a row", remoteIDs(in))
	}
}

func TestCompleteReplyWithoutRemoteID(t *testing.T) {
	f, items := outboxFixture(t)
	ctx := context.Background()
	id := f.enqueue(t, core.Action{Kind: core.ActReply, ItemID: items[0], Payload: "Merci", IdempotencyKey: "k9"})
	if err := f.s.CompleteAction(ctx, id, core.ActionResult{}, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	thread, _ := f.s.Thread(ctx, items[0])
	last := thread[len(thread)-1]
	if last.RemoteID != "local:k9" || last.ParentRemoteID != "root" || last.ThreadRemoteID != "root" {
		t.Fatalf("reply %+v", last.Item)
	}
	if thread[0].State != core.StateReplied || thread[0].NeedsReply {
		t.Fatalf("root %+v, want replied", thread[0].Item)
	}
	if st, _ := f.s.Status(ctx); st.NeedsReply != 0 {
		t.Fatalf("status needs reply %d after the answer", st.NeedsReply)
	}
	if err := f.s.CompleteAction(ctx, 999, core.ActionResult{}, f.clock.Now()); !errors.Is(err, ErrNotFound) {
		t.Errorf("completing a missing action: %v", err)
	}
}

func TestCompleteModeration(t *testing.T) {
	f, items := outboxFixture(t)
	ctx := context.Background()
	itemOf := func(id int64) ItemView {
		v, err := f.s.Item(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		kind  core.ActionKind
		check func() error
	}{
		{core.ActHide, func() error { return wantState(itemOf(items[1]), core.StateHidden) }},
		{core.ActUnhide, func() error { return wantState(itemOf(items[1]), core.StateRead) }},
		{core.ActSpam, func() error { return wantState(itemOf(items[1]), core.StateSpam) }},
		{core.ActBlock, func() error {
			if !itemOf(items[1]).Author.Blocked {
				return errors.New("author not blocked")
			}
			return nil
		}},
		{core.ActUnblock, func() error {
			if itemOf(items[1]).Author.Blocked {
				return errors.New("author still blocked")
			}
			return nil
		}},
		{core.ActDelete, func() error { return wantState(itemOf(items[1]), core.StateDeleted) }},
	}
	for i, tc := range tests {
		id := f.enqueue(t, core.Action{Kind: tc.kind, ItemID: items[1], IdempotencyKey: fmt.Sprintf("mod-%d", i)})
		if err := f.s.CompleteAction(ctx, id, core.ActionResult{}, f.clock.Now()); err != nil {
			t.Fatalf("%s: %v", tc.kind, err)
		}
		if err := tc.check(); err != nil {
			t.Errorf("%s: %v", tc.kind, err)
		}
	}
	// Blocking by author id, with no item: the flag still lands.
	id := f.enqueue(t, core.Action{Kind: core.ActBlock, AccountID: f.accounts[0].ID, TargetRemoteID: "u-root", IdempotencyKey: "by-author"})
	if err := f.s.CompleteAction(ctx, id, core.ActionResult{}, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if !itemOf(items[0]).Author.Blocked {
		t.Error("blocking by author id did not flag the author")
	}
}

func wantState(v ItemView, st core.ItemState) error {
	if v.State != st {
		return fmt.Errorf("item state %s, want %s", v.State, st)
	}
	return nil
}

func TestCompletePublish(t *testing.T) {
	f, _ := outboxFixture(t)
	ctx := context.Background()
	post, err := f.s.InsertPost(ctx, core.Post{AccountID: f.accounts[0].ID, Body: "Nouveau niveau !", ScheduledAt: t0.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	id := f.enqueue(t, core.Action{Kind: core.ActPublish, AccountID: f.accounts[0].ID, PostID: post,
		Payload: "Nouveau niveau !", NotBefore: t0.Add(time.Hour)})
	if err := f.s.CompleteAction(ctx, id, core.ActionResult{RemoteID: "p-1", URL: "https://x.example/p-1"}, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	posts, err := f.s.Posts(ctx, t0, t0.Add(2*time.Hour), 10)
	if err != nil || len(posts) != 1 {
		t.Fatalf("posts %+v, %v", posts, err)
	}
	if p := posts[0]; p.Status != core.PostPublished || p.RemoteID != "p-1" || !p.PublishedAt.Equal(t0.Add(time.Hour)) {
		t.Fatalf("post %+v", p)
	}
}

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("abcdé ", 20) // 120 characters on one line
	tests := []struct{ in, want string }{
		{"", ""},
		{"one line", "one line"},
		{"\n  \n first \nsecond", "first"},
		{long, strings.TrimSpace(string([]rune(long)[:79])) + "…"},
		{strings.Repeat("é", 80), strings.Repeat("é", 80)},
	}
	for _, tc := range tests {
		got := excerpt(tc.in, 80)
		if got != tc.want || utf8.RuneCountInString(got) > 80 {
			t.Errorf("excerpt(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
