package stats

import (
	"fmt"
	"strings"

	"cmdeck/store"
	"cmdeck/tui/common"
)

const (
	// wideAt switches from stacked cards to a table; perDayAt adds a column
	// per day to the table.
	wideAt   = 100
	perDayAt = 150
)

// View draws the pane in exactly its size.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	t, s := m.ctx.T, m.ctx.Styles
	lines := []string{m.summary()}
	switch {
	case m.err != nil && !m.loaded:
		lines = append(lines, "", "  "+s.Negative.Render(t.T("panes.stats.error", m.err)),
			"  "+s.Muted.Render(t.T("panes.error.retry")))
	case !m.loaded:
		lines = append(lines, "", "  "+s.Muted.Render(t.T("panes.loading")))
	default:
		body := m.body()
		m.vp.Clamp(len(body), m.bodyHeight())
		lines = append(lines, m.vp.Window(body, m.bodyHeight())...)
	}
	return common.Frame(lines, m.width, m.height)
}

// summary names the period and sums it up.
func (m *Model) summary() string {
	t, s := m.ctx.T, m.ctx.Styles
	if !m.loaded {
		return s.Header.Render(m.Title())
	}
	tot := total(m.activity)
	out := s.Header.Render(t.T("panes.stats.summary", common.ShortDate(t, m.since),
		common.ShortDate(t, m.until.AddDate(0, 0, -1)))) + s.Muted.Render(" · ") +
		common.Plural(t, "panes.stats.items", tot.Items) + " · " +
		t.T("panes.stats.to_reply", tot.NeedsReply)
	// A failed reload keeps the last data on screen; the error goes first
	// so a narrow screen cuts the counts, not the error.
	if m.err != nil {
		out = s.Negative.Render("⚠ "+t.T("panes.stats.error", m.err)) + s.Muted.Render(" · ") + out
	}
	return out
}

// body is every line under the summary, laid out for the pane's width.
func (m *Model) body() []string {
	if len(m.activity) == 0 {
		t, s := m.ctx.T, m.ctx.Styles
		out := []string{"", "  " + s.Bold.Render(t.T("panes.stats.empty"))}
		for _, l := range common.Wrap(t.T("panes.stats.empty_hint"), m.width-4) {
			out = append(out, "  "+s.Muted.Render(l))
		}
		return out
	}
	if m.width >= wideAt {
		return m.table()
	}
	return m.cards()
}

// cards stacks two lines per client for narrow screens: name and sparkline,
// then the figures.
func (m *Model) cards() []string {
	t, s := m.ctx.T, m.ctx.Styles
	var out []string
	for _, a := range m.activity {
		spark := common.Sparkline(a.PerDay)
		nameW := max(m.width-4-len(a.PerDay)-1, 1)
		name := s.ClientStyle(a.Client.Color).Bold(true).Render(common.Fit(common.OneLine(a.Client.Name), nameW))
		figures := strings.Join([]string{
			common.Plural(t, "panes.stats.items", a.Items),
			t.T("panes.stats.to_reply", a.NeedsReply),
			common.Plural(t, "panes.stats.replied", a.Replied),
			t.T("panes.stats.negative", common.Percent(t, a.Negative, a.Items)),
		}, " · ")
		out = append(out, "", "  "+name+" "+s.Accent.Render(spark), "    "+s.Muted.Render(figures))
	}
	return out
}

// table is one row per client and a total, for wide screens; very wide
// screens also get the count of each day.
func (m *Model) table() []string {
	t, s := m.ctx.T, m.ctx.Styles
	num := []string{"panes.stats.col.items", "panes.stats.col.to_reply", "panes.stats.col.replied",
		"panes.stats.col.answered", "panes.stats.col.negative", "panes.stats.col.positive"}
	perDay := m.width >= perDayAt
	fixed := len(num)*11 + 9 // figures, then the sparkline
	if perDay {
		fixed += days * 6
	}
	nameW := min(max(m.width-2-fixed, 10), 32)
	head := common.Fit(t.T("panes.stats.col.client"), nameW)
	for _, k := range num {
		head += common.FitRight(t.T(k), 11)
	}
	head += "  " + common.Fit(t.T("panes.stats.col.trend"), 7)
	if perDay {
		for i := range days {
			head += common.FitRight(common.WeekdayShort(t, m.since.AddDate(0, 0, i)), 6)
		}
	}
	out := []string{"", "  " + s.Header.Render(head)}
	for _, a := range m.activity {
		name := s.ClientStyle(a.Client.Color).Render(common.Fit(common.OneLine(a.Client.Name), nameW))
		out = append(out, "  "+name+m.tableFigures(a, perDay))
	}
	out = append(out, "  "+s.Bold.Render(common.Fit(t.T("panes.stats.total"), nameW)+m.tableFigures(total(m.activity), perDay)))
	return out
}

// tableFigures is a table row after the name.
func (m *Model) tableFigures(a store.ClientActivity, perDay bool) string {
	t := m.ctx.T
	answered := a.Replied + a.NeedsReply
	cells := []string{fmt.Sprint(a.Items), fmt.Sprint(a.NeedsReply), fmt.Sprint(a.Replied),
		common.Percent(t, a.Replied, answered), common.Percent(t, a.Negative, a.Items), common.Percent(t, a.Positive, a.Items)}
	var b strings.Builder
	for _, c := range cells {
		b.WriteString(common.FitRight(c, 11))
	}
	b.WriteString("  " + m.ctx.Styles.Accent.Render(common.Fit(common.Sparkline(a.PerDay), 7)))
	if perDay {
		for i := range days {
			v := 0
			if i < len(a.PerDay) {
				v = a.PerDay[i]
			}
			b.WriteString(common.FitRight(fmt.Sprint(v), 6))
		}
	}
	return b.String()
}

// total sums every client's figures, day by day too.
func total(acts []store.ClientActivity) store.ClientActivity {
	var t store.ClientActivity
	t.PerDay = make([]int, days)
	for _, a := range acts {
		t.Items += a.Items
		t.NeedsReply += a.NeedsReply
		t.Replied += a.Replied
		t.Negative += a.Negative
		t.Positive += a.Positive
		for i, v := range a.PerDay {
			if i < len(t.PerDay) {
				t.PerDay[i] += v
			}
		}
	}
	return t
}
