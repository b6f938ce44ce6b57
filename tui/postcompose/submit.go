package postcompose

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"cmdeck/store"
	"cmdeck/tui/compose"
	"cmdeck/tui/dialog"
)

// submit checks the post and answers SubmitMsg: scheduled at the time
// typed, or (schedule false) a draft with no time. What stops it is said
// in the footer and the field at fault takes the keyboard.
func (m *Model) submit(schedule bool) tea.Cmd {
	if m.busy {
		return nil
	}
	if problem, f := m.problem(); problem != "" {
		m.refuse(problem, f)
		return nil
	}
	var at time.Time
	if schedule {
		if strings.TrimSpace(m.when.Value()) == "" {
			m.refuse(m.t.T("calendar.compose.refused.no_time"), fieldWhen)
			return nil
		}
		m.reparse()
		if m.whenErr != nil {
			m.refuse(dialog.WhenMessage(m.t, m.whenErr), fieldWhen)
			return nil
		}
		at = m.parsed
	}
	m.busy = true
	m.notice = notice{text: m.t.T("calendar.compose.saving")}
	return emit(SubmitMsg{EditID: m.editID, Draft: store.PostDraft{
		AccountIDs: m.Checked(),
		Body:       strings.TrimSpace(m.text.Value()),
		At:         at,
		Media:      m.Media(),
		Recur:      m.recur,
		Actor:      m.ctx.Actor,
	}})
}

// refuse says why the post cannot be saved and focuses the field to fix.
func (m *Model) refuse(text string, f field) {
	m.notice = notice{text: text, bad: true}
	if m.focusable(f) {
		m.setFocus(f)
	}
}

// problem is what stops any save, draft or not, and the field to fix it
// in: a read-only session, nothing to post, no account, a text too long
// for a network, an attachment a network refuses, a check still running.
func (m *Model) problem() (string, field) {
	t := m.t
	body := strings.TrimSpace(m.text.Value())
	switch {
	case m.ctx.ReadOnly:
		return t.T("calendar.compose.refused.read_only"), m.focus
	case body == "" && len(m.media) == 0:
		return t.T("calendar.compose.refused.empty"), fieldText
	case len(m.Checked()) == 0:
		return t.T("calendar.compose.refused.no_account"), fieldAccounts
	case m.checks > 0:
		return t.T("calendar.compose.refused.checking"), fieldMedia
	}
	for _, id := range m.Checked() {
		if over := m.over(id, body); over > 0 {
			return t.T("calendar.compose.refused.over", m.accountName(id), m.overText(over)), fieldText
		}
	}
	if !m.editing() {
		for _, a := range m.media {
			if text := m.refusal(a); text != "" {
				return text, fieldMedia
			}
		}
	}
	return "", m.focus
}

// over is by how many characters body passes account id's limit.
func (m *Model) over(id int64, body string) int {
	limit := m.limit(id)
	if limit <= 0 {
		return 0
	}
	return max(compose.Count(body)-limit, 0)
}

// limit is the account's network length limit (0: none known).
func (m *Model) limit(id int64) int {
	if m.ctx.Limit == nil {
		return 0
	}
	return max(m.ctx.Limit(id), 0)
}
