package report

import (
	"fmt"
	"math"
	"strings"
	"time"

	"cmdeck/core"
	"cmdeck/stats"
)

// lang is one language of the reports: its words and how it writes
// numbers, percentages, durations and dates.
type lang struct {
	code     string
	words    map[string]string
	decimal  string // decimal separator
	thousand string // thousands separator
	percent  string // between a number and "%"
	months   [12]string
	short    [12]string // abbreviated months
	day      string     // unit of a duration's days
	na       string     // a figure that is not available
}

// langs are the report languages; French is written the French way: 12 340,
// 3,5, 18 % (narrow no-break spaces).
var langs = map[string]*lang{
	"en": {code: "en", words: wordsEN, decimal: ".", thousand: ",", percent: "", day: "d",
		na: "not available", months: [12]string{"January", "February", "March", "April", "May", "June",
			"July", "August", "September", "October", "November", "December"},
		short: [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}},
	"fr": {code: "fr", words: wordsFR, decimal: ",", thousand: "\u202f", percent: "\u202f", day: "j",
		na: "non disponible", months: [12]string{"janvier", "février", "mars", "avril", "mai", "juin",
			"juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		short: [12]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."}},
}

// langOf returns the language of code ("fr", "fr_FR", "en"…), English by
// default.
func langOf(code string) *lang {
	code = strings.ToLower(code)
	if strings.HasPrefix(code, "fr") {
		return langs["fr"]
	}
	return langs["en"]
}

// t returns the word for key; a missing key shows itself, so a test sees it.
func (l *lang) t(key string) string {
	if w, ok := l.words[key]; ok {
		return w
	}
	return "{" + key + "}"
}

// tf formats the word for key with args.
func (l *lang) tf(key string, args ...any) string { return fmt.Sprintf(l.t(key), args...) }

// int formats a whole number with thousands separators.
func (l *lang) int(v float64) string {
	n := int64(math.Round(v))
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(l.thousand)
		}
		b.WriteRune(r)
	}
	return sign + b.String()
}

// dec formats v with one decimal.
func (l *lang) dec(v float64) string {
	return strings.Replace(fmt.Sprintf("%.1f", v), ".", l.decimal, 1)
}

// pct formats a share or a change (0.18) as a whole percentage.
func (l *lang) pct(v float64) string {
	return l.int(v*100) + l.percent + "%"
}

// signedPct is pct with its sign: +18 %, -5 %.
func (l *lang) signedPct(v float64) string {
	if math.Round(v*100) > 0 {
		return "+" + l.pct(v)
	}
	return l.pct(v)
}

// duration formats seconds as 45 s, 42 min, 3 h 10, 2 d 4 h.
func (l *lang) duration(sec float64) string {
	d := time.Duration(math.Round(sec)) * time.Second
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%d\u00a0s", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%d\u00a0min", int(d.Minutes()))
	case d < 24*time.Hour:
		h, m := int(d.Hours()), int(d.Minutes())%60
		if m == 0 {
			return fmt.Sprintf("%d\u00a0h", h)
		}
		return fmt.Sprintf("%d\u00a0h\u00a0%02d", h, m)
	}
	days, h := int(d.Hours())/24, int(d.Hours())%24
	if h == 0 {
		return fmt.Sprintf("%d\u00a0%s", days, l.day)
	}
	return fmt.Sprintf("%d\u00a0%s\u00a0%d\u00a0h", days, l.day, h)
}

// fig formats a figure with f, or says it is not available.
func (l *lang) fig(f stats.Figure, format func(float64) string) string {
	if !f.OK {
		return l.na
	}
	return format(f.Value)
}

// date formats a day: "3 October 2026" / "3 octobre 2026".
func (l *lang) date(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), l.months[t.Month()-1], t.Year())
}

// shortDate formats a day without its year: "3 Oct" / "3 oct.".
func (l *lang) shortDate(t time.Time) string {
	return fmt.Sprintf("%d %s", t.Day(), l.short[t.Month()-1])
}

// period names a period: "October 2026" for a calendar month, else its
// first and last days.
func (l *lang) period(p stats.Period) string {
	from := p.From
	if from.Day() == 1 && from.Hour() == 0 && from.Minute() == 0 && p.To.Equal(from.AddDate(0, 1, 0)) {
		return fmt.Sprintf("%s %d", l.months[from.Month()-1], from.Year())
	}
	last := p.To.Add(-time.Nanosecond)
	return l.date(from) + " – " + l.date(last)
}

// kind names an item kind, plural.
func (l *lang) kind(k core.ItemKind) string {
	if w, ok := l.words["kind."+string(k)]; ok {
		return w
	}
	return string(k)
}
