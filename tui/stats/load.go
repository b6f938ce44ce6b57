package stats

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	metrics "cmdeck/stats"
)

// Reads run in Cmds and carry the sequence number of their request; a
// result that is not the latest is dropped. A load reads the clients,
// then computes the chosen client's report (two ClientMetrics reads: the
// period and the one before). The figures cost about 100 ms on a million
// items, so a data change reloads at most every reloadEvery; keys (another
// client, another period) load at once.

const (
	queryTimeout = 30 * time.Second
	reloadEvery  = 30 * time.Second
)

// errNoSource is what a load answers when the pane has no source.
var errNoSource = errors.New("stats: no data source")

// data is the report shown and the state of its reads.
type data struct {
	seq      int
	loading  bool
	loaded   bool // a report (or the absence of clients) is shown
	err      error
	rep      metrics.Report
	span     span  // the period the report covers
	client   int64 // the client it is about
	lastLoad time.Time
	// pending is true while a data change waits for reloadEvery to pass.
	pending bool
}

// loadedMsg is one load's result.
type loadedMsg struct {
	seq     int
	span    span
	clients []core.Client
	client  int64 // the client computed; 0 when there is none
	rep     metrics.Report
	err     error
}

// load reads the clients and the chosen client's report for the chosen
// period (the first client when none is chosen or it left).
func (m *Model) load() tea.Cmd {
	d := &m.data
	d.seq++
	d.loading, d.pending = true, false
	now := m.ctx.Clock.Now()
	d.lastLoad = now
	seq, src, want, sp := d.seq, m.ctx.Source, m.client, m.span
	p := sp.period(now, m.ctx.Loc)
	q := metrics.Query{From: p.From, To: p.To, Loc: m.ctx.Loc, Reports: m.opts.reports}
	hours := m.opts.hours
	return func() tea.Msg {
		msg := loadedMsg{seq: seq, span: sp}
		if src == nil {
			msg.err = errNoSource
			return msg
		}
		ctx, cancel := context.WithTimeout(context.Background(), queryTimeout)
		defer cancel()
		if msg.clients, msg.err = src.Clients(ctx); msg.err != nil {
			return msg
		}
		if msg.client = chooseClient(msg.clients, want); msg.client == 0 {
			return msg
		}
		q.ClientID = msg.client
		if hours != nil {
			q.BusinessHours = hours(msg.client)
		}
		msg.rep, msg.err = metrics.Compute(ctx, src, q)
		return msg
	}
}

// chooseClient is want when it is among the clients, else the first.
func chooseClient(clients []core.Client, want int64) int64 {
	for _, c := range clients {
		if c.ID == want {
			return want
		}
	}
	if len(clients) == 0 {
		return 0
	}
	return clients[0].ID
}

// apply takes the latest load. A failed one keeps the figures shown.
func (m *Model) apply(msg loadedMsg) {
	d := &m.data
	if msg.seq != d.seq {
		return
	}
	d.loading = false
	if msg.clients != nil || msg.err == nil {
		m.clients = msg.clients
	}
	if msg.err != nil {
		d.err = msg.err
		return
	}
	if msg.client != d.client {
		m.cursor, m.vp.Offset = 0, 0
	}
	m.client = msg.client
	d.err, d.loaded = nil, true
	d.rep, d.span, d.client = msg.rep, msg.span, msg.client
	m.cursor = clampIndex(m.cursor, m.rows())
}

// clampIndex keeps i in [0, n-1], 0 when n is 0.
func clampIndex(i, n int) int { return max(min(i, n-1), 0) }

// dataChanged reloads now when the last load is old enough; else the
// reload waits for the next change or minute tick past reloadEvery. No
// timer of its own: the root's minute tick is the pane's clock.
func (m *Model) dataChanged() tea.Cmd {
	d := &m.data
	if m.ctx.Clock.Now().Sub(d.lastLoad) >= reloadEvery || (m.empty() && !d.loading) {
		return m.load()
	}
	d.pending = true
	return nil
}

// empty reports that the figures shown count nothing, as on a new
// workspace before its first sync lands: reading them again costs little,
// and waiting reloadEvery would show zeros while the data is there.
func (m *Model) empty() bool {
	r := m.data.rep
	return m.data.loaded && r.Received.Cur.Value == 0 && r.Received.Prev.Value == 0 && len(r.Posts.Top) == 0
}

// tick retries a failed load, runs a reload a data change left waiting,
// and reloads when a new day moved the period.
func (m *Model) tick(now time.Time) tea.Cmd {
	d := &m.data
	if d.loading {
		return nil
	}
	if d.err != nil || (d.pending && now.Sub(d.lastLoad) >= reloadEvery) {
		return m.load()
	}
	if !d.loaded || d.client == 0 {
		return nil
	}
	p := m.span.period(now, m.ctx.Loc)
	if !p.From.Equal(d.rep.Period.From) || !p.To.Equal(d.rep.Period.To) {
		return m.load()
	}
	return nil
}
