package alerts

import (
	"context"
	"strconv"
	"time"

	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
	"cmdeck/tui/dialog"
)

// Every write goes to the store in a Cmd, with who acts in its context
// (store.WithActor), and answers wroteMsg; the list is read again once
// the last write has answered. Crisis mode is the root's to write (the
// command line does it too): the pane asks with a CrisisRequestMsg.

// writeOp names a write, for its answer and its messages.
type writeOp int

const (
	opAck writeOp = iota
	opSnooze
	opResolve
)

// opNames are the catalog suffixes of the writes.
var opNames = [...]string{opAck: "ack", opSnooze: "snooze", opResolve: "resolve"}

// wroteMsg is a write's answer.
type wroteMsg struct {
	op    writeOp
	id    int64
	until time.Time // snooze: until when
	err   error
}

// Dialog ids: the "alerts/" prefix keeps the answers apart from other
// panes' (the root broadcasts them).
const (
	dlgSnooze = "alerts/snooze"
	dlgClient = "alerts/client"
	dlgCrisis = "alerts/crisis"
)

// maxDialogWidth keeps dialogs readable on wide screens.
const maxDialogWidth = 64

// inAnHour is the snooze picker's first choice: an alert is often snoozed
// just long enough to finish something else.
const inAnHour = "1h"

// asked is what the open dialog will act on.
type asked struct {
	id     string
	alert  int64
	client int64
	on     bool // crisis: turn it on (else off)
}

// readOnly refuses a write in a viewer's session, saying so.
func (m *Model) readOnly() bool {
	if m.ctx.ReadOnly {
		m.notice = notice{text: m.ctx.T.T("alerts.notice.read_only"), bad: true}
	}
	return m.ctx.ReadOnly
}

// actionable is the selected alert when it can still be acknowledged,
// snoozed or resolved; else it says why not.
func (m *Model) actionable() (store.AlertView, bool) {
	a, ok := m.selected()
	switch {
	case !ok:
		m.notice = notice{text: m.ctx.T.T("alerts.notice.none")}
		return a, false
	case a.State == store.AlertResolved:
		m.notice = notice{text: m.ctx.T.T("alerts.notice.resolved")}
		return a, false
	case m.readOnly():
		return a, false
	}
	return a, true
}

// write runs fn against the source in a Cmd, as the acting user, and
// counts it in flight so loads wait for it.
func (m *Model) write(base wroteMsg, fn func(ctx context.Context, src common.Source) error) tea.Cmd {
	m.inflight++
	src, actor := m.ctx.Source, m.ctx.Actor
	return func() tea.Msg {
		msg := base
		if src == nil {
			msg.err = errNoSource
			return msg
		}
		ctx, cancel := queryContext()
		defer cancel()
		msg.err = fn(store.WithActor(ctx, actor), src)
		return msg
	}
}

// wrote says what a write did, or why it failed, and reads the list
// again once no other write is in flight.
func (m *Model) wrote(msg wroteMsg) tea.Cmd {
	m.inflight = max(m.inflight-1, 0)
	t := m.ctx.T
	switch {
	case msg.err != nil:
		m.notice = notice{text: t.T("alerts.err."+opNames[msg.op], common.OneLine(msg.err.Error())), bad: true}
	case msg.op == opSnooze:
		m.notice = notice{text: t.T("alerts.done.snooze", m.when(msg.until))}
	default:
		m.notice = notice{text: t.T("alerts.done." + opNames[msg.op])}
	}
	if m.inflight > 0 {
		return nil
	}
	m.reloadAfter = false
	return m.load()
}

// ack acknowledges the selected alert: seen, it stays listed and grows.
func (m *Model) ack() tea.Cmd {
	a, ok := m.actionable()
	if !ok {
		return nil
	}
	if a.State == store.AlertAcked {
		m.notice = notice{text: m.ctx.T.T("alerts.notice.acked")}
		return nil
	}
	id := a.ID
	return m.write(wroteMsg{op: opAck, id: id}, func(ctx context.Context, src common.Source) error {
		return src.AckAlert(ctx, id)
	})
}

// resolve closes the selected alert: it joins the history.
func (m *Model) resolve() tea.Cmd {
	a, ok := m.actionable()
	if !ok {
		return nil
	}
	id, now := a.ID, m.ctx.Clock.Now()
	return m.write(wroteMsg{op: opResolve, id: id}, func(ctx context.Context, src common.Source) error {
		return src.ResolveAlert(ctx, id, now)
	})
}

// snooze hides the alert until until.
func (m *Model) snooze(id int64, until time.Time) tea.Cmd {
	now := m.ctx.Clock.Now()
	return m.write(wroteMsg{op: opSnooze, id: id, until: until}, func(ctx context.Context, src common.Source) error {
		return src.SnoozeAlert(ctx, id, until, now)
	})
}

// askSnooze offers an hour from now, the inbox's presets (later today,
// tonight, tomorrow, next week) and a typed time.
func (m *Model) askSnooze() {
	a, ok := m.actionable()
	if !ok {
		return
	}
	t, now := m.ctx.T, m.ctx.Clock.Now()
	hour := dialog.SnoozeOptions(t, []core.Preset{{Label: "alerts.snooze.hour", Time: now.Add(time.Hour)}}, m.ctx.Loc)
	hour[0].Value = inAnHour // re-read at the answer: the dialog may stay open a while
	opts := append(hour, dialog.SnoozeOptions(t, core.SnoozePresets(now, m.ctx.Loc), m.ctx.Loc)...)
	m.openDialog(dialog.NewPicker(m.ctx.Styles, t, dlgSnooze, t.T("alerts.snooze.title"), opts, true),
		asked{id: dlgSnooze, alert: a.ID})
}

// snoozeAnswer snoozes until the picked or typed time, or says why the
// typed time was not understood.
func (m *Model) snoozeAnswer(r dialog.PickerResult, id int64) tea.Cmd {
	now := m.ctx.Clock.Now()
	var until time.Time
	var err error
	switch {
	case r.Custom != "":
		until, err = core.ParseWhen(r.Custom, now, m.ctx.Loc)
		if err != nil {
			m.notice = notice{text: dialog.WhenMessage(m.ctx.T, err), bad: true}
			return nil
		}
	case r.Option.Value == inAnHour:
		until = now.Add(time.Hour)
	default:
		if until, err = time.Parse(time.RFC3339, r.Option.Value); err != nil {
			return nil
		}
	}
	return m.snooze(id, until)
}

// when says a time in the user's zone: the time alone today, with the
// weekday otherwise.
func (m *Model) when(at time.Time) string {
	local, now := at.In(m.ctx.Loc), m.ctx.Clock.Now().In(m.ctx.Loc)
	if local.Year() == now.Year() && local.YearDay() == now.YearDay() {
		return local.Format("15:04")
	}
	if local.Sub(now) < 6*24*time.Hour && local.After(now) {
		return common.WeekdayShort(m.ctx.T, local) + " " + local.Format("15:04")
	}
	return common.ShortDate(m.ctx.T, local) + " " + local.Format("15:04")
}

// open asks the root to show the alert's items in the Inbox.
func (m *Model) open() tea.Cmd {
	a, ok := m.selected()
	if !ok {
		m.notice = notice{text: m.ctx.T.T("alerts.notice.none")}
		return nil
	}
	if !m.showsCursor() {
		m.shown.id = a.ID // the low-bandwidth mode: the first enter shows it
		return m.loadDetail()
	}
	msg := common.ShowItemsMsg{AlertID: a.ID, Label: m.ruleTitle(a) + " · " + m.clientName(a)}
	return func() tea.Msg { return msg }
}

// toggleHistory switches between the open alerts and the resolved ones,
// from the top.
func (m *Model) toggleHistory() tea.Cmd {
	m.history = !m.history
	m.restart()
	return m.load()
}

// restart forgets the rows: the next load is another list.
func (m *Model) restart() {
	m.list = alertList{seq: m.list.seq}
	m.cursor, m.vp = 0, common.Viewport{}
	m.detail = detail{seq: m.detail.seq + 1}
}

// pickClient offers every client, and all of them.
func (m *Model) pickClient() {
	t := m.ctx.T
	opts := []dialog.Option{{Value: "0", Label: t.T("alerts.filter.all_clients")}}
	for _, c := range m.clients {
		opts = append(opts, dialog.Option{Value: strconv.FormatInt(c.ID, 10), Label: common.OneLine(c.Name),
			Hint: common.OneLine(c.Slug)})
	}
	m.openDialog(dialog.NewPicker(m.ctx.Styles, t, dlgClient, t.T("alerts.filter.client_title"), opts, false),
		asked{id: dlgClient})
}

// askCrisis asks before turning crisis mode on for the selected alert's
// client, or off when it is already in crisis.
func (m *Model) askCrisis() {
	a, ok := m.selected()
	if !ok {
		m.notice = notice{text: m.ctx.T.T("alerts.notice.none")}
		return
	}
	if m.readOnly() {
		return
	}
	t, name := m.ctx.T, m.clientName(a)
	_, on := m.crises[a.ClientID]
	if on {
		m.openDialog(dialog.NewConfirm(m.ctx.Styles, t, dlgCrisis, t.T("alerts.crisis.off.title", name),
			t.T("alerts.crisis.off.body", name), false), asked{id: dlgCrisis, client: a.ClientID})
		return
	}
	m.openDialog(dialog.NewConfirm(m.ctx.Styles, t, dlgCrisis, t.T("alerts.crisis.on.title", name),
		t.T("alerts.crisis.on.body", name), false), asked{id: dlgCrisis, client: a.ClientID, on: true})
}

// openDialog shows a dialog for a.
func (m *Model) openDialog(d dialog.Dialog, a asked) {
	m.dialog, m.asked = d, a
	m.sizeDialog()
}

// sizeDialog fits the open dialog to the pane.
func (m *Model) sizeDialog() {
	m.dialog.SetWidth(min(max(m.width-2, 1), maxDialogWidth))
	if p, ok := m.dialog.(*dialog.Picker); ok {
		p.SetHeight(max(m.height-2, 7))
	}
}

// onDialogResult acts on the answer of the dialog this pane opened.
func (m *Model) onDialogResult(msg tea.Msg) tea.Cmd {
	a := m.asked
	switch r := msg.(type) {
	case dialog.ConfirmResult:
		if r.ID != a.id {
			return nil
		}
		m.asked = asked{}
		if !r.OK || r.ID != dlgCrisis {
			return nil
		}
		req := common.CrisisRequestMsg{ClientID: a.client, On: a.on}
		return func() tea.Msg { return req }
	case dialog.PickerResult:
		if r.ID != a.id {
			return nil
		}
		m.asked = asked{}
		if !r.OK {
			return nil
		}
		switch r.ID {
		case dlgSnooze:
			return m.snoozeAnswer(r, a.alert)
		case dlgClient:
			id, _ := strconv.ParseInt(r.Option.Value, 10, 64)
			if id == m.client {
				return nil
			}
			m.client = id
			m.restart()
			return m.load()
		}
	}
	return nil
}
