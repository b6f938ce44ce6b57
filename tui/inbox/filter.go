package inbox

import (
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// What the list shows is three things combined: a quick filter (one key
// each, counted in the bar), the terms of a filter query (typed after f, or
// a saved filter from config, cycled with [ and ]), and a search (/).

// quickFilter is one of the single-key filters.
type quickFilter int

const (
	quickNeedsReply quickFilter = iota
	quickUnread
	quickAll
	quickDone
	quickHidden
	quickCount // how many there are
)

// quickFilters lists them in the bar's order.
func quickFilters() []quickFilter {
	return []quickFilter{quickNeedsReply, quickUnread, quickAll, quickDone, quickHidden}
}

// noState is a state no item has: a quick filter and a query asking for
// states that exclude each other (done and state:hidden) match nothing,
// whereas empty States would mean every state.
const noState core.ItemState = "-"

// apply narrows f to the quick filter.
func (q quickFilter) apply(f store.ItemFilter) store.ItemFilter {
	switch q {
	case quickNeedsReply:
		f.NeedsReply = true
	case quickUnread:
		f.Unread = true
	case quickDone:
		f.States = intersectStates(f.States, core.StateDone)
	case quickHidden:
		f.States = intersectStates(f.States, core.StateHidden, core.StateSpam)
	}
	return f
}

// intersectStates keeps the wanted states that have (every wanted one when
// have is empty, meaning "any state").
func intersectStates(have []core.ItemState, want ...core.ItemState) []core.ItemState {
	if len(have) == 0 {
		return want
	}
	var out []core.ItemState
	for _, s := range want {
		if slices.Contains(have, s) {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return []core.ItemState{noState}
	}
	return out
}

// label is the catalog key of the quick filter's name, long and short.
func (q quickFilter) label(short bool) string {
	keys := [quickCount][2]string{
		{"inbox.quick.needs_reply", "inbox.quick.needs_reply.short"},
		{"inbox.quick.unread", "inbox.quick.unread.short"},
		{"inbox.quick.all", "inbox.quick.all.short"},
		{"inbox.quick.done", "inbox.quick.done.short"},
		{"inbox.quick.hidden", "inbox.quick.hidden.short"},
	}
	if q < 0 || q >= quickCount {
		q = quickAll
	}
	if short {
		return keys[q][1]
	}
	return keys[q][0]
}

// filterState is the filter the list shows and the bar describes.
type filterState struct {
	quick  quickFilter
	saved  int              // index of the active saved filter, -1 none
	query  string           // the query in force, as typed or saved
	terms  store.ItemFilter // its terms, resolved (Query = its free words)
	search string           // the / search, "" none
	chip   chip             // one alert's items or one post's comments, until esc
	err    error            // why the last query typed could not be used
	bad    string           // that query

	seq int       // id of the latest resolve; older answers are dropped
	dir directory // clients and accounts, for the picker and names

	counts     [quickCount]int // per quick filter; -1 unknown
	countSeq   int
	countBusy  bool      // a count is running
	countStale bool      // the data changed while it ran: count again after
	countsDue  bool      // the data changed since the last count
	lastCount  time.Time // when the last count started
	countTimer bool      // a countDueMsg is on its way
	// countWait arms the timer for a throttled recount; tests that drive
	// time with the manual clock replace it.
	countWait func(d time.Duration) tea.Cmd
}

// countDueMsg comes back when a throttled recount may run, so counts never
// stay stale just because no key was pressed after the data changed.
type countDueMsg struct{}

// countEvery is the least time between two counts of the quick filters:
// on a big database they cost a second of the store's time (the "all"
// and "done" counts read most of the table), and syncs change the data
// often.
const countEvery = 5 * time.Second

// maybeCount recounts the quick filters when the data changed, the pane
// is on screen, and the last count is not too recent. Otherwise the counts
// stay due until a later message finds those true (a key, the minute tick).
func (f *filterState) maybeCount(src common.Source, visible bool, now time.Time) tea.Cmd {
	if !f.countsDue || !visible {
		return nil
	}
	if wait := countEvery - now.Sub(f.lastCount); !f.lastCount.IsZero() && wait > 0 {
		if f.countTimer {
			return nil
		}
		f.countTimer = true
		return f.countWait(wait)
	}
	f.countsDue = false
	f.lastCount = now
	return f.countAll(src)
}

func newFilterState() filterState {
	f := filterState{quick: quickAll, saved: -1, countWait: func(d time.Duration) tea.Cmd {
		return tea.Tick(d, func(time.Time) tea.Msg { return countDueMsg{} })
	}}
	for i := range f.counts {
		f.counts[i] = -1
	}
	return f
}

// effective is the filter the list pages through.
func (f *filterState) effective() store.ItemFilter {
	out := f.terms
	out.States = slices.Clone(out.States)
	if s := strings.TrimSpace(f.search); s != "" {
		out.Query = strings.TrimSpace(out.Query + " " + s)
	}
	out.IncomingOnly = true // our replies show inside threads
	out.AlertID, out.PostID = f.chip.alertID, f.chip.postID
	return f.quick.apply(out)
}

// narrowed reports a query, saved filter or search on top of the quick
// filter (what esc clears).
func (f *filterState) narrowed() bool {
	return f.query != "" || f.search != "" || f.saved >= 0 || f.err != nil || f.chip.on()
}

// countsMsg answers a count of every quick filter.
type countsMsg struct {
	seq    int
	counts [quickCount]int
	err    error
}

// countAll counts every quick filter over the whole inbox, in one Cmd.
// Only one count runs at a time: a change while it runs marks it stale
// and one more count follows, however many changes there were.
func (f *filterState) countAll(src common.Source) tea.Cmd {
	if f.countBusy {
		f.countStale = true
		return nil
	}
	f.countBusy, f.countStale = true, false
	f.countSeq++
	seq := f.countSeq
	return func() tea.Msg {
		msg := countsMsg{seq: seq}
		if src == nil {
			msg.err = errNoSource
			return msg
		}
		ctx, cancel := queryContext()
		defer cancel()
		for _, q := range quickFilters() {
			n, err := src.CountItems(ctx, q.apply(store.ItemFilter{IncomingOnly: true}))
			if err != nil {
				msg.err = err
				return msg
			}
			msg.counts[q] = n
		}
		return msg
	}
}

// applyCounts takes the counts, and counts again if they are stale.
func (f *filterState) applyCounts(msg countsMsg, src common.Source) tea.Cmd {
	if msg.seq != f.countSeq {
		return nil
	}
	f.countBusy = false
	if msg.err == nil {
		f.counts = msg.counts
	}
	if f.countStale {
		return f.countAll(src)
	}
	return nil
}

// filterAction runs the filter and search actions.
func (m *Model) filterAction(name, args string, fromCmd bool) tea.Cmd {
	switch name {
	case actNeedsReply:
		return m.setQuick(quickNeedsReply)
	case actUnread:
		return m.setQuick(quickUnread)
	case actAll:
		return m.setQuick(quickAll)
	case actDoneFilter:
		return m.setQuick(quickDone)
	case actHidden:
		return m.setQuick(quickHidden)
	case actPrevFilter:
		return m.cycleSaved(-1)
	case actNextFilter:
		return m.cycleSaved(1)
	case actSearch:
		if fromCmd {
			return m.setSearch(args)
		}
		m.openSearch()
	case actFilter:
		if fromCmd && strings.TrimSpace(args) != "" {
			return m.applyQuery(args, -1)
		}
		m.openFacets()
		return fetchDirectory(m.list.src) // names may have changed since Init
	}
	return nil
}

// setQuick switches the quick filter, keeping a typed query and the
// search. A saved filter is a tab of its own: leaving it for a quick
// filter drops its query.
func (m *Model) setQuick(q quickFilter) tea.Cmd {
	f := &m.filter
	if f.quick == q && f.saved < 0 && m.list.loaded {
		return nil
	}
	if f.saved >= 0 {
		f.seq++
		f.saved, f.query, f.terms = -1, "", store.ItemFilter{}
	}
	f.quick = q
	return m.reloadFilter()
}

// setSearch searches (newest first); "" ends the search.
func (m *Model) setSearch(s string) tea.Cmd {
	m.filter.search = strings.TrimSpace(common.OneLine(s))
	return m.reloadFilter()
}

// applyQuery parses a query and starts resolving its names; the list
// changes when the answer comes (onResolved). A mistake is shown in the
// header and the list stays as it was.
func (m *Model) applyQuery(text string, saved int) tea.Cmd {
	text = strings.TrimSpace(common.OneLine(text))
	q, err := parseFilterQuery(text)
	m.filter.seq++
	if err != nil {
		m.filter.err, m.filter.bad = err, text
		return nil
	}
	return resolveQuery(m.list.src, m.filter.seq, text, saved, q, m.filter.dir)
}

// onResolved puts a resolved query in force.
func (m *Model) onResolved(msg resolvedMsg) tea.Cmd {
	if msg.seq != m.filter.seq {
		return nil
	}
	if msg.dir.loaded {
		m.filter.dir = msg.dir
	}
	if msg.err != nil {
		m.filter.err, m.filter.bad = msg.err, msg.text
		return nil
	}
	m.filter.err, m.filter.bad = nil, ""
	m.filter.query, m.filter.terms, m.filter.saved = msg.text, msg.filter, msg.saved
	if msg.saved >= 0 {
		m.filter.quick = quickAll // a saved filter says all it wants
		m.filter.chip = chip{}
	}
	return m.reloadFilter()
}

// cycleSaved moves to the next (or previous) saved filter; past the last
// one comes "no saved filter", then the first again.
func (m *Model) cycleSaved(delta int) tea.Cmd {
	saved := m.savedFilters()
	n := len(saved)
	if n == 0 {
		m.notice = notice{text: m.t.T("inbox.saved.none")}
		return nil
	}
	// Positions 0..n-1 are the saved filters, n is "none".
	pos := m.filter.saved
	if pos < 0 {
		pos = n
	}
	pos = ((pos+delta)%(n+1) + n + 1) % (n + 1)
	if pos == n {
		return m.clearFilters()
	}
	return m.applyQuery(saved[pos].Query, pos)
}

// clearFilters drops the query, saved filter and search, back to the
// quick filter alone.
func (m *Model) clearFilters() tea.Cmd {
	m.filter.seq++ // a resolve on its way is no longer wanted
	m.filter.query, m.filter.search, m.filter.saved = "", "", -1
	m.filter.chip = chip{}
	m.filter.terms = store.ItemFilter{}
	m.filter.err, m.filter.bad = nil, ""
	return m.reloadFilter()
}

// reloadFilter reloads the list from the top under the filter in force.
// The selection is dropped: acting on items the list no longer shows
// would surprise.
func (m *Model) reloadFilter() tea.Cmd {
	m.sel.clear()
	m.thread.focused = false
	return tea.Batch(m.list.setFilter(m.filter.effective()), m.list.count())
}
