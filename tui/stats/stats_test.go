package stats

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
	"cmdeck/store"
	"cmdeck/tui/common"
)

// now is Wednesday 12 March 2025, 10:00 UTC.
var now = time.Date(2025, 3, 12, 10, 0, 0, 0, time.UTC)

// fakeSource serves fixed figures and records the period asked for; any
// other query panics the test through the embedded nil Source.
type fakeSource struct {
	common.Source
	acts         []store.ClientActivity
	err          error
	calls        int
	since, until time.Time
	loc          *time.Location
}

func (f *fakeSource) Activity(_ context.Context, since, until time.Time, loc *time.Location) ([]store.ClientActivity, error) {
	f.calls++
	f.since, f.until, f.loc = since, until, loc
	return f.acts, f.err
}

func sampleActivity() []store.ClientActivity {
	return []store.ClientActivity{
		{Client: core.Client{ID: 1, Name: "PixelForge Studio", Color: "#7C3AED"}, Items: 152, NeedsReply: 12,
			Replied: 98, Negative: 12, Positive: 60, PerDay: []int{10, 14, 30, 41, 22, 15, 20}},
		{Client: core.Client{ID: 2, Name: "Boulangerie Dupré", Color: "#D97706"}, Items: 37, NeedsReply: 3,
			Replied: 30, Negative: 1, Positive: 25, PerDay: []int{0, 2, 5, 8, 7, 6, 9}},
		{Client: core.Client{ID: 3, Name: "Banque Azur — service client 🏦"}, Items: 0, PerDay: []int{0, 0, 0, 0, 0, 0, 0}},
	}
}

func newLoaded(t *testing.T, src *fakeSource, w, h int, lang i18n.Lang, noColor bool, loc *time.Location) *Model {
	t.Helper()
	p := common.DefaultPalette(true)
	if noColor {
		p = common.NoColorPalette()
	}
	ctx := common.Context{Source: src, Styles: common.NewStyles(p), T: i18n.New(lang),
		Clock: core.NewManualClock(now), Loc: loc}
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

func TestPeriodIsSevenDaysEndingTodayInTheZone(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no tz database")
	}
	tests := []struct {
		name             string
		loc              *time.Location
		wantSince, until time.Time
	}{
		{"utc", time.UTC, time.Date(2025, 3, 6, 0, 0, 0, 0, time.UTC), time.Date(2025, 3, 13, 0, 0, 0, 0, time.UTC)},
		{"paris", paris, time.Date(2025, 3, 6, 0, 0, 0, 0, paris), time.Date(2025, 3, 13, 0, 0, 0, 0, paris)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := &fakeSource{}
			newLoaded(t, src, 80, 10, i18n.EN, false, tt.loc)
			if !src.since.Equal(tt.wantSince) || !src.until.Equal(tt.until) || src.loc != tt.loc {
				t.Fatalf("asked [%v, %v) in %v, want [%v, %v)", src.since, src.until, src.loc, tt.wantSince, tt.until)
			}
		})
	}
}

func TestTotal(t *testing.T) {
	got := total(sampleActivity())
	if got.Items != 189 || got.NeedsReply != 15 || got.Replied != 128 || got.PerDay[3] != 49 {
		t.Fatalf("total = %+v", got)
	}
}

func TestScrollAndErrors(t *testing.T) {
	src := &fakeSource{acts: sampleActivity()}
	m := newLoaded(t, src, 80, 5, i18n.EN, false, time.UTC)
	for range 3 {
		m.Update(tea.KeyPressMsg{Code: 'j', Text: "j"})
	}
	if m.vp.Offset != 3 {
		t.Fatalf("offset %d after 3×j, want 3", m.vp.Offset)
	}
	m.Update(tea.KeyPressMsg{Code: 'G', Text: "G"})
	if want := len(m.body()) - 4; m.vp.Offset != want {
		t.Fatalf("G: offset %d, want %d", m.vp.Offset, want)
	}
	// A failed reload keeps the figures on screen and says so.
	src.err = errors.New("database is locked")
	_, cmd := m.Update(common.DataChangedMsg{})
	run(m, cmd)
	m.SetSize(80, 10)
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "database is locked") || !strings.Contains(view, "PixelForge") {
		t.Fatalf("want old figures and the error:\n%s", view)
	}
}

func TestViews(t *testing.T) {
	tests := []struct {
		name    string
		acts    []store.ClientActivity
		w, h    int
		lang    i18n.Lang
		noColor bool
	}{
		{"en_80x21", sampleActivity(), 80, 21, i18n.EN, false},
		{"fr_80x21", sampleActivity(), 80, 21, i18n.FR, false},
		{"en_120x37", sampleActivity(), 120, 37, i18n.EN, false},
		{"fr_120x37", sampleActivity(), 120, 37, i18n.FR, false},
		{"en_200x57", sampleActivity(), 200, 57, i18n.EN, false},
		{"nocolor_80x21", sampleActivity(), 80, 21, i18n.EN, true},
		{"narrow_50x10", sampleActivity(), 50, 10, i18n.FR, false},
		{"empty_80x8", nil, 80, 8, i18n.EN, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newLoaded(t, &fakeSource{acts: tt.acts}, tt.w, tt.h, tt.lang, tt.noColor, time.UTC)
			view := m.View()
			checkSize(t, view, tt.w, tt.h)
			golden.RequireEqual(t, []byte(ansi.Strip(view)))
		})
	}
}

func TestLoadingAndFirstError(t *testing.T) {
	src := &fakeSource{err: errors.New("no such table: items")}
	ctx := common.Context{Source: src, Styles: common.NewStyles(common.NoColorPalette()), T: i18n.New(i18n.EN),
		Clock: core.NewManualClock(now), Loc: time.UTC}
	m := New(ctx, DefaultKeyMap(ctx.T))
	m.SetSize(60, 6)
	cmd := m.Init()
	if !strings.Contains(ansi.Strip(m.View()), "Loading") {
		t.Fatal("no loading state")
	}
	m.Update(cmd())
	view := ansi.Strip(m.View())
	checkSize(t, m.View(), 60, 6)
	if !strings.Contains(view, "Could not load the figures: no such table: items") {
		t.Fatalf("error not shown:\n%s", view)
	}
}

func TestNothingPanicsOnTinySizes(t *testing.T) {
	m := newLoaded(t, &fakeSource{acts: sampleActivity()}, 0, 0, i18n.EN, false, time.UTC)
	for _, sz := range [][2]int{{0, 0}, {1, 1}, {5, 2}, {10, 1}, {300, 3}} {
		m.SetSize(sz[0], sz[1])
		m.Update(tea.KeyPressMsg{Code: 'G', Text: "G"})
		if sz[0] > 0 && sz[1] > 0 {
			checkSize(t, m.View(), sz[0], sz[1])
		}
	}
}
