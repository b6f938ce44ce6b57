package dialog

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/tui/common"
)

// Picker chooses one option from a list filtered as you type (Fuzzy on the
// label, then on the hint; best first, matched letters highlighted).
// ↑/↓, ctrl+p/ctrl+n, shift+tab/tab move; enter picks; esc cancels. With
// allowCustom, the typed text is offered after the matches (alone when
// nothing matches) and comes back as Custom.
type Picker struct {
	st          *common.Styles
	t           *i18n.Catalog
	id          string
	title       string
	opts        []Option
	labels      []string // the options' labels on one line, as shown and matched
	allowCustom bool
	input       textinput.Model
	rows        []pickRow // the options that match, best first
	sel         int
	view        common.Viewport
	maxRows     int
	width       int
	keys        pickerKeys
}

// pickRow is one visible choice: an option, or the typed text (opt -1).
type pickRow struct {
	opt   int
	hits  []int // rune indexes of the label to highlight
	score int
}

type pickerKeys struct{ Up, Down, PageUp, PageDown, Pick, Cancel key.Binding }

// defaultRows is how many choices show at once: the box stays under 16
// lines, so it fits over a pane on an 80×24 phone screen.
const defaultRows = 8

// hintPenalty puts options that match only by their hint after every
// option matching by its label.
const hintPenalty = 1 << 20

// NewPicker opens a picker over opts; id comes back in its PickerResult.
func NewPicker(st *common.Styles, t *i18n.Catalog, id, title string, opts []Option, allowCustom bool) *Picker {
	p := &Picker{st: st, t: t, id: id, title: title, opts: slices.Clone(opts), allowCustom: allowCustom, maxRows: defaultRows}
	p.keys = pickerKeys{
		Up:       binding(t, []string{"up", "ctrl+p", "shift+tab"}, "↑/↓", "dialog.help.move"),
		Down:     binding(t, []string{"down", "ctrl+n", "tab"}, "↓", "dialog.help.move"),
		PageUp:   key.NewBinding(key.WithKeys("pgup")),
		PageDown: key.NewBinding(key.WithKeys("pgdown")),
		Pick:     binding(t, []string{"enter"}, keyName(t, "enter"), "dialog.help.pick"),
		Cancel:   binding(t, []string{"esc"}, keyName(t, "esc"), "dialog.help.cancel"),
	}
	for _, o := range p.opts {
		p.labels = append(p.labels, common.OneLine(o.Label))
	}
	p.input = newInput(st, t.T("dialog.picker.placeholder"))
	p.SetWidth(0)
	p.filter()
	return p
}

// SetWidth caps the box's width.
func (p *Picker) SetWidth(w int) {
	p.width = boxWidth(w, defaultWidth)
	sizeInput(&p.input, innerWidth(p.width))
}

// SetHeight caps the box's height (at least one choice is always shown).
func (p *Picker) SetHeight(h int) {
	p.maxRows = max(min(h-6, defaultRows), 1) // border, header, field, blank, help
	p.follow()
}

// SetQuery types text into the filter, as if the CM had typed it.
func (p *Picker) SetQuery(s string) {
	p.input.SetValue(s)
	p.input.CursorEnd()
	p.filter()
}

// Query is the filter text typed so far.
func (p *Picker) Query() string { return p.input.Value() }

// Matches is how many options match the filter.
func (p *Picker) Matches() int {
	n := 0
	for _, r := range p.rows {
		if r.opt >= 0 {
			n++
		}
	}
	return n
}

// Selected is the option under the cursor; ok is false when the cursor is
// on the typed text or nothing matches.
func (p *Picker) Selected() (Option, bool) {
	if p.sel >= len(p.rows) || p.rows[p.sel].opt < 0 {
		return Option{}, false
	}
	return p.opts[p.rows[p.sel].opt], true
}

// ShortHelp lists the picker's keys, for a help bar.
func (p *Picker) ShortHelp() []key.Binding {
	return []key.Binding{p.keys.Up, p.keys.Pick, p.keys.Cancel}
}

// Update handles a key or a paste; it returns nil once answered.
func (p *Picker) Update(msg tea.Msg) (Dialog, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, p.keys.Pick):
			return p.pick()
		case key.Matches(msg, p.keys.Cancel):
			return nil, result(PickerResult{ID: p.id})
		case key.Matches(msg, p.keys.Up):
			p.move(p.sel - 1)
		case key.Matches(msg, p.keys.Down):
			p.move(p.sel + 1)
		case key.Matches(msg, p.keys.PageUp):
			p.move(p.sel - p.maxRows)
		case key.Matches(msg, p.keys.PageDown):
			p.move(p.sel + p.maxRows)
		default:
			return p, p.edit(msg)
		}
	case tea.PasteMsg:
		return p, p.edit(msg)
	}
	return p, nil
}

// edit gives input to the filter and filters again when the text changed.
func (p *Picker) edit(msg tea.Msg) tea.Cmd {
	before := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		p.filter()
	}
	return cmd
}

// move puts the cursor on row i; moving past either end wraps around, as
// in a completion menu.
func (p *Picker) move(i int) {
	if n := len(p.rows); n > 0 {
		switch {
		case i < 0 && p.sel == 0:
			i = n - 1
		case i >= n && p.sel == n-1:
			i = 0
		}
		p.sel = common.Clamp(i, n)
	}
	p.follow()
}

func (p *Picker) follow() { p.view.Show(p.sel, p.sel, len(p.rows), p.maxRows) }

// pick answers with the row under the cursor; with nothing to pick it
// stays open.
func (p *Picker) pick() (Dialog, tea.Cmd) {
	if p.sel >= len(p.rows) {
		return p, nil
	}
	if r := p.rows[p.sel]; r.opt >= 0 {
		return nil, result(PickerResult{ID: p.id, OK: true, Option: p.opts[r.opt]})
	}
	return nil, result(PickerResult{ID: p.id, OK: true, Custom: strings.TrimSpace(p.input.Value())})
}

// filter ranks the options against the typed text and puts the cursor
// back on the best.
func (p *Picker) filter() {
	q := strings.TrimSpace(p.input.Value())
	p.rows = p.rows[:0]
	exact := false
	for i, o := range p.opts {
		if q == "" {
			p.rows = append(p.rows, pickRow{opt: i})
			continue
		}
		if s, hits := Fuzzy(q, p.labels[i]); s >= 0 {
			p.rows = append(p.rows, pickRow{opt: i, hits: hits, score: s})
		} else if s, _ := Fuzzy(q, o.Hint); s >= 0 {
			p.rows = append(p.rows, pickRow{opt: i, score: s - hintPenalty})
		}
		exact = exact || core.Fold(p.labels[i]) == core.Fold(q)
	}
	slices.SortStableFunc(p.rows, func(a, b pickRow) int { return b.score - a.score })
	if p.allowCustom && q != "" && !exact {
		p.rows = append(p.rows, pickRow{opt: -1})
	}
	p.sel, p.view.Offset = 0, 0
}
