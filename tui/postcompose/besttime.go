package postcompose

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/tui/common"
)

// Best times: when the ticked accounts' own posts drew the most
// engagement, from their last bestHistory of published posts
// (core.BestTimes). The line under the time shows the best three; ctrl+b
// puts the next occurrence of the best in the time field, and again the
// next one in the ranking.

const (
	bestHistory = 90 * 24 * time.Hour
	bestPosts   = 2000 // posts read at most
	bestShown   = 3
	bestTimeout = 5 * time.Second
)

// bestState is what the composer knows of the ticked accounts' best times.
type bestState struct {
	seq     int     // the latest query; older answers are dropped
	ids     []int64 // the accounts asked about (sorted)
	asked   bool    // ids were asked about (answered or not)
	loading bool
	times   []core.BestTime
	posts   int   // published posts the answer rests on
	err     error // the read failed
	next    int   // which best time ctrl+b gives next
}

// bestMsg is a query's answer, ranked in the Cmd (off the event loop).
type bestMsg struct {
	seq   int
	times []core.BestTime
	posts int // published posts read
	err   error
}

// Init starts what the composer reads on opening: the best times of the
// accounts it opens with.
func (m *Model) Init() tea.Cmd { return m.refreshBest() }

// refreshBest reads the ticked accounts' history when they changed since
// the last read.
func (m *Model) refreshBest() tea.Cmd {
	ids := m.Checked()
	slices.Sort(ids)
	if m.best.asked && slices.Equal(ids, m.best.ids) {
		return nil
	}
	m.best = bestState{seq: m.best.seq + 1, ids: ids, asked: true}
	if len(ids) == 0 || m.ctx.Source == nil {
		return nil
	}
	m.best.loading = true
	seq, src, loc, since := m.best.seq, m.ctx.Source, m.ctx.Loc, m.ctx.Clock.Now().Add(-bestHistory)
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), bestTimeout)
		defer cancel()
		posts, err := src.PublishedEngagement(ctx, ids, since, bestPosts)
		if err != nil {
			return bestMsg{seq: seq, err: err}
		}
		return bestMsg{seq: seq, times: core.BestTimes(posts, loc, bestShown), posts: len(posts)}
	}
}

// bestRead ranks an answer, if it is the latest.
func (m *Model) bestRead(msg bestMsg) {
	if msg.seq != m.best.seq {
		return
	}
	m.best.loading, m.best.err, m.best.posts, m.best.times = false, msg.err, msg.posts, msg.times
}

// useBest puts the next occurrence of the next best time in the time field.
func (m *Model) useBest() {
	if len(m.best.times) == 0 {
		m.notice = notice{text: m.bestText(), bad: true}
		return
	}
	b := m.best.times[m.best.next%len(m.best.times)]
	m.best.next++
	at := b.Next(m.ctx.Clock.Now(), m.ctx.Loc)
	m.when.SetValue(FormatWhen(at, m.ctx.Loc))
	m.when.CursorEnd()
	m.reparse()
	m.notice = notice{text: m.t.T("calendar.compose.best.used", m.bestSlot(b), m.lift(b.Lift), b.Posts)}
}

// bestText is the line under the time: the best times, or why there are
// none.
func (m *Model) bestText() string {
	b := m.best
	switch {
	case len(b.ids) == 0:
		return m.t.T("calendar.compose.best.no_account")
	case b.loading:
		return "…"
	case b.err != nil:
		return m.t.T("calendar.compose.best.error")
	case len(b.times) == 0 && b.posts < core.BestTimesMinPosts:
		return m.t.T("calendar.compose.best.few", b.posts, core.BestTimesMinPosts)
	case len(b.times) == 0:
		return m.t.T("calendar.compose.best.flat", b.posts)
	}
	parts := make([]string, len(b.times))
	for i, bt := range b.times {
		parts[i] = m.bestSlot(bt) + " " + m.lift(bt.Lift)
	}
	return m.t.T("calendar.compose.best.times", strings.Join(parts, " · "), b.posts)
}

// bestSlot is "Tue 18:00" in the user's language.
func (m *Model) bestSlot(b core.BestTime) string {
	return m.t.T(fmt.Sprintf("panes.common.weekday.short.%d", int(b.Weekday))) + fmt.Sprintf(" %02d:00", b.Hour)
}

// lift is "+35%" ("+35 %" in French).
func (m *Model) lift(l float64) string { return "+" + m.t.T("panes.common.percent", int(l*100+0.5)) }

// bestLine is the labelled line, muted but for the times themselves.
func (m *Model) bestLine(g geometry) string {
	label := m.st.Muted.Render(common.Fit(m.t.T("calendar.compose.label.best"), g.labelW-2))
	text := m.bestText()
	if len(m.best.times) == 0 {
		text = m.st.Muted.Render(text)
	}
	return "  " + label + text
}
