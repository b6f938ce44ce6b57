package postcompose

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
)

// Update handles keys, pastes and the answers of the composer's own Cmds
// (editor, attachment checks, free slots).
func (m *Model) Update(msg tea.Msg) (*Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	case tea.PasteMsg:
		return m, m.input(msg)
	case editorMsg:
		m.editorDone(msg)
	case mediaMsg:
		m.mediaChecked(msg)
	case slotMsg:
		m.slotFound(msg)
	case bestMsg:
		m.bestRead(msg)
	default:
		return m, m.input(msg)
	}
	return m, nil
}

// handleKey runs the composer's keys, then the focused field's.
func (m *Model) handleKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Close):
		return emit(CloseMsg{EditID: m.editID})
	case key.Matches(k, m.keys.Next):
		m.move(1)
		return nil
	case key.Matches(k, m.keys.Prev):
		m.move(-1)
		return nil
	case key.Matches(k, m.keys.Schedule):
		return m.submit(true)
	case key.Matches(k, m.keys.Draft):
		return m.submit(false)
	case key.Matches(k, m.keys.Editor):
		return m.openEditor()
	}
	switch m.focus {
	case fieldAccounts:
		return m.accountKey(k)
	case fieldWhen:
		return m.whenKey(k)
	case fieldRepeat:
		return m.repeatKey(k)
	case fieldMedia:
		return m.mediaKey(k)
	case fieldPreview:
		return m.previewKey(k)
	}
	return m.input(k)
}

// input gives a message to the focused text field; a change of the text
// or the time clears a stale notice, and the time is read again.
func (m *Model) input(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch m.focus {
	case fieldText:
		before := m.text.Value()
		m.text, cmd = m.text.Update(msg)
		if m.text.Value() != before {
			m.notice = notice{}
		}
	case fieldWhen:
		before := m.when.Value()
		m.when, cmd = m.when.Update(msg)
		if m.when.Value() != before {
			m.notice = notice{}
			m.reparse()
		}
	case fieldMedia:
		m.mediaIn, cmd = m.mediaIn.Update(msg)
	}
	return cmd
}

// focusable reports whether tab stops at f: editing a post changes its
// text and time only.
func (m *Model) focusable(f field) bool {
	switch f {
	case fieldAccounts:
		return !m.editing() && len(m.accIdx) > 0
	case fieldRepeat, fieldMedia:
		return !m.editing()
	}
	return true
}

// move goes to the next (1) or previous (-1) field that takes input.
func (m *Model) move(dir int) {
	f := m.focus
	for range fieldCount {
		f = (f + field(dir) + fieldCount) % fieldCount
		if m.focusable(f) {
			break
		}
	}
	m.setFocus(f)
}

// setFocus gives the keyboard to field f.
func (m *Model) setFocus(f field) {
	m.focus = f
	m.text.Blur()
	m.when.Blur()
	m.mediaIn.Blur()
	switch f {
	case fieldText:
		m.text.Focus()
	case fieldWhen:
		m.when.Focus()
		m.when.CursorEnd()
	case fieldMedia:
		m.mediaIn.Focus()
	}
	m.layout()
}

// accountKey moves in the account list and ticks accounts.
func (m *Model) accountKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Up):
		m.accCur = max(m.accCur-1, 0)
	case key.Matches(k, m.keys.Down):
		m.accCur = min(m.accCur+1, len(m.accIdx)-1)
	case key.Matches(k, m.keys.Toggle):
		if m.accCur < len(m.accIdx) {
			id := m.rows[m.accIdx[m.accCur]].account.ID
			m.checked[id] = !m.checked[id]
			m.notice = notice{}
			return m.refreshBest()
		}
	case key.Matches(k, m.keys.ScheduleEnter):
		return m.submit(true)
	}
	return nil
}

// whenKey finds the next free slot, schedules on enter, or edits the time.
func (m *Model) whenKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Slot):
		return m.nextSlot()
	case key.Matches(k, m.keys.Best):
		m.useBest()
		return nil
	case key.Matches(k, m.keys.ScheduleEnter):
		return m.submit(true)
	}
	return m.input(k)
}

// recurrences is the order the repeat field cycles through.
var recurrences = []core.Recurrence{core.RecurNone, core.RecurWeekly, core.RecurMonthly}

// repeatKey cycles the recurrence.
func (m *Model) repeatKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.ScheduleEnter):
		return m.submit(true)
	case key.Matches(k, m.keys.Cycle):
		i := 0
		for j, r := range recurrences {
			if r == m.recur {
				i = j
			}
		}
		step := 1
		if s := k.String(); s == "left" || s == "h" {
			step = len(recurrences) - 1
		}
		m.recur = recurrences[(i+step)%len(recurrences)]
	}
	return nil
}

// mediaKey adds the path typed (enter), drops the last file (backspace on
// nothing typed), schedules (enter on nothing typed), or edits the path.
func (m *Model) mediaKey(k tea.KeyPressMsg) tea.Cmd {
	typed := m.mediaIn.Value() != ""
	switch {
	case key.Matches(k, m.keys.AddFile) && typed:
		return m.addFile()
	case key.Matches(k, m.keys.ScheduleEnter):
		return m.submit(true)
	case key.Matches(k, m.keys.DropFile) && !typed && len(m.media) > 0:
		m.media = m.media[:len(m.media)-1]
		m.notice = notice{}
		return nil
	}
	return m.input(k)
}

// previewKey scrolls the previews.
func (m *Model) previewKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Up):
		m.preview = max(m.preview-1, 0)
	case key.Matches(k, m.keys.Down):
		m.preview++
	case key.Matches(k, m.keys.ScheduleEnter):
		return m.submit(true)
	}
	return nil
}
