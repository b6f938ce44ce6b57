package dialog

import (
	"cmdeck/tui/tuitest"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"cmdeck/i18n"
	"cmdeck/tui/common"
)

func styles() *common.Styles { return common.NewStyles(common.DefaultPalette(true)) }

func en() *i18n.Catalog { return i18n.New(i18n.EN) }
func fr() *i18n.Catalog { return i18n.New(i18n.FR) }

// keyMsg is a key press by name (tuitest.Key).
func keyMsg(k string) tea.KeyPressMsg { return tuitest.Key(k) }

// typeText is the key presses that type s, one rune each.
func typeText(s string) []string {
	var out []string
	for _, r := range s {
		if r == ' ' {
			out = append(out, "space")
		} else {
			out = append(out, string(r))
		}
	}
	return out
}

// press feeds keys to d until it closes; it returns the dialog (nil once
// closed) and the result message, if one came.
func press(t *testing.T, d Dialog, keys ...string) (Dialog, tea.Msg) {
	t.Helper()
	for i, k := range keys {
		if d == nil {
			t.Fatalf("key %q (#%d) sent to a closed dialog", k, i)
		}
		var cmd tea.Cmd
		d, cmd = d.Update(keyMsg(k))
		if res := resultOf(cmd); res != nil {
			if d != nil {
				t.Fatalf("a result (%#v) but the dialog stays open", res)
			}
			if i != len(keys)-1 {
				t.Fatalf("closed after key %q with keys left: %v", k, keys[i+1:])
			}
			return nil, res
		}
		if d == nil {
			t.Fatalf("closed after key %q without a result", k)
		}
	}
	return d, nil
}

// resultOf runs cmd (and the commands of a batch) and returns the first
// dialog result among their messages.
func resultOf(cmd tea.Cmd) tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case ConfirmResult, PromptResult, PickerResult:
		return msg
	case tea.BatchMsg:
		for _, c := range msg {
			if r := resultOf(c); r != nil {
				return r
			}
		}
	}
	return nil
}

// checkWidth fails when a line of view is wider than w.
func checkWidth(t *testing.T, view string, w int) {
	t.Helper()
	for i, l := range strings.Split(view, "\n") {
		if got := lipgloss.Width(l); got > w {
			t.Fatalf("line %d is %d cells, more than %d:\n%s", i, got, w, ansi.Strip(view))
		}
	}
}

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
