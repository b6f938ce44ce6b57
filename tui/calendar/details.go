package calendar

import (
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// enter opens a post's details over the pane: where and when it goes, its
// status and why (the last error), attempts, who published it and its
// link, its recurrence and attachments, then its text. The action keys
// work from there; esc closes.

// detailsWidth caps the box on wide screens.
const detailsWidth = 76

// detailsKey closes the details, or runs a post action on their post.
func (m *Model) detailsKey(k tea.KeyPressMsg) tea.Cmd {
	act := m.keys.action(k)
	switch act {
	case actEdit, actDelete, actDuplicate, actPublish, actRetry,
		actMoveLater, actMoveEarlier, actMoveNextDay, actMovePrevDay:
		m.sel, m.details = m.details, 0
		return m.do(act)
	case actCopy, actOpenLink:
		// They only read: the details stay open.
		m.sel = m.details
		return m.linkAction(act)
	}
	// q stays the deck's: it quits, as everywhere.
	switch k.String() {
	case "esc", "enter":
		m.details = 0
	}
	return nil
}

// detailsHelp lists the keys that apply to the open post: a post out of
// the CM's hands can only be duplicated; a published one's link copied
// and opened.
func (m *Model) detailsHelp() []key.Binding {
	k := m.keys
	var out []key.Binding
	if i := m.postIndex(m.details); i >= 0 {
		switch p := m.data.posts[i]; {
		case busy(p):
			out = []key.Binding{k.Duplicate}
		case failing(p.Status):
			out = []key.Binding{k.Retry, k.Edit, k.Delete, k.Duplicate, k.Publish}
		default:
			out = []key.Binding{k.Edit, k.Delete, k.Duplicate, k.Publish, k.MoveLater}
		}
	}
	if i := m.postIndex(m.details); i >= 0 && m.data.posts[i].URL != "" {
		out = append(out, k.Copy, k.OpenLink)
	}
	return append(out, closeKey(m.ctx.T))
}

// detailsBox is the framed details of the open post, "" when none.
func (m *Model) detailsBox() string {
	if m.details == 0 {
		return ""
	}
	i := m.postIndex(m.details)
	if i < 0 {
		m.details = 0 // gone (deleted, or out of the period after a reload)
		return ""
	}
	w := min(m.width-2, detailsWidth)
	if w < 12 {
		return ""
	}
	lines := m.detailLines(m.data.posts[i], w-4)
	lines = append(lines, "", helpLine(m.ctx.Styles, m.ShortHelp()))
	// The box's border takes two rows; a long text is cut, the keys stay.
	if room := m.height - 2; len(lines) > room && room > 2 {
		lines = append(lines[:room-2], m.ctx.Styles.Muted.Render("…"), lines[len(lines)-1])
	}
	for j, l := range lines {
		lines[j] = common.Fit(l, w-4)
	}
	return m.ctx.Styles.Border.Padding(0, 1).Width(w).Render(strings.Join(lines, "\n"))
}

// detailLines describes a post in lines of at most w cells.
func (m *Model) detailLines(p store.PostView, w int) []string {
	s, t := m.ctx.Styles, m.ctx.T
	out := []string{
		m.markedLabel(p, true) +
			s.Muted.Render(" · ") + s.Bold.Render(m.longWhen(p)),
		s.ClientStyle(p.ClientColor).Render(common.OneLine(p.ClientName)) + s.Muted.Render(" · ") + accountText(p),
	}
	if others := m.siblings(p); len(others) > 0 {
		out = append(out, s.Muted.Render(t.T("calendar.details.also", strings.Join(others, ", "))))
	}
	if p.Error != "" {
		for _, l := range common.Wrap(t.T("calendar.details.reason", common.OneLine(p.Error)), w) {
			out = append(out, s.Negative.Render(l))
		}
	}
	if p.Paused {
		// Its own lines, whole: why the post does not go out matters more
		// than the facts after it.
		for _, l := range common.Wrap(t.T("calendar.details.paused"), w) {
			out = append(out, s.Warning.Render(l))
		}
	}
	var facts []string
	if p.Attempts > 0 {
		facts = append(facts, common.Plural(t, "calendar.details.attempts", p.Attempts))
	}
	if p.PublishedBy != "" {
		facts = append(facts, t.T("calendar.details.published_by", common.OneLine(p.PublishedBy)))
	}
	if p.HeldByNetwork {
		facts = append(facts, t.T("calendar.details.held", common.OneLine(p.Network)))
	}
	if p.NetworkSyncing {
		facts = append(facts, t.T("calendar.details.syncing"))
	}
	if p.Recur != core.RecurNone {
		facts = append(facts, t.T("calendar.details.recur", t.T("calendar.recur."+string(p.Recur))))
	}
	if len(facts) > 0 {
		out = append(out, s.Muted.Render(strings.Join(facts, " · ")))
	}
	out = append(out, m.linkDetail(p.URL, w)...)
	if len(p.Media) > 0 {
		names := make([]string, len(p.Media))
		for i, f := range p.Media {
			names[i] = common.OneLine(filepath.Base(f))
		}
		out = append(out, t.T("calendar.details.media", strings.Join(names, ", ")))
	}
	out = append(out, "")
	for _, para := range strings.Split(p.Body, "\n") {
		out = append(out, common.Wrap(common.OneLine(para), w)...)
		if strings.TrimSpace(para) == "" {
			out = append(out, "")
		}
	}
	return out
}

// longWhen is when the post goes (or went) out, or that it has no time.
func (m *Model) longWhen(p store.PostView) string {
	if p.Status == core.PostDraft && p.ScheduledAt.IsZero() {
		return m.ctx.T.T("calendar.details.no_time")
	}
	local := p.At.In(m.ctx.Loc)
	return common.LongDate(m.ctx.T, local) + " " + local.Format("15:04")
}

// siblings names the other accounts the same text was planned for (the
// posts of its group that are loaded).
func (m *Model) siblings(p store.PostView) []string {
	if p.GroupKey == "" {
		return nil
	}
	var out []string
	for _, o := range m.data.posts {
		if o.GroupKey == p.GroupKey && o.ID != p.ID {
			out = append(out, accountText(o))
		}
	}
	return out
}

// helpLine renders bindings as "e edit · esc close".
func helpLine(s *common.Styles, bindings []key.Binding) string {
	var parts []string
	for _, b := range bindings {
		if !b.Enabled() {
			continue
		}
		h := b.Help()
		parts = append(parts, s.HelpKey.Render(h.Key)+" "+s.HelpDesc.Render(h.Desc))
	}
	return strings.Join(parts, s.Muted.Render(" · "))
}
