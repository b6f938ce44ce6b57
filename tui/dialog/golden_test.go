package dialog

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"cmdeck/core"
)

// background is a stand-in for the inbox under a dialog.
func background(w, h int) string {
	lines := make([]string, h)
	for i := range lines {
		lines[i] = fmt.Sprintf(" 💬 Le Fournil  insta  @client_%02d  Vos croissants étaient parfaits ce matin, merci ! %dm", i, i*3)
	}
	return strings.Join(lines, "\n")
}

// The dialogs as the CM sees them over the inbox. Run `go test
// ./tui/dialog -update` after an intended change and review testdata/.
func TestGoldenDialogs(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip(err)
	}
	now := time.Date(2026, 11, 24, 9, 15, 0, 0, time.UTC)
	body := "@marie_l on Instagram · Le Fournil\n«Vos croissants étaient rassis ce matin…»"
	tests := []struct {
		name string
		w, h int
		make func() Dialog
		keys []string
	}{
		{"confirm_80x24", 80, 24, func() Dialog {
			return NewConfirm(styles(), en(), "hide", "Hide this comment?", body, true)
		}, nil},
		{"confirm_reason_fr_80x24", 80, 24, func() Dialog {
			return NewConfirm(styles(), fr(), "hide", "Masquer ce commentaire ?", body, true)
		}, typeText("propos injurieux")},
		{"confirm_plain_40x20", 40, 20, func() Dialog {
			return NewConfirm(styles(), en(), "discard", "Discard this reply?", "It was never sent. 東京の店 🎉", false)
		}, nil},
		{"prompt_error_fr_80x24", 80, 24, func() Dialog {
			return NewPrompt(styles(), fr(), "snooze", "Reporter jusqu’à…", "demain 9h, ven. 18h, dans 2h", WhenValidator(fr(), now, loc))
		}, append(typeText("vendredu 18h"), "enter")},
		{"prompt_empty_80x24", 80, 24, func() Dialog {
			return NewPrompt(styles(), en(), "assign", "Assign to", "a name", nil)
		}, nil},
		{"picker_filtered_80x24", 80, 24, func() Dialog {
			return NewPicker(styles(), en(), "tag", "Tag", tagOptions(), true)
		}, append(typeText("c"), "down")},
		{"picker_custom_80x24", 80, 24, func() Dialog {
			return NewPicker(styles(), en(), "tag", "Tag", tagOptions(), true)
		}, typeText("urgent")},
		{"picker_nomatch_80x24", 80, 24, func() Dialog {
			return NewPicker(styles(), en(), "tag", "Tag", tagOptions(), false)
		}, typeText("zzz")},
		{"picker_snooze_fr_80x24", 80, 24, func() Dialog {
			return NewPicker(styles(), fr(), "snooze", "Reporter", SnoozeOptions(fr(), core.SnoozePresets(now, loc), loc), true)
		}, nil},
		{"picker_wide_labels_40x20", 40, 20, func() Dialog {
			return NewPicker(styles(), en(), "reply", "Saved reply", []Option{
				{Label: "Merci 🙏", Hint: "Merci beaucoup pour votre message, {author} !"},
				{Label: "東京の店舗のご案内と営業時間について", Hint: "ja"},
				{Label: "A very long template name that cannot fit in a narrow box", Hint: "long"},
			}, false)
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.make()
			d.SetWidth(tt.w - 4)
			d, _ = press(t, d, tt.keys...)
			out := Place(background(tt.w, tt.h), d.View(), tt.w, tt.h)
			checkSize(t, out, tt.w, tt.h)
			golden.RequireEqual(t, ansi.Strip(out))
		})
	}
}

// However narrow, a dialog's box is never wider than it was told, with
// emoji and CJK in every text and after typing more than fits.
func TestViewWithinWidth(t *testing.T) {
	title, body := "Supprimer 🎉 東京の店の返信？", "長い本文 🎉🎉 with words that wrap, and a very-long-unbreakable-word-here."
	opts := []Option{{Label: "東京の店舗のご案内", Hint: "🎉 hint"}, {Label: "idée 💡", Hint: "idea"}}
	makers := map[string]func() Dialog{
		"confirm": func() Dialog { return NewConfirm(styles(), fr(), "c", title, body, true) },
		"prompt":  func() Dialog { return NewPrompt(styles(), fr(), "p", title, body, nil) },
		"picker":  func() Dialog { return NewPicker(styles(), fr(), "k", title, opts, true) },
	}
	typed := typeText("東京 🎉 a long reason typed on a phone keyboard, longer than the box")
	for name, mk := range makers {
		for _, w := range []int{1, 2, 5, 7, 8, 9, 12, 20, 33, 40, 60, 80, 200} {
			t.Run(fmt.Sprintf("%s/%d", name, w), func(t *testing.T) {
				d := mk()
				d.SetWidth(w)
				checkWidth(t, d.View(), w)
				if name == "confirm" {
					d, _ = press(t, d, "tab")
				}
				d, _ = press(t, d, typed...)
				checkWidth(t, d.View(), w)
			})
		}
	}
	// Never given a width: the default, not zero.
	if v := NewPrompt(styles(), en(), "p", "T", "", nil).View(); v == "" {
		t.Error("no view before SetWidth")
	}
}
