package alerts

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
	"cmdeck/tui/dialog"
)

// Layout: a header line (what is listed, its counts, or a notice), then
// the list and the selected alert's details: side by side from sideWidth
// cells, else the details under the list, which takes at most two fifths
// of the height. Under minDetail rows there is no room for details.
const (
	sideWidth = 120
	listShare = 55
	minDetail = 8
	// labelsFrom is the list width from which severities and states are
	// written out beside their marks.
	labelsFrom = 100
)

// layout is where the list and the details go.
type layout struct {
	side             bool
	listW, listH     int // the list block, headings included
	detailW, detailH int // 0 = no details
}

func (m *Model) layout() layout {
	w, h := m.width, max(m.height-1, 0)
	switch {
	case w >= sideWidth:
		lw := w * listShare / 100
		return layout{side: true, listW: lw, listH: h, detailW: w - lw - 1, detailH: h}
	case h < minDetail:
		return layout{listW: w, listH: h}
	}
	lh := min(max(1+len(m.list.rows), 3), h*2/5)
	return layout{listW: w, listH: lh, detailW: w, detailH: h - lh - 1}
}

// listRows is how many alerts the list shows under its headings.
func (m *Model) listRows() int { return max(m.layout().listH-1, 0) }

// View draws the pane in exactly its size; an open dialog is drawn over
// the middle.
func (m *Model) View() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := []string{m.header()}
	switch {
	case m.list.err != nil && !m.list.loaded:
		lines = append(lines, m.message(m.ctx.T.T("alerts.error", m.list.err), m.ctx.T.T("panes.error.retry"), true)...)
	case !m.list.loaded:
		lines = append(lines, "", "  "+m.ctx.Styles.Muted.Render(m.ctx.T.T("panes.loading")))
	case len(m.list.rows) == 0:
		lines = append(lines, m.emptyLines()...)
	default:
		lines = append(lines, m.body()...)
	}
	screen := common.Frame(lines, w, h)
	if m.dialog != nil {
		screen = dialog.Place(screen, m.dialog.View(), w, h)
	}
	return screen
}

// body is the list and the details, placed by the layout.
func (m *Model) body() []string {
	lay := m.layout()
	list := fitBlock(m.listLines(lay.listW, lay.listH), lay.listW, lay.listH)
	if lay.detailH <= 0 {
		return list
	}
	details := fitBlock(m.detailLines(lay.detailW, lay.detailH), lay.detailW, lay.detailH)
	if !lay.side {
		rule := m.ctx.Styles.Subtle.Render(strings.Repeat("─", lay.detailW))
		return append(append(list, rule), details...)
	}
	bar := m.ctx.Styles.Subtle.Render("│")
	out := make([]string, len(list))
	for i := range list {
		out[i] = list[i] + bar + details[i]
	}
	return out
}

// fitBlock makes lines exactly w×h: each fitted, missing ones blank.
func fitBlock(lines []string, w, h int) []string {
	out := make([]string, h)
	for i := range out {
		if i < len(lines) {
			out[i] = common.Fit(lines[i], w)
		} else {
			out[i] = strings.Repeat(" ", max(w, 0))
		}
	}
	return out
}

// message is a title and a hint under it, wrapped to the width.
func (m *Model) message(title, hint string, bad bool) []string {
	s := m.ctx.Styles
	style := s.Bold
	if bad {
		style = s.Negative
	}
	lines := []string{"", "  " + style.Render(title)}
	for _, l := range common.Wrap(hint, m.width-4) {
		lines = append(lines, "  "+s.Muted.Render(l))
	}
	return lines
}

// emptyLines say there is nothing to list, and what would be listed.
func (m *Model) emptyLines() []string {
	t := m.ctx.T
	switch {
	case m.history:
		return m.message(t.T("alerts.empty.history"), t.T("alerts.empty.history_hint"), false)
	case m.client != 0:
		return m.message(t.T("alerts.empty.client"), t.T("alerts.empty.client_hint"), false)
	}
	return m.message(t.T("alerts.empty"), t.T("alerts.empty_hint"), false)
}

// header is what is listed and its counts, or the notice of the last key.
func (m *Model) header() string {
	s, t := m.ctx.Styles, m.ctx.T
	if m.notice.text != "" {
		style := s.Info
		if m.notice.bad {
			style = s.Negative
		}
		return style.Render(m.notice.text)
	}
	sep := s.Muted.Render(" · ")
	var parts []string
	if m.list.err != nil && m.list.loaded {
		// A failed reload keeps the last rows; the error goes first so a
		// narrow screen cuts the counts, not the error.
		parts = append(parts, s.Negative.Render("⚠ "+t.T("alerts.error", m.list.err)))
	}
	parts = append(parts, s.Header.Render(m.countText()))
	if crit := m.criticals(); crit > 0 && !m.history {
		parts = append(parts, s.Negative.Bold(true).Render("‼ "+common.Plural(t, "alerts.critical", crit)))
	}
	if m.client != 0 {
		parts = append(parts, s.Accent.Render(t.T("alerts.filter.client", m.filterName())))
	}
	if m.list.loading && m.list.loaded {
		parts = append(parts, s.Muted.Render("↻"))
	}
	return strings.Join(parts, sep)
}

// countText says what the list holds: "3 open alerts", "History · 12
// resolved", "100+" when more pages wait.
func (m *Model) countText() string {
	t := m.ctx.T
	if !m.list.loaded {
		if m.history {
			return t.T("alerts.history")
		}
		return m.Title()
	}
	n := len(m.list.rows)
	key := "alerts.open"
	if m.history {
		key = "alerts.resolved"
	}
	text := common.Plural(t, key, n)
	if m.list.more {
		text = t.T(key+".more", n)
	}
	if m.history {
		text = t.T("alerts.history") + " · " + text
	}
	return text
}

// criticals counts the critical alerts listed.
func (m *Model) criticals() int {
	n := 0
	for _, a := range m.list.rows {
		if a.Severity == core.SeverityCritical {
			n++
		}
	}
	return n
}

// filterName names the client the list is filtered to.
func (m *Model) filterName() string {
	for _, c := range m.clients {
		if c.ID == m.client {
			return common.OneLine(c.Name)
		}
	}
	return "#" + strconv.FormatInt(m.client, 10)
}

// columns are the cell widths of a row; the title takes what is left.
type columns struct {
	mark, client, rule, title, count, age, state int
	labels                                       bool
}

func (m *Model) columns(w int) columns {
	c := columns{mark: 1, count: 5, age: 5, state: 1}
	switch {
	case w >= labelsFrom:
		c.labels = true
		c.mark, c.client, c.rule, c.age, c.state = 10, 18, 18, 12, 11
	case w >= 70:
		c.client, c.rule = 12, 17
	default:
		c.client = 10
	}
	used := 2 // the selection prefix
	for _, cw := range []int{c.mark, c.client, c.rule, c.count, c.age, c.state} {
		if cw > 0 {
			used += cw + 1
		}
	}
	c.title = max(w-used-1, 1)
	return c
}

func (c columns) widths() []int {
	return []int{c.mark, c.client, c.rule, c.title, c.count, c.age, c.state}
}

// listLines are the headings and the visible rows.
func (m *Model) listLines(w, h int) []string {
	c := m.columns(w)
	rows := max(h-1, 0)
	lines := []string{m.headings(c)}
	m.vp.Clamp(len(m.list.rows), rows)
	end := min(m.vp.Offset+rows, len(m.list.rows))
	for i := m.vp.Offset; i < end; i++ {
		lines = append(lines, m.row(i, c, w))
	}
	return lines
}

// headings names the columns above the rows.
func (m *Model) headings(c columns) string {
	t := m.ctx.T
	mark, title := "", t.T("alerts.col.title")
	if c.labels {
		mark = t.T("alerts.col.severity")
	}
	if c.rule == 0 {
		title = t.T("alerts.col.rule")
	}
	when := t.T("alerts.col.last")
	if c.labels {
		when = t.T("alerts.col.when")
	}
	state := ""
	if c.labels {
		state = t.T("alerts.col.state")
	}
	cells := []string{mark, t.T("alerts.col.client"), t.T("alerts.col.rule"), title,
		common.FitRight(t.T("alerts.col.items"), c.count), common.FitRight(when, c.age), state}
	return m.ctx.Styles.Header.Render("  " + common.Columns(cells, c.widths()))
}

// row draws one alert: severity, client, rule, title, items, age, state.
func (m *Model) row(i int, c columns, w int) string {
	a := m.list.rows[i]
	s := m.ctx.Styles
	title := m.alertTitle(a)
	if c.rule == 0 {
		title = joinNonEmpty(" · ", m.ruleTitle(a), title)
	}
	cells := []string{
		m.severity(a.Severity, c.labels),
		s.ClientStyle(a.ClientColor).Render(common.Fit(m.clientName(a), c.client)),
		common.Fit(m.ruleTitle(a), c.rule),
		common.Fit(title, c.title),
		common.FitRight(common.Compact(a.ItemCount), c.count),
		s.Muted.Render(common.FitRight(m.ages(a, c.labels), c.age)),
		m.stateText(a, c.labels),
	}
	text := "  " + common.Columns(cells, c.widths())
	if i == m.cursor {
		return s.CursorLine(text, "›", 2, w)
	}
	return text
}

// ages is "3h → 5m" (first → last item) with labels, else the last only.
func (m *Model) ages(a store.AlertView, long bool) string {
	now := m.ctx.Clock.Now()
	last := common.Age(m.ctx.T, now, a.LastAt, m.ctx.Loc)
	if !long {
		return last
	}
	return common.Age(m.ctx.T, now, a.FirstAt, m.ctx.Loc) + " → " + last
}

// severityMark is a severity's mark and style: the marks differ, so
// severities read the same without color.
func (m *Model) severityMark(sev core.Severity) (string, core.Severity, lipgloss.Style) {
	s := m.ctx.Styles
	switch sev {
	case core.SeverityCritical:
		return "‼", sev, s.Negative.Bold(true)
	case core.SeverityWarning:
		return "!", sev, s.Warning.Bold(true)
	}
	return "·", core.SeverityInfo, s.Info
}

// severity is the alert's mark, with its word when labels are on.
func (m *Model) severity(sev core.Severity, labels bool) string {
	mark, known, style := m.severityMark(sev)
	text := mark
	if labels {
		text = mark + " " + m.ctx.T.T("alerts.severity."+string(known))
	}
	return style.Render(text)
}

// stateText marks an acknowledged (✓), snoozed (◷) or resolved (✔)
// alert, with its word or time when labels are on; an open one has none.
func (m *Model) stateText(a store.AlertView, labels bool) string {
	s, t := m.ctx.Styles, m.ctx.T
	var mark, word string
	switch a.State {
	case store.AlertAcked:
		mark, word = "✓", t.T("alerts.state.acked")
	case store.AlertSnoozed:
		mark, word = "◷", m.when(a.SnoozedUntil)
	case store.AlertResolved:
		mark, word = "✔", common.Age(t, m.ctx.Clock.Now(), a.ResolvedAt, m.ctx.Loc)
	default:
		return ""
	}
	if labels {
		return s.Muted.Render(mark + " " + word)
	}
	return s.Muted.Render(mark)
}

// ruleTitle translates the rules the deck knows ("negative" → "Negative
// messages"); others show the rule's name as configured.
func (m *Model) ruleTitle(a store.AlertView) string {
	if txt, ok := m.knownRule(a.Rule); ok {
		return txt
	}
	if r := common.OneLine(a.Rule); r != "" {
		return r
	}
	return common.OneLine(a.Title)
}

// knownRule is the translation of a rule the deck knows.
func (m *Model) knownRule(rule string) (string, bool) {
	key := "alerts.rule." + rule
	if txt := m.ctx.T.T(key); rule != "" && txt != key {
		return txt, true
	}
	return "", false
}

// alertTitle is what the alert is about. The rules title their alerts
// with data, "rule — client: detail" (a delay, a rate, a handle): the
// rule and the client have their columns, so the detail is kept, then
// the newest matching item's first line. A title of another form is a
// person's words and is shown as is, unless it is the deck's own rule's.
func (m *Model) alertTitle(a store.AlertView) string {
	excerpt := common.OneLine(a.Excerpt)
	if excerpt != "" {
		excerpt = "“" + excerpt + "”"
	}
	title := common.OneLine(a.Title)
	if detail, ok := titleDetail(a.Rule, a.ClientSlug, title); ok {
		return joinNonEmpty(" · ", detail, excerpt)
	}
	if _, known := m.knownRule(a.Rule); known || title == "" || title == common.OneLine(a.Rule) {
		return excerpt
	}
	return title
}

// titleDetail is what follows "rule — client" in a title of that form
// ("" when nothing does); ok is false for a title of another form.
func titleDetail(rule, client, title string) (string, bool) {
	prefix := common.OneLine(rule) + " — " + common.OneLine(client)
	rest, ok := strings.CutPrefix(title, prefix)
	if !ok || (rest != "" && !strings.HasPrefix(rest, ":")) {
		return "", false
	}
	return strings.TrimSpace(strings.TrimPrefix(rest, ":")), true
}

// joinNonEmpty joins the parts that are not empty.
func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
