package tui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"cmdeck/tui/common"
)

// execute carries out an intent from a pane, the command line, the undo
// key or the outbox view: in a Cmd, since the executor writes to the store.
// A read-only session, or a deck without an executor, refuses it at once.
func (m *Model) execute(in common.Intent) tea.Cmd {
	t := m.ctx.T
	switch {
	case m.opts.ReadOnly:
		return m.setFlash(t.T("root.flash.read_only"), true, flashTime)
	case m.opts.Executor == nil:
		return m.setFlash(t.T("root.flash.no_executor"), true, flashTime)
	}
	exec := m.opts.Executor
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), execTimeout)
		defer cancel()
		out, err := exec.Execute(ctx, in)
		return common.OutcomeMsg{Intent: in, Outcome: out, Err: err}
	}
}

// onOutcome tells every pane (and the outbox view) what an intent did,
// says it in the status bar, and then has everything re-read the store:
// the version is read first, so the next poll does not announce this same
// write a second time.
func (m *Model) onOutcome(msg common.OutcomeMsg) tea.Cmd {
	text, isErr := m.outcomeText(msg)
	return tea.Batch(
		m.broadcast(msg),
		m.setFlash(text, isErr, m.flashLife(msg)),
		m.queryVersion(true),
	)
}
