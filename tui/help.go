package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"cmdeck/tui/common"
)

// helpRow is one binding in the ? overlay: its keys, what it does, and the
// action name config's keys: section rebinds it with.
type helpRow struct{ keys, desc, action string }

// helpSection is one titled group of rows (global, then the focused pane).
type helpSection struct {
	title string
	rows  []helpRow
}

// helpOverlay lists the keys actually bound, in columns when they fit,
// scrolling when they don't.
type helpOverlay struct {
	ctx      common.Context
	title    string
	sections []helpSection
	close    key.Binding // closes the overlay (the help key, esc, q)
	scroll   key.Binding // for the help bar only: j/k and pages scroll
	names    bool        // the user asked for the action names (n), even if it scrolls
	width    int
	height   int
	offset   int
}

// openHelp opens the overlay for the focused pane.
func (m *Model) openHelp() {
	g := m.keys.global
	sections := []helpSection{
		buildSection(m.ctx.T.T("root.help.global"), g.FullHelp(), m.actions[0]),
		buildSection(m.panes[m.focus].Title(), m.panes[m.focus].FullHelp(), m.actions[m.focus+1]),
	}
	closeKeys := append(slices.Clone(g.Help.Keys()), "esc", "q")
	t := m.ctx.T
	m.push(&helpOverlay{
		ctx:      m.ctx,
		title:    t.T("root.help.title"),
		sections: sections,
		close: key.NewBinding(key.WithKeys(closeKeys...),
			key.WithHelp(strings.Join(append(slices.Clone(g.Help.Keys()), "esc"), "/"), t.T("root.help.close"))),
		scroll: key.NewBinding(key.WithKeys("j", "k", "down", "up", "pgdown", "pgup"),
			key.WithHelp("j/k", t.T("root.help.scroll_key"))),
	})
}

// buildSection flattens a FullHelp into rows, skipping disabled bindings and
// naming each from its scope's action map. An action with no key but a
// command (":silence") is listed under its command.
func buildSection(title string, groups [][]key.Binding, s scope) helpSection {
	sec := helpSection{title: common.OneLine(title)}
	for _, g := range groups {
		for _, b := range g {
			if !shown(b) {
				continue
			}
			sec.rows = append(sec.rows, helpRow{b.Help().Key, b.Help().Desc, actionName(b, s)})
		}
	}
	return sec
}

// shown reports whether the ? overlay lists b: a live binding, or a
// command-only action.
func shown(b key.Binding) bool {
	if len(b.Keys()) == 0 {
		return strings.HasPrefix(b.Help().Key, ":")
	}
	return b.Enabled()
}

// actionName finds which action of the scope b is (FullHelp hands out
// copies, so match on keys and help rather than on identity).
func actionName(b key.Binding, s scope) string {
	for _, a := range sortedActions(s.actions) {
		c := s.actions[a]
		if c.Help() == b.Help() && slices.Equal(c.Keys(), b.Keys()) {
			return s.name + "." + a
		}
	}
	return ""
}

// ShortHelp shows how to close, and how to scroll when there is more.
func (h *helpOverlay) ShortHelp() []key.Binding {
	if h.lines() > h.visible() {
		return []key.Binding{h.close, h.scroll}
	}
	return []key.Binding{h.close}
}

// SetSize gives the overlay the pane area.
func (h *helpOverlay) SetSize(w, hgt int) {
	h.width, h.height = w, hgt
	h.clampScroll()
}

// Update closes on the help key, esc or q, and scrolls with j/k and pages.
func (h *helpOverlay) Update(msg tea.Msg) (Overlay, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return h, nil
	}
	if key.Matches(k, h.close) {
		return nil, nil
	}
	switch k.String() {
	case "j", "down":
		h.offset++
	case "k", "up":
		h.offset--
	case "pgdown", "space", "ctrl+d":
		h.offset += max(h.visible()-1, 1)
	case "pgup", "ctrl+u":
		h.offset -= max(h.visible()-1, 1)
	case "g", "home":
		h.offset = 0
	case "G", "end":
		h.offset = h.lines()
	case "n":
		h.names = !h.names
		h.offset = 0
	}
	h.clampScroll()
	return h, nil
}

// lines counts the content lines of the current layout.
func (h *helpOverlay) lines() int {
	c, _ := h.content()
	return len(c)
}

func (h *helpOverlay) clampScroll() {
	h.offset = min(h.offset, max(h.lines()-h.visible(), 0))
	h.offset = max(h.offset, 0)
}

// innerWidth is the room inside the border and padding.
func (h *helpOverlay) innerWidth() int { return max(h.width-4, 1) }

// visible is how many content lines fit between the title and the footer.
func (h *helpOverlay) visible() int { return max(h.height-4, 1) }

// View draws the box: title, the visible part of the content, a footer
// saying how to close and whether there is more.
func (h *helpOverlay) View() string {
	if h.width < 8 || h.height < 5 {
		return ""
	}
	s, t := h.ctx.Styles, h.ctx.T
	h.clampScroll()
	content, names := h.content()
	vis := content[h.offset:min(h.offset+h.visible(), len(content))]
	footer := h.close.Help().Key + " " + h.close.Help().Desc
	if !names {
		footer += " · " + t.T("root.help.names")
	}
	if len(content) > len(vis) {
		footer += " · " + t.T("root.help.scroll", h.offset+1, h.offset+len(vis), len(content))
	}
	iw := lipgloss.Width(h.title)
	for _, l := range append(slices.Clone(vis), footer) {
		iw = max(iw, lipgloss.Width(l))
	}
	iw = min(iw, h.innerWidth())
	lines := []string{s.Title.Render(common.Fit(h.title, iw))}
	for _, l := range vis {
		lines = append(lines, common.Fit(l, iw))
	}
	lines = append(lines, s.Muted.Render(common.Fit(footer, iw)))
	return s.Border.Padding(0, 1).Render(strings.Join(lines, "\n"))
}

// helpLayout is one way to lay the sections out: with or without the
// action-name column, side by side or stacked.
type helpLayout struct{ names, side bool }

// content picks the first layout that fits the box without scrolling, in
// order of preference (action names shown, side by side); when none does,
// the first one that fits the width, scrolled. names says whether the
// chosen layout shows the action names.
func (h *helpOverlay) content() (lines []string, names bool) {
	layouts := []helpLayout{{true, true}, {true, false}, {false, true}, {false, false}}
	if h.names {
		layouts = layouts[:2]
	}
	var fallback []string
	fallbackNames := false
	for _, l := range layouts {
		out, fits := h.arrange(l)
		if !fits {
			continue
		}
		if len(out) <= h.visible() {
			return out, l.names
		}
		if fallback == nil {
			fallback, fallbackNames = out, l.names
		}
	}
	if fallback != nil {
		return fallback, fallbackNames
	}
	out, _ := h.arrange(helpLayout{})
	return out, false
}

// arrange lays the sections out one way; fits says whether it fits the
// box's width.
func (h *helpOverlay) arrange(l helpLayout) (lines []string, fits bool) {
	blocks := make([][]string, len(h.sections))
	total, widest := 3*(len(blocks)-1), 0
	for i, sec := range h.sections {
		blocks[i] = h.renderSection(sec, l.names)
		total += blockWidth(blocks[i])
		widest = max(widest, blockWidth(blocks[i]))
	}
	if l.side {
		return sideBySide(blocks, 3), total <= h.innerWidth()
	}
	for i, b := range blocks {
		if i > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, b...)
	}
	return lines, widest <= h.innerWidth()
}

// renderSection draws a title and aligned rows: keys, description and,
// when names is set, the action name.
func (h *helpOverlay) renderSection(sec helpSection, names bool) []string {
	s := h.ctx.Styles
	kw, dw := 0, 0
	for _, r := range sec.rows {
		kw, dw = max(kw, lipgloss.Width(r.keys)), max(dw, lipgloss.Width(r.desc))
	}
	out := []string{s.Header.Render(sec.title)}
	for _, r := range sec.rows {
		line := s.HelpKey.Render(common.Fit(r.keys, kw)) + "  " + s.HelpDesc.Render(common.Fit(r.desc, dw))
		if names && r.action != "" {
			line += "  " + s.Subtle.Render(r.action)
		}
		out = append(out, line)
	}
	return out
}

func blockWidth(lines []string) int {
	w := 0
	for _, l := range lines {
		w = max(w, lipgloss.Width(l))
	}
	return w
}

// sideBySide joins blocks of lines into columns gap cells apart.
func sideBySide(blocks [][]string, gap int) []string {
	rows := 0
	for _, b := range blocks {
		rows = max(rows, len(b))
	}
	out := make([]string, rows)
	for i := range out {
		var sb strings.Builder
		for j, b := range blocks {
			cell := ""
			if i < len(b) {
				cell = b[i]
			}
			if j < len(blocks)-1 {
				sb.WriteString(common.Fit(cell, blockWidth(b)+gap))
			} else {
				sb.WriteString(cell)
			}
		}
		out[i] = sb.String()
	}
	return out
}
