package inbox

import (
	"slices"
	"strings"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/tui/common"
	"cmdeck/tui/dialog"
)

// The fixture list, newest first (incoming items only):
// 103 new · 104 read · 102 replied · 105 new (account 3) · 106 read (account 2)
// · 107 replied · 108 done · 109 hidden, blocked author · 110 spam · 111 · 112
// · 113 new · 114.

// Each action key asks the root for one intent, on the cursor's item or on
// the selection; toggles pick their direction from the items' state.
func TestActionKeysAskForIntents(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		kind common.IntentKind
		ids  []int64
	}{
		{"done", []string{"e"}, common.IntentDone, []int64{103}},
		{"undone", []string{"j", "j", "j", "j", "j", "j", "e"}, common.IntentUndone, []int64{108}},
		{"read", []string{"m"}, common.IntentRead, []int64{103}},
		{"unread", []string{"j", "m"}, common.IntentUnread, []int64{104}},
		{"hide", []string{"h"}, common.IntentHide, []int64{103}},
		{"unhide", []string{"j", "j", "j", "j", "j", "j", "j", "h"}, common.IntentUnhide, []int64{109}},
		{"space picks", []string{"space", "j", "j", "space", "e"}, common.IntentDone, []int64{103, 102}},
		{"space unpicks", []string{"space", "j", "space", "k", "space", "e"}, common.IntentDone, []int64{104}},
		{"visual range", []string{"v", "j", "j", "e"}, common.IntentDone, []int64{103, 104, 102}},
		{"range back up", []string{"j", "j", "v", "j", "j", "k", "k", "k", "m"}, common.IntentUnread, []int64{104, 102}},
		{"range then a pick", []string{"v", "j", "v", "j", "j", "space", "h"}, common.IntentHide, []int64{103, 104, 105}},
		{"mixed states: done wins", []string{"j", "j", "j", "j", "j", "j", "space", "k", "space", "e"}, common.IntentDone, []int64{107, 108}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModel(t, fixtureSource(), 80, 24)
			got := pressCollect(t, m, tt.keys...)
			if len(got) != 1 {
				t.Fatalf("intents %+v, want one", got)
			}
			if got[0].Kind != tt.kind || !slices.Equal(got[0].ItemIDs, tt.ids) {
				t.Errorf("intent %s %v, want %s %v", got[0].Kind, got[0].ItemIDs, tt.kind, tt.ids)
			}
		})
	}
}

// The selection is kept by id: scrolling away and back, and a reload, keep
// it; its count shows in the header; esc clears it.
func TestSelectionSurvivesScrollingAndShows(t *testing.T) {
	src := newVirtualSource(2_000, 0)
	m := newTestModel(t, src, 80, 24)
	press(t, m, "space", "j", "space")
	for range 200 {
		press(t, m, "j")
	}
	if !strings.Contains(headerText(m), "2 selected") {
		t.Errorf("header %q does not count the selection", headerText(m))
	}
	press(t, m, "G", "g")
	got := pressCollect(t, m, "e")
	if len(got) != 1 || !sameIDs(got[0].ItemIDs, []int64{2000, 1999}) {
		t.Fatalf("intents %+v, want done on 2000 and 1999", got)
	}
	press(t, m, "esc")
	if m.sel.count() != 0 || strings.Contains(headerText(m), "selected") {
		t.Errorf("esc left %d selected; header %q", m.sel.count(), headerText(m))
	}
}

// A range longer than the window still covers every row the cursor passed.
func TestVisualRangeLongerThanTheWindow(t *testing.T) {
	src := newVirtualSource(2_000, 0)
	m := newTestModel(t, src, 80, 24)
	press(t, m, "v")
	for range 150 {
		press(t, m, "j")
	}
	if n := m.sel.count(); n != 151 {
		t.Fatalf("range holds %d items, want 151", n)
	}
	for range 50 {
		press(t, m, "k")
	}
	if n := m.sel.count(); n != 101 {
		t.Fatalf("after going back up the range holds %d, want 101", n)
	}
}

// An executed intent spends the selection; a failed one keeps it.
func TestOutcomeClearsTheSelection(t *testing.T) {
	m := newTestModel(t, fixtureSource(), 80, 24)
	press(t, m, "space", "j", "space")
	send(t, m, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentDone}, Err: errUnused})
	if m.sel.count() != 2 {
		t.Fatalf("a failed intent dropped the selection")
	}
	send(t, m, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentDone}, Outcome: common.Outcome{Applied: 2}})
	if m.sel.count() != 0 {
		t.Errorf("selection kept after the outcome")
	}
}

// Destructive moderation asks first; the answer (and the optional reason)
// makes the intent, "no" makes none.
func TestConfirmFlows(t *testing.T) {
	tests := []struct {
		name   string
		keys   []string
		kind   common.IntentKind
		ids    []int64
		reason string
	}{
		{"delete yes", []string{"D", "y"}, common.IntentDelete, []int64{103}, ""},
		{"delete enter", []string{"D", "enter"}, common.IntentDelete, []int64{103}, ""},
		{"delete with reason", []string{"D", "tab", "r", "u", "d", "e", "enter"}, common.IntentDelete, []int64{103}, "rude"},
		{"delete no", []string{"D", "n"}, "", nil, ""},
		{"delete esc", []string{"D", "esc"}, "", nil, ""},
		{"spam", []string{"s", "y"}, common.IntentSpam, []int64{103}, ""},
		{"block", []string{"B", "y"}, common.IntentBlock, []int64{103}, ""},
		{"unblock a blocked author", []string{"j", "j", "j", "j", "j", "j", "j", "B", "y"}, common.IntentUnblock, []int64{109}, ""},
		{"bulk delete", []string{"space", "j", "space", "D", "y"}, common.IntentDelete, []int64{103, 104}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModel(t, fixtureSource(), 80, 24)
			var got []common.Intent
			for i, k := range tt.keys {
				got = append(got, pressCollect(t, m, k)...)
				if i < len(tt.keys)-1 && len(got) > 0 {
					t.Fatalf("intent %+v before the confirmation was answered", got)
				}
				if i == len(tt.keys)-2 && !m.Capturing() {
					t.Fatalf("no dialog captures the keys before the answer")
				}
			}
			if m.dialog != nil || m.Capturing() {
				t.Errorf("dialog still open")
			}
			if tt.kind == "" {
				if len(got) != 0 {
					t.Errorf("intents %+v, want none", got)
				}
				return
			}
			if len(got) != 1 || got[0].Kind != tt.kind || !slices.Equal(got[0].ItemIDs, tt.ids) || got[0].Reason != tt.reason {
				t.Errorf("intents %+v, want %s %v reason %q", got, tt.kind, tt.ids, tt.reason)
			}
		})
	}
}

// The dialog is drawn over the pane, which keeps its size.
func TestConfirmDialogIsDrawn(t *testing.T) {
	m := newTestModel(t, fixtureSource(), 80, 24)
	press(t, m, "D")
	view := m.View()
	checkSize(t, view, 80, 24)
	if !strings.Contains(view, "Delete this message?") || !strings.Contains(view, "@amelie_db on Chirper") {
		t.Errorf("confirmation not shown:\n%s", view)
	}
}

// Moderation keys act only where the network supports them: otherwise the
// header explains, the help bar leaves them out, and nothing is asked.
func TestCapabilityGating(t *testing.T) {
	tests := []struct {
		name       string
		item       int64
		key        string
		wantIntent bool
		notice     string
	}{
		{"review site cannot hide", 105, "h", false, "Chirper cannot hide messages: reply or report instead"},
		{"review site cannot delete", 105, "D", false, "Chirper cannot delete messages"},
		{"review site cannot block", 105, "B", false, "Chirper cannot block authors"},
		{"review site cannot mark spam", 105, "s", false, "Chirper cannot mark spam"},
		{"mastodon hides", 106, "h", true, ""},
		{"mastodon cannot delete", 106, "D", false, "mastodon.social cannot delete messages"},
		{"triage is local: always", 105, "e", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModelWith(t, fixtureSource(), 80, 24, func(c *common.Context) { c.Caps = fixtureCaps })
			cursorTo(t, m, tt.item)
			got := pressCollect(t, m, tt.key)
			if m.dialog != nil {
				t.Fatalf("a dialog opened for an unsupported action")
			}
			if (len(got) > 0) != tt.wantIntent {
				t.Errorf("intents %+v, want some: %v", got, tt.wantIntent)
			}
			if tt.notice != "" && !strings.Contains(headerText(m), tt.notice) {
				t.Errorf("header %q, want %q", headerText(m), tt.notice)
			}
		})
	}
}

func TestHelpBarShowsOnlySupportedModeration(t *testing.T) {
	m := newTestModelWith(t, fixtureSource(), 80, 24, func(c *common.Context) { c.Caps = fixtureCaps })
	keysOf := func() []string {
		var out []string
		for _, b := range m.ShortHelp() {
			out = append(out, b.Help().Key)
		}
		return out
	}
	if got := keysOf(); !slices.Contains(got, "h") || !slices.Contains(got, "D") || !slices.Contains(got, "B") {
		t.Errorf("help for a Chirper item %v lacks moderation", got)
	}
	cursorTo(t, m, 105)
	if got := keysOf(); slices.Contains(got, "h") || slices.Contains(got, "D") || !slices.Contains(got, "r") {
		t.Errorf("help for a review %v offers what the network cannot do", got)
	}
	cursorTo(t, m, 106)
	if got := keysOf(); !slices.Contains(got, "h") || slices.Contains(got, "D") {
		t.Errorf("help for a mastodon item %v", got)
	}
}

// A selection mixing networks is sent whole when one can do it (the
// executor counts the others as skipped), refused when none can.
func TestGatingABulkSelection(t *testing.T) {
	m := newTestModelWith(t, fixtureSource(), 80, 24, func(c *common.Context) { c.Caps = fixtureCaps })
	cursorTo(t, m, 105)
	press(t, m, "space", "j", "space") // 105 (review site) and 106 (mastodon)
	got := pressCollect(t, m, "h")
	if len(got) != 1 || !slices.Equal(got[0].ItemIDs, []int64{105, 106}) {
		t.Errorf("hide on a mixed selection: %+v", got)
	}
	press(t, m, "esc")
	cursorTo(t, m, 105)
	press(t, m, "space", "j", "space")
	if got := pressCollect(t, m, "D"); len(got) != 0 || m.dialog != nil {
		t.Errorf("delete where no network can: intents %+v, dialog %v", got, m.dialog != nil)
	}
}

func TestReadOnlyRefusesEveryAction(t *testing.T) {
	for _, k := range []string{"r", "R", "e", "m", "z", "#", "a", "h", "D", "B", "s", "L", "M", "!"} {
		m := newTestModelWith(t, fixtureSource(), 80, 24, func(c *common.Context) { c.ReadOnly = true })
		got := pressCollect(t, m, k)
		if len(got) != 0 || m.dialog != nil || m.composer != nil {
			t.Errorf("%s: intents %+v, dialog %v, composer %v in a read-only session", k, got, m.dialog != nil, m.composer != nil)
		}
		if !strings.Contains(headerText(m), "Read-only session") {
			t.Errorf("%s: header %q does not say why", k, headerText(m))
		}
		// Moving and filtering still work.
		press(t, m, "j", "n")
		if m.filter.quick != quickNeedsReply {
			t.Errorf("%s: filters refused in a read-only session", k)
		}
	}
}

func TestSnooze(t *testing.T) {
	presets := core.SnoozePresets(fakeEpoch, time.UTC)
	tests := []struct {
		name  string
		run   func(t *testing.T, m *Model) []common.Intent
		until time.Time
		err   string
	}{
		{"first preset", func(t *testing.T, m *Model) []common.Intent {
			return pressCollect(t, m, "z", "enter")
		}, presets[0].Time, ""},
		{"typed time", func(t *testing.T, m *Model) []common.Intent {
			press(t, m, "z")
			typeText(t, m, "in 2h")
			return pressCollect(t, m, "enter")
		}, fakeEpoch.Add(2 * time.Hour), ""},
		{"typed nonsense", func(t *testing.T, m *Model) []common.Intent {
			press(t, m, "z")
			typeText(t, m, "blurb")
			return pressCollect(t, m, "enter")
		}, time.Time{}, "blurb"},
		{"command line", func(t *testing.T, m *Model) []common.Intent {
			return send(t, m, common.RunActionMsg{Action: "inbox.snooze", Args: "demain 14h"})
		}, time.Date(2026, 3, 15, 14, 0, 0, 0, time.UTC), ""},
		{"command line, past", func(t *testing.T, m *Model) []common.Intent {
			return send(t, m, common.RunActionMsg{Action: "inbox.snooze", Args: "01/01/2020"})
		}, time.Time{}, "past"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModel(t, fixtureSource(), 80, 24)
			got := tt.run(t, m)
			if tt.err != "" {
				if len(got) != 0 || !strings.Contains(headerText(m), tt.err) {
					t.Errorf("intents %+v, header %q; want an error naming %q", got, headerText(m), tt.err)
				}
				return
			}
			if len(got) != 1 || got[0].Kind != common.IntentSnooze || !got[0].Until.Equal(tt.until) || !slices.Equal(got[0].ItemIDs, []int64{103}) {
				t.Errorf("intents %+v, want snooze 103 until %v", got, tt.until)
			}
		})
	}
}

// In the snoozed view the picker also offers to wake the items now.
func TestSnoozedViewOffersWakingUp(t *testing.T) {
	src := fixtureSource()
	src.snoozed = map[int64]bool{104: true}
	m := newTestModel(t, src, 80, 24)
	send(t, m, common.RunActionMsg{Action: "inbox.filter", Args: "is:snoozed"})
	if ids := rowIDs(m); !slices.Equal(ids, []int64{104}) {
		t.Fatalf("snoozed view shows %v", ids)
	}
	got := pressCollect(t, m, "z", "enter")
	if len(got) != 1 || got[0].Kind != common.IntentSnooze || !got[0].Until.IsZero() {
		t.Errorf("intents %+v, want a wake-up (zero Until)", got)
	}
}

func TestTagAndAssign(t *testing.T) {
	tags := func(c *common.Context) { c.Tags = []string{"idea", "question", "bug"} }
	tests := []struct {
		name string
		run  func(t *testing.T, m *Model) []common.Intent
		kind common.IntentKind
		text string
	}{
		{"picker", func(t *testing.T, m *Model) []common.Intent {
			press(t, m, "#")
			typeText(t, m, "ques")
			return pressCollect(t, m, "enter")
		}, common.IntentTag, "question"},
		{"picker, new tag", func(t *testing.T, m *Model) []common.Intent {
			press(t, m, "#")
			typeText(t, m, "urgent")
			return pressCollect(t, m, "enter")
		}, common.IntentTag, "urgent"},
		{"picker removes a tag every target has", func(t *testing.T, m *Model) []common.Intent {
			m.list.win.rows[0].Tags = []string{"bug"}
			press(t, m, "#")
			typeText(t, m, "bug")
			return pressCollect(t, m, "enter")
		}, common.IntentUntag, "bug"},
		{"command line", func(t *testing.T, m *Model) []common.Intent {
			return send(t, m, common.RunActionMsg{Action: "inbox.tag", Args: "idea"})
		}, common.IntentTag, "idea"},
		{"command line untag", func(t *testing.T, m *Model) []common.Intent {
			return send(t, m, common.RunActionMsg{Action: "inbox.tag", Args: "-idea"})
		}, common.IntentUntag, "idea"},
		{"assign prompt", func(t *testing.T, m *Model) []common.Intent {
			press(t, m, "a")
			typeText(t, m, "marie")
			return pressCollect(t, m, "enter")
		}, common.IntentAssign, "marie"},
		{"unassign", func(t *testing.T, m *Model) []common.Intent {
			return pressCollect(t, m, "a", "enter")
		}, common.IntentAssign, ""},
		{"assign command line", func(t *testing.T, m *Model) []common.Intent {
			return send(t, m, common.RunActionMsg{Action: "inbox.assign", Args: "Jean Dupont"})
		}, common.IntentAssign, "Jean Dupont"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModelWith(t, fixtureSource(), 80, 24, tags)
			got := tt.run(t, m)
			if len(got) != 1 || got[0].Kind != tt.kind || got[0].Text != tt.text || !slices.Equal(got[0].ItemIDs, []int64{103}) {
				t.Errorf("intents %+v, want %s %q on 103", got, tt.kind, tt.text)
			}
		})
	}
}

// Every action runs from the command line; unknown ones say so.
func TestRunActionMsg(t *testing.T) {
	m := newTestModel(t, fixtureSource(), 80, 24)
	send(t, m, common.RunActionMsg{Action: "inbox.down"})
	if sel, _ := m.list.win.selected(); sel.ID != 104 {
		t.Fatalf("inbox.down: cursor on %d", sel.ID)
	}
	if got := send(t, m, common.RunActionMsg{Action: "inbox.done"}); len(got) != 1 || got[0].Kind != common.IntentDone {
		t.Errorf("inbox.done: %+v", got)
	}
	send(t, m, common.RunActionMsg{Action: "inbox.delete", Args: "insulte"})
	if m.dialog == nil {
		t.Fatal(":delete did not ask first")
	}
	if got := pressCollect(t, m, "y"); len(got) != 1 || got[0].Reason != "insulte" {
		t.Errorf("the command line's reason is lost: %+v", got)
	}
	send(t, m, common.RunActionMsg{Action: "inbox.fly"})
	if !strings.Contains(headerText(m), `no action "inbox.fly"`) {
		t.Errorf("unknown action: header %q", headerText(m))
	}
	if got := send(t, m, common.RunActionMsg{Action: "calendar.today"}); len(got) != 0 {
		t.Errorf("another pane's action ran here: %+v", got)
	}
}

// Dialog answers meant for someone else are ignored.
func TestForeignDialogAnswersAreIgnored(t *testing.T) {
	m := newTestModel(t, fixtureSource(), 80, 24)
	press(t, m, "D")
	for _, msg := range []any{
		dialog.ConfirmResult{ID: "outbox.discard", OK: true},
		dialog.PickerResult{ID: "root.goto", OK: true, Option: dialog.Option{Value: "x"}},
		dialog.PromptResult{ID: dlgAssign, OK: true, Value: "x"}, // not the open dialog
	} {
		if got := send(t, m, msg); len(got) != 0 {
			t.Errorf("%T answered by someone else made %+v", msg, got)
		}
	}
}
