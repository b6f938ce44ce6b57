package calendar

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// Every write goes to the store in a Cmd, with who acts in its context
// (store.WithActor), and answers wroteMsg. A move shows at once: the post
// is moved in the loaded data before the write runs, and moved back if
// the store refuses (ErrPostBusy: it is being published). Whatever the
// outcome, the period is read again once the last write has answered.

// writeOp names a write, for its answer and its messages.
type writeOp int

const (
	opCreate writeOp = iota
	opUpdate
	opMove
	opDelete
	opDuplicate
	opPublish
	opRetry
)

// opNames are the catalog suffixes of the writes.
var opNames = [...]string{opCreate: "create", opUpdate: "update", opMove: "move", opDelete: "delete",
	opDuplicate: "duplicate", opPublish: "publish", opRetry: "retry"}

// wroteMsg is a write's answer.
type wroteMsg struct {
	op    writeOp
	id    int64         // the post written
	ids   []int64       // create: the posts made
	newID int64         // duplicate: the copy
	delta time.Duration // move: by how much (to take it back)
	at    time.Time     // create, update: the time scheduled (zero: draft)
	n     int           // create: how many accounts
	err   error
}

// readOnly refuses a write in a viewer's session, saying so.
func (m *Model) readOnly() bool {
	if m.ctx.ReadOnly {
		m.notice = notice{text: m.ctx.T.T("calendar.notice.read_only"), bad: true}
	}
	return m.ctx.ReadOnly
}

// write runs fn against the source in a Cmd, as the acting user, and
// counts it in flight so loads wait for it.
func (m *Model) write(base wroteMsg, fn func(ctx context.Context, src common.Source) wroteMsg) tea.Cmd {
	if m.readOnly() {
		return nil
	}
	m.inflight++
	src, actor := m.ctx.Source, m.ctx.Actor
	return func() tea.Msg {
		if src == nil {
			base.err = errNoSource
			return base
		}
		ctx, cancel := queryContext()
		defer cancel()
		return fn(store.WithActor(ctx, actor), src)
	}
}

// now is the clock's time, for the writes' now argument.
func (m *Model) now() time.Time { return m.ctx.Clock.Now() }

// editable is the selected post, when the CM may still change it; else
// it says why not in the footer.
func (m *Model) editable() (*store.PostView, bool) {
	p, ok := m.selected()
	switch {
	case !ok:
		m.notice = notice{text: m.ctx.T.T("calendar.notice.no_post")}
		return nil, false
	case m.readOnly():
		return nil, false
	case busy(*p):
		m.notice = notice{text: m.ctx.T.T("calendar.err.busy"), bad: true}
		return nil, false
	}
	return p, true
}

// busy reports a post out of the CM's hands: being sent or published.
func busy(p store.PostView) bool {
	return p.Status == core.PostPublished || p.Status == core.PostPublishing ||
		p.ActionState == core.ActionClaimed || p.ActionState == core.ActionDone
}

// move shifts the selected post by d: at once on screen, then in the store.
func (m *Model) move(d time.Duration) tea.Cmd {
	p, ok := m.editable()
	if !ok {
		return nil
	}
	if p.ScheduledAt.IsZero() {
		m.notice = notice{text: m.ctx.T.T("calendar.err.no_time"), bad: true}
		return nil
	}
	id, now := p.ID, m.now()
	m.shift(id, d)
	return m.write(wroteMsg{op: opMove, id: id, delta: d}, func(ctx context.Context, src common.Source) wroteMsg {
		return wroteMsg{op: opMove, id: id, delta: d, err: src.MovePost(ctx, id, d, now)}
	})
}

// shift moves post id by d in the loaded data and the cursor with it.
func (m *Model) shift(id int64, d time.Duration) {
	i := m.postIndex(id)
	if i < 0 {
		return
	}
	p := &m.data.posts[i]
	p.At, p.ScheduledAt = p.At.Add(d), p.ScheduledAt.Add(d)
	m.index()
	if i = m.postIndex(id); i >= 0 {
		m.follow(i)
	}
}

// duplicate copies the selected post as a draft.
func (m *Model) duplicate() tea.Cmd {
	p, ok := m.selected()
	if !ok {
		m.notice = notice{text: m.ctx.T.T("calendar.notice.no_post")}
		return nil
	}
	if m.readOnly() {
		return nil
	}
	id, now := p.ID, m.now()
	return m.write(wroteMsg{op: opDuplicate, id: id}, func(ctx context.Context, src common.Source) wroteMsg {
		newID, err := src.DuplicatePost(ctx, id, now)
		return wroteMsg{op: opDuplicate, id: id, newID: newID, err: err}
	})
}

// retry sends a failed or missed post again.
func (m *Model) retry() tea.Cmd {
	p, ok := m.editable()
	if !ok {
		return nil
	}
	if p.Status != core.PostFailed && p.Status != core.PostMissed {
		m.notice = notice{text: m.ctx.T.T("calendar.err.not_failed"), bad: true}
		return nil
	}
	id, now := p.ID, m.now()
	return m.write(wroteMsg{op: opRetry, id: id}, func(ctx context.Context, src common.Source) wroteMsg {
		return wroteMsg{op: opRetry, id: id, err: src.RetryPost(ctx, id, now)}
	})
}

// deletePost removes post id (asked for first).
func (m *Model) deletePost(id int64) tea.Cmd {
	now := m.now()
	return m.write(wroteMsg{op: opDelete, id: id}, func(ctx context.Context, src common.Source) wroteMsg {
		return wroteMsg{op: opDelete, id: id, err: src.DeletePost(ctx, id, now)}
	})
}

// publishNow makes post id due now (asked for first).
func (m *Model) publishNow(id int64) tea.Cmd {
	now := m.now()
	return m.write(wroteMsg{op: opPublish, id: id}, func(ctx context.Context, src common.Source) wroteMsg {
		return wroteMsg{op: opPublish, id: id, err: src.PublishNow(ctx, id, now)}
	})
}

// wrote takes a write's answer: the message, the move taken back on
// failure, the composer closed on success; then the reload.
func (m *Model) wrote(msg wroteMsg) tea.Cmd {
	m.inflight = max(m.inflight-1, 0)
	taken := (msg.op == opCreate || msg.op == opUpdate) && m.saved(msg)
	switch {
	case taken:
	case msg.err != nil:
		if msg.op == opMove {
			m.shift(msg.id, -msg.delta)
		}
		m.notice = notice{text: m.errorText(msg.op, msg.err), bad: true}
	default:
		m.notice = notice{text: m.doneText(msg)}
		m.afterWrite(msg)
	}
	if m.inflight > 0 {
		m.reloadAfter = true
		return nil
	}
	m.reloadAfter = false
	return m.load()
}

// afterWrite puts the cursor where a successful write left the post.
func (m *Model) afterWrite(msg wroteMsg) {
	switch msg.op {
	case opDuplicate:
		// A draft with no time sits at its creation: now.
		now := m.now()
		m.sel, m.at = msg.newID, atHour(now, now.In(m.ctx.Loc).Hour(), m.ctx.Loc)
	case opCreate, opUpdate:
		if !msg.at.IsZero() {
			m.at = atHour(msg.at, msg.at.In(m.ctx.Loc).Hour(), m.ctx.Loc)
		}
		if len(msg.ids) > 0 {
			m.sel = msg.ids[0]
		} else {
			m.sel = msg.id
		}
	case opDelete:
		if m.details == msg.id {
			m.details = 0
		}
	}
}

// doneText says what a write did.
func (m *Model) doneText(msg wroteMsg) string {
	t := m.ctx.T
	switch msg.op {
	case opCreate:
		if msg.at.IsZero() {
			return common.Plural(t, "calendar.done.draft", msg.n)
		}
		return t.T("calendar.done.scheduled", m.when(msg.at), common.Plural(t, "calendar.accounts", msg.n))
	case opUpdate:
		if msg.at.IsZero() {
			return t.T("calendar.done.updated_draft")
		}
		return t.T("calendar.done.updated", m.when(msg.at))
	case opMove:
		if i := m.postIndex(msg.id); i >= 0 {
			return t.T("calendar.done.move", m.when(m.data.posts[i].At))
		}
	}
	return t.T("calendar.done." + opNames[msg.op])
}

// errorText says why a write failed, in the CM's words for the store's
// refusals (being published, wrong state, gone) and with the error
// otherwise. Store errors hold no secret: no token reaches the store.
func (m *Model) errorText(op writeOp, err error) string {
	t := m.ctx.T
	switch {
	case errors.Is(err, store.ErrPostBusy):
		return t.T("calendar.err.busy")
	case errors.Is(err, store.ErrPostState):
		return t.T("calendar.err.state")
	case errors.Is(err, store.ErrNotFound):
		return t.T("calendar.err.gone")
	}
	return t.T("calendar.err."+opNames[op], common.OneLine(err.Error()))
}

// when is "Thu 13 Mar 09:00" in the user's zone.
func (m *Model) when(t time.Time) string {
	local := t.In(m.ctx.Loc)
	return common.WeekdayShort(m.ctx.T, local) + " " + common.ShortDate(m.ctx.T, local) + " " + local.Format("15:04")
}
