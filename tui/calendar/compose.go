package calendar

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"

	"cmdeck/tui/common"
	"cmdeck/tui/postcompose"
)

// The composer takes the whole pane while it is open. n opens it on the
// cursor's hour (the week) or day (the month, at 09:00) when that is
// ahead, for the filtered account; e opens it on the selected post.

// monthNewHour is the hour a post planned on a day of the month starts at.
const monthNewHour = 9

// openNew opens the composer for a new post: the one closed unsaved, if
// any, else an empty one.
func (m *Model) openNew() tea.Cmd {
	if m.readOnly() {
		return nil
	}
	if m.parked != nil {
		m.composer, m.parked = m.parked, nil
		m.composer.SetSize(m.width, m.height)
		return nil
	}
	return m.openComposer(postcompose.Options{When: m.defaultWhen(), AccountIDs: m.defaultAccounts()})
}

// defaultWhen is the cursor's time when it is ahead, as the field shows it.
func (m *Model) defaultWhen() string {
	at := m.at
	switch m.view {
	case viewMonth:
		at = atHour(m.at, monthNewHour, m.ctx.Loc)
	case viewAgenda:
		return ""
	}
	if !at.After(m.now()) {
		return ""
	}
	return postcompose.FormatWhen(at, m.ctx.Loc)
}

// defaultAccounts ticks the filtered account, or the filtered client's
// only account.
func (m *Model) defaultAccounts() []int64 {
	if m.filter.account != 0 {
		return []int64{m.filter.account}
	}
	var ids []int64
	for _, a := range m.dir.accounts {
		if m.filter.client != 0 && a.Account.ClientID == m.filter.client {
			ids = append(ids, a.Account.ID)
		}
	}
	if len(ids) == 1 {
		return ids
	}
	return nil
}

// openEdit opens the composer on the selected post.
func (m *Model) openEdit() tea.Cmd {
	p, ok := m.editable()
	if !ok {
		return nil
	}
	return m.openComposer(postcompose.Options{EditID: p.ID, Body: p.Body, AccountIDs: []int64{p.AccountID},
		When: postcompose.FormatWhen(p.ScheduledAt, m.ctx.Loc), Recur: p.Recur, Media: p.Media})
}

// openComposer shows the composer over the pane and starts its reads.
func (m *Model) openComposer(o postcompose.Options) tea.Cmd {
	c := postcompose.New(m.ctx, m.dir.clients, m.dir.accounts, o)
	c.SetEnv(m.env)
	c.SetSize(m.width, m.height)
	m.composer, m.details = c, 0
	return c.Init()
}

// closeComposer closes it; a new post with something in it is kept for
// the next n.
func (m *Model) closeComposer() {
	c := m.composer
	m.composer = nil
	if c != nil && c.EditID() == 0 && (strings.TrimSpace(c.Body()) != "" || len(c.Media()) > 0) {
		m.parked = c
		m.notice = notice{text: m.ctx.T.T("calendar.notice.parked")}
	}
}

// save writes the composer's post: one per account, or the edited one.
func (m *Model) save(msg postcompose.SubmitMsg) tea.Cmd {
	if m.composer == nil {
		return nil
	}
	d, now := msg.Draft, m.now()
	if d.Actor == "" {
		d.Actor = m.ctx.Actor
	}
	if id := msg.EditID; id != 0 {
		base := wroteMsg{op: opUpdate, id: id, at: d.At}
		return m.write(base, func(ctx context.Context, src common.Source) wroteMsg {
			base.err = src.UpdatePost(ctx, id, d.Body, d.At, now)
			return base
		})
	}
	base := wroteMsg{op: opCreate, at: d.At, n: len(d.AccountIDs)}
	return m.write(base, func(ctx context.Context, src common.Source) wroteMsg {
		base.ids, base.err = src.CreatePosts(ctx, d, now)
		return base
	})
}

// saved closes the composer once its post is written, or tells it why
// not (it stays open with everything typed). It reports whether the
// composer took the error.
func (m *Model) saved(msg wroteMsg) bool {
	if m.composer == nil {
		return false
	}
	if msg.err != nil {
		m.composer.Failed(m.errorText(msg.op, msg.err))
		return true
	}
	m.composer = nil
	return false
}
