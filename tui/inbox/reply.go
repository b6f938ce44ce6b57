package inbox

import (
	"os"
	"strings"

	tea "charm.land/bubbletea/v2"

	"cmdeck/store"
	"cmdeck/tui/common"
	"cmdeck/tui/compose"
)

// Replies go to one item, the cursor's (never to a whole selection): r
// opens the composer under its conversation with the draft kept for it; R
// writes it in $VISUAL/$EDITOR. A sent reply is an intent for the root; a
// closed composer leaves its draft here, by item, until sent.

// composeContext is the context the composer gets: the pane's own styles,
// language and clock, which tests and the root may have set after New.
func (m *Model) composeContext() common.Context {
	ctx := m.ctx
	ctx.Styles, ctx.T, ctx.Clock, ctx.Loc = m.styles, m.t, m.clock, m.loc
	return ctx
}

// replyTarget is the cursor's item when its network takes replies.
func (m *Model) replyTarget() (store.ItemView, bool) {
	cur, ok := m.list.win.selected()
	if !ok {
		return cur, false
	}
	if m.gate(actReply, []store.ItemView{cur}) == nil {
		return cur, false
	}
	return cur, true
}

// reply opens the composer; text given on the command line (":reply
// merci !") is sent as it is.
func (m *Model) reply(text string) tea.Cmd {
	cur, ok := m.replyTarget()
	if !ok {
		return nil
	}
	if text != "" {
		return m.sendReply(cur, text)
	}
	return m.openComposer(cur)
}

// openComposer opens the composer on an item, with its draft.
func (m *Model) openComposer(cur store.ItemView) tea.Cmd {
	if m.styles.Lite {
		m.pin(cur) // the message answered shows above the composer
	}
	m.thread.focused = false
	m.composer = compose.New(m.composeContext(), cur, m.thread.entries(cur), m.drafts[cur.ID])
	if m.env != nil {
		m.composer.SetEnv(m.env)
	}
	m.SetSize(m.width, m.height) // the list and thread make room for it
	return nil
}

// replyEditor writes the reply in $VISUAL/$EDITOR, starting from the draft.
func (m *Model) replyEditor() tea.Cmd {
	cur, ok := m.replyTarget()
	if !ok {
		return nil
	}
	env := m.env
	if env == nil {
		env = os.Getenv
	}
	m.editing = cur
	return compose.EditorCmdCtx(m.composeContext(), cur, m.thread.entries(cur), m.drafts[cur.ID], env)
}

// SetEnv replaces how $VISUAL and $EDITOR are read (os.Getenv by default),
// e.g. with an SSH session's environment.
func (m *Model) SetEnv(env func(string) string) { m.env = env }

// onComposer handles what the composer (or the editor) answered.
func (m *Model) onComposer(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case compose.SendMsg:
		m.closeComposer(msg.ItemID)
		delete(m.drafts, msg.ItemID)
		return intent(common.Intent{Kind: common.IntentReply, ItemIDs: []int64{msg.ItemID}, Text: msg.Text})
	case compose.CloseMsg:
		m.closeComposer(msg.ItemID)
		m.keepDraft(msg.ItemID, msg.Draft)
	case compose.EditorDoneMsg:
		return m.editorDone(msg)
	}
	return nil
}

// editorDone takes the text written in the editor. When the composer is
// open on the item (ctrl+e) the composer takes it back to review;
// otherwise (R) a text is the reply, and an empty one aborts it, as in git.
func (m *Model) editorDone(msg compose.EditorDoneMsg) tea.Cmd {
	if m.composer != nil && m.composer.ItemID() == msg.ItemID {
		var cmd tea.Cmd
		m.composer, cmd = m.composer.Update(msg)
		return cmd
	}
	switch {
	case msg.Err != nil:
		m.notice = notice{text: m.t.T("inbox.editor.failed", flatten(msg.Err.Error())), err: true}
	case strings.TrimSpace(msg.Text) == "":
		m.notice = notice{text: m.t.T("inbox.reply.aborted")}
	case m.ctx.ReadOnly:
		m.keepDraft(msg.ItemID, msg.Text)
		m.notice = notice{text: m.t.T("inbox.read_only"), err: true}
	default:
		// The reply goes to the item it was written for, wherever the
		// cursor is now.
		target := m.editing
		if target.ID != msg.ItemID {
			target = store.ItemView{}
			target.ID = msg.ItemID
		}
		return m.sendReply(target, strings.TrimSpace(msg.Text))
	}
	return nil
}

// sendReply asks for a reply to be sent, unless it is longer than the
// network takes: then it becomes the item's draft, in the composer, to
// shorten.
func (m *Model) sendReply(target store.ItemView, text string) tea.Cmd {
	if limit := m.limitFor(target); limit > 0 {
		if n := compose.Count(text); n > limit {
			m.keepDraft(target.ID, text)
			m.notice = notice{text: m.t.T("inbox.reply.too_long", n, limit), err: true}
			if cur, ok := m.list.win.selected(); ok && cur.ID == target.ID {
				return m.openComposer(cur)
			}
			return nil
		}
	}
	delete(m.drafts, target.ID)
	return intent(common.Intent{Kind: common.IntentReply, ItemIDs: []int64{target.ID}, Text: text})
}

// limitFor is the reply length limit of an item's network (0 = none or
// unknown).
func (m *Model) limitFor(it store.ItemView) int {
	if m.ctx.Limit == nil || it.AccountID == 0 {
		return 0
	}
	return max(m.ctx.Limit(it.AccountID), 0)
}

// closeComposer closes the composer if it is the one for item id.
func (m *Model) closeComposer(id int64) {
	if m.composer == nil || m.composer.ItemID() != id {
		return
	}
	m.composer = nil
	m.SetSize(m.width, m.height)
}

// keepDraft stores a draft for an item; an empty one forgets it.
func (m *Model) keepDraft(id int64, draft string) {
	if strings.TrimSpace(draft) == "" {
		delete(m.drafts, id)
		return
	}
	m.drafts[id] = draft
}
