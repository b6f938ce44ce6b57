package tui

import (
	"errors"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"cmdeck/i18n"
	"cmdeck/store"
	"cmdeck/tui/common"
	"cmdeck/tui/outbox"
)

// flash is the status bar's message about the last action ("3 messages
// hidden · u to undo"). It clears itself once, when its time is up: no
// timer repaints the screen while it shows.
type flash struct {
	seq  int // id of the latest message; an older one's timer does nothing
	text string
	err  bool
}

// flashDoneMsg says a message's time is up.
type flashDoneMsg struct{ seq int }

// expire clears the message the timer was armed for, if it still shows.
func (f *flash) expire(msg flashDoneMsg) {
	if msg.seq == f.seq {
		f.text, f.err = "", false
	}
}

// setFlash shows text in the status bar for life, in the error style when
// isErr, and arms the one timer that clears it.
func (m *Model) setFlash(text string, isErr bool, life time.Duration) tea.Cmd {
	m.flash.seq++
	m.flash.text, m.flash.err = common.OneLine(text), isErr
	return m.after(life, flashDoneMsg{seq: m.flash.seq})
}

// flashLife keeps a message with an undo hint exactly as long as the undo
// window, and any other for flashTime.
func (m *Model) flashLife(msg common.OutcomeMsg) time.Duration {
	if (msg.Err == nil || auditOnly(msg.Err)) && len(msg.Outcome.ActionIDs) > 0 {
		if d := msg.Outcome.UndoUntil.Sub(m.ctx.Clock.Now()); d > 0 {
			return d
		}
	}
	return flashTime
}

// outcomeText says what an intent did, or why it failed (isErr). When only
// the audit log failed, the action still happened: it says both.
func (m *Model) outcomeText(msg common.OutcomeMsg) (text string, isErr bool) {
	if msg.Err != nil && !auditOnly(msg.Err) {
		return m.errText(msg.Err), true
	}
	t, in, out := m.ctx.T, msg.Intent, msg.Outcome
	parts := []string{m.didText(in, out)}
	if out.Skipped > 0 {
		parts = append(parts, plural(t, "root.flash.skipped", out.Skipped))
	}
	if len(out.ActionIDs) > 0 && out.UndoUntil.After(m.ctx.Clock.Now()) {
		parts = append(parts, t.T("root.flash.undo_hint", m.keys.global.Undo.Help().Key))
	}
	if msg.Err != nil {
		parts = append(parts, t.T("root.flash.audit_failed"))
		return strings.Join(parts, " · "), true
	}
	return strings.Join(parts, " · "), false
}

// didText is the main part of the message: what was done, to how many.
func (m *Model) didText(in common.Intent, out common.Outcome) string {
	t, n := m.ctx.T, out.Applied
	switch in.Kind {
	case common.IntentUndo:
		if out.UndoneIntent.Kind != "" {
			return t.T("root.flash.undo", m.didText(out.UndoneIntent, common.Outcome{Applied: out.Applied}))
		}
		return t.T("root.flash.undo", outbox.KindWord(t, out.Undone.Kind))
	case common.IntentRetry:
		return t.T("root.flash.retry")
	case common.IntentDiscard:
		return t.T("root.flash.discard")
	}
	if n == 0 {
		return t.T("root.flash.nothing")
	}
	switch in.Kind {
	case common.IntentReply:
		return t.T("root.flash.reply")
	case common.IntentSnooze:
		if in.Until.IsZero() {
			return plural(t, "root.flash.unsnooze", n)
		}
		return plural(t, "root.flash.snooze", n, m.when(in.Until))
	case common.IntentTag, common.IntentUntag:
		return plural(t, "root.flash."+string(in.Kind), n, common.OneLine(in.Text))
	case common.IntentAssign:
		if strings.TrimSpace(in.Text) == "" {
			return plural(t, "root.flash.unassign", n)
		}
		return plural(t, "root.flash.assign", n, common.OneLine(in.Text))
	}
	if perAuthor(in.Kind) && len(out.ActionIDs) > 0 {
		n = len(out.ActionIDs) // one action per author: say how many authors
	}
	key := "root.flash." + string(in.Kind)
	if t.T(key+".other", n) == key+".other" {
		// A kind this deck has no words for yet: say it was done.
		return plural(t, "root.flash.done", n)
	}
	return plural(t, key, n)
}

// perAuthor reports an intent whose actions aim at the items' authors.
func perAuthor(k common.IntentKind) bool {
	switch k {
	case common.IntentBlock, common.IntentUnblock, common.IntentMute, common.IntentUnmute,
		common.IntentSilence, common.IntentSuspend:
		return true
	}
	return false
}

// when says a snooze's end in the user's zone: the time alone today, with
// the weekday otherwise.
func (m *Model) when(at time.Time) string {
	local, now := at.In(m.ctx.Loc), m.ctx.Clock.Now().In(m.ctx.Loc)
	if local.Year() == now.Year() && local.YearDay() == now.YearDay() {
		return local.Format("15:04")
	}
	if local.Sub(now) < 6*24*time.Hour {
		return common.WeekdayShort(m.ctx.T, local) + " " + local.Format("15:04")
	}
	return common.ShortDate(m.ctx.T, local) + " " + local.Format("15:04")
}

// errText translates what the executor said went wrong; an error it does
// not know shows as it is, after "Action failed:".
func (m *Model) errText(err error) string {
	t := m.ctx.T
	if text, ok := m.execErrText(err); ok {
		return text
	}
	if errors.Is(err, store.ErrTooLate) {
		return t.T("root.flash.too_late")
	}
	return t.T("root.flash.failed", common.OneLine(err.Error()))
}

// plural picks the .one or .other form of key for n, like common.Plural,
// and formats it with n then extra.
func plural(t *i18n.Catalog, key string, n int, extra ...any) string {
	form := ".other"
	if n == 1 || (n == 0 && t.Lang() == i18n.FR) {
		form = ".one"
	}
	return t.T(key+form, append([]any{n}, extra...)...)
}

// onActionReport follows an outbox action the engine finished: every pane
// re-reads (the thread shows the confirmed reply), and a failure says so in
// the status bar, where it stays twice as long as other messages: the CM
// may have moved on since pressing the key.
func (m *Model) onActionReport(msg common.ActionReportMsg) tea.Cmd {
	refresh := m.dataChanged(common.DataChangedMsg{})
	if msg.Err == nil {
		return refresh
	}
	t := m.ctx.T
	text := t.T("root.flash.action_failed", outbox.KindWord(t, msg.Kind), msg.Handle, msg.Err.Error(), m.keys.global.Outbox.Help().Key)
	return tea.Batch(refresh, m.setFlash(text, true, 2*flashTime))
}
