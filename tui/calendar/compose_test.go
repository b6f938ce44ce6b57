package calendar

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// The composer's account list, in order: PixelForge's Chirper (11) and
// mastodon.social (12), the bakery's Facegram (21), the bank's Chirper (31).

// tick ticks the accounts at the given positions of the list, from the
// text field.
func tick(t testing.TB, m *Model, positions ...int) {
	t.Helper()
	press(t, m, "tab")
	cur := 0
	for _, p := range positions {
		for ; cur < p; cur++ {
			press(t, m, "j")
		}
		press(t, m, "space")
	}
	press(t, m, "tab") // on to the time
}

// setWhen replaces the time field's text (the keyboard is on it).
func setWhen(t testing.TB, m *Model, s string) {
	t.Helper()
	press(t, m, "ctrl+u")
	typeText(t, m, s)
}

func TestComposeAndSchedule(t *testing.T) {
	f := sample()
	m := newPane(t, f, 80, 21, nil)
	press(t, m, "n")
	if m.composer == nil || !m.Capturing() {
		t.Fatal("n did not open the composer")
	}
	typeText(t, m, "Soldes d'hiver : -20 % sur tout")
	tick(t, m, 0, 2)
	setWhen(t, m, "tomorrow 9:00")
	if got := text(m); !strings.Contains(got, "→ Thursday 13 March 2025, 09:00") {
		t.Fatalf("no live feedback for the time:\n%s", got)
	}
	press(t, m, "tab", "right") // weekly
	press(t, m, "enter")
	if len(f.created) != 1 {
		t.Fatalf("CreatePosts called %d times", len(f.created))
	}
	want := store.PostDraft{AccountIDs: []int64{11, 21}, Body: "Soldes d'hiver : -20 % sur tout",
		At: at(13, 9, 0), Recur: core.RecurWeekly, Actor: "lea"}
	got := f.created[0]
	if !slices.Equal(got.AccountIDs, want.AccountIDs) || got.Body != want.Body || !got.At.Equal(want.At) ||
		got.Recur != want.Recur || got.Actor != want.Actor || len(got.Media) != 0 {
		t.Fatalf("draft = %+v\nwant    %+v", got, want)
	}
	if m.composer != nil {
		t.Fatal("the composer stayed open after saving")
	}
	if footerText(m) != "Scheduled for Thu 13 Mar 09:00 on 2 accounts." {
		t.Errorf("footer = %q", footerText(m))
	}
	if m.cursorCell() != (cell{3, 9}) || m.postIndex(m.sel) < 0 {
		t.Errorf("the cursor is not on the new post: %+v on %d", m.cursorCell(), m.sel)
	}
}

func TestComposeStartsAtTheCursor(t *testing.T) {
	f := sample()
	m := newPane(t, f, 80, 21, func(c *common.Context) {})
	press(t, m, "l", "j", "j") // Thu 13, 12:00
	press(t, m, "n")
	if got := m.composer.When(); got != "2025-03-13 12:00" {
		t.Fatalf("the time field holds %q, want the cursor's hour", got)
	}
	press(t, m, "esc", "h", "h", "n") // a past hour: no time offered
	if got := m.composer.When(); got != "" {
		t.Fatalf("the time field holds %q for a past hour", got)
	}
}

func TestSaveDraftWithoutTime(t *testing.T) {
	f := sample()
	m := newPane(t, f, 80, 21, nil)
	press(t, m, "n")
	typeText(t, m, "Idée : recette de la galette")
	tick(t, m, 2)
	press(t, m, "ctrl+s")
	if len(f.created) != 1 || !f.created[0].At.IsZero() || !slices.Equal(f.created[0].AccountIDs, []int64{21}) {
		t.Fatalf("draft saved as %+v", f.created)
	}
	if !strings.Contains(footerText(m), "Saved as a draft for 1 account") {
		t.Errorf("footer = %q", footerText(m))
	}
}

func TestBadDateShowsTheErrorAndDoesNotSchedule(t *testing.T) {
	f := sample()
	m := newPane(t, f, 80, 21, nil)
	press(t, m, "n")
	typeText(t, m, "Bonjour")
	tick(t, m, 0)
	setWhen(t, m, "vendredi 25h")
	if got := text(m); !strings.Contains(got, "✗ “25h” is not a valid date or time") {
		t.Fatalf("no live error for a bad time:\n%s", got)
	}
	press(t, m, "enter")
	if len(f.created) != 0 {
		t.Fatalf("a bad time was scheduled: %+v", f.created)
	}
	if m.composer == nil || !strings.Contains(m.composer.Notice(), "not a valid date or time") {
		t.Fatalf("the refusal is not said: %v", m.composer != nil)
	}
	setWhen(t, m, "yesterday")
	press(t, m, "enter")
	setWhen(t, m, "")
	press(t, m, "alt+enter")
	if len(f.created) != 0 {
		t.Fatalf("scheduled without a valid time: %+v", f.created)
	}
}

func TestComposeInFrench(t *testing.T) {
	f := sample()
	m := newPane(t, f, 80, 21, func(c *common.Context) { c.T = newCtx(f, "fr", false).T })
	press(t, m, "n")
	typeText(t, m, "Nouveau menu")
	tick(t, m, 2)
	setWhen(t, m, "demain 9h")
	if !strings.Contains(text(m), "→ jeudi 13 mars 2025, 09:00") {
		t.Fatalf("no French feedback:\n%s", text(m))
	}
	press(t, m, "enter")
	if len(f.created) != 1 || !f.created[0].At.Equal(at(13, 9, 0)) {
		t.Fatalf("created %+v", f.created)
	}
}

func TestOverLimitIsRefused(t *testing.T) {
	f := sample()
	m := newPane(t, f, 80, 21, nil)
	press(t, m, "n")
	typeText(t, m, strings.Repeat("a", 300))
	tick(t, m, 0, 1) // Chirper takes 280, mastodon.social 500
	if got := text(m); !strings.Contains(got, "✗ @pixelforge 300/280") || !strings.Contains(got, "@pixelforge@mastodon.social 300/500") {
		t.Fatalf("the counters do not show each account's limit:\n%s", got)
	}
	setWhen(t, m, "tomorrow 9:00")
	press(t, m, "enter")
	if len(f.created) != 0 {
		t.Fatal("a text too long for Chirper was scheduled")
	}
	if got := m.composer.Notice(); got != "Too long for Chirper @pixelforge: 20 characters too many." {
		t.Fatalf("notice = %q", got)
	}
}

func TestNextFreeSlot(t *testing.T) {
	f := sample()
	// Wednesday 12, 10:00. PixelForge's Chirper posts on weekdays at 09:00
	// and Thursday's is taken; the bakery posts every day at 09:00.
	f.taken[11] = map[time.Time]bool{at(13, 9, 0): true}
	slots := map[int64][]core.Slot{11: mustSlots(t, "weekdays 09:00"), 21: mustSlots(t, "daily 09:00", "daily 18:00")}
	m := newPane(t, f, 80, 21, func(c *common.Context) {
		c.Slots = func(id int64) []core.Slot { return slots[id] }
	})
	press(t, m, "n")
	typeText(t, m, "Bonne semaine !")
	tick(t, m, 0, 2)
	press(t, m, "ctrl+n")
	if got := m.composer.When(); got != "2025-03-14 09:00" {
		t.Fatalf("next free slot = %q, want Friday 09:00 (Thursday's is taken on Chirper)", got)
	}
	if !slices.Equal(f.slotReqs, []int64{11, 21}) {
		t.Errorf("taken slots read for %v, want both accounts", f.slotReqs)
	}
	press(t, m, "enter")
	if len(f.created) != 1 || !f.created[0].At.Equal(at(14, 9, 0)) {
		t.Fatalf("created %+v, want Friday 09:00", f.created)
	}
}

func TestNextFreeSlotNamesAnAccountWithoutQueue(t *testing.T) {
	f := sample()
	m := newPane(t, f, 80, 21, func(c *common.Context) {
		c.Slots = func(id int64) []core.Slot {
			if id == 11 {
				return mustSlots(t, "daily 09:00")
			}
			return nil
		}
	})
	press(t, m, "n")
	tick(t, m, 0, 3)
	press(t, m, "ctrl+n")
	if got := m.composer.Notice(); !strings.Contains(got, "Chirper @banqueazur has no queue slots") {
		t.Fatalf("notice = %q", got)
	}
	if len(f.slotReqs) != 0 {
		t.Fatalf("queried taken slots anyway: %v", f.slotReqs)
	}
}

func mustSlots(t testing.TB, specs ...string) []core.Slot {
	t.Helper()
	var out []core.Slot
	for _, s := range specs {
		sl, err := core.ParseSlot(s)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, sl)
	}
	return out
}

// pngFile writes a PNG-looking file of n bytes in dir.
func pngFile(t testing.TB, dir, name string, n int) string {
	t.Helper()
	data := make([]byte, n)
	copy(data, "\x89PNG\r\n\x1a\n")
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestAttachments(t *testing.T) {
	dir := t.TempDir()
	small, big := pngFile(t, dir, "small.png", 800), pngFile(t, dir, "big.png", 4096)
	txt := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(txt, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	f := sample()
	m := newPane(t, f, 100, 24, func(c *common.Context) {
		c.MediaLimit = func(id int64) (int64, []string, bool) {
			if id == 31 {
				return 0, nil, false
			}
			return 2048, []string{"image/png", "image/jpeg"}, true
		}
	})
	press(t, m, "n")
	typeText(t, m, "Photo du jour")
	tick(t, m, 0)
	press(t, m, "tab", "tab") // the media field
	attach := func(path string) string {
		typeText(t, m, path)
		press(t, m, "enter")
		return m.composer.Notice()
	}
	cases := []struct{ path, want string }{
		{big, "big.png is 4 kB: Chirper @pixelforge takes 2 kB at most."},
		{txt, "notes.txt is text/plain, which Chirper @pixelforge does not take."},
		{filepath.Join(dir, "nope.png"), "does not exist."},
		{dir, "is not a file."},
		{small, "Attached small.png (800 B, image/png)."},
		{small, "small.png is already attached."},
	}
	for _, c := range cases {
		if got := attach(c.path); !strings.Contains(got, c.want) {
			t.Errorf("attaching %s: notice %q, want %q", filepath.Base(c.path), got, c.want)
		}
	}
	if got := m.composer.Media(); !slices.Equal(got, []string{small}) {
		t.Fatalf("attached %v, want only the small picture", got)
	}
	// The bank's account takes no attachments: ticking it refuses the save.
	press(t, m, "shift+tab", "shift+tab", "shift+tab", "j", "j", "j", "space")
	press(t, m, "ctrl+s")
	if len(f.created) != 0 || !strings.Contains(m.composer.Notice(), "Chirper @banqueazur takes no attachments.") {
		t.Fatalf("saved with an account that takes no attachment: %+v, %q", f.created, m.composer.Notice())
	}
	press(t, m, "shift+tab", "shift+tab", "shift+tab", "space", "ctrl+s") // untick it
	if len(f.created) != 1 || !slices.Equal(f.created[0].Media, []string{small}) {
		t.Fatalf("created %+v, want the picture attached", f.created)
	}
}

func TestEditPrefillsAndUpdates(t *testing.T) {
	f := sample()
	m := newPane(t, f, 80, 21, nil)
	selectPost(t, m, 5)
	press(t, m, "e")
	c := m.composer
	if c == nil || c.EditID() != 5 || c.Body() != "Live Q&A ce soir avec l'équipe 🎥" || c.When() != "2025-03-12 14:00" ||
		!slices.Equal(c.Checked(), []int64{11}) {
		t.Fatalf("the composer is not prefilled with post 5")
	}
	typeText(t, m, " !")
	press(t, m, "tab") // the accounts cannot change: straight to the time
	setWhen(t, m, "today 16:30")
	press(t, m, "enter")
	if len(f.updates) != 1 || f.updates[0] != (update{5, "Live Q&A ce soir avec l'équipe 🎥 !", at(12, 16, 30)}) {
		t.Fatalf("UpdatePost calls %+v", f.updates)
	}
	if len(f.created) != 0 || m.composer != nil {
		t.Fatalf("edit created posts (%d) or stayed open", len(f.created))
	}
}

func TestSaveErrorKeepsTheComposer(t *testing.T) {
	f := sample()
	f.writeErr = store.ErrPostBusy
	m := newPane(t, f, 80, 21, nil)
	selectPost(t, m, 5)
	press(t, m, "e", "ctrl+s")
	if m.composer == nil || !strings.Contains(m.composer.Notice(), "being published") {
		t.Fatalf("a refused save closed the composer or said nothing")
	}
	f.writeErr = nil
	press(t, m, "ctrl+s")
	if m.composer != nil || len(f.updates) != 2 || !f.updates[1].at.IsZero() {
		t.Fatalf("the second try did not save a draft: %+v", f.updates)
	}
}

func TestClosedPostComesBack(t *testing.T) {
	m := newPane(t, sample(), 80, 21, nil)
	press(t, m, "n")
	typeText(t, m, "Brouillon en cours")
	press(t, m, "esc")
	if m.composer != nil || !strings.Contains(footerText(m), "n brings it back") {
		t.Fatalf("esc: composer open %v, footer %q", m.composer != nil, footerText(m))
	}
	press(t, m, "n")
	if m.composer == nil || m.composer.Body() != "Brouillon en cours" {
		t.Fatal("n did not bring the post back")
	}
}

// history gives account acc ten weeks of posts: Tuesdays at 18:00 draw
// 100, Thursdays at 12:00 draw 80, Mondays at 8:00 draw 10 (UTC).
func history(f *fakeSource, acc int64) {
	if f.engaged == nil {
		f.engaged = map[int64][]core.Engaged{}
	}
	for wk := range 10 {
		mon := time.Date(2025, 1, 6+7*wk, 0, 0, 0, 0, time.UTC)
		f.engaged[acc] = append(f.engaged[acc],
			core.Engaged{AccountID: acc, At: mon.AddDate(0, 0, 1).Add(18 * time.Hour), Engagement: 100},
			core.Engaged{AccountID: acc, At: mon.AddDate(0, 0, 3).Add(12 * time.Hour), Engagement: 80},
			core.Engaged{AccountID: acc, At: mon.Add(8 * time.Hour), Engagement: 10})
	}
}

// The composer shows when the ticked accounts' posts do best, follows the
// accounts ticked, and ctrl+b puts the best time in the field, then the
// next best.
func TestComposeBestTimes(t *testing.T) {
	f := sample()
	history(f, 11)
	m := newPane(t, f, 80, 21, nil)
	press(t, m, "n")
	typeText(t, m, "Nouveautés")
	if got := text(m); !strings.Contains(got, "Best     tick an account to see when its posts do best") {
		t.Fatalf("no account ticked:\n%s", got)
	}
	tick(t, m, 0) // PixelForge's Chirper, with its history
	got := text(m)
	if !strings.Contains(got, "Best     Tue 18:00 +") || !strings.Contains(got, "(30 posts, 90 days)") {
		t.Fatalf("no best times for the account:\n%s", got)
	}
	press(t, m, "ctrl+b")
	if w := m.composer.When(); w != "2025-03-18 18:00" {
		t.Fatalf("ctrl+b gave %q, want next Tuesday 18:00 (now is Wednesday 12 March)", w)
	}
	if n := m.composer.Notice(); !strings.Contains(n, "Best time: Tue 18:00") {
		t.Errorf("notice %q", n)
	}
	press(t, m, "ctrl+b")
	if w := m.composer.When(); w != "2025-03-13 12:00" {
		t.Errorf("a second ctrl+b gave %q, want the next best, Thursday 12:00", w)
	}
	press(t, m, "enter")
	if len(f.created) != 1 || !f.created[0].At.Equal(at(13, 12, 0)) {
		t.Fatalf("created %+v, want Thursday 12:00", f.created)
	}
}

// Too little history says so, and ctrl+b explains rather than guess.
func TestComposeBestTimesNeedHistory(t *testing.T) {
	f := sample()
	f.engaged = map[int64][]core.Engaged{21: {{AccountID: 21, At: at(4, 18, 0), Engagement: 5}}}
	m := newPane(t, f, 80, 21, nil)
	press(t, m, "n")
	tick(t, m, 2) // the bakery: one post
	if got := text(m); !strings.Contains(got, "not enough published posts yet (1 of 10 needed)") {
		t.Fatalf("one post:\n%s", got)
	}
	before := m.composer.When()
	press(t, m, "ctrl+b")
	if w := m.composer.When(); w != before {
		t.Errorf("ctrl+b changed the time from %q to %q", before, w)
	}
	if n := m.composer.Notice(); !strings.Contains(n, "not enough published posts") {
		t.Errorf("notice %q", n)
	}
}
