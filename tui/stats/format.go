package stats

import (
	"math"
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"cmdeck/i18n"
	metrics "cmdeck/stats"
	"cmdeck/tui/common"
)

// better says which way a figure should move: it colors the change.
type better int

const (
	neither better = iota
	up
	down
)

// minChange is the change under which a move is drawn as steady (=):
// half a percent, or half a point for shares.
const minChange = 0.005

// formatter writes a figure's value in the catalog's language.
type formatter func(t *i18n.Catalog, v float64) string

// intText is a whole number with thousands grouped: 12,345 / 12 345.
func intText(t *i18n.Catalog, v float64) string {
	n := int64(math.Round(v))
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	digits := strconv.FormatInt(n, 10)
	sep := t.T("stats.fmt.thousands")
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return sign + b.String()
}

// pctText is a share (0…1) as a whole percentage.
func pctText(t *i18n.Catalog, v float64) string {
	return t.T("panes.common.percent", int(math.Round(v*100)))
}

// durText is a time in seconds: 45 s, 42 min, 3 h 10, 2 d 4 h.
func durText(t *i18n.Catalog, sec float64) string {
	d := time.Duration(math.Round(sec)) * time.Second
	switch {
	case d < time.Minute:
		return t.T("stats.fmt.seconds", int(d.Seconds()))
	case d < time.Hour:
		return t.T("stats.fmt.minutes", int(d.Minutes()))
	case d < 24*time.Hour:
		h, mins := int(d.Hours()), int(d.Minutes())%60
		if mins == 0 {
			return t.T("stats.fmt.hours", h)
		}
		return t.T("stats.fmt.hours_minutes", h, mins)
	}
	days, h := int(d.Hours())/24, int(d.Hours())%24
	if h == 0 {
		return t.T("stats.fmt.days", days)
	}
	return t.T("stats.fmt.days_hours", days, h)
}

// figText is a figure's value, or "n/a": never a made-up zero.
func figText(t *i18n.Catalog, f metrics.Figure, format formatter) string {
	if !f.OK {
		return t.T("stats.na")
	}
	return format(t, f.Value)
}

// change is the move from the previous period: ▲/▼ and a percentage, or
// points for shares; "n/a" when it cannot be computed (a figure missing,
// or nothing before to compare with). Its style says whether the move is
// good.
func change(t *i18n.Catalog, s *common.Styles, m metrics.Metric, points bool, b better) (string, lipgloss.Style) {
	c := m.Change()
	if points {
		c = m.Delta()
	}
	if !c.OK {
		return t.T("stats.na"), s.Muted
	}
	mark, style := moveMark(c.Value, b, s)
	size := math.Abs(c.Value) * 100
	if points {
		return mark + " " + common.Plural(t, "stats.fmt.points", int(math.Round(size))), style
	}
	return mark + " " + t.T("panes.common.percent", int(math.Round(size))), style
}

// moveMark is the arrow of a change and its style: green when it moved
// the right way, red when the wrong way, plain when neither is better,
// muted when it barely moved.
func moveMark(v float64, b better, s *common.Styles) (string, lipgloss.Style) {
	switch {
	case math.Abs(v) < minChange:
		return "=", s.Muted
	case b == neither:
		if v > 0 {
			return "▲", lipgloss.NewStyle()
		}
		return "▼", lipgloss.NewStyle()
	}
	good := (v > 0) == (b == up)
	mark := "▼"
	if v > 0 {
		mark = "▲"
	}
	if good {
		return mark, s.Positive
	}
	return mark, s.Negative
}
