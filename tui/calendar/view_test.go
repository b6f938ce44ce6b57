package calendar

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"cmdeck/i18n"
	"cmdeck/tui/common"
)

// The goldens are the pane at the sizes it gets in an 80×24 terminal
// (80×21: the deck's tab, status and help bars take three rows) and in a
// 160×48 one (160×45). Run go test ./tui/calendar/ -update after a
// deliberate change and read the diff.

// composeSample opens the composer with a post for two accounts, over
// Chirper's limit, scheduled tomorrow morning.
func composeSample(t testing.TB, m *Model) {
	t.Helper()
	press(t, m, "n")
	typeText(t, m, "Le tournoi de printemps arrive ! Inscriptions ouvertes jusqu'à vendredi, places limitées. "+
		strings.Repeat("Venez nombreux, ", 14)+"à très vite 🎮")
	tick(t, m, 0, 2)
	setWhen(t, m, "demain 9h")
}

func TestViews(t *testing.T) {
	tests := []struct {
		name    string
		w, h    int
		lang    i18n.Lang
		noColor bool
		keys    []string
		setup   func(t testing.TB, m *Model)
	}{
		{name: "week_80x21", w: 80, h: 21, keys: []string{"k"}},
		{name: "week_160x45", w: 160, h: 45, keys: []string{"k"}},
		{name: "week_fr_80x21", w: 80, h: 21, lang: i18n.FR, keys: []string{"k"}},
		{name: "month_80x21", w: 80, h: 21, keys: []string{"m"}},
		{name: "month_160x45", w: 160, h: 45, keys: []string{"m"}},
		// A phone: one line per day under its head, which counts the
		// posts; that line shows the first post, not "+2 more".
		{name: "month_60x17", w: 60, h: 17, keys: []string{"m"}},
		{name: "agenda_80x21", w: 80, h: 21, keys: []string{"a"}},
		{name: "agenda_160x45", w: 160, h: 45, keys: []string{"a"}},
		{name: "details_80x21", w: 80, h: 21, keys: []string{"a", "k", "k", "enter"}},
		{name: "delete_80x21", w: 80, h: 21, keys: []string{"a", "d"}},
		{name: "compose_80x21", w: 80, h: 21, setup: composeSample},
		{name: "compose_preview_80x21", w: 80, h: 21, setup: composeSample, keys: []string{"tab", "tab", "tab"}},
		{name: "compose_160x45", w: 160, h: 45, setup: composeSample},
		{name: "compose_accounts_80x21", w: 80, h: 21, keys: []string{"n", "tab", "space", "j"}},
		{name: "empty_agenda_80x21", w: 80, h: 21, keys: []string{"a", "]", "]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := sample()
			lang := tt.lang
			if lang == "" {
				lang = i18n.EN
			}
			m := newPane(t, f, tt.w, tt.h, func(c *common.Context) { *c = newCtxWith(*c, lang, tt.noColor) })
			if tt.setup != nil {
				tt.setup(t, m)
			}
			press(t, m, tt.keys...)
			view := m.View()
			checkSize(t, view, tt.w, tt.h)
			golden.RequireEqual(t, []byte(ansi.Strip(view)))
		})
	}
}

// newCtxWith is c in another language and palette.
func newCtxWith(c common.Context, lang i18n.Lang, noColor bool) common.Context {
	n := newCtx(c.Source, lang, noColor)
	n.Slots, n.MediaLimit, n.ReadOnly = c.Slots, c.MediaLimit, c.ReadOnly
	return n
}

// Without color the marks carry the status and the cursor is in reverse
// video: the golden keeps the escape codes (bold, reverse, underline).
func TestNoColorWeek(t *testing.T) {
	m := newPane(t, sample(), 80, 21, func(c *common.Context) { *c = newCtxWith(*c, i18n.EN, true) })
	press(t, m, "k")
	view := m.View()
	checkSize(t, view, 80, 21)
	if strings.Contains(view, "\x1b[38") || strings.Contains(view, "\x1b[48") {
		t.Fatal("NO_COLOR view holds colors")
	}
	for _, mark := range []string{"○", "↻", "◷", "✓", "✗", "!"} {
		if !strings.Contains(view, mark) {
			t.Errorf("no %s mark in the week", mark)
		}
	}
	golden.RequireEqual(t, []byte(view))
}

func TestWeekShowsFewerHoursWhenShort(t *testing.T) {
	m := newPane(t, sample(), 80, 10, nil)
	view := text(m)
	if !strings.Contains(view, "10:00") || strings.Contains(view, "00:00") {
		t.Fatalf("a short week does not show the hours around the cursor:\n%s", view)
	}
	press(t, m, "pgdown", "pgdown")
	if !strings.Contains(text(m), "22:00") {
		t.Fatalf("the hours do not follow the cursor:\n%s", text(m))
	}
}
