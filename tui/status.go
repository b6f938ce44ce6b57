package tui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"cmdeck/store"
	"cmdeck/tui/common"
	"cmdeck/tui/health"
)

// status is what the status bar and the tab bar's right side show.
type status struct {
	seq      int // id of the latest status query; older answers are dropped
	loaded   bool
	err      error
	counts   store.StatusCounts
	clients  int
	syncing  bool      // a sync was asked for and no event came back yet
	lastSync time.Time // the latest sync event, or the store's last success
	readOnly bool      // another process holds the engine lease
	holder   string    // who holds it ("host:pid")
	// reauth lists the accounts whose token the network refused: the
	// status bar says how to connect them again until a sync works.
	reauth []store.AccountHealth
}

// statusMsg is one status query's answer.
type statusMsg struct {
	seq     int
	counts  store.StatusCounts
	clients int
	err     error
	health  []store.AccountHealth
	// healthErr keeps the last known health: the hint must not blink
	// away because one read failed.
	healthErr error
}

// queryStatus reads the status-bar counts and the number of clients in a Cmd.
func (m *Model) queryStatus() tea.Cmd {
	m.status.seq++
	seq, src := m.status.seq, m.opts.Source
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), queryTimeout)
		defer cancel()
		msg := statusMsg{seq: seq}
		if msg.counts, msg.err = src.Status(ctx); msg.err != nil {
			return msg
		}
		clients, err := src.Clients(ctx)
		msg.clients, msg.err = len(clients), err
		msg.health, msg.healthErr = src.AccountHealth(ctx)
		return msg
	}
}

// apply keeps the latest answer; an error keeps the last good counts.
func (s *status) apply(msg statusMsg) {
	if msg.seq != s.seq {
		return
	}
	s.err = msg.err
	if msg.healthErr == nil {
		s.reauth = health.NeedsReauth(msg.health)
	}
	if msg.err != nil {
		return
	}
	s.loaded, s.counts, s.clients = true, msg.counts, msg.clients
	if msg.counts.LastSync.After(s.lastSync) {
		s.lastSync = msg.counts.LastSync
	}
}

// onSync records what the engine reports and refreshes what depends on it:
// the counts (and the accounts' health) always, the panes when items came
// in, the open overlays (the accounts overlay shows sync health).
func (m *Model) onSync(ev common.SyncEvent) tea.Cmd {
	notify := tea.Batch(m.notifyOverlays(ev), m.announce(ev.Alerts))
	s := &m.status
	s.syncing = false
	s.readOnly, s.holder = !ev.LeaseHeld, ev.LeaseHolder
	if ev.Err == nil && ev.LeaseHeld && ev.At.After(s.lastSync) {
		s.lastSync = ev.At
	}
	if ev.NewItems > 0 || len(ev.Alerts) > 0 {
		// Read the version first, so the next poll does not announce the
		// same change a second time; the change refreshes the counts.
		return tea.Batch(notify, m.queryVersion(true))
	}
	return tea.Batch(notify, m.queryStatus())
}
