package inbox

import (
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
	"cmdeck/tui/dialog"
)

// The pane's dialogs (confirmations, pickers, prompts) are drawn over it
// and take the keyboard while open. A dialog answers with a message
// carrying its id; asked remembers what it was opened for, so the answer
// becomes the right intent.

// Dialog ids. The "inbox/" prefix keeps them apart from other dialogs'
// answers, which the root broadcasts to every pane.
const (
	dlgConfirm = "inbox/confirm"
	dlgSnooze  = "inbox/snooze"
	dlgTag     = "inbox/tag"
	dlgAssign  = "inbox/assign"
	dlgSearch  = "inbox/search"
	dlgFilter  = "inbox/filter"
	dlgPipe    = "inbox/pipe"
)

// asked is what the open dialog will act on.
type asked struct {
	id     string
	kind   common.IntentKind // confirmations: what runs on yes
	ids    []int64
	reason string         // a reason given on the command line, used when none is typed
	item   store.ItemView // the pipe picker: the item to send
}

// wakeValue is the snooze picker's "wake up now" choice.
const wakeValue = "wake"

// maxDialogWidth keeps dialogs readable on wide screens.
const maxDialogWidth = 64

// open shows a dialog for what a.
func (m *Model) open(d dialog.Dialog, a asked) {
	m.dialog, m.asked = d, a
	m.sizeDialog()
}

// sizeDialog fits the open dialog to the pane.
func (m *Model) sizeDialog() {
	m.dialog.SetWidth(min(max(m.width-2, 1), maxDialogWidth))
	if p, ok := m.dialog.(*dialog.Picker); ok {
		p.SetHeight(max(m.height-2, 7)) // the box's height; it shows up to 8 choices
	}
}

// openConfirm asks before a destructive moderation action, with an
// optional reason for the audit log.
func (m *Model) openConfirm(kind common.IntentKind, targets []store.ItemView, reason string) {
	t := m.t
	n := len(targets)
	var title string
	switch kind {
	case common.IntentDelete:
		title = m.oneOrMany("inbox.confirm.delete.one", "inbox.confirm.delete.many", n)
	case common.IntentSpam:
		title = m.oneOrMany("inbox.confirm.spam.one", "inbox.confirm.spam.many", n)
	case common.IntentReport:
		title = m.oneOrMany("inbox.confirm.report.one", "inbox.confirm.report.many", n)
	case common.IntentBlock, common.IntentUnblock, common.IntentSilence, common.IntentSuspend:
		title = m.authorTitle(kind, targets)
	}
	first := targets[0]
	who := flatten(firstNonEmpty(first.Author.Handle, first.Author.Name))
	net := flatten(firstNonEmpty(first.Network, first.Author.Network))
	body := t.T("inbox.confirm.item", who, net, excerpt(first.Body, 60))
	if n > 1 {
		body = t.T("inbox.confirm.more", n-1) + "\n" + body
	}
	if kind == common.IntentSilence || kind == common.IntentSuspend {
		body += "\n" + t.T("inbox.confirm.server_wide")
	}
	body += "\n" + t.T("inbox.confirm.undo")
	m.open(dialog.NewConfirm(m.styles, t, dlgConfirm, title, body, true),
		asked{id: dlgConfirm, kind: kind, ids: idsOf(targets), reason: reason})
}

// authorTitle asks about the author, or counts the authors when several:
// "Block @lea?", "Suspend 3 accounts on the server?".
func (m *Model) authorTitle(kind common.IntentKind, targets []store.ItemView) string {
	var authors []int64
	for _, it := range targets {
		if !slices.Contains(authors, it.Author.ID) {
			authors = append(authors, it.Author.ID)
		}
	}
	keys := map[common.IntentKind][2]string{
		common.IntentBlock:   {"inbox.confirm.block.one", "inbox.confirm.block.many"},
		common.IntentUnblock: {"inbox.confirm.unblock.one", "inbox.confirm.unblock.many"},
		common.IntentSilence: {"inbox.confirm.silence.one", "inbox.confirm.silence.many"},
		common.IntentSuspend: {"inbox.confirm.suspend.one", "inbox.confirm.suspend.many"},
	}[kind]
	if len(authors) > 1 {
		return m.t.T(keys[1], len(authors))
	}
	a := targets[0].Author
	return m.t.T(keys[0], flatten(firstNonEmpty(a.Handle, a.Name)))
}

// oneOrMany is the text for one item ("Delete this message?"), or the
// one for n of them ("Delete %d messages?").
func (m *Model) oneOrMany(one, many string, n int) string {
	if n == 1 {
		return m.t.T(one)
	}
	return m.t.T(many, n)
}

// excerpt is the first line of a body, cut to n characters.
func excerpt(body string, n int) string {
	line := strings.TrimSpace(common.OneLine(body))
	if r := []rune(line); len(r) > n {
		return strings.TrimSpace(string(r[:n-1])) + "…"
	}
	return line
}

// openSnooze offers the snooze presets, a typed time, and (in the
// snoozed view) waking the items now.
func (m *Model) openSnooze(targets []store.ItemView) {
	now := m.clock.Now()
	opts := dialog.SnoozeOptions(m.t, core.SnoozePresets(now, m.loc), m.loc)
	if m.filter.effective().Snoozed {
		opts = append([]dialog.Option{{Value: wakeValue, Label: m.t.T("inbox.snooze.wake")}}, opts...)
	}
	title := m.oneOrMany("inbox.snooze.title.one", "inbox.snooze.title.many", len(targets))
	m.open(dialog.NewPicker(m.styles, m.t, dlgSnooze, title, opts, true), asked{id: dlgSnooze, ids: idsOf(targets)})
}

// snoozeTyped snoozes until a typed time ("tomorrow 9h", "demain 14h"),
// or says in the header why the time was not understood.
func (m *Model) snoozeTyped(ids []int64, text string) tea.Cmd {
	switch core.Fold(text) {
	case "off", "now", "wake", "reveil", "maintenant":
		return intent(common.Intent{Kind: common.IntentSnooze, ItemIDs: ids})
	}
	until, err := core.ParseWhen(text, m.clock.Now(), m.loc)
	if err != nil {
		m.notice = notice{text: dialog.WhenMessage(m.t, err), err: true}
		return nil
	}
	return intent(common.Intent{Kind: common.IntentSnooze, ItemIDs: ids, Until: until})
}

// openTags offers the tag vocabulary; a tag every target already has is
// offered for removal.
func (m *Model) openTags(targets []store.ItemView) {
	var opts []dialog.Option
	for _, tag := range m.ctx.Tags {
		tag = strings.TrimSpace(tag)
		if tag == "" {
			continue
		}
		o := dialog.Option{Value: tag, Label: tag}
		if allTagged(targets, tag) {
			o.Value, o.Hint = "-"+tag, m.t.T("inbox.tag.remove")
		}
		opts = append(opts, o)
	}
	title := m.oneOrMany("inbox.tag.title.one", "inbox.tag.title.many", len(targets))
	m.open(dialog.NewPicker(m.styles, m.t, dlgTag, title, opts, true), asked{id: dlgTag, ids: idsOf(targets)})
}

func allTagged(items []store.ItemView, tag string) bool {
	for _, it := range items {
		if !slices.Contains(it.Tags, tag) {
			return false
		}
	}
	return true
}

// openAssign asks who handles the items (empty: nobody).
func (m *Model) openAssign(targets []store.ItemView) {
	title := m.oneOrMany("inbox.assign.title.one", "inbox.assign.title.many", len(targets))
	m.open(dialog.NewPrompt(m.styles, m.t, dlgAssign, title, m.t.T("inbox.assign.placeholder"), nil),
		asked{id: dlgAssign, ids: idsOf(targets)})
}

// openSearch asks for words to search, starting from the search in force.
func (m *Model) openSearch() {
	p := dialog.NewPrompt(m.styles, m.t, dlgSearch, m.t.T("inbox.search.title"), m.t.T("inbox.search.placeholder"), nil)
	p.SetValue(m.filter.search)
	m.open(p, asked{id: dlgSearch})
}

// openFacets offers a term to add to the filter query: a client, network,
// kind, sentiment, tag or state. Typed text is added as it is.
func (m *Model) openFacets() {
	m.open(dialog.NewPicker(m.styles, m.t, dlgFilter, m.t.T("inbox.facets.title"), m.facetOptions(), true),
		asked{id: dlgFilter})
}

// facetOptions lists the terms the picker offers; Value is "field:value".
func (m *Model) facetOptions() []dialog.Option {
	t := m.t
	var opts []dialog.Option
	add := func(field, value, hint string) {
		term := field + ":" + quoteValue(value)
		opts = append(opts, dialog.Option{Value: field + ":" + value, Label: term, Hint: hint})
	}
	for _, c := range m.filter.dir.clients {
		add(fieldClient, c.Slug, flatten(c.Name))
	}
	for _, n := range m.filter.dir.networks() {
		add(fieldNetwork, n, t.T("inbox.facet.network"))
	}
	for _, k := range [][2]string{
		{"comment", "inbox.facet.kind.comment"}, {"mention", "inbox.facet.kind.mention"},
		{"dm", "inbox.facet.kind.dm"}, {"review", "inbox.facet.kind.review"}, {"forum", "inbox.facet.kind.forum"},
	} {
		add(fieldKind, k[0], t.T(k[1]))
	}
	for _, s := range [][2]string{
		{"negative", "inbox.facet.sentiment.negative"}, {"neutral", "inbox.facet.sentiment.neutral"},
		{"positive", "inbox.facet.sentiment.positive"},
	} {
		add(fieldSentiment, s[0], t.T(s[1]))
	}
	for _, tag := range m.ctx.Tags {
		if tag = strings.TrimSpace(tag); tag != "" {
			add(fieldTag, tag, t.T("inbox.facet.tag"))
		}
	}
	add(fieldIs, isUnread, t.T("inbox.facet.unread"))
	add(fieldIs, isSnoozed, t.T("inbox.facet.snoozed"))
	add(fieldNeeds, "reply", t.T("inbox.facet.needs_reply"))
	return opts
}

// onDialogResult turns a dialog's answer into what it was opened for.
// Answers of dialogs this pane did not open are ignored.
func (m *Model) onDialogResult(msg tea.Msg) tea.Cmd {
	a := m.asked
	switch r := msg.(type) {
	case dialog.ConfirmResult:
		if r.ID != dlgConfirm || a.id != dlgConfirm || !r.OK {
			return nil
		}
		reason := firstNonEmpty(r.Reason, a.reason)
		return intent(common.Intent{Kind: a.kind, ItemIDs: a.ids, Reason: strings.TrimSpace(reason)})
	case dialog.PromptResult:
		if !r.OK || r.ID != a.id {
			return nil
		}
		switch r.ID {
		case dlgAssign:
			return assignIntent(a.ids, strings.TrimSpace(r.Value))
		case dlgSearch:
			return m.setSearch(r.Value)
		}
	case dialog.PickerResult:
		if !r.OK || r.ID != a.id {
			return nil
		}
		return m.onPicked(r, a)
	}
	return nil
}

// onPicked acts on a picker's choice.
func (m *Model) onPicked(r dialog.PickerResult, a asked) tea.Cmd {
	switch r.ID {
	case dlgSnooze:
		if r.Custom != "" {
			return m.snoozeTyped(a.ids, r.Custom)
		}
		switch r.Option.Value {
		case "":
			return nil
		case wakeValue:
			return intent(common.Intent{Kind: common.IntentSnooze, ItemIDs: a.ids})
		}
		until, err := time.Parse(time.RFC3339, r.Option.Value)
		if err != nil {
			m.notice = notice{text: m.t.T("inbox.err.generic", err.Error()), err: true}
			return nil
		}
		return intent(common.Intent{Kind: common.IntentSnooze, ItemIDs: a.ids, Until: until})
	case dlgTag:
		return tagIntent(a.ids, firstNonEmpty(r.Custom, r.Option.Value))
	case dlgPipe:
		if p, ok := m.pipeNamed(r.Option.Value); ok {
			return m.runPipe(p, a.item)
		}
	case dlgFilter:
		if r.Custom != "" {
			return m.applyQuery(strings.TrimSpace(m.filter.query+" "+r.Custom), -1)
		}
		field, value, _ := strings.Cut(r.Option.Value, ":")
		return m.applyQuery(setTerm(m.filter.query, field, value), -1)
	}
	return nil
}
