package tui

import (
	"strings"

	"charm.land/lipgloss/v2"

	"cmdeck/tui/common"
)

// segment is one part of the status bar, with a shorter form for narrow
// screens ("" drops it when room runs out).
type segment struct {
	long, short string
	style       lipgloss.Style
}

// statusBar is one line: workspace (demo), sync state, then the counts a
// CM acts on. To fit, segments take their short form one by one from the
// left (the long demo notice goes first), then drop from the right.
func (m *Model) statusBar() string {
	bar := m.ctx.Styles.StatusBar
	segs := m.segments()
	short := make([]bool, len(segs))
	n := len(segs)
	line := m.joinSegments(segs[:n], short)
	for i := 0; i < len(segs) && lipgloss.Width(line) > m.width; i++ {
		short[i] = true
		line = m.joinSegments(segs[:n], short)
	}
	for n > 1 && lipgloss.Width(line) > m.width {
		n--
		line = m.joinSegments(segs[:n], short)
	}
	if lipgloss.Width(line) > m.width {
		line = common.Fit(line, m.width)
	}
	return line + bar.Render(strings.Repeat(" ", max(m.width-lipgloss.Width(line), 0)))
}

// joinSegments draws segments in their long or short form.
func (m *Model) joinSegments(segs []segment, short []bool) string {
	bar := m.ctx.Styles.StatusBar
	parts := make([]string, 0, len(segs))
	for i, sg := range segs {
		text := sg.long
		if short[i] {
			text = sg.short
		}
		if text != "" {
			parts = append(parts, sg.style.Render(text))
		}
	}
	return bar.Render(" ") + strings.Join(parts, bar.Render(" · "))
}

// segments lists what the status bar says, most important first.
func (m *Model) segments() []segment {
	t, s, st := m.ctx.T, m.ctx.Styles, &m.status
	plain := s.StatusValue
	bold := s.StatusKey
	warn := s.StatusValue.Foreground(s.Palette.Warning).Bold(true)
	bad := s.StatusValue.Foreground(s.Palette.Negative).Bold(true)
	var segs []segment
	if m.opts.Demo {
		segs = append(segs, segment{t.T("root.status.demo_long"), t.T("root.status.demo"), bold})
	}
	segs = append(segs, m.syncSegment())
	if st.err != nil {
		segs = append(segs, segment{t.T("root.status.unavailable"), "⚠", bad})
	}
	if st.counts.SyncErrors > 0 {
		n := st.counts.SyncErrors
		segs = append(segs, segment{"⚠ " + common.Plural(t, "root.status.sync_errors", n),
			"⚠ " + common.Compact(n), warn})
	}
	if st.loaded {
		n := st.counts.NeedsReply
		segs = append(segs, segment{"● " + t.T("root.status.needs_reply", n), "● " + common.Compact(n), bold})
	}
	if n := st.counts.QueuedActions; n > 0 {
		segs = append(segs, segment{"⇡ " + t.T("root.status.queued", n), "⇡ " + common.Compact(n), plain})
	}
	if n := st.counts.FailedActions; n > 0 {
		segs = append(segs, segment{"✗ " + common.Plural(t, "root.status.failed", n), "✗ " + common.Compact(n), bad})
	}
	return segs
}

// syncSegment says whether data is syncing, when it last synced, or that
// another process syncs and this one only reads.
func (m *Model) syncSegment() segment {
	t, s, st := m.ctx.T, m.ctx.Styles, &m.status
	plain := s.StatusValue
	switch {
	case st.syncing:
		return segment{"↻ " + t.T("root.status.syncing"), "↻", plain}
	case st.readOnly:
		holder := common.OneLine(st.holder)
		if holder == "" {
			holder = "?"
		}
		return segment{t.T("root.status.read_only", holder), t.T("root.status.read_only_short"),
			s.StatusValue.Foreground(s.Palette.Warning)}
	case st.lastSync.IsZero():
		return segment{t.T("root.status.never_synced"), "–", plain}
	}
	at := st.lastSync.In(m.ctx.Loc).Format("15:04")
	return segment{t.T("root.status.last_sync", at), "✓ " + at, plain}
}
