package calendar

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"cmdeck/draw"
	"cmdeck/store"
	"cmdeck/tui/common"
	"cmdeck/tui/dialog"
)

// ":draw N SEED [WORD]" draws a contest's winners among the comments on
// the selected published post, the way `cmdeck draw` does: one entry per
// person, the client's own accounts never win, and the draw is written to
// a file anyone can redo it from.

// SetReportDir is where ":draw" writes its file (the data directory);
// "" keeps the system's temporary directory.
func (m *Model) SetReportDir(dir string) { m.reportDir = dir }

// runAction runs an action the command line named, with or without the
// pane's "calendar." prefix. Only ":draw" takes arguments.
func (m *Model) runAction(msg common.RunActionMsg) tea.Cmd {
	name := strings.TrimPrefix(msg.Action, "calendar.")
	if name == actDraw {
		m.notice = notice{}
		return m.startDraw(msg.Args)
	}
	return m.do(name)
}

// drawArgs are ":draw"'s arguments, checked.
type drawArgs struct {
	winners int
	seed    string
	word    string // "" = any comment counts
}

// parseDrawArgs reads "N SEED [WORD…]"; the error is the message key.
func parseDrawArgs(args string) (drawArgs, string) {
	f := strings.Fields(args)
	if len(f) < 2 {
		return drawArgs{}, "calendar.draw.usage"
	}
	n, err := strconv.Atoi(f[0])
	if err != nil || n < 1 {
		return drawArgs{}, "calendar.draw.bad_n"
	}
	return drawArgs{winners: n, seed: f[1], word: strings.Join(f[2:], " ")}, ""
}

// startDraw checks the arguments and the selected post, then draws in a
// Cmd: the comments and accounts are read from the store there.
func (m *Model) startDraw(args string) tea.Cmd {
	if m.readOnly() {
		return nil // a draw is the brand's act, and writes a file on the server
	}
	t := m.ctx.T
	a, bad := parseDrawArgs(args)
	if bad != "" {
		m.notice = notice{text: t.T(bad, common.OneLine(args)), bad: true}
		return nil
	}
	p, ok := m.selected()
	if !ok {
		m.notice = notice{text: t.T("calendar.draw.no_post"), bad: true}
		return nil
	}
	// Without a remote id the post never reached its network: nobody
	// could comment on it.
	if p.RemoteID == "" {
		m.notice = notice{text: t.T("calendar.draw.not_published"), bad: true}
		return nil
	}
	post := *p
	dir := m.reportDir
	if dir == "" {
		dir = os.TempDir()
	}
	path := filepath.Join(dir, drawFileName(post.ID, a.seed))
	src := m.ctx.Source
	m.notice = notice{text: t.T("calendar.draw.running")}
	return func() tea.Msg {
		ctx, cancel := queryContext()
		defer cancel()
		return runDraw(ctx, src, post, a, path)
	}
}

// drawnMsg is the answer of a draw.
type drawnMsg struct {
	post     int64
	res      draw.Result
	path     string
	comments int // cached comments, for the "no entrant" message
	err      error
}

// runDraw reads the post's comments and the brand's handles, draws, and
// writes the draw to path.
func runDraw(ctx context.Context, src common.Source, post store.PostView, a drawArgs, path string) drawnMsg {
	out := drawnMsg{post: post.ID, path: path}
	accounts, err := src.Accounts(ctx)
	if err != nil {
		out.err = err
		return out
	}
	comments, err := src.ContestComments(ctx, post.ID)
	if err != nil {
		out.err = err
		return out
	}
	out.comments = len(comments)
	rules := draw.Rules{MustContain: strings.TrimSpace(a.word), OnePerPerson: true,
		ExcludeAuthors: brandHandles(accounts, post.ClientID)}
	if out.res, out.err = draw.Run(drawEntries(comments), rules, a.seed, a.winners); out.err != nil {
		return out
	}
	out.err = writeDrawFile(path, out.res)
	return out
}

// brandHandles are the handles of the client's own accounts, which never
// win: a Mastodon account "@brand@server" also as "@brand", the way its
// own server shows it (as `cmdeck draw` does).
func brandHandles(accounts []store.AccountSync, clientID int64) []string {
	var out []string
	for _, a := range accounts {
		h := strings.TrimSpace(a.Account.Handle)
		if a.Account.ClientID != clientID || h == "" {
			continue
		}
		out = append(out, h)
		if user, _, ok := strings.Cut(strings.TrimPrefix(h, "@"), "@"); ok && user != "" {
			out = append(out, "@"+user)
		}
	}
	// "@brand" on two networks is one handle: the written rules name it once.
	slices.Sort(out)
	return slices.Compact(out)
}

// drawEntries turns the cached comments into the draw's entries.
func drawEntries(comments []store.ContestComment) []draw.Entry {
	out := make([]draw.Entry, 0, len(comments))
	for _, c := range comments {
		out = append(out, draw.Entry{Network: c.Network, Handle: c.Handle, Body: c.Body, At: c.At})
	}
	return out
}

// maxSeedInName caps the seed's part of the file name.
const maxSeedInName = 40

// drawFileName is cmdeck-draw-<post>-<seed>.txt, the seed reduced to
// letters, digits, "-" and "_" (anything else becomes "-"), so a seed
// such as "../x" or "CAC40 8123,45" cannot leave the directory.
func drawFileName(postID int64, seed string) string {
	var b strings.Builder
	dash := false
	for _, r := range seed {
		ok := (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') || r == '_'
		switch {
		case ok:
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= maxSeedInName {
			break
		}
	}
	name := strings.TrimRight(b.String(), "-")
	if name == "" {
		name = "seed"
	}
	return fmt.Sprintf("cmdeck-draw-%d-%s.txt", postID, name)
}

// writeDrawFile writes the draw readable by its owner only (it names
// members), through a temporary file renamed over path: a failed write
// never leaves half a draw, and a file already there gets mode 0600 too.
func writeDrawFile(path string, res draw.Result) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".cmdeck-draw-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if err := writeAndClose(tmp, res); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func writeAndClose(f *os.File, res draw.Result) error {
	err := res.Write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// drawn shows the winners and the file, or why there are none.
func (m *Model) drawn(msg drawnMsg) {
	t := m.ctx.T
	switch {
	case errors.Is(msg.err, draw.ErrNoEntrants):
		m.notice = notice{text: t.T("calendar.draw.no_entrants", msg.comments), bad: true}
	case msg.err != nil:
		m.notice = notice{text: t.T("calendar.draw.failed", msg.err), bad: true}
	case m.dialog != nil || m.composer != nil:
		// Something else took the keyboard meanwhile: say it in the footer.
		m.notice = notice{text: t.T("calendar.draw.written", msg.path)}
	default:
		m.notice = notice{}
		m.openDialog(m.newDrawBox(msg), asked{id: dlgDraw, post: msg.post})
	}
}

// dlgDraw is the draw's result box.
const dlgDraw = "calendar/draw"

// drawBox shows a draw's winners and where it was written; enter or esc
// closes it. It implements dialog.Dialog.
type drawBox struct {
	m     *Model
	lines []string
	close key.Binding
	width int
}

// newDrawBox lists the winners as "1. @alice (chirper)". Handles come
// from networks: each is put on one line.
func (m *Model) newDrawBox(msg drawnMsg) *drawBox {
	t := m.ctx.T
	lines := []string{t.T("calendar.draw.summary", len(msg.res.Entrants), common.OneLine(msg.res.Seed)), ""}
	for i, w := range msg.res.Winners {
		network, handle, _ := strings.Cut(w, "\t")
		lines = append(lines, fmt.Sprintf("%d. %s (%s)", i+1, common.OneLine(handle), common.OneLine(network)))
	}
	lines = append(lines, "", t.T("calendar.draw.file"), common.OneLine(msg.path))
	return &drawBox{m: m, lines: lines,
		close: key.NewBinding(key.WithKeys("enter", "esc"), key.WithHelp("enter/esc", t.T("calendar.key.close")))}
}

// SetWidth caps the box's width.
func (d *drawBox) SetWidth(w int) { d.width = w }

// ShortHelp is the box's one key.
func (d *drawBox) ShortHelp() []key.Binding { return []key.Binding{d.close} }

// Update closes the box on enter or esc.
func (d *drawBox) Update(msg tea.Msg) (dialog.Dialog, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, d.close) {
		return nil, nil
	}
	return d, nil
}

// View is the framed box: title, winners, file, keys.
func (d *drawBox) View() string {
	s := d.m.ctx.Styles
	w := max(d.width, 12)
	inner := w - 4
	out := []string{s.Bold.Render(d.m.ctx.T.T("calendar.draw.title")), ""}
	for _, l := range d.lines {
		if l == "" {
			out = append(out, "") // Wrap drops empty lines; they part the sections
			continue
		}
		for _, wl := range common.Wrap(l, inner) {
			out = append(out, common.Fit(wl, inner))
		}
	}
	out = append(out, "", common.Fit(helpLine(s, d.ShortHelp()), inner))
	return s.Border.Padding(0, 1).Width(w).Render(strings.Join(out, "\n"))
}
