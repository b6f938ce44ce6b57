package tui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/store"
	"cmdeck/tui/common"
	"cmdeck/tui/exec"
)

// fakeExecutor records the intents it is given and answers each with the
// outcome (or error) the test set.
type fakeExecutor struct {
	mu      sync.Mutex
	got     []common.Intent
	outcome func(common.Intent) (common.Outcome, error)
}

func (f *fakeExecutor) Execute(_ context.Context, in common.Intent) (common.Outcome, error) {
	f.mu.Lock()
	f.got = append(f.got, in)
	f.mu.Unlock()
	if f.outcome == nil {
		return common.Outcome{Applied: max(len(in.ItemIDs), 1)}, nil
	}
	return f.outcome(in)
}

func (f *fakeExecutor) kinds() []common.IntentKind {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []common.IntentKind
	for _, in := range f.got {
		out = append(out, in.Kind)
	}
	return out
}

// withExec gives the deck a fake executor.
func withExec(ex *fakeExecutor) func(*Options) {
	return func(o *Options) { o.Executor = ex }
}

// both applies several option edits.
func both(edits ...func(*Options)) func(*Options) {
	return func(o *Options) {
		for _, e := range edits {
			e(o)
		}
	}
}

// received lists, in order, the messages of the given types a stub got.
func received(p *stubPane) []string {
	var out []string
	for _, m := range p.got {
		switch m.(type) {
		case common.OutcomeMsg:
			out = append(out, "outcome")
		case common.DataChangedMsg:
			out = append(out, "changed")
		}
	}
	return out
}

// statusLine is the deck's status bar, as text.
func (d *deck) statusLine() string {
	lines := strings.Split(d.text(), "\n")
	return lines[len(lines)-2]
}

func TestIntentIsExecutedOnceThenBroadcast(t *testing.T) {
	ex := &fakeExecutor{outcome: func(in common.Intent) (common.Outcome, error) {
		return common.Outcome{Applied: 3, ActionIDs: []int64{7, 8, 9}, UndoUntil: now.Add(5 * time.Second)}, nil
	}}
	stub := &stubPane{}
	d := newDeck(t, 120, 24, both(withStub(stub), withExec(ex)))
	status, version := d.src.callsTo("Status"), d.src.callsTo("DataVersion")
	d.scheduled = nil

	in := common.Intent{Kind: common.IntentHide, ItemIDs: []int64{4, 5, 6}, Reason: "spam wave"}
	d.send(common.IntentMsg{Intent: in})

	if len(ex.got) != 1 || !slices.Equal(ex.got[0].ItemIDs, in.ItemIDs) || ex.got[0].Reason != in.Reason {
		t.Fatalf("executor got %+v, want the intent once", ex.got)
	}
	if got := received(stub); !slices.Equal(got, []string{"outcome", "changed"}) {
		t.Fatalf("pane got %v, want the outcome then a data change", got)
	}
	var out common.OutcomeMsg
	for _, m := range stub.got {
		if o, ok := m.(common.OutcomeMsg); ok {
			out = o
		}
	}
	if out.Intent.Kind != common.IntentHide || out.Outcome.Applied != 3 || out.Err != nil {
		t.Fatalf("outcome %+v", out)
	}
	if d.src.callsTo("Status") != status+1 || d.src.callsTo("DataVersion") != version+1 {
		t.Fatal("the counts or the version were not re-read after the action")
	}
	if s := d.statusLine(); !strings.Contains(s, "3 messages hidden · u to undo") {
		t.Fatalf("status bar: %q", s)
	}
	// One timer, for the end of the undo window, clears the message.
	if n := countMsgs(d.scheduled, flashDoneMsg{seq: d.flash.seq}); n != 1 {
		t.Fatalf("%d flash timers armed, want 1 (%v)", n, d.scheduled)
	}
	d.send(flashDoneMsg{seq: d.flash.seq})
	if strings.Contains(d.statusLine(), "hidden") {
		t.Fatal("the message stayed after its time")
	}
}

func TestFlashLivesAsLongAsTheUndoWindow(t *testing.T) {
	var lives []time.Duration
	d := newDeck(t, 80, 24, nil)
	d.after = func(dur time.Duration, msg tea.Msg) tea.Cmd {
		if _, ok := msg.(flashDoneMsg); ok {
			lives = append(lives, dur)
		}
		return nil
	}
	d.send(common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentHide},
		Outcome: common.Outcome{Applied: 1, ActionIDs: []int64{1}, UndoUntil: now.Add(7 * time.Second)}})
	d.send(common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentDone}, Outcome: common.Outcome{Applied: 1}})
	d.send(common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentHide}, Err: errors.New("boom")})
	if want := []time.Duration{7 * time.Second, flashTime, flashTime}; !slices.Equal(lives, want) {
		t.Fatalf("lives %v, want %v", lives, want)
	}
}

func TestAnOlderTimerKeepsANewerMessage(t *testing.T) {
	d := newDeck(t, 120, 24, nil)
	d.send(common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentDone}, Outcome: common.Outcome{Applied: 1}})
	first := d.flash.seq
	d.send(common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentRead}, Outcome: common.Outcome{Applied: 2}})
	d.send(flashDoneMsg{seq: first})
	if !strings.Contains(d.statusLine(), "2 messages marked read") {
		t.Fatalf("the newer message was cleared by the older timer: %q", d.statusLine())
	}
}

func TestOutcomeMessages(t *testing.T) {
	undoUntil := now.Add(5 * time.Second)
	tests := []struct {
		name string
		lang i18n.Lang
		msg  common.OutcomeMsg
		want string
		err  bool
	}{
		{"hide", i18n.EN, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentHide},
			Outcome: common.Outcome{Applied: 3, ActionIDs: []int64{1, 2, 3}, UndoUntil: undoUntil}},
			"3 messages hidden · u to undo", false},
		{"hide fr", i18n.FR, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentHide},
			Outcome: common.Outcome{Applied: 3, ActionIDs: []int64{1, 2, 3}, UndoUntil: undoUntil}},
			"3 messages masqués · u pour annuler", false},
		{"skipped", i18n.EN, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentDelete},
			Outcome: common.Outcome{Applied: 1, Skipped: 2, ActionIDs: []int64{1}, UndoUntil: undoUntil}},
			"1 message deleted · 2 skipped: their network can't do that · u to undo", false},
		{"window already closed", i18n.EN, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentSpam},
			Outcome: common.Outcome{Applied: 1, ActionIDs: []int64{1}, UndoUntil: now.Add(-time.Second)}},
			"1 message marked as spam", false},
		{"reply", i18n.EN, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentReply, Text: "merci"},
			Outcome: common.Outcome{Applied: 1, ActionIDs: []int64{1}, UndoUntil: undoUntil}},
			"Reply queued · u to undo", false},
		{"tag", i18n.EN, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentTag, Text: "idea"},
			Outcome: common.Outcome{Applied: 2}}, "2 messages tagged “idea”", false},
		{"tag fr", i18n.FR, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentTag, Text: "idée"},
			Outcome: common.Outcome{Applied: 1}}, "1 message étiqueté « idée »", false},
		{"snooze", i18n.EN, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentSnooze, Until: at(13, 9, 0)},
			Outcome: common.Outcome{Applied: 1}}, "1 message snoozed until Thu 09:00", false},
		{"snooze today", i18n.EN, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentSnooze, Until: at(12, 18, 0)},
			Outcome: common.Outcome{Applied: 4}}, "4 messages snoozed until 18:00", false},
		{"unsnooze", i18n.EN, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentSnooze},
			Outcome: common.Outcome{Applied: 1}}, "1 message woken up", false},
		{"assign", i18n.EN, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentAssign, Text: "Marie"},
			Outcome: common.Outcome{Applied: 2}}, "2 messages assigned to Marie", false},
		{"unassign", i18n.EN, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentAssign},
			Outcome: common.Outcome{Applied: 2}}, "2 messages unassigned", false},
		{"done", i18n.EN, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentDone},
			Outcome: common.Outcome{Applied: 50}}, "50 messages done", false},
		{"undone fr", i18n.FR, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentUndone},
			Outcome: common.Outcome{Applied: 1}}, "1 message rouvert", false},
		{"undo", i18n.EN, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentUndo},
			Outcome: common.Outcome{Applied: 1, Undone: core.Action{Kind: core.ActHide}}}, "Undone: hide", false},
		{"undo fr", i18n.FR, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentUndo},
			Outcome: common.Outcome{Applied: 1, Undone: core.Action{Kind: core.ActReply}}}, "Annulé : réponse", false},
		{"undo triage", i18n.EN, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentUndo},
			Outcome: common.Outcome{Applied: 3, UndoneIntent: common.Intent{Kind: common.IntentDone}}}, "Undone: 3 messages done", false},
		{"undo tag fr", i18n.FR, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentUndo},
			Outcome: common.Outcome{Applied: 1, UndoneIntent: common.Intent{Kind: common.IntentTag, Text: "idée"}}},
			"Annulé : 1 message étiqueté « idée »", false},
		{"retry", i18n.EN, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentRetry, ActionID: 5},
			Outcome: common.Outcome{Applied: 1}}, "Action queued again", false},
		{"nothing", i18n.EN, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentRead}},
			"Nothing to do", false},
		{"too late", i18n.EN, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentUndo},
			Err: fmt.Errorf("undo: %w", store.ErrTooLate)}, "Too late to undo: the action has already left", true},
		{"too late fr", i18n.FR, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentUndo},
			Err: store.ErrTooLate}, "Trop tard pour annuler : l'action est déjà partie", true},
		{"unsupported", i18n.EN, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentHide},
			Err: &exec.UnsupportedError{Network: "ReviewHub", Kind: core.ActHide}}, "ReviewHub can't hide messages", true},
		{"unsupported fr", i18n.FR, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentBlock},
			Err: fmt.Errorf("block: %w", &exec.UnsupportedError{Network: "ReviewHub", Kind: core.ActBlock})},
			"ReviewHub ne permet pas de bloquer un auteur", true},
		{"unsupported unknown kind", i18n.EN, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentHide},
			Err: &exec.UnsupportedError{Network: "Forum", Kind: "pin"}}, "Forum can't do that", true},
		{"nothing to undo", i18n.EN, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentUndo},
			Err: exec.ErrNothingToUndo}, "Nothing to undo", true},
		{"nothing to undo fr", i18n.FR, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentUndo},
			Err: exec.ErrNothingToUndo}, "Rien à annuler", true},
		{"empty reply", i18n.EN, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentReply},
			Err: exec.ErrEmptyReply}, "The reply is empty: nothing was sent", true},
		{"bad tag", i18n.EN, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentTag, Text: "Idée!"},
			Err: &exec.TagError{Tag: "Idée!"}}, "“Idée!” is not a tag: use a-z, 0-9 and -, e.g. idea", true},
		{"audit only", i18n.EN, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentHide},
			Outcome: common.Outcome{Applied: 2, ActionIDs: []int64{1, 2}, UndoUntil: undoUntil},
			Err:     &exec.AuditError{Err: errors.New("disk full")}},
			"2 messages hidden · u to undo · but the audit log could not be written", true},
		{"other error", i18n.EN, common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentDone},
			Err: errors.New("database is locked\nretry")}, "Action failed: database is locked", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDeck(t, 80, 24, func(o *Options) { o.Lang = tt.lang })
			text, isErr := d.outcomeText(tt.msg)
			if text != tt.want || isErr != tt.err {
				t.Fatalf("got %q (error %v), want %q (error %v)", text, isErr, tt.want, tt.err)
			}
		})
	}
}

func TestErrorFlashUsesTheErrorStyle(t *testing.T) {
	d := newDeck(t, 120, 24, nil)
	d.send(common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentDone}, Err: errors.New("disk full")})
	if !d.flash.err || !strings.Contains(d.statusLine(), "Action failed: disk full") {
		t.Fatalf("flash %+v, status %q", d.flash, d.statusLine())
	}
	bad := d.ctx.Styles.StatusValue.Foreground(d.ctx.Styles.Palette.Negative).Bold(true)
	if !strings.Contains(d.View().Content, bad.Render("Action failed: disk full")) {
		t.Fatal("the error is not drawn in the error style")
	}
}

func TestReadOnlyRefusesEveryIntent(t *testing.T) {
	ex := &fakeExecutor{}
	stub := &stubPane{}
	d := newDeck(t, 120, 24, both(withStub(stub), withExec(ex), func(o *Options) { o.ReadOnly = true }))
	d.send(common.IntentMsg{Intent: common.Intent{Kind: common.IntentHide, ItemIDs: []int64{1}}})
	d.press("u")
	if len(ex.got) != 0 {
		t.Fatalf("a read-only session executed %v", ex.kinds())
	}
	if got := received(stub); len(got) != 0 {
		t.Fatalf("pane got %v", got)
	}
	if !strings.Contains(d.statusLine(), "Read-only session: actions are disabled") || !d.flash.err {
		t.Fatalf("status bar: %q", d.statusLine())
	}
	if !d.ctx.ReadOnly {
		t.Fatal("the panes are not told the session is read-only")
	}
}

func TestNoExecutorRefuses(t *testing.T) {
	d := newDeck(t, 120, 24, nil)
	d.send(common.IntentMsg{Intent: common.Intent{Kind: common.IntentDone, ItemIDs: []int64{1}}})
	if !strings.Contains(d.statusLine(), "Actions are not available in this session") {
		t.Fatalf("status bar: %q", d.statusLine())
	}
}

func TestUndoKey(t *testing.T) {
	ex := &fakeExecutor{outcome: func(common.Intent) (common.Outcome, error) {
		return common.Outcome{Applied: 1, Undone: core.Action{Kind: core.ActHide}}, nil
	}}
	stub := &stubPane{}
	d := newDeck(t, 120, 24, both(withStub(stub), withExec(ex)))
	d.press("u")
	if got := ex.kinds(); !slices.Equal(got, []common.IntentKind{common.IntentUndo}) {
		t.Fatalf("executor got %v, want one undo", got)
	}
	if !strings.Contains(d.statusLine(), "Undone: hide") {
		t.Fatalf("status bar: %q", d.statusLine())
	}
	// Globally: from another pane too.
	d.press("3", "u")
	if len(ex.got) != 2 {
		t.Fatal("u did not undo from the Alerts pane")
	}
	// Not while the pane takes text: u is a letter then.
	d.press("1")
	stub.capturing = true
	d.press("u")
	if len(ex.got) != 2 {
		t.Fatal("u undid while the pane was taking text")
	}
	if got := stub.keysGot(); !slices.Contains(got, "u") {
		t.Fatalf("the capturing pane did not get u: %v", got)
	}
}

func TestUndoKeyCanBeRebound(t *testing.T) {
	ex := &fakeExecutor{}
	d := newDeck(t, 120, 24, both(withExec(ex), func(o *Options) { o.Keys = map[string][]string{"global.undo": {"ctrl+z"}} }))
	d.press("u")
	if len(ex.got) != 0 {
		t.Fatal("u still undoes after undo was rebound")
	}
	d.press("ctrl+z")
	if len(ex.got) != 1 {
		t.Fatal("ctrl+z does not undo")
	}
	d.send(common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentHide},
		Outcome: common.Outcome{Applied: 1, ActionIDs: []int64{1}, UndoUntil: now.Add(time.Second)}})
	if !strings.Contains(d.statusLine(), "ctrl+z to undo") {
		t.Fatalf("the hint names the default key: %q", d.statusLine())
	}
}

func TestGotoPaneMsg(t *testing.T) {
	d := newDeck(t, 80, 24, nil)
	d.send(common.GotoPaneMsg{Pane: paneAlerts})
	if d.Focused() != paneAlerts {
		t.Fatalf("focus %d", d.Focused())
	}
	d.send(common.GotoPaneMsg{Pane: 9})
	d.send(common.GotoPaneMsg{Pane: -1})
	if d.Focused() != paneAlerts {
		t.Fatal("an out-of-range pane moved the focus")
	}
}
