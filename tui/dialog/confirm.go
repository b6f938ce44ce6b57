package dialog

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"cmdeck/i18n"
	"cmdeck/tui/common"
)

// Confirm asks yes or no: y/enter is yes, n/esc is no. With a reason field,
// tab (or simply typing) moves into it; there enter is yes, esc is no, and
// tab goes back to y/n.
type Confirm struct {
	st         *common.Styles
	t          *i18n.Catalog
	id         string
	title      string
	body       string
	withReason bool
	reason     textinput.Model
	typing     bool // the reason field has the keyboard
	width      int
	keys       confirmKeys
}

type confirmKeys struct {
	Yes, No, ToReason   key.Binding // on y/n
	Send, Cancel, Leave key.Binding // in the reason field
}

// NewConfirm opens a confirmation; id comes back in its ConfirmResult.
// body may hold several lines; it is wrapped to the box.
func NewConfirm(st *common.Styles, t *i18n.Catalog, id, title, body string, withReason bool) *Confirm {
	c := &Confirm{st: st, t: t, id: id, title: title, body: body, withReason: withReason}
	c.keys = confirmKeys{
		Yes:      binding(t, []string{"y", "Y", "enter"}, "y/"+keyName(t, "enter"), "dialog.help.confirm"),
		No:       binding(t, []string{"n", "N", "esc"}, "n/"+keyName(t, "esc"), "dialog.help.cancel"),
		ToReason: binding(t, []string{"tab"}, keyName(t, "tab"), "dialog.help.reason"),
		Send:     binding(t, []string{"enter"}, keyName(t, "enter"), "dialog.help.confirm"),
		Cancel:   binding(t, []string{"esc"}, keyName(t, "esc"), "dialog.help.cancel"),
		Leave:    binding(t, []string{"tab", "shift+tab"}, keyName(t, "tab"), "dialog.help.buttons"),
	}
	c.keys.ToReason.SetEnabled(withReason)
	c.reason = newInput(st, t.T("dialog.reason.placeholder"))
	c.reason.Blur()
	c.SetWidth(0)
	return c
}

// SetWidth caps the box's width.
func (c *Confirm) SetWidth(w int) {
	c.width = boxWidth(w, defaultWidth)
	sizeInput(&c.reason, innerWidth(c.width))
}

// ShortHelp lists the keys that work right now, for a help bar.
func (c *Confirm) ShortHelp() []key.Binding {
	if c.typing {
		return []key.Binding{c.keys.Send, c.keys.Cancel, c.keys.Leave}
	}
	return []key.Binding{c.keys.Yes, c.keys.No, c.keys.ToReason}
}

// Update handles a key or a paste; it returns nil once answered.
func (c *Confirm) Update(msg tea.Msg) (Dialog, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if c.typing {
			return c.typingKey(msg)
		}
		return c.buttonKey(msg)
	case tea.PasteMsg:
		if c.withReason {
			cmd := c.focusReason()
			var cmd2 tea.Cmd
			c.reason, cmd2 = c.reason.Update(msg)
			return c, tea.Batch(cmd, cmd2)
		}
	}
	return c, nil
}

// buttonKey handles y/n, tab, and typing that starts a reason.
func (c *Confirm) buttonKey(k tea.KeyPressMsg) (Dialog, tea.Cmd) {
	switch {
	case key.Matches(k, c.keys.Yes):
		return nil, c.answer(true)
	case key.Matches(k, c.keys.No):
		return nil, c.answer(false)
	case key.Matches(k, c.keys.ToReason):
		return c, c.focusReason()
	case c.withReason && isTyping(k):
		cmd := c.focusReason()
		var cmd2 tea.Cmd
		c.reason, cmd2 = c.reason.Update(k)
		return c, tea.Batch(cmd, cmd2)
	}
	return c, nil
}

// typingKey handles a key while the reason field has the keyboard.
func (c *Confirm) typingKey(k tea.KeyPressMsg) (Dialog, tea.Cmd) {
	switch {
	case key.Matches(k, c.keys.Send):
		return nil, c.answer(true)
	case key.Matches(k, c.keys.Cancel):
		return nil, c.answer(false)
	case key.Matches(k, c.keys.Leave):
		c.typing = false
		c.reason.Blur()
		return c, nil
	}
	var cmd tea.Cmd
	c.reason, cmd = c.reason.Update(k)
	return c, cmd
}

func (c *Confirm) focusReason() tea.Cmd {
	c.typing = true
	return c.reason.Focus()
}

// answer closes the dialog with its result; a cancelled one carries no
// reason.
func (c *Confirm) answer(ok bool) tea.Cmd {
	res := ConfirmResult{ID: c.id, OK: ok}
	if ok && c.withReason {
		res.Reason = strings.TrimSpace(c.reason.Value())
	}
	return result(res)
}

// Reason is the reason typed so far.
func (c *Confirm) Reason() string { return c.reason.Value() }

// View draws the box: title, body, the reason field, the keys.
func (c *Confirm) View() string {
	inner := innerWidth(c.width)
	lines := []string{c.st.Title.Render(common.OneLine(c.title)), ""}
	lines = append(lines, wrapText(c.body, inner)...)
	if c.withReason {
		lines = append(lines, "")
		for _, l := range wrapText(c.t.T("dialog.reason.label"), inner) {
			lines = append(lines, c.st.Muted.Render(l))
		}
		lines = append(lines, c.reason.View())
	}
	lines = append(lines, "", helpLine(c.st, c.ShortHelp()...))
	return frame(c.st, c.width, lines)
}
