package inbox

import (
	"context"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"cmdeck/store"
	"cmdeck/tui/common"
	"cmdeck/tui/dialog"
)

// Pipes send the cursor's item to a command from config (| or :pipe NAME):
// a translator whose output shows in a window, a CRM or ticketing tool
// whose answer is a line in the header. The command runs in a Cmd; the
// deck stays usable meanwhile.

// pipeWait bounds a run from the pane's side: longer than any pipe's own
// timeout (config caps it at five minutes).
const pipeWait = 6 * time.Minute

// pipeDoneMsg is a run's answer.
type pipeDoneMsg struct {
	pipe common.PipeInfo
	item store.ItemView
	out  common.PipeOutput
	err  error
}

// pipeAction runs the pipe named on the command line, the only one, or
// asks which.
func (m *Model) pipeAction(name string) tea.Cmd {
	cur, ok := m.list.win.selected()
	switch {
	case !ok:
		m.notice = notice{text: m.t.T("inbox.nothing_selected")}
		return nil
	case m.ctx.ReadOnly:
		m.notice = notice{text: m.t.T("inbox.pipe.read_only"), err: true}
		return nil
	case len(m.ctx.Pipes) == 0 || m.ctx.RunPipe == nil:
		m.notice = notice{text: m.t.T("inbox.pipe.none"), err: true}
		return nil
	}
	if name = strings.TrimSpace(name); name != "" {
		p, ok := m.pipeNamed(name)
		if !ok {
			m.notice = notice{text: m.t.T("inbox.pipe.unknown", common.OneLine(name), m.pipeNames()), err: true}
			return nil
		}
		return m.runPipe(p, cur)
	}
	if len(m.ctx.Pipes) == 1 {
		return m.runPipe(m.ctx.Pipes[0], cur)
	}
	opts := make([]dialog.Option, len(m.ctx.Pipes))
	for i, p := range m.ctx.Pipes {
		hint := m.t.T("inbox.pipe.hint.status")
		if p.ShowOutput {
			hint = m.t.T("inbox.pipe.hint.output")
		}
		opts[i] = dialog.Option{Value: p.Name, Label: p.Name, Hint: hint}
	}
	m.open(dialog.NewPicker(m.styles, m.t, dlgPipe, m.t.T("inbox.pipe.title"), opts, false),
		asked{id: dlgPipe, item: cur})
	return nil
}

// pipeNamed finds a configured pipe by name, case aside.
func (m *Model) pipeNamed(name string) (common.PipeInfo, bool) {
	for _, p := range m.ctx.Pipes {
		if strings.EqualFold(p.Name, name) {
			return p, true
		}
	}
	return common.PipeInfo{}, false
}

func (m *Model) pipeNames() string {
	names := make([]string, len(m.ctx.Pipes))
	for i, p := range m.ctx.Pipes {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

// runPipe sends it to p in a Cmd and says so meanwhile.
func (m *Model) runPipe(p common.PipeInfo, it store.ItemView) tea.Cmd {
	m.notice = notice{text: m.t.T("inbox.pipe.running", p.Name)}
	run := m.ctx.RunPipe
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), pipeWait)
		defer cancel()
		out, err := run(ctx, p.Name, it)
		return pipeDoneMsg{pipe: p, item: it, out: out, err: err}
	}
}

// pipeDone shows what the pipe answered: its output in a window, or a
// line in the header; a failure says why.
func (m *Model) pipeDone(msg pipeDoneMsg) tea.Cmd {
	name := msg.pipe.Name
	switch {
	case msg.err != nil:
		m.notice = notice{text: m.t.T("inbox.pipe.failed", common.OneLine(msg.err.Error())), err: true}
		return nil
	case !msg.pipe.ShowOutput:
		line := firstLineOf(msg.out.Text)
		if line == "" {
			line = m.t.T("inbox.pipe.done_quiet")
		}
		m.notice = notice{text: name + ": " + line}
		return nil
	}
	m.notice = notice{text: m.t.T("inbox.pipe.done", name)}
	text := msg.out.Text
	if strings.TrimSpace(text) == "" {
		text = m.t.T("inbox.pipe.empty")
	}
	if msg.out.Truncated {
		text += "\n\n" + m.t.T("inbox.pipe.truncated")
	}
	who := flatten(firstNonEmpty(msg.item.Author.Name, msg.item.Author.Handle))
	title := name
	if who != "" {
		title += " · " + who
	}
	return func() tea.Msg { return common.ShowTextMsg{Title: title, Text: text} }
}

// firstLineOf is the first non-blank line of s, on one line.
func firstLineOf(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = common.OneLine(l); strings.TrimSpace(l) != "" {
			return strings.TrimSpace(l)
		}
	}
	return ""
}
