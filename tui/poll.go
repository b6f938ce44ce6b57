package tui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"cmdeck/tui/common"
)

// pollMsg says it is time to look at the data version again.
type pollMsg struct{}

// ageTickMsg says a minute passed: relative ages need redrawing.
type ageTickMsg struct{}

// versionMsg is one DataVersion answer. force is set when a sync event
// already said new items arrived: the panes reload whatever the version.
type versionMsg struct {
	version int64
	err     error
	force   bool
}

// queryVersion reads the store's data version in a Cmd.
func (m *Model) queryVersion(force bool) tea.Cmd {
	src := m.opts.Source
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), queryTimeout)
		defer cancel()
		v, err := src.DataVersion(ctx)
		return versionMsg{version: v, err: err, force: force}
	}
}

// onVersion announces a change to the panes when the version moved (another
// process wrote) or when forced, and keeps the poll going. The first answer
// only sets the baseline: the panes load on Init anyway.
func (m *Model) onVersion(msg versionMsg) tea.Cmd {
	changed := msg.err == nil && m.versionSeen && msg.version != m.version
	if msg.err == nil {
		m.version, m.versionSeen = msg.version, true
	}
	var cmds []tea.Cmd
	if changed || msg.force {
		cmds = append(cmds, m.dataChanged(common.DataChangedMsg{Version: m.version}))
	}
	if !msg.force {
		// Only the poll's own answers schedule the next poll: one chain.
		cmds = append(cmds, m.after(versionPoll, pollMsg{}))
	}
	return tea.Batch(cmds...)
}

// dataChanged refreshes the counts, the crises and the alerts to announce,
// and tells every pane to re-query.
func (m *Model) dataChanged(msg common.DataChangedMsg) tea.Cmd {
	return tea.Batch(m.queryStatus(), m.queryCrises(0), m.queryAlerts(), m.broadcast(msg))
}

// scheduleAgeTick arms the next minute tick.
func (m *Model) scheduleAgeTick() tea.Cmd {
	return m.after(ageTick, ageTickMsg{})
}

// tick is the real timer behind Model.after: msg arrives d from now.
func tick(d time.Duration, msg tea.Msg) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return msg })
}
