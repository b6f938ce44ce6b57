package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/tui/common"
)

// textOverlay shows a text to read (a pipe's output) between two rules,
// wrapped to the pane, scrolled with the list keys; y copies it whole
// (OSC 52), esc closes. The text came from outside: it is sanitized again
// before it is drawn.
type textOverlay struct {
	ctx    common.Context
	title  string
	text   string
	lines  []string // text wrapped to w
	offset int
	keys   textKeys
	w, h   int
}

type textKeys struct{ Down, Up, PageDown, PageUp, Top, Bottom, Copy, Close key.Binding }

func newTextOverlay(ctx common.Context, title, text string) *textOverlay {
	t := ctx.T
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t.T(desc)))
	}
	return &textOverlay{ctx: ctx, title: core.SanitizeLine(title), text: core.Sanitize(text), keys: textKeys{
		Down: b("j/↓", "root.text.key.down", "j", "down"), Up: b("k/↑", "root.text.key.up", "k", "up"),
		PageDown: b("pgdn", "root.text.key.pagedown", "pgdown", "ctrl+d", "space"),
		PageUp:   b("pgup", "root.text.key.pageup", "pgup", "ctrl+u"),
		Top:      b("g", "root.text.key.top", "g", "home"), Bottom: b("G", "root.text.key.bottom", "G", "end"),
		Copy:  b("y", "root.link.key.copy", "y"),
		Close: b("esc", "root.link.key.close", "esc", "q", "enter"),
	}}
}

// Update scrolls, copies or closes; it ignores the rest.
func (o *textOverlay) Update(msg tea.Msg) (Overlay, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return o, nil
	}
	page := max(o.rows(), 1)
	switch {
	case key.Matches(k, o.keys.Close):
		return nil, nil
	case key.Matches(k, o.keys.Copy):
		return o, common.Copy("", o.text)
	case key.Matches(k, o.keys.Down):
		o.scroll(1)
	case key.Matches(k, o.keys.Up):
		o.scroll(-1)
	case key.Matches(k, o.keys.PageDown):
		o.scroll(page)
	case key.Matches(k, o.keys.PageUp):
		o.scroll(-page)
	case key.Matches(k, o.keys.Top):
		o.offset = 0
	case key.Matches(k, o.keys.Bottom):
		o.scroll(len(o.lines))
	}
	return o, nil
}

func (o *textOverlay) scroll(d int) {
	o.offset = max(min(o.offset+d, len(o.lines)-o.rows()), 0)
}

// rows is how many text lines show between the rules.
func (o *textOverlay) rows() int { return max(o.h-2, 1) }

func (o *textOverlay) SetSize(w, h int) {
	o.w, o.h = w, h
	o.lines = nil
	for _, para := range strings.Split(o.text, "\n") {
		if para == "" {
			o.lines = append(o.lines, "")
			continue
		}
		o.lines = append(o.lines, common.Wrap(para, max(w, 1))...)
	}
	o.scroll(0)
}

func (o *textOverlay) ShortHelp() []key.Binding {
	return []key.Binding{o.keys.Down, o.keys.Up, o.keys.PageDown, o.keys.Copy, o.keys.Close}
}

// View is the title rule, the visible lines, and a rule with the keys and
// where the view is when the text is longer than the pane.
func (o *textOverlay) View() string {
	if o.w <= 0 || o.h < 3 {
		return ""
	}
	s := o.ctx.Styles
	lines := []string{rule(s, o.title, o.w)}
	end := min(o.offset+o.rows(), len(o.lines))
	lines = append(lines, o.lines[o.offset:end]...)
	hint := o.keys.Copy.Help().Key + " " + o.keys.Copy.Help().Desc + " · " + o.keys.Close.Help().Key + " " + o.keys.Close.Help().Desc
	if len(o.lines) > o.rows() {
		hint = fmt.Sprintf("%d–%d/%d · ", o.offset+1, end, len(o.lines)) + hint
	}
	lines = append(lines, rule(s, hint, o.w))
	return common.Frame(lines, o.w, min(len(lines), o.h))
}
