package calendar

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// The pane over the real store: plan a post for two accounts, see it on
// the calendar, move it, then try to move it while the engine sends it.
// It checks that the pane's writes carry who acts (WithActor) and that
// the store's refusals come back as the pane expects, not only a fake's.
func TestAgainstTheRealStore(t *testing.T) {
	ctx := context.Background()
	clock := core.NewManualClock(now)
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "cal.db"), store.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	_, _, err = st.UpsertWorkspace(ctx,
		[]core.Client{{Slug: "dupre", Name: "Boulangerie Dupré"}},
		[]core.Account{{ClientSlug: "dupre", Provider: "demo", Network: "Chirper", Handle: "@dupre"},
			{ClientSlug: "dupre", Provider: "demo", Network: "Facegram", Handle: "@dupre.fb"}})
	if err != nil {
		t.Fatal(err)
	}
	m := newPane(t, st, 80, 21, func(c *common.Context) { c.Clock = clock })

	press(t, m, "n")
	typeText(t, m, "Galette des rois : commandez avant samedi")
	tick(t, m, 0, 1) // both accounts
	setWhen(t, m, "today 14:00")
	press(t, m, "enter")
	if m.composer != nil {
		t.Fatalf("the composer stayed open: %q", m.composer.Notice())
	}
	posts, err := st.CalendarPosts(ctx, store.PostQuery{From: at(12, 0, 0), To: at(13, 0, 0)})
	if err != nil || len(posts) != 2 {
		t.Fatalf("the store holds %d posts (%v), want one per account", len(posts), err)
	}
	for _, p := range posts {
		if p.Status != core.PostScheduled || !p.ScheduledAt.Equal(at(12, 14, 0)) || p.GroupKey != posts[0].GroupKey {
			t.Fatalf("stored %+v", p)
		}
	}
	if m.postIndex(posts[0].ID) < 0 || m.cursorCell() != (cell{2, 14}) {
		t.Fatalf("the new post is not under the cursor")
	}
	checkActor(t, st, "post.create")

	// Move the selected one an hour later.
	id := m.sel
	press(t, m, "shift+down")
	p, err := st.Post(ctx, id)
	if err != nil || !p.ScheduledAt.Equal(at(12, 15, 0)) {
		t.Fatalf("after shift+down the store has %v (%v), want 15:00", p.ScheduledAt, err)
	}
	checkActor(t, st, "post.move")

	// The engine takes it: the next move is refused and taken back.
	clock.Set(at(12, 15, 0))
	if _, err := st.ClaimDue(ctx, "test:1:daemon", at(12, 15, 0), time.Minute, 10); err != nil {
		t.Fatal(err)
	}
	press(t, m, "shift+down")
	if !strings.Contains(footerText(m), "being published") {
		t.Fatalf("footer = %q, want the refusal", footerText(m))
	}
	if got := postAt(t, m, id); !got.Equal(at(12, 15, 0)) {
		t.Fatalf("the refused move shows the post at %v", got)
	}
	if p, _ := st.Post(ctx, id); !p.ScheduledAt.Equal(at(12, 15, 0)) {
		t.Fatalf("the store moved a post being sent: %v", p.ScheduledAt)
	}
}

// checkActor fails unless the newest audit line of action names the CM.
func checkActor(t testing.TB, st *store.Store, action string) {
	t.Helper()
	log, err := st.AuditLog(context.Background(), 20)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range log {
		if e.Action == action {
			if e.Actor != "lea" {
				t.Fatalf("%s was written by %q, want lea", action, e.Actor)
			}
			return
		}
	}
	t.Fatalf("no %s in the audit log", action)
}
