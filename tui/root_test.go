package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"cmdeck/i18n"
	"cmdeck/tui/common"
)

func TestSwitchingPanes(t *testing.T) {
	tests := []struct {
		keys []string
		want int
	}{
		{nil, paneInbox},
		{[]string{"2"}, paneCalendar},
		{[]string{"3"}, paneAlerts},
		{[]string{"4"}, paneStats},
		{[]string{"4", "1"}, paneInbox},
		{[]string{"tab"}, paneCalendar},
		{[]string{"tab", "tab", "tab", "tab"}, paneInbox},
		{[]string{"shift+tab"}, paneStats},
		{[]string{"3", "shift+tab", "shift+tab"}, paneInbox},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.keys, ","), func(t *testing.T) {
			d := newDeck(t, 80, 24, nil)
			d.press(tt.keys...)
			if d.Focused() != tt.want {
				t.Fatalf("focus %d, want %d", d.Focused(), tt.want)
			}
		})
	}
}

func TestHelpToggles(t *testing.T) {
	for _, closeKey := range []string{"?", "esc", "q"} {
		t.Run(closeKey, func(t *testing.T) {
			d := newDeck(t, 80, 24, nil)
			d.press("2", "?")
			if len(d.overlays) != 1 {
				t.Fatal("? did not open the help")
			}
			d.press("n") // show the action names
			text := d.text()
			for _, want := range []string{"Keys", "calendar.down", "global.quit", "ctrl+r/S"} {
				if !strings.Contains(text, want) {
					t.Errorf("help lacks %q:\n%s", want, text)
				}
			}
			// Keys go to the overlay, not the pane or the globals.
			d.press("4")
			if d.Focused() != paneCalendar {
				t.Fatal("a key went past the open overlay")
			}
			d.press(closeKey)
			if len(d.overlays) != 0 || d.quitting {
				t.Fatalf("%s: overlays %d, quitting %v", closeKey, len(d.overlays), d.quitting)
			}
		})
	}
}

func TestHelpScrollsWhenTooTall(t *testing.T) {
	d := newDeck(t, 80, 14, nil)
	d.press("?")
	h := d.overlays[0].(*helpOverlay)
	if h.lines() <= h.visible() {
		t.Fatalf("help fits in %d lines; the test needs it taller", h.visible())
	}
	if !strings.Contains(d.text(), "j/k scroll") {
		t.Fatalf("no scroll hint:\n%s", d.text())
	}
	d.press("j", "j")
	if h.offset != 2 {
		t.Fatalf("offset %d after j j, want 2", h.offset)
	}
	d.press("G")
	if h.offset != h.lines()-h.visible() {
		t.Fatalf("G did not reach the end")
	}
	checkSize(t, d.View().Content, 80, 14)
}

func TestQuit(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		stub *stubPane
	}{
		{"q", []string{"q"}, nil},
		{"ctrl+c", []string{"ctrl+c"}, nil},
		{"ctrl+c over the help", []string{"?", "ctrl+c"}, nil},
		{"ctrl+c while a pane takes text", []string{"ctrl+c"}, &stubPane{capturing: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var edit func(*Options)
			if tt.stub != nil {
				edit = withStub(tt.stub)
			}
			d := newDeck(t, 80, 24, edit)
			var cmd tea.Cmd
			for _, k := range tt.keys {
				_, cmd = d.Update(keyMsg(k))
			}
			if !d.quitting || cmd == nil {
				t.Fatal("did not quit")
			}
			if _, ok := cmd().(tea.QuitMsg); !ok {
				t.Fatal("the command is not tea.Quit")
			}
		})
	}
}

func TestCapturingPaneGetsGlobalKeys(t *testing.T) {
	stub := &stubPane{capturing: true}
	d := newDeck(t, 80, 24, withStub(stub))
	d.press("q", "2", "?", "tab", "S")
	if d.quitting || d.Focused() != paneInbox || len(d.overlays) != 0 || d.triggers != 0 {
		t.Fatal("a global key fired while the pane takes text")
	}
	if got := stub.keysGot(); !slices.Equal(got, []string{"q", "2", "?", "tab", "S"}) {
		t.Fatalf("pane got %v", got)
	}
	stub.capturing = false
	d.press("2")
	if d.Focused() != paneCalendar {
		t.Fatal("globals did not come back once the pane stopped capturing")
	}
}

func TestKeysGoOnlyToTheFocusedPane(t *testing.T) {
	stub := &stubPane{}
	d := newDeck(t, 80, 24, withStub(stub))
	d.press("2", "j")
	if len(stub.keysGot()) != 0 {
		t.Fatalf("the unfocused pane got keys %v", stub.keysGot())
	}
	d.press("1", "j")
	if got := stub.keysGot(); !slices.Equal(got, []string{"j"}) {
		t.Fatalf("focused pane got %v", got)
	}
}

func TestOtherMessagesReachEveryPane(t *testing.T) {
	stub := &stubPane{}
	d := newDeck(t, 100, 30, withStub(stub))
	d.press("3")
	type resultMsg struct{ id int }
	d.send(resultMsg{7})
	found := false
	for _, m := range stub.got {
		if r, ok := m.(resultMsg); ok && r.id == 7 {
			found = true
		}
	}
	if !found {
		t.Fatal("a result did not reach an unfocused pane")
	}
	if stub.w != 100 || stub.h != 30-chrome {
		t.Fatalf("pane sized %dx%d, want 100x%d", stub.w, stub.h, 30-chrome)
	}
}

func TestMinuteTickBroadcastsTheClock(t *testing.T) {
	stub := &stubPane{}
	d := newDeck(t, 80, 24, withStub(stub))
	if !slices.Contains(d.scheduled, tea.Msg(ageTickMsg{})) {
		t.Fatal("Init did not arm the minute tick")
	}
	d.clock.Advance(61_000_000_000)
	d.scheduled = nil
	d.send(ageTickMsg{})
	var ticks []common.TickMsg
	for _, m := range stub.got {
		if tk, ok := m.(common.TickMsg); ok {
			ticks = append(ticks, tk)
		}
	}
	if len(ticks) != 1 || !ticks[0].Now.Equal(d.clock.Now()) {
		t.Fatalf("ticks %v, want one at the clock's time", ticks)
	}
	if !slices.Contains(d.scheduled, tea.Msg(ageTickMsg{})) {
		t.Fatal("the tick did not re-arm")
	}
}

func TestVersionPollAnnouncesOtherWriters(t *testing.T) {
	stub := &stubPane{}
	d := newDeck(t, 80, 24, withStub(stub))
	changes := func() int {
		n := 0
		for _, m := range stub.got {
			if _, ok := m.(common.DataChangedMsg); ok {
				n++
			}
		}
		return n
	}
	if changes() != 0 {
		t.Fatal("the first version read announced a change")
	}
	d.send(pollMsg{})
	if changes() != 0 {
		t.Fatal("an unchanged version announced a change")
	}
	posts := d.src.callsTo("CalendarPosts")
	d.src.setVersion(2)
	d.send(pollMsg{})
	if changes() != 1 {
		t.Fatalf("%d announcements after another process wrote, want 1", changes())
	}
	if d.src.callsTo("CalendarPosts") != posts+1 {
		t.Fatal("the calendar did not re-query after the change")
	}
	if n := countMsgs(d.scheduled, pollMsg{}); n < 3 {
		t.Fatalf("the poll did not keep going (%d scheduled)", n)
	}
}

func countMsgs(msgs []tea.Msg, want tea.Msg) int {
	n := 0
	for _, m := range msgs {
		if m == want {
			n++
		}
	}
	return n
}

func TestSyncEvents(t *testing.T) {
	stub := &stubPane{}
	d := newDeck(t, 120, 24, withStub(stub))
	status := d.src.callsTo("Status")

	d.send(common.SyncEvent{AccountID: 11, NewItems: 0, At: at(12, 9, 59), LeaseHeld: true})
	if d.src.callsTo("Status") != status+1 {
		t.Fatal("a sync event did not refresh the counts")
	}
	if !strings.Contains(d.text(), "last sync 09:59") {
		t.Fatalf("status bar lacks the sync time:\n%s", d.text())
	}

	d.send(common.SyncEvent{AccountID: 11, NewItems: 3, At: at(12, 10, 0), LeaseHeld: true})
	if n := countDataChanged(stub.got); n != 1 {
		t.Fatalf("new items announced %d times, want once", n)
	}
	// The version moved with those items: the next poll must not announce
	// them again.
	d.src.setVersion(d.version)
	d.send(pollMsg{})
	if n := countDataChanged(stub.got); n != 1 {
		t.Fatalf("the poll announced the same change again")
	}

	d.send(common.SyncEvent{LeaseHeld: false, LeaseHolder: "laptop:4242"})
	if !strings.Contains(d.text(), "sync: laptop:4242") {
		t.Fatalf("status bar lacks the lease holder:\n%s", d.text())
	}
}

func countDataChanged(msgs []tea.Msg) int {
	n := 0
	for _, m := range msgs {
		if _, ok := m.(common.DataChangedMsg); ok {
			n++
		}
	}
	return n
}

func TestSyncNowTriggersTheEngine(t *testing.T) {
	for _, k := range []string{"ctrl+r", "S"} {
		t.Run(k, func(t *testing.T) {
			d := newDeck(t, 80, 24, nil)
			d.press(k)
			if d.triggers != 1 {
				t.Fatalf("%s: %d triggers", k, d.triggers)
			}
			if !strings.Contains(d.text(), "syncing…") {
				t.Fatalf("status bar does not say syncing:\n%s", d.text())
			}
			d.send(common.SyncEvent{At: at(12, 10, 1), LeaseHeld: true})
			if strings.Contains(d.text(), "syncing…") {
				t.Fatal("still syncing after the event")
			}
		})
	}
	d := newDeck(t, 80, 24, func(o *Options) { o.Trigger = nil })
	d.press("S") // nothing to trigger: no panic, no "syncing…" forever
	if d.status.syncing {
		t.Fatal("syncing without an engine")
	}
}

func TestOverrides(t *testing.T) {
	d := newDeck(t, 80, 24, func(o *Options) {
		o.Keys = map[string][]string{"global.quit": {"Q"}, "calendar.today": {"T"}, "global.goto_stats": {"f4", "4"}}
	})
	d.press("q")
	if d.quitting {
		t.Fatal("q still quits after quit was rebound to Q")
	}
	d.press("2", "?")
	h := d.overlays[0].(*helpOverlay)
	if !slices.Contains(h.sections[1].rows, helpRow{"T", "today", "calendar.today"}) {
		t.Fatalf("help does not show the rebound key: %+v", h.sections[1].rows)
	}
	if !slices.Contains(h.sections[0].rows, helpRow{"f4/4", "Stats", "global.goto_stats"}) {
		t.Fatalf("help does not show the rebound key: %+v", h.sections[0].rows)
	}
	d.press("esc", "Q")
	if !d.quitting {
		t.Fatal("Q does not quit")
	}
}

func TestOverrideErrors(t *testing.T) {
	tests := []struct {
		name string
		keys map[string][]string
		want []string
	}{
		{"unknown with suggestion", map[string][]string{"calendar.tday": {"t"}}, []string{`keys.calendar.tday: unknown action (did you mean "calendar.today"?)`}},
		{"unknown far", map[string][]string{"launch.rocket": {"r"}}, []string{"keys.launch.rocket: unknown action"}},
		{"empty list", map[string][]string{"global.quit": {}}, []string{"keys.global.quit: no key given"}},
		{"bad key", map[string][]string{"global.quit": {"ctrl+"}}, []string{"keys.global.quit:", `unknown key name ""`}},
		{"bad modifier", map[string][]string{"global.sync": {"cmd+s"}}, []string{`unknown modifier "cmd"`}},
		{"clash with a global", map[string][]string{"calendar.today": {"1"}}, []string{`key "1" is bound to both global.goto_inbox and calendar.today`}},
		{"all at once", map[string][]string{"nope": {"n"}, "stats.up": nil}, []string{"keys.nope", "keys.stats.up"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(Options{Source: newFakeSource(), Lang: i18n.EN, Keys: tt.keys})
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestNewNeedsASource(t *testing.T) {
	if _, err := New(Options{}); err == nil {
		t.Fatal("no error without a source")
	}
}

func TestKeyActions(t *testing.T) {
	got := KeyActions()
	for _, want := range []string{"global.quit", "global.help", "global.sync", "global.goto_inbox",
		"inbox.down", "inbox.open", "calendar.today", "alerts.down", "stats.bottom"} {
		if !slices.Contains(got, want) {
			t.Errorf("KeyActions lacks %q", want)
		}
	}
	if !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
		t.Errorf("KeyActions not sorted and unique: %v", got)
	}
	// Every action must be rebindable without error.
	over := map[string][]string{}
	for i, a := range got {
		// f1…f63, then ctrl+f1…: one distinct key per action.
		over[a] = []string{fmt.Sprintf("%sf%d", []string{"", "ctrl+", "alt+"}[i/63], i%63+1)}
	}
	if _, err := New(Options{Source: newFakeSource(), Keys: over}); err != nil {
		t.Fatalf("rebinding every action: %v", err)
	}
}

func TestThemeFollowsTheBackground(t *testing.T) {
	d := newDeck(t, 80, 24, nil)
	styles := d.ctx.Styles
	d.send(tea.BackgroundColorMsg{Color: lipgloss.Color("#FFFFFF")})
	if d.ctx.Styles != styles || styles.Palette.Fg != common.DefaultPalette(false).Fg {
		t.Fatal("a light background did not switch the shared styles to light")
	}
	d.send(tea.BackgroundColorMsg{Color: lipgloss.Color("#000000")})
	if styles.Palette.Fg != common.DefaultPalette(true).Fg {
		t.Fatal("a dark background did not switch back")
	}
	nc := newDeck(t, 80, 24, func(o *Options) { o.NoColor = true })
	nc.send(tea.BackgroundColorMsg{Color: lipgloss.Color("#FFFFFF")})
	if !nc.ctx.Styles.Palette.NoColor {
		t.Fatal("NoColor lost on a background answer")
	}
}

func TestViewIsTheAltScreenWithATitle(t *testing.T) {
	d := newDeck(t, 80, 24, nil)
	v := d.View()
	if !v.AltScreen || v.WindowTitle != "cmdeck" {
		t.Fatalf("alt screen %v, title %q", v.AltScreen, v.WindowTitle)
	}
}

func TestStatusErrorIsShownNotFatal(t *testing.T) {
	d := newDeck(t, 80, 24, nil)
	d.status.seq++
	d.send(statusMsg{seq: d.status.seq, err: errors.New("database is locked")})
	if !strings.Contains(d.text(), "counts unavailable") {
		t.Fatalf("no status error:\n%s", d.text())
	}
	if !strings.Contains(d.text(), "15 to reply") {
		t.Fatal("the last good counts were dropped")
	}
}

func TestSizes(t *testing.T) {
	d := newDeck(t, 80, 24, nil)
	for _, sz := range [][2]int{{1, 1}, {10, 3}, {20, 5}, {80, 4}, {300, 100}, {45, 20}} {
		d.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		for _, k := range []string{"1", "2", "3", "4", "?", "j", "esc"} {
			d.press(k)
			checkSize(t, d.View().Content, sz[0], sz[1])
		}
	}
	d.send(tea.WindowSizeMsg{Width: 0, Height: 0})
	if d.View().Content != "" {
		t.Fatal("zero size must draw nothing")
	}
}
