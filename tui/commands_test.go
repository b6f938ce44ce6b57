package tui

import (
	"slices"
	"strings"
	"testing"

	"cmdeck/i18n"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// typeLine types text into the open command line, one key per rune.
func (d *deck) typeLine(text string) {
	for _, r := range text {
		if r == ' ' {
			d.send(keyMsg("space"))
			continue
		}
		d.press(string(r))
	}
}

// runActions lists the RunActionMsgs a stub got.
func runActions(p *stubPane) []common.RunActionMsg {
	var out []common.RunActionMsg
	for _, m := range p.got {
		if r, ok := m.(common.RunActionMsg); ok {
			out = append(out, r)
		}
	}
	return out
}

func TestColonOpensTheCommandLine(t *testing.T) {
	stub := &stubPane{}
	d := newDeck(t, 80, 24, withStub(stub))
	d.press(":")
	if len(d.overlays) != 1 {
		t.Fatal(": did not open the command line")
	}
	if _, ok := d.overlays[0].(cmdlineOverlay); !ok {
		t.Fatalf("top overlay is %T", d.overlays[0])
	}
	// While open, every key goes to it: q and 2 are text, not globals.
	d.typeLine("q2")
	if d.quitting || d.Focused() != paneInbox || len(stub.keysGot()) != 0 {
		t.Fatal("a key went past the open command line")
	}
	d.press("esc")
	if len(d.overlays) != 0 {
		t.Fatal("esc did not close the command line")
	}
	// Not while the pane takes text.
	stub.capturing = true
	d.press(":")
	if len(d.overlays) != 0 {
		t.Fatal(": opened the command line while the pane takes text")
	}
}

func TestCommandLineRunsPaneActions(t *testing.T) {
	tests := []struct {
		line string
		want common.RunActionMsg
	}{
		{"down", common.RunActionMsg{Action: "inbox.down"}},
		{"open", common.RunActionMsg{Action: "inbox.open"}},
		{"inbox.bottom", common.RunActionMsg{Action: "inbox.bottom"}},
		{"pagedown  ", common.RunActionMsg{Action: "inbox.pagedown"}},
		{"back some args", common.RunActionMsg{Action: "inbox.back", Args: "some args"}},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			stub := &stubPane{}
			d := newDeck(t, 80, 24, withStub(stub))
			d.press(":")
			d.typeLine(tt.line)
			d.press("enter")
			if len(d.overlays) != 0 {
				t.Fatalf("the line stayed open: %q", d.text())
			}
			if got := runActions(stub); len(got) != 1 || got[0] != tt.want {
				t.Fatalf("pane got %+v, want %+v", got, tt.want)
			}
		})
	}
}

// The pane's commands come from its key map at run time: a binding the
// pane adds is a command without the root knowing its name.
func TestCommandsFollowThePaneKeyMap(t *testing.T) {
	d := newDeck(t, 80, 24, nil)
	names := func() []string {
		var out []string
		for _, c := range d.commands() {
			out = append(out, c.Name)
		}
		return out
	}
	got := names()
	for _, sc := range d.actions[paneInbox+1:][:1] {
		for a := range sc.actions {
			if !slices.Contains(got, a) {
				t.Errorf("inbox action %q has no command", a)
			}
		}
	}
	d.press("2")
	if got := names(); !slices.Contains(got, "today") || slices.Contains(got, "reply") {
		t.Fatalf("calendar commands: %v", got)
	}
}

// Every global key action has a command (goto_<pane> is :<pane>), except
// the key that opens the line itself.
func TestEveryGlobalActionHasACommand(t *testing.T) {
	d := newDeck(t, 80, 24, nil)
	have := map[string]bool{}
	for _, c := range d.globalCommands() {
		have[c.Name] = true
	}
	for action := range d.actions[0].actions {
		name := action
		if p, ok := strings.CutPrefix(action, "goto_"); ok {
			name = p
		}
		if name == "command" {
			continue
		}
		if !have[name] {
			t.Errorf("global action %q has no command", action)
		}
	}
}

func TestGlobalCommands(t *testing.T) {
	tests := []struct {
		line  string
		check func(*deck) bool
	}{
		{"goto calendar", func(d *deck) bool { return d.Focused() == paneCalendar }},
		{"goto 3", func(d *deck) bool { return d.Focused() == paneAlerts }},
		{"aller calendrier", func(d *deck) bool { return d.Focused() == paneCalendar }},
		{"aller boîte", func(d *deck) bool { return d.Focused() == paneInbox }},
		{"stats", func(d *deck) bool { return d.Focused() == paneStats }},
		{"4", func(d *deck) bool { return d.Focused() == paneStats }},
		{"alertes", func(d *deck) bool { return d.Focused() == paneAlerts }},
		{"next_pane", func(d *deck) bool { return d.Focused() == paneCalendar }},
		{"prev", func(d *deck) bool { return d.Focused() == paneStats }},
		{"q", func(d *deck) bool { return d.quitting }},
		{"quitter", func(d *deck) bool { return d.quitting }},
		{"help", func(d *deck) bool { _, ok := d.overlays[0].(*helpOverlay); return len(d.overlays) == 1 && ok }},
		{"outbox", func(d *deck) bool { _, ok := d.overlays[0].(outboxOverlay); return len(d.overlays) == 1 && ok }},
		{"sync", func(d *deck) bool { return d.triggers == 1 }},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			d := newDeck(t, 80, 24, nil)
			d.press(":")
			d.typeLine(tt.line)
			d.press("enter")
			if !tt.check(d) {
				t.Fatalf("%q did not do its job:\n%s", tt.line, d.text())
			}
		})
	}
}

func TestUndoCommand(t *testing.T) {
	ex := &fakeExecutor{}
	d := newDeck(t, 80, 24, withExec(ex))
	d.press(":")
	d.typeLine("annuler")
	d.press("enter")
	if got := ex.kinds(); !slices.Equal(got, []common.IntentKind{common.IntentUndo}) {
		t.Fatalf("executor got %v", got)
	}
}

func TestBadPaneStaysInTheLine(t *testing.T) {
	d := newDeck(t, 80, 24, nil)
	d.press(":")
	d.typeLine("goto kitchen")
	d.press("enter")
	if len(d.overlays) != 1 || d.Focused() != paneInbox {
		t.Fatal("a bad pane closed the line or moved the focus")
	}
	if !strings.Contains(d.text(), "No pane “kitchen”") {
		t.Fatalf("no message:\n%s", d.text())
	}
}

func TestUnknownCommandInTheLine(t *testing.T) {
	stub := &stubPane{}
	d := newDeck(t, 80, 24, withStub(stub))
	d.press(":")
	d.typeLine("gotp calendar")
	d.press("enter")
	if len(d.overlays) != 1 || len(runActions(stub)) != 0 {
		t.Fatal("an unknown command ran or closed the line")
	}
	if !strings.Contains(d.text(), "did you mean :goto?") {
		t.Fatalf("no suggestion:\n%s", d.text())
	}
}

func TestCommandLineCompletionAndHistory(t *testing.T) {
	d := newDeck(t, 80, 24, nil)
	d.press(":")
	d.typeLine("cal")
	if !strings.Contains(d.text(), "go to Calendar") {
		t.Fatalf("the popup does not list the match:\n%s", d.text())
	}
	d.press("tab")
	d.press("enter")
	if d.Focused() != paneCalendar {
		t.Fatalf("tab-completed :calendar did not switch:\n%s", d.text())
	}
	// The history outlives the line: the next one finds it with ↑.
	d.press("1", ":")
	d.send(keyMsg("up"))
	line := d.overlays[0].(cmdlineOverlay).m
	if line.Value() != "calendar" {
		t.Fatalf("history gave %q", line.Value())
	}
	d.press("enter")
	if d.Focused() != paneCalendar {
		t.Fatal("the history line did not run")
	}
}

func TestTagCommandCompletesConfiguredTags(t *testing.T) {
	d := newDeck(t, 80, 24, func(o *Options) { o.Tags = []string{"idée", "critique", "bug"} })
	d.press(":")
	d.typeLine("tag cr")
	d.press("tab")
	if v := d.overlays[0].(cmdlineOverlay).m.Value(); v != "tag critique" {
		t.Fatalf("value %q", v)
	}
}

func TestOutboxOpensAndActs(t *testing.T) {
	ex := &fakeExecutor{}
	stub := &stubPane{}
	d := newDeck(t, 120, 40, both(withStub(stub), withExec(ex)))
	d.press("O")
	if len(d.overlays) != 1 {
		t.Fatal("O did not open the outbox")
	}
	text := d.text()
	for _, want := range []string{"Outbox · 1 failed · 2 waiting", "Failed", "Waiting or sending", "Recently sent or cancelled",
		"block", "Banque Azur", "Error: 403 forbidden", "3 attempts"} {
		if !strings.Contains(text, want) {
			t.Errorf("outbox lacks %q", want)
		}
	}
	if t.Failed() {
		t.Fatalf("%s", text)
	}
	// Keys go to the view, not the pane.
	d.press("j", "k")
	if len(stub.keysGot()) != 0 {
		t.Fatal("keys went past the outbox")
	}
	// r on the failed row (first, selected) retries it.
	d.press("r")
	if len(ex.got) != 1 || ex.got[0].Kind != common.IntentRetry || ex.got[0].ActionID != 5 {
		t.Fatalf("executor got %+v, want a retry of action 5", ex.got)
	}
	// The outcome refreshes the view.
	loads := d.src.callsTo("Actions")
	d.send(common.OutcomeMsg{Intent: common.Intent{Kind: common.IntentDone}, Outcome: common.Outcome{Applied: 1}})
	if d.src.callsTo("Actions") <= loads {
		t.Fatal("the outbox did not reload after an outcome")
	}
	// x asks first; n keeps the action.
	d.press("x")
	if !strings.Contains(d.text(), "Discard this action?") {
		t.Fatalf("no confirmation:\n%s", d.text())
	}
	d.press("n")
	if len(ex.got) != 1 || strings.Contains(d.text(), "Discard this action?") {
		t.Fatalf("n did not just close the confirmation: %+v", ex.got)
	}
	n := len(ex.got)
	d.press("x", "y")
	if len(ex.got) != n+1 || ex.got[n].Kind != common.IntentDiscard || ex.got[n].ActionID != 5 {
		t.Fatalf("executor got %+v, want a discard of action 5", ex.got)
	}
	d.press("esc")
	if len(d.overlays) != 0 {
		t.Fatal("esc did not close the outbox")
	}
	d.press("O", "O")
	if len(d.overlays) != 0 {
		t.Fatal("O did not close the outbox it opened")
	}
}

func TestOutboxRetryOnlyFailed(t *testing.T) {
	ex := &fakeExecutor{}
	d := newDeck(t, 120, 40, withExec(ex))
	d.press("O", "j", "r") // the pending hide
	if len(ex.got) != 0 {
		t.Fatalf("retried a waiting action: %+v", ex.got)
	}
	if !strings.Contains(d.text(), "Only failed actions can be retried") {
		t.Fatalf("no explanation:\n%s", d.text())
	}
	d.press("G", "x") // a cancelled one
	if strings.Contains(d.text(), "Discard this action?") {
		t.Fatal("offered to discard a cancelled action")
	}
}

func TestOutboxEmptyAndFrench(t *testing.T) {
	d := newDeck(t, 80, 24, func(o *Options) { o.Lang = i18n.FR })
	d.src.actions = nil
	d.press("O")
	if !strings.Contains(d.text(), "File d'envoi vide") {
		t.Fatalf("no empty message:\n%s", d.text())
	}
	d.src.actions = []store.ActionView{sampleActions()[0]}
	d.send(common.DataChangedMsg{Version: 9})
	if !strings.Contains(d.text(), "masquage") {
		t.Fatalf("the view did not reload on a data change:\n%s", d.text())
	}
}

func TestFailedCountHintsTheOutbox(t *testing.T) {
	d := newDeck(t, 120, 24, nil)
	if !strings.Contains(d.statusLine(), "✗ 1 failed (O outbox)") {
		t.Fatalf("status bar: %q", d.statusLine())
	}
	d.src.status.FailedActions = 0
	d.send(common.DataChangedMsg{})
	if strings.Contains(d.statusLine(), "outbox") {
		t.Fatal("the hint shows without failures")
	}
}

// The simpler panes don't take RunActionMsg: their commands press the
// action's key, so ":down" does exactly what j does.
func TestSimplePaneCommandsPressTheKey(t *testing.T) {
	for _, tt := range []struct {
		pane, cmd, key string
	}{{"2", "down", "j"}, {"2", "bottom", "G"}, {"3", "down", "j"}, {"4", "bottom", "G"}} {
		byKey := newDeck(t, 80, 12, nil)
		byKey.press(tt.pane, tt.key)
		byCmd := newDeck(t, 80, 12, nil)
		byCmd.press(tt.pane, ":")
		byCmd.typeLine(tt.cmd)
		byCmd.press("enter")
		if byCmd.text() != byKey.text() {
			t.Errorf("pane %s: :%s differs from %s:\n%s\nvs\n%s", tt.pane, tt.cmd, tt.key, byCmd.text(), byKey.text())
		}
		unmoved := newDeck(t, 80, 12, nil)
		unmoved.press(tt.pane)
		if unmoved.text() == byKey.text() {
			t.Errorf("pane %s: %s changes nothing; the test proves nothing", tt.pane, tt.key)
		}
	}
}

// :draw on the calendar reaches the pane with its arguments (the other
// calendar commands stay key presses).
func TestDrawCommandReachesTheCalendar(t *testing.T) {
	d := newDeck(t, 160, 40, nil)
	d.press("2")
	d.press(":")
	d.typeLine("draw zero seed")
	d.press("enter")
	if !strings.Contains(d.text(), "N is how many winners") {
		t.Fatalf("the calendar did not get :draw's arguments:\n%s", d.text())
	}
}
