package postcompose

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"

	"cmdeck/core"
	"cmdeck/tui/common"
	"cmdeck/tui/dialog"
)

// The composer fills its cells like this (a wide screen adds the previews
// in a column on the right):
//
//	New post                                       ← header
//	┃ the text, or the account list, or the
//	┃ previews: whichever field has the keyboard
//	  Accounts  PixelForge Studio: Chirper @pixelforge
//	› When      > demain 9h
//	            → Thursday 13 March 2025, 09:00
//	  Best      Tue 18:00 +35% · Thu 12:00 +12% (38 posts)
//	  Repeat    ‹ none ›
//	  Media     >            photo.png 230 kB
//	  Preview   @pixelforge 45/280 · @dupre 45/500
//	alt+enter schedule · ctrl+s draft · …          ← notice or keys

// fieldLines is the height of the fields under the big area, and
// minWide the width from which previews get a column of their own.
const (
	fieldLines = 7
	minWide    = 120
)

// SetSize gives the composer its cells.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.layout()
}

// geometry is where things go at the current size.
type geometry struct {
	formW, previewW int // previewW 0: previews replace the text when focused
	labelW          int
	bigH            int
}

func (m *Model) geometry() geometry {
	g := geometry{formW: m.width}
	if m.width >= minWide {
		g.previewW = min(m.width*2/5, 64)
		g.formW = m.width - g.previewW - 1
	}
	for _, k := range []string{"accounts", "when", "best", "repeat", "media", "preview"} {
		g.labelW = max(g.labelW, lipgloss.Width(m.t.T("calendar.compose.label."+k)))
	}
	g.labelW += 3                          // the focus mark and a space before, a space after
	g.bigH = max(m.height-fieldLines-2, 1) // the header and the footer
	return g
}

// layout sizes the text fields.
func (m *Model) layout() {
	g := m.geometry()
	m.text.SetWidth(max(g.formW, 1))
	m.text.SetHeight(g.bigH)
	in := max(g.formW-g.labelW-3, 1)
	m.when.SetWidth(in)
	m.mediaIn.SetWidth(max(min(in, 40), 1))
}

// View draws the composer in exactly its size.
func (m *Model) View() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	g := m.geometry()
	lines := []string{m.header(g.formW)}
	lines = append(lines, m.bigArea(g)...)
	lines = append(lines, m.fields(g)...)
	lines = append(lines, m.footer(w))
	if g.previewW > 0 {
		lines = m.besidePreviews(lines, g)
	}
	return common.Frame(lines, w, h)
}

// header is "New post" or "Edit post", with what the save will do.
func (m *Model) header(w int) string {
	title := m.t.T("calendar.compose.title.new")
	if m.editing() {
		title = m.t.T("calendar.compose.title.edit")
	}
	out := m.st.Title.Render(title)
	if m.busy {
		out += m.st.Muted.Render(" · " + m.t.T("calendar.compose.saving"))
	}
	return common.Fit(out, w)
}

// bigArea is the text, the account list or the previews, bigH lines.
func (m *Model) bigArea(g geometry) []string {
	var lines []string
	switch {
	case m.focus == fieldAccounts:
		lines = m.accountList(g.formW, g.bigH)
	case m.focus == fieldPreview && g.previewW == 0:
		lines = m.previewLines(g.formW)
		m.preview = min(m.preview, max(len(lines)-g.bigH, 0))
		lines = lines[m.preview:]
	default:
		lines = common.SplitLines(m.text.View())
	}
	out := make([]string, g.bigH)
	for i := range out {
		if i < len(lines) {
			out[i] = common.Fit(lines[i], g.formW)
		}
	}
	return out
}

// accountList is the accounts under their clients' headings, scrolled to
// the cursor, each with its checkbox.
func (m *Model) accountList(w, h int) []string {
	if len(m.accIdx) == 0 {
		return []string{m.st.Muted.Render(m.t.T("calendar.compose.accounts.empty"))}
	}
	cur := m.accIdx[min(m.accCur, len(m.accIdx)-1)]
	from := cur
	if cur > 0 && m.rows[cur-1].heading {
		from = cur - 1 // the client's heading stays with its first account
	}
	m.accView.Show(from, cur, len(m.rows), h)
	end := min(m.accView.Offset+h, len(m.rows))
	var out []string
	for i := m.accView.Offset; i < end; i++ {
		r := m.rows[i]
		if r.heading {
			out = append(out, m.st.ClientStyle(r.client.Color).Bold(true).Render(common.OneLine(r.client.Name)))
			continue
		}
		box := "[ ]"
		if m.checked[r.account.ID] {
			box = "[x]"
		}
		text := "  " + box + " " + accountLabel(r.account)
		if i == cur {
			out = append(out, m.st.Selected.Render(common.Fit("›"+text[1:], w)))
			continue
		}
		out = append(out, text)
	}
	return out
}

// accountLabel is "Chirper @pixelforge", on one line.
func accountLabel(a core.Account) string {
	return common.OneLine(strings.TrimSpace(a.Network + " " + a.Handle))
}

// fields are the lines under the big area.
func (m *Model) fields(g geometry) []string {
	return []string{
		m.field(g, fieldAccounts, "accounts", m.accountSummary()),
		m.field(g, fieldWhen, "when", m.when.View()),
		strings.Repeat(" ", g.labelW) + m.feedback(),
		m.bestLine(g),
		m.field(g, fieldRepeat, "repeat", m.repeatText()),
		m.field(g, fieldMedia, "media", m.mediaText(g)),
		m.field(g, fieldPreview, "preview", m.counters()),
	}
}

// field is one labelled line, marked when it has the keyboard; a field
// that cannot change (editing) is muted.
func (m *Model) field(g geometry, f field, name, content string) string {
	label := m.t.T("calendar.compose.label." + name)
	mark, style := "  ", m.st.Muted
	if m.focus == f {
		mark, style = "› ", m.st.Title
	}
	if !m.focusable(f) {
		content = m.st.Muted.Render(content)
	}
	return mark + style.Render(common.Fit(label, g.labelW-2)) + content
}

// accountSummary names the ticked accounts, by client.
func (m *Model) accountSummary() string {
	ids := m.Checked()
	if len(ids) == 0 {
		return m.st.Muted.Render(m.t.T("calendar.compose.accounts.none"))
	}
	var parts []string
	var client int64 = -1
	for _, id := range ids {
		r := m.rowOf(id)
		text := accountLabel(r.account)
		if r.client.ID != client {
			client = r.client.ID
			text = m.st.ClientStyle(r.client.Color).Render(common.OneLine(r.client.Name)+":") + " " + text
		}
		parts = append(parts, text)
	}
	return strings.Join(parts, m.st.Muted.Render(", "))
}

// feedback says what the time field reads as, or why it does not.
func (m *Model) feedback() string {
	switch {
	case strings.TrimSpace(m.when.Value()) == "":
		return m.st.Muted.Render(m.t.T("calendar.compose.when.hint"))
	case m.whenErr != nil:
		return m.st.Negative.Render("✗ " + dialog.WhenMessage(m.t, m.whenErr))
	}
	return m.st.Info.Render("→ " + m.longTime(m.parsed))
}

// longTime is "Thursday 13 March 2025, 09:00" in the user's zone.
func (m *Model) longTime(t time.Time) string {
	local := t.In(m.ctx.Loc)
	return m.t.T("calendar.compose.when.at", common.LongDate(m.t, local), local.Year(), local.Format("15:04"))
}

// repeatText is "‹ weekly ›" and what it means for the time typed.
func (m *Model) repeatText() string {
	text := "‹ " + m.t.T("calendar.recur."+recurName(m.recur)) + " ›"
	if m.recur == core.RecurNone || m.parsed.IsZero() {
		return text
	}
	local := m.parsed.In(m.ctx.Loc)
	hint := m.t.T("calendar.compose.repeat.weekly", m.t.T(fmt.Sprintf("panes.common.weekday.%d", int(local.Weekday()))), local.Format("15:04"))
	if m.recur == core.RecurMonthly {
		hint = m.t.T("calendar.compose.repeat.monthly", local.Day(), local.Format("15:04"))
	}
	return text + " " + m.st.Muted.Render(hint)
}

// recurName is the catalog suffix of a recurrence.
func recurName(r core.Recurrence) string {
	if r == core.RecurNone {
		return "none"
	}
	return string(r)
}

// mediaText is the path field, then the files attached.
func (m *Model) mediaText(g geometry) string {
	var files []string
	for _, a := range m.media {
		f := base(a.path)
		if a.size > 0 {
			f += " " + humanBytes(a.size)
		}
		files = append(files, f)
	}
	text := ""
	if !m.editing() {
		text = m.mediaIn.View() + " "
	}
	if len(files) == 0 && m.editing() {
		return m.t.T("calendar.compose.media.nothing")
	}
	return text + m.st.Accent.Render(strings.Join(files, " · "))
}

// footer is the notice, else the keys that work in the focused field.
func (m *Model) footer(w int) string {
	if m.notice.text != "" {
		style := m.st.Info
		if m.notice.bad {
			style = m.st.Negative
		}
		return style.Render(common.Fit(m.notice.text, w))
	}
	return helpLine(m.st, m.ShortHelp())
}

// ShortHelp lists the keys that act in the focused field.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	switch m.focus {
	case fieldAccounts:
		return []key.Binding{k.Toggle, k.Down, k.ScheduleEnter, k.Draft, k.Next, k.Close}
	case fieldWhen:
		return []key.Binding{k.ScheduleEnter, k.Slot, k.Best, k.Draft, k.Next, k.Close}
	case fieldRepeat:
		return []key.Binding{k.Cycle, k.ScheduleEnter, k.Draft, k.Next, k.Close}
	case fieldMedia:
		return []key.Binding{k.AddFile, k.DropFile, k.Draft, k.Next, k.Close}
	case fieldPreview:
		return []key.Binding{k.Down, k.ScheduleEnter, k.Draft, k.Next, k.Close}
	}
	return []key.Binding{k.Schedule, k.Draft, k.Editor, k.Next, k.Close}
}

// helpLine renders bindings as "ctrl+s draft · esc close".
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

// besidePreviews puts the previews in a column right of the form, from
// the line under the header to the one above the footer.
func (m *Model) besidePreviews(lines []string, g geometry) []string {
	preview := m.previewLines(g.previewW - 1)
	sep := m.st.Muted.Render("│")
	for i := 1; i < len(lines)-1; i++ {
		right := ""
		if i-1 < len(preview) {
			right = preview[i-1]
		}
		lines[i] = common.Fit(lines[i], g.formW) + sep + " " + common.Fit(right, g.previewW-1)
	}
	return lines
}
