package inbox

import (
	"errors"
	"strings"

	"charm.land/lipgloss/v2"

	"cmdeck/i18n"
	"cmdeck/tui/common"
)

// The filter bar (the pane's top line) shows the quick filters with their
// counts and the saved filters, the active one in brackets. The list's
// header under it says what is listed: the filter's name, its query, the
// search, the selection, and the position on the right; or, for a moment,
// a notice (why a key did nothing, a query to fix).

// filterBar is the top line, w cells wide: the quick filters with their
// counts, then the saved filters. Long labels give way to short ones when
// they do not fit.
func (m *Model) filterBar(w int) string {
	tabs := m.quickTabs(false)
	if lipgloss.Width(tabs) > w {
		tabs = m.quickTabs(true)
	}
	if saved := m.savedTabs(); saved != "" {
		tabs += m.styles.Subtle.Render(" │") + saved
	}
	return common.Fit(tabs, w)
}

// quickTabs draws the quick filters, the active one in brackets (so it
// shows without color too).
func (m *Model) quickTabs(short bool) string {
	var b strings.Builder
	for _, q := range quickFilters() {
		text := m.t.T(q.label(short)) + " " + m.countText(m.filter.counts[q])
		active := q == m.filter.quick && m.filter.saved < 0
		b.WriteString(m.tab(text, active))
	}
	return b.String()
}

// savedTabs draws the saved filters' names.
func (m *Model) savedTabs() string {
	var b strings.Builder
	for i, sf := range m.savedFilters() {
		tab := m.tab(flatten(sf.Name), i == m.filter.saved)
		if m.isPin(i) && i != m.filter.saved {
			tab = " " + m.styles.Negative.Render(flatten(sf.Name)) + " " // a crisis stands out
		}
		b.WriteString(tab)
	}
	return b.String()
}

// tab is one tab: "[text]" when active, " text " otherwise.
func (m *Model) tab(text string, active bool) string {
	if active {
		return m.styles.Subtle.Render("[") + m.styles.TabActive.Render(text) + m.styles.Subtle.Render("]")
	}
	return " " + m.styles.TabInactive.Render(text) + " "
}

// countText is a count with its thousands separator, "…" when unknown.
func (m *Model) countText(n int) string {
	if n < 0 {
		return m.t.T("inbox.unknown")
	}
	return groupDigits(n, m.t.T("inbox.thousands_sep"))
}

// header is the list's first line: what is listed (or a notice) on the
// left, the position on the right.
func (m *Model) header(w int) string {
	left := m.description()
	if m.notice.text != "" {
		style := m.styles.Accent
		if m.notice.err {
			style = m.styles.Negative
		}
		left = style.Render(m.notice.text)
	}
	right := m.styles.Muted.Render(m.position())
	space := w - lipgloss.Width(right) - 1
	if right == "" || space < lipgloss.Width(left) {
		return common.Fit(left, w) // the list's state matters more than the number
	}
	return common.Fit(left, space) + " " + right
}

// description says what the list holds: "Needs reply · client:fournil ·
// /croissant · 3 selected", then its state (new items, loading, errors).
func (m *Model) description() string {
	s, t := m.styles, m.t
	f := &m.filter
	name := t.T(quickName(f.quick))
	if saved := m.savedFilters(); f.saved >= 0 && f.saved < len(saved) {
		name = flatten(saved[f.saved].Name)
	}
	sep := s.Muted.Render(" · ")
	left := s.Header.Render(name)
	if f.chip.on() {
		// A chip esc removes: the list shows one alert's items, or one
		// post's comments, only.
		left += sep + s.Warning.Render("["+t.T(f.chip.textKey(), flatten(f.chip.label))+" ✕]")
	}
	if f.query != "" && f.saved < 0 {
		left += sep + s.Info.Render(f.query)
	}
	if f.search != "" {
		left += sep + s.Accent.Render("/"+f.search)
	}
	if f.err != nil {
		left += sep + s.Negative.Render("⚠ "+m.queryErrText(f.err))
	}
	if n := m.sel.count(); n > 0 || m.sel.visual {
		key := "inbox.selected.other"
		if n == 1 || (n == 0 && t.Lang() == i18n.FR) {
			key = "inbox.selected.one" // French counts zero as one
		}
		text := t.T(key, n)
		if m.sel.visual {
			text = t.T("inbox.visual") + " " + text
		}
		left += sep + s.Accent.Render(text)
	}
	if n := len(m.list.fresh); n > 0 {
		left += sep + s.Accent.Render(t.T("inbox.fresh", n))
	}
	switch {
	case m.list.err != nil && len(m.list.win.rows) > 0:
		left += sep + s.Negative.Render("⚠ "+t.T("inbox.err.short"))
	case m.list.busy && m.list.loaded:
		left += s.Muted.Render(" · " + t.T("inbox.loading"))
	}
	return left
}

// quickName is the catalog key naming a quick filter in the header.
func quickName(q quickFilter) string {
	switch q {
	case quickNeedsReply:
		return "inbox.filter.needs_reply"
	case quickUnread:
		return "inbox.filter.unread"
	case quickDone:
		return "inbox.filter.done"
	case quickHidden:
		return "inbox.filter.hidden"
	}
	return "inbox.filter.all"
}

// fieldName is the catalog key of a query field's name in a sentence.
func fieldName(field string) string {
	switch field {
	case fieldClient:
		return "inbox.field.client"
	case fieldAccount:
		return "inbox.field.account"
	case fieldNetwork:
		return "inbox.field.network"
	}
	return "inbox.field.author"
}

// queryErrText words a query mistake with its fix.
func (m *Model) queryErrText(err error) string {
	t := m.t
	var qe *queryError
	if !errors.As(err, &qe) {
		return m.errText(err)
	}
	opts := strings.Join(firstN(qe.Options, 4), ", ")
	v := flatten(qe.Value)
	switch qe.Kind {
	case errUnknownField:
		return t.T("inbox.query.unknown_field", flatten(qe.Field), opts)
	case errBadValue:
		return t.T("inbox.query.bad_value", qe.Field, v, opts)
	case errEmptyValue:
		return t.T("inbox.query.empty_value", qe.Field)
	case errUnclosedQuote:
		return t.T("inbox.query.quote")
	case errAmbiguous:
		return t.T("inbox.query.ambiguous", v, strings.ToLower(firstN(qe.Options, 1)[0]))
	}
	if opts == "" {
		return t.T("inbox.query.unknown_name.none", t.T(fieldName(qe.Field)), v)
	}
	return t.T("inbox.query.unknown_name", t.T(fieldName(qe.Field)), v, opts)
}

// firstN is at most n items of list (never empty: "" stands for none).
func firstN(list []string, n int) []string {
	if len(list) == 0 {
		return []string{""}
	}
	return list[:min(n, len(list))]
}

// emptyText is what an empty list says, and the hint under it.
func (m *Model) emptyText() (title, hint string) {
	t := m.t
	switch {
	case m.filter.narrowed():
		return t.T("inbox.empty.filter"), t.T("inbox.empty.filter.hint")
	case m.filter.quick != quickAll:
		return t.T("inbox.empty.quick"), t.T("inbox.empty.quick.hint")
	}
	return t.T("inbox.empty"), t.T("inbox.empty.hint")
}
