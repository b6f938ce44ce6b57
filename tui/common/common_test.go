package common

import (
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"cmdeck/i18n"
)

func TestFit(t *testing.T) {
	red := lipgloss.NewStyle().Foreground(lipgloss.Color("#FF0000"))
	tests := []struct {
		in   string
		w    int
		want string
	}{
		{"abc", 5, "abc  "},
		{"abcdef", 4, "abc…"},
		{"日本語", 4, "日… "}, // a wide char never straddles the edge
		{"日本語", 6, "日本語"},
		{"😡 ok", 4, "😡 …"},
		{"é", 1, "é"},
		{"", 2, "  "},
		{"abc", 0, ""},
		{red.Render("abcdef"), 4, "abc…"},
	}
	for _, tt := range tests {
		got := Fit(tt.in, tt.w)
		if ansi.Strip(got) != tt.want || lipgloss.Width(got) != max(tt.w, 0) {
			t.Errorf("Fit(%q, %d) = %q (width %d), want %q", tt.in, tt.w, got, lipgloss.Width(got), tt.want)
		}
	}
	if got := FitRight("42", 5); got != "   42" {
		t.Errorf("FitRight = %q", got)
	}
}

func TestFrameIsExact(t *testing.T) {
	out := Frame([]string{"one", "a much longer line than fits", "日本語日本語"}, 10, 5)
	lines := strings.Split(out, "\n")
	if len(lines) != 5 {
		t.Fatalf("%d lines", len(lines))
	}
	for i, l := range lines {
		if lipgloss.Width(l) != 10 {
			t.Errorf("line %d width %d: %q", i, lipgloss.Width(l), l)
		}
	}
	if Frame([]string{"x"}, 0, 3) != "" || Frame([]string{"x"}, 3, 0) != "" {
		t.Error("empty size must give an empty block")
	}
}

func TestOneLine(t *testing.T) {
	tests := map[string]string{
		"hello\nworld":     "hello",
		"\n\n  second\n":   "second",
		"tab\there\rthere": "tab here there",
		"":                 "",
	}
	for in, want := range tests {
		if got := OneLine(in); got != want {
			t.Errorf("OneLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestColumnsDropsZeroWidths(t *testing.T) {
	got := Columns([]string{"a", "hidden", "c"}, []int{2, 0, 3})
	if got != "a  c  " {
		t.Fatalf("Columns = %q", got)
	}
}

func TestSparkline(t *testing.T) {
	tests := []struct {
		in   []int
		want string
	}{
		{[]int{0, 1, 2, 3, 4, 5, 6, 7}, "▁▂▃▄▅▆▇█"},
		{[]int{0, 0, 0}, "▁▁▁"},
		{[]int{1, 100}, "▂█"}, // a little is never nothing
		{[]int{5}, "█"},
		{nil, ""},
		{[]int{-3, 2}, "▁█"},
	}
	for _, tt := range tests {
		if got := Sparkline(tt.in); got != tt.want {
			t.Errorf("Sparkline(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// A fixed scale: 10 of 100 is a low bar even when it is the largest.
	if got := SparklineTo([]int{0, 10, 50, 100, 150}, 100); got != "▁▂▅██" {
		t.Errorf("SparklineTo = %q", got)
	}
}

func TestAgeAndDates(t *testing.T) {
	now := time.Date(2025, 3, 12, 10, 0, 0, 0, time.UTC)
	en, fr := i18n.New(i18n.EN), i18n.New(i18n.FR)
	tests := []struct {
		cat  *i18n.Catalog
		at   time.Time
		want string
	}{
		{en, now.Add(-30 * time.Second), "now"},
		{fr, now.Add(-30 * time.Second), "maint."},
		{en, now.Add(time.Hour), "now"}, // clock skew
		{en, now.Add(-5 * time.Minute), "5m"},
		{en, now.Add(-3 * time.Hour), "3h"},
		{en, now.Add(-50 * time.Hour), "2d"},
		{en, now.Add(-9 * 24 * time.Hour), "3 Mar"},
		{fr, now.Add(-9 * 24 * time.Hour), "3 mars"},
		{en, now.Add(-280 * 24 * time.Hour), "5 Jun"},
		{en, now.AddDate(-1, 0, 0), "2024"}, // a year ago is never "12 Mar"
		{en, time.Time{}, "–"},
	}
	for _, tt := range tests {
		if got := Age(tt.cat, now, tt.at, time.UTC); got != tt.want {
			t.Errorf("Age(%v) = %q, want %q", tt.at, got, tt.want)
		}
	}
	if got := LongDate(fr, now); got != "mercredi 12 mars" {
		t.Errorf("LongDate fr = %q", got)
	}
	if got := LongDate(en, now); got != "Wednesday 12 March" {
		t.Errorf("LongDate en = %q", got)
	}
	if got := WeekdayShort(fr, now); got != "mer." {
		t.Errorf("WeekdayShort fr = %q", got)
	}
}

func TestStartOfDayInZone(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no tz database")
	}
	// 23:30 UTC on the 29th is already the 30th in Paris (the DST day).
	got := StartOfDay(time.Date(2025, 3, 29, 23, 30, 0, 0, time.UTC), paris)
	if want := time.Date(2025, 3, 30, 0, 0, 0, 0, paris); !got.Equal(want) {
		t.Fatalf("StartOfDay = %v, want %v", got, want)
	}
}

func TestCountsAndPlurals(t *testing.T) {
	en, fr := i18n.New(i18n.EN), i18n.New(i18n.FR)
	for n, want := range map[int]string{-1: "–", 0: "0", 999: "999", 1234: "1.2k", 56789: "56k", 12345678: "12M"} {
		if got := Compact(n); got != want {
			t.Errorf("Compact(%d) = %q, want %q", n, got, want)
		}
	}
	if got := Percent(en, 1, 3); got != "33%" {
		t.Errorf("Percent en = %q", got)
	}
	if got := Percent(fr, 2, 3); got != "67\u00a0%" {
		t.Errorf("Percent fr = %q", got)
	}
	if got := Percent(en, 1, 0); got != "–" {
		t.Errorf("Percent of nothing = %q", got)
	}
	tests := []struct {
		cat  *i18n.Catalog
		n    int
		want string
	}{
		{en, 0, "0 open alerts"}, {en, 1, "1 open alert"}, {en, 2, "2 open alerts"},
		{fr, 0, "0 alerte ouverte"}, {fr, 1, "1 alerte ouverte"}, {fr, 2, "2 alertes ouvertes"},
	}
	for _, tt := range tests {
		if got := Plural(tt.cat, "alerts.open", tt.n); got != tt.want {
			t.Errorf("Plural(%s, %d) = %q, want %q", tt.cat.Lang(), tt.n, got, tt.want)
		}
	}
}

func TestValidKey(t *testing.T) {
	good := []string{"j", "?", "G", "é", "ctrl+r", "shift+tab", "ctrl+alt+x", "f5", "f63", "esc", "space", "pgdown", "ctrl++", "+"}
	for _, k := range good {
		if err := ValidKey(k); err != nil {
			t.Errorf("ValidKey(%q) = %v", k, err)
		}
	}
	bad := map[string]string{
		"":           "empty",
		" ":          "not a printable",
		"ctrl+":      "unknown key name",
		"cmd+s":      `unknown modifier "cmd"`,
		"alt+ctrl+x": "order",
		"f0":         "unknown key name",
		"f64":        "unknown key name",
		"enterr":     "unknown key name",
		"\x1b":       "not a printable",
	}
	for k, want := range bad {
		err := ValidKey(k)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ValidKey(%q) = %v, want an error with %q", k, err, want)
		}
	}
}

func TestRebindUpdatesHelp(t *testing.T) {
	b := key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "today"))
	Rebind(&b, []string{"T", "ctrl+t"})
	if b.Help().Key != "T/ctrl+t" || b.Help().Desc != "today" || strings.Join(b.Keys(), ",") != "T,ctrl+t" {
		t.Fatalf("binding after rebind: %v %+v", b.Keys(), b.Help())
	}
}

func TestViewport(t *testing.T) {
	var v Viewport
	v.Show(12, 12, 20, 5)
	if v.Offset != 8 {
		t.Fatalf("showing line 12 of 20 in 5: offset %d, want 8", v.Offset)
	}
	v.Show(3, 4, 20, 5)
	if v.Offset != 3 {
		t.Fatalf("offset %d, want 3", v.Offset)
	}
	v.Offset = 30
	v.Clamp(20, 5)
	if v.Offset != 15 {
		t.Fatalf("clamped offset %d, want 15", v.Offset)
	}
	if got := v.Window(make([]string, 3), 5); len(got) != 3 || v.Offset != 0 {
		t.Fatalf("short list window: %d lines at %d", len(got), v.Offset)
	}
	if Clamp(5, 0) != 0 || Clamp(-1, 3) != 0 || Clamp(9, 3) != 2 {
		t.Fatal("Clamp")
	}
}

func TestWrap(t *testing.T) {
	got := Wrap("Les alertes apparaissent ici quand une règle se déclenche", 20)
	for _, l := range got {
		if lipgloss.Width(l) > 20 {
			t.Errorf("line too wide: %q", l)
		}
	}
	if strings.Join(got, " ") != "Les alertes apparaissent ici quand une règle se déclenche" {
		t.Errorf("words lost: %q", got)
	}
	if Wrap("x", 0) != nil {
		t.Error("zero width")
	}
}

func TestPlaceOverKeepsWidths(t *testing.T) {
	bg := Frame([]string{"口座の開設について質問があります", "abcdefghijklmnopqrst", ""}, 20, 3)
	fg := "[box]\n[box]"
	tests := []struct{ x, y int }{{0, 0}, {3, 0}, {4, 1}, {15, 1}, {18, 2}, {7, -1}}
	for _, tt := range tests {
		out := PlaceOver(bg, fg, tt.x, tt.y)
		for i, l := range strings.Split(out, "\n") {
			if lipgloss.Width(l) != 20 && tt.x+5 <= 20 {
				t.Errorf("x=%d y=%d: line %d width %d: %q", tt.x, tt.y, i, lipgloss.Width(l), ansi.Strip(l))
			}
		}
	}
	out := ansi.Strip(PlaceOver(bg, fg, 4, 1))
	if strings.Split(out, "\n")[1] != "abcd[box]jklmnopqrst" {
		t.Fatalf("got %q", strings.Split(out, "\n")[1])
	}
}

// MatchAction tries the actions in order, skips disabled bindings and
// unknown names, and names none for an unbound key.
func TestMatchAction(t *testing.T) {
	up, down, off := key.NewBinding(key.WithKeys("k", "up")), key.NewBinding(key.WithKeys("j", "k")), key.NewBinding(key.WithKeys("x"))
	off.SetEnabled(false)
	acts := map[string]*key.Binding{"up": &up, "down": &down, "off": &off}
	press := func(s string) interface{ String() string } { return stringer(s) }
	for _, tc := range []struct {
		order []string
		key   string
		want  string
	}{
		{[]string{"up", "down"}, "k", "up"},
		{[]string{"down", "up"}, "k", "down"},
		{[]string{"nosuch", "down"}, "j", "down"},
		{[]string{"off", "up"}, "x", ""},
		{[]string{"up", "down"}, "z", ""},
	} {
		if got := MatchAction(acts, tc.order, press(tc.key)); got != tc.want {
			t.Errorf("%v %q: %q, want %q", tc.order, tc.key, got, tc.want)
		}
	}
}

type stringer string

func (s stringer) String() string { return string(s) }
