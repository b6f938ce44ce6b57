package alerts

import (
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"cmdeck/core"
	"cmdeck/tui/common"
)

// View draws the pane in exactly its size.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	t, s := m.ctx.T, m.ctx.Styles
	lines := []string{m.summary()}
	switch {
	case m.err != nil && !m.loaded:
		lines = append(lines, "", "  "+s.Negative.Render(t.T("panes.alerts.error", m.err)),
			"  "+s.Muted.Render(t.T("panes.error.retry")))
	case !m.loaded:
		lines = append(lines, "", "  "+s.Muted.Render(t.T("panes.loading")))
	case len(m.alerts) == 0:
		lines = append(lines, "", "  "+s.Bold.Render(t.T("panes.alerts.empty")))
		for _, l := range common.Wrap(t.T("panes.alerts.empty_hint"), m.width-4) {
			lines = append(lines, "  "+s.Muted.Render(l))
		}
	default:
		c := m.columns()
		lines = append(lines, m.headings(c))
		m.vp.Clamp(len(m.alerts), m.listHeight())
		end := min(m.vp.Offset+m.listHeight(), len(m.alerts))
		for i := m.vp.Offset; i < end; i++ {
			lines = append(lines, m.row(i, c))
		}
	}
	return common.Frame(lines, m.width, m.height)
}

// summary counts the open alerts, critical ones first.
func (m *Model) summary() string {
	t, s := m.ctx.T, m.ctx.Styles
	if !m.loaded {
		return s.Header.Render(m.Title())
	}
	crit := 0
	for _, a := range m.alerts {
		if a.Severity == core.SeverityCritical {
			crit++
		}
	}
	sep := s.Muted.Render(" · ")
	out := s.Header.Render(common.Plural(t, "panes.alerts.open", len(m.alerts)))
	if crit > 0 {
		out += sep + s.Negative.Render("‼ "+common.Plural(t, "panes.alerts.critical", crit))
	}
	// A failed reload keeps the last data on screen; the error goes first
	// so a narrow screen cuts the counts, not the error.
	if m.err != nil {
		out = s.Negative.Render("⚠ "+t.T("panes.alerts.error", m.err)) + s.Muted.Render(" · ") + out
	}
	return out
}

// columns are the cell widths of a row; the rule title takes what is left.
type columns struct {
	severity, client, title, count, ages int
	labels                               bool
}

func (m *Model) columns() columns {
	w := m.width
	c := columns{severity: 1, labels: m.ctx.Styles.Palette.NoColor || w >= 100}
	if c.labels {
		c.severity = 10
	}
	switch {
	case w >= 100:
		c.client, c.count, c.ages = 20, 14, 15
	case w >= 70:
		c.client, c.count, c.ages = 14, 12, 12
	default:
		c.client, c.count = 10, 4
	}
	used := 2 // the selection prefix
	for _, cw := range []int{c.severity, c.client, c.count, c.ages} {
		if cw > 0 {
			used += cw + 1
		}
	}
	c.title = max(w-used-1, 1)
	return c
}

// headings names the columns above the rows.
func (m *Model) headings(c columns) string {
	t := m.ctx.T
	sev := ""
	if c.labels {
		sev = t.T("panes.alerts.col.severity")
	}
	cells := []string{sev, t.T("panes.alerts.col.client"), t.T("panes.alerts.col.rule"),
		common.FitRight(t.T("panes.alerts.col.items"), c.count), common.FitRight(t.T("panes.alerts.col.when"), c.ages)}
	return m.ctx.Styles.Header.Render("  " + common.Columns(cells, m.widths(c)))
}

func (m *Model) widths(c columns) []int {
	return []int{c.severity, c.client, c.title, c.count, c.ages}
}

// row draws one alert: severity, client, rule, item count, first → last.
func (m *Model) row(i int, c columns) string {
	a := m.alerts[i]
	s, t := m.ctx.Styles, m.ctx.T
	client, ok := m.clients[a.ClientID]
	if !ok {
		client.Name = "–" // the client was removed from the workspace
	}
	count := common.Plural(t, "panes.alerts.items", a.ItemCount)
	if c.count < lipgloss.Width(count) {
		count = common.Compact(a.ItemCount)
	}
	now := m.ctx.Clock.Now()
	ages := common.Age(t, now, a.FirstAt, m.ctx.Loc) + " → " + common.Age(t, now, a.LastAt, m.ctx.Loc)
	cells := []string{
		m.severity(a.Severity, c),
		s.ClientStyle(client.Color).Render(common.Fit(common.OneLine(client.Name), c.client)),
		common.Fit(m.ruleTitle(a), c.title),
		common.FitRight(count, c.count),
		s.Muted.Render(common.FitRight(ages, c.ages)),
	}
	text := "  " + common.Columns(cells, m.widths(c))
	if i == m.cursor {
		// One bar in the selection style; inner resets would break it.
		return s.Selected.Render(common.Fit("› "+ansi.Strip(text)[2:], m.width))
	}
	return text
}

// severity is the alert's mark, with its word when labels are on: states
// are never told by color alone.
func (m *Model) severity(sev core.Severity, c columns) string {
	s := m.ctx.Styles
	var mark string
	style := s.Info
	switch sev {
	case core.SeverityCritical:
		mark, style = "‼", s.Negative.Bold(true)
	case core.SeverityWarning:
		mark, style = "!", s.Warning
	default:
		mark, sev = "i", core.SeverityInfo
	}
	text := mark
	if c.labels {
		text = mark + " " + m.ctx.T.T("panes.alerts.severity."+string(sev))
	}
	return style.Render(common.Fit(text, c.severity))
}

// ruleTitle translates the rules the UI knows ("negative" → "Negative
// messages"); others show the title the engine gave, else the rule's name.
func (m *Model) ruleTitle(a core.Alert) string {
	key := "panes.alerts.rule." + a.Rule
	if txt := m.ctx.T.T(key); a.Rule != "" && txt != key {
		return txt
	}
	if title := common.OneLine(a.Title); title != "" {
		return title
	}
	return common.OneLine(a.Rule)
}
