package calendar

import (
	"charm.land/lipgloss/v2"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// Each status has its own mark, so the calendar reads the same without
// color (NO_COLOR): ○ draft, ◷ scheduled, ↻ publishing, ✓ published,
// ✗ failed, ! missed; and ⏸ for a post crisis mode holds back.

// statusOrder is how statuses are listed in counts.
var statusOrder = []core.PostStatus{core.PostDraft, core.PostScheduled, core.PostPublishing,
	core.PostPublished, core.PostFailed, core.PostMissed}

// statusMark is a status's one-cell mark.
func statusMark(st core.PostStatus) string {
	switch st {
	case core.PostDraft:
		return "○"
	case core.PostScheduled:
		return "◷"
	case core.PostPublishing:
		return "↻"
	case core.PostPublished:
		return "✓"
	case core.PostFailed:
		return "✗"
	case core.PostMissed:
		return "!"
	}
	return "?"
}

// statusStyle is a status's color.
func statusStyle(s *common.Styles, st core.PostStatus) lipgloss.Style {
	switch st {
	case core.PostScheduled:
		return s.Info
	case core.PostPublishing:
		return s.Warning
	case core.PostPublished:
		return s.Positive
	case core.PostFailed, core.PostMissed:
		return s.Negative
	}
	return s.Muted
}

// statusLabel is a status's word in the CM's language.
func (m *Model) statusLabel(st core.PostStatus) string {
	for _, known := range statusOrder {
		if st == known {
			return m.ctx.T.T("calendar.status." + string(st))
		}
	}
	return common.OneLine(string(st))
}

// pausedMark marks a post its client's crisis mode holds back: it keeps
// its time and waits until ":crisis off".
const pausedMark = "⏸"

// postMark is a post's mark and style: ⏸ while crisis mode holds it back,
// else its status's.
func postMark(s *common.Styles, p store.PostView) (string, lipgloss.Style) {
	if p.Paused {
		return pausedMark, s.Warning.Bold(true)
	}
	return statusMark(p.Status), statusStyle(s, p.Status)
}

// postLabel is a post's status in words, "paused" first while crisis
// mode holds it back.
func (m *Model) postLabel(p store.PostView) string {
	if p.Paused {
		return m.ctx.T.T("calendar.status.paused", m.statusLabel(p.Status))
	}
	return m.statusLabel(p.Status)
}

// failing reports the statuses the header counts as needing attention.
func failing(st core.PostStatus) bool { return st == core.PostFailed || st == core.PostMissed }

// markedLabel is a post's mark and status in words ("⏸ paused
// (scheduled)"), bold in the details.
func (m *Model) markedLabel(p store.PostView, bold bool) string {
	mark, style := postMark(m.ctx.Styles, p)
	return style.Bold(bold || p.Paused).Render(mark + " " + m.postLabel(p))
}
