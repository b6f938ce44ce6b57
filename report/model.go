package report

import (
	"math"
	"strings"
	"time"

	"cmdeck/stats"
)

// view is a report being rendered: the figures, the language and options.
// Markdown and HTML render the same tables from it.
type view struct {
	rep  stats.Report
	l    *lang
	opts Options
}

// Options are what a report shows beside the figures.
type Options struct {
	ClientName string    // default: the client's name in the store
	Agency     string    // the CM's agency, if any
	CMName     string    // the community manager
	Lang       string    // "fr" or "en" (default)
	Color      string    // the client's accent color, #RRGGBB; default: the client's
	Generated  time.Time // shown when set (the caller's clock)
}

func newView(rep stats.Report, opts Options) *view {
	if opts.ClientName == "" {
		opts.ClientName = rep.Client.Name
	}
	if opts.ClientName == "" {
		opts.ClientName = rep.Client.Slug
	}
	if opts.Color == "" {
		opts.Color = rep.Client.Color
	}
	return &view{rep: rep, l: langOf(opts.Lang), opts: opts}
}

// cell is one table cell; class says how HTML shows it (num, good, bad,
// na, text).
type cell struct {
	Text  string
	Class string
}

// table is one titled table of the report.
type table struct {
	Title string
	Head  []string
	Rows  [][]cell
}

// numeric reports whether column i holds figures (aligned right): as its
// first row says.
func (t table) numeric(i int) bool {
	if len(t.Rows) == 0 || i >= len(t.Rows[0]) {
		return i > 0
	}
	return t.Rows[0][i].Class != "text"
}

// Cols says, per column, whether it holds figures, for the template.
func (t table) Cols() []bool {
	out := make([]bool, len(t.Head))
	for i := range out {
		out[i] = t.numeric(i)
	}
	return out
}

// better says which way a figure should move: up, down, or neither.
type better int

const (
	neither better = iota
	up
	down
)

// figRow is one line of the key figures.
type figRow struct {
	key    string
	m      stats.Metric
	format func(float64) string
	points bool // compare in points (shares, net sentiment), not in %
	better better
}

// title is the report's title: monthly, or for another period.
func (v *view) title() string {
	p := v.rep.Period
	if p.From.Day() == 1 && p.To.Equal(p.From.AddDate(0, 1, 0)) {
		return v.l.t("title.month")
	}
	return v.l.t("title.period")
}

// byline is "Prepared by Léa · Agence Lumière", or "" when neither is set.
func (v *view) byline() string {
	who := strings.Join(nonEmpty(v.opts.CMName, v.opts.Agency), " · ")
	if who == "" {
		return ""
	}
	return v.l.tf("prepared_by", who)
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// figRows are the key figures, in reading order.
func (v *view) figRows() []figRow {
	r, l := v.rep, v.l
	net := func(x float64) string { return signed(l.int(x * 100)) }
	return []figRow{
		{"fig.received", r.Received, l.int, false, neither},
		{"fig.per_day", r.PerDay, l.dec, false, neither},
		{"fig.replies", r.Replies, l.int, false, up},
		{"fig.deck_replies", r.DeckReplies, l.int, false, neither},
		{"fig.needing", r.NeedingReply, l.int, false, neither},
		{"fig.answered_share", r.AnsweredShare, l.pct, true, up},
		{"fig.frt_median", r.FirstResponse.Median, l.duration, false, down},
		{"fig.frt_p90", r.FirstResponse.P90, l.duration, false, down},
		{"fig.frt_biz_median", r.FirstResponse.BusinessMedian, l.duration, false, down},
		{"fig.frt_biz_p90", r.FirstResponse.BusinessP90, l.duration, false, down},
		{"fig.positive", r.Sentiment.Positive, l.int, false, up},
		{"fig.neutral", r.Sentiment.Neutral, l.int, false, neither},
		{"fig.negative", r.Sentiment.Negative, l.int, false, down},
		{"fig.net", r.Sentiment.Net, net, true, up},
		{"fig.active_authors", r.ActiveAuthors, l.int, false, up},
		{"fig.posts", r.Posts.Published, l.int, false, neither},
		{"fig.likes", r.Posts.Likes, l.int, false, up},
		{"fig.shares", r.Posts.Shares, l.int, false, up},
		{"fig.post_replies", r.Posts.Replies, l.int, false, up},
		{"fig.engagement", r.Posts.EngagementPerPost, l.dec, false, up},
		{"fig.activity_likes", r.Activity.Likes, l.int, false, up},
		{"fig.activity_shares", r.Activity.Shares, l.int, false, up},
		{"fig.activity_follows", r.Activity.Follows, l.int, false, up},
		{"fig.followers", r.Followers.End, l.int, false, up},
		{"fig.followers_change", r.Followers.Change, func(x float64) string { return signed(l.int(x)) }, false, up},
	}
}

// signed puts a + before a positive number's text.
func signed(s string) string {
	if s != "0" && !strings.HasPrefix(s, "-") {
		return "+" + s
	}
	return s
}

// keyFigures is the table of every figure against the previous period.
func (v *view) keyFigures() table {
	l := v.l
	t := table{Title: l.t("key_figures"),
		Head: []string{l.t("col.figure"), l.period(v.rep.Period), l.period(v.rep.Previous), l.t("col.change")}}
	for _, f := range v.figRows() {
		t.Rows = append(t.Rows, []cell{{Text: l.t(f.key), Class: "text"},
			v.value(f.m.Cur, f.format), v.value(f.m.Prev, f.format), v.change(f)})
	}
	return t
}

// value is a figure's cell: its text, or "not available".
func (v *view) value(f stats.Figure, format func(float64) string) cell {
	if !f.OK {
		return cell{Text: v.l.na, Class: "na"}
	}
	return cell{Text: format(f.Value), Class: "num"}
}

// change is the change cell: in % or points, colored by whether the move
// is good; "–" when it cannot be computed.
func (v *view) change(f figRow) cell {
	c := f.m.Change()
	text := ""
	if f.points {
		c = f.m.Delta()
		text = signed(v.l.int(c.Value*100)) + "\u00a0pts"
	} else if c.OK {
		text = v.l.signedPct(c.Value)
	}
	if !c.OK {
		return cell{Text: "–", Class: "na"}
	}
	class := "num"
	switch {
	case math.Abs(c.Value) < minChange || f.better == neither:
	case (c.Value > 0) == (f.better == up):
		class = "num good"
	default:
		class = "num bad"
	}
	return cell{Text: text, Class: class}
}

// kpi is one headline card.
type kpi struct {
	Label, Value, Change, Class, Previous string
}

// kpis are the headline cards: the figures a client looks at first.
func (v *view) kpis() []kpi {
	want := map[string]bool{"fig.received": true, "fig.answered_share": true, "fig.frt_median": true,
		"fig.net": true, "fig.followers": true, "fig.engagement": true}
	var out []kpi
	for _, f := range v.figRows() {
		if !want[f.key] {
			continue
		}
		cur, ch := v.value(f.m.Cur, f.format), v.change(f)
		k := kpi{Label: v.l.t(f.key), Value: cur.Text, Change: ch.Text, Class: ch.Class}
		if f.m.Prev.OK {
			k.Previous = v.l.period(v.rep.Previous) + v.l.t("colon") + f.format(f.m.Prev.Value)
		}
		out = append(out, k)
	}
	return out
}
