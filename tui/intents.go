package tui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"cmdeck/tui/common"
)

// The roles of a served deck, as config's serve.users names them.
const (
	RoleOwner  = "owner"  // everything
	RoleCM     = "cm"     // everything but the server admin actions
	RoleViewer = "viewer" // reads only: every intent is refused
)

// writerRole reports a role that may change things: the owner, a cm, or
// "" (the CM at this terminal). Anything else reads only.
func writerRole(role string) bool {
	switch role {
	case "", RoleOwner, RoleCM:
		return true
	}
	return false
}

// adminIntent reports the server admin actions (an admin account limiting
// or suspending someone on the whole server), which only the owner may use.
func adminIntent(k common.IntentKind) bool {
	return k == common.IntentSilence || k == common.IntentSuspend
}

// execute carries out an intent from a pane, the command line, the undo
// key or the outbox view: in a Cmd, since the executor writes to the store.
// A read-only session, a role that may not do it, or a deck without an
// executor refuses it at once.
func (m *Model) execute(in common.Intent) tea.Cmd {
	if text, refused := m.refusal(in); refused {
		return m.setFlash(text, true, flashTime)
	}
	exec := m.opts.Executor
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), execTimeout)
		defer cancel()
		out, err := exec.Execute(ctx, in)
		return common.OutcomeMsg{Intent: in, Outcome: out, Err: err}
	}
}

// refusal says why in may not run in this deck, if it may not.
func (m *Model) refusal(in common.Intent) (string, bool) {
	t := m.ctx.T
	switch {
	case m.opts.ReadOnly: // a viewer's deck is read-only too (New)
		return t.T("root.flash.read_only"), true
	case m.opts.Role == RoleCM && adminIntent(in.Kind):
		return t.T("root.flash.role_admin", m.opts.Role), true
	case m.opts.Executor == nil:
		return t.T("root.flash.no_executor"), true
	}
	return "", false
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
