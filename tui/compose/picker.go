package compose

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/tui/common"
	"cmdeck/tui/dialog"
)

// picker chooses a saved reply, filtered as you type. It is drawn in the
// composer's own rows rather than as a framed dialog: under a thread on an
// 80×24 screen the composer has about seven rows, and a box would leave
// room for a single choice.
type picker struct {
	st    *common.Styles
	t     *i18n.Catalog
	keys  KeyMap
	title string
	tpls  []common.ReplyTemplate
	// previews are the templates as they would be inserted (variables
	// filled in), on one line; a broken template shows as written.
	previews []string
	input    textinput.Model
	rows     []pickRow // the templates that match, best first
	sel      int
	view     common.Viewport
}

// pickRow is one template that matches the filter.
type pickRow struct {
	tpl   int
	hits  []int // rune indexes of the name to highlight
	score int
}

// textPenalty ranks templates that match only by their text after every
// template matching by its name.
const textPenalty = 1 << 20

func newPicker(st *common.Styles, t *i18n.Catalog, keys KeyMap, title string, tpls []common.ReplyTemplate, vars map[string]string) *picker {
	p := &picker{st: st, t: t, keys: keys, title: title, tpls: tpls}
	for _, tpl := range tpls {
		text, err := core.ExpandTemplate(tpl.Text, vars)
		if err != nil {
			text = tpl.Text
		}
		p.previews = append(p.previews, common.OneLine(strings.Join(strings.Fields(text), " ")))
	}
	in := textinput.New()
	in.Prompt = "> "
	in.Placeholder = t.T("compose.picker.placeholder")
	in.CharLimit = 100
	s := in.Styles()
	s.Focused.Prompt, s.Focused.Text = st.Accent, st.App
	s.Focused.Placeholder, s.Blurred.Placeholder = st.Subtle, st.Subtle
	s.Cursor = textinput.CursorStyle{Color: st.Palette.Accent, Shape: tea.CursorBlock, Blink: false}
	in.SetStyles(s)
	in.Focus()
	p.input = in
	p.filter()
	return p
}

// openPicker shows the saved replies for the target's client, or says
// there are none.
func (m *Model) openPicker() {
	tpls := templatesFor(m.ctx.ReplyTemplates, m.target.ClientSlug)
	client := common.OneLine(firstNonEmpty(m.target.ClientName, m.target.ClientSlug))
	if len(tpls) == 0 {
		m.notice = notice{text: m.t.T("compose.picker.none", client)}
		return
	}
	m.notice = notice{}
	m.picker = newPicker(m.st, m.t, m.keys, m.t.T("compose.picker.title", client), tpls, templateVars(m.target))
	m.picker.setWidth(m.width)
}

// updatePicker handles a key while the picker is open: enter inserts the
// chosen reply at the cursor, esc goes back to the text.
func (m *Model) updatePicker(msg tea.KeyPressMsg) tea.Cmd {
	p := m.picker
	switch {
	case key.Matches(msg, m.keys.Pick):
		tpl, ok := p.selected()
		if !ok {
			return nil // nothing matches: stay, so the CM can fix the filter
		}
		m.picker = nil
		m.insertTemplate(tpl)
	case key.Matches(msg, m.keys.PickCancel):
		m.picker = nil
	case key.Matches(msg, m.keys.PickUp):
		p.move(p.sel - 1)
	case key.Matches(msg, m.keys.PickDown):
		p.move(p.sel + 1)
	default:
		return p.update(msg)
	}
	return nil
}

func (p *picker) shortHelp() []key.Binding {
	return []key.Binding{p.keys.PickUp, p.keys.Pick, p.keys.PickCancel}
}

// setWidth fits the filter field: the prompt takes two cells, the cursor one.
func (p *picker) setWidth(w int) { p.input.SetWidth(max(w-3, 1)) }

// update gives input to the filter and filters again when it changed.
func (p *picker) update(msg tea.Msg) tea.Cmd {
	before := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		p.filter()
	}
	return cmd
}

// move puts the cursor on row i, wrapping past either end.
func (p *picker) move(i int) {
	n := len(p.rows)
	if n == 0 {
		return
	}
	p.sel = (i%n + n) % n
}

// selected is the template under the cursor; ok is false when none match.
func (p *picker) selected() (common.ReplyTemplate, bool) {
	if p.sel >= len(p.rows) {
		return common.ReplyTemplate{}, false
	}
	return p.tpls[p.rows[p.sel].tpl], true
}

// filter ranks the templates against the typed text (by name, then by
// the text they would insert) and puts the cursor back on the best.
func (p *picker) filter() {
	q := strings.TrimSpace(p.input.Value())
	p.rows = p.rows[:0]
	for i, tpl := range p.tpls {
		if q == "" {
			p.rows = append(p.rows, pickRow{tpl: i})
			continue
		}
		if s, hits := dialog.Fuzzy(q, common.OneLine(tpl.Name)); s >= 0 {
			p.rows = append(p.rows, pickRow{tpl: i, hits: hits, score: s})
		} else if s, _ := dialog.Fuzzy(q, p.previews[i]); s >= 0 {
			p.rows = append(p.rows, pickRow{tpl: i, score: s - textPenalty})
		}
	}
	slices.SortStableFunc(p.rows, func(a, b pickRow) int { return b.score - a.score })
	p.sel, p.view.Offset = 0, 0
}

// lines draws the picker in w×h cells: title and count, the filter, the
// visible choices, and its keys when there is room.
func (p *picker) lines(w, h int) []string {
	out := []string{p.header(w)}
	if h >= 2 {
		out = append(out, p.input.View())
	}
	rows := h - 2
	if h >= 4 {
		rows-- // the help line
	}
	if rows > 0 {
		if len(p.rows) == 0 {
			out = append(out, p.st.Muted.Render(p.t.T("compose.picker.nomatch")))
		}
		p.view.Show(p.sel, p.sel, len(p.rows), rows)
		end := min(p.view.Offset+rows, len(p.rows))
		for i := p.view.Offset; i < end; i++ {
			out = append(out, p.row(p.rows[i], i == p.sel, w))
		}
	}
	for h >= 4 && len(out) < h-1 {
		out = append(out, "")
	}
	if h >= 4 {
		out = append(out, helpLine(p.st, p.shortHelp()))
	}
	return out
}

// header is the title on the left and "3 of 7" on the right.
func (p *picker) header(w int) string {
	count := p.t.T("compose.picker.count", len(p.rows), len(p.tpls))
	return spread(p.st.Title.Render(p.title), p.st.Muted.Render(count), w)
}

// row is one choice: a cursor mark, the name with its matched letters
// highlighted, and the start of the reply it inserts, muted.
func (p *picker) row(r pickRow, selected bool, w int) string {
	base, hit, muted := p.st.App, p.st.Accent.Bold(true).Underline(true), p.st.Muted
	mark := "  "
	if selected {
		base, hit, muted = p.st.Selected, p.st.Selected.Underline(true), p.st.Selected.Bold(false)
		mark = "› "
	}
	tpl := p.tpls[r.tpl]
	name := common.Fit(common.OneLine(tpl.Name), min(lipgloss.Width(common.OneLine(tpl.Name)), max(w-2, 0)))
	text := base.Render(mark) + highlight(name, r.hits, base, hit)
	used := 2 + lipgloss.Width(name)
	if rest := w - used - 3; rest >= 6 {
		text += base.Render(" · ") + muted.Render(common.Fit(p.previews[r.tpl], rest))
		used = w
	}
	return text + base.Render(strings.Repeat(" ", max(w-used, 0)))
}

// highlight draws name with base, and the runes at the hits indexes with
// hit, one style run at a time.
func highlight(name string, hits []int, base, hit lipgloss.Style) string {
	var b strings.Builder
	var run []rune
	runHit := false
	flush := func() {
		if len(run) == 0 {
			return
		}
		style := base
		if runHit {
			style = hit
		}
		b.WriteString(style.Render(string(run)))
		run = run[:0]
	}
	for i, r := range []rune(name) {
		if h := slices.Contains(hits, i); h != runHit {
			flush()
			runHit = h
		}
		run = append(run, r)
	}
	flush()
	return b.String()
}
