package stats

import (
	"math"
	"testing"
)

func TestPercentile(t *testing.T) {
	cases := []struct {
		xs   []float64
		p    float64
		want Figure
	}{
		{nil, 0.5, NA},
		{[]float64{7}, 0.9, Num(7)},
		{[]float64{4, 1, 3, 2}, 0.5, Num(2.5)},
		{[]float64{4, 1, 3, 2}, 0.9, Num(3.7)},
		{[]float64{10, 20, 30, 40, 50}, 0.5, Num(30)},
	}
	for _, c := range cases {
		got := percentile(c.xs, c.p)
		if got.OK != c.want.OK || math.Abs(got.Value-c.want.Value) > 1e-9 {
			t.Errorf("percentile(%v, %v) = %+v, want %+v", c.xs, c.p, got, c.want)
		}
	}
}

func TestMetricDeltas(t *testing.T) {
	m := Metric{Cur: Num(42), Prev: Num(60)}
	if d := m.Delta(); !d.OK || d.Value != -18 {
		t.Errorf("delta = %+v", d)
	}
	if c := m.Change(); !c.OK || math.Abs(c.Value+0.3) > 1e-9 {
		t.Errorf("change = %+v, want -0.3", c)
	}
	for _, m := range []Metric{{Cur: Num(1), Prev: Num(0)}, {Cur: NA, Prev: Num(3)}, {Cur: Num(3), Prev: NA}} {
		if m.Change().OK {
			t.Errorf("change of %+v is available", m)
		}
	}
	if (Metric{Cur: Num(1), Prev: NA}).Delta().OK {
		t.Error("delta with a missing figure is available")
	}
}
