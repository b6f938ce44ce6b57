package dialog

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

func tagOptions() []Option {
	return []Option{
		{Value: "idea", Label: "idea"},
		{Value: "criticism", Label: "criticism", Hint: "critique"},
		{Value: "question", Label: "question"},
		{Value: "complaint", Label: "complaint", Hint: "réclamation"},
		{Value: "bug", Label: "bug"},
		{Value: "creme", Label: "Crème brûlée"},
	}
}

func TestPickerKeys(t *testing.T) {
	tests := []struct {
		name   string
		custom bool
		keys   []string
		want   PickerResult
	}{
		{"enter picks the first", false, []string{"enter"}, PickerResult{ID: "tag", OK: true, Option: tagOptions()[0]}},
		{"down", false, []string{"down", "down", "enter"}, PickerResult{ID: "tag", OK: true, Option: tagOptions()[2]}},
		{"tab and ctrl+n", false, []string{"tab", "ctrl+n", "ctrl+n", "enter"}, PickerResult{ID: "tag", OK: true, Option: tagOptions()[3]}},
		{"up wraps to the last", false, []string{"up", "enter"}, PickerResult{ID: "tag", OK: true, Option: tagOptions()[5]}},
		{"ctrl+p and shift+tab", false, []string{"down", "down", "ctrl+p", "shift+tab", "enter"}, PickerResult{ID: "tag", OK: true, Option: tagOptions()[0]}},
		{"down wraps to the first", false, []string{"pgdown", "down", "enter"}, PickerResult{ID: "tag", OK: true, Option: tagOptions()[0]}},
		{"filter", false, append(typeText("cpl"), "enter"), PickerResult{ID: "tag", OK: true, Option: tagOptions()[3]}},
		{"accents", false, append(typeText("creme"), "enter"), PickerResult{ID: "tag", OK: true, Option: tagOptions()[5]}},
		{"hint", false, append(typeText("reclam"), "enter"), PickerResult{ID: "tag", OK: true, Option: tagOptions()[3]}},
		{"esc", false, []string{"down", "esc"}, PickerResult{ID: "tag"}},
		{"custom when nothing matches", true, append(typeText("urgent"), "enter"), PickerResult{ID: "tag", OK: true, Custom: "urgent"}},
		{"a match wins over custom", true, append(typeText("bu"), "enter"), PickerResult{ID: "tag", OK: true, Option: tagOptions()[4]}},
		{"custom after the matches", true, append(typeText("ide"), "down", "enter"), PickerResult{ID: "tag", OK: true, Custom: "ide"}},
		{"no custom for an exact label", true, append(typeText("Bug"), "down", "enter"), PickerResult{ID: "tag", OK: true, Option: tagOptions()[4]}},
		{"backspace widens the filter", false, append(typeText("bugx"), "backspace", "enter"), PickerResult{ID: "tag", OK: true, Option: tagOptions()[4]}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := NewPicker(styles(), en(), "tag", "Tag", tagOptions(), tt.custom)
			d, res := press(t, p, tt.keys...)
			if d != nil {
				t.Fatal("still open")
			}
			if got := res.(PickerResult); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

// Without custom text, enter on no match does nothing; the box says so.
func TestPickerNoMatch(t *testing.T) {
	p := NewPicker(styles(), en(), "tag", "Tag", tagOptions(), false)
	d, _ := press(t, p, append(typeText("zzz"), "enter", "down", "up")...)
	if d == nil {
		t.Fatal("closed with nothing to pick")
	}
	v := ansi.Strip(d.View())
	if strings.Count(v, "No match") != 2 { // in the header and in the list
		t.Errorf("no match not shown:\n%s", v)
	}
	if d.(*Picker).Matches() != 0 {
		t.Error("matches counted")
	}
	// An empty list behaves the same.
	e := NewPicker(styles(), en(), "x", "Empty", nil, true)
	if d, _ := press(t, e, "enter", "down"); d == nil {
		t.Fatal("empty picker closed")
	}
}

// Best match first: "nr" is "needs reply" before "inner" though listed
// after it; the count says how many match.
func TestPickerRanksAndCounts(t *testing.T) {
	opts := []Option{{Label: "inner circle"}, {Label: "unrelated"}, {Label: "needs reply"}, {Label: "xyz"}}
	p := NewPicker(styles(), en(), "f", "Filter", opts, false)
	p.SetWidth(80)
	if !strings.Contains(ansi.Strip(p.View()), "4 of 4") {
		t.Fatalf("count:\n%s", ansi.Strip(p.View()))
	}
	d, _ := press(t, p, typeText("nr")...)
	pk := d.(*Picker)
	if o, _ := pk.Selected(); o.Label != "needs reply" {
		t.Errorf("best is %q", o.Label)
	}
	v := ansi.Strip(pk.View())
	if !strings.Contains(v, "3 of 4") {
		t.Errorf("count:\n%s", v)
	}
	if i, j := strings.Index(v, "needs reply"), strings.Index(v, "inner circle"); i < 0 || j < 0 || i > j {
		t.Errorf("order:\n%s", v)
	}
}

// The cursor stays visible when the list is longer than the box.
func TestPickerScrolls(t *testing.T) {
	var opts []Option
	for i := range 30 {
		opts = append(opts, Option{Label: fmt.Sprintf("option %02d", i)})
	}
	p := NewPicker(styles(), en(), "x", "Many", opts, false)
	p.SetHeight(11) // 5 rows
	d, _ := press(t, p, "down", "down", "down", "down", "down", "down", "down")
	v := ansi.Strip(d.View())
	if !strings.Contains(v, "› option 07") || strings.Contains(v, "option 02") {
		t.Fatalf("window does not follow the cursor:\n%s", v)
	}
	if got := len(strings.Split(v, "\n")); got > 11 {
		t.Errorf("%d lines for a height of 11", got)
	}
	d, _ = press(t, d, "pgup")
	if o, _ := d.(*Picker).Selected(); o.Label != "option 02" {
		t.Errorf("pgup went to %q", o.Label)
	}
}

// Matched letters are drawn in the highlight style, the others plain.
func TestHighlight(t *testing.T) {
	base, hit := lipgloss.NewStyle(), lipgloss.NewStyle().Bold(true)
	got := highlight("reply", "reply", []int{0, 1, 4}, base, hit)
	want := hit.Render("re") + base.Render("pl") + hit.Render("y")
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// A hit cut off by the ellipsis is not highlighted.
	got = highlight("abcdef", "abc…", []int{3}, base, hit)
	if got != base.Render("abc…") {
		t.Errorf("cut hit highlighted: %q", got)
	}
}

func TestPickerSetQueryAndPaste(t *testing.T) {
	p := NewPicker(styles(), en(), "tag", "Tag", tagOptions(), false)
	p.SetQuery("ques")
	if p.Matches() != 1 || p.Query() != "ques" {
		t.Fatalf("matches %d query %q", p.Matches(), p.Query())
	}
	d, _ := p.Update(tea.PasteMsg{Content: "tion"})
	_, res := press(t, d, "enter")
	if got := res.(PickerResult); got.Option.Value != "question" {
		t.Fatalf("got %+v", got)
	}
}
