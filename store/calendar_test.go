package store

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"cmdeck/core"
)

// calCtx is the context the calendar tests act in: lea plans.
func calCtx() context.Context { return WithActor(context.Background(), "lea") }

// create plans a post and fails the test on error.
func (f *fixture) create(t *testing.T, d PostDraft) []int64 {
	t.Helper()
	ids, err := f.s.CreatePosts(calCtx(), d, f.clock.Now())
	if err != nil {
		t.Fatalf("CreatePosts(%+v): %v", d, err)
	}
	return ids
}

// post reads one post back.
func (f *fixture) post(t *testing.T, id int64) PostView {
	t.Helper()
	p, err := f.s.Post(context.Background(), id)
	if err != nil {
		t.Fatalf("Post(%d): %v", id, err)
	}
	return p
}

// postActions lists every action of a post, oldest first.
func (f *fixture) postActions(t *testing.T, postID int64) []ActionView {
	t.Helper()
	all, err := f.s.Actions(context.Background(), nil, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var out []ActionView
	for _, a := range all {
		if a.PostID == postID {
			out = append(out, a)
		}
	}
	slices.Reverse(out)
	return out
}

// claimPost claims the due actions at the clock's time as owner and
// returns the one of the post.
func (f *fixture) claimPost(t *testing.T, owner string, postID int64) ClaimedAction {
	t.Helper()
	for _, c := range f.claim(t, f.s, owner, 100) {
		if c.PostID == postID {
			return c
		}
	}
	t.Fatalf("post %d: nothing claimed", postID)
	return ClaimedAction{}
}

// auditActions lists the audit log's (action, target, actor), oldest first.
func (f *fixture) auditActions(t *testing.T) []string {
	t.Helper()
	log, err := f.s.AuditLog(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range log {
		out = append(out, e.Action+" "+e.Target+" "+e.Actor)
	}
	slices.Reverse(out)
	return out
}

func TestCreatePostsSchedulesOnePerAccount(t *testing.T) {
	f := newFixture(t)
	at := t0.Add(24 * time.Hour)
	ids := f.create(t, PostDraft{
		AccountIDs: []int64{f.accounts[0].ID, f.accounts[2].ID, f.accounts[0].ID},
		Body:       "Soldes !\x1b]52;c;ZXZpbA==\x07 -20 %", At: at,
		Media: []string{" /tmp/a.png ", "", "/tmp/b\x1b[31m.png"}, Actor: "marc",
	})
	if len(ids) != 2 {
		t.Fatalf("ids %v, want one post per distinct account", ids)
	}
	var keys []string
	for i, id := range ids {
		p := f.post(t, id)
		acc := f.accounts[[]int{0, 2}[i]]
		if p.AccountID != acc.ID || p.ClientID != acc.ClientID || p.Status != core.PostScheduled ||
			!p.ScheduledAt.Equal(at) || !p.At.Equal(at) || p.Body != "Soldes ! -20 %" ||
			!slices.Equal(p.Media, []string{"/tmp/a.png", "/tmp/b.png"}) || p.Handle != acc.Handle {
			t.Fatalf("post %d: %+v", i, p)
		}
		acts := f.postActions(t, id)
		if len(acts) != 1 {
			t.Fatalf("post %d: %d actions, want 1", i, len(acts))
		}
		a := acts[0]
		if a.ID != p.ActionID || p.ActionState != core.ActionPending || a.Kind != core.ActPublish ||
			!a.NotBefore.Equal(at) || a.Payload != p.Body || a.AccountID != acc.ID || a.Actor != "marc" ||
			!slices.Equal(a.Media, p.Media) {
			t.Fatalf("post %d action %+v (post %+v)", i, a.Action, p)
		}
		keys = append(keys, a.IdempotencyKey)
	}
	if keys[0] == keys[1] {
		t.Errorf("the posts share an idempotency key %q", keys[0])
	}
	p0, p1 := f.post(t, ids[0]), f.post(t, ids[1])
	if p0.GroupKey == "" || p0.GroupKey != p1.GroupKey {
		t.Errorf("group keys %q %q, want one shared key", p0.GroupKey, p1.GroupKey)
	}
	again := f.create(t, PostDraft{AccountIDs: []int64{f.accounts[0].ID}, Body: "autre"})
	if g := f.post(t, again[0]).GroupKey; g == p0.GroupKey || g == "" {
		t.Errorf("a second creation reused group %q", g)
	}
	audit := f.auditActions(t)
	if len(audit) != 3 || !strings.HasPrefix(audit[0], "post.create post:") || !strings.HasSuffix(audit[0], " marc") ||
		!strings.HasSuffix(audit[2], " lea") {
		t.Errorf("audit %q, want one create line per post, by the draft's actor else the context's", audit)
	}
}

func TestCreatePostsDraftHasNoAction(t *testing.T) {
	f := newFixture(t)
	ids := f.create(t, PostDraft{AccountIDs: []int64{f.accounts[1].ID}, Body: "idée", Recur: "hebdo"})
	p := f.post(t, ids[0])
	if p.Status != core.PostDraft || !p.ScheduledAt.IsZero() || p.ActionID != 0 || p.Recur != core.RecurWeekly ||
		!p.At.Equal(t0) {
		t.Fatalf("draft %+v", p)
	}
	if acts := f.postActions(t, ids[0]); len(acts) != 0 {
		t.Fatalf("a draft has actions: %+v", acts)
	}
}

func TestCreatePostsRejectsAndWritesNothing(t *testing.T) {
	f := newFixture(t)
	ctx := calCtx()
	tests := []struct {
		name string
		d    PostDraft
	}{
		{"no account", PostDraft{Body: "x", At: t0.Add(time.Hour)}},
		{"no text", PostDraft{AccountIDs: []int64{f.accounts[0].ID}, Body: " \x1b[2J "}},
		{"bad recurrence", PostDraft{AccountIDs: []int64{f.accounts[0].ID}, Body: "x", Recur: "yearly"}},
		{"unknown account", PostDraft{AccountIDs: []int64{f.accounts[0].ID, 999}, Body: "x", At: t0.Add(time.Hour)}},
	}
	for _, tc := range tests {
		if _, err := f.s.CreatePosts(ctx, tc.d, t0); err == nil {
			t.Errorf("%s: CreatePosts succeeded", tc.name)
		}
	}
	posts, _ := f.s.CalendarPosts(ctx, PostQuery{From: t0.Add(-time.Hour), To: t0.Add(48 * time.Hour)})
	acts, _ := f.s.Actions(ctx, nil, 10)
	if len(posts) != 0 || len(acts) != 0 {
		t.Fatalf("a refused creation left %d posts and %d actions", len(posts), len(acts))
	}
}

func TestCreatePostsWithMediaOnly(t *testing.T) {
	f := newFixture(t)
	ids := f.create(t, PostDraft{AccountIDs: []int64{f.accounts[0].ID}, Media: []string{"/p.jpg"}, At: t0.Add(time.Hour)})
	if p := f.post(t, ids[0]); p.Body != "" || len(p.Media) != 1 {
		t.Fatalf("media-only post %+v", p)
	}
}

func TestUpdatePostMovesItsActionAndText(t *testing.T) {
	f := newFixture(t)
	ctx := calCtx()
	id := f.create(t, PostDraft{AccountIDs: []int64{f.accounts[0].ID}, Body: "v1", At: t0.Add(time.Hour)})[0]
	action := f.post(t, id).ActionID
	later := t0.Add(5 * time.Hour)
	if err := f.s.UpdatePost(ctx, id, "v2\x1b[31m", later, t0); err != nil {
		t.Fatal(err)
	}
	p := f.post(t, id)
	a := f.action(t, action)
	if p.Body != "v2" || !p.ScheduledAt.Equal(later) || p.ActionID != action ||
		a.State != core.ActionPending || !a.NotBefore.Equal(later) || a.Payload != "v2" {
		t.Fatalf("after the edit: post %+v, action %+v", p, a.Action)
	}
	// Nothing leaves at the old time.
	f.clock.Set(t0.Add(2 * time.Hour))
	if got := f.claim(t, f.s, "A", 10); len(got) != 0 {
		t.Fatalf("claimed at the old time: %+v", got)
	}

	// Unscheduled: back to draft, the action cancelled.
	if err := f.s.UpdatePost(ctx, id, "v3", time.Time{}, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	p = f.post(t, id)
	if p.Status != core.PostDraft || !p.ScheduledAt.IsZero() || p.ActionID != 0 ||
		f.action(t, action).State != core.ActionCancelled {
		t.Fatalf("unscheduled: %+v, action %s", p, f.action(t, action).State)
	}
	f.clock.Set(later)
	if got := f.claim(t, f.s, "A", 10); len(got) != 0 {
		t.Fatalf("an unscheduled post was claimed: %+v", got)
	}

	// Scheduled again: a new action, with a new key.
	again := later.Add(time.Hour)
	if err := f.s.UpdatePost(ctx, id, "v4", again, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	p = f.post(t, id)
	acts := f.postActions(t, id)
	if p.Status != core.PostScheduled || p.ActionID == action || len(acts) != 2 ||
		acts[1].IdempotencyKey == acts[0].IdempotencyKey || acts[1].Payload != "v4" {
		t.Fatalf("rescheduled: %+v, actions %+v", p, acts)
	}
	if err := f.s.UpdatePost(ctx, id, " ", again, f.clock.Now()); err == nil {
		t.Error("an edit to an empty text succeeded")
	}
	if err := f.s.UpdatePost(ctx, 999, "x", again, f.clock.Now()); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown post: %v", err)
	}
	want := []string{"post.create", "post.update", "post.update", "post.update"}
	var got []string
	for _, l := range f.auditActions(t) {
		got = append(got, strings.Fields(l)[0])
	}
	if !slices.Equal(got, want) {
		t.Errorf("audit %q, want %q", got, want)
	}
}

func TestPostBusyWhileSentAndOncePublished(t *testing.T) {
	f := newFixture(t)
	ctx := calCtx()
	id := f.create(t, PostDraft{AccountIDs: []int64{f.accounts[0].ID}, Body: "v1", At: t0.Add(time.Minute)})[0]
	f.clock.Set(t0.Add(time.Minute))
	c := f.claimPost(t, "h:1:daemon", id)
	if p := f.post(t, id); p.Status != core.PostPublishing || p.ActionState != core.ActionClaimed {
		t.Fatalf("claimed: %+v", p)
	}
	now := f.clock.Now()
	changes := map[string]func() error{
		"update":      func() error { return f.s.UpdatePost(ctx, id, "v2", now.Add(time.Hour), now) },
		"unschedule":  func() error { return f.s.UpdatePost(ctx, id, "v2", time.Time{}, now) },
		"move":        func() error { return f.s.MovePost(ctx, id, time.Hour, now) },
		"delete":      func() error { return f.s.DeletePost(ctx, id, now) },
		"publish now": func() error { return f.s.PublishNow(ctx, id, now) },
		"retry":       func() error { return f.s.RetryPost(ctx, id, now) },
	}
	check := func(when string) {
		t.Helper()
		for name, change := range changes {
			if err := change(); !errors.Is(err, ErrPostBusy) {
				t.Errorf("%s %s: %v, want ErrPostBusy", name, when, err)
			}
		}
	}
	check("while sent")
	if a := f.action(t, c.ID); a.State != core.ActionClaimed || a.Payload != "v1" || !a.NotBefore.Equal(t0.Add(time.Minute)) {
		t.Fatalf("a refused change touched the action: %+v", a.Action)
	}
	if err := f.s.CompleteAction(ctx, c.ID, core.ActionResult{RemoteID: "r1", URL: "https://x/r1"}, now); err != nil {
		t.Fatal(err)
	}
	check("once published")
	if _, err := f.s.DuplicatePost(ctx, id, now); err != nil {
		t.Errorf("duplicating a published post: %v", err)
	}
}

func TestMovePost(t *testing.T) {
	f := newFixture(t)
	ctx := calCtx()
	at := t0.Add(time.Hour)
	id := f.create(t, PostDraft{AccountIDs: []int64{f.accounts[0].ID}, Body: "x", At: at})[0]
	if err := f.s.MovePost(ctx, id, 24*time.Hour, t0); err != nil {
		t.Fatal(err)
	}
	p := f.post(t, id)
	if !p.ScheduledAt.Equal(at.Add(24*time.Hour)) || !f.action(t, p.ActionID).NotBefore.Equal(at.Add(24*time.Hour)) {
		t.Fatalf("moved: %+v, action at %v", p, f.action(t, p.ActionID).NotBefore)
	}
	// Moved into the past, it is due at once but keeps the time it was given.
	if err := f.s.MovePost(ctx, id, -26*time.Hour, t0); err != nil {
		t.Fatal(err)
	}
	p = f.post(t, id)
	if !p.ScheduledAt.Equal(at.Add(-2*time.Hour)) || !f.action(t, p.ActionID).NotBefore.Equal(t0) {
		t.Fatalf("moved back: %+v, action at %v", p, f.action(t, p.ActionID).NotBefore)
	}
	draft := f.create(t, PostDraft{AccountIDs: []int64{f.accounts[0].ID}, Body: "y"})[0]
	if err := f.s.MovePost(ctx, draft, time.Hour, t0); !errors.Is(err, ErrPostState) {
		t.Errorf("moving a draft without a time: %v, want ErrPostState", err)
	}
}

func TestDeletePostCancelsItsAction(t *testing.T) {
	f := newFixture(t)
	ctx := calCtx()
	id := f.create(t, PostDraft{AccountIDs: []int64{f.accounts[0].ID}, Body: "x", At: t0.Add(time.Hour)})[0]
	action := f.post(t, id).ActionID
	if err := f.s.DeletePost(ctx, id, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Post(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted post still there: %v", err)
	}
	if a := f.action(t, action); a.State != core.ActionCancelled {
		t.Fatalf("action %s, want cancelled", a.State)
	}
	f.clock.Set(t0.Add(2 * time.Hour))
	if got := f.claim(t, f.s, "A", 10); len(got) != 0 {
		t.Fatalf("a deleted post's action was claimed: %+v", got)
	}
	if l := f.auditActions(t); !strings.HasPrefix(l[len(l)-1], "post.delete post:") {
		t.Errorf("audit %q", l)
	}
}

func TestDuplicatePost(t *testing.T) {
	f := newFixture(t)
	ctx := calCtx()
	id := f.create(t, PostDraft{AccountIDs: []int64{f.accounts[2].ID}, Body: "x", Media: []string{"/m.png"},
		At: t0.Add(time.Hour), Recur: core.RecurWeekly})[0]
	f.clock.Advance(time.Minute)
	dup, err := f.s.DuplicatePost(ctx, id, f.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	src, p := f.post(t, id), f.post(t, dup)
	if p.Status != core.PostDraft || p.Body != "x" || !slices.Equal(p.Media, src.Media) || p.AccountID != src.AccountID ||
		p.ClientID != src.ClientID || p.GroupKey == src.GroupKey || p.ActionID != 0 || !p.ScheduledAt.IsZero() ||
		p.Recur != core.RecurNone || !p.At.Equal(f.clock.Now()) {
		t.Fatalf("duplicate %+v of %+v", p, src)
	}
}

func TestPublishNow(t *testing.T) {
	f := newFixture(t)
	ctx := calCtx()
	draft := f.create(t, PostDraft{AccountIDs: []int64{f.accounts[0].ID}, Body: "draft"})[0]
	sched := f.create(t, PostDraft{AccountIDs: []int64{f.accounts[0].ID}, Body: "later", At: t0.Add(72 * time.Hour)})[0]
	f.clock.Advance(time.Minute)
	now := f.clock.Now()
	for _, id := range []int64{draft, sched} {
		if err := f.s.PublishNow(ctx, id, now); err != nil {
			t.Fatal(err)
		}
		p := f.post(t, id)
		if p.Status != core.PostScheduled || !p.ScheduledAt.Equal(now) || !f.action(t, p.ActionID).NotBefore.Equal(now) {
			t.Fatalf("post %d: %+v, action %+v", id, p, f.action(t, p.ActionID).Action)
		}
	}
	if got := claimedIDs(f.claim(t, f.s, "A", 10)); len(got) != 2 {
		t.Fatalf("claimed %v, want both posts due now", got)
	}
}

// A client-level draft (no account) cannot be scheduled.
func TestScheduleNeedsAnAccount(t *testing.T) {
	f := newFixture(t)
	ctx := calCtx()
	id, err := f.s.InsertPost(ctx, core.Post{ClientID: f.clients[0].ID, Body: "idea"})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.PublishNow(ctx, id, t0); !errors.Is(err, ErrPostState) {
		t.Fatalf("PublishNow of a post without account: %v, want ErrPostState", err)
	}
}

// The outbox moves the post with its action: publishing while claimed,
// scheduled with the error between transient failures, failed with the
// reason, published with the network's id, link and the runner's mode.
func TestPostFollowsItsPublishAction(t *testing.T) {
	f := newFixture(t)
	ctx := calCtx()
	id := f.create(t, PostDraft{AccountIDs: []int64{f.accounts[0].ID}, Body: "x", At: t0.Add(time.Minute),
		Media: []string{"/a.png"}})[0]
	f.clock.Set(t0.Add(time.Minute))
	c := f.claimPost(t, "host:7:daemon", id)
	if !slices.Equal(c.Media, []string{"/a.png"}) || c.Payload != "x" {
		t.Fatalf("claimed action %+v, want the post's text and media", c.Action)
	}
	if err := f.s.RetryLater(ctx, c.ID, "503 unavailable", t0.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	p := f.post(t, id)
	if p.Status != core.PostScheduled || p.Error != "503 unavailable" || p.Attempts != 1 || p.ActionState != core.ActionPending {
		t.Fatalf("after a transient failure: %+v", p)
	}
	f.clock.Set(t0.Add(2 * time.Minute))
	c = f.claimPost(t, "host:7:daemon", id)
	if err := f.s.FailAction(ctx, c.ID, "422 text too long", f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if p := f.post(t, id); p.Status != core.PostFailed || p.Error != "422 text too long" || p.Attempts != 2 {
		t.Fatalf("after a permanent failure: %+v", p)
	}
	if err := f.s.RetryPost(ctx, id, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	p = f.post(t, id)
	if a := f.action(t, c.ID); p.Status != core.PostScheduled || p.Error != "" || p.ActionID != c.ID ||
		a.State != core.ActionPending || a.Attempts != 0 || !a.NotBefore.Equal(f.clock.Now()) {
		t.Fatalf("retried: %+v, action %+v", p, a.Action)
	}
	c = f.claimPost(t, "host:8:daemon", id)
	if err := f.s.CompleteAction(ctx, c.ID, core.ActionResult{RemoteID: "109", URL: "https://m.example/@pf/109"}, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	p = f.post(t, id)
	if p.Status != core.PostPublished || p.RemoteID != "109" || p.URL != "https://m.example/@pf/109" ||
		p.PublishedBy != "daemon" || !p.PublishedAt.Equal(f.clock.Now()) || p.Error != "" || p.ActionState != core.ActionDone {
		t.Fatalf("published: %+v", p)
	}
}

// Discarding a post's action from the outbox leaves a draft: nothing will
// publish it, and the calendar must not say it is scheduled.
func TestDiscardedPublishLeavesADraft(t *testing.T) {
	f := newFixture(t)
	ctx := calCtx()
	at := t0.Add(time.Hour)
	id := f.create(t, PostDraft{AccountIDs: []int64{f.accounts[0].ID}, Body: "x", At: at})[0]
	if err := f.s.DiscardAction(ctx, f.post(t, id).ActionID, t0); err != nil {
		t.Fatal(err)
	}
	if p := f.post(t, id); p.Status != core.PostDraft || p.ActionID != 0 || !p.ScheduledAt.Equal(at) {
		t.Fatalf("after a discard: %+v", p)
	}
	// Moving it keeps it a draft; publishing it queues a new action.
	if err := f.s.MovePost(ctx, id, time.Hour, t0); err != nil {
		t.Fatal(err)
	}
	if p := f.post(t, id); p.Status != core.PostDraft || p.ActionID != 0 || !p.ScheduledAt.Equal(at.Add(time.Hour)) {
		t.Fatalf("moved draft: %+v", p)
	}
}

func TestMissedPostRetries(t *testing.T) {
	f := newFixture(t)
	ctx := calCtx()
	id := f.create(t, PostDraft{AccountIDs: []int64{f.accounts[0].ID}, Body: "x", At: t0.Add(time.Minute)})[0]
	if err := f.s.RetryPost(ctx, id, t0); !errors.Is(err, ErrPostState) {
		t.Fatalf("retrying a scheduled post: %v, want ErrPostState", err)
	}
	f.clock.Set(t0.Add(5 * time.Hour))
	c := f.claimPost(t, "h:1:tui", id)
	if err := f.s.MissAction(ctx, c.ID, "missed: 5h late", f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	p := f.post(t, id)
	if p.Status != core.PostMissed || p.Error != "missed: 5h late" || f.action(t, c.ID).State != core.ActionFailed {
		t.Fatalf("missed: %+v, action %s", p, f.action(t, c.ID).State)
	}
	if err := f.s.MissAction(ctx, c.ID, "again", f.clock.Now()); err == nil {
		t.Error("MissAction on an action not claimed succeeded")
	}
	if err := f.s.RetryPost(ctx, id, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if p := f.post(t, id); p.Status != core.PostScheduled || !f.action(t, c.ID).NotBefore.Equal(f.clock.Now()) {
		t.Fatalf("retried missed post: %+v", p)
	}
	if got := f.claim(t, f.s, "A", 10); len(got) != 1 || got[0].ID != c.ID {
		t.Fatalf("claimed %+v, want the missed post due now", got)
	}
}

// A post has one live publish action: a second one would publish it twice.
func TestOnePublishActionPerPost(t *testing.T) {
	f := newFixture(t)
	id := f.create(t, PostDraft{AccountIDs: []int64{f.accounts[0].ID}, Body: "x", At: t0.Add(time.Hour)})[0]
	_, err := f.s.Enqueue(context.Background(), core.Action{AccountID: f.accounts[0].ID, Kind: core.ActPublish,
		PostID: id, Payload: "x", IdempotencyKey: "dup"})
	if err == nil {
		t.Fatal("a second live publish action was queued")
	}
}

func TestRunnerMode(t *testing.T) {
	for owner, want := range map[string]string{
		"host:12:daemon": "daemon", "h:1:tui": "tui", "host:12": "", "": "", "a:b:serve:x": "serve:x",
	} {
		if got := runnerMode(owner); got != want {
			t.Errorf("runnerMode(%q) = %q, want %q", owner, got, want)
		}
	}
}
