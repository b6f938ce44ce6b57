package calendar

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"cmdeck/i18n"
	"cmdeck/tui/common"
)

// A post its client's crisis mode holds back keeps its place with the
// ⏸ mark in every view, and its details say it is paused and why.
func TestPausedPosts(t *testing.T) {
	pause := func() *fakeSource {
		f := sample()
		for i := range f.posts {
			if f.posts[i].ClientID == 1 && f.posts[i].ScheduledAt.After(now) {
				f.posts[i].Paused = true
			}
		}
		return f
	}
	tests := []struct {
		name string
		lang i18n.Lang
		keys []string
		want []string
	}{
		{"week", i18n.EN, []string{"k"}, []string{"⏸"}},
		{"month", i18n.EN, []string{"m"}, []string{"⏸"}},
		{"agenda", i18n.EN, []string{"a"}, []string{"⏸ paused (scheduled)"}},
		{"details", i18n.EN, []string{"a", "j", "enter"}, []string{"⏸ paused (scheduled)", "paused: its client is in crisis mode"}},
		{"details_fr", i18n.FR, []string{"a", "j", "enter"}, []string{"⏸ en pause (programmé)", "en pause : son client est en mode crise"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newPane(t, pause(), 160, 45, func(c *common.Context) { *c = newCtxWith(*c, tt.lang, false) })
			press(t, m, tt.keys...)
			view := text(m)
			for _, w := range tt.want {
				if !strings.Contains(view, w) {
					t.Errorf("no %q:\n%s", w, view)
				}
			}
			if strings.Contains(view, "◷ Live Q&A") || strings.Contains(view, "◷ PixelForge") {
				t.Errorf("a paused post still shows as scheduled:\n%s", view)
			}
		})
	}
	m := newPane(t, pause(), 80, 21, nil)
	press(t, m, "a", "j", "enter")
	checkSize(t, m.View(), 80, 21)
	golden.RequireEqual(t, []byte(ansi.Strip(m.View())))
}
