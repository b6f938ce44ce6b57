package tui

import (
	"strings"

	"charm.land/lipgloss/v2"

	"cmdeck/core"
	"cmdeck/tui/common"
	"cmdeck/tui/health"
)

// segment is one part of the status bar, with a shorter form for narrow
// screens ("" drops it when room runs out).
type segment struct {
	long, short string
	style       lipgloss.Style
	extra       string // a hint after the long form, the first thing to go…
	cheap       bool   // …unless this long form goes first (a notice, not a fact)
}

// statusBar is one line: the last action's message, workspace (demo), sync
// state, then the counts a CM acts on. To fit, the long demo notice takes
// its short form first, then hints go, then segments take their short form
// one by one from the left, then drop from the right.
func (m *Model) statusBar() string {
	bar := m.ctx.Styles.StatusBar
	segs := m.segments()
	short := make([]bool, len(segs))
	n := len(segs)
	line := m.joinSegments(segs[:n], short)
	for i := range segs {
		if segs[i].cheap && lipgloss.Width(line) > m.width {
			short[i] = true
			line = m.joinSegments(segs[:n], short)
		}
	}
	if lipgloss.Width(line) > m.width {
		for i := range segs {
			segs[i].extra = ""
		}
		line = m.joinSegments(segs[:n], short)
	}
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
		} else if sg.extra != "" {
			text += " " + sg.extra
		}
		if text != "" {
			parts = append(parts, sg.style.Render(text))
		}
	}
	return bar.Render(" ") + strings.Join(parts, bar.Render(" · "))
}

// segments lists what the status bar says, most important first: the
// message about the last action leads while it shows.
func (m *Model) segments() []segment {
	t, s, st := m.ctx.T, m.ctx.Styles, &m.status
	plain := s.StatusValue
	bold := s.StatusKey
	warn := s.StatusValue.Foreground(s.Palette.Warning).Bold(true)
	bad := s.StatusValue.Foreground(s.Palette.Negative).Bold(true)
	var segs []segment
	if f := m.flash; f.text != "" {
		style := bold
		if f.err {
			style = bad
		}
		segs = append(segs, segment{f.text, f.text, style, "", false})
	}
	if hint := m.reauthHint(); hint != "" {
		// Right after the flash and never shortened: what follows drops
		// out first, and the hint itself is cut only when alone too wide.
		segs = append(segs, segment{hint, hint, bad, "", false})
	}
	if m.opts.Demo {
		segs = append(segs, segment{t.T("root.status.demo_long"), t.T("root.status.demo"), bold, "", true})
	}
	if m.lite() {
		segs = append(segs, segment{t.T("root.status.lite_long"), t.T("root.status.lite"), plain, "", true})
	}
	segs = append(segs, m.syncSegment())
	if st.err != nil {
		segs = append(segs, segment{t.T("root.status.unavailable"), "⚠", bad, "", false})
	}
	if st.counts.SyncErrors > 0 {
		n := st.counts.SyncErrors
		segs = append(segs, segment{"⚠ " + common.Plural(t, "root.status.sync_errors", n),
			"⚠ " + common.Compact(n), warn, "", false})
	}
	if st.loaded {
		n := st.counts.NeedsReply
		segs = append(segs, segment{"● " + t.T("root.status.needs_reply", n), "● " + common.Compact(n), bold, "", false})
	}
	if n := st.counts.QueuedActions; n > 0 {
		segs = append(segs, segment{"⇡ " + t.T("root.status.queued", n), "⇡ " + common.Compact(n), plain, "", false})
	}
	if n := st.counts.FailedActions; n > 0 {
		// Say where to act on them: the outbox view lists the failures.
		hint := t.T("root.status.outbox_hint", m.keys.global.Outbox.Help().Key)
		segs = append(segs, segment{"✗ " + common.Plural(t, "root.status.failed", n), "✗ " + common.Compact(n), bad,
			"(" + hint + ")", false})
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
		return segment{"↻ " + t.T("root.status.syncing"), "↻", plain, "", false}
	case st.readOnly:
		holder := common.OneLine(st.holder)
		if holder == "" {
			holder = "?"
		}
		return segment{t.T("root.status.read_only", holder), t.T("root.status.read_only_short"),
			s.StatusValue.Foreground(s.Palette.Warning), "", false}
	case st.lastSync.IsZero():
		return segment{t.T("root.status.never_synced"), "–", plain, "", false}
	}
	at := st.lastSync.In(m.ctx.Loc).Format("15:04")
	return segment{t.T("root.status.last_sync", at), "✓ " + at, plain, "", false}
}

// reauthHint says which account's token the network refused and the
// command that connects it again, compact enough for 80 columns: the
// server without https:// (the command accepts a bare host) and the handle
// without the host the server already names. "" when every token works.
func (m *Model) reauthHint() string {
	st := m.status.reauth
	if len(st) == 0 {
		return ""
	}
	t, a := m.ctx.T, st[0].Account
	handle := common.OneLine(a.Handle)
	fix := common.OneLine(m.reauthCommand(a))
	if fix == "" {
		fix = t.T("health.fix_config")
	} else {
		fix = strings.Replace(fix, "--server https://", "--server ", 1)
		if user, host, ok := strings.Cut(strings.TrimPrefix(handle, "@"), "@"); ok && strings.HasSuffix(fix, " "+host) {
			handle = "@" + user
		}
	}
	if n := len(st); n > 1 {
		return "⚠ " + t.T("health.hint.reauth_more", handle, n-1, fix)
	}
	return "⚠ " + t.T("health.hint.reauth", handle, fix)
}

// reauthCommand is the command that connects an account again ("" when its
// network has none).
func (m *Model) reauthCommand(a core.Account) string {
	if m.opts.ReauthCommand != nil {
		return m.opts.ReauthCommand(a)
	}
	return health.ReauthCommand(a.Provider, a.Handle, "")
}
