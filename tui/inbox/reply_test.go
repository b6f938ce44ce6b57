package inbox

import (
	"errors"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"cmdeck/providers"
	"cmdeck/tui/common"
	"cmdeck/tui/compose"
)

func TestComposerOpensUnderTheThread(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {80, 21}, {120, 40}, {160, 48}, {60, 17}, {60, 14}} {
		m := newTestModel(t, fixtureSource(), size[0], size[1])
		press(t, m, "r")
		if m.composer == nil || !m.Capturing() {
			t.Fatalf("%v: r did not open the composer", size)
		}
		view := m.View()
		checkSize(t, view, size[0], size[1])
		if !strings.Contains(ansi.Strip(view), "Reply to") {
			t.Errorf("%v: composer not drawn:\n%s", size, ansi.Strip(view))
		}
		lay := m.layout()
		if size[1] >= 21 && lay.listRows() < composeListRows {
			t.Errorf("%v: the list keeps %d rows, want at least %d", size, lay.listRows(), composeListRows)
		}
		if size[1] >= 21 && lay.threadH < 4 {
			t.Errorf("%v: the thread keeps %d lines", size, lay.threadH)
		}
		// A phone (the deck at 60×20): the message being answered shows
		// under the card, before the list keeps more than two rows.
		if size[1] >= 16 && lay.threadH < composeThreadRows-1 {
			t.Errorf("%v: the thread keeps %d lines, the list %d rows", size, lay.threadH, lay.listRows())
		}
	}
}

func TestComposerDraftIsKeptAndSent(t *testing.T) {
	m := newTestModel(t, fixtureSource(), 80, 24)
	press(t, m, "r")
	typeText(t, m, "Merci")
	press(t, m, "esc")
	if m.composer != nil || m.Capturing() {
		t.Fatal("esc did not close the composer")
	}
	if m.drafts[103] != "Merci" {
		t.Fatalf("draft %q, want %q", m.drafts[103], "Merci")
	}
	// Another item has its own (empty) draft; the first one comes back.
	press(t, m, "j", "r")
	if m.composer.Value() != "" {
		t.Errorf("item 104 opened with draft %q", m.composer.Value())
	}
	press(t, m, "esc", "k", "r")
	if m.composer.Value() != "Merci" {
		t.Fatalf("reopened with %q, want the draft", m.composer.Value())
	}
	typeText(t, m, " !")
	got := pressCollect(t, m, "ctrl+s")
	if len(got) != 1 || got[0].Kind != common.IntentReply || got[0].Text != "Merci !" || got[0].ItemIDs[0] != 103 {
		t.Fatalf("intents %+v, want a reply to 103", got)
	}
	if m.composer != nil {
		t.Error("composer still open after sending")
	}
	if _, ok := m.drafts[103]; ok {
		t.Error("the draft outlived the reply")
	}
	// The reply failed to queue: its text comes back as the draft.
	send(t, m, common.OutcomeMsg{Intent: got[0], Err: errors.New("database is locked")})
	if m.drafts[103] != "Merci !" {
		t.Errorf("failed reply lost: draft %q", m.drafts[103])
	}
}

// A reply goes to the cursor's item even when several are selected.
func TestReplyIgnoresTheSelection(t *testing.T) {
	m := newTestModel(t, fixtureSource(), 80, 24)
	press(t, m, "space", "j", "space", "j", "r")
	if m.composer == nil || m.composer.ItemID() != 102 {
		t.Fatalf("composer for %v, want 102", m.composer)
	}
}

func TestReplyInEditor(t *testing.T) {
	m := newTestModel(t, fixtureSource(), 80, 24)
	m.SetEnv(func(string) string { return "" })
	_, cmd := m.Update(keyMsg("R"))
	if cmd == nil {
		t.Fatal("R starts no editor")
	}
	// The editor's answers (the Cmd itself is not run: it would start one).
	if got := send(t, m, compose.EditorDoneMsg{ItemID: 103}); len(got) != 0 || !strings.Contains(headerText(m), "Reply aborted (empty)") {
		t.Errorf("empty text: intents %+v, header %q", got, headerText(m))
	}
	if got := send(t, m, compose.EditorDoneMsg{ItemID: 103, Err: errors.New("exec: vi: not found")}); len(got) != 0 || !strings.Contains(headerText(m), "vi: not found") {
		t.Errorf("editor error: intents %+v, header %q", got, headerText(m))
	}
	got := send(t, m, compose.EditorDoneMsg{ItemID: 103, Text: "Bonjour Amélie,\nc'est noté.\n"})
	if len(got) != 1 || got[0].Kind != common.IntentReply || got[0].Text != "Bonjour Amélie,\nc'est noté." {
		t.Errorf("intents %+v", got)
	}
}

// ctrl+e from the composer brings the text back into it to review.
func TestEditorFromTheComposerComesBackToIt(t *testing.T) {
	m := newTestModel(t, fixtureSource(), 80, 24)
	press(t, m, "r")
	got := send(t, m, compose.EditorDoneMsg{ItemID: 103, Text: "Écrit dans vim"})
	if len(got) != 0 || m.composer == nil || m.composer.Value() != "Écrit dans vim" {
		t.Errorf("intents %+v, composer %v", got, m.composer)
	}
}

func TestReplyNeedsTheNetwork(t *testing.T) {
	noReply := func(int64) providers.Capabilities { return providers.Capabilities{providers.CapHide} }
	m := newTestModelWith(t, fixtureSource(), 80, 24, func(c *common.Context) { c.Caps = noReply })
	for _, k := range []string{"r", "R"} {
		if got := pressCollect(t, m, k); len(got) != 0 || m.composer != nil {
			t.Errorf("%s: intents %+v, composer %v", k, got, m.composer != nil)
		}
		if !strings.Contains(headerText(m), "does not take replies") {
			t.Errorf("%s: header %q", k, headerText(m))
		}
	}
}

// While the composer is open the root must leave q, 1-4 and u to it, and
// the list's keys type text.
func TestComposerCapturesKeys(t *testing.T) {
	m := newTestModel(t, fixtureSource(), 80, 24)
	press(t, m, "r")
	typeText(t, m, "je")
	if sel, _ := m.list.win.selected(); sel.ID != 103 || m.composer.Value() != "je" {
		t.Errorf("j moved the list (on %d) or was not typed (%q)", sel.ID, m.composer.Value())
	}
	if got := send(t, m, common.RunActionMsg{Action: "inbox.done"}); len(got) != 0 {
		t.Errorf("a command ran under the composer: %+v", got)
	}
}

// A reply longer than the network takes is never asked for: it becomes
// the draft, opened in the composer to shorten.
func TestTooLongReplyBecomesADraft(t *testing.T) {
	limit := func(int64) int { return 10 }
	m := newTestModelWith(t, fixtureSource(), 80, 24, func(c *common.Context) { c.Limit = limit })
	got := send(t, m, common.RunActionMsg{Action: "inbox.reply", Args: "Merci beaucoup Amélie"})
	if len(got) != 0 || m.composer == nil || m.composer.Value() != "Merci beaucoup Amélie" {
		t.Fatalf("intents %+v, composer %v", got, m.composer)
	}
	if !strings.Contains(headerText(m), "Reply too long (21 characters, the network takes 10)") {
		t.Errorf("header %q", headerText(m))
	}
	press(t, m, "esc")
	m.SetEnv(func(string) string { return "" })
	_, _ = m.Update(keyMsg("R"))
	if got := send(t, m, compose.EditorDoneMsg{ItemID: 103, Text: "Un texte bien trop long"}); len(got) != 0 || m.composer == nil {
		t.Errorf("a too long reply from the editor was sent (%+v) or not opened to shorten", got)
	}
	press(t, m, "esc")
	if got := send(t, m, common.RunActionMsg{Action: "inbox.reply", Args: "Merci !"}); len(got) != 1 {
		t.Errorf("a short reply was not sent: %+v", got)
	}
}
