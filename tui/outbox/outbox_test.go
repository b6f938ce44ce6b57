package outbox

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/store"
	"cmdeck/tui/common"
	"cmdeck/tui/dialog"
)

// now is Wednesday 12 March 2025, 10:00 UTC.
var now = time.Date(2025, 3, 12, 10, 0, 0, 0, time.UTC)

// fakeSource serves a fixed outbox; the embedded nil Source makes any
// other query panic the test.
type fakeSource struct {
	common.Source
	actions []store.ActionView // newest first
	err     error
	asked   [][]core.ActionState
}

func (f *fakeSource) Actions(_ context.Context, states []core.ActionState, limit int) ([]store.ActionView, error) {
	f.asked = append(f.asked, states)
	if f.err != nil {
		return nil, f.err
	}
	var out []store.ActionView
	for _, a := range f.actions {
		if slices.Contains(states, a.State) && len(out) < limit {
			out = append(out, a)
		}
	}
	return out, nil
}

func action(id int64, kind core.ActionKind, st core.ActionState, ago time.Duration) store.ActionView {
	return store.ActionView{
		Action:     core.Action{ID: id, Kind: kind, State: st, CreatedAt: now.Add(-ago), NotBefore: now.Add(-ago + 5*time.Second)},
		ClientName: "Boulangerie Dupré", Network: "mastodon.social", AccountHandle: "@dupre",
		ItemExcerpt: "Vous faites des croissants sans gluten ?",
	}
}

// sample has every state, newest first, failures not on top.
func sample() []store.ActionView {
	failed := action(3, core.ActReply, core.ActionFailed, time.Hour)
	failed.LastError, failed.Attempts = "422 text too long", 2
	return []store.ActionView{
		action(6, core.ActHide, core.ActionPending, time.Second),
		action(5, core.ActDelete, core.ActionDone, time.Minute),
		action(4, core.ActSpam, core.ActionClaimed, 2*time.Minute),
		failed,
		action(2, core.ActBlock, core.ActionCancelled, 2*time.Hour),
		action(1, core.ActUnhide, core.ActionFailed, 3*time.Hour),
	}
}

func newView(t *testing.T, src *fakeSource, lang i18n.Lang) *Model {
	t.Helper()
	ctx := common.Context{Source: src, Styles: common.NewStyles(common.DefaultPalette(true)), T: i18n.New(lang),
		Clock: core.NewManualClock(now), Loc: time.UTC}
	m := New(ctx, key.NewBinding(key.WithKeys("O")))
	m.SetSize(80, 21)
	m = run(t, m, m.Init())
	return m
}

// run feeds a command's message back to the view, as the root would.
func run(t *testing.T, m *Model, cmd tea.Cmd) *Model {
	t.Helper()
	if cmd == nil {
		return m
	}
	next, _ := m.Update(cmd())
	if next == nil {
		t.Fatal("the view closed on a command's answer")
	}
	return next
}

func press(m *Model, k string) (*Model, tea.Cmd) {
	var msg tea.KeyPressMsg
	switch k {
	case "esc":
		msg = tea.KeyPressMsg{Code: tea.KeyEscape}
	case "enter":
		msg = tea.KeyPressMsg{Code: tea.KeyEnter}
	default:
		msg = tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
	}
	return m.Update(msg)
}

func ids(m *Model) []int64 {
	var out []int64
	for _, r := range m.rows {
		out = append(out, r.ID)
	}
	return out
}

func TestFailedFirstThenWaitingThenRecent(t *testing.T) {
	src := &fakeSource{actions: sample()}
	m := newView(t, src, i18n.EN)
	if got, want := ids(m), []int64{3, 1, 6, 4, 5, 2}; !slices.Equal(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
	if len(src.asked) != 3 {
		t.Fatalf("%d queries, want one per section", len(src.asked))
	}
	view := ansi.Strip(m.View())
	for _, want := range []string{"Outbox · 2 failed · 2 waiting", "Failed", "Waiting or sending",
		"Recently sent or cancelled", "Error: 422 text too long", "2 attempts"} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks %q:\n%s", want, view)
		}
	}
}

func TestMovingAndClosing(t *testing.T) {
	m := newView(t, &fakeSource{actions: sample()}, i18n.EN)
	steps := []struct {
		key  string
		want int64
	}{{"j", 1}, {"j", 6}, {"G", 2}, {"j", 2}, {"k", 5}, {"g", 3}, {"k", 3}}
	for _, s := range steps {
		m, _ = press(m, s.key)
		if r, _ := m.selected(); r.ID != s.want {
			t.Fatalf("after %s: action %d, want %d", s.key, r.ID, s.want)
		}
	}
	for _, k := range []string{"esc", "q", "O"} {
		if next, _ := press(m, k); next != nil {
			t.Errorf("%s did not close", k)
		}
	}
}

// A reload keeps the cursor on the same action, wherever it moved to.
func TestReloadKeepsTheSelection(t *testing.T) {
	src := &fakeSource{actions: sample()}
	m := newView(t, src, i18n.EN)
	m, _ = press(m, "j") // action 1, failed
	src.actions[5].State = core.ActionPending
	m2, cmd := m.Update(common.DataChangedMsg{})
	m = run(t, m2, cmd)
	if r, _ := m.selected(); r.ID != 1 || r.group != groupWaiting {
		t.Fatalf("selected %d in group %d, want action 1, now waiting", r.ID, r.group)
	}
}

func TestStaleAnswerIsDropped(t *testing.T) {
	src := &fakeSource{actions: sample()}
	m := newView(t, src, i18n.EN)
	old := m.load()
	src.actions = nil
	m = run(t, m, m.load())
	m = run(t, m, old) // answers after the newer one
	if len(m.rows) != 0 {
		t.Fatalf("a stale answer replaced a newer one: %v", ids(m))
	}
}

func TestLoadError(t *testing.T) {
	src := &fakeSource{err: errors.New("database is locked")}
	m := newView(t, src, i18n.EN)
	if !strings.Contains(ansi.Strip(m.View()), "Could not read the outbox: outbox: database is locked") {
		t.Fatalf("no error:\n%s", ansi.Strip(m.View()))
	}
	// A later error keeps the rows already shown.
	src.err = nil
	src.actions = sample()
	m = run(t, m, m.load())
	src.err = errors.New("busy")
	m = run(t, m, m.load())
	if len(m.rows) != 6 || !strings.Contains(ansi.Strip(m.View()), "busy") {
		t.Fatalf("rows %v, view:\n%s", ids(m), ansi.Strip(m.View()))
	}
}

func TestRetry(t *testing.T) {
	m := newView(t, &fakeSource{actions: sample()}, i18n.EN)
	m, cmd := press(m, "r")
	if got := intentOf(cmd); got == nil || got.Kind != common.IntentRetry || got.ActionID != 3 {
		t.Fatalf("r gave %+v, want a retry of 3", got)
	}
	m, _ = press(m, "G") // cancelled
	m, cmd = press(m, "r")
	if cmd != nil || !strings.Contains(ansi.Strip(m.View()), "Only failed actions can be retried") {
		t.Fatalf("retried a cancelled action, or said nothing")
	}
}

func TestDiscardAsksFirst(t *testing.T) {
	m := newView(t, &fakeSource{actions: sample()}, i18n.EN)
	m, _ = press(m, "j") // action 1, failed
	m, _ = press(m, "x")
	if m.confirm == nil || !strings.Contains(ansi.Strip(m.View()), "Discard this action?") {
		t.Fatalf("no confirmation:\n%s", ansi.Strip(m.View()))
	}
	for _, b := range m.ShortHelp() {
		if b.Help().Desc == "retry" {
			t.Fatal("the list's keys are offered while the confirmation is open")
		}
	}
	// Someone else's answer is not ours.
	m, cmd := m.Update(dialog.ConfirmResult{ID: "inbox.delete", OK: true})
	if cmd != nil || m.confirm == nil {
		t.Fatal("acted on another dialog's answer")
	}
	m, cmd = m.Update(dialog.ConfirmResult{ID: confirmPrefix + "1", OK: true, Reason: "duplicate"})
	got := intentOf(cmd)
	if got == nil || got.Kind != common.IntentDiscard || got.ActionID != 1 || got.Reason != "duplicate" || m.confirm != nil {
		t.Fatalf("yes gave %+v", got)
	}
	m, _ = press(m, "x")
	if _, cmd = m.Update(dialog.ConfirmResult{ID: confirmPrefix + "1"}); cmd != nil {
		t.Fatal("no still discarded")
	}
	// Actions already gone or being sent cannot be discarded.
	for _, k := range []string{"j", "j", "j"} { // 6 pending, 4 claimed, 5 done
		m, _ = press(m, k)
	}
	m, _ = press(m, "x")
	if m.confirm != nil {
		t.Fatal("offered to discard an action that is being sent or done")
	}
}

func intentOf(cmd tea.Cmd) *common.Intent {
	if cmd == nil {
		return nil
	}
	if msg, ok := cmd().(common.IntentMsg); ok {
		return &msg.Intent
	}
	return nil
}

func TestEmptyAndFrench(t *testing.T) {
	m := newView(t, &fakeSource{}, i18n.FR)
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "File d'envoi vide") {
		t.Fatalf("no empty message:\n%s", view)
	}
	m = newView(t, &fakeSource{actions: sample()}, i18n.FR)
	view = ansi.Strip(m.View())
	for _, want := range []string{"File d'envoi · 2 en échec · 2 en attente", "réponse", "2 tentatives", "Erreur : 422"} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks %q:\n%s", want, view)
		}
	}
}

// The view never exceeds the size given, and scrolls to keep the cursor
// in view on a short screen.
func TestViewFitsAndScrolls(t *testing.T) {
	many := sample()
	for i := int64(10); i < 60; i++ {
		many = append(many, action(i, core.ActHide, core.ActionPending, time.Duration(i)*time.Minute))
	}
	m := newView(t, &fakeSource{actions: many}, i18n.EN)
	for _, sz := range [][2]int{{80, 21}, {40, 12}, {200, 57}, {12, 5}, {11, 4}} {
		m.SetSize(sz[0], sz[1])
		m, _ = press(m, "G")
		v := m.View()
		if v == "" {
			continue
		}
		lines := strings.Split(v, "\n")
		if len(lines) > sz[1] {
			t.Fatalf("%v: %d lines", sz, len(lines))
		}
		for _, l := range lines {
			if lipgloss.Width(l) > sz[0] {
				t.Fatalf("%v: line too wide: %q", sz, ansi.Strip(l))
			}
		}
		if sz[1] >= 12 && !strings.Contains(ansi.Strip(v), "block") { // the last row, action 2
			t.Fatalf("%v: the cursor's row is not in view:\n%s", sz, ansi.Strip(v))
		}
	}
}

func TestColumnsFit(t *testing.T) {
	for iw := 1; iw <= 130; iw++ {
		w := columns(iw)
		if iw >= 24 && fixed(w) > iw {
			t.Fatalf("inner width %d: columns %v take %d", iw, w, fixed(w))
		}
	}
	if w := columns(76); w[3] == 0 || w[4] < 12 {
		t.Fatalf("80 columns: %v, want the account and a readable excerpt", w)
	}
	if w := columns(36); w[3] != 0 || w[2] != 0 {
		t.Fatalf("narrow: %v, want the account and client dropped", w)
	}
}

// The outbox names every action kind in both languages, the moderation
// ones of Mastodon part 2 included, whole in their column.
func TestKindWords(t *testing.T) {
	want := map[core.ActionKind][2]string{
		core.ActLike: {"like", "j'aime"}, core.ActMute: {"mute", "sourdine"}, core.ActUnmute: {"unmute", "fin sourdine"},
		core.ActReport: {"report", "signalement"}, core.ActSilence: {"silence", "limitation"},
		core.ActSuspend: {"suspend", "suspension"}, core.ActBlock: {"block", "blocage"},
	}
	for kind, words := range want {
		for i, lang := range []i18n.Lang{i18n.EN, i18n.FR} {
			got := KindWord(i18n.New(lang), kind)
			if got != words[i] {
				t.Errorf("%s in %s = %q, want %q", kind, lang, got, words[i])
			}
			if w := columns(76)[1]; lipgloss.Width(got) > w {
				t.Errorf("%q is wider than the kind column (%d)", got, w)
			}
		}
	}
	m := newView(t, &fakeSource{actions: []store.ActionView{action(1, core.ActUnmute, core.ActionPending, time.Minute)}}, i18n.FR)
	if view := ansi.Strip(m.View()); !strings.Contains(view, "fin sourdine") {
		t.Errorf("the view does not name the unmute:\n%s", view)
	}
}

// A waiting action due later says when it leaves; one queued a moment ago
// says how long ago, like the others.
func TestWaitingShowsWhenDue(t *testing.T) {
	post := action(7, core.ActPublish, core.ActionPending, time.Minute)
	post.NotBefore = now.Add(50 * time.Hour)
	soon := action(8, core.ActPublish, core.ActionPending, time.Hour)
	soon.NotBefore = now.Add(90 * time.Minute)
	later := action(9, core.ActPublish, core.ActionPending, time.Hour)
	later.NotBefore = now.Add(10 * 24 * time.Hour)
	m := newView(t, &fakeSource{actions: append([]store.ActionView{post, soon, later}, sample()...)}, i18n.EN)
	text := ansi.Strip(strings.Join(m.list(76, 19), "\n"))
	for _, want := range []string{"→2d", "→1h", "→22 Mar"} {
		if !strings.Contains(text, want) {
			t.Errorf("the outbox lacks %q:\n%s", want, text)
		}
	}
	if got := strings.Count(text, "now"); got != 1 {
		t.Errorf("%d rows say now, want the hide queued a second ago only:\n%s", got, text)
	}
}
