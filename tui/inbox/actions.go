package inbox

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/providers"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// Actions on items never write anything: each becomes a common.IntentMsg
// the root executes (STYLE.md #4). They apply to the selection when there
// is one, else to the item under the cursor. Moderation is offered only
// where the item's network supports it.

// intent returns the Cmd that asks the root to execute in.
func intent(in common.Intent) tea.Cmd {
	return func() tea.Msg { return common.IntentMsg{Intent: in} }
}

// targets are the items an action applies to: the selection, else the
// cursor's item.
func (m *Model) targets() []store.ItemView {
	if m.sel.count() > 0 {
		return m.sel.items()
	}
	if cur, ok := m.list.win.selected(); ok {
		return []store.ItemView{cur}
	}
	return nil
}

// idsOf lists the items' ids, in order.
func idsOf(items []store.ItemView) []int64 {
	out := make([]int64, len(items))
	for i, it := range items {
		out[i] = it.ID
	}
	return out
}

// itemAction runs a reply, triage or moderation action.
func (m *Model) itemAction(name, args string, fromCmd bool) tea.Cmd {
	if m.ctx.ReadOnly {
		m.notice = notice{text: m.t.T("inbox.read_only"), err: true}
		return nil
	}
	targets := m.targets()
	if len(targets) == 0 {
		m.notice = notice{text: m.t.T("inbox.nothing_selected")}
		return nil
	}
	args = strings.TrimSpace(common.OneLine(args))
	switch name {
	case actReply:
		return m.reply(args)
	case actReplyEditor:
		return m.replyEditor()
	case actDone:
		return m.triage(targets, common.IntentDone, common.IntentUndone, func(it store.ItemView) bool {
			return it.State == core.StateDone
		})
	case actRead:
		return m.triage(targets, common.IntentRead, common.IntentUnread, func(it store.ItemView) bool {
			return it.State != core.StateNew
		})
	case actSnooze:
		if args != "" {
			return m.snoozeTyped(idsOf(targets), args)
		}
		m.openSnooze(targets)
	case actTag:
		if args != "" {
			return tagIntent(idsOf(targets), args)
		}
		m.openTags(targets)
	case actAssign:
		if fromCmd && args != "" {
			return assignIntent(idsOf(targets), args)
		}
		m.openAssign(targets)
	case actHide, actDelete, actBlock, actSpam, actLike, actMute, actUnmute, actReport, actSilence, actSuspend:
		return m.moderate(name, targets, args)
	}
	return nil
}

// triage toggles a local mark: off when every target already has it (on
// reports that), else on for all of them.
func (m *Model) triage(targets []store.ItemView, onKind, offKind common.IntentKind, on func(store.ItemView) bool) tea.Cmd {
	kind := offKind
	for _, it := range targets {
		if !on(it) {
			kind = onKind
			break
		}
	}
	return intent(common.Intent{Kind: kind, ItemIDs: idsOf(targets)})
}

// tagIntent tags items; "-tag" takes the tag off.
func tagIntent(ids []int64, tag string) tea.Cmd {
	kind := common.IntentTag
	if rest, ok := strings.CutPrefix(tag, "-"); ok {
		kind, tag = common.IntentUntag, strings.TrimSpace(rest)
	}
	if tag == "" {
		return nil
	}
	return intent(common.Intent{Kind: kind, ItemIDs: ids, Text: tag})
}

// assignIntent assigns items; "-" assigns them to nobody.
func assignIntent(ids []int64, who string) tea.Cmd {
	if who == "-" {
		who = ""
	}
	return intent(common.Intent{Kind: common.IntentAssign, ItemIDs: ids, Text: who})
}

// capFor is the capability an action needs from the item's network.
func capFor(action string) providers.Capability {
	switch action {
	case actReply, actReplyEditor:
		return providers.CapReply
	case actHide:
		return providers.CapHide
	case actDelete:
		return providers.CapDelete
	case actBlock:
		return providers.CapBlock
	case actSpam:
		return providers.CapSpam
	case actLike:
		return providers.CapLike
	case actMute, actUnmute:
		return providers.CapMute
	case actReport:
		return providers.CapReport
	case actSilence, actSuspend:
		return providers.CapAdmin
	}
	return ""
}

// can reports whether an item's network supports a capability (everything
// is allowed when the deck was given no capabilities, as in tests).
func (m *Model) can(it store.ItemView, c providers.Capability) bool {
	if m.ctx.Caps == nil || c == "" {
		return true
	}
	return m.ctx.Caps(it.AccountID).Has(c)
}

// gate returns the targets whose network supports action; when none does,
// the header says so (naming the first target's network) and it returns
// nil. Targets it leaves out are the executor's to count as skipped.
func (m *Model) gate(action string, targets []store.ItemView) []store.ItemView {
	c := capFor(action)
	for _, it := range targets {
		if m.can(it, c) {
			return targets
		}
	}
	net := firstNonEmpty(targets[0].Network, targets[0].Author.Network, targets[0].Provider)
	m.notice = notice{text: m.t.T(unsupportedKey(c), flatten(net)), err: true}
	return nil
}

// unsupportedKey is the catalog key explaining that a network lacks c.
func unsupportedKey(c providers.Capability) string {
	switch c {
	case providers.CapReply:
		return "inbox.unsupported.reply"
	case providers.CapHide:
		return "inbox.unsupported.hide"
	case providers.CapDelete:
		return "inbox.unsupported.delete"
	case providers.CapBlock:
		return "inbox.unsupported.block"
	case providers.CapLike:
		return "inbox.unsupported.like"
	case providers.CapMute:
		return "inbox.unsupported.mute"
	case providers.CapReport:
		return "inbox.unsupported.report"
	case providers.CapAdmin:
		return "inbox.unsupported.admin"
	}
	return "inbox.unsupported.spam"
}

// moderate runs what the undo window is enough for at once (hide/unhide,
// like, mute/unmute) and asks first for the rest: delete, block/unblock,
// spam, report, and the server's silence and suspend, each with a reason
// for the audit log (the network's moderators read a report's). reason is
// what the command line gave ("hide rude", "report spam bot").
func (m *Model) moderate(action string, targets []store.ItemView, reason string) tea.Cmd {
	targets = m.gate(action, targets)
	if targets == nil {
		return nil
	}
	ids := idsOf(targets)
	if kind, ok := immediateKinds()[action]; ok {
		return intent(common.Intent{Kind: kind, ItemIDs: ids, Reason: reason})
	}
	if kind, ok := confirmedKinds()[action]; ok {
		m.openConfirm(kind, targets, reason)
		return nil
	}
	switch action {
	case actHide:
		kind := common.IntentUnhide
		for _, it := range targets {
			if it.State != core.StateHidden {
				kind = common.IntentHide
				break
			}
		}
		return intent(common.Intent{Kind: kind, ItemIDs: ids, Reason: reason})
	case actBlock:
		kind := common.IntentUnblock
		for _, it := range targets {
			if !it.Author.Blocked {
				kind = common.IntentBlock
				break
			}
		}
		m.openConfirm(kind, targets, reason)
	}
	return nil
}

// immediateKinds are the moderation actions that leave without asking:
// the undo window is enough to take them back.
func immediateKinds() map[string]common.IntentKind {
	return map[string]common.IntentKind{
		actLike: common.IntentLike, actMute: common.IntentMute, actUnmute: common.IntentUnmute,
	}
}

// confirmedKinds are the moderation actions that ask first, with a reason.
func confirmedKinds() map[string]common.IntentKind {
	return map[string]common.IntentKind{
		actDelete: common.IntentDelete, actSpam: common.IntentSpam, actReport: common.IntentReport,
		actSilence: common.IntentSilence, actSuspend: common.IntentSuspend,
	}
}

// helpModeration lists the moderation bindings the targets' networks
// support, for the help bar.
func (m *Model) helpModeration() []string {
	targets := m.targets()
	if len(targets) == 0 {
		return nil
	}
	var out []string
	for _, a := range []string{actHide, actDelete, actBlock, actSpam} {
		for _, it := range targets {
			if m.can(it, capFor(a)) {
				out = append(out, a)
				break
			}
		}
	}
	return out
}
