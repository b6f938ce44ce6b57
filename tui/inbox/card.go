package inbox

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"

	"cmdeck/store"
	"cmdeck/tui/common"
)

// maxFactLines caps the card's second part, so a narrow conversation
// keeps room for the messages.
const maxFactLines = 2

// authorCard is the lines above a conversation: who wrote the selected
// item, then what the CM should know before answering — flags first (VIP,
// influencer, blocked), then audience and history with this client.
func (m *Model) authorCard(sel store.ItemView, history, width int) []string {
	s, t := m.styles, m.t
	a := sel.Author
	name := flatten(firstNonEmpty(a.Name, a.Handle))
	first := s.Bold.Render(name)
	var extra []string
	if h := flatten(a.Handle); h != "" && h != name {
		extra = append(extra, h)
	}
	if n := flatten(firstNonEmpty(sel.Network, a.Network)); n != "" {
		extra = append(extra, n)
	}
	if len(extra) > 0 {
		first += " " + s.Muted.Render(strings.Join(extra, " · "))
	}

	facts := m.flags(sel)
	client := flatten(firstNonEmpty(sel.ClientName, sel.ClientSlug))
	if a.Followers >= 0 {
		facts = append(facts, s.Muted.Render(t.T("inbox.card.followers", compactCount(a.Followers, t.T("inbox.decimal_sep")))))
	}
	switch {
	case history < 0:
		facts = append(facts, s.Muted.Render(t.T("inbox.card.history_na", client)))
	case history <= 1:
		facts = append(facts, s.Muted.Render(t.T("inbox.card.history1", client)))
	default:
		facts = append(facts, s.Muted.Render(t.T("inbox.card.history", history, client)))
	}
	facts = append(facts, m.triageFacts(sel)...)
	lines := []string{first}
	lines = append(lines, packSegments(facts, s.Muted.Render(" · "), width, maxFactLines)...)
	for i := range lines {
		lines[i] = common.Fit(lines[i], width)
	}
	return lines
}

// triageFacts are what the team did with the item itself: snoozed until
// when (in the user's zone), and who it is assigned to.
func (m *Model) triageFacts(sel store.ItemView) []string {
	s, t := m.styles, m.t
	var out []string
	if !sel.SnoozedUntil.IsZero() && sel.SnoozedUntil.After(m.clock.Now()) {
		at := sel.SnoozedUntil.In(m.loc)
		out = append(out, s.Info.Render(t.T("inbox.card.snoozed",
			common.WeekdayShort(t, at), common.ShortDate(t, at), fmt.Sprintf("%02d:%02d", at.Hour(), at.Minute()))))
	}
	if a := flatten(sel.Assignee); a != "" {
		out = append(out, s.Accent.Render(t.T("inbox.card.assignee", a)))
	}
	return out
}

// packSegments joins segments with sep into lines of at most width cells,
// never splitting a segment unless it alone is too wide; past maxLines the
// rest goes on the last line (and is cut by the caller's fit).
func packSegments(segs []string, sep string, width, maxLines int) []string {
	var lines []string
	for _, seg := range segs {
		n := len(lines)
		if n > 0 && (lipgloss.Width(lines[n-1]+sep+seg) <= width || n == maxLines) {
			lines[n-1] += sep + seg
			continue
		}
		lines = append(lines, seg)
	}
	return lines
}

// flags are the styled warnings about an author.
func (m *Model) flags(sel store.ItemView) []string {
	s, t := m.styles, m.t
	var out []string
	if sel.Author.VIP {
		out = append(out, s.Warning.Bold(true).Render(t.T("inbox.flag.vip")))
	}
	if sel.Author.Followers >= influencerFollowers {
		out = append(out, s.Info.Render(t.T("inbox.flag.influencer")))
	}
	if sel.Author.Blocked {
		out = append(out, s.Negative.Render(t.T("inbox.flag.blocked")))
	}
	return out
}

// cardLines is the selection's card at width.
func (m *Model) cardLines(sel store.ItemView, width int) []string {
	return m.authorCard(sel, m.thread.historyFor(sel), width)
}
