package stats

import (
	"math"
	"slices"
)

// Figure is a number that may be missing: OK is false when the network
// does not report it or there is nothing to compute it from (a median of
// no replies). A missing figure is shown as "not available", never as 0.
type Figure struct {
	Value float64
	OK    bool
}

// Num is an available figure.
func Num(v float64) Figure { return Figure{Value: v, OK: true} }

// NA is a figure that is not available.
var NA = Figure{}

// Metric is a figure for the period and for the previous one.
type Metric struct {
	Cur, Prev Figure
}

// Delta is Cur - Prev, available when both are.
func (m Metric) Delta() Figure {
	if !m.Cur.OK || !m.Prev.OK {
		return NA
	}
	return Num(m.Cur.Value - m.Prev.Value)
}

// Change is the relative change from Prev to Cur (0.18 is +18 %),
// available when both are and Prev is not zero.
func (m Metric) Change() Figure {
	if !m.Cur.OK || !m.Prev.OK || m.Prev.Value == 0 {
		return NA
	}
	return Num((m.Cur.Value - m.Prev.Value) / math.Abs(m.Prev.Value))
}

// count is a metric of two counts, always available.
func count(cur, prev int) Metric {
	return Metric{Cur: Num(float64(cur)), Prev: Num(float64(prev))}
}

// ratio is a/b, not available when b is 0.
func ratio(a, b int) Figure {
	if b == 0 {
		return NA
	}
	return Num(float64(a) / float64(b))
}

// percentile is the p-quantile (0…1) of xs by linear interpolation between
// the closest ranks (the median of 1, 2, 3, 4 is 2.5); NA for no values.
func percentile(xs []float64, p float64) Figure {
	if len(xs) == 0 {
		return NA
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	pos := p * float64(len(s)-1)
	lo := int(math.Floor(pos))
	hi := min(lo+1, len(s)-1)
	return Num(s[lo] + (s[hi]-s[lo])*(pos-float64(lo)))
}
