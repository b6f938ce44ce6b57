// Package compose is the reply composer the Inbox embeds under a thread: a
// multi-line text area with a header naming who the reply goes to, a
// counter against the network's length limit, a saved-reply picker
// (ctrl+t), and a way out to $VISUAL/$EDITOR (ctrl+e, EditorCmd).
//
// The composer never sends anything itself: it returns SendMsg or CloseMsg
// through a Cmd and its owner decides what happens (STYLE.md #4). It does no
// I/O in Update or View; the editor round-trip runs in Cmds.
package compose

import (
	"errors"
	"os"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"cmdeck/i18n"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// SendMsg asks the owner to send Text (trimmed, non-empty, within the
// limit) as a reply to item ItemID.
type SendMsg struct {
	ItemID int64
	Text   string
}

// CloseMsg says the CM closed the composer; the owner keeps Draft for the
// item ("" when nothing but spaces was typed) and offers it again next time.
type CloseMsg struct {
	ItemID int64
	Draft  string
}

// EditorDoneMsg is the text written in $EDITOR for item ItemID, comment
// lines dropped. An empty Text means the CM aborted (as in git); Err says
// the editor could not run or the file could not be read. The composer
// takes its own (Update), so an owner may simply forward it.
type EditorDoneMsg struct {
	ItemID int64
	Text   string
	Err    error
}

// Model is the inline composer for one reply.
type Model struct {
	ctx    common.Context
	st     *common.Styles
	t      *i18n.Catalog
	target store.ItemView
	thread []store.ItemView
	limit  int // the network's reply length limit, 0 = none
	keys   KeyMap
	area   textarea.Model
	picker *picker // the saved-reply picker, nil when closed
	notice notice  // what the footer says instead of the keys
	env    func(string) string

	width, height int
}

// notice is a message for the CM in the footer; bad ones are drawn in the
// negative color.
type notice struct {
	text string
	bad  bool
}

// New opens a composer replying to target, under its conversation thread,
// holding draft. Missing parts of ctx get safe defaults (English, UTC, the
// dark theme, no limit) rather than a crash.
func New(ctx common.Context, target store.ItemView, thread []store.ItemView, draft string) *Model {
	if ctx.Styles == nil {
		ctx.Styles = common.NewStyles(common.DefaultPalette(true))
	}
	if ctx.T == nil {
		ctx.T = i18n.New(i18n.EN)
	}
	if ctx.Loc == nil {
		ctx.Loc = time.UTC
	}
	m := &Model{ctx: ctx, st: ctx.Styles, t: ctx.T, target: target, thread: thread, env: os.Getenv}
	if ctx.Limit != nil {
		m.limit = max(ctx.Limit(target.AccountID), 0)
	}
	m.keys = DefaultKeyMap(ctx.T)
	m.area = newArea(ctx.Styles, ctx.T)
	m.area.SetValue(draft)
	m.SetSize(80, 7)
	return m
}

// newArea is a focused textarea in the theme's styles: no line numbers, a
// steady cursor (a blinking one repaints the screen twice a second over
// SSH for nothing), and none of its own keys that the composer uses.
func newArea(st *common.Styles, t *i18n.Catalog) textarea.Model {
	a := textarea.New()
	a.ShowLineNumbers = false
	a.Prompt = "┃ "
	a.Placeholder = t.T("compose.placeholder")
	a.CharLimit = 0 // the network's limit is shown, not enforced by truncating
	a.MaxHeight = 0 // a forum answer may run past the default 99 lines
	km := textarea.DefaultKeyMap()
	// ctrl+e and ctrl+t belong to the composer (editor, saved replies).
	km.LineEnd = key.NewBinding(key.WithKeys("end"))
	km.TransposeCharacterBackward.SetEnabled(false)
	// ctrl+v reads the clipboard of the machine cmdeck runs on, which over
	// SSH is not the CM's: the terminal's own paste (PasteMsg) is the way.
	km.Paste.SetEnabled(false)
	a.KeyMap = km
	s := a.Styles()
	plain := st.App
	for _, state := range []*textarea.StyleState{&s.Focused, &s.Blurred} {
		state.Base, state.Text, state.CursorLine = plain, st.App, plain
		state.Placeholder, state.EndOfBuffer = st.Subtle, st.Subtle
		state.Prompt = st.Accent
	}
	s.Blurred.Prompt = st.Muted
	s.Cursor = textarea.CursorStyle{Color: st.Palette.Accent, Shape: tea.CursorBlock, Blink: false}
	a.SetStyles(s)
	a.Focus()
	return a
}

// SetEnv replaces how the composer reads $VISUAL and $EDITOR (os.Getenv by
// default), e.g. with an SSH session's environment.
func (m *Model) SetEnv(env func(string) string) {
	if env != nil {
		m.env = env
	}
}

// Value is the text typed so far, as typed.
func (m *Model) Value() string { return m.area.Value() }

// ItemID is the item the reply answers.
func (m *Model) ItemID() int64 { return m.target.ID }

// Limit is the network's reply length limit (0 = none).
func (m *Model) Limit() int { return m.limit }

// Picking reports that the saved-reply picker is open.
func (m *Model) Picking() bool { return m.picker != nil }

// ShortHelp lists the keys that act now.
func (m *Model) ShortHelp() []key.Binding {
	if m.picker != nil {
		return m.picker.shortHelp()
	}
	return []key.Binding{m.keys.Send, m.keys.Close, m.keys.Editor, m.keys.Templates}
}

// Update handles keys, pastes and the editor's answer.
func (m *Model) Update(msg tea.Msg) (*Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if m.picker != nil {
			return m, m.updatePicker(msg)
		}
		return m, m.handleKey(msg)
	case tea.PasteMsg:
		if m.picker != nil {
			return m, m.picker.update(msg)
		}
	case EditorDoneMsg:
		m.editorDone(msg)
		return m, nil
	}
	return m, m.edit(msg)
}

// handleKey runs the composer's own keys and gives the rest to the text.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Send):
		return m.send()
	case key.Matches(msg, m.keys.Close):
		draft := m.Value()
		if strings.TrimSpace(draft) == "" {
			draft = ""
		}
		return emit(CloseMsg{ItemID: m.ItemID(), Draft: draft})
	case key.Matches(msg, m.keys.Editor):
		return EditorCmdCtx(m.ctx, m.target, m.thread, m.Value(), m.env)
	case key.Matches(msg, m.keys.Templates):
		m.openPicker()
		return nil
	}
	return m.edit(msg)
}

// edit gives msg to the text area; a change clears a stale notice.
func (m *Model) edit(msg tea.Msg) tea.Cmd {
	before := m.area.Value()
	var cmd tea.Cmd
	m.area, cmd = m.area.Update(msg)
	if m.area.Value() != before {
		m.notice = notice{}
	}
	return cmd
}

// send answers SendMsg when the text can go, or says in the footer why not.
func (m *Model) send() tea.Cmd {
	if m.ctx.ReadOnly {
		m.notice = notice{text: m.t.T("compose.refused.read_only"), bad: true}
		return nil
	}
	text := strings.TrimSpace(m.Value())
	if text == "" {
		m.notice = notice{text: m.t.T("compose.refused.empty"), bad: true}
		return nil
	}
	if over := m.over(text); over > 0 {
		m.notice = notice{text: m.t.T("compose.refused.over", m.overText(over)), bad: true}
		return nil
	}
	return emit(SendMsg{ItemID: m.ItemID(), Text: text})
}

// over is by how many characters text passes the limit (0 when it fits).
func (m *Model) over(text string) int {
	if m.limit <= 0 {
		return 0
	}
	return max(Count(text)-m.limit, 0)
}

// editorDone takes the text written in $EDITOR: it replaces the draft,
// unless the CM aborted (empty text) or the editor failed.
func (m *Model) editorDone(msg EditorDoneMsg) {
	switch {
	case msg.ItemID != m.ItemID():
	case msg.Err != nil:
		m.notice = notice{text: m.editorError(msg.Err), bad: true}
	case msg.Text == "":
		m.notice = notice{text: m.t.T("compose.editor.aborted")}
	default:
		m.area.SetValue(msg.Text)
		m.notice = notice{}
	}
}

// editorError says in the CM's language why the editor gave nothing back.
func (m *Model) editorError(err error) string { return EditorMessage(m.t, err) }

// EditorMessage says in t's language why an editor round trip (EditText)
// gave nothing back: the editor is missing, it failed, or the file could
// not be written or read.
func EditorMessage(t *i18n.Catalog, err error) string {
	var ee *EditorError
	if errors.As(err, &ee) {
		if editorNotFound(ee.Err) {
			return t.T("compose.editor.not_found", ee.Editor)
		}
		return t.T("compose.editor.failed", ee.Editor, ee.Err)
	}
	return t.T("compose.editor.file", err)
}

// emit wraps a message as the Cmd that delivers it.
func emit(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }
