package inbox

import (
	"slices"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"cmdeck/core"
	"cmdeck/tui/common"
)

func TestGroupDigits(t *testing.T) {
	tests := []struct {
		n    int
		sep  string
		want string
	}{
		{0, ",", "0"}, {12, ",", "12"}, {999, ",", "999"}, {1000, ",", "1,000"},
		{4312, " ", "4 312"}, {1234567, ",", "1,234,567"}, {-4312, ",", "-4,312"},
	}
	for _, tt := range tests {
		if got := groupDigits(tt.n, tt.sep); got != tt.want {
			t.Errorf("groupDigits(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestCompactCount(t *testing.T) {
	tests := []struct {
		n    int
		dec  string
		want string
	}{
		{0, ".", "0"}, {987, ".", "987"}, {1000, ".", "1k"}, {12_345, ".", "12.3k"},
		{12_345, ",", "12,3k"}, {9_999, ".", "9.9k"}, {120_500, ".", "120k"},
		{999_999, ".", "999k"}, {1_250_000, ".", "1.2M"}, {-5, ".", "0"},
	}
	for _, tt := range tests {
		if got := compactCount(tt.n, tt.dec); got != tt.want {
			t.Errorf("compactCount(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

// Every kind icon takes the same cells, so the columns after it line up.
func TestKindIconsKeepTheirWidth(t *testing.T) {
	kinds := append(slices.Clone(core.ItemKinds), "unknown")
	for _, plain := range []bool{false, true} {
		for _, k := range kinds {
			if w := ansi.StringWidth(kindIcon(k, plain)); w != iconWidth {
				t.Errorf("icon of %q (plain %v) is %d cells", k, plain, w)
			}
		}
	}
}

func TestStateMarkPriority(t *testing.T) {
	s := common.NewStyles(common.NoColorPalette())
	tests := []struct {
		state core.ItemState
		needs bool
		want  string
	}{
		{core.StateNew, false, "○"}, {core.StateNew, true, "●"}, {core.StateRead, true, "●"},
		{core.StateRead, false, " "}, {core.StateReplied, true, "✓"}, {core.StateDone, true, "✔"},
		{core.StateHidden, false, "⊘"}, {core.StateSpam, true, "⚠"},
	}
	for _, tt := range tests {
		got, _ := stateMark(core.Item{State: tt.state, NeedsReply: tt.needs}, s)
		if got != tt.want {
			t.Errorf("state %s needs %v: %q, want %q", tt.state, tt.needs, got, tt.want)
		}
	}
}

func TestWrapText(t *testing.T) {
	tests := []struct {
		body  string
		width int
		want  []string
	}{
		{"un deux trois", 7, []string{"un deux", "trois"}},
		{"ligne\n\nautre\n\n", 20, []string{"ligne", "", "autre"}},
		{"a\tb", 10, []string{"a b"}},
		{"日本語のテキスト", 6, []string{"日本語", "のテキ", "スト"}},
	}
	for _, tt := range tests {
		if got := wrapText(tt.body, tt.width); !slices.Equal(got, tt.want) {
			t.Errorf("wrapText(%q, %d) = %q, want %q", tt.body, tt.width, got, tt.want)
		}
	}
}
