package tui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// The whole deck's screens, as text. They include the real Inbox pane's
// view, so a change there shows up here too (run with -update to accept).
func TestDeckViews(t *testing.T) {
	tests := []struct {
		name string
		w, h int
		keys []string
		edit func(*Options)
	}{
		{"inbox_80x24", 80, 24, nil, nil},
		{"calendar_80x24", 80, 24, []string{"2"}, nil},
		{"alerts_80x24", 80, 24, []string{"3"}, nil},
		{"stats_80x24", 80, 24, []string{"4"}, nil},
		{"help_80x24", 80, 24, []string{"2", "?"}, nil},
		{"help_names_80x24", 80, 24, []string{"2", "?", "n"}, nil},
		{"inbox_120x40", 120, 40, nil, nil},
		{"calendar_120x40", 120, 40, []string{"2"}, nil},
		{"stats_120x40", 120, 40, []string{"4"}, nil},
		{"help_120x40", 120, 40, []string{"?"}, nil},
		{"stats_200x60", 200, 60, []string{"4"}, nil},
		{"inbox_200x60", 200, 60, nil, nil},
		{"nocolor_80x24", 80, 24, []string{"3"}, func(o *Options) { o.NoColor = true }},
		{"fr_80x24", 80, 24, []string{"2"}, func(o *Options) { o.Lang = i18n.FR }},
		{"fr_help_80x24", 80, 24, []string{"4", "?"}, func(o *Options) { o.Lang = i18n.FR }},
		{"configured_80x24", 80, 24, []string{"3"}, func(o *Options) { o.Demo, o.Workspace = false, "agence.yaml" }},
		{"outbox_80x24", 80, 24, []string{"O"}, nil},
		{"outbox_120x40", 120, 40, []string{"O", "j"}, nil},
		{"outbox_confirm_80x24", 80, 24, []string{"O", "x"}, nil},
		{"outbox_fr_80x24", 80, 24, []string{"O", "G"}, func(o *Options) { o.Lang = i18n.FR }},
		{"cmdline_80x24", 80, 24, []string{":"}, nil},
		{"cmdline_go_80x24", 80, 24, []string{":", "g", "o"}, nil},
		{"cmdline_120x40", 120, 40, []string{"2", ":", "t"}, nil},
		{"cmdline_error_120x40", 120, 40, []string{":", "x", "y", "z", "enter"}, nil},
		{"accounts_80x24", 80, 24, []string{"@"}, nil},
		{"accounts_reauth_80x24", 80, 24, []string{"@", "j"}, refuseToken},
		{"accounts_fr_80x24", 80, 24, []string{":", "c", "o", "m", "p", "t", "e", "s", "enter", "j"},
			func(o *Options) { refuseToken(o); o.Lang = i18n.FR }},
		{"accounts_120x40", 120, 40, []string{"@"}, refuseToken},
		{"reauth_hint_80x24", 80, 24, nil, refuseToken},
		{"reauth_hint_120x40", 120, 40, nil, refuseToken},
		// Every pane's views at 80×24 and on a phone (60×20): panes
		// collapse, columns drop by priority, nothing overlaps or wraps.
		{"inbox_thread_80x24", 80, 24, []string{"enter"}, nil},
		{"calendar_month_80x24", 80, 24, []string{"2", "m"}, nil},
		{"calendar_agenda_80x24", 80, 24, []string{"2", "a"}, nil},
		{"inbox_60x20", 60, 20, nil, nil},
		{"inbox_thread_60x20", 60, 20, []string{"enter"}, nil},
		{"inbox_reply_60x20", 60, 20, []string{"r"}, nil},
		{"calendar_60x20", 60, 20, []string{"2"}, nil},
		{"calendar_month_60x20", 60, 20, []string{"2", "m"}, nil},
		{"calendar_agenda_60x20", 60, 20, []string{"2", "a"}, nil},
		{"alerts_60x20", 60, 20, []string{"3"}, nil},
		{"stats_60x20", 60, 20, []string{"4"}, nil},
		{"help_60x20", 60, 20, []string{"?"}, nil},
		{"cmdline_60x20", 60, 20, []string{":"}, nil},
		{"outbox_60x20", 60, 20, []string{"O"}, nil},
		{"accounts_60x20", 60, 20, []string{"@"}, nil},
		// The low-bandwidth mode: the reading pane stays on the message
		// opened while the cursor moves.
		{"inbox_lite_80x24", 80, 24, []string{"j", "j"}, lite},
		{"inbox_lite_120x40", 120, 40, []string{"j", "j"}, lite},
		{"inbox_lite_enter_120x40", 120, 40, []string{"j", "j", "enter"}, lite},
		{"alerts_lite_60x20", 60, 20, []string{"3", "j"}, lite},
		// Smaller still, the deck degrades without garbling.
		{"inbox_40x15", 40, 15, nil, nil},
		{"stats_40x15", 40, 15, []string{"4"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newRealDeck(t, tt.w, tt.h, tt.edit)
			d.startLite()
			d.press(tt.keys...)
			view := d.View().Content
			checkSize(t, view, tt.w, tt.h)
			golden.RequireEqual(t, []byte(d.text()))
		})
	}
}

// lite starts the deck in the low-bandwidth mode.
func lite(o *Options) { o.Lite = true }

// startLite tells a deck in the low-bandwidth mode the terminal's colors,
// as the program does at start: it draws nothing before.
func (d *deck) startLite() {
	if d.ctx.Styles.Lite {
		d.send(tea.ColorProfileMsg{Profile: colorprofile.ANSI256})
	}
}

// In the low-bandwidth mode the cursor's row keeps its colors and only
// its gutter shows the cursor.
func TestLiteStyles(t *testing.T) {
	d := newRealDeck(t, 80, 24, lite)
	d.startLite()
	d.send(tea.BackgroundColorMsg{Color: lipgloss.Color("#000000")})
	d.press("j", "j")
	golden.RequireEqual(t, []byte(d.View().Content))
}

// The styled screen on a dark and a light terminal: the colors differ,
// the layout does not.
func TestDeckStyles(t *testing.T) {
	for _, bg := range []struct {
		name  string
		color string
	}{{"dark", "#000000"}, {"light", "#FFFFFF"}} {
		t.Run(bg.name, func(t *testing.T) {
			d := newDeck(t, 80, 24, nil)
			d.send(tea.BackgroundColorMsg{Color: lipgloss.Color(bg.color)})
			d.press("2")
			golden.RequireEqual(t, []byte(d.View().Content))
		})
	}
}

// The whole program driven by keys: start, switch panes, open the help,
// quit; then the final model's state (not its output, which only carries
// the cells that changed).
func TestProgram(t *testing.T) {
	m, err := New(Options{Source: newFakeSource(), Clock: core.NewManualClock(now), Loc: time.UTC, Lang: i18n.EN, Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	for _, k := range []string{"3", "shift+tab", "?"} {
		tm.Send(keyMsg(k))
	}
	tm.Send(keyMsg("ctrl+c"))
	final, ok := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*Model)
	if !ok {
		t.Fatal("final model is not the deck")
	}
	if final.Focused() != paneCalendar || len(final.overlays) != 1 || !final.quitting {
		t.Fatalf("final state: focus %d, overlays %d, quitting %v", final.Focused(), len(final.overlays), final.quitting)
	}
	if final.width != 80 || final.height != 24 {
		t.Fatalf("final size %dx%d", final.width, final.height)
	}
}

// The status bar while a message about the last action shows: an undo
// hint, and an error, in both languages.
func TestFlashViews(t *testing.T) {
	hidden := common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentHide, ItemIDs: []int64{1, 2, 3}},
		Outcome: common.Outcome{Applied: 3, Skipped: 1, ActionIDs: []int64{1, 2, 3}, UndoUntil: now.Add(5 * time.Second)}}
	failed := common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentUndo}, Err: store.ErrTooLate}
	tests := []struct {
		name string
		lang i18n.Lang
		msg  common.OutcomeMsg
	}{
		{"undo_80x24", i18n.EN, hidden},
		{"undo_fr_80x24", i18n.FR, hidden},
		{"error_80x24", i18n.EN, failed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDeck(t, 80, 24, func(o *Options) { o.Lang = tt.lang })
			d.send(tt.msg)
			checkSize(t, d.View().Content, 80, 24)
			golden.RequireEqual(t, []byte(d.text()))
		})
	}
}

// refuseToken has the network refuse the bakery's token (see fakeSource).
func refuseToken(o *Options) { o.Source.(*fakeSource).refuseToken() }
