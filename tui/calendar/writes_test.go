package calendar

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
	"cmdeck/tui/dialog"
)

func TestShiftArrowsMoveThePost(t *testing.T) {
	tests := []struct {
		keys []string
		want time.Duration
	}{
		{[]string{"shift+down"}, time.Hour},
		{[]string{"J"}, time.Hour},
		{[]string{"shift+up"}, -time.Hour},
		{[]string{"K"}, -time.Hour},
		{[]string{"shift+right"}, 24 * time.Hour},
		{[]string{"L"}, 24 * time.Hour},
		{[]string{"shift+left"}, -24 * time.Hour},
		{[]string{"H"}, -24 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.keys[0], func(t *testing.T) {
			f := sample()
			m := newPane(t, f, 80, 21, nil)
			selectPost(t, m, 5)
			press(t, m, tt.keys...)
			if len(f.moves) != 1 || f.moves[0] != (move{5, tt.want}) {
				t.Fatalf("MovePost calls %+v, want post 5 by %v", f.moves, tt.want)
			}
			if got := postAt(t, m, 5); !got.Equal(at(12, 14, 0).Add(tt.want)) {
				t.Errorf("after the reload post 5 is at %v", got)
			}
			if m.sel != 5 || !m.at.Equal(at(12, 14, 0).Add(tt.want)) {
				t.Errorf("the cursor did not follow the post: on %d at %v", m.sel, m.at)
			}
			if !strings.HasPrefix(footerText(m), "Moved to ") {
				t.Errorf("footer = %q", footerText(m))
			}
		})
	}
}

func TestMoveShowsAtOnceAndIsTakenBackWhenBusy(t *testing.T) {
	f := sample()
	m := newPane(t, f, 80, 21, nil)
	selectPost(t, m, 5)
	f.writeErr = fmt.Errorf("store: move post 5: %w", store.ErrPostBusy)
	_, cmd := m.Update(keyMsg("shift+down"))
	// Before the write has run, the post is already an hour later.
	if got := postAt(t, m, 5); !got.Equal(at(12, 15, 0)) {
		t.Fatalf("the move is not shown at once: post 5 at %v", got)
	}
	if m.cursorCell() != (cell{2, 15}) {
		t.Fatalf("the cursor did not follow: %+v", m.cursorCell())
	}
	drain(t, m, cmd)
	if got := postAt(t, m, 5); !got.Equal(at(12, 14, 0)) {
		t.Fatalf("a refused move was not taken back: post 5 at %v", got)
	}
	if got := footerText(m); !strings.Contains(got, "being published") {
		t.Errorf("footer = %q, want the busy explanation", got)
	}
}

func TestLoadsWaitForWritesInFlight(t *testing.T) {
	f := sample()
	m := newPane(t, f, 80, 21, nil)
	selectPost(t, m, 5)
	_, write := m.Update(keyMsg("shift+down"))
	// A data change arriving before the write answers must not read a
	// store that may not have the move yet.
	if _, cmd := m.Update(common.DataChangedMsg{Version: 9}); cmd != nil {
		for _, msg := range runCmd(cmd) {
			if _, ok := msg.(loadedMsg); ok {
				t.Fatal("a load ran while a move was in flight")
			}
		}
	}
	drain(t, m, write)
	if got := postAt(t, m, 5); !got.Equal(at(12, 15, 0)) {
		t.Fatalf("post 5 at %v after the write, want 15:00", got)
	}
}

func TestPublishedPostDoesNotMove(t *testing.T) {
	f := sample()
	m := newPane(t, f, 80, 21, nil)
	selectPost(t, m, 4) // publishing
	press(t, m, "shift+down", "e", "d")
	if len(f.moves) != 0 || m.composer != nil || m.dialog != nil {
		t.Fatalf("a post being published changed: moves %v, composer %v, dialog %v", f.moves, m.composer != nil, m.dialog != nil)
	}
	if !strings.Contains(footerText(m), "being published") {
		t.Errorf("footer = %q", footerText(m))
	}
}

func TestDraftWithoutTimeDoesNotMove(t *testing.T) {
	f := sample()
	f.posts = append(f.posts, store.PostView{Post: core.Post{ID: 70, AccountID: 11, ClientID: 1, Status: core.PostDraft, Body: "idée"}, At: at(12, 10, 5)})
	m := newPane(t, f, 80, 21, nil)
	selectPost(t, m, 70)
	press(t, m, "J")
	if len(f.moves) != 0 || !strings.Contains(footerText(m), "no time yet") {
		t.Fatalf("moves %v, footer %q", f.moves, footerText(m))
	}
}

func TestDeleteAsksFirst(t *testing.T) {
	f := sample()
	m := newPane(t, f, 80, 21, nil)
	selectPost(t, m, 5)
	press(t, m, "d")
	if m.dialog == nil || !m.Capturing() || !strings.Contains(text(m), "Delete this post?") {
		t.Fatalf("d did not ask:\n%s", text(m))
	}
	if !strings.Contains(text(m), "ends the series") {
		t.Errorf("a recurring post's deletion does not say it ends the series")
	}
	press(t, m, "n")
	if len(f.deleted) != 0 || m.dialog != nil {
		t.Fatalf("no deleted anyway: %v", f.deleted)
	}
	press(t, m, "d", "y")
	if !slices.Equal(f.deleted, []int64{5}) {
		t.Fatalf("deleted %v, want [5]", f.deleted)
	}
	if m.postIndex(5) >= 0 || footerText(m) != "Post deleted." {
		t.Errorf("after delete: still loaded %v, footer %q", m.postIndex(5) >= 0, footerText(m))
	}
}

func TestAnotherPanesConfirmationIsIgnored(t *testing.T) {
	f := sample()
	m := newPane(t, f, 80, 21, nil)
	selectPost(t, m, 5)
	press(t, m, "d", "esc")
	_, cmd := m.Update(dialog.ConfirmResult{ID: "inbox/confirm", OK: true})
	drain(t, m, cmd)
	if len(f.deleted) != 0 {
		t.Fatalf("another pane's yes deleted %v", f.deleted)
	}
}

func TestDuplicate(t *testing.T) {
	f := sample()
	m := newPane(t, f, 80, 21, nil)
	selectPost(t, m, 9)
	press(t, m, "Y")
	if !slices.Equal(f.dupes, []int64{9}) {
		t.Fatalf("duplicated %v, want [9]", f.dupes)
	}
	if m.sel != 500 || !strings.Contains(footerText(m), "Duplicated as a draft") {
		t.Errorf("selection %d, footer %q", m.sel, footerText(m))
	}
}

func TestPublishNowAsksFirst(t *testing.T) {
	f := sample()
	m := newPane(t, f, 80, 21, nil)
	selectPost(t, m, 7)
	press(t, m, "p")
	if !strings.Contains(text(m), "Publish this post now?") || !strings.Contains(text(m), "Facegram @dupre") {
		t.Fatalf("p did not ask, naming the account:\n%s", text(m))
	}
	press(t, m, "y")
	if !slices.Equal(f.publish, []int64{7}) {
		t.Fatalf("published %v, want [7]", f.publish)
	}
}

func TestRetryOnlyFailedPosts(t *testing.T) {
	f := sample()
	m := newPane(t, f, 80, 21, nil)
	selectPost(t, m, 5)
	press(t, m, "r")
	if len(f.retried) != 0 || !strings.Contains(footerText(m), "Only a failed") {
		t.Fatalf("retried a scheduled post: %v, %q", f.retried, footerText(m))
	}
	selectPost(t, m, 3)
	press(t, m, "r")
	selectPost(t, m, 8)
	press(t, m, "r")
	if !slices.Equal(f.retried, []int64{3, 8}) {
		t.Fatalf("retried %v, want the failed and the missed post", f.retried)
	}
}

func TestWriteErrorIsShownAndNothingIsLost(t *testing.T) {
	f := sample()
	m := newPane(t, f, 80, 21, nil)
	selectPost(t, m, 3)
	f.writeErr = errors.New("database is locked")
	press(t, m, "r")
	if got := footerText(m); got != "Could not retry the post: database is locked" {
		t.Fatalf("footer = %q", got)
	}
	f.writeErr = nil
	press(t, m, "r")
	if len(f.retried) != 2 {
		t.Fatalf("the post could not be retried again: %v", f.retried)
	}
}

func TestDetailsShowEverything(t *testing.T) {
	f := sample()
	m := newPane(t, f, 100, 30, nil)
	selectPost(t, m, 1)
	press(t, m, "enter")
	view := text(m)
	for _, want := range []string{"published", "Monday 10 March 09:00", "PixelForge Studio · Chirper @pixelforge",
		"published by daemon", "https://chirper.example/@pixelforge/1", "Notes complètes sur le site."} {
		if !strings.Contains(view, want) {
			t.Errorf("details lack %q:\n%s", want, view)
		}
	}
	press(t, m, "esc")
	selectPost(t, m, 3)
	press(t, m, "enter")
	for _, want := range []string{"failed", "Why: token expired", "3 attempts"} {
		if !strings.Contains(text(m), want) {
			t.Errorf("details lack %q:\n%s", want, text(m))
		}
	}
	press(t, m, "r") // acts from the details
	if !slices.Equal(f.retried, []int64{3}) || m.details != 0 {
		t.Fatalf("r from the details: retried %v, details open %v", f.retried, m.details != 0)
	}
	i := m.postIndex(5)
	m.data.posts[i].HeldByNetwork, m.data.posts[i].ActionState = true, core.ActionHanded
	selectPost(t, m, 5)
	press(t, m, "enter")
	if !strings.Contains(text(m), "held by Chirper: it goes out even if cmdeck is off") {
		t.Errorf("details do not say the network holds the post:\n%s", text(m))
	}
	if !strings.Contains(text(m), "Also planned for mastodon.social") || !strings.Contains(text(m), "repeats: weekly") {
		t.Errorf("details lack the group or the recurrence:\n%s", text(m))
	}
}

func TestReadOnlyRefusesWrites(t *testing.T) {
	f := sample()
	m := newPane(t, f, 80, 21, func(c *common.Context) { c.ReadOnly = true })
	selectPost(t, m, 5)
	for _, k := range []string{"J", "Y", "d", "p", "e", "n"} {
		press(t, m, k)
		if m.dialog != nil || m.composer != nil {
			t.Fatalf("%s opened something in a read-only session", k)
		}
		if !strings.Contains(footerText(m), "Read-only") {
			t.Errorf("%s: footer = %q", k, footerText(m))
		}
	}
	if len(f.moves)+len(f.dupes) != 0 {
		t.Fatalf("a read-only session wrote: %v %v", f.moves, f.dupes)
	}
}
