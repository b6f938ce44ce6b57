package stats

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"cmdeck/i18n"
	"cmdeck/report"
	metrics "cmdeck/stats"
	"cmdeck/tui/common"
	"cmdeck/tui/dialog"
)

// dlgClient is the client picker's id: the prefix keeps its answer apart
// from other panes' (the root broadcasts dialog answers).
const dlgClient = "stats/client"

// maxDialogWidth keeps the picker readable on wide screens.
const maxDialogWidth = 64

// pickClient opens the client picker.
func (m *Model) pickClient() {
	t := m.ctx.T
	if len(m.clients) == 0 {
		m.notice = notice{text: t.T("stats.notice.no_client")}
		return
	}
	opts := make([]dialog.Option, 0, len(m.clients))
	for _, c := range m.clients {
		opts = append(opts, dialog.Option{Value: strconv.FormatInt(c.ID, 10), Label: common.OneLine(c.Name),
			Hint: common.OneLine(c.Slug)})
	}
	m.dialog = dialog.NewPicker(m.ctx.Styles, t, dlgClient, t.T("stats.client_title"), opts, false)
	m.sizeDialog()
}

// sizeDialog fits the open dialog to the pane.
func (m *Model) sizeDialog() {
	m.dialog.SetWidth(min(max(m.width-2, 1), maxDialogWidth))
	if p, ok := m.dialog.(*dialog.Picker); ok {
		p.SetHeight(max(m.height-2, 7))
	}
}

// onPicked shows the client picked; another pane's answer is not ours.
func (m *Model) onPicked(r dialog.PickerResult) tea.Cmd {
	if r.ID != dlgClient {
		return nil
	}
	m.dialog = nil
	if !r.OK {
		return nil
	}
	id, err := strconv.ParseInt(r.Option.Value, 10, 64)
	if err != nil {
		return nil
	}
	return m.showClient(id)
}

// openMember shows the selected member's items for this client in the
// Inbox: the root focuses it, and the Inbox takes the filter the command
// line would give it (":filter author:@h client:slug").
func (m *Model) openMember() tea.Cmd {
	cs := m.data.rep.Contributors
	c, ok := m.clientOf(m.data.client)
	if m.cursor >= len(cs) || !ok {
		m.notice = notice{text: m.ctx.T.T("stats.notice.no_member")}
		return nil
	}
	query := memberQuery(cs[m.cursor].Author.Handle, c.Slug)
	if query == "" {
		m.notice = notice{text: m.ctx.T.T("stats.notice.no_member")}
		return nil
	}
	return func() tea.Msg { return common.ShowItemsMsg{Query: query} }
}

// openPost shows the comments on the selected top post, and on the posts
// published with it, in the Inbox.
func (m *Model) openPost() tea.Cmd {
	posts := m.data.rep.Posts.Top
	i := m.cursor - len(m.data.rep.Contributors)
	if i < 0 || i >= len(posts) {
		return nil
	}
	p := posts[i].Post
	label := ansi.Truncate(common.OneLine(p.Body), postLabelWidth, "…")
	return func() tea.Msg { return common.ShowItemsMsg{PostID: p.ID, Label: label} }
}

// postLabelWidth bounds the post's text in the Inbox's chip.
const postLabelWidth = 30

// memberQuery is the Inbox filter of an author's items for a client. The
// handle comes from a network: it is put on one line and quoted when it
// holds spaces, and quotes are dropped so it stays one term.
func memberQuery(handle, slug string) string {
	h := strings.ReplaceAll(common.OneLine(handle), `"`, "")
	if strings.TrimSpace(h) == "" {
		return ""
	}
	if !strings.HasPrefix(h, "@") {
		h = "@" + h
	}
	if strings.ContainsAny(h, " \t") {
		h = `"` + h + `"`
	}
	return "author:" + h + " client:" + common.OneLine(slug)
}

// reportMsg is the answer of a report write.
type reportMsg struct {
	path string
	err  error
}

// writeReport writes the shown report as HTML into the report directory,
// in a Cmd.
func (m *Model) writeReport() tea.Cmd {
	d := m.data
	c, ok := m.clientOf(d.client)
	if !d.loaded || !ok {
		m.notice = notice{text: m.ctx.T.T("stats.notice.no_report")}
		return nil
	}
	rep, path := d.rep, filepath.Join(m.opts.reportDir, reportName(c.Slug, c.ID, d.span))
	opts := report.Options{Lang: langCode(m.ctx.T), Generated: m.ctx.Clock.Now()}
	m.notice = notice{text: m.ctx.T.T("stats.notice.writing")}
	return func() tea.Msg { return reportMsg{path: path, err: writeHTML(path, rep, opts)} }
}

// reportName is the report's file name: cmdeck-report-<client>-<period>.html,
// the slug reduced to safe characters (the id when nothing is left).
func reportName(slug string, id int64, sp span) string {
	var b strings.Builder
	for _, r := range strings.ToLower(slug) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '-' || r == '_' {
			b.WriteRune(r)
		}
	}
	name := b.String()
	if name == "" {
		name = strconv.FormatInt(id, 10)
	}
	return fmt.Sprintf("cmdeck-report-%s-%s.html", name, sp.name())
}

// langCode is the report language of the deck's catalog.
func langCode(t *i18n.Catalog) string {
	if t.Lang() == i18n.FR {
		return "fr"
	}
	return "en"
}

// writeHTML renders the report, then writes it readable by its owner
// only: it holds the client's figures and members' names.
func writeHTML(path string, rep metrics.Report, opts report.Options) error {
	var buf bytes.Buffer
	if err := report.HTML(&buf, rep, opts); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o600)
}

// reported says where the report went, or why it did not.
func (m *Model) reported(msg reportMsg) {
	t := m.ctx.T
	if msg.err != nil {
		m.notice = notice{text: t.T("stats.notice.report_failed", msg.err), bad: true}
		return
	}
	m.notice = notice{text: t.T("stats.notice.report_written", msg.path)}
}
