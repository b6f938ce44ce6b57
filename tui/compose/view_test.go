package compose

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"cmdeck/i18n"
)

// TestViews are golden screens of the composer at the widths it meets: a
// phone over SSH (80) and a laptop (120), in both languages, with the
// picker open and past the limit.
func TestViews(t *testing.T) {
	draft := "Bonjour Jeanne,\nOui, nos croissants sont pur beurre 🥐, et nous sommes ouverts le dimanche de 7h à 13h."
	tests := []struct {
		name  string
		lang  i18n.Lang
		limit int
		draft string
		keys  []string
		w, h  int
	}{
		{name: "empty", lang: i18n.EN, limit: 280, w: 80, h: 7},
		{name: "draft", lang: i18n.EN, limit: 280, draft: draft, w: 80, h: 7},
		{name: "draft", lang: i18n.EN, limit: 280, draft: draft, w: 120, h: 8},
		{name: "draft_fr", lang: i18n.FR, limit: 280, draft: draft, w: 80, h: 7},
		{name: "over", lang: i18n.EN, limit: 60, draft: draft, w: 80, h: 7},
		{name: "over_fr", lang: i18n.FR, limit: 60, draft: draft, w: 120, h: 8},
		{name: "refused", lang: i18n.EN, limit: 60, draft: draft, keys: []string{"ctrl+s"}, w: 80, h: 7},
		{name: "no_limit", lang: i18n.EN, draft: draft, w: 80, h: 7},
		{name: "picker", lang: i18n.EN, limit: 280, keys: []string{"ctrl+t"}, w: 80, h: 7},
		{name: "picker", lang: i18n.FR, limit: 280, keys: []string{"ctrl+t"}, w: 120, h: 8},
		{name: "picker_filtered", lang: i18n.EN, limit: 280, keys: []string{"ctrl+t", "h", "o"}, w: 80, h: 7},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s_%dx%d", tt.name, tt.w, tt.h), func(t *testing.T) {
			m := New(testCtx(tt.lang, tt.limit), target(), thread(), tt.draft)
			m.SetSize(tt.w, tt.h)
			for _, k := range tt.keys {
				m, _ = m.Update(keyMsg(k))
			}
			view := m.View()
			checkSize(t, view, tt.w, tt.h)
			golden.RequireEqual(t, []byte(plain(m)))
		})
	}
}

// TestStyledView keeps the colors: the counter past the limit is drawn in
// the negative color, near it in the warning color.
func TestStyledView(t *testing.T) {
	for _, tt := range []struct {
		name  string
		typed string
	}{{"near", "123456789"}, {"over", "12345678901"}} {
		t.Run(tt.name, func(t *testing.T) {
			m := New(testCtx(i18n.EN, 10), target(), thread(), "")
			m.SetSize(60, 5)
			m.Update(tea.PasteMsg{Content: tt.typed})
			golden.RequireEqual(t, []byte(m.View()))
		})
	}
}
