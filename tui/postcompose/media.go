package postcompose

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"cmdeck/providers"
	"cmdeck/tui/common"
)

// Attachments are checked when they are added, in a Cmd: the file must
// exist and be a regular, non-empty, readable file; its type is sniffed
// from its first bytes. Its size and type are then held against the limits
// of every selected account (Context.MediaLimit), again whenever the
// selection changes and at save time, without touching the disk again.

// fileProblem says why a file cannot be attached at all.
type fileProblem int

const (
	fileOK fileProblem = iota
	fileMissing
	fileNotRegular
	fileEmpty
	fileUnreadable
)

// fileError is a file that cannot be attached, whatever the network.
type fileError struct {
	problem fileProblem
	path    string
	err     error // the cause, for fileUnreadable
}

func (e *fileError) Error() string {
	return fmt.Sprintf("attachment %q: %d: %v", e.path, e.problem, e.err)
}

// mediaMsg is one attachment's check.
type mediaMsg struct {
	att attachment
	err error
}

// addFile checks the path typed, in a Cmd; the field empties at once so
// the next path can be typed while it runs.
func (m *Model) addFile() tea.Cmd {
	path := strings.TrimSpace(m.mediaIn.Value())
	m.mediaIn.SetValue("")
	m.checks++
	m.notice = notice{text: m.t.T("calendar.compose.media.checking", common.OneLine(path))}
	home := m.env("HOME")
	return func() tea.Msg {
		att, err := checkFile(expandHome(path, home))
		return mediaMsg{att: att, err: err}
	}
}

// expandHome turns a leading "~/" into the home directory, as a shell
// would: paths are often typed that way.
func expandHome(path, home string) string {
	if rest, ok := strings.CutPrefix(path, "~/"); ok && home != "" {
		return filepath.Join(home, rest)
	}
	return path
}

// checkFile reads what attaching path needs: its absolute path (the
// engine uploads it later, maybe from another directory), size and type.
func checkFile(path string) (attachment, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return attachment{path: path}, &fileError{problem: fileUnreadable, path: path, err: err}
	}
	a := attachment{path: abs}
	f, err := os.Open(abs)
	if err != nil {
		return a, openError(abs, err)
	}
	defer f.Close()
	info, err := f.Stat()
	switch {
	case err != nil:
		return a, &fileError{problem: fileUnreadable, path: abs, err: err}
	case !info.Mode().IsRegular():
		return a, &fileError{problem: fileNotRegular, path: abs}
	case info.Size() == 0:
		return a, &fileError{problem: fileEmpty, path: abs}
	}
	a.size = info.Size()
	head := make([]byte, 512)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return a, &fileError{problem: fileUnreadable, path: abs, err: err}
	}
	a.mime = providers.SniffMedia(head[:n], abs)
	return a, nil
}

// openError tells a missing file from one that cannot be read.
func openError(path string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return &fileError{problem: fileMissing, path: path}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, fs.ErrInvalid) || strings.Contains(err.Error(), "is a directory") {
		return &fileError{problem: fileNotRegular, path: path}
	}
	return &fileError{problem: fileUnreadable, path: path, err: err}
}

// mediaChecked adds a checked file, or says why it cannot be attached.
func (m *Model) mediaChecked(msg mediaMsg) {
	m.checks = max(m.checks-1, 0)
	if msg.err != nil {
		m.notice = notice{text: m.fileErrorText(msg.err), bad: true}
		return
	}
	if slices.ContainsFunc(m.media, func(a attachment) bool { return a.path == msg.att.path }) {
		m.notice = notice{text: m.t.T("calendar.compose.media.twice", base(msg.att.path)), bad: true}
		return
	}
	if text := m.refusal(msg.att); text != "" {
		m.notice = notice{text: text, bad: true}
		return
	}
	m.media = append(m.media, msg.att)
	m.notice = notice{text: m.t.T("calendar.compose.media.added", base(msg.att.path), humanBytes(msg.att.size), msg.att.mime)}
}

// fileErrorText words a fileError in the CM's language.
func (m *Model) fileErrorText(err error) string {
	var fe *fileError
	if !errors.As(err, &fe) {
		return m.t.T("calendar.compose.media.unreadable", "?", err)
	}
	name := common.OneLine(fe.path)
	switch fe.problem {
	case fileMissing:
		return m.t.T("calendar.compose.media.missing", name)
	case fileNotRegular:
		return m.t.T("calendar.compose.media.not_file", name)
	case fileEmpty:
		return m.t.T("calendar.compose.media.empty", name)
	}
	return m.t.T("calendar.compose.media.unreadable", name, fe.err)
}

// refusal is why a selected account's network would refuse the file (""
// when every one takes it): no attachments at all, too large, or a type
// it does not take. Without MediaLimit (tests) nothing is refused.
func (m *Model) refusal(a attachment) string {
	if m.ctx.MediaLimit == nil {
		return ""
	}
	name := base(a.path)
	for _, id := range m.Checked() {
		maxBytes, types, ok := m.ctx.MediaLimit(id)
		switch {
		case !ok:
			return m.t.T("calendar.compose.media.none", m.accountName(id))
		case maxBytes > 0 && a.size > maxBytes:
			return m.t.T("calendar.compose.media.too_big", name, humanBytes(a.size), m.accountName(id), humanBytes(maxBytes))
		case len(types) > 0 && !slices.Contains(types, a.mime):
			return m.t.T("calendar.compose.media.bad_type", name, a.mime, m.accountName(id))
		}
	}
	return ""
}

// base is a path's file name, on one line, for messages.
func base(path string) string { return common.OneLine(filepath.Base(path)) }

// humanBytes is a size in B, kB or MB (powers of 1024, as file managers
// and networks' "8 MB" limits mean).
func humanBytes(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d B", n)
	case n < 1024*1024:
		return fmt.Sprintf("%.0f kB", float64(n)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1024*1024))
}
