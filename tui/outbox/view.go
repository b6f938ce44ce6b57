package outbox

import (
	"fmt"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/tui/common"
)

// maxWidth keeps rows readable on a wide terminal.
const maxWidth = 120

// minListLines is the least room the list keeps before the selected
// action's details give theirs up.
const minListLines = 3

// boxWidth is the framed box's width for the pane area.
func (m *Model) boxWidth() int { return min(m.width, maxWidth) }

// innerWidth is the room inside the border and padding.
func (m *Model) innerWidth() int { return max(m.boxWidth()-4, 1) }

// dialogWidth is the discard confirmation's width.
func (m *Model) dialogWidth() int { return max(min(m.boxWidth()-4, 64), 10) }

// View draws the framed list with the selected action's details, and the
// discard confirmation over it when one is open. It is never larger than
// the size given.
func (m *Model) View() string {
	room := m.height - 2 // inside the border
	if m.width < 12 || room < 2 {
		return ""
	}
	iw, s := m.innerWidth(), m.ctx.Styles
	listH := room - 1 // under the title
	if m.note != "" && listH > 1 {
		listH--
	}
	details := m.details(iw)
	if listH-len(details) < minListLines {
		details = nil // a short screen shows the list, not the details
	}
	listH -= len(details)
	lines := []string{s.Title.Render(common.Fit(m.title(), iw))}
	lines = append(lines, m.list(iw, listH)...)
	lines = append(lines, details...)
	if m.note != "" && len(lines) < room {
		lines = append(lines, s.Warning.Render(common.Fit(m.note, iw)))
	}
	for i, l := range lines {
		lines[i] = common.Fit(l, iw)
	}
	box := s.Border.Padding(0, 1).Render(strings.Join(lines, "\n"))
	if m.confirm != nil {
		d := m.confirm.View()
		x := max((lipgloss.Width(box)-lipgloss.Width(d))/2, 0)
		y := max((lipgloss.Height(box)-lipgloss.Height(d))/2, 0)
		box = common.PlaceOver(box, d, x, y)
	}
	return box
}

// title is "Outbox · 1 failed · 2 waiting".
func (m *Model) title() string {
	t := m.ctx.T
	parts := []string{t.T("root.outbox.title")}
	failed, waiting := 0, 0
	for _, r := range m.rows {
		switch r.group {
		case groupFailed:
			failed++
		case groupWaiting:
			waiting++
		}
	}
	if failed > 0 {
		parts = append(parts, common.Plural(t, "root.outbox.count_failed", failed))
	}
	if waiting > 0 {
		parts = append(parts, common.Plural(t, "root.outbox.count_waiting", waiting))
	}
	return strings.Join(parts, " · ")
}

// list draws the section headers and rows, scrolled to the cursor, in h
// lines (or the state of the load when there is nothing to list).
func (m *Model) list(iw, h int) []string {
	t, s := m.ctx.T, m.ctx.Styles
	switch {
	case m.err != nil && !m.loaded:
		return []string{s.Negative.Render(t.T("root.outbox.load_error", common.OneLine(m.err.Error())))}
	case !m.loaded:
		return []string{s.Muted.Render(t.T("root.outbox.loading"))}
	case len(m.rows) == 0:
		return []string{s.Muted.Render(t.T("root.outbox.empty"))}
	}
	var all []string
	cursorLine := 0
	for i, r := range m.rows {
		if i == 0 || r.group != m.rows[i-1].group {
			if i > 0 {
				all = append(all, "")
			}
			all = append(all, s.Header.Render(groupTitle(t, r.group)))
		}
		if i == m.cursor {
			cursorLine = len(all)
		}
		all = append(all, m.rowLine(r, i == m.cursor, iw))
	}
	// Keep the section header in view above the first row.
	m.vp.Show(max(cursorLine-1, 0), cursorLine, len(all), h)
	out := m.vp.Window(all, h)
	if m.err != nil {
		out = append(out[:max(len(out)-1, 0)], s.Negative.Render(t.T("root.outbox.load_error", common.OneLine(m.err.Error()))))
	}
	return out
}

// columns are the row's cells' widths for an inner width: mark, kind,
// client, account, excerpt, attempts, age. Narrow screens drop the account,
// then the client, then the attempts, before the excerpt gets too short to
// read (the details under the list still say all of it).
func columns(iw int) []int {
	w := []int{1, 12, 14, 20, 0, 3, 7}
	for _, drop := range []int{3, 2, 5} {
		if fixed(w)+12 <= iw {
			break
		}
		w[drop] = 0
	}
	w[4] = max(iw-fixed(w), 0)
	return w
}

// fixed is the room the sized columns and their separators take.
func fixed(w []int) int {
	n, sum := 0, 0
	for i, x := range w {
		if x > 0 || i == 4 {
			sum += x
			n++
		}
	}
	return sum + n - 1
}

// rowLine draws one action on one line.
func (m *Model) rowLine(r row, selected bool, iw int) string {
	t, s := m.ctx.T, m.ctx.Styles
	account := common.OneLine(r.Network)
	if h := common.OneLine(r.AccountHandle); h != "" {
		account += " " + h
	}
	attempts := ""
	if r.Attempts > 0 {
		attempts = fmt.Sprintf("%d×", r.Attempts)
	}
	cells := []string{
		stateMark(r.State), KindWord(t, r.Kind), common.OneLine(r.ClientName), account,
		common.OneLine(r.ItemExcerpt), attempts, m.when(r),
	}
	line := common.Fit(common.Columns(cells, columns(iw)), iw)
	switch {
	case selected:
		return s.Selected.Render(line)
	case r.State == core.ActionFailed:
		return s.Negative.Render(line)
	case r.group == groupRecent:
		return s.Muted.Render(line)
	}
	return line
}

// details describes the selected action: its state, attempts and times,
// then its last error (or what it is about).
func (m *Model) details(iw int) []string {
	s, t := m.ctx.Styles, m.ctx.T
	r, ok := m.selected()
	if !ok {
		return nil
	}
	rule := s.Subtle.Render(strings.Repeat("─", iw))
	parts := []string{stateMark(r.State) + " " + stateWord(t, r.State)}
	if r.Attempts > 0 {
		parts = append(parts, common.Plural(t, "root.outbox.attempts", r.Attempts))
	}
	parts = append(parts, t.T("root.outbox.created", m.clock(r.CreatedAt)))
	if r.State == core.ActionPending && !r.NotBefore.IsZero() {
		parts = append(parts, t.T("root.outbox.due", m.clock(r.NotBefore)))
	}
	info := s.Muted.Render(common.Fit(strings.Join(parts, " · "), iw))
	var last string
	switch {
	case r.LastError != "":
		last = s.Negative.Render(common.Fit(t.T("root.outbox.error", common.OneLine(r.LastError)), iw))
	case r.Payload != "" && r.Kind == core.ActReply:
		last = common.Fit("↳ "+common.OneLine(r.Payload), iw)
	default:
		last = common.Fit(common.OneLine(r.ItemExcerpt), iw)
	}
	return []string{rule, info, last}
}

// when is how long ago an action was queued, or, for one due later than
// the undo window (a post scheduled for Thursday), how far ahead it is
// due: "now" would read as if it were leaving.
func (m *Model) when(r row) string {
	now := m.ctx.Clock.Now()
	if r.group == groupWaiting && r.NotBefore.Sub(now) >= time.Minute {
		return common.Until(m.ctx.T, now, r.NotBefore, m.ctx.Loc)
	}
	return common.Age(m.ctx.T, now, r.CreatedAt, m.ctx.Loc)
}

// clock shows a time of day in the user's zone, with the date when it is
// not today.
func (m *Model) clock(at time.Time) string {
	if at.IsZero() {
		return "–"
	}
	local := at.In(m.ctx.Loc)
	now := m.ctx.Clock.Now().In(m.ctx.Loc)
	if local.YearDay() == now.YearDay() && local.Year() == now.Year() {
		return local.Format("15:04")
	}
	return common.ShortDate(m.ctx.T, local) + " " + local.Format("15:04")
}

// groupTitle names a section.
func groupTitle(t *i18n.Catalog, g group) string {
	switch g {
	case groupFailed:
		return t.T("root.outbox.group.failed")
	case groupWaiting:
		return t.T("root.outbox.group.waiting")
	}
	return t.T("root.outbox.group.recent")
}

// stateMark is a one-cell symbol, so a state reads without color.
func stateMark(st core.ActionState) string {
	switch st {
	case core.ActionFailed:
		return "✗"
	case core.ActionPending:
		return "⧗"
	case core.ActionClaimed:
		return "↑"
	case core.ActionDone:
		return "✓"
	case core.ActionCancelled:
		return "–"
	}
	return "?"
}

// stateWord names a state.
func stateWord(t *i18n.Catalog, st core.ActionState) string {
	return t.T("root.outbox.state." + string(st))
}

// KindWord names an action kind ("hide" / "masquage"); an unknown kind
// shows as itself. The root's messages about actions use it too.
func KindWord(t *i18n.Catalog, k core.ActionKind) string {
	key := "root.outbox.kind." + string(k)
	if s := t.T(key); s != key {
		return s
	}
	return common.OneLine(string(k))
}
