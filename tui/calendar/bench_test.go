package calendar

import (
	"fmt"
	"testing"
	"time"

	"cmdeck/core"
)

// BenchmarkCalendarMonth draws (View) a month holding 5,000 posts, already
// loaded from a fake source, at the pane's size in an 80×24 and a 160×48
// terminal. The goal is under 5 ms: the month reads per-day counts and a
// few titles (MonthDays), so drawing never walks the posts.
func BenchmarkCalendarMonth(b *testing.B) {
	f := newFake()
	statuses := []core.PostStatus{core.PostScheduled, core.PostPublished, core.PostDraft, core.PostFailed}
	start := at(1, 0, 0)
	for i := range 5000 {
		// Spread over March, every 8 minutes and a bit.
		when := start.Add(time.Duration(i) * (31 * 24 * time.Hour / 5000))
		acc := []int64{11, 12, 21, 31}[i%4]
		f.posts = append(f.posts, f.post(int64(i+1), acc, statuses[i%len(statuses)], when, fmt.Sprintf("Publication %d : les nouveautés de la semaine", i+1)))
	}
	for _, sz := range [][2]int{{80, 21}, {160, 45}} {
		b.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(b *testing.B) {
			m := newPane(b, f, sz[0], sz[1], nil)
			press(b, m, "m")
			if total, _ := m.counts(); total != 5000 {
				b.Fatalf("the month holds %d posts, want 5000", total)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}
