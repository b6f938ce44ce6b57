package tui

import (
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/tui/common"
)

// y and o in the panes: a pane says what is selected (common.CopyMsg,
// common.OpenLinkMsg) and the root, which owns the status bar and the
// overlays, copies it through OSC 52, opens it with the local opener, or
// shows it to copy by hand.

// shownLinkWidth is how much of a link the status bar repeats.
const shownLinkWidth = 48

// linkOpenedMsg is the opener's answer.
type linkOpenedMsg struct{ err error }

// onLink handles the panes' copy and open requests and the opener's answer.
func (m *Model) onLink(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.CopyMsg:
		return m.copyToClipboard(msg)
	case common.OpenLinkMsg:
		return m.openLink(msg)
	case linkOpenedMsg:
		if msg.err != nil {
			return m.setFlash(m.ctx.T.T("root.link.open_failed", common.OneLine(msg.err.Error())), true, flashTime)
		}
	}
	return nil
}

// copyToClipboard copies the link, or else the text, and says which.
func (m *Model) copyToClipboard(msg common.CopyMsg) tea.Cmd {
	t := m.ctx.T
	if link := core.SanitizeURL(msg.URL); link != "" {
		return tea.Batch(tea.SetClipboard(link), m.setFlash(t.T("root.link.copied", shortLink(link)), false, flashTime))
	}
	text, cut := common.ClipText(msg.Text)
	if strings.TrimSpace(text) == "" {
		return m.setFlash(t.T("root.link.nothing"), true, flashTime)
	}
	return tea.Batch(tea.SetClipboard(text), m.setFlash(copiedText(t, text, cut), false, flashTime))
}

// copiedText is "Text copied (123 characters)", or says it was cut.
func copiedText(t *i18n.Catalog, text string, cut bool) string {
	n := utf8.RuneCountInString(text)
	if cut {
		return t.T("root.link.copied_cut", n)
	}
	return common.Plural(t, "root.link.copied_text", n)
}

// shortLink is a link cut for the status bar.
func shortLink(link string) string {
	return ansi.Truncate(link, shownLinkWidth, common.Ellipsis)
}

// openLink opens a web or mail link with the local opener, in a Cmd (it
// starts a process); without an opener, or for any other link, it shows
// the link in an overlay to copy.
func (m *Model) openLink(msg common.OpenLinkMsg) tea.Cmd {
	t := m.ctx.T
	shown := core.SanitizeURL(msg.URL)
	if shown == "" {
		return m.setFlash(t.T("root.link.none"), false, flashTime)
	}
	link, web := common.WebLink(msg.URL)
	if open := m.opts.Opener; open != nil && web {
		return tea.Batch(m.setFlash(t.T("root.link.opening", shortLink(link)), false, flashTime),
			func() tea.Msg { return linkOpenedMsg{err: open(link)} })
	}
	m.push(newLinkOverlay(m.ctx, shown, m.opts.Opener != nil))
	return nil
}

// linkOverlay shows a link whole, as plain text on lines of their own,
// so the terminal can select it: the way to take a link from a deck that
// cannot open it (over SSH) or to check where it goes.
type linkOverlay struct {
	ctx     common.Context
	link    string
	refused bool // an opener exists but this is not a web or mail link
	copy    key.Binding
	close   key.Binding
	w, h    int
}

func newLinkOverlay(ctx common.Context, link string, refused bool) *linkOverlay {
	t := ctx.T
	return &linkOverlay{ctx: ctx, link: link, refused: refused,
		copy:  key.NewBinding(key.WithKeys("y"), key.WithHelp("y", t.T("root.link.key.copy"))),
		close: key.NewBinding(key.WithKeys("esc", "enter", "q", "o"), key.WithHelp("esc", t.T("root.link.key.close"))),
	}
}

// Update copies on y and closes on esc (or enter, q, o); it ignores the
// rest, broadcasts included.
func (o *linkOverlay) Update(msg tea.Msg) (Overlay, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	switch {
	case !ok:
	case key.Matches(k, o.copy):
		return o, common.Copy(o.link, "")
	case key.Matches(k, o.close):
		return nil, nil
	}
	return o, nil
}

func (o *linkOverlay) SetSize(w, h int)         { o.w, o.h = w, h }
func (o *linkOverlay) ShortHelp() []key.Binding { return []key.Binding{o.copy, o.close} }

// View is the link between two rules (the second says the keys), the
// whole width of the pane, with nothing else on its lines: selecting it in
// the terminal takes the link alone. A link taller than the pane is cut.
func (o *linkOverlay) View() string {
	if o.w <= 0 || o.h < 3 {
		return ""
	}
	s, t := o.ctx.Styles, o.ctx.T
	var notes []string
	if o.refused {
		notes = common.Wrap(t.T("root.link.not_opened"), o.w)
	}
	room := max(o.h-2-len(notes), 1)
	lines := []string{rule(s, t.T("root.link.title"), o.w)}
	lines = append(lines, common.LinkLines(lipgloss.NewStyle(), o.link, o.w, room, false)...)
	for _, n := range notes {
		lines = append(lines, s.Muted.Render(n))
	}
	lines = append(lines, rule(s, o.hint(), o.w))
	return common.Frame(lines, o.w, min(len(lines), o.h))
}

// hint is "y copy · esc close", also in the help bar: the overlay says
// how to leave it where the eye is.
func (o *linkOverlay) hint() string {
	parts := make([]string, 0, 2)
	for _, b := range o.ShortHelp() {
		parts = append(parts, b.Help().Key+" "+b.Help().Desc)
	}
	return strings.Join(parts, " · ")
}

// rule is a line across w cells, titled when title is not "".
func rule(s *common.Styles, title string, w int) string {
	text := ""
	if title != "" {
		text = "─ " + title + " "
	}
	fill := max(w-lipgloss.Width(text), 0)
	return s.Subtle.Render(common.Fit(text+strings.Repeat("─", fill), w))
}
