package alerts

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// Reads run in Cmds and carry the sequence number of their request; a
// result that is not the latest is dropped. The list is read a page at a
// time by keyset (store.AlertQuery); a reload reads as many rows as are
// shown, so the cursor keeps its alert. The details (items, hours) are
// read for the selected alert only.

const (
	queryTimeout = 5 * time.Second
	// pageSize is one page of alerts; the next is read when the cursor
	// comes within pageAhead rows of the end.
	pageSize  = 100
	pageAhead = 20
	// maxReload caps what a reload reads at once: past it, the pages
	// after come back as the cursor goes down.
	maxReload = 1000
	// detailItems is how many of the alert's newest items the details list.
	detailItems = 8
	// hoursBefore is how much of the client's activity before the alert
	// the sparklines show, and hoursAfter how much after its last item
	// (up to now); maxHours bounds the whole window.
	hoursBefore = 24
	hoursAfter  = 24
	maxHours    = 7 * 24
)

// errNoSource is what every read answers when the pane has no source.
var errNoSource = errors.New("alerts: no data source")

func queryContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), queryTimeout)
}

// alertList is the alerts shown and the state of their reads.
type alertList struct {
	seq     int
	rows    []store.AlertView
	loaded  bool
	more    bool // the last page was full: there may be more after it
	paging  bool // the next page is being read
	loading bool
	err     error
}

// loadedMsg is a (re)load of the list from the top.
type loadedMsg struct {
	seq     int
	rows    []store.AlertView
	clients []core.Client
	limit   int
	err     error
}

// pageMsg is the page after the last row.
type pageMsg struct {
	seq   int
	after int64 // the id of the row it follows
	rows  []store.AlertView
	err   error
}

// query is the list's query under the pane's view and filter.
func (m *Model) query(limit int) store.AlertQuery {
	return store.AlertQuery{History: m.history, ClientID: m.client, Limit: limit}
}

// load reads the list from the top, as many rows as are shown (at least
// a page). While a write is in flight it waits for its answer.
func (m *Model) load() tea.Cmd {
	if m.inflight > 0 {
		m.reloadAfter = true
		return nil
	}
	m.list.seq++
	m.list.loading, m.list.paging = true, false
	seq, src := m.list.seq, m.ctx.Source
	limit := min(max(len(m.list.rows), pageSize), maxReload)
	q := m.query(limit)
	return func() tea.Msg {
		msg := loadedMsg{seq: seq, limit: limit}
		if src == nil {
			msg.err = errNoSource
			return msg
		}
		ctx, cancel := queryContext()
		defer cancel()
		if msg.rows, msg.err = src.Alerts(ctx, q); msg.err != nil {
			return msg
		}
		msg.clients, msg.err = src.Clients(ctx)
		return msg
	}
}

// apply takes the latest load, keeping the selected alert selected, and
// reads its details again (the data changed, or the hour turned).
func (m *Model) apply(msg loadedMsg) tea.Cmd {
	if msg.seq != m.list.seq {
		return nil
	}
	m.list.loading = false
	if msg.err != nil {
		m.list.err = msg.err
		return nil
	}
	selected := m.selectedID()
	m.list.err, m.list.loaded = nil, true
	m.list.rows, m.list.more = msg.rows, len(msg.rows) >= msg.limit
	m.clients = msg.clients
	for i, a := range m.list.rows {
		if a.ID == selected {
			m.cursor = i
		}
	}
	m.cursor = common.Clamp(m.cursor, len(m.list.rows))
	m.follow()
	return tea.Batch(m.loadDetail(), m.loadPage())
}

// loadPage reads the page after the last row when the cursor is near it.
func (m *Model) loadPage() tea.Cmd {
	l := &m.list
	if !l.loaded || !l.more || l.paging || l.loading || len(l.rows) == 0 ||
		m.cursor < len(l.rows)-pageAhead {
		return nil
	}
	l.paging = true
	last := l.rows[len(l.rows)-1]
	q := m.query(pageSize)
	q.AfterRank, q.AfterAt, q.AfterID = severityRank(last.Severity), keyTime(last, m.history), last.ID
	seq, src := l.seq, m.ctx.Source
	return func() tea.Msg {
		msg := pageMsg{seq: seq, after: last.ID}
		if src == nil {
			msg.err = errNoSource
			return msg
		}
		ctx, cancel := queryContext()
		defer cancel()
		msg.rows, msg.err = src.Alerts(ctx, q)
		return msg
	}
}

// applyPage appends the next page, if it still follows the last row.
func (m *Model) applyPage(msg pageMsg) {
	l := &m.list
	if msg.seq != l.seq || len(l.rows) == 0 || l.rows[len(l.rows)-1].ID != msg.after {
		return
	}
	l.paging = false
	if msg.err != nil {
		l.err = msg.err
		return
	}
	l.rows = append(l.rows, msg.rows...)
	l.more = len(msg.rows) >= pageSize
}

// severityRank orders severities as the store sorts them (AlertQuery's
// AfterRank): critical first.
func severityRank(s core.Severity) int {
	switch s {
	case core.SeverityCritical:
		return 2
	case core.SeverityWarning:
		return 1
	}
	return 0
}

// keyTime is a row's time in the list's order: when it was resolved in
// the history, its last item otherwise.
func keyTime(a store.AlertView, history bool) time.Time {
	if history && !a.ResolvedAt.IsZero() {
		return a.ResolvedAt
	}
	return a.LastAt
}

// detail is the selected alert's items and its client's hours.
type detail struct {
	seq    int
	id     int64 // the alert they belong to
	loaded bool
	items  []store.ItemView
	hours  store.AlertHours
	alert  time.Time // the hour the alert began, for the sparkline's mark
	err    error
}

// detailMsg is one read of the details.
type detailMsg struct {
	seq   int
	id    int64
	items []store.ItemView
	hours store.AlertHours
	err   error
}

// loadDetail reads the selected alert's newest items and its client's
// hours around it; with nothing selected it clears the details.
func (m *Model) loadDetail() tea.Cmd {
	m.detail.seq++
	a, ok := m.shownAlert()
	if !ok {
		m.detail = detail{seq: m.detail.seq}
		return nil
	}
	if m.detail.id != a.ID {
		m.detail = detail{seq: m.detail.seq, id: a.ID}
	}
	m.detail.alert = a.FirstAt
	seq, src := m.detail.seq, m.ctx.Source
	from, to := hoursWindow(a, m.ctx.Clock.Now())
	return func() tea.Msg {
		msg := detailMsg{seq: seq, id: a.ID}
		if src == nil {
			msg.err = errNoSource
			return msg
		}
		ctx, cancel := queryContext()
		defer cancel()
		f := store.ItemFilter{AlertID: a.ID, IncomingOnly: true}
		if msg.items, msg.err = src.ListItems(ctx, f, store.PageKey{}, store.Older, detailItems); msg.err != nil {
			return msg
		}
		msg.hours, msg.err = src.ClientHours(ctx, a.ClientID, from, to)
		return msg
	}
}

// apply takes the latest read of the details.
func (d *detail) apply(msg detailMsg) {
	if msg.seq != d.seq || msg.id != d.id {
		return
	}
	d.err = msg.err
	if msg.err != nil {
		return
	}
	d.loaded, d.items, d.hours = true, msg.items, msg.hours
}

// hoursWindow is the span the sparklines cover: from a day before the
// alert's first item to a day after its last, never past the current
// hour, whole hours, at most maxHours (the latest part is kept).
func hoursWindow(a store.AlertView, now time.Time) (from, to time.Time) {
	end := a.LastAt.Add(hoursAfter * time.Hour)
	if end.After(now) || a.LastAt.IsZero() {
		end = now
	}
	to = end.Truncate(time.Hour).Add(time.Hour)
	first := a.FirstAt
	if first.IsZero() || first.After(end) {
		first = end
	}
	from = first.Truncate(time.Hour).Add(-hoursBefore * time.Hour)
	if to.Sub(from) > maxHours*time.Hour {
		from = to.Add(-maxHours * time.Hour)
	}
	return from, to
}
