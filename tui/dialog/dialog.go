// Package dialog holds the small modal components panes embed: a
// confirmation (with an optional reason for the audit log), a one-line
// prompt, and a fuzzy picker; plus Fuzzy (the matcher they share with the
// command line) and Place (a box centred over a screen).
//
// A dialog's Update returns nil once it has closed, together with a Cmd
// whose message is its result (ConfirmResult, PromptResult, PickerResult)
// carrying the ID it was opened with; Cancelled results have OK false. The
// owner stores the returned Dialog (nil clears it) and acts on the result
// when it arrives. Dialogs never do I/O.
package dialog

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"cmdeck/i18n"
	"cmdeck/tui/common"
)

// Dialog is a modal box: it takes the keyboard while open and draws itself
// no wider than the width it was given.
type Dialog interface {
	Update(msg tea.Msg) (Dialog, tea.Cmd)
	View() string // a framed box, at most the width given
	SetWidth(w int)
}

// Option is one choice of a Picker: Value is what the owner gets back,
// Label what is shown and matched, Hint a muted note after it.
type Option struct{ Value, Label, Hint string }

// ConfirmResult answers a Confirm: OK is yes; Reason is the optional text
// typed for the audit log (trimmed).
type ConfirmResult struct {
	ID     string
	OK     bool
	Reason string
}

// PromptResult answers a Prompt with the text typed (trimmed), which the
// validate function accepted.
type PromptResult struct {
	ID    string
	OK    bool
	Value string
}

// PickerResult answers a Picker: the Option chosen, or, when custom text
// was allowed and chosen, Custom (and a zero Option).
type PickerResult struct {
	ID     string
	OK     bool
	Option Option
	Custom string
}

// Widths of the box: what each dialog prefers, what it takes before
// SetWidth is called, and below which there is no room for a border.
const (
	defaultWidth = 60
	minFramed    = 8
	maxInput     = 500 // characters a prompt or reason field accepts
)

// result wraps a dialog's answer as the Cmd that delivers it.
func result(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// boxWidth is the width a dialog draws at: its preference, capped by what
// it was given (a width of 0 or less means not given yet).
func boxWidth(given, pref int) int {
	if given <= 0 {
		return pref
	}
	return min(given, pref)
}

// innerWidth is the room for text inside the border and its padding.
func innerWidth(w int) int {
	if w < minFramed {
		return max(w, 0)
	}
	return w - 4
}

// frame draws lines inside the rounded border, each fitted to the inner
// width so nothing wraps; when there is no room for a border the lines are
// drawn bare, still no wider than w.
func frame(st *common.Styles, w int, lines []string) string {
	if w <= 0 {
		return ""
	}
	inner := innerWidth(w)
	fitted := make([]string, len(lines))
	for i, l := range lines {
		fitted[i] = common.Fit(l, inner)
	}
	if w < minFramed {
		return strings.Join(fitted, "\n")
	}
	return st.Border.Padding(0, 1).Width(w).Render(strings.Join(fitted, "\n"))
}

// wrapText breaks text (which may hold several lines) to the width,
// keeping its blank lines.
func wrapText(text string, w int) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		if strings.TrimSpace(para) == "" {
			out = append(out, "")
			continue
		}
		out = append(out, common.Wrap(para, w)...)
	}
	return out
}

// helpLine renders bindings as "y/enter confirm · esc cancel", in the help
// bar's styles.
func helpLine(st *common.Styles, bindings ...key.Binding) string {
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

// binding builds a key binding whose help names the keys in the catalog's
// words ("entrée" for enter in French).
func binding(t *i18n.Catalog, keys []string, helpKeys, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKeys, t.T(desc)))
}

// keyName is a key as the help line spells it in the catalog's language.
func keyName(t *i18n.Catalog, k string) string {
	switch k {
	case "enter", "esc", "tab":
		return t.T("dialog.keyname." + k)
	}
	return k
}

// newInput is a focused one-line text field in the theme's styles, with a
// steady cursor (a blinking one would repaint the screen twice a second
// over SSH for nothing).
func newInput(st *common.Styles, placeholder string) textinput.Model {
	in := textinput.New()
	in.Prompt = "> "
	in.Placeholder = placeholder
	in.CharLimit = maxInput
	s := in.Styles()
	s.Focused.Prompt, s.Focused.Text = st.Accent, st.App
	s.Focused.Placeholder, s.Focused.Suggestion = st.Subtle, st.Subtle
	s.Blurred.Prompt, s.Blurred.Text = st.Muted, st.Muted
	s.Blurred.Placeholder, s.Blurred.Suggestion = st.Subtle, st.Subtle
	s.Cursor = textinput.CursorStyle{Color: st.Palette.Accent, Shape: tea.CursorBlock, Blink: false}
	in.SetStyles(s)
	in.Focus()
	return in
}

// sizeInput fits a text field to the inner width: the prompt takes two
// cells and the cursor one.
func sizeInput(in *textinput.Model, inner int) {
	in.SetWidth(max(inner-3, 1))
}

// isTyping reports a key that types text (not a shortcut with ctrl or alt).
func isTyping(k tea.KeyPressMsg) bool {
	return k.Text != "" && k.Mod&(tea.ModCtrl|tea.ModAlt|tea.ModSuper) == 0
}
