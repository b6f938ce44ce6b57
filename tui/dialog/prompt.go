package dialog

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"cmdeck/i18n"
	"cmdeck/tui/common"
)

// Prompt asks for one line of text. enter checks it with validate: an error
// is shown under the field and the prompt stays open; esc cancels.
type Prompt struct {
	st       *common.Styles
	t        *i18n.Catalog
	id       string
	title    string
	validate func(string) error
	input    textinput.Model
	err      string // validate's last complaint, until the text changes
	width    int
	keys     promptKeys
}

type promptKeys struct{ OK, Cancel key.Binding }

// NewPrompt opens a prompt; id comes back in its PromptResult. validate may
// be nil (anything goes, even empty).
func NewPrompt(st *common.Styles, t *i18n.Catalog, id, title, placeholder string, validate func(string) error) *Prompt {
	p := &Prompt{st: st, t: t, id: id, title: title, validate: validate}
	p.keys = promptKeys{
		OK:     binding(t, []string{"enter"}, keyName(t, "enter"), "dialog.help.ok"),
		Cancel: binding(t, []string{"esc"}, keyName(t, "esc"), "dialog.help.cancel"),
	}
	p.input = newInput(st, placeholder)
	p.SetWidth(0)
	return p
}

// SetValue fills the field (to edit a current value), cursor at the end.
func (p *Prompt) SetValue(s string) {
	p.input.SetValue(s)
	p.input.CursorEnd()
	p.err = ""
}

// Value is the text typed so far.
func (p *Prompt) Value() string { return p.input.Value() }

// Err is the validation error shown, "" when none.
func (p *Prompt) Err() string { return p.err }

// SetWidth caps the box's width.
func (p *Prompt) SetWidth(w int) {
	p.width = boxWidth(w, defaultWidth)
	sizeInput(&p.input, innerWidth(p.width))
}

// ShortHelp lists the prompt's keys, for a help bar.
func (p *Prompt) ShortHelp() []key.Binding { return []key.Binding{p.keys.OK, p.keys.Cancel} }

// Update handles a key or a paste; it returns nil once answered.
func (p *Prompt) Update(msg tea.Msg) (Dialog, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, p.keys.OK):
			return p.submit()
		case key.Matches(msg, p.keys.Cancel):
			return nil, result(PromptResult{ID: p.id})
		}
		return p, p.edit(msg)
	case tea.PasteMsg:
		return p, p.edit(msg)
	}
	return p, nil
}

// edit gives input to the field; a change clears the old complaint.
func (p *Prompt) edit(msg tea.Msg) tea.Cmd {
	before := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		p.err = ""
	}
	return cmd
}

// submit validates the trimmed text and closes, or keeps the prompt open
// with the error.
func (p *Prompt) submit() (Dialog, tea.Cmd) {
	v := strings.TrimSpace(p.input.Value())
	if p.validate != nil {
		if err := p.validate(v); err != nil {
			p.err = common.OneLine(err.Error())
			return p, nil
		}
	}
	return nil, result(PromptResult{ID: p.id, OK: true, Value: v})
}

// View draws the box: title, field, the error if any, the keys.
func (p *Prompt) View() string {
	inner := innerWidth(p.width)
	lines := []string{p.st.Title.Render(common.OneLine(p.title)), "", p.input.View()}
	for _, l := range wrapText(p.err, inner) {
		if l != "" {
			lines = append(lines, p.st.Negative.Render(l))
		}
	}
	lines = append(lines, "", helpLine(p.st, p.ShortHelp()...))
	return frame(p.st, p.width, lines)
}
