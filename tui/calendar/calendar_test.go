package calendar

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"

	"cmdeck/core"
	"cmdeck/tui/common"
)

// sample is a fake holding samplePosts.
func sample() *fakeSource {
	f := newFake()
	f.posts = samplePosts(f)
	return f
}

func TestQueriesOnlyTheVisiblePeriod(t *testing.T) {
	f := sample()
	m := newPane(t, f, 80, 21, nil)
	if len(f.queries) != 1 {
		t.Fatalf("the week made %d queries, want 1", len(f.queries))
	}
	if q := f.queries[0]; !q.From.Equal(at(10, 0, 0)) || !q.To.Equal(at(17, 0, 0)) || q.Limit != weekPage {
		t.Errorf("week query = %v → %v limit %d, want Mon 10 → Mon 17 by pages of %d", q.From, q.To, q.Limit, weekPage)
	}
	press(t, m, "m")
	if len(f.months) != 1 {
		t.Fatalf("the month made %d MonthDays queries, want 1", len(f.months))
	}
	// March 2025 starts on a Saturday and ends on a Monday: six weeks.
	if q := f.months[0]; !q.From.Equal(time.Date(2025, 2, 24, 0, 0, 0, 0, time.UTC)) || !q.To.Equal(at(31, 0, 0).AddDate(0, 0, 7)) {
		t.Errorf("month query = %v → %v, want the six weeks from Mon 24 Feb", q.From, q.To)
	}
	// 19 rows for 6 weeks: 3 rows a week, the day's line and 2 titles.
	if f.perDay[0] != 2 {
		t.Errorf("asked %d titles per day, want 2", f.perDay[0])
	}
	press(t, m, "a")
	q := f.queries[len(f.queries)-1]
	if !q.From.Equal(at(1, 0, 0)) || !q.To.Equal(time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)) || q.Limit != agendaPage {
		t.Errorf("agenda query = %v → %v limit %d, want March by pages of %d", q.From, q.To, q.Limit, agendaPage)
	}
}

func TestFilterGoesIntoTheQuery(t *testing.T) {
	f := sample()
	m := newPane(t, f, 80, 21, nil)
	press(t, m, "c")
	typeText(t, m, "Dupré")
	press(t, m, "enter")
	if q := f.queries[len(f.queries)-1]; q.ClientID != 2 || q.AccountID != 0 {
		t.Fatalf("after picking a client the query is %+v", q)
	}
	if !strings.Contains(text(m), "Boulangerie Dupré") || strings.Contains(text(m), "PixelF") {
		t.Errorf("the week is not filtered:\n%s", text(m))
	}
	press(t, m, "f")
	typeText(t, m, "Facegram")
	press(t, m, "enter")
	if q := f.queries[len(f.queries)-1]; q.AccountID != 21 || q.ClientID != 2 {
		t.Fatalf("after picking an account the query is %+v", q)
	}
	press(t, m, "c", "enter") // the first choice: every client
	if q := f.queries[len(f.queries)-1]; q.ClientID != 0 || q.AccountID != 0 {
		t.Fatalf("\"all clients\" left a filter: %+v", q)
	}
}

func TestAgendaPagesByKeyset(t *testing.T) {
	f := newFake()
	// Hourly from now to the end of March.
	for i := range 450 {
		f.posts = append(f.posts, f.post(int64(i+1), 11, core.PostScheduled, now.Add(time.Duration(i)*time.Hour), fmt.Sprintf("post %d", i+1)))
	}
	m := newPane(t, f, 80, 21, nil)
	press(t, m, "a")
	if got := len(m.data.posts); got != agendaPage {
		t.Fatalf("the agenda loaded %d posts, want one page of %d", got, agendaPage)
	}
	press(t, m, "G")
	last := f.queries[len(f.queries)-1]
	if last.AfterID == 0 {
		t.Fatalf("the next page was not asked by keyset: %+v", last)
	}
	press(t, m, "G", "G")
	if got := len(m.data.posts); got != 450 || m.data.more {
		t.Fatalf("after paging down the agenda holds %d posts (more %v), want all 450", got, m.data.more)
	}
	seen := map[int64]bool{}
	for _, p := range m.data.posts {
		if seen[p.ID] {
			t.Fatalf("post %d loaded twice", p.ID)
		}
		seen[p.ID] = true
	}
}

func TestWeekCursor(t *testing.T) {
	tests := []struct {
		name   string
		keys   []string
		wantAt time.Time
		sel    int64
	}{
		{"starts on the current hour", nil, at(12, 10, 0), 0},
		{"j goes down an hour", []string{"j"}, at(12, 11, 0), 0},
		{"k up to a post", []string{"k"}, at(12, 9, 0), 4},
		{"l next day", []string{"l"}, at(13, 10, 0), 0},
		{"h previous day", []string{"h", "h"}, at(10, 10, 0), 0},
		{"j steps through the posts of an hour", []string{"j", "j", "j", "j"}, at(12, 14, 0), 5},
		{"then the next post of that hour", []string{"j", "j", "j", "j", "j"}, at(12, 14, 0), 6},
		{"then the next hour", []string{"j", "j", "j", "j", "j", "j"}, at(12, 15, 0), 0},
		{"g the day's first post", []string{"l", "g"}, at(13, 8, 0), 7},
		{"hours stop at midnight", []string{"pgdown", "pgdown", "pgdown"}, at(12, 23, 0), 0},
		{"] next week", []string{"]"}, at(19, 10, 0), 0},
		{"t back to today", []string{"]", "]", "t"}, at(12, 10, 0), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newPane(t, sample(), 80, 21, nil)
			press(t, m, tt.keys...)
			if !m.at.Equal(tt.wantAt) || m.sel != tt.sel {
				t.Errorf("cursor at %v on post %d, want %v on post %d", m.at, m.sel, tt.wantAt, tt.sel)
			}
		})
	}
}

func TestMonthCursorAndOpen(t *testing.T) {
	f := sample()
	m := newPane(t, f, 80, 21, nil)
	press(t, m, "m", "l", "j")
	if !m.at.Equal(at(20, 10, 0)) {
		t.Fatalf("l then j: cursor at %v, want Thu 20", m.at)
	}
	press(t, m, "k", "h", "h")
	if !m.at.Equal(at(11, 10, 0)) {
		t.Fatalf("k then h h: cursor at %v, want Tue 11", m.at)
	}
	if got := footerText(m); !strings.Contains(got, "Tue 11 Mar · 1 post") {
		t.Errorf("footer = %q", got)
	}
	press(t, m, "enter")
	if m.view != viewWeek || !sameDay(m.at, at(11, 0, 0), time.UTC) {
		t.Fatalf("enter on a day: view %d at %v, want that day's week", m.view, m.at)
	}
	press(t, m, "m", "]")
	if m.at.Month() != time.April || len(f.months) < 2 {
		t.Fatalf("] did not go to April's grid (%v, %d queries)", m.at, len(f.months))
	}
}

func TestSwitchingViewsKeepsThePost(t *testing.T) {
	m := newPane(t, sample(), 80, 21, nil)
	press(t, m, "a", "j") // from post 5, the first at or after 10:00
	if m.sel != 6 {
		t.Fatalf("agenda cursor on %d, want post 6", m.sel)
	}
	press(t, m, "w")
	if m.sel != 6 || m.cursorCell() != (cell{2, 14}) {
		t.Fatalf("the week opened on post %d at %+v, want post 6 on Wed 14:00", m.sel, m.cursorCell())
	}
	press(t, m, "m", "a")
	if m.sel != 6 {
		t.Fatalf("back in the agenda on post %d, want 6", m.sel)
	}
}

func TestRunActionFromTheCommandLine(t *testing.T) {
	m := newPane(t, sample(), 80, 21, nil)
	_, cmd := m.Update(common.RunActionMsg{Action: "month"})
	drain(t, m, cmd)
	if m.view != viewMonth {
		t.Fatal(":month did not switch to the month")
	}
	_, cmd = m.Update(common.RunActionMsg{Action: "new"})
	drain(t, m, cmd)
	if m.composer == nil || !m.Capturing() {
		t.Fatal(":new did not open the composer")
	}
}

func TestStaleResultsAreDropped(t *testing.T) {
	f := sample()
	ctx := newCtx(f, "en", false)
	m := New(ctx, DefaultKeyMap(ctx.T))
	m.SetSize(80, 21)
	first := m.load()
	f.posts = f.posts[:2]
	second := m.load()
	m.Update(second())
	m.Update(first()) // arrives late
	if got := len(m.data.posts); got != 2 {
		t.Fatalf("a stale result replaced the latest: %d posts", got)
	}
}

func TestErrorThenRetryOnTick(t *testing.T) {
	f := sample()
	f.err = errors.New("database is locked")
	m := newPane(t, f, 80, 10, nil)
	if !strings.Contains(text(m), "Could not load the posts: database is locked") {
		t.Fatalf("error not shown:\n%s", text(m))
	}
	checkSize(t, m.View(), 80, 10)
	f.err = nil
	_, cmd := m.Update(common.TickMsg{Now: now.Add(time.Minute)})
	drain(t, m, cmd)
	if m.err != nil || len(m.data.posts) != 9 {
		t.Fatalf("the tick did not retry the failed load (err %v, %d posts)", m.err, len(m.data.posts))
	}
	if _, cmd := m.Update(common.TickMsg{Now: now.Add(2 * time.Minute)}); cmd != nil {
		t.Fatal("a tick on the same day reloaded")
	}
}

func TestDataChangedReloads(t *testing.T) {
	f := sample()
	m := newPane(t, f, 80, 21, nil)
	f.posts = append(f.posts, f.post(60, 11, core.PostScheduled, at(12, 16, 0), "nouveau"))
	_, cmd := m.Update(common.DataChangedMsg{Version: 2})
	drain(t, m, cmd)
	if m.postIndex(60) < 0 {
		t.Fatal("a data change did not bring the new post")
	}
}

func TestIgnoresOtherPanesMessages(t *testing.T) {
	m := newPane(t, sample(), 80, 10, nil)
	before := m.View()
	type otherMsg struct{}
	if _, cmd := m.Update(otherMsg{}); cmd != nil {
		t.Fatal("reacted to a message that isn't its own")
	}
	if m.View() != before {
		t.Fatal("view changed on a foreign message")
	}
}

func TestHelpNamesEveryAction(t *testing.T) {
	km := DefaultKeyMap(nil)
	want := []string{"week", "month", "agenda", "today", "prev", "next", "new", "edit", "delete", "duplicate",
		"publish", "retry", "move_later", "move_earlier", "move_next_day", "move_prev_day", "client", "account", "open"}
	acts := km.Actions()
	var inHelp []key.Binding
	for _, g := range km.FullHelp() {
		inHelp = append(inHelp, g...)
	}
	for _, name := range want {
		b, ok := acts[name]
		if !ok {
			t.Errorf("no action %q", name)
			continue
		}
		if !slices.ContainsFunc(inHelp, func(h key.Binding) bool { return slices.Equal(h.Keys(), b.Keys()) }) {
			t.Errorf("the help does not list %q", name)
		}
	}
	if len(actionOrder()) != len(acts) {
		t.Errorf("actionOrder has %d actions, Actions %d", len(actionOrder()), len(acts))
	}
}

func TestKeyOverridesThroughActions(t *testing.T) {
	ctx := newCtx(sample(), "en", false)
	km := DefaultKeyMap(ctx.T)
	common.Rebind(km.Actions()["new"], []string{"N"})
	common.Rebind(km.Actions()["move_later"], []string{"ctrl+j"})
	m := New(ctx, km)
	m.SetSize(80, 21)
	drain(t, m, m.Init())
	press(t, m, "n")
	if m.composer != nil {
		t.Fatal("n still opens the composer after new was rebound to N")
	}
	press(t, m, "N")
	if m.composer == nil {
		t.Fatal("N does not open the composer")
	}
	press(t, m, "esc")
	selectPost(t, m, 5)
	press(t, m, "ctrl+j")
	if f := ctx.Source.(*fakeSource); len(f.moves) != 1 || f.moves[0] != (move{5, time.Hour}) {
		t.Fatalf("ctrl+j moved %+v, want post 5 by an hour", f.moves)
	}
}

func TestNothingPanicsOnTinySizes(t *testing.T) {
	m := newPane(t, sample(), 0, 0, nil)
	for _, sz := range [][2]int{{0, 0}, {1, 1}, {3, 2}, {10, 1}, {20, 4}, {200, 3}} {
		m.SetSize(sz[0], sz[1])
		for _, k := range []string{"w", "j", "enter", "esc", "m", "l", "a", "G", "n"} {
			press(t, m, k)
			if sz[0] > 0 && sz[1] > 0 {
				checkSize(t, m.View(), sz[0], sz[1])
			}
			press(t, m, "esc")
		}
	}
}

// selectPost moves the week's cursor onto post id (found by its time).
func selectPost(t testing.TB, m *Model, id int64) {
	t.Helper()
	i := m.postIndex(id)
	if i < 0 {
		t.Fatalf("post %d is not loaded", id)
	}
	m.follow(i)
	m.sel = id
	if p, ok := m.selected(); !ok || p.ID != id {
		t.Fatalf("could not select post %d", id)
	}
}

// postAt is the loaded post id's calendar time.
func postAt(t testing.TB, m *Model, id int64) time.Time {
	t.Helper()
	i := m.postIndex(id)
	if i < 0 {
		t.Fatalf("post %d is not loaded", id)
	}
	return m.data.posts[i].At
}

func TestTallerMonthAsksMoreTitlesOnTheNextTick(t *testing.T) {
	f := sample()
	m := newPane(t, f, 80, 21, nil)
	press(t, m, "m")
	m.SetSize(80, 45)
	_, cmd := m.Update(common.TickMsg{Now: now.Add(time.Minute)})
	drain(t, m, cmd)
	if got := f.perDay[len(f.perDay)-1]; got != 6 {
		t.Fatalf("after growing to 45 rows the month asks %d titles per day, want 6", got)
	}
	if !strings.Contains(text(m), "◷ Live Q&A") {
		t.Errorf("the taller month does not show the day's titles:\n%s", text(m))
	}
}
