package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"cmdeck/tui/common"
)

// chrome is the rows the deck itself takes: the tab bar on top, the status
// bar and the help bar at the bottom. The focused pane gets the rest.
const chrome = 3

// resize gives every pane the space left by the chrome, and the overlays
// the same space.
func (m *Model) resize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	bw, bh := m.bodySize()
	for _, p := range m.panes {
		p.SetSize(bw, bh)
	}
	for _, o := range m.overlays {
		o.SetSize(bw, bh)
	}
}

func (m *Model) bodySize() (int, int) { return m.width, max(m.height-chrome-m.bannerRows(), 0) }

// View draws the whole deck in exactly the terminal's size, in the
// alternate screen, with the window titled.
func (m *Model) View() tea.View {
	content := ""
	if !m.waiting() {
		content = m.render()
	}
	v := tea.NewView(content)
	v.AltScreen = true
	v.WindowTitle = "cmdeck"
	return v
}

// render stacks the tab bar, the crisis banner (while a client is in
// crisis), the focused pane (under the top overlay, if any), the status
// bar and the help bar.
func (m *Model) render() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	bw, bh := m.bodySize()
	body := m.panes[m.focus].View()
	if body == "" || bh == 0 {
		body = common.Frame(nil, bw, bh)
	}
	if n := len(m.overlays); n > 0 && bh > 0 {
		top := m.overlays[n-1]
		box := top.View()
		x := max((bw-lipgloss.Width(box))/2, 0)
		y := max((bh-lipgloss.Height(box))/2, 0)
		if _, ok := top.(bottomAnchored); ok {
			x, y = 0, max(bh-lipgloss.Height(box), 0)
		}
		box, x = coverSlivers(box, x, bw)
		body = common.PlaceOver(body, box, x, y)
	}
	lines := []string{m.header()}
	if m.bannerRows() > 0 {
		lines = append(lines, m.banner())
	}
	lines = append(lines, common.SplitLines(body)...)
	lines = append(lines, m.statusBar(), m.helpBar())
	return common.Frame(lines, m.width, m.height)
}

// minMargin is the narrowest strip of the pane an overlay leaves showing
// beside it: a narrower one is a column of cut words that reads as
// garbage, so it is blanked.
const minMargin = 4

// coverSlivers widens box with blanks over a strip of the pane narrower
// than minMargin on either side of it (x is its column in a body bw
// wide), and returns it with its new column.
func coverSlivers(box string, x, bw int) (string, int) {
	left, right := x, bw-x-lipgloss.Width(box)
	if left >= minMargin {
		left = 0
	}
	if right >= minMargin || right < 0 {
		right = 0
	}
	if left == 0 && right == 0 {
		return box, x
	}
	lines := common.SplitLines(box)
	for i, l := range lines {
		lines[i] = strings.Repeat(" ", left) + l + strings.Repeat(" ", right)
	}
	return strings.Join(lines, "\n"), x - left
}

// header is the tab bar: "cmdeck · [1 Inbox] 2 Calendar …" on the left,
// the workspace and client count on the right. It gives up the right side,
// then the inactive tabs' names, before it lets anything wrap.
func (m *Model) header() string {
	s := m.ctx.Styles
	brand := s.Title.Render("cmdeck") + s.Muted.Render(" · ")
	right := s.Muted.Render(m.workspaceInfo())
	for _, full := range []bool{true, false} {
		tabs := brand + m.tabs(full)
		if lipgloss.Width(tabs)+1+lipgloss.Width(right) <= m.width {
			gap := m.width - lipgloss.Width(tabs) - lipgloss.Width(right)
			return tabs + strings.Repeat(" ", gap) + right
		}
		if lipgloss.Width(tabs) <= m.width {
			return tabs
		}
	}
	return brand + m.tabs(false)
}

// tabs draws the tab labels; the active one is bracketed and styled, so it
// shows without color too. With full false, inactive tabs keep only their
// number.
func (m *Model) tabs(full bool) string {
	s := m.ctx.Styles
	parts := make([]string, len(m.panes))
	for i, p := range m.panes {
		label := string(rune('1'+i)) + " " + common.OneLine(p.Title())
		if i == m.focus {
			parts[i] = s.TabActive.Render("[" + label + "]")
			continue
		}
		if !full {
			label = string(rune('1' + i))
		}
		parts[i] = s.TabInactive.Render(" " + label + " ")
	}
	return strings.Join(parts, "")
}

// workspaceInfo is "demo · 3 clients" or "agence.yaml · 5 clients".
func (m *Model) workspaceInfo() string {
	t := m.ctx.T
	name := common.OneLine(m.opts.Workspace)
	if m.opts.Demo && name == "" {
		name = t.T("root.status.demo")
	}
	if !m.status.loaded {
		return name
	}
	clients := common.Plural(t, "root.header.clients", m.status.clients)
	if name == "" {
		return clients
	}
	return name + " · " + clients
}

// helpBar is one line: the focused pane's keys, then the global ones.
// When they don't fit, the global ones go first from the end, then the
// pane's, but the command line and help keys stay: from them, everything
// else can be found.
func (m *Model) helpBar() string {
	s := m.ctx.Styles
	h := help.New()
	h.SetWidth(m.width)
	h.Styles = help.Styles{
		ShortKey: s.HelpKey, ShortDesc: s.HelpDesc, ShortSeparator: s.Subtle, Ellipsis: s.Subtle,
		FullKey: s.HelpKey, FullDesc: s.HelpDesc, FullSeparator: s.Subtle,
	}
	if n := len(m.overlays); n > 0 {
		return h.ShortHelpView(m.overlays[n-1].ShortHelp())
	}
	pane := slices.Clone(m.panes[m.focus].ShortHelp())
	global := m.keys.global.ShortHelp()
	const kept = 2 // Command and Help lead the global list
	fits := func(bs []key.Binding) bool {
		wide := help.New()
		wide.SetWidth(0) // no truncation: measure the whole line
		wide.Styles = h.Styles
		return lipgloss.Width(wide.ShortHelpView(bs)) <= m.width
	}
	for !fits(append(slices.Clone(pane), global...)) {
		switch {
		case len(global) > kept:
			global = global[:len(global)-1]
		case len(pane) > 0:
			pane = pane[:len(pane)-1]
		default:
			return h.ShortHelpView(global)
		}
	}
	return h.ShortHelpView(append(pane, global...))
}
