package tui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"cmdeck/store"
	"cmdeck/tui/common"
)

// The engine announces the alerts it opens to the deck that runs it. A deck
// that does not run it (a daemon, or another deck, holds the lease) learns
// of new alerts from the store instead: whenever the data changes it reads
// the live alerts and announces the open ones newer than any it has seen.
// The alerts already open when the deck starts are never announced, and
// the notifier's memory keeps an alert announced by both ways from ringing
// twice.

// alertWatchLimit bounds the live alerts read per data change: new ones
// sort first within their severity, and more than this many opening
// between two polls would be announced as the first of them anyway.
const alertWatchLimit = 50

// alertsReadMsg answers a read of the live alerts.
type alertsReadMsg struct {
	alerts []store.AlertView
	err    error
}

// queryAlerts reads the live alerts in a Cmd.
func (m *Model) queryAlerts() tea.Cmd {
	src := m.ctx.Source
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), queryTimeout)
		defer cancel()
		list, err := src.Alerts(ctx, store.AlertQuery{Limit: alertWatchLimit})
		return alertsReadMsg{alerts: list, err: err}
	}
}

// onAlertsRead announces the open alerts newer than the newest seen; the
// first read only sets the mark.
func (m *Model) onAlertsRead(msg alertsReadMsg) tea.Cmd {
	if msg.err != nil {
		return nil // the next data change reads again
	}
	first := !m.alertMarkSet
	mark := m.alertMark
	var fresh []common.AlertNotice
	for _, a := range msg.alerts {
		mark = max(mark, a.ID)
		if first || a.ID <= m.alertMark || a.State != store.AlertOpen {
			continue
		}
		fresh = append(fresh, common.AlertNotice{ID: a.ID, ClientID: a.ClientID, ClientSlug: a.ClientSlug,
			Rule: a.Rule, Severity: a.Severity, Title: a.Title, ItemCount: a.ItemCount})
	}
	m.alertMark, m.alertMarkSet = mark, true
	return m.announce(fresh)
}
