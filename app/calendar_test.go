package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"cmdeck/config"
	"cmdeck/core"
	"cmdeck/store"
)

// seeded lists the demo's posts around now.
func seeded(t *testing.T, ws *Workspace) []store.PostView {
	t.Helper()
	now := ws.Clock.Now()
	posts, err := ws.Store.CalendarPosts(context.Background(), store.PostQuery{
		From: now.AddDate(0, 0, -1), To: now.AddDate(0, 0, 12)})
	if err != nil {
		t.Fatal(err)
	}
	return posts
}

// The demo's scheduled posts are real: each has its pending publish action
// at its time, so it goes out with the demo network; drafts stay drafts;
// and every text fits its network, or the post would fail when due.
func TestDemoSeedSchedulesPosts(t *testing.T) {
	clock := core.NewManualClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	ws := openDemo(t, clock)
	nets := newNetworks(ws)
	scheduled, drafts := 0, 0
	for _, p := range seeded(t, ws) {
		switch p.Status {
		case core.PostScheduled:
			scheduled++
			if p.ActionID == 0 || p.ActionState != core.ActionPending {
				t.Errorf("scheduled post %d has action %d (%s), want a pending publish action", p.ID, p.ActionID, p.ActionState)
			}
		case core.PostDraft:
			drafts++
			if p.ActionID != 0 {
				t.Errorf("draft %d has a publish action", p.ID)
			}
		}
		if limit := nets.Limit(p.AccountID); limit > 0 && utf8.RuneCountInString(p.Body) > limit {
			t.Errorf("post %d is %d characters long; its network takes %d", p.ID, utf8.RuneCountInString(p.Body), limit)
		}
	}
	if scheduled < 5 || drafts < 5 {
		t.Fatalf("the demo has %d scheduled posts and %d drafts, want a calendar worth seeing", scheduled, drafts)
	}
}

// Two processes opening a new demo database at once seed it once: while
// one holds the seed lease the other leaves the seeding to it.
func TestDemoSeedWaitsForTheSeedLease(t *testing.T) {
	ctx := context.Background()
	clock := core.NewManualClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	env := testEnv(t)
	cfg, _, err := config.Load(config.Options{Env: env, Known: ProviderNames()})
	if err != nil {
		t.Fatal(err)
	}
	path := cfg.DBPath(env)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	other, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, held, err := other.AcquireLease(ctx, seedLease, "other:1:seed", clock.Now(), seedLeaseTTL); err != nil || !held {
		t.Fatalf("seed lease: %v %v", held, err)
	}
	open := func() int {
		ws, err := Open(ctx, cfg, Options{Env: env, Clock: clock, LogTo: &strings.Builder{}})
		if err != nil {
			t.Fatal(err)
		}
		defer ws.Close()
		return len(seeded(t, ws))
	}
	if n := open(); n != 0 {
		t.Fatalf("seeded %d posts while another process held the seed lease", n)
	}
	if err := other.ReleaseLease(ctx, seedLease, "other:1:seed"); err != nil {
		t.Fatal(err)
	}
	first := open()
	if first == 0 {
		t.Fatal("nothing seeded once the lease was free")
	}
	if again := open(); again != first {
		t.Fatalf("reopening went from %d to %d posts", first, again)
	}
}

func TestQueueSlots(t *testing.T) {
	clock := core.NewManualClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	demoWS := openDemo(t, clock)
	slots := demoWS.SlotsFunc()
	for _, a := range demoWS.Accounts {
		if len(slots(a.ID)) == 0 {
			t.Errorf("demo account %s has no queue slots", a.Handle)
		}
	}
	got := slots(demoWS.Accounts[0].ID)
	got[0].Hour = 3
	if slots(demoWS.Accounts[0].ID)[0].Hour == 3 {
		t.Error("a caller changed the slots every pane shares")
	}

	ws := openConfigured(t, clock, `
clients:
  - slug: fournil
    accounts:
      - provider: demo
        handle: "@lefournil"
        slots: ["weekdays 09:00", "sat 10:00"]
      - provider: demo
        handle: "@lefournil_fr"
`)
	slots = ws.SlotsFunc()
	with, without := accountByHandle(t, ws, "@lefournil"), accountByHandle(t, ws, "@lefournil_fr")
	if s := slots(with.ID); len(s) != 2 || s[0].String() != "weekdays 09:00" || s[1].String() != "sat 10:00" {
		t.Errorf("slots of %s = %v", with.Handle, s)
	}
	if s := slots(without.ID); s != nil {
		t.Errorf("an account without slots has %v", s)
	}
}

func TestMediaLimit(t *testing.T) {
	ws := openDemo(t, core.NewManualClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)))
	nets := newNetworks(ws)
	maxBytes, types, ok := nets.MediaLimit(ws.Accounts[0].ID)
	if !ok || maxBytes <= 0 || len(types) == 0 {
		t.Fatalf("demo media limit = %d %v %v, want the demo network's", maxBytes, types, ok)
	}
	if _, _, ok := nets.MediaLimit(987654); ok {
		t.Error("an unknown account takes attachments")
	}
}

// openConfigured opens the workspace of a config file.
func openConfigured(t *testing.T, clock core.Clock, body string) *Workspace {
	t.Helper()
	env := testEnv(t)
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, _, err := config.Load(config.Options{File: path, Env: env, Known: ProviderNames()})
	if err != nil {
		t.Fatal(err)
	}
	ws, err := Open(context.Background(), cfg, Options{Env: env, Clock: clock, LogTo: &strings.Builder{}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	return ws
}

// The runner gets the configured late limit: a post whose time passed
// while nothing ran goes out within the limit, and is missed with "never".
func TestRunnerLateLimitFromConfig(t *testing.T) {
	for _, tt := range []struct {
		limit string
		want  core.PostStatus
	}{
		{"", core.PostPublished}, // 2 h by default: ten minutes late still goes out
		{"never", core.PostMissed},
		{"5m", core.PostMissed},
	} {
		t.Run("late_limit="+tt.limit, func(t *testing.T) {
			clock := core.NewManualClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
			ws := openConfigured(t, clock, "calendar:\n  late_limit: \""+tt.limit+"\"\nclients:\n  - slug: a\n    accounts:\n      - provider: demo\n        handle: \"@a\"\n        network: Chirper\n")
			id := schedulePost(t, ws, clock.Now().Add(time.Minute), "")
			clock.Advance(11 * time.Minute)
			syncOnce(t, ws)
			if p, _ := ws.Store.Post(context.Background(), id); p.Status != tt.want {
				t.Fatalf("ten minutes late the post is %s, want %s", p.Status, tt.want)
			}
		})
	}
}

// The runner gets the configured zone: a weekly post keeps its wall-clock
// time there across a daylight-saving change.
func TestRunnerZoneFromConfig(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	at := time.Date(2026, 10, 29, 9, 0, 0, 0, ny) // the US leaves DST on November 1
	clock := core.NewManualClock(at.Add(-time.Minute))
	ws := openConfigured(t, clock, "timezone: America/New_York\nclients:\n  - slug: a\n    accounts:\n      - provider: demo\n        handle: \"@a\"\n        network: Chirper\n")
	schedulePost(t, ws, at, core.RecurWeekly)
	clock.Set(at.Add(time.Minute))
	syncOnce(t, ws)
	posts, err := ws.Store.CalendarPosts(context.Background(), store.PostQuery{From: at.Add(time.Hour), To: at.AddDate(0, 0, 8)})
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2026, 11, 5, 9, 0, 0, 0, ny)
	if len(posts) != 1 || !posts[0].ScheduledAt.Equal(want) {
		t.Fatalf("next occurrence: %v, want one at %v (09:00 in New York)", posts, want)
	}
}

// schedulePost plans a post on the workspace's first account.
func schedulePost(t *testing.T, ws *Workspace, at time.Time, recur core.Recurrence) int64 {
	t.Helper()
	ids, err := ws.Store.CreatePosts(context.Background(), store.PostDraft{AccountIDs: []int64{ws.Accounts[0].ID},
		Body: "Nouvelle fournée à 16h", At: at, Recur: recur, Actor: "test"}, ws.Clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	return ids[0]
}

// syncOnce runs one pass of the engine (sync, outbox, recurrences).
func syncOnce(t *testing.T, ws *Workspace) {
	t.Helper()
	runner, err := ws.NewRunner("test", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer runner.Close()
	if _, err := runner.SyncOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
}
