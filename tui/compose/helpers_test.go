package compose

import (
	"cmdeck/tui/tuitest"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// at is a fixed instant for the fixtures: no test depends on the wall clock.
var at = time.Date(2026, 11, 24, 7, 30, 0, 0, time.UTC)

// testCtx is a deck context with a limit for account 7 and saved replies
// for two clients.
func testCtx(lang i18n.Lang, limit int) common.Context {
	return common.Context{
		Styles: common.NewStyles(common.DefaultPalette(true)),
		T:      i18n.New(lang),
		Clock:  core.NewManualClock(at),
		Loc:    time.UTC,
		Limit: func(accountID int64) int {
			if accountID == 7 {
				return limit
			}
			return 0
		},
		ReplyTemplates: []common.ReplyTemplate{
			{Name: "Merci", Text: "Merci {first_name} pour votre message sur {network} ! — {client}"},
			{Name: "Horaires", Client: "fournil", Text: "Nous sommes ouverts de 7h à 19h, {author}."},
			{Name: "Remboursement", Client: "lumen", Text: "Contactez votre agence, {author}."},
			{Name: "Cassé", Client: "fournil", Text: "Bonjour {prenom}"},
		},
	}
}

// target is the comment being answered.
func target() store.ItemView {
	return store.ItemView{
		Item: core.Item{
			ID: 42, AccountID: 7, ClientID: 1, Kind: core.KindComment,
			Author:    core.Author{Name: "Jeanne Dupont", Handle: "@jeanne_d"},
			Body:      "Vos croissants sont-ils pur beurre ?\nEt le dimanche ?",
			CreatedAt: at.Add(-2 * time.Hour),
		},
		ClientSlug: "fournil", ClientName: "Le Fournil", ClientColor: "#C2410C",
		Network: "Chirper", AccountHandle: "@lefournil", Provider: "demo",
	}
}

// thread is the conversation: the target, our earlier reply, her answer.
func thread() []store.ItemView {
	root := target()
	ours := target()
	ours.ID, ours.Outgoing = 43, true
	ours.Author = core.Author{Name: "Le Fournil", Handle: "@lefournil"}
	ours.Body, ours.CreatedAt = "Oui, 100 % beurre AOP.", at.Add(-90*time.Minute)
	again := target()
	again.ID, again.Body, again.CreatedAt = 44, "Merci !", at.Add(-time.Hour)
	return []store.ItemView{root, ours, again}
}

func newModel(t *testing.T, lang i18n.Lang, limit int, draft string) *Model {
	t.Helper()
	m := New(testCtx(lang, limit), target(), thread(), draft)
	m.SetEnv(func(string) string { return "" })
	m.SetSize(80, 7)
	return m
}

// keyMsg is a key press by name (tuitest.Key).
func keyMsg(k string) tea.KeyPressMsg { return tuitest.Key(k) }

// typeText is the key presses that type s, one character each.
func typeText(s string) []string {
	var out []string
	for _, r := range s {
		switch r {
		case ' ':
			out = append(out, "space")
		case '\n':
			out = append(out, "enter")
		default:
			out = append(out, string(r))
		}
	}
	return out
}

// press feeds keys to m and returns the messages of the Cmds of the last.
func press(m *Model, keys ...string) []tea.Msg {
	var cmd tea.Cmd
	for _, k := range keys {
		m, cmd = m.Update(keyMsg(k))
	}
	return run(cmd)
}

// run runs cmd (and the commands of a batch) and returns their messages.
func run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, run(c)...)
		}
		return out
	default:
		return []tea.Msg{msg}
	}
}

// find returns the first message of type T among msgs.
func find[T any](msgs []tea.Msg) (T, bool) {
	for _, msg := range msgs {
		if v, ok := msg.(T); ok {
			return v, true
		}
	}
	var zero T
	return zero, false
}

// plain is the view without colors.
func plain(m *Model) string { return ansi.Strip(m.View()) }

// checkSize fails unless view is exactly w×h cells.
func checkSize(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), h, ansi.Strip(view))
	}
	for i, l := range lines {
		if got := lipgloss.Width(l); got != w {
			t.Fatalf("line %d is %d cells, want %d: %q", i, got, w, ansi.Strip(l))
		}
	}
}
