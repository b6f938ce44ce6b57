// Package postcompose is the Calendar's post composer: one text for one or
// more accounts of one or more clients, a time typed naturally ("demain
// 9h", "fri 18h", "2026-12-01 08:30") or the next free slot of the
// accounts' queues, a recurrence, attachments checked at once against
// every selected network, and a live length counter and preview per
// network.
//
// Like the reply composer it never writes anything: it answers SubmitMsg
// or CloseMsg and its owner saves. Reads (the queues' taken slots, the
// attachments on disk) and the $EDITOR round trip run in Cmds; Update and
// View do no I/O.
package postcompose

import (
	"os"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/providers"
	"cmdeck/store"
	"cmdeck/tui/common"
	"cmdeck/tui/compose"
)

// SubmitMsg asks the owner to save the post: create it (EditID 0) or
// change post EditID. A zero Draft.At saves a draft with no time.
type SubmitMsg struct {
	EditID int64
	Draft  store.PostDraft
}

// CloseMsg says the CM closed the composer without saving.
type CloseMsg struct{ EditID int64 }

// Options fill the composer: empty for a new post, the post's values to
// edit one. When is the time as the CM would type it.
type Options struct {
	EditID     int64 // the post being edited; 0 for a new post
	Body       string
	AccountIDs []int64
	When       string
	Recur      core.Recurrence
	Media      []string
}

// field is one part of the form, in tab order.
type field int

const (
	fieldText field = iota
	fieldAccounts
	fieldWhen
	fieldRepeat
	fieldMedia
	fieldPreview
	fieldCount
)

// accountRow is one line of the account list: a client's heading or one
// of its accounts.
type accountRow struct {
	heading bool
	client  core.Client
	account core.Account
}

// attachment is a file checked on disk: its absolute path, size and type.
type attachment struct {
	path string
	size int64
	mime string
}

// notice is a message in the footer; bad ones in the negative color.
type notice struct {
	text string
	bad  bool
}

// Model is the post composer.
type Model struct {
	ctx  common.Context
	st   *common.Styles
	t    *i18n.Catalog
	keys KeyMap
	env  func(string) string

	editID int64
	rows   []accountRow // grouped by client
	// accIdx lists the rows that are accounts, for the cursor.
	accIdx  []int
	checked map[int64]bool
	accCur  int // index into accIdx
	accView common.Viewport

	text    textarea.Model
	when    textinput.Model
	parsed  time.Time // the time typed, when it parses
	whenErr error     // why it does not
	recur   core.Recurrence
	mediaIn textinput.Model
	media   []attachment
	focus   field

	notice  notice
	busy    bool // a save is in flight
	slotSeq int  // the latest next-free-slot query; older answers are dropped
	best    bestState
	checks  int // attachment checks in flight
	preview int // first line of the previews shown (narrow screens)

	width, height int
}

// New opens a composer over the workspace's clients and accounts. Missing
// parts of ctx get safe defaults (English, UTC, the system clock, the dark
// theme) rather than a crash.
func New(ctx common.Context, clients []core.Client, accounts []store.AccountSync, o Options) *Model {
	ctx = withDefaults(ctx)
	m := &Model{ctx: ctx, st: ctx.Styles, t: ctx.T, keys: DefaultKeyMap(ctx.T), env: os.Getenv,
		editID: o.EditID, checked: map[int64]bool{}, recur: o.Recur}
	m.rows = groupAccounts(clients, publishers(ctx, accounts, o), o)
	for i, r := range m.rows {
		if !r.heading {
			m.accIdx = append(m.accIdx, i)
		}
	}
	for _, id := range o.AccountIDs {
		m.checked[id] = true
	}
	m.text = newArea(ctx.Styles, ctx.T)
	m.text.SetValue(o.Body)
	m.when = newInput(ctx.Styles, ctx.T.T("calendar.compose.when.placeholder"))
	m.when.SetValue(o.When)
	m.mediaIn = newInput(ctx.Styles, ctx.T.T("calendar.compose.media.placeholder"))
	for _, p := range o.Media {
		m.media = append(m.media, attachment{path: p})
	}
	m.reparse()
	m.setFocus(fieldText)
	m.SetSize(80, 20)
	return m
}

func withDefaults(ctx common.Context) common.Context {
	if ctx.Styles == nil {
		ctx.Styles = common.NewStyles(common.DefaultPalette(true))
	}
	if ctx.T == nil {
		ctx.T = i18n.New(i18n.EN)
	}
	if ctx.Loc == nil {
		ctx.Loc = time.UTC
	}
	if ctx.Clock == nil {
		ctx.Clock = core.SystemClock{}
	}
	return ctx
}

// publishers keeps the accounts whose network publishes posts (a review
// site does not), and, editing, the post's own.
func publishers(ctx common.Context, accounts []store.AccountSync, o Options) []store.AccountSync {
	if ctx.Caps == nil {
		return accounts
	}
	var out []store.AccountSync
	for _, a := range accounts {
		if ctx.Caps(a.Account.ID).Has(providers.CapPublish) || (o.EditID != 0 && slices.Contains(o.AccountIDs, a.Account.ID)) {
			out = append(out, a)
		}
	}
	return out
}

// groupAccounts lists the accounts under their client's heading, clients
// in the order given. Editing a post keeps to its own account: the store
// changes a post's text and time, not where it goes.
func groupAccounts(clients []core.Client, accounts []store.AccountSync, o Options) []accountRow {
	var rows []accountRow
	for _, c := range clients {
		var mine []accountRow
		for _, a := range accounts {
			if a.Account.ClientID != c.ID || (o.EditID != 0 && !slices.Contains(o.AccountIDs, a.Account.ID)) {
				continue
			}
			mine = append(mine, accountRow{client: c, account: a.Account})
		}
		if len(mine) > 0 {
			rows = append(rows, accountRow{heading: true, client: c})
			rows = append(rows, mine...)
		}
	}
	return rows
}

// newArea is the text field: no line numbers, a steady cursor, and none of
// its own keys that the composer takes (ctrl+e, ctrl+n, ctrl+v).
func newArea(st *common.Styles, t *i18n.Catalog) textarea.Model {
	a := textarea.New()
	a.ShowLineNumbers = false
	a.Prompt = "┃ "
	a.Placeholder = t.T("calendar.compose.placeholder")
	a.CharLimit = 0 // the networks' limits are shown, not enforced by cutting
	a.MaxHeight = 0
	km := a.KeyMap
	km.LineEnd.SetKeys("end")
	km.LineNext.SetKeys("down")
	km.Paste.SetEnabled(false) // over SSH the machine's clipboard is not the CM's
	a.KeyMap = km
	s := a.Styles()
	for _, state := range []*textarea.StyleState{&s.Focused, &s.Blurred} {
		state.Base, state.Text, state.CursorLine = st.App, st.App, st.App
		state.Placeholder, state.EndOfBuffer = st.Subtle, st.Subtle
		state.Prompt = st.Accent
	}
	s.Blurred.Prompt = st.Muted
	s.Cursor = textarea.CursorStyle{Color: st.Palette.Accent, Shape: tea.CursorBlock, Blink: false}
	a.SetStyles(s)
	return a
}

// newInput is a one-line field with a steady cursor, without the keys the
// composer takes (ctrl+e, ctrl+n) or suggestions.
func newInput(st *common.Styles, placeholder string) textinput.Model {
	in := textinput.New()
	in.Prompt = "> "
	in.Placeholder = placeholder
	in.CharLimit = 1000
	km := in.KeyMap
	km.LineEnd.SetKeys("end")
	km.NextSuggestion.SetEnabled(false)
	km.PrevSuggestion.SetEnabled(false)
	km.AcceptSuggestion.SetEnabled(false)
	km.Paste.SetEnabled(false)
	in.KeyMap = km
	s := in.Styles()
	s.Focused.Prompt, s.Focused.Text = st.Accent, st.App
	s.Focused.Placeholder, s.Blurred.Placeholder = st.Subtle, st.Subtle
	s.Blurred.Prompt, s.Blurred.Text = st.Muted, st.App
	s.Cursor = textinput.CursorStyle{Color: st.Palette.Accent, Shape: tea.CursorBlock, Blink: false}
	in.SetStyles(s)
	return in
}

// SetEnv replaces how $VISUAL and $EDITOR are read (os.Getenv by default).
func (m *Model) SetEnv(env func(string) string) {
	if env != nil {
		m.env = env
	}
}

// EditID is the post being edited, 0 for a new one.
func (m *Model) EditID() int64 { return m.editID }

// Body is the text typed so far, as typed.
func (m *Model) Body() string { return m.text.Value() }

// Checked lists the accounts ticked, in the list's order.
func (m *Model) Checked() []int64 {
	var out []int64
	for _, i := range m.accIdx {
		if id := m.rows[i].account.ID; m.checked[id] {
			out = append(out, id)
		}
	}
	return out
}

// When is the time field as typed.
func (m *Model) When() string { return m.when.Value() }

// Parsed is the time the field reads as (zero with Err) at the last change.
func (m *Model) Parsed() (time.Time, error) { return m.parsed, m.whenErr }

// Media lists the attachments' paths.
func (m *Model) Media() []string {
	out := make([]string, len(m.media))
	for i, a := range m.media {
		out[i] = a.path
	}
	return out
}

// Notice is the footer's message, if any.
func (m *Model) Notice() string { return m.notice.text }

// Saving marks a save in flight (true) or done; the owner calls it.
func (m *Model) Saving(busy bool) { m.busy = busy }

// Failed says why the owner could not save; the composer stays open with
// everything typed.
func (m *Model) Failed(text string) {
	m.busy = false
	m.notice = notice{text: text, bad: true}
}

// editing reports that the composer changes an existing post.
func (m *Model) editing() bool { return m.editID != 0 }

// reparse reads the time field again, relative to now.
func (m *Model) reparse() {
	m.parsed, m.whenErr = time.Time{}, nil
	if strings.TrimSpace(m.when.Value()) == "" {
		return
	}
	m.parsed, m.whenErr = core.ParseWhen(m.when.Value(), m.ctx.Clock.Now(), m.ctx.Loc)
}

// emit wraps a message as the Cmd that delivers it.
func emit(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// editorMsg is the text written in $EDITOR (compose.EditText).
type editorMsg struct {
	text string
	err  error
}

// openEditor hands the text to $EDITOR; the answer replaces it.
func (m *Model) openEditor() tea.Cmd {
	content := strings.TrimRight(m.text.Value(), "\n") + "\n\n# " + m.t.T("calendar.compose.editor.help") + "\n"
	return compose.EditText(content, m.env, func(text string, err error) tea.Msg { return editorMsg{text, err} })
}

// editorDone takes what was written, unless the CM aborted or it failed.
func (m *Model) editorDone(msg editorMsg) {
	switch {
	case msg.err != nil:
		m.notice = notice{text: compose.EditorMessage(m.t, msg.err), bad: true}
	case msg.text == "":
		m.notice = notice{text: m.t.T("calendar.compose.editor.aborted")}
	default:
		m.text.SetValue(msg.text)
		m.notice = notice{}
	}
}
