package compose

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"

	"cmdeck/i18n"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// SetSize gives the composer its cells. About seven rows suit an 80×24
// screen: the header, five rows of text, the footer.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = max(width, 0), max(height, 0)
	m.area.SetWidth(max(m.width, 1))
	m.area.SetHeight(max(areaRows(m.height), 1))
	if m.picker != nil {
		m.picker.setWidth(m.width)
	}
}

// areaRows is how many rows of text fit in h: all but the header and, from
// four rows up, the footer.
func areaRows(h int) int {
	if h >= 4 {
		return h - 2
	}
	return h - 1
}

// View draws the composer in exactly the size last given to SetSize.
func (m *Model) View() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	if m.picker != nil {
		return common.Frame(m.picker.lines(w, h), w, h)
	}
	lines := []string{m.header(w)}
	if rows := areaRows(h); rows > 0 {
		area := common.SplitLines(m.area.View())
		for i := range rows {
			l := ""
			if i < len(area) {
				l = area[i]
			}
			lines = append(lines, l)
		}
	}
	if h >= 4 {
		lines = append(lines, m.footer())
	}
	return common.Frame(lines, w, h)
}

// header is "Reply to @handle on Chirper · Client" on the left and the
// counter on the right.
func (m *Model) header(w int) string {
	title := m.st.Title.Render(headerText(m.t, m.target))
	if client := common.OneLine(firstNonEmpty(m.target.ClientName, m.target.ClientSlug)); client != "" {
		title += m.st.Muted.Render(" · ") + m.st.ClientStyle(m.target.ClientColor).Render(client)
	}
	return spread(title, m.counter(), w)
}

// headerText is "Reply to @handle on Chirper" (without the network when
// it is unknown).
func headerText(t *i18n.Catalog, target store.ItemView) string {
	a := target.Author
	who := common.OneLine(firstNonEmpty(a.Handle, a.Name))
	if who == "" {
		who = t.T("compose.header.someone")
	}
	if network := common.OneLine(target.Network); network != "" {
		return t.T("compose.header", who, network)
	}
	return t.T("compose.header.nonet", who)
}

// counter is "123/280" against the limit (just "123" without one): muted,
// in the warning color near the limit, negative past it.
func (m *Model) counter() string {
	n := Count(strings.TrimSpace(m.Value()))
	if m.limit <= 0 {
		return m.st.Muted.Render(m.t.T("compose.counter", n))
	}
	text := m.t.T("compose.counter.limit", n, m.limit)
	switch levelOf(n, m.limit) {
	case levelOver:
		return m.st.Negative.Bold(true).Render(text)
	case levelNear:
		return m.st.Warning.Render(text)
	}
	return m.st.Muted.Render(text)
}

// level is how a length stands against the limit.
type level int

const (
	levelOK   level = iota
	levelNear       // in the last tenth before the limit
	levelOver       // past it: sending is refused
)

// levelOf places n characters against limit (0 = none: always OK).
func levelOf(n, limit int) level {
	switch {
	case limit <= 0:
		return levelOK
	case n > limit:
		return levelOver
	case n >= limit-max(limit/10, 1):
		return levelNear
	}
	return levelOK
}

// footer is a notice when there is one, else what is wrong with the text
// (past the limit), else the keys.
func (m *Model) footer() string {
	if m.notice.text != "" {
		if m.notice.bad {
			return m.st.Negative.Render(m.notice.text)
		}
		return m.st.Info.Render(m.notice.text)
	}
	if over := m.over(strings.TrimSpace(m.Value())); over > 0 {
		network := common.OneLine(firstNonEmpty(m.target.Network, m.target.Provider))
		return m.st.Negative.Render(m.t.T("compose.over.hint", m.overText(over), network, m.limit))
	}
	return helpLine(m.st, m.ShortHelp())
}

// overText is "12 characters too many".
func (m *Model) overText(n int) string { return common.Plural(m.t, "compose.over", n) }

// spread puts left and right on one line of w cells, cutting left first.
func spread(left, right string, w int) string {
	rw := lipgloss.Width(right)
	if rw+1 >= w {
		return common.Fit(right, w)
	}
	return common.Fit(left, w-rw-1) + " " + right
}

// helpLine renders bindings as "ctrl+s send · esc keep draft", in the help
// bar's styles.
func helpLine(st *common.Styles, bindings []key.Binding) string {
	var parts []string
	for _, b := range bindings {
		if !b.Enabled() {
			continue
		}
		h := b.Help()
		parts = append(parts, st.HelpKey.Render(h.Key)+" "+st.HelpDesc.Render(h.Desc))
	}
	return strings.Join(parts, st.Muted.Render(" · "))
}
