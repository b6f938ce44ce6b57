package calendar

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/store"
)

const (
	// daysBack and daysAhead bound the agenda around today.
	daysBack  = 7
	daysAhead = 14
	// maxPosts caps one load; a CM's three weeks rarely hold more.
	maxPosts     = 500
	queryTimeout = 5 * time.Second
)

// loadedMsg carries one load's result back to the pane that asked.
type loadedMsg struct {
	seq      int
	today    time.Time // start of today in the display zone
	from, to time.Time
	posts    []core.Post
	clients  []core.Client
	accounts []store.AccountSync
	err      error
}

// window returns [from, to): midnight daysBack days ago to the end of the
// day daysAhead days ahead, in loc.
func window(now time.Time, loc *time.Location) (today, from, to time.Time) {
	y, mo, d := now.In(loc).Date()
	today = time.Date(y, mo, d, 0, 0, 0, 0, loc)
	from = time.Date(y, mo, d-daysBack, 0, 0, 0, 0, loc)
	to = time.Date(y, mo, d+daysAhead+1, 0, 0, 0, 0, loc)
	return today, from, to
}

// load starts a query in a Cmd; the Cmd only reads the copies it captured.
func (m *Model) load() tea.Cmd {
	m.seq++
	m.loading = true
	seq, src := m.seq, m.ctx.Source
	today, from, to := window(m.ctx.Clock.Now(), m.ctx.Loc)
	m.day = today
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), queryTimeout)
		defer cancel()
		msg := loadedMsg{seq: seq, today: today, from: from, to: to}
		if src == nil {
			return msg
		}
		msg.posts, msg.err = src.Posts(ctx, from.UTC(), to.UTC(), maxPosts)
		if msg.err != nil {
			return msg
		}
		msg.clients, msg.err = src.Clients(ctx)
		if msg.err != nil {
			return msg
		}
		msg.accounts, msg.err = src.Accounts(ctx)
		return msg
	}
}
