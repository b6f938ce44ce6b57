package accounts

import (
	"context"
	"errors"
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
	"cmdeck/tui/health"
)

var now = time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)

// fakeSource serves the accounts' health; the embedded nil Source makes
// any other query panic the test.
type fakeSource struct {
	common.Source
	hs  []store.AccountHealth
	err error
}

func (f *fakeSource) AccountHealth(context.Context) ([]store.AccountHealth, error) {
	return f.hs, f.err
}

func sample() []store.AccountHealth {
	a := func(id int64, handle string) core.Account {
		return core.Account{ID: id, Provider: "mastodon", Network: "mastodon.social", Handle: handle}
	}
	return []store.AccountHealth{
		{Account: a(1, "@ok@mastodon.social"), ClientName: "Le Fournil", LastSuccess: now.Add(-time.Minute), RateRemaining: -1},
		{Account: a(2, "@gone@mastodon.social"), ClientName: "Le Fournil", LastError: "401: The access token is invalid",
			ErrorClass: "auth", RateRemaining: -1},
		{Account: a(3, "@slow@mastodon.social"), ClientName: "PixelForge", LastError: "503", ErrorClass: "transient",
			BackoffUntil: now.Add(time.Hour), RateRemaining: -1},
	}
}

func newModel(t *testing.T, src *fakeSource, w, h int) *Model {
	t.Helper()
	ctx := common.Context{Source: src, Styles: common.NewStyles(common.NoColorPalette()), T: i18n.New(i18n.EN),
		Clock: core.NewManualClock(now), Loc: time.UTC}
	m := New(ctx, key.NewBinding(key.WithKeys("@")), nil)
	m.SetSize(w, h)
	m, _ = m.Update(m.Init()())
	return m
}

func press(m *Model, k string) *Model {
	m, _ = m.Update(tea.KeyPressMsg{Code: []rune(k)[0], Text: k})
	return m
}

// The view never exceeds its size, at any size; the marks say the state
// without color.
func TestViewFits(t *testing.T) {
	m := newModel(t, &fakeSource{hs: sample()}, 80, 21)
	for _, sz := range [][2]int{{80, 21}, {40, 12}, {200, 57}, {24, 8}, {12, 4}, {11, 3}} {
		m.SetSize(sz[0], sz[1])
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
	}
	m.SetSize(80, 21)
	v := ansi.Strip(m.View())
	for _, want := range []string{"✓ @ok@", "✗ @gone@", "⚠ @slow@", "Le Fournil", "PixelForge"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
}

// Narrow screens drop the rate, then the network, before the handles get
// too short to read.
func TestColumnsDropBeforeSqueezing(t *testing.T) {
	rows := health.Rows(i18n.New(i18n.EN), sample(), now, time.UTC)
	header := []string{"", "ACCOUNT", "NETWORK", "LAST OK", "STATE", "RATE LIMIT"}
	if w := columns(header, rows, 76); w[colRate] == 0 || w[colNetwork] == 0 {
		t.Fatalf("80 columns: %v, want every column", w)
	}
	w := columns(header, rows, 50)
	if w[colRate] != 0 || w[colAccount] < 12 {
		t.Fatalf("narrow: %v, want the rate dropped and a readable account", w)
	}
	for iw := 20; iw <= 130; iw++ {
		w := columns(header, rows, iw)
		total := len(w) - 1
		for _, x := range w {
			total += x
		}
		if w[colAccount] <= 0 || total-countZero(w) > iw {
			t.Fatalf("inner width %d: columns %v take too much", iw, w)
		}
	}
}

func countZero(w []int) int {
	n := 0
	for _, x := range w {
		if x == 0 {
			n++
		}
	}
	return n
}

// A reload keeps the cursor on the same account, wherever it moved; a
// failed reload keeps the rows and says so.
func TestReloadKeepsTheAccount(t *testing.T) {
	src := &fakeSource{hs: sample()}
	m := newModel(t, src, 80, 21)
	m = press(m, "j")
	src.hs = append([]store.AccountHealth{{Account: core.Account{ID: 9, Handle: "@new"}, ClientName: "A", RateRemaining: -1}}, src.hs...)
	m, cmd := m.Update(common.DataChangedMsg{})
	m, _ = m.Update(cmd())
	if got := m.hs[m.cursor].Account.Handle; got != "@gone@mastodon.social" {
		t.Fatalf("cursor on %s after the reload", got)
	}
	src.err = errors.New("database is locked")
	m, cmd = m.Update(common.SyncEvent{})
	m, _ = m.Update(cmd())
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "database is locked") || !strings.Contains(v, "@gone@") {
		t.Fatalf("failed reload:\n%s", v)
	}
}
