package alerts

import (
	"slices"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// The details of the selected alert: what it is and where it stands, its
// client's activity around it (volume and negative share per hour, with
// a mark where the alert began), then its newest matching items. Blank
// lines between the parts go first when room runs out, then the last
// items.

// detailLines are the selected alert's details, w cells wide, at most h
// lines.
func (m *Model) detailLines(w, h int) []string {
	a, ok := m.shownAlert()
	if !ok || w <= 0 || h <= 0 {
		return nil
	}
	head := m.detailHead(a)
	if !m.showsCursor() {
		// On the first line, not a line of its own: a line more would move
		// every line under it (over SSH, the whole block sent again).
		head[0] += m.ctx.Styles.Muted.Render(" · " + m.ctx.T.T("alerts.detail.other"))
	}
	parts := [][]string{head, m.activityLines(a, w), m.itemLines(a, w)}
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	var lines []string
	for i, p := range parts {
		if i > 0 && n+len(parts)-1 <= h {
			lines = append(lines, "")
		}
		lines = append(lines, p...)
	}
	return lines
}

// detailHead is the alert's name and client, its figures and state, what
// it is about, and the client's crisis mode.
func (m *Model) detailHead(a store.AlertView) []string {
	s, t := m.ctx.Styles, m.ctx.T
	mark, _, style := m.severityMark(a.Severity)
	head := []string{style.Render(mark) + " " + s.Bold.Render(m.ruleTitle(a)) + s.Muted.Render(" — ") +
		s.ClientStyle(a.ClientColor).Render(m.clientName(a))}
	facts := []string{common.Plural(t, "alerts.items", a.ItemCount),
		t.T("alerts.detail.first", m.when(a.FirstAt), common.Age(t, m.ctx.Clock.Now(), a.FirstAt, m.ctx.Loc)),
		t.T("alerts.detail.last", common.Age(t, m.ctx.Clock.Now(), a.LastAt, m.ctx.Loc))}
	if st := m.stateLong(a); st != "" {
		facts = append(facts, st)
	}
	head = append(head, s.Muted.Render(strings.Join(facts, " · ")))
	if about := m.alertTitle(a); about != "" {
		head = append(head, about)
	}
	if since, on := m.crises[a.ClientID]; on {
		head = append(head, s.Negative.Bold(true).Render("⚠ "+t.T("alerts.detail.crisis", m.when(since))))
	}
	return head
}

// stateLong says where the alert stands, "" when it is simply open.
func (m *Model) stateLong(a store.AlertView) string {
	t := m.ctx.T
	switch a.State {
	case store.AlertAcked:
		return "✓ " + t.T("alerts.state.acked")
	case store.AlertSnoozed:
		return "◷ " + t.T("alerts.state.snoozed", m.when(a.SnoozedUntil))
	case store.AlertResolved:
		return "✔ " + t.T("alerts.state.resolved", m.when(a.ResolvedAt))
	}
	return ""
}

// activityLines are the two sparklines and their time axis, or why they
// are not there yet.
func (m *Model) activityLines(a store.AlertView, w int) []string {
	s, t := m.ctx.Styles, m.ctx.T
	d := &m.detail
	switch {
	case d.err != nil && d.id == a.ID:
		return []string{s.Negative.Render("⚠ " + t.T("alerts.detail.error", d.err))}
	case !d.loaded || d.id != a.ID:
		return []string{s.Muted.Render(t.T("panes.loading"))}
	case len(d.hours.Volume) == 0:
		return []string{s.Muted.Render(t.T("alerts.detail.no_hours"))}
	}
	return m.sparklines(d.hours, w)
}

// sparklines draws the volume and the negative share per hour (several
// hours a cell when the window is wider than the room), the figures of
// the whole window after them, and the axis under them.
func (m *Model) sparklines(h store.AlertHours, w int) []string {
	s, t := m.ctx.Styles, m.ctx.T
	volLabel, negLabel := t.T("alerts.detail.volume"), t.T("alerts.detail.negative")
	labelW := max(lipgloss.Width(volLabel), lipgloss.Width(negLabel)) + 1
	total, neg, peak := sums(h)
	volFig := t.T("alerts.detail.volume_figures", common.Compact(total), common.Compact(peak))
	negFig := common.Percent(t, neg, total)
	figW := max(lipgloss.Width(volFig), lipgloss.Width(negFig)) + 1
	room := w - labelW - figW
	if room < 8 {
		figW, room = 0, w-labelW
	}
	if room < 1 {
		return nil
	}
	b := bucket(h, room)
	pad := strings.Repeat(" ", labelW)
	vol := common.Fit(volLabel, labelW) + s.Accent.Render(common.SparklineTo(b.volume, maxOf(b.volume)))
	negative := common.Fit(negLabel, labelW) + s.Negative.Render(common.SparklineTo(b.share, 100))
	if figW > 0 {
		vol += " " + s.Muted.Render(volFig)
		negative += " " + s.Muted.Render(negFig)
	}
	return []string{vol, negative, pad + s.Muted.Render(m.axis(h, b))}
}

// sums are the window's items, negative items, and busiest hour.
func sums(h store.AlertHours) (total, neg, peak int) {
	for i, v := range h.Volume {
		total += v
		peak = max(peak, v)
		if i < len(h.Negative) {
			neg += h.Negative[i]
		}
	}
	return total, neg, peak
}

func maxOf(vs []int) int {
	hi := 0
	for _, v := range vs {
		hi = max(hi, v)
	}
	return hi
}

// buckets are the hours grouped into cells: per hours a cell, grouped
// from the end so the latest cell is whole; the first may be shorter
// (skip is how many hours it lacks).
type buckets struct {
	volume, share []int // items, and the negative share in percent
	per, skip     int
}

// bucket groups h's hours into at most cells cells.
func bucket(h store.AlertHours, cells int) buckets {
	n := len(h.Volume)
	per := max((n+cells-1)/max(cells, 1), 1)
	count := (n + per - 1) / per
	b := buckets{per: per, skip: count*per - n, volume: make([]int, count), share: make([]int, count)}
	negs := make([]int, count)
	for i, v := range h.Volume {
		c := (i + b.skip) / per
		b.volume[c] += v
		if i < len(h.Negative) {
			negs[c] += h.Negative[i]
		}
	}
	for c, v := range b.volume {
		if v > 0 {
			b.share[c] = negs[c] * 100 / v
		}
	}
	return b
}

// axis is the line under the sparklines: when the window starts on the
// left, "now" (or when it ends) on the right, and ▲ under the hour the
// alert began. A label that would touch the mark is left out.
func (m *Model) axis(h store.AlertHours, b buckets) string {
	n := len(b.volume)
	cells := []rune(strings.Repeat(" ", n))
	mark := -1
	if !m.detail.alert.IsZero() {
		hour := int(m.detail.alert.Sub(h.From) / time.Hour)
		if hour >= 0 && hour < len(h.Volume) {
			mark = (hour + b.skip) / b.per
		}
	}
	// put writes the first of texts that fits at its place (right
	// aligned when right), clear of the mark and of what is written.
	used := make([]bool, n)
	put := func(right bool, texts ...string) {
		for _, text := range texts {
			r := []rune(text)
			at := 0
			if right {
				at = n - len(r)
			}
			if at < 0 || at+len(r) > n || (mark >= at-1 && mark <= at+len(r)) || slices.Contains(used[max(at-1, 0):min(at+len(r)+1, n)], true) {
				continue
			}
			copy(cells[at:], r)
			for i := range r {
				used[at+i] = true
			}
			return
		}
	}
	from, end := h.From.In(m.ctx.Loc), h.From.Add(time.Duration(len(h.Volume))*time.Hour)
	put(false, m.when(h.From), from.Format("15:04"))
	if now := m.ctx.Clock.Now(); end.Before(now.Add(-time.Hour)) {
		put(true, m.when(end), end.In(m.ctx.Loc).Format("15:04"))
	} else {
		put(true, m.ctx.T.T("panes.common.age.now"))
	}
	if mark >= 0 {
		cells[mark] = '▲'
	}
	return string(cells)
}

// itemLines are the alert's newest items under a heading.
func (m *Model) itemLines(a store.AlertView, w int) []string {
	s, t := m.ctx.Styles, m.ctx.T
	d := &m.detail
	if !d.loaded || d.id != a.ID {
		return nil
	}
	if len(d.items) == 0 {
		return []string{s.Muted.Render(t.T("alerts.detail.no_items"))}
	}
	lines := []string{s.Header.Render(t.T("alerts.detail.items", len(d.items), a.ItemCount))}
	now := m.ctx.Clock.Now()
	authorW := min(16, max(w/5, 6))
	for _, it := range d.items {
		mark, style := sentimentMark(s, it.Sentiment)
		author := common.OneLine(it.Author.Handle)
		if author == "" {
			author = common.OneLine(it.Author.Name)
		}
		lines = append(lines, style.Render(mark)+" "+
			s.Muted.Render(common.FitRight(common.Age(t, now, it.CreatedAt, m.ctx.Loc), 6))+" "+
			s.Accent.Render(common.Fit(author, authorW))+" "+common.OneLine(it.Body))
	}
	return lines
}

// sentimentMark marks an item's tone: − negative, + positive, · other.
func sentimentMark(s *common.Styles, st core.Sentiment) (string, lipgloss.Style) {
	switch st {
	case core.SentimentNegative:
		return "−", s.Negative
	case core.SentimentPositive:
		return "+", s.Positive
	}
	return "·", s.Muted
}
