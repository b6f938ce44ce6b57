package accounts

import (
	"strings"

	"charm.land/lipgloss/v2"

	"cmdeck/store"
	"cmdeck/tui/common"
	"cmdeck/tui/health"
)

// maxWidth keeps rows readable on a wide terminal.
const maxWidth = 120

// minListLines is the least room the list keeps before the selected
// account's details give theirs up.
const minListLines = 3

// Column caps, so one long state or rate cannot squeeze the handles out.
const (
	maxLastOK  = 10
	maxState   = 24
	maxRate    = 18
	minFlex    = 16 // the least room for the account and network columns
	minAccount = 8  // the least room for the account alone
)

// Column order of a row.
const (
	colMark = iota
	colAccount
	colNetwork
	colLastOK
	colState
	colRate
	colCount
)

// View draws the framed list with the selected account's details. It is
// never larger than the size given.
func (m *Model) View() string {
	room := m.height - 2 // inside the border
	if m.width < 12 || room < 2 {
		return ""
	}
	s := m.ctx.Styles
	iw := min(m.width, maxWidth) - 4
	now := m.ctx.Clock.Now()
	rows := health.Rows(m.ctx.T, m.hs, now, m.ctx.Loc)
	widths := columns(m.header(), rows, iw)
	listH := room - 1
	details := m.details(iw)
	if listH-1-len(details) < minListLines {
		details = nil // a short screen shows the list, not the details
	}
	listH -= len(details)
	lines := []string{s.Title.Render(m.title(rows))}
	lines = append(lines, m.list(rows, widths, listH)...)
	lines = append(lines, details...)
	for i, l := range lines {
		lines[i] = common.Fit(l, iw)
	}
	return s.Border.Padding(0, 1).Render(strings.Join(lines, "\n"))
}

// title is "Accounts · 1 to re-authorize · 1 in backoff".
func (m *Model) title(rows []health.Row) string {
	t := m.ctx.T
	reauth, backoff := 0, 0
	for _, r := range rows {
		switch r.State {
		case health.StateReauth:
			reauth++
		case health.StateBackoff:
			backoff++
		}
	}
	parts := []string{t.T("health.title")}
	if reauth > 0 {
		parts = append(parts, t.T("health.count.reauth", reauth))
	}
	if backoff > 0 {
		parts = append(parts, t.T("health.count.backoff", backoff))
	}
	return strings.Join(parts, " · ")
}

// header is the column titles, in row order.
func (m *Model) header() []string {
	c := health.Columns(m.ctx.T) // client, account, network, last ok, state, rate, error
	return []string{"", c[1], c[2], c[3], c[4], c[5]}
}

// cells is a row's texts in column order.
func cells(r health.Row) []string {
	return []string{mark(r.State), r.Account, r.Network, r.LastSuccess, r.StateText, r.Rate}
}

// mark carries the state without color: ✗ re-authorize, ⚠ failing, · never.
func mark(s health.State) string {
	switch s {
	case health.StateReauth:
		return "✗"
	case health.StateBackoff, health.StateFailing:
		return "⚠"
	case health.StateNever:
		return "·"
	}
	return "✓"
}

// columns sizes the columns for an inner width: the state, last success
// and rate as wide as their texts (capped), the account and network
// sharing the rest. Narrow screens drop the rate, then the network, then
// the last success (the details under the list still say the error and
// the fix), and a tiny one cuts the state.
func columns(header []string, rows []health.Row, iw int) []int {
	w := make([]int, colCount)
	grow := func(cs []string) {
		for i, c := range cs {
			w[i] = max(w[i], lipgloss.Width(c))
		}
	}
	grow(header)
	for _, r := range rows {
		grow(cells(r))
	}
	want := w[colAccount] + 1 + w[colNetwork]
	w[colMark] = 1
	w[colLastOK], w[colState], w[colRate] = min(w[colLastOK], maxLastOK), min(w[colState], maxState), min(w[colRate], maxRate)
	for _, drop := range []int{colRate, colNetwork, colLastOK} {
		if flexRoom(w, iw) >= min(minFlex, want) {
			break
		}
		w[drop] = 0
	}
	if short := minAccount - flexRoom(w, iw); short > 0 {
		w[colState] = max(w[colState]-short, 1) // a tiny screen: the state gives way last
	}
	share(w, flexRoom(w, iw))
	return w
}

// flexRoom is what the fixed columns and the separators leave for the
// account and network.
func flexRoom(w []int, iw int) int {
	used, n := 0, 0
	for i, x := range w {
		if i == colAccount || i == colNetwork {
			if x > 0 {
				n++
			}
			continue
		}
		if x > 0 {
			used += x
			n++
		}
	}
	return iw - used - (n - 1)
}

// share gives the account and network columns room, the network at most
// two fifths of it, each no wider than its widest text.
func share(w []int, room int) {
	room = max(room, 0)
	if w[colNetwork] == 0 {
		w[colAccount] = room
		return
	}
	net := min(w[colNetwork], max(room*2/5, 6))
	acct := min(w[colAccount], room-net)
	w[colNetwork] = min(w[colNetwork], room-acct)
	w[colAccount] = max(acct, 0)
}

// list draws the column header, then the accounts grouped under their
// client, scrolled to the cursor, in h lines (or the state of the load).
func (m *Model) list(rows []health.Row, widths []int, h int) []string {
	t, s := m.ctx.T, m.ctx.Styles
	switch {
	case m.err != nil && !m.loaded:
		return []string{s.Negative.Render(t.T("health.load_error", common.OneLine(m.err.Error())))}
	case !m.loaded:
		return []string{s.Muted.Render(t.T("health.loading"))}
	case len(rows) == 0:
		return []string{s.Muted.Render(t.T("health.empty"))}
	}
	out := []string{s.Header.Render(common.Columns(m.header(), widths))}
	var all []string
	cursorLine := 0
	for i, r := range rows {
		if i == 0 || r.Client != rows[i-1].Client {
			all = append(all, s.Bold.Render(r.Client))
		}
		if i == m.cursor {
			cursorLine = len(all)
		}
		all = append(all, m.rowLine(r, i == m.cursor, widths))
	}
	h--
	// Keep the client's name in view above its first account.
	m.vp.Show(max(cursorLine-1, 0), cursorLine, len(all), h)
	out = append(out, m.vp.Window(all, h)...)
	if m.err != nil {
		out = append(out[:max(len(out)-1, 1)], s.Negative.Render(t.T("health.load_error", common.OneLine(m.err.Error()))))
	}
	return out
}

// rowLine draws one account: red when it needs re-authorizing, yellow
// when it is failing or waiting out a backoff.
func (m *Model) rowLine(r health.Row, selected bool, widths []int) string {
	s := m.ctx.Styles
	line := common.Columns(cells(r), widths)
	switch {
	case selected:
		return s.Selected.Render(line)
	case r.Level == health.LevelBad:
		return s.Negative.Render(line)
	case r.Level == health.LevelWarn:
		return s.Warning.Render(line)
	}
	return line
}

// details says the selected account's last error and, when its token was
// refused, how to connect it again.
func (m *Model) details(iw int) []string {
	if !m.loaded || m.cursor >= len(m.hs) {
		return nil
	}
	t, s := m.ctx.T, m.ctx.Styles
	h := m.hs[m.cursor]
	row := health.FormatRow(t, h, m.ctx.Clock.Now(), m.ctx.Loc)
	var out []string
	if row.LastError != "" {
		out = append(out, wrapped(t.T("health.error", row.LastError), iw, 2)...)
	}
	if row.State == health.StateReauth {
		out = append(out, s.Negative.Render(strings.Join(wrapped(t.T("health.fix", m.fix(h)), iw, 2), "\n")))
	}
	if len(out) == 0 {
		return nil
	}
	return append([]string{s.Subtle.Render(strings.Repeat("─", iw))}, common.SplitLines(strings.Join(out, "\n"))...)
}

// fix is the command that connects the account again, or what to check
// when its network has none.
func (m *Model) fix(h store.AccountHealth) string {
	if cmd := common.OneLine(m.reauth(h.Account)); cmd != "" {
		return cmd
	}
	return m.ctx.T.T("health.fix_config")
}

// wrapped is text wrapped to w, at most n lines, the last one marked when
// cut.
func wrapped(text string, w, n int) []string {
	lines := common.Wrap(text, w)
	if len(lines) > n {
		lines = lines[:n]
		lines[n-1] = common.Fit(strings.TrimRight(lines[n-1], " ")+" "+common.Ellipsis, w)
	}
	return lines
}
