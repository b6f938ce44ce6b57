package report

import (
	"fmt"
	"math"
	"strings"
)

// Chart geometry, in SVG user units (the SVG scales to the page width).
const (
	chartW, chartH = 760.0, 200.0
	padLeft        = 44.0
	padRight       = 8.0
	padTop         = 10.0
	padBottom      = 24.0
	maxXLabels     = 8
)

// kindColors color the stacked bars after the accent, for the next kinds.
var kindColors = []string{"#64748B", "#F59E0B", "#10B981", "#EC4899", "#06B6D4"}

const (
	colorGood = "#16A34A"
	colorBad  = "#DC2626"
)

// svgChart is an inline SVG chart, drawn by the HTML template.
type svgChart struct {
	Title  string
	Rects  []svgRect
	Grid   []svgLine
	Labels []svgText
	Line   string // polyline points, "" for none
	Legend []legend
	Empty  string // said instead of the chart when there is nothing to draw
}

type svgRect struct {
	X, Y, W, H float64
	Fill       string
	Tip        string // shown on hover
}

type svgLine struct{ X1, Y1, X2, Y2 float64 }

type svgText struct {
	X, Y   float64
	Text   string
	Anchor string // start, middle, end
}

type legend struct{ Color, Label string }

// plot is the drawing area of a chart.
type plot struct{ x0, y0, w, h float64 }

func newPlot() plot {
	return plot{x0: padLeft, y0: padTop, w: chartW - padLeft - padRight, h: chartH - padTop - padBottom}
}

// slot is the x of day i's left edge and the width of one day.
func (p plot) slot(i, n int) (x, w float64) {
	w = p.w / float64(max(n, 1))
	return p.x0 + w*float64(i), w
}

// niceMax rounds v up to 1, 2 or 5 times a power of ten.
func niceMax(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// xLabels labels a few days under the plot.
func (v *view) xLabels(c *svgChart, p plot) {
	n := len(v.rep.Days)
	step := max(1, (n+maxXLabels-1)/maxXLabels)
	for i := 0; i < n; i += step {
		x, w := p.slot(i, n)
		c.Labels = append(c.Labels, svgText{X: x + w/2, Y: chartH - 6, Text: v.l.shortDate(v.rep.Days[i].Start), Anchor: "middle"})
	}
}

// yGrid draws horizontal lines at lo, the middle and hi, labelled.
func yGrid(c *svgChart, p plot, lo, hi float64, label func(float64) string) {
	for _, f := range []float64{0, 0.5, 1} {
		y := p.y0 + p.h*(1-f)
		c.Grid = append(c.Grid, svgLine{X1: p.x0, Y1: y, X2: p.x0 + p.w, Y2: y})
		c.Labels = append(c.Labels, svgText{X: p.x0 - 6, Y: y + 4, Text: label(lo + (hi-lo)*f), Anchor: "end"})
	}
}

// volumeChart stacks each day's messages by kind.
func (v *view) volumeChart(accent string) svgChart {
	c := svgChart{Title: v.l.t("sec.volume")}
	days := v.rep.Days
	top := 0
	for _, d := range days {
		top = max(top, d.Received)
	}
	if top == 0 {
		c.Empty = v.l.t("none")
		return c
	}
	p, ymax := newPlot(), niceMax(float64(top))
	colors := append([]string{accent}, kindColors...)
	for k, kind := range v.rep.Kinds {
		c.Legend = append(c.Legend, legend{Color: colors[k%len(colors)], Label: v.l.kind(kind)})
	}
	for i, d := range days {
		x, w := p.slot(i, len(days))
		base := p.y0 + p.h
		for k, n := range d.ByKind {
			h := p.h * float64(n) / ymax
			base -= h
			if n > 0 {
				c.Rects = append(c.Rects, svgRect{X: x + w*0.15, Y: base, W: w * 0.7, H: h, Fill: colors[k%len(colors)],
					Tip: v.l.shortDate(d.Start) + " · " + v.l.kind(v.rep.Kinds[k]) + v.l.t("colon") + v.l.int(float64(n))})
			}
		}
	}
	yGrid(&c, p, 0, ymax, v.l.int)
	v.xLabels(&c, p)
	return c
}

// sentimentChart draws each day's net sentiment from the zero line,
// green above and red below; days without labelled messages stay empty.
func (v *view) sentimentChart() svgChart {
	c := svgChart{Title: v.l.t("sec.sentiment")}
	p := newPlot()
	mid, any := p.y0+p.h/2, false
	for i, d := range v.rep.Days {
		if !d.Net.OK {
			continue
		}
		any = true
		x, w := p.slot(i, len(v.rep.Days))
		h := p.h / 2 * math.Abs(d.Net.Value)
		r := svgRect{X: x + w*0.15, Y: mid, W: w * 0.7, H: h, Fill: colorGood,
			Tip: v.l.shortDate(d.Start) + v.l.t("colon") + signed(v.l.int(d.Net.Value*100))}
		if d.Net.Value < 0 {
			r.Fill = colorBad
		} else {
			r.Y = mid - h
		}
		c.Rects = append(c.Rects, r)
	}
	if !any {
		c.Empty = v.l.na
		return c
	}
	yGrid(&c, p, -100, 100, func(x float64) string { return signed(v.l.int(x)) })
	v.xLabels(&c, p)
	return c
}

// followersChart is the line of the days whose follower count is known.
func (v *view) followersChart(accent string) svgChart {
	c := svgChart{Title: v.l.t("sec.followers")}
	lo, hi, n := math.Inf(1), math.Inf(-1), 0
	for _, d := range v.rep.Days {
		if d.Followers.OK {
			lo, hi, n = min(lo, d.Followers.Value), max(hi, d.Followers.Value), n+1
		}
	}
	if n < 2 {
		c.Empty = v.l.na
		return c
	}
	if hi-lo < 10 { // a flat line sits in the middle
		lo, hi = lo-5, hi+5
	}
	p := newPlot()
	var pts []string
	for i, d := range v.rep.Days {
		if d.Followers.OK {
			x, w := p.slot(i, len(v.rep.Days))
			y := p.y0 + p.h*(1-(d.Followers.Value-lo)/(hi-lo))
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x+w/2, y))
		}
	}
	c.Line = strings.Join(pts, " ")
	c.Legend = []legend{{Color: accent, Label: v.l.t("col.followers")}}
	yGrid(&c, p, lo, hi, v.l.int)
	v.xLabels(&c, p)
	return c
}
