package stats

import (
	"math"
	"strings"

	metrics "cmdeck/stats"
)

// eighths are the partial heights of a bar's top cell, lowest first.
var eighths = []rune("▁▂▃▄▅▆▇")

// maxBarWidth caps a bar's cells (a gap included) so a week stays a
// chart rather than seven blocks.
const maxBarWidth = 6

// bucket fits values in at most w columns: consecutive values are
// averaged, so a column stays "per day" whatever the period's length.
func bucket(values []float64, w int) []float64 {
	if len(values) <= w || w <= 0 {
		return values
	}
	per := (len(values) + w - 1) / w
	out := make([]float64, 0, w)
	for i := 0; i < len(values); i += per {
		part := values[i:min(i+per, len(values))]
		sum := 0.0
		for _, v := range part {
			sum += v
		}
		out = append(out, sum/float64(len(part)))
	}
	return out
}

// barWidth is the cells each of n columns gets in w, a gap included when
// there is room for one.
func barWidth(n, w int) int {
	if n == 0 {
		return 1
	}
	return min(max(w/n, 1), maxBarWidth)
}

// bars draws the columns as rows of block characters, top row first,
// scaled to top: each column rises in eighths of a cell, and any value
// above zero shows at least the lowest eighth.
func bars(cols []float64, top float64, rows, cw int) []string {
	out := make([]string, rows)
	fill := max(cw-1, 1) // a column's cells without its gap
	for r := range rows {
		level := rows - 1 - r // 0 is the bottom row
		var b strings.Builder
		for _, v := range cols {
			cell := barCell(v, top, rows, level)
			b.WriteString(strings.Repeat(string(cell), fill))
			if cw > 1 {
				b.WriteByte(' ')
			}
		}
		out[r] = b.String()
	}
	return out
}

// barCell is what a column of value v shows in the row at level.
func barCell(v, top float64, rows, level int) rune {
	if v <= 0 || top <= 0 {
		return ' '
	}
	height := max(int(math.Round(v/top*float64(rows*8))), 1) // in eighths
	switch below := level * 8; {
	case height >= below+8:
		return '█'
	case height > below:
		return eighths[height-below-1]
	}
	return ' '
}

// negativeSpark is each day's share of negative items among the labelled
// ones, against 100 %, in at most w cells (days grouped when more); a
// day with nothing labelled is a gap, not a zero.
func negativeSpark(days []metrics.Day, w int) string {
	if len(days) == 0 || w <= 0 {
		return ""
	}
	per := (len(days) + w - 1) / w
	var b strings.Builder
	for i := 0; i < len(days); i += per {
		neg, labelled := 0, 0
		for _, d := range days[i:min(i+per, len(days))] {
			neg += d.Negative
			labelled += d.Positive + d.Neutral + d.Negative
		}
		b.WriteRune(shareBar(neg, labelled))
	}
	return b.String()
}

// shareBar is one sparkline cell for part/total against 100 %: a space
// when there is no total, the lowest bar for none, at least the second
// for any.
func shareBar(part, total int) rune {
	levels := []rune("▁▂▃▄▅▆▇█")
	if total <= 0 {
		return ' '
	}
	if part <= 0 {
		return levels[0]
	}
	idx := (part*(len(levels)-1) + total - 1) / total
	return levels[min(max(idx, 1), len(levels)-1)]
}
