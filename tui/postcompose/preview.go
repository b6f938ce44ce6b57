package postcompose

import (
	"strings"

	"github.com/rivo/uniseg"

	"cmdeck/core"
	"cmdeck/tui/common"
	"cmdeck/tui/compose"
)

// The counters and previews: one text, measured against each selected
// account's network limit (Context.Limit) and wrapped as a card of that
// network; what passes the limit is marked, so the CM sees where to cut.

// cardWidth is how wide a preview card wraps: about a phone's column.
const cardWidth = 48

// rowOf is the account row of id (zero when unknown).
func (m *Model) rowOf(id int64) accountRow {
	for _, i := range m.accIdx {
		if m.rows[i].account.ID == id {
			return m.rows[i]
		}
	}
	return accountRow{account: core.Account{ID: id}}
}

// accountName is "Chirper @pixelforge" for messages.
func (m *Model) accountName(id int64) string { return accountLabel(m.rowOf(id).account) }

// overText is "12 characters too many".
func (m *Model) overText(n int) string { return common.Plural(m.t, "calendar.compose.over", n) }

// counters is "@pixelforge 45/280 · @dupre 45/500", each account's count
// against its limit: muted, in the warning color in the last tenth, and
// negative with ✗ past it (the mark says it without color).
func (m *Model) counters() string {
	ids := m.Checked()
	if len(ids) == 0 {
		return m.st.Muted.Render(m.t.T("calendar.compose.preview.hint"))
	}
	n := compose.Count(strings.TrimSpace(m.text.Value()))
	var parts []string
	for _, id := range ids {
		parts = append(parts, m.counter(common.OneLine(m.rowOf(id).account.Handle), n, m.limit(id)))
	}
	return strings.Join(parts, m.st.Muted.Render(" · "))
}

// counter is one "label n/limit", styled by how close to the limit.
func (m *Model) counter(label string, n, limit int) string {
	if limit <= 0 {
		return m.st.Muted.Render(label + " " + m.t.T("calendar.compose.count", n))
	}
	text := label + " " + m.t.T("calendar.compose.count.limit", n, limit)
	switch {
	case n > limit:
		return m.st.Negative.Render("✗ " + text)
	case n >= limit-max(limit/10, 1):
		return m.st.Warning.Render(text)
	}
	return m.st.Muted.Render(text)
}

// previewGroup is the selected accounts of one network and limit: they
// see the text the same way.
type previewGroup struct {
	network string
	limit   int
	handles []string
}

// groups gathers the ticked accounts by network and limit, in order.
func (m *Model) groups() []previewGroup {
	var out []previewGroup
	for _, id := range m.Checked() {
		a, limit := m.rowOf(id).account, m.limit(id)
		network := common.OneLine(a.Network)
		found := false
		for i := range out {
			if out[i].network == network && out[i].limit == limit {
				out[i].handles = append(out[i].handles, common.OneLine(a.Handle))
				found = true
			}
		}
		if !found {
			out = append(out, previewGroup{network: network, limit: limit, handles: []string{common.OneLine(a.Handle)}})
		}
	}
	return out
}

// previewLines draws a card per network, w cells wide at most.
func (m *Model) previewLines(w int) []string {
	groups := m.groups()
	if len(groups) == 0 {
		return common.Wrap(m.st.Muted.Render(m.t.T("calendar.compose.preview.hint")), w)
	}
	body := strings.TrimSpace(m.text.Value())
	n := compose.Count(body)
	cw := max(min(w-2, cardWidth), 1)
	var out []string
	for i, g := range groups {
		if i > 0 {
			out = append(out, "")
		}
		title := m.st.Bold.Render(g.network) + " " + m.st.Muted.Render(strings.Join(g.handles, ", "))
		out = append(out, common.Fit(title, w))
		out = append(out, "  "+m.counter(m.t.T("calendar.compose.preview.length"), n, g.limit))
		out = append(out, m.card(body, g.limit, cw)...)
		if over := n - g.limit; g.limit > 0 && over > 0 {
			out = append(out, m.st.Negative.Render("  ✗ "+m.t.T("calendar.compose.preview.cut", m.overText(over))))
		}
	}
	return out
}

// card is the text wrapped to w cells after a bar, the part past limit in
// reverse video in the negative color.
func (m *Model) card(body string, limit, w int) []string {
	if body == "" {
		return []string{m.st.Muted.Render("│ " + m.t.T("calendar.compose.preview.empty"))}
	}
	kept, over := splitAt(body, limit)
	styled := kept
	if over != "" {
		overStyle := m.st.Negative.Reverse(true)
		var parts []string
		for _, line := range strings.Split(over, "\n") {
			if line != "" {
				line = overStyle.Render(line)
			}
			parts = append(parts, line)
		}
		styled += strings.Join(parts, "\n")
	}
	var out []string
	bar := m.st.Muted.Render("│ ")
	for _, para := range strings.Split(styled, "\n") {
		if para == "" {
			out = append(out, bar)
			continue
		}
		for _, l := range common.Wrap(para, w) {
			out = append(out, bar+l)
		}
	}
	return out
}

// splitAt cuts s after limit user-perceived characters (limit <= 0: no
// cut), as networks count them.
func splitAt(s string, limit int) (kept, over string) {
	if limit <= 0 {
		return s, ""
	}
	n, cut := 0, len(s)
	g := uniseg.NewGraphemes(s)
	for g.Next() {
		if n == limit {
			from, _ := g.Positions()
			cut = from
			break
		}
		n++
	}
	return s[:cut], s[cut:]
}
