package engine

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
	"cmdeck/store"
)

// paris is the user's zone in the calendar tests.
func paris(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// plan schedules a post on the world's account and returns its id.
func (w *outboxWorld) plan(d store.PostDraft) int64 {
	w.t.Helper()
	d.AccountIDs = []int64{w.acct.ID}
	ids, err := w.db.CreatePosts(store.WithActor(context.Background(), "lea"), d, w.clock.Now())
	if err != nil {
		w.t.Fatal(err)
	}
	return ids[0]
}

// post reads a post back.
func (w *outboxWorld) post(id int64) store.PostView {
	w.t.Helper()
	p, err := w.db.Post(context.Background(), id)
	if err != nil {
		w.t.Fatal(err)
	}
	return p
}

// posts lists the posts of [from, to).
func (w *outboxWorld) posts(from, to time.Time) []store.PostView {
	w.t.Helper()
	ps, err := w.db.CalendarPosts(context.Background(), store.PostQuery{From: from, To: to})
	if err != nil {
		w.t.Fatal(err)
	}
	return ps
}

// sentBodies lists the payloads the network received, in order.
func (w *outboxWorld) sentBodies() []string {
	var out []string
	for _, a := range w.net.sentActions() {
		out = append(out, a.Payload)
	}
	return out
}

// Two processes share the database and step at the same moments: every
// due post goes out exactly once, by whoever holds the lease, and a
// recurring one gets exactly one next occurrence. When the deck quits, the
// daemon takes over and the calendar says it published.
func TestPostsPublishOnceWhenRunnersRace(t *testing.T) {
	w := newOutboxWorld(t, "sender")
	var ids []int64
	for i := range 6 {
		d := store.PostDraft{Body: "post " + string(rune('A'+i)), At: t0.Add(time.Duration(i) * time.Minute)}
		if i == 0 {
			d.Recur = core.RecurWeekly
		}
		ids = append(ids, w.plan(d))
	}
	tui := w.runner("host:1:tui")
	daemon := w.runner("host:2:daemon")
	running := []*Runner{tui, daemon}
	stepBoth := func() {
		var wg sync.WaitGroup
		for _, r := range running {
			wg.Go(func() {
				if _, err := r.Step(context.Background(), w.clock.Now()); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
	}
	for range 3 { // posts A, B, C
		stepBoth()
		w.clock.Advance(time.Minute)
	}
	if err := tui.Close(); err != nil {
		t.Fatal(err)
	}
	running = running[1:]
	for range 5 { // the daemon takes the released lease; posts D, E, F
		stepBoth()
		w.clock.Advance(time.Minute)
	}
	sends, _, effects := w.net.counts()
	if sends != 6 || effects != 6 {
		t.Fatalf("%d sends, %d effects; want each post once (%q)", sends, effects, w.sentBodies())
	}
	holders := map[string]int{}
	for _, id := range ids {
		p := w.post(id)
		if p.Status != core.PostPublished || !strings.HasPrefix(p.RemoteID, "net-post-") || p.URL == "" {
			t.Fatalf("post %+v, want published with the network's id and link", p)
		}
		holders[p.PublishedBy]++
	}
	if holders["daemon"] < 3 || holders["daemon"]+holders["tui"] != 6 {
		t.Errorf("published by %v, want the daemon for the posts after the deck quit", holders)
	}
	all := w.posts(t0.Add(-time.Hour), t0.Add(8*24*time.Hour))
	if len(all) != 7 {
		t.Fatalf("%d posts, want 6 published and one next occurrence", len(all))
	}
	next := all[len(all)-1]
	if next.Status != core.PostScheduled || !next.ScheduledAt.Equal(t0.AddDate(0, 0, 7)) || next.Body != "post A" {
		t.Fatalf("next occurrence %+v", next)
	}
}

// The runner dies between the provider call and recording it. Hours later
// (the machine was off) another runner takes the claim back: the network
// says the post is out, so it is recorded, not sent again, and not marked
// missed however late that is.
func TestPostRunnerKilledMidPublish(t *testing.T) {
	w := newOutboxWorld(t, "sender")
	id := w.plan(store.PostDraft{Body: "Lancement !", At: t0.Add(time.Minute), Media: []string{"/img/launch.png"}})
	w.clock.Advance(time.Minute)
	claimed, err := w.db.ClaimDue(context.Background(), "host:1:tui", w.clock.Now(), DefaultOutboxStale, 1)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claim %v, %v", claimed, err)
	}
	if _, err := (sender{w.net}).Do(context.Background(), claimed[0].Action); err != nil {
		t.Fatal(err)
	}
	if p := w.post(id); p.Status != core.PostPublishing {
		t.Fatalf("while sent: %s", p.Status)
	}
	w.clock.Advance(5 * time.Hour)
	w.step(w.runner("host:2:daemon"))
	sends, checks, effects := w.net.counts()
	if sends != 1 || checks != 1 || effects != 1 {
		t.Fatalf("sends %d checks %d effects %d; want one send, found by a check", sends, checks, effects)
	}
	p := w.post(id)
	if p.Status != core.PostPublished || p.RemoteID == "" || p.PublishedBy != "daemon" {
		t.Fatalf("post %+v, want published by the daemon", p)
	}
	if got := w.net.sentActions()[0].Media; len(got) != 1 || got[0] != "/img/launch.png" {
		t.Errorf("the provider got media %q", got)
	}
}

// Two transient failures, then success: in between the calendar shows the
// post still scheduled, with the last error and the attempts.
func TestPostTransientFailuresThenPublished(t *testing.T) {
	w := newOutboxWorld(t, "sender")
	r := w.runner("host:1:daemon")
	id := w.plan(store.PostDraft{Body: "Horaires de Noël", At: t0.Add(time.Minute), Media: []string{"/img/noel.jpg"}})
	w.net.push(errors.New("502 bad gateway"), errors.New("connection reset"))
	w.clock.Advance(time.Minute)
	w.step(r)
	if p := w.post(id); p.Status != core.PostScheduled || !strings.Contains(p.Error, "502 bad gateway") || p.Attempts != 1 {
		t.Fatalf("after one failure: %+v", p)
	}
	w.clock.Advance(10 * time.Second)
	w.step(r)
	if p := w.post(id); p.Status != core.PostScheduled || !strings.Contains(p.Error, "connection reset") || p.Attempts != 2 {
		t.Fatalf("after two failures: %+v", p)
	}
	w.clock.Advance(30 * time.Second)
	w.step(r)
	p := w.post(id)
	if p.Status != core.PostPublished || p.RemoteID != "net-"+w.action(p.ActionID).IdempotencyKey ||
		!strings.HasPrefix(p.URL, "https://net.example/") || p.Error != "" || !p.PublishedAt.Equal(w.clock.Now()) {
		t.Fatalf("published: %+v", p)
	}
	if sends, _, effects := w.net.counts(); sends != 3 || effects != 1 {
		t.Fatalf("sends %d effects %d", sends, effects)
	}
	for i, a := range w.net.sentActions() {
		if a.Kind != core.ActPublish || a.PostID != id || len(a.Media) != 1 || a.Media[0] != "/img/noel.jpg" {
			t.Errorf("send %d carried %+v, want the post with its media", i, a)
		}
	}
}

// A post moved, edited or deleted while it waits never goes out at its old
// time or with its old text.
func TestPostChangedWhilePendingNeverGoesOutOld(t *testing.T) {
	w := newOutboxWorld(t, "sender")
	r := w.runner("host:1:daemon")
	ctx := store.WithActor(context.Background(), "lea")
	at := t0.Add(time.Hour)
	moved := w.plan(store.PostDraft{Body: "moved", At: at})
	edited := w.plan(store.PostDraft{Body: "old text", At: at})
	deleted := w.plan(store.PostDraft{Body: "deleted", At: at})
	unscheduled := w.plan(store.PostDraft{Body: "unscheduled", At: at})
	w.clock.Advance(30 * time.Minute)
	w.step(r)
	now := w.clock.Now()
	if err := w.db.MovePost(ctx, moved, 2*time.Hour, now); err != nil {
		t.Fatal(err)
	}
	if err := w.db.UpdatePost(ctx, edited, "new text", at, now); err != nil {
		t.Fatal(err)
	}
	if err := w.db.DeletePost(ctx, deleted, now); err != nil {
		t.Fatal(err)
	}
	if err := w.db.UpdatePost(ctx, unscheduled, "unscheduled", time.Time{}, now); err != nil {
		t.Fatal(err)
	}
	w.clock.Set(at)
	w.step(r)
	if got := w.sentBodies(); len(got) != 1 || got[0] != "new text" {
		t.Fatalf("sent %q at the old time, want only the edited text", got)
	}
	w.clock.Set(at.Add(2 * time.Hour))
	w.step(r)
	w.clock.Advance(24 * time.Hour)
	w.step(r)
	if got := w.sentBodies(); len(got) != 2 || got[1] != "moved" {
		t.Fatalf("sent %q, want the moved post at its new time and nothing else", got)
	}
	if p := w.post(moved); !p.PublishedAt.Equal(at.Add(2 * time.Hour)) {
		t.Errorf("moved post published at %v", p.PublishedAt)
	}
	if p := w.post(unscheduled); p.Status != core.PostDraft {
		t.Errorf("unscheduled post %s", p.Status)
	}
}

// The machine was off at the post's time: within the late limit the post
// still goes out; beyond it, it is marked missed with the reason, not sent,
// and the client's alert of the day counts it. The CM can retry it.
func TestMissedPostsAndTheLateLimit(t *testing.T) {
	w := newOutboxWorld(t, "sender")
	w.clock.Set(t0.Add(-4 * time.Hour)) // planned in the morning
	late := w.plan(store.PostDraft{Body: "late", At: t0.Add(time.Minute)})
	missed := w.plan(store.PostDraft{Body: "missed", At: t0.Add(-3 * time.Hour)})
	missed2 := w.plan(store.PostDraft{Body: "missed too", At: t0.Add(-2*time.Hour - 30*time.Minute)})
	w.clock.Set(t0.Add(90 * time.Minute)) // the machine was off until now
	r := w.runner("host:1:daemon", func(o *Options) { o.Location = paris(t) })
	w.step(r)
	if got := w.sentBodies(); len(got) != 1 || got[0] != "late" {
		t.Fatalf("sent %q, want only the post within the limit", got)
	}
	if p := w.post(late); p.Status != core.PostPublished {
		t.Fatalf("late post %+v", p)
	}
	for _, id := range []int64{missed, missed2} {
		p := w.post(id)
		if p.Status != core.PostMissed || !strings.Contains(p.Error, "missed") || !strings.Contains(p.Error, "the limit is 2h") {
			t.Fatalf("missed post %+v", p)
		}
	}
	alerts, err := w.db.OpenAlerts(context.Background(), 10)
	if err != nil || len(alerts) != 1 {
		t.Fatalf("alerts %+v, %v; want one for the client and day", alerts, err)
	}
	if a := alerts[0]; a.Rule != RuleMissed || a.Severity != core.SeverityWarning || a.ItemCount != 2 || a.ClientID != w.acct.ClientID {
		t.Fatalf("alert %+v", a)
	}
	var missedEvents int
	for _, e := range w.actionEvents() {
		if errors.Is(e.ActionErr, ErrMissed) {
			missedEvents++
		}
	}
	if missedEvents != 2 {
		t.Errorf("%d missed events, want 2", missedEvents)
	}
	// The CM retries one from the calendar: it goes out now.
	if err := w.db.RetryPost(context.Background(), missed, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	w.step(r)
	if p := w.post(missed); p.Status != core.PostPublished || len(w.sentBodies()) != 2 {
		t.Fatalf("retried missed post %+v, sent %q", p, w.sentBodies())
	}
}

// A negative late limit never publishes late, beyond the on-time grace.
func TestNeverPublishLate(t *testing.T) {
	w := newOutboxWorld(t, "sender")
	onTime := w.plan(store.PostDraft{Body: "on time", At: t0.Add(time.Minute)})
	late := w.plan(store.PostDraft{Body: "late", At: t0.Add(2 * time.Minute)})
	r := w.runner("host:1:daemon", func(o *Options) { o.LateLimit = -1 })
	w.clock.Advance(time.Minute + 30*time.Second)
	w.step(r)
	w.clock.Advance(2 * time.Minute) // the late one is 90 s past due
	w.step(r)
	if p := w.post(onTime); p.Status != core.PostPublished {
		t.Errorf("post 30 s late: %s, want published", p.Status)
	}
	if p := w.post(late); p.Status != core.PostMissed {
		t.Errorf("post 90 s late: %s, want missed", p.Status)
	}
}

// A weekly post at 09:00 in Paris published on the Friday before the
// autumn DST change comes back at 09:00 local the next Friday: 08:00 UTC,
// not 07:00. Its next occurrence is made once, whatever the steps.
func TestRecurringWeeklyAcrossDST(t *testing.T) {
	w := newOutboxWorld(t, "sender")
	loc := paris(t)
	fri := time.Date(2026, 10, 23, 9, 0, 0, 0, loc)
	w.clock.Set(fri.Add(-24 * time.Hour))
	id := w.plan(store.PostDraft{Body: "Le menu de la semaine", At: fri, Recur: core.RecurWeekly})
	r := w.runner("host:1:daemon", func(o *Options) { o.Location = loc })
	w.clock.Set(fri)
	for range 3 {
		w.step(r)
		w.clock.Advance(time.Minute)
	}
	if p := w.post(id); p.Status != core.PostPublished {
		t.Fatalf("first post %+v", p)
	}
	week := w.posts(fri.Add(time.Hour), fri.AddDate(0, 0, 14))
	if len(week) != 1 {
		t.Fatalf("%d next occurrences, want 1", len(week))
	}
	want := time.Date(2026, 10, 30, 8, 0, 0, 0, time.UTC)
	next := week[0]
	if !next.ScheduledAt.Equal(want) || next.ScheduledAt.In(loc).Hour() != 9 || next.Status != core.PostScheduled ||
		next.Recur != core.RecurWeekly || next.Body != "Le menu de la semaine" {
		t.Fatalf("next occurrence %+v, want scheduled at %v (09:00 CET)", next, want)
	}
	w.clock.Set(want)
	w.step(r)
	if p := w.post(next.ID); p.Status != core.PostPublished || !p.PublishedAt.Equal(want) {
		t.Fatalf("second occurrence %+v", p)
	}
	if sends, _, _ := w.net.counts(); sends != 2 {
		t.Fatalf("%d sends, want 2", sends)
	}
	third := w.posts(want.Add(time.Hour), want.AddDate(0, 0, 8))
	if len(third) != 1 || !third[0].ScheduledAt.Equal(time.Date(2026, 11, 6, 8, 0, 0, 0, time.UTC)) {
		t.Fatalf("third occurrence %+v", third)
	}
}

// 02:30 does not exist in Paris on 2027-03-28: the post is stored at the
// instant core's parser gives (03:30 local) and goes out once, then.
func TestPostInTheSpringForwardGap(t *testing.T) {
	w := newOutboxWorld(t, "sender")
	loc := paris(t)
	w.clock.Set(time.Date(2027, 3, 27, 12, 0, 0, 0, time.UTC))
	at, err := core.ParseWhen("2027-03-28 02:30", w.clock.Now(), loc)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2027, 3, 28, 3, 30, 0, 0, loc); !at.Equal(want) {
		t.Fatalf("parsed %v, want %v", at, want)
	}
	id := w.plan(store.PostDraft{Body: "Heure d'été", At: at})
	if p := w.post(id); !p.ScheduledAt.Equal(at) {
		t.Fatalf("stored at %v, want %v", p.ScheduledAt, at)
	}
	r := w.runner("host:1:daemon", func(o *Options) { o.Location = loc })
	w.clock.Set(at.Add(-time.Second))
	w.step(r)
	if sends, _, _ := w.net.counts(); sends != 0 {
		t.Fatal("sent before its time")
	}
	for range 4 {
		w.clock.Advance(time.Second)
		w.step(r)
	}
	if sends, _, _ := w.net.counts(); sends != 1 {
		t.Fatalf("%d sends, want 1", sends)
	}
	if p := w.post(id); p.Status != core.PostPublished || !p.PublishedAt.Equal(at) {
		t.Fatalf("post %+v", p)
	}
}

func TestNextOccurrenceSkipsPassedTimes(t *testing.T) {
	loc := paris(t)
	at := time.Date(2026, 10, 2, 9, 0, 0, 0, loc)
	next, ok := nextOccurrence(core.RecurWeekly, at, at.Add(time.Hour), loc)
	if !ok || !next.Equal(at.AddDate(0, 0, 7)) {
		t.Fatalf("next %v", next)
	}
	// Resumed a month later, on the 30th at noon: the 30th's 09:00 passed.
	next, _ = nextOccurrence(core.RecurWeekly, at, time.Date(2026, 10, 30, 12, 0, 0, 0, loc), loc)
	if want := time.Date(2026, 11, 6, 9, 0, 0, 0, loc); !next.Equal(want) {
		t.Fatalf("resumed: %v, want %v", next, want)
	}
	if _, ok := nextOccurrence(core.RecurNone, at, at, loc); ok {
		t.Fatal("a post that does not recur has a next time")
	}
}

func TestCalendarOptions(t *testing.T) {
	for _, tc := range []struct {
		set, want time.Duration
	}{
		{0, DefaultLateLimit}, {30 * time.Minute, 30 * time.Minute}, {-1, OnTimeGrace}, {time.Second, OnTimeGrace},
	} {
		r, err := New(Options{Store: newMemStore(), Registry: providers.NewRegistry(), LateLimit: tc.set})
		if err != nil {
			t.Fatal(err)
		}
		if got := r.lateAllowance(); got != tc.want {
			t.Errorf("LateLimit %v: allowance %v, want %v", tc.set, got, tc.want)
		}
		if r.loc != time.Local {
			t.Errorf("default location %v, want the local zone", r.loc)
		}
	}
	loc := paris(t)
	if r, _ := New(Options{Store: newMemStore(), Registry: providers.NewRegistry(), Location: loc}); r.loc != loc {
		t.Errorf("location %v, want %v", r.loc, loc)
	}
}
