package stats

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	metrics "cmdeck/stats"
	"cmdeck/tui/common"
	"cmdeck/tui/dialog"
)

// Layout: a header line (client, period, dates, or a notice), then the
// body. Under sideWidth the sections are stacked and scroll; from it, the
// figures and charts sit on the left and the members and posts on the
// right.
const (
	sideWidth = 140
	// chartRows is the bar chart's height, stacked and side by side.
	chartRows     = 4
	sideChartRows = 8
	// figLabelW … figPrevW are the key figures' columns.
	figLabelW  = 24
	figValueW  = 10
	figChangeW = 11
	figPrevW   = 10
	// minFigLabelW is the least room the labels keep before the previous
	// value gives up its column ("First response, median" cut to 8
	// cells says nothing; the change already tells the trend).
	minFigLabelW = 16
)

// View draws the pane in exactly its size; the client picker is drawn
// over the middle.
func (m *Model) View() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	t, s := m.ctx.T, m.ctx.Styles
	lines := []string{m.header()}
	d := m.data
	switch {
	case d.err != nil && !d.loaded:
		lines = append(lines, m.message(t.T("stats.error", d.err), t.T("panes.error.retry"), true)...)
	case !d.loaded:
		lines = append(lines, "", "  "+s.Muted.Render(t.T("panes.loading")))
	case d.client == 0:
		lines = append(lines, m.message(t.T("stats.empty"), t.T("stats.empty_hint"), false)...)
	default:
		body, _ := m.bodyLines()
		m.vp.Clamp(len(body), m.bodyHeight())
		lines = append(lines, m.vp.Window(body, m.bodyHeight())...)
	}
	screen := common.Frame(lines, w, h)
	if m.dialog != nil {
		screen = dialog.Place(screen, m.dialog.View(), w, h)
	}
	return screen
}

// message is a title and a hint under it, wrapped to the width.
func (m *Model) message(title, hint string, bad bool) []string {
	s := m.ctx.Styles
	style := s.Bold
	if bad {
		style = s.Negative
	}
	lines := []string{"", "  " + style.Render(title)}
	for _, l := range common.Wrap(hint, m.width-4) {
		lines = append(lines, "  "+s.Muted.Render(l))
	}
	return lines
}

// header is the client, the period and its dates against the previous
// ones, or the notice of the last key.
func (m *Model) header() string {
	s, t := m.ctx.Styles, m.ctx.T
	if m.notice.text != "" {
		style := s.Info
		if m.notice.bad {
			style = s.Negative
		}
		return style.Render(common.OneLine(m.notice.text))
	}
	d := m.data
	sep := s.Muted.Render(" · ")
	var parts []string
	if d.err != nil && d.loaded {
		// A failed reload keeps the figures; the error goes first so a
		// narrow screen cuts the dates, not the error.
		parts = append(parts, s.Negative.Render("⚠ "+t.T("stats.error", d.err)))
	}
	if c, ok := m.clientOf(d.client); ok && d.loaded {
		parts = append(parts, s.ClientStyle(c.Color).Bold(true).Render(common.OneLine(c.Name)))
	} else {
		parts = append(parts, s.Header.Render(m.Title()))
	}
	parts = append(parts, s.Header.Render(t.T("stats.period."+m.span.name())))
	if d.loaded && d.client != 0 {
		parts = append(parts, m.dates(d.rep.Period)+s.Muted.Render(" "+t.T("stats.vs", m.dates(d.rep.Previous))))
	}
	if d.loading && d.loaded {
		parts = append(parts, s.Muted.Render("↻"))
	}
	return strings.Join(parts, sep)
}

// dates is a period as its first and last days: "6 Mar – 12 Mar".
func (m *Model) dates(p metrics.Period) string {
	t, loc := m.ctx.T, m.ctx.Loc
	last := p.To.In(loc).AddDate(0, 0, -1)
	return common.ShortDate(t, p.From.In(loc)) + " – " + common.ShortDate(t, last)
}

// bodyLines are the lines under the header for the pane's width, and the
// index of the first member's row (the cursor's line is first+cursor).
func (m *Model) bodyLines() ([]string, int) {
	if m.width >= sideWidth {
		return m.sideBySide()
	}
	w := m.width
	left := append(m.figureLines(w), m.chartLines(w, chartRows)...)
	members := m.memberLines(w)
	out := append(append(left, members...), m.postLines(w)...)
	return out, len(left) + memberHead
}

// sideBySide puts figures and charts on the left, members and posts on
// the right, with a rule between them.
func (m *Model) sideBySide() ([]string, int) {
	lw := m.width / 2
	rw := m.width - lw - 1
	left := append(m.figureLines(lw), m.chartLines(lw, sideChartRows)...)
	right := append(m.memberLines(rw), m.postLines(rw)...)
	// The rule runs to the bottom of the pane.
	n := max(len(left), len(right), m.bodyHeight())
	bar := m.ctx.Styles.Subtle.Render("│")
	out := make([]string, n)
	for i := range out {
		l, r := "", ""
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		out[i] = common.Fit(l, lw) + bar + common.Fit(r, rw)
	}
	return out, memberHead
}

// figRow is one key figure.
type figRow struct {
	key    string
	m      metrics.Metric
	format formatter
	points bool // compared in points (shares), not in %
	better better
}

// figRows are the key figures, in reading order.
func (m *Model) figRows() []figRow {
	r := m.data.rep
	return []figRow{
		{"stats.fig.received", r.Received, intText, false, neither},
		{"stats.fig.replies", r.Replies, intText, false, up},
		{"stats.fig.answered", r.AnsweredShare, pctText, true, up},
		{"stats.fig.frt_median", r.FirstResponse.Median, durText, false, down},
		{"stats.fig.frt_p90", r.FirstResponse.P90, durText, false, down},
		{"stats.fig.positive", r.Sentiment.PositiveShare, pctText, true, up},
		{"stats.fig.negative", r.Sentiment.NegativeShare, pctText, true, down},
		{"stats.fig.followers", r.Followers.End, intText, false, up},
	}
}

// figureLines are the key figures with their change and previous value.
// A narrow pane gives up the previous value before it cuts the labels.
func (m *Model) figureLines(w int) []string {
	t, s := m.ctx.T, m.ctx.Styles
	prevW := figPrevW
	if w-2-figValueW-figChangeW-prevW < minFigLabelW {
		prevW = 0
	}
	labelW := min(figLabelW, max(w-2-figValueW-figChangeW-prevW, 8))
	head := common.Fit(t.T("stats.key_figures"), labelW) + common.FitRight(t.T("stats.col.now"), figValueW) +
		common.FitRight(t.T("stats.col.change"), figChangeW) + common.FitRight(t.T("stats.col.before"), prevW)
	out := []string{"", "  " + s.Header.Render(head)}
	for _, f := range m.figRows() {
		ch, style := change(t, s, f.m, f.points, f.better)
		prev := figText(t, f.m.Prev, f.format)
		out = append(out, "  "+common.Fit(t.T(f.key), labelW)+
			s.Bold.Render(common.FitRight(figText(t, f.m.Cur, f.format), figValueW))+
			style.Render(common.FitRight(ch, figChangeW))+
			s.Muted.Render(common.FitRight(prev, prevW)))
	}
	return out
}

// chartLines are the bar chart of items per day, its dates, and the
// sparkline of the negative share.
func (m *Model) chartLines(w, rows int) []string {
	t, s := m.ctx.T, m.ctx.Styles
	days := m.data.rep.Days
	inner := max(w-4, 1)
	received := make([]float64, len(days))
	for i, d := range days {
		received[i] = float64(d.Received)
	}
	cols := bucket(received, inner)
	top := 0.0
	for _, v := range cols {
		top = max(top, v)
	}
	title := t.T("stats.chart.items") + s.Muted.Render(" · "+t.T("stats.chart.max", intText(t, top)))
	out := []string{"", "  " + s.Header.Render(title)}
	for _, l := range bars(cols, top, rows, barWidth(len(cols), inner)) {
		out = append(out, "  "+s.Accent.Render(l))
	}
	if len(days) > 0 {
		first := common.ShortDate(t, days[0].Start.In(m.ctx.Loc))
		last := common.ShortDate(t, days[len(days)-1].Start.In(m.ctx.Loc))
		span := len(cols) * barWidth(len(cols), inner)
		gap := max(span-ansi.StringWidth(first)-ansi.StringWidth(last), 1)
		out = append(out, "  "+s.Muted.Render(first+strings.Repeat(" ", gap)+last))
	}
	return append(out, m.negativeLine(inner))
}

// negativeLine is the sparkline of each day's negative share, with the
// period's share after it.
func (m *Model) negativeLine(w int) string {
	t, s := m.ctx.T, m.ctx.Styles
	label := t.T("stats.chart.negative")
	share := figText(t, m.data.rep.Sentiment.NegativeShare.Cur, pctText)
	room := max(w-ansi.StringWidth(label)-ansi.StringWidth(share)-2, 1)
	return "  " + s.Header.Render(label) + " " + s.Negative.Render(negativeSpark(m.data.rep.Days, room)) + " " + share
}

// memberHead is how many lines come before the first member's row.
const memberHead = 2

// memberLines are the top members: messages and followers; the selected
// one is marked.
func (m *Model) memberLines(w int) []string {
	t, s := m.ctx.T, m.ctx.Styles
	cs := m.data.rep.Contributors
	nameW := max(w-4-9-10, 6)
	head := common.Fit(t.T("stats.members"), nameW) + common.FitRight(t.T("stats.col.messages"), 9) +
		common.FitRight(t.T("stats.col.followers"), 10)
	out := []string{"", "  " + s.Header.Render(head)}
	if len(cs) == 0 {
		return append(out, "  "+s.Muted.Render(t.T("stats.members.none")))
	}
	for i, c := range cs {
		text := "  " + common.Fit(memberName(c), nameW) + common.FitRight(intText(t, float64(c.Items)), 9) +
			common.FitRight(common.Compact(c.Author.Followers), 10)
		if i == m.cursor {
			text = s.CursorLine(text, "›", 2, w)
		}
		out = append(out, text)
	}
	return out
}

// memberName is the handle, and the name when it says more.
func memberName(c metrics.Contributor) string {
	handle, name := common.OneLine(c.Author.Handle), common.OneLine(c.Author.Name)
	switch {
	case handle == "":
		return name
	case name == "" || name == handle || "@"+name == handle:
		return handle
	}
	return handle + " · " + name
}

// postHead is how many lines come before the first post's row.
const postHead = 2

// postLines are the top posts with their likes, shares and replies; the
// selected one is marked (the cursor walks the members, then the posts).
func (m *Model) postLines(w int) []string {
	t, s := m.ctx.T, m.ctx.Styles
	posts := m.data.rep.Posts.Top
	textW := max(w-4-3*8, 6)
	head := common.Fit(t.T("stats.posts"), textW) + common.FitRight(t.T("stats.col.likes"), 8) +
		common.FitRight(t.T("stats.col.shares"), 8) + common.FitRight(t.T("stats.col.replies"), 8)
	out := []string{"", "  " + s.Header.Render(head)}
	if len(posts) == 0 {
		return append(out, "  "+s.Muted.Render(t.T("stats.posts.none")))
	}
	for i, p := range posts {
		text := "  " + common.Fit(common.OneLine(p.Post.Body), textW) +
			common.FitRight(figText(t, p.Likes, intText), 8) +
			common.FitRight(figText(t, p.Shares, intText), 8) +
			common.FitRight(figText(t, p.Replies, intText), 8)
		if i+len(m.data.rep.Contributors) == m.cursor {
			text = s.CursorLine(text, "›", 2, w)
		}
		out = append(out, text)
	}
	return out
}
