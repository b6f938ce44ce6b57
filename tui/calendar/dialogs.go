package calendar

import (
	"strconv"

	tea "charm.land/bubbletea/v2"

	"cmdeck/store"
	"cmdeck/tui/common"
	"cmdeck/tui/dialog"
)

// The pane's dialogs take the keyboard while open and answer with their
// id; asked remembers what the open one was for. The "calendar/" prefix
// keeps the answers apart from other panes' (the root broadcasts them).
const (
	dlgDelete  = "calendar/delete"
	dlgPublish = "calendar/publish"
	dlgClient  = "calendar/client"
	dlgAccount = "calendar/account"
)

// maxDialogWidth keeps dialogs readable on wide screens.
const maxDialogWidth = 64

// asked is what the open dialog will act on.
type asked struct {
	id   string
	post int64
}

// confirmKind is what a confirmation asks about.
type confirmKind int

const (
	confirmDelete confirmKind = iota
	confirmPublish
)

// openDialog shows a dialog for a.
func (m *Model) openDialog(d dialog.Dialog, a asked) {
	m.dialog, m.asked, m.details = d, a, 0
	m.sizeDialog()
}

// sizeDialog fits the open dialog to the pane.
func (m *Model) sizeDialog() {
	m.dialog.SetWidth(min(max(m.width-2, 1), maxDialogWidth))
	if p, ok := m.dialog.(*dialog.Picker); ok {
		p.SetHeight(max(m.height-2, 7))
	}
}

// confirm asks before deleting or publishing the selected post.
func (m *Model) confirm(kind confirmKind) {
	p, ok := m.editable()
	if !ok {
		return
	}
	t := m.ctx.T
	body := t.T("calendar.confirm.post", accountText(*p), excerpt(p.Body, 80))
	if kind == confirmDelete {
		body += "\n\n" + t.T("calendar.confirm.delete.body")
		if p.Recur != "" {
			body += "\n" + t.T("calendar.confirm.delete.series")
		}
		m.openDialog(dialog.NewConfirm(m.ctx.Styles, t, dlgDelete, t.T("calendar.confirm.delete.title"), body, false),
			asked{id: dlgDelete, post: p.ID})
		return
	}
	body += "\n\n" + t.T("calendar.confirm.publish.body")
	m.openDialog(dialog.NewConfirm(m.ctx.Styles, t, dlgPublish, t.T("calendar.confirm.publish.title"), body, false),
		asked{id: dlgPublish, post: p.ID})
}

// accountText is "Chirper @pixelforge", on one line.
func accountText(p store.PostView) string {
	s := common.OneLine(p.Network + " " + p.Handle)
	if s == "" {
		s = common.OneLine(p.ClientName)
	}
	return s
}

// excerpt is the first line of a text, cut to n cells.
func excerpt(s string, n int) string {
	line := common.OneLine(s)
	if len([]rune(line)) > n {
		return common.Fit(line, n)
	}
	return line
}

// pickClient offers every client, and all of them.
func (m *Model) pickClient() {
	t := m.ctx.T
	opts := []dialog.Option{{Value: "0", Label: t.T("calendar.filter.all_clients")}}
	for _, c := range m.dir.clients {
		opts = append(opts, dialog.Option{Value: strconv.FormatInt(c.ID, 10), Label: common.OneLine(c.Name), Hint: common.OneLine(c.Slug)})
	}
	m.openDialog(dialog.NewPicker(m.ctx.Styles, t, dlgClient, t.T("calendar.filter.client_title"), opts, false), asked{id: dlgClient})
}

// pickAccount offers the accounts (of the filtered client, if any), and
// all of them.
func (m *Model) pickAccount() {
	t := m.ctx.T
	opts := []dialog.Option{{Value: "0", Label: t.T("calendar.filter.all_accounts")}}
	for _, a := range m.dir.accounts {
		acc := a.Account
		if m.filter.client != 0 && acc.ClientID != m.filter.client {
			continue
		}
		opts = append(opts, dialog.Option{Value: strconv.FormatInt(acc.ID, 10),
			Label: common.OneLine(acc.Network + " " + acc.Handle), Hint: m.clientName(acc.ClientID)})
	}
	m.openDialog(dialog.NewPicker(m.ctx.Styles, t, dlgAccount, t.T("calendar.filter.account_title"), opts, false), asked{id: dlgAccount})
}

// clientName is a client's display name, on one line.
func (m *Model) clientName(id int64) string {
	for _, c := range m.dir.clients {
		if c.ID == id {
			return common.OneLine(c.Name)
		}
	}
	return ""
}

// onDialogResult acts on the answer of the dialog this pane opened.
func (m *Model) onDialogResult(msg tea.Msg) tea.Cmd {
	a := m.asked
	var cmd tea.Cmd
	switch r := msg.(type) {
	case dialog.ConfirmResult:
		if r.ID != a.id || !r.OK {
			return nil
		}
		switch r.ID {
		case dlgDelete:
			cmd = m.deletePost(a.post)
		case dlgPublish:
			cmd = m.publishNow(a.post)
		}
	case dialog.PickerResult:
		if r.ID != a.id || !r.OK {
			return nil
		}
		id, _ := strconv.ParseInt(r.Option.Value, 10, 64)
		switch r.ID {
		case dlgClient:
			m.filter = filter{client: id}
		case dlgAccount:
			m.filter.account = id
			if c := m.accountClient(id); c != 0 {
				m.filter.client = c
			}
		}
		m.sel = 0
		cmd = m.reloadIfMoved()
	}
	m.asked = asked{}
	return cmd
}

// accountClient is the client of account id (0 when unknown).
func (m *Model) accountClient(id int64) int64 {
	for _, a := range m.dir.accounts {
		if a.Account.ID == id {
			return a.Account.ClientID
		}
	}
	return 0
}
