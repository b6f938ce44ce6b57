package alerts

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/tui/common"
)

// now is Wednesday 12 March 2025, 10:00 UTC.
var now = time.Date(2025, 3, 12, 10, 0, 0, 0, time.UTC)

// fakeSource serves fixed alerts; any other query panics the test through
// the embedded nil Source.
type fakeSource struct {
	common.Source
	alerts []core.Alert
	err    error
	calls  int
}

func (f *fakeSource) OpenAlerts(_ context.Context, limit int) ([]core.Alert, error) {
	f.calls++
	if f.err != nil {
		return nil, f.err
	}
	return f.alerts[:min(limit, len(f.alerts))], nil
}

func (f *fakeSource) Clients(context.Context) ([]core.Client, error) {
	return []core.Client{
		{ID: 1, Slug: "pixelforge", Name: "PixelForge Studio", Color: "#7C3AED"},
		{ID: 2, Slug: "dupre", Name: "Boulangerie Dupré", Color: "#D97706"},
		{ID: 3, Slug: "azur", Name: "Banque Azur"},
	}, nil
}

func sampleAlerts() []core.Alert {
	return []core.Alert{
		{ID: 1, ClientID: 3, Rule: "negative", Severity: core.SeverityCritical, Title: "negative", ItemCount: 42,
			FirstAt: now.Add(-3 * time.Hour), LastAt: now.Add(-30 * time.Second)},
		{ID: 2, ClientID: 1, Rule: "negative", Severity: core.SeverityWarning, ItemCount: 5,
			FirstAt: now.Add(-26 * time.Hour), LastAt: now.Add(-12 * time.Minute)},
		{ID: 3, ClientID: 2, Rule: "keyword:baguette", Severity: core.SeverityInfo, Title: "« baguette » mentionnée 🥖",
			ItemCount: 1, FirstAt: now.Add(-9 * 24 * time.Hour), LastAt: now.Add(-2 * 24 * time.Hour)},
		{ID: 4, ClientID: 9, Rule: "custom", Severity: "odd", ItemCount: 12345,
			FirstAt: now.Add(-time.Hour), LastAt: now.Add(-time.Hour)},
	}
}

func newLoaded(t *testing.T, src *fakeSource, w, h int, lang i18n.Lang, noColor bool) *Model {
	t.Helper()
	p := common.DefaultPalette(true)
	if noColor {
		p = common.NoColorPalette()
	}
	ctx := common.Context{Source: src, Styles: common.NewStyles(p), T: i18n.New(lang),
		Clock: core.NewManualClock(now), Loc: time.UTC}
	m := New(ctx, DefaultKeyMap(ctx.T))
	m.SetSize(w, h)
	run(m, m.Init())
	return m
}

func run(m *Model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	if msg := cmd(); msg != nil {
		_, next := m.Update(msg)
		run(m, next)
	}
}

func press(m *Model, keys ...string) {
	for _, k := range keys {
		m.Update(tea.KeyPressMsg{Code: []rune(k)[0], Text: k})
	}
}

func checkSize(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Fatalf("view has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw != w {
			t.Fatalf("line %d is %d cells wide, want %d: %q", i, lw, w, ansi.Strip(l))
		}
	}
}

func TestMoves(t *testing.T) {
	tests := []struct {
		keys   []string
		wantID int64
	}{
		{nil, 1},
		{[]string{"j"}, 2},
		{[]string{"j", "j", "j", "j", "j"}, 4},
		{[]string{"j", "k", "k"}, 1},
		{[]string{"G"}, 4},
		{[]string{"G", "g"}, 1},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.keys, ""), func(t *testing.T) {
			m := newLoaded(t, &fakeSource{alerts: sampleAlerts()}, 80, 10, i18n.EN, false)
			press(m, tt.keys...)
			if got := m.alerts[m.cursor].ID; got != tt.wantID {
				t.Fatalf("selected alert %d, want %d", got, tt.wantID)
			}
		})
	}
}

func TestReloadKeepsSelectionAndDropsStale(t *testing.T) {
	src := &fakeSource{alerts: sampleAlerts()}
	m := newLoaded(t, src, 80, 10, i18n.EN, false)
	press(m, "j") // alert 2
	stale := m.load()
	src.alerts = append([]core.Alert{{ID: 5, ClientID: 1, Rule: "negative", Severity: core.SeverityWarning, ItemCount: 1,
		FirstAt: now, LastAt: now}}, sampleAlerts()...)
	_, cmd := m.Update(common.DataChangedMsg{Version: 3})
	run(m, cmd)
	if got := m.alerts[m.cursor].ID; got != 2 {
		t.Fatalf("selection moved to %d on reload, want 2", got)
	}
	src.alerts = nil
	m.Update(stale())
	if len(m.alerts) != 5 {
		t.Fatalf("a stale result was applied")
	}
}

func TestRuleTitles(t *testing.T) {
	tests := []struct {
		lang  i18n.Lang
		alert core.Alert
		want  string
	}{
		{i18n.EN, core.Alert{Rule: "negative", Title: "anything"}, "Negative messages"},
		{i18n.FR, core.Alert{Rule: "negative"}, "Messages négatifs"},
		{i18n.FR, core.Alert{Rule: "spike"}, "Pic de volume"},
		{i18n.EN, core.Alert{Rule: "custom", Title: "Mentions of\nthe CEO"}, "Mentions of"},
		{i18n.EN, core.Alert{Rule: "custom"}, "custom"},
	}
	for _, tt := range tests {
		m := newLoaded(t, &fakeSource{}, 80, 10, tt.lang, false)
		if got := m.ruleTitle(tt.alert); got != tt.want {
			t.Errorf("%s %+v: %q, want %q", tt.lang, tt.alert, got, tt.want)
		}
	}
}

func TestAgesFollowTheClock(t *testing.T) {
	m := newLoaded(t, &fakeSource{alerts: sampleAlerts()[:1]}, 80, 5, i18n.EN, false)
	if !strings.Contains(ansi.Strip(m.View()), "3h → now") {
		t.Fatalf("ages wrong:\n%s", ansi.Strip(m.View()))
	}
	m.ctx.Clock.(*core.ManualClock).Advance(10 * time.Minute)
	m.Update(common.TickMsg{Now: m.ctx.Clock.Now()})
	if !strings.Contains(ansi.Strip(m.View()), "3h → 10m") {
		t.Fatalf("ages did not move with the clock:\n%s", ansi.Strip(m.View()))
	}
}

func TestErrorShownAndRetried(t *testing.T) {
	src := &fakeSource{alerts: sampleAlerts(), err: errors.New("disk I/O error")}
	m := newLoaded(t, src, 60, 6, i18n.FR, false)
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "Impossible de charger les alertes : disk I/O error") {
		t.Fatalf("error not shown:\n%s", view)
	}
	src.err = nil
	_, cmd := m.Update(common.TickMsg{Now: now})
	run(m, cmd)
	if m.err != nil || len(m.alerts) != 4 {
		t.Fatal("tick did not retry")
	}
}

func TestViews(t *testing.T) {
	tests := []struct {
		name    string
		alerts  []core.Alert
		w, h    int
		lang    i18n.Lang
		noColor bool
	}{
		{"en_80x21", sampleAlerts(), 80, 21, i18n.EN, false},
		{"fr_80x21", sampleAlerts(), 80, 21, i18n.FR, false},
		{"en_120x37", sampleAlerts(), 120, 37, i18n.EN, false},
		{"nocolor_80x21", sampleAlerts(), 80, 21, i18n.EN, true},
		{"narrow_50x8", sampleAlerts(), 50, 8, i18n.FR, false},
		{"empty_80x8", nil, 80, 8, i18n.EN, false},
		{"empty_fr_80x8", nil, 80, 8, i18n.FR, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newLoaded(t, &fakeSource{alerts: tt.alerts}, tt.w, tt.h, tt.lang, tt.noColor)
			view := m.View()
			checkSize(t, view, tt.w, tt.h)
			golden.RequireEqual(t, []byte(ansi.Strip(view)))
		})
	}
}

func TestNothingPanicsOnTinySizes(t *testing.T) {
	m := newLoaded(t, &fakeSource{alerts: sampleAlerts()}, 0, 0, i18n.EN, false)
	for _, sz := range [][2]int{{0, 0}, {1, 1}, {5, 2}, {10, 1}, {200, 3}} {
		m.SetSize(sz[0], sz[1])
		press(m, "j", "G", "k")
		if sz[0] > 0 && sz[1] > 0 {
			checkSize(t, m.View(), sz[0], sz[1])
		}
	}
}
