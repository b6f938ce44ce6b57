package report

import (
	"fmt"
	"html/template"
	"io"
	"regexp"

	"cmdeck/stats"
)

// defaultAccent is the accent of a client without a (valid) color.
const defaultAccent = "#2563EB"

// hexColor is the only color syntax the accent may have: it goes into CSS.
var hexColor = regexp.MustCompile(`^#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$`)

// htmlPage is what the HTML template reads.
type htmlPage struct {
	Lang, Title, Client, Period, Byline, Generated, Zone, Footer string
	Accent                                                       string
	SummaryTitle                                                 string
	Summary                                                      []string
	KPIs                                                         []kpi
	Charts                                                       []svgChart
	Tables                                                       []table
}

// HTML writes the report as one self-contained page: inline CSS and SVG
// charts, no script, font, image or link to fetch, so it opens offline
// and prints to PDF (A4) from a browser. It opens with the written
// summary. Every text is escaped by html/template: names and posts come
// from the networks.
func HTML(w io.Writer, rep stats.Report, opts Options) error {
	v := newView(rep, opts)
	accent := v.opts.Color
	if !hexColor.MatchString(accent) {
		accent = defaultAccent
	}
	page := htmlPage{
		Lang: v.l.code, Title: v.title(), Client: v.opts.ClientName, Period: v.l.period(rep.Period),
		Byline: v.byline(), Zone: v.l.tf("zone", v.loc().String()), Footer: v.l.t("footer"),
		Accent: accent, SummaryTitle: v.l.t("summary"), Summary: Summary(rep, v.l.code), KPIs: v.kpis(),
		Charts: []svgChart{v.volumeChart(accent), v.sentimentChart(), v.followersChart(accent)},
		Tables: append([]table{v.keyFigures()}, v.tables()...),
	}
	if !v.opts.Generated.IsZero() {
		page.Generated = v.l.tf("generated", v.l.date(v.opts.Generated.In(v.loc())))
	}
	return pageTemplate.Execute(w, page)
}

// pageTemplate is the page; f prints an SVG coordinate.
var pageTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"f": func(x float64) string { return fmt.Sprintf("%.1f", x) },
}).Parse(pageHTML))

const pageHTML = `<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} — {{.Client}} — {{.Period}}</title>
<style>
:root { --accent: {{.Accent}}; --ink: #0F172A; --muted: #64748B; --line: #E2E8F0; --soft: #F8FAFC; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); background: #FFFFFF;
  font: 15px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 960px; margin: 0 auto; padding: 0 32px 48px; }
header.top { border-top: 8px solid var(--accent); padding: 28px 0 18px; border-bottom: 1px solid var(--line); margin-bottom: 24px; }
header.top .kicker { color: var(--accent); font-weight: 600; letter-spacing: .06em; text-transform: uppercase; font-size: 12px; margin: 0; }
h1 { font-size: 30px; line-height: 1.2; margin: 4px 0 6px; letter-spacing: -.01em; }
header.top .meta { color: var(--muted); margin: 0; }
h2 { font-size: 18px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--accent); }
.summary { background: var(--soft); border-left: 4px solid var(--accent); padding: 14px 20px; border-radius: 0 8px 8px 0; }
.summary h2 { border: 0; margin: 0 0 6px; padding: 0; }
.summary ul { margin: 0; padding-left: 18px; }
.summary li { margin: 4px 0; }
.kpis { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; margin: 24px 0 8px; }
.kpi { border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; }
.kpi .label { color: var(--muted); font-size: 13px; }
.kpi .value { font-size: 24px; font-weight: 650; font-variant-numeric: tabular-nums; margin: 2px 0; }
.kpi .prev { color: var(--muted); font-size: 12px; }
.badge { display: inline-block; font-size: 12px; font-weight: 600; padding: 1px 8px; border-radius: 999px; background: var(--soft); color: var(--muted); }
.good { color: #15803D; } .bad { color: #B91C1C; }
.badge.good { background: #DCFCE7; } .badge.bad { background: #FEE2E2; }
figure { margin: 8px 0 20px; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { font-weight: 600; margin-bottom: 4px; }
.legend { color: var(--muted); font-size: 12px; margin-top: 2px; }
.legend span { display: inline-block; margin-right: 14px; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg text { font-size: 11px; fill: var(--muted); }
svg polyline { fill: none; stroke: var(--accent); stroke-width: 2.5; stroke-linejoin: round; }
table { width: 100%; border-collapse: collapse; font-size: 14px; font-variant-numeric: tabular-nums; }
th { text-align: left; font-weight: 600; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; border-bottom: 1px solid var(--line); padding: 6px 8px; }
td { border-bottom: 1px solid var(--line); padding: 6px 8px; vertical-align: top; }
td.num, td.na, th.num { text-align: right; white-space: nowrap; }
td.na { color: var(--muted); font-style: italic; }
tr:nth-child(even) td { background: var(--soft); }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 36px; padding-top: 12px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .kpis { grid-template-columns: repeat(3, 1fr); }
  section, figure, .kpi, .summary, tr { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
}
@media (max-width: 640px) { .kpis { grid-template-columns: repeat(2, 1fr); } main { padding: 0 16px 32px; } }
</style>
</head>
<body>
<main>
<header class="top">
<p class="kicker">{{.Title}} · {{.Period}}</p>
<h1>{{.Client}}</h1>
{{- if .Byline}}
<p class="meta">{{.Byline}}</p>
{{- end}}
{{- if .Generated}}
<p class="meta">{{.Generated}}</p>
{{- end}}
</header>
<section class="summary">
<h2>{{.SummaryTitle}}</h2>
<ul>
{{- range .Summary}}
<li>{{.}}</li>
{{- end}}
</ul>
</section>
<section class="kpis">
{{- range .KPIs}}
<div class="kpi">
<div class="label">{{.Label}}</div>
<div class="value">{{.Value}}</div>
<div><span class="badge {{.Class}}">{{.Change}}</span></div>
{{- if .Previous}}
<div class="prev">{{.Previous}}</div>
{{- end}}
</div>
{{- end}}
</section>
{{- range .Charts}}
<figure>
<figcaption>{{.Title}}</figcaption>
{{- if .Empty}}
<p class="empty">{{.Empty}}</p>
{{- else}}
<svg viewBox="0 0 760 200" role="img" aria-label="{{.Title}}">
{{- range .Grid}}
<line class="grid" x1="{{f .X1}}" y1="{{f .Y1}}" x2="{{f .X2}}" y2="{{f .Y2}}"/>
{{- end}}
{{- range .Rects}}
<rect x="{{f .X}}" y="{{f .Y}}" width="{{f .W}}" height="{{f .H}}" fill="{{.Fill}}" rx="1.5"><title>{{.Tip}}</title></rect>
{{- end}}
{{- if .Line}}
<polyline points="{{.Line}}"/>
{{- end}}
{{- range .Labels}}
<text x="{{f .X}}" y="{{f .Y}}" text-anchor="{{.Anchor}}">{{.Text}}</text>
{{- end}}
</svg>
{{- if .Legend}}
<div class="legend">{{range .Legend}}<span><i style="background: {{.Color}}"></i>{{.Label}}</span>{{end}}</div>
{{- end}}
{{- end}}
</figure>
{{- end}}
{{- range .Tables}}
<section>
<h2>{{.Title}}</h2>
<table>
<thead><tr>{{$cols := .Cols}}{{range $i, $h := .Head}}<th{{if index $cols $i}} class="num"{{end}}>{{$h}}</th>{{end}}</tr></thead>
<tbody>
{{- range .Rows}}
<tr>{{range .}}<td class="{{.Class}}">{{.Text}}</td>{{end}}</tr>
{{- end}}
</tbody>
</table>
</section>
{{- end}}
<footer>
<p>{{.Footer}}</p>
<p>{{.Zone}} · cmdeck</p>
</footer>
</main>
</body>
</html>
`
