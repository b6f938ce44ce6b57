package calendar

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// now is Wednesday 12 March 2025, 10:00 UTC.
var now = time.Date(2025, 3, 12, 10, 0, 0, 0, time.UTC)

// fakeSource serves fixed posts; the embedded nil Source makes any query
// the pane should not make panic the test.
type fakeSource struct {
	common.Source
	posts []core.Post
	err   error
	calls int
	from  time.Time
	to    time.Time
}

func (f *fakeSource) Posts(_ context.Context, from, to time.Time, limit int) ([]core.Post, error) {
	f.calls++
	f.from, f.to = from, to
	if f.err != nil {
		return nil, f.err
	}
	var out []core.Post
	for _, p := range f.posts {
		at := postTime(p)
		if !at.Before(from) && at.Before(to) && len(out) < limit {
			out = append(out, p)
		}
	}
	return out, nil
}

func (f *fakeSource) Clients(context.Context) ([]core.Client, error) {
	return []core.Client{
		{ID: 1, Slug: "pixelforge", Name: "PixelForge Studio", Color: "#7C3AED"},
		{ID: 2, Slug: "dupre", Name: "Boulangerie Dupré", Color: "#D97706"},
		{ID: 3, Slug: "azur", Name: "Banque Azur"},
	}, nil
}

func (f *fakeSource) Accounts(context.Context) ([]store.AccountSync, error) {
	return []store.AccountSync{
		{Account: core.Account{ID: 11, ClientID: 1, Network: "Chirper", Handle: "@pixelforge"}},
		{Account: core.Account{ID: 21, ClientID: 2, Network: "mastodon.social", Handle: "@dupre"}},
		{Account: core.Account{ID: 31, ClientID: 3, Network: "Chirper", Handle: "@banqueazur"}},
	}, nil
}

func at(day, hour, minute int) time.Time {
	return time.Date(2025, 3, day, hour, minute, 0, 0, time.UTC)
}

func samplePosts() []core.Post {
	return []core.Post{
		{ID: 1, ClientID: 1, AccountID: 11, Status: core.PostPublished, PublishedAt: at(6, 9, 0),
			Body: "Le patch 1.2 est disponible ! 🎮\nNotes complètes sur le site.", Likes: 1234, Shares: 56, Replies: 12},
		{ID: 2, ClientID: 2, AccountID: 21, Status: core.PostPublished, PublishedAt: at(10, 18, 30),
			Body: "Nouvelle baguette tradition, à goûter dès demain matin 🥖", Likes: 87, Shares: 4, Replies: 9},
		{ID: 3, ClientID: 3, AccountID: 31, Status: core.PostFailed, ScheduledAt: at(11, 12, 0),
			Body: "Taux du livret : ce qui change en avril", Error: "token expired"},
		{ID: 4, ClientID: 1, AccountID: 11, Status: core.PostPublishing, ScheduledAt: at(12, 9, 55),
			Body: "Soirée tournoi : inscriptions ouvertes"},
		{ID: 5, ClientID: 1, AccountID: 11, Status: core.PostScheduled, ScheduledAt: at(12, 14, 0),
			Body: "Live Q&A ce soir avec l'équipe 🎥"},
		{ID: 6, ClientID: 2, AccountID: 21, Status: core.PostDraft, ScheduledAt: at(13, 8, 0),
			Body: "新しいアップデート 東京のお店 — version japonaise du menu"},
		{ID: 7, ClientID: 3, AccountID: 31, Status: core.PostScheduled, ScheduledAt: at(20, 10, 0),
			Body: strings.Repeat("Une très longue publication qui ne tient pas sur une ligne, ", 4)},
		{ID: 8, ClientID: 2, AccountID: 21, Status: core.PostScheduled, ScheduledAt: at(26, 7, 30),
			Body: "Fête du pain 🎉"},
		// Outside the window: three weeks ago and three weeks ahead.
		{ID: 9, ClientID: 1, AccountID: 11, Status: core.PostPublished, PublishedAt: at(1, 9, 0).AddDate(0, 0, -10), Body: "old"},
		{ID: 10, ClientID: 1, AccountID: 11, Status: core.PostScheduled, ScheduledAt: at(31, 9, 0).AddDate(0, 0, 5), Body: "far"},
	}
}

func newCtx(src common.Source, lang i18n.Lang, noColor bool) common.Context {
	p := common.DefaultPalette(true)
	if noColor {
		p = common.NoColorPalette()
	}
	return common.Context{Source: src, Styles: common.NewStyles(p), T: i18n.New(lang),
		Clock: core.NewManualClock(now), Loc: time.UTC}
}

// run executes a command and feeds its message back, as the program would.
func run(m *Model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	if msg := cmd(); msg != nil {
		_, next := m.Update(msg)
		run(m, next)
	}
}

func newLoaded(t *testing.T, src *fakeSource, w, h int, lang i18n.Lang, noColor bool) *Model {
	t.Helper()
	ctx := newCtx(src, lang, noColor)
	m := New(ctx, DefaultKeyMap(ctx.T))
	m.SetSize(w, h)
	run(m, m.Init())
	return m
}

func press(m *Model, keys ...string) {
	for _, k := range keys {
		var msg tea.KeyPressMsg
		switch k {
		case "down", "up", "pgdown", "pgup", "home", "end":
			msg = tea.KeyPressMsg{Code: map[string]rune{"down": tea.KeyDown, "up": tea.KeyUp,
				"pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp, "home": tea.KeyHome, "end": tea.KeyEnd}[k]}
		default:
			r := []rune(k)[0]
			msg = tea.KeyPressMsg{Code: r, Text: k}
		}
		m.Update(msg)
	}
}

func checkSize(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Fatalf("view has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw != w {
			t.Fatalf("line %d is %d cells wide, want %d: %q", i, lw, w, ansi.Strip(l))
		}
	}
}

func TestQueriesTheWindowAroundToday(t *testing.T) {
	src := &fakeSource{posts: samplePosts()}
	m := newLoaded(t, src, 80, 21, i18n.EN, false)
	if want := at(5, 0, 0); !src.from.Equal(want) {
		t.Errorf("from = %v, want %v (7 days back)", src.from, want)
	}
	if want := at(27, 0, 0); !src.to.Equal(want) {
		t.Errorf("to = %v, want %v (end of 14 days ahead)", src.to, want)
	}
	if got := len(m.agenda.posts); got != 8 {
		t.Errorf("agenda holds %d posts, want the 8 inside the window", got)
	}
}

func TestCursorStartsOnTodayAndMoves(t *testing.T) {
	tests := []struct {
		name   string
		keys   []string
		wantID int64
	}{
		{"starts on today's first post", nil, 4},
		{"j moves down", []string{"j"}, 5},
		{"down arrow too", []string{"down", "down"}, 6},
		{"k moves up", []string{"k"}, 3},
		{"clamps at the top", []string{"g", "k", "k"}, 1},
		{"G goes to the last", []string{"G"}, 8},
		{"clamps at the bottom", []string{"G", "j", "j"}, 8},
		{"t comes back to today", []string{"G", "t"}, 4},
		{"page down moves by a screen", []string{"g", "pgdown"}, 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newLoaded(t, &fakeSource{posts: samplePosts()}, 80, 12, i18n.EN, false)
			press(m, tt.keys...)
			if got := m.selectedID(); got != tt.wantID {
				t.Errorf("selected post %d, want %d", got, tt.wantID)
			}
		})
	}
}

func TestSelectionStaysOnReload(t *testing.T) {
	src := &fakeSource{posts: samplePosts()}
	m := newLoaded(t, src, 80, 21, i18n.EN, false)
	press(m, "j", "j") // post 6
	// A new post arrives before the selection: the selection must follow
	// post 6, not stay on the same index.
	src.posts = append(src.posts, core.Post{ID: 11, ClientID: 1, AccountID: 11,
		Status: core.PostScheduled, ScheduledAt: at(12, 11, 0), Body: "nouveau"})
	_, cmd := m.Update(common.DataChangedMsg{Version: 2})
	run(m, cmd)
	if got := m.selectedID(); got != 6 {
		t.Fatalf("after reload selected %d, want 6", got)
	}
	if len(m.agenda.posts) != 9 {
		t.Fatalf("reload did not pick up the new post")
	}
}

func TestStaleResultsAreDropped(t *testing.T) {
	src := &fakeSource{posts: samplePosts()}
	ctx := newCtx(src, i18n.EN, false)
	m := New(ctx, DefaultKeyMap(ctx.T))
	m.SetSize(80, 21)
	first := m.Init()
	src.posts = samplePosts()[:2]
	second := m.load()
	m.Update(second())
	m.Update(first()) // arrives late
	if got := len(m.agenda.posts); got != 2 {
		t.Fatalf("a stale result replaced the latest: %d posts", got)
	}
}

func TestErrorThenRetryOnTick(t *testing.T) {
	src := &fakeSource{posts: samplePosts(), err: errors.New("database is locked")}
	m := newLoaded(t, src, 80, 10, i18n.EN, false)
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "Could not load the posts: database is locked") {
		t.Fatalf("error not shown:\n%s", view)
	}
	checkSize(t, m.View(), 80, 10)
	src.err = nil
	_, cmd := m.Update(common.TickMsg{Now: now.Add(time.Minute)})
	run(m, cmd)
	if m.err != nil || len(m.agenda.posts) != 8 {
		t.Fatalf("tick did not retry the failed load (err %v, %d posts)", m.err, len(m.agenda.posts))
	}
}

func TestTickReloadsOnlyAtMidnight(t *testing.T) {
	src := &fakeSource{posts: samplePosts()}
	m := newLoaded(t, src, 80, 10, i18n.EN, false)
	calls := src.calls
	if _, cmd := m.Update(common.TickMsg{Now: now.Add(time.Hour)}); cmd != nil {
		t.Fatal("a tick on the same day reloaded")
	}
	m.ctx.Clock.(*core.ManualClock).Set(at(13, 0, 1))
	_, cmd := m.Update(common.TickMsg{Now: at(13, 0, 1)})
	run(m, cmd)
	if src.calls != calls+1 || !m.agenda.today.Equal(at(13, 0, 0)) {
		t.Fatalf("the tick after midnight did not move the window")
	}
}

func TestIgnoresOtherPanesMessages(t *testing.T) {
	m := newLoaded(t, &fakeSource{posts: samplePosts()}, 80, 10, i18n.EN, false)
	before := m.View()
	type otherMsg struct{}
	if _, cmd := m.Update(otherMsg{}); cmd != nil {
		t.Fatal("reacted to a message that isn't its own")
	}
	if m.View() != before {
		t.Fatal("view changed on a foreign message")
	}
}

func TestViews(t *testing.T) {
	tests := []struct {
		name    string
		posts   []core.Post
		w, h    int
		lang    i18n.Lang
		noColor bool
		keys    []string
	}{
		{"en_80x21", samplePosts(), 80, 21, i18n.EN, false, nil},
		{"fr_80x21", samplePosts(), 80, 21, i18n.FR, false, nil},
		{"en_120x37", samplePosts(), 120, 37, i18n.EN, false, nil},
		{"nocolor_80x21", samplePosts(), 80, 21, i18n.EN, true, nil},
		{"scrolled_80x8", samplePosts(), 80, 8, i18n.EN, false, []string{"G"}},
		{"narrow_50x10", samplePosts(), 50, 10, i18n.FR, false, nil},
		{"empty_80x10", nil, 80, 10, i18n.EN, false, nil},
		{"empty_fr_80x10", nil, 80, 10, i18n.FR, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newLoaded(t, &fakeSource{posts: tt.posts}, tt.w, tt.h, tt.lang, tt.noColor)
			press(m, tt.keys...)
			view := m.View()
			checkSize(t, view, tt.w, tt.h)
			golden.RequireEqual(t, []byte(ansi.Strip(view)))
		})
	}
}

func TestLoadingView(t *testing.T) {
	ctx := newCtx(&fakeSource{}, i18n.EN, false)
	m := New(ctx, DefaultKeyMap(ctx.T))
	m.SetSize(40, 5)
	_ = m.Init()
	view := m.View()
	checkSize(t, view, 40, 5)
	if !strings.Contains(ansi.Strip(view), "Loading…") {
		t.Fatalf("no loading state:\n%s", ansi.Strip(view))
	}
}

func TestStyledViewDarkAndLight(t *testing.T) {
	for _, dark := range []bool{true, false} {
		name := map[bool]string{true: "dark", false: "light"}[dark]
		t.Run(name, func(t *testing.T) {
			src := &fakeSource{posts: samplePosts()}
			m := newLoaded(t, src, 80, 12, i18n.EN, false)
			*m.ctx.Styles = *common.NewStyles(common.DefaultPalette(dark))
			golden.RequireEqual(t, []byte(m.View()))
		})
	}
}

func TestNothingPanicsOnTinySizes(t *testing.T) {
	m := newLoaded(t, &fakeSource{posts: samplePosts()}, 0, 0, i18n.EN, false)
	for _, sz := range [][2]int{{0, 0}, {1, 1}, {3, 2}, {10, 1}, {200, 3}} {
		m.SetSize(sz[0], sz[1])
		press(m, "j", "G", "t", "pgup")
		if sz[0] > 0 && sz[1] > 0 {
			checkSize(t, m.View(), sz[0], sz[1])
		}
	}
}
