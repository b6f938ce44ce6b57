package calendar

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// Every read asks for the visible period only: the week's posts, the
// month's per-day counts with the few titles a cell shows (MonthDays), or
// the agenda's month a page at a time by keyset. Reads run in Cmds and
// carry the sequence number of their request; a result that is not the
// latest is dropped.

const (
	queryTimeout = 10 * time.Second
	// weekPage and maxWeekPosts bound a week's read: pages of the store's
	// largest size, up to a week no CM plans by hand.
	weekPage     = 1000
	maxWeekPosts = 5000
	// agendaPage is one page of the agenda; the next is read when the
	// cursor comes within agendaAhead rows of the end.
	agendaPage  = 200
	agendaAhead = 40
)

// errNoSource is what every read answers when the pane has no source.
var errNoSource = errors.New("calendar: no data source")

// loadKey is what a load shows: a view's period under a filter, and for
// the month how many titles per day.
type loadKey struct {
	view            viewKind
	from, to        time.Time
	client, account int64
	perDay          int
}

// query is the store query of the key.
func (k loadKey) query() store.PostQuery {
	return store.PostQuery{From: k.from.UTC(), To: k.to.UTC(), ClientID: k.client, AccountID: k.account}
}

// loadedMsg is a period's posts (week, agenda) or days (month).
type loadedMsg struct {
	seq       int
	key       loadKey
	posts     []store.PostView
	days      []store.DayCount
	more      bool // the agenda has another page
	truncated bool // the week has more than maxWeekPosts posts
	err       error
}

// pageMsg is the agenda's next page.
type pageMsg struct {
	seq   int
	key   loadKey
	posts []store.PostView
	more  bool
	err   error
}

// directoryMsg is the workspace's clients and accounts, for names, the
// filters and the composer.
type directoryMsg struct {
	clients  []core.Client
	accounts []store.AccountSync
	err      error
}

func queryContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), queryTimeout)
}

// wantKey is the load the pane's state asks for now.
func (m *Model) wantKey() loadKey {
	from, to := period(m.view, m.at, m.ctx.Loc)
	k := loadKey{view: m.view, from: from, to: to, client: m.filter.client, account: m.filter.account}
	if m.view == viewMonth {
		k.perDay = m.monthTitles()
	}
	return k
}

// load reads what the pane shows now, unless writes are in flight: their
// optimistic changes must not be overwritten by a read that may predate
// them, so the read waits for the last one (see writes.go).
func (m *Model) load() tea.Cmd {
	if m.inflight > 0 {
		m.reloadAfter = true
		return nil
	}
	m.seq++
	m.loading = true
	m.asking = m.wantKey()
	key, seq, src, loc := m.asking, m.seq, m.ctx.Source, m.ctx.Loc
	return func() tea.Msg {
		msg := loadedMsg{seq: seq, key: key}
		if src == nil {
			msg.err = errNoSource
			return msg
		}
		ctx, cancel := queryContext()
		defer cancel()
		switch key.view {
		case viewMonth:
			msg.days, msg.err = src.MonthDays(ctx, key.query(), loc, key.perDay)
		case viewAgenda:
			q := key.query()
			q.Limit = agendaPage
			msg.posts, msg.err = src.CalendarPosts(ctx, q)
			msg.more = len(msg.posts) == agendaPage
		default:
			msg.posts, msg.truncated, msg.err = readWeek(ctx, src, key.query())
		}
		return msg
	}
}

// readWeek reads a week page by page, up to maxWeekPosts.
func readWeek(ctx context.Context, src common.CalendarSource, q store.PostQuery) ([]store.PostView, bool, error) {
	var out []store.PostView
	q.Limit = weekPage
	for len(out) < maxWeekPosts {
		page, err := src.CalendarPosts(ctx, q)
		if err != nil {
			return nil, false, err
		}
		out = append(out, page...)
		if len(page) < weekPage {
			return out, false, nil
		}
		last := page[len(page)-1]
		q.AfterAt, q.AfterID = last.At, last.ID
	}
	return out, true, nil
}

// loadPage reads the agenda's next page, after the last row loaded.
func (m *Model) loadPage() tea.Cmd {
	d := &m.data
	if d.key.view != viewAgenda || !d.more || m.paging || len(d.posts) == 0 || m.inflight > 0 ||
		m.postIndex(m.sel) < len(d.posts)-agendaAhead {
		return nil
	}
	m.paging = true
	key, seq, src := d.key, m.seq, m.ctx.Source
	last := d.posts[len(d.posts)-1]
	return func() tea.Msg {
		msg := pageMsg{seq: seq, key: key}
		if src == nil {
			msg.err = errNoSource
			return msg
		}
		ctx, cancel := queryContext()
		defer cancel()
		q := key.query()
		q.Limit, q.AfterAt, q.AfterID = agendaPage, last.At, last.ID
		msg.posts, msg.err = src.CalendarPosts(ctx, q)
		msg.more = len(msg.posts) == agendaPage
		return msg
	}
}

// loadDirectory reads the clients and accounts.
func (m *Model) loadDirectory() tea.Cmd {
	src := m.ctx.Source
	return func() tea.Msg {
		if src == nil {
			return directoryMsg{err: errNoSource}
		}
		ctx, cancel := queryContext()
		defer cancel()
		var msg directoryMsg
		if msg.clients, msg.err = src.Clients(ctx); msg.err == nil {
			msg.accounts, msg.err = src.Accounts(ctx)
		}
		return msg
	}
}

// reloadIfMoved loads again when the state now asks for another period,
// filter or month size than what is loaded or loading.
func (m *Model) reloadIfMoved() tea.Cmd {
	if m.wantKey() == m.asking {
		return nil
	}
	return m.load()
}
