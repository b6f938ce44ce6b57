package compose

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// maxQuoted caps how many messages of a thread are quoted in the file: a
// forum thread can run to hundreds, and the newest are the ones that matter.
const maxQuoted = 50

// EditorError says the editor could not run or failed. The composer words
// it for the CM; its Error() is for logs.
type EditorError struct {
	Editor string // the command's first word, e.g. "vim"
	Err    error
}

func (e *EditorError) Error() string { return fmt.Sprintf("editor %q: %v", e.Editor, e.Err) }
func (e *EditorError) Unwrap() error { return e.Err }

// EditorCmd composes a reply in $VISUAL (else $EDITOR, else vi), read
// through env, like git commit: the draft, a blank line, then the thread
// quoted as "# " comment lines. When the editor exits it answers
// EditorDoneMsg with the text kept (comments and blank lines at either end
// dropped; "" means the CM aborted). The comments are in the language of
// env's locale and times in the local zone; EditorCmdCtx uses the deck's.
func EditorCmd(target store.ItemView, thread []store.ItemView, draft string, env func(string) string) tea.Cmd {
	if env == nil {
		env = os.Getenv
	}
	t := i18n.New(i18n.Detect("", "", env))
	return editorCmd(t, time.Local, 0, target, thread, draft, env)
}

// EditorCmdCtx is EditorCmd with the comments in ctx's language and the
// times in ctx's zone, and the network's length limit written in them.
func EditorCmdCtx(ctx common.Context, target store.ItemView, thread []store.ItemView, draft string, env func(string) string) tea.Cmd {
	if env == nil {
		env = os.Getenv
	}
	t, loc := ctx.T, ctx.Loc
	if t == nil {
		t = i18n.New(i18n.Detect("", "", env))
	}
	if loc == nil {
		loc = time.Local
	}
	limit := 0
	if ctx.Limit != nil {
		limit = ctx.Limit(target.AccountID)
	}
	return editorCmd(t, loc, limit, target, thread, draft, env)
}

// editorCmd writes the file and runs the editor, all inside the Cmd.
func editorCmd(t *i18n.Catalog, loc *time.Location, limit int, target store.ItemView, thread []store.ItemView, draft string, env func(string) string) tea.Cmd {
	return EditText(draftFile(t, loc, limit, target, thread, draft), env, replyDone(target.ID))
}

// EditText opens content in $VISUAL (else $EDITOR, else vi), read through
// env, in a file only the user can read, and answers done with what the CM
// kept once the editor exits: comment lines ("# …") and blank lines at
// either end dropped, "" when they aborted; err is an *EditorError when the
// editor could not run, else a file error. The file is removed whatever
// happens. Other composers (the calendar's) use it with their own message,
// so a pane never mistakes another's editor answer for its own.
func EditText(content string, env func(string) string, done func(text string, err error) tea.Msg) tea.Cmd {
	if env == nil {
		env = os.Getenv
	}
	return func() tea.Msg {
		argv := editorArgv(env)
		path, err := writeDraftFile(os.TempDir(), content)
		if err != nil {
			return done("", err)
		}
		return tea.ExecProcess(editorProcess(argv, path), exited(argv[0], path, done))()
	}
}

// replyDone answers the reply composer's editor round trip for itemID.
func replyDone(itemID int64) func(string, error) tea.Msg {
	return func(text string, err error) tea.Msg { return EditorDoneMsg{ItemID: itemID, Text: text, Err: err} }
}

// editorArgv is the editor command split on spaces ("code -w" works):
// $VISUAL, else $EDITOR, else vi.
func editorArgv(env func(string) string) []string {
	for _, name := range []string{"VISUAL", "EDITOR"} {
		if f := strings.Fields(env(name)); len(f) > 0 {
			return f
		}
	}
	return []string{"vi"}
}

// editorProcess is the editor opening path (not yet started).
func editorProcess(argv []string, path string) *exec.Cmd {
	args := append(append([]string{}, argv[1:]...), path)
	return exec.Command(argv[0], args...)
}

// editorExited is exited for the reply composer of itemID.
func editorExited(itemID int64, editor, path string) tea.ExecCallback {
	return exited(editor, path, replyDone(itemID))
}

// exited is called by Bubble Tea in its event loop once the editor exits;
// reading and removing the file is left to a Cmd of its own (a BatchMsg is
// run as commands), so the loop never waits on the disk.
func exited(editor, path string, done func(string, error) tea.Msg) tea.ExecCallback {
	return func(runErr error) tea.Msg {
		return tea.BatchMsg{func() tea.Msg { return done(finishEdit(editor, path, runErr)) }}
	}
}

// finishEditor is finishEdit as the reply composer's answer.
func finishEditor(itemID int64, editor, path string, runErr error) EditorDoneMsg {
	text, err := finishEdit(editor, path, runErr)
	return EditorDoneMsg{ItemID: itemID, Text: text, Err: err}
}

// finishEdit reads what the CM wrote and removes the file, whatever
// happened, so no draft is left behind in the temp directory.
func finishEdit(editor, path string, runErr error) (string, error) {
	if runErr != nil {
		_ = os.Remove(path)
		return "", &EditorError{Editor: editor, Err: runErr}
	}
	return readDraftFile(path)
}

// writeDraftFile writes content to a new file only the user can read
// (0600) in dir, and returns its path.
func writeDraftFile(dir, content string) (string, error) {
	f, err := os.CreateTemp(dir, "cmdeck-reply-*.txt")
	if err != nil {
		return "", fmt.Errorf("cannot create the draft file: %w", err)
	}
	path := f.Name()
	err = f.Chmod(0o600)
	if err == nil {
		_, err = f.WriteString(content)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(path)
		return "", fmt.Errorf("cannot write the draft file: %w", err)
	}
	return path, nil
}

// readDraftFile reads the reply back and removes the file.
func readDraftFile(path string) (string, error) {
	data, err := os.ReadFile(path)
	_ = os.Remove(path)
	if err != nil {
		return "", fmt.Errorf("cannot read the draft file back: %w", err)
	}
	return parseDraft(string(data)), nil
}

// parseDraft keeps what the CM wrote: comment lines ("#" alone or "# …")
// and blank lines at either end are dropped, and the text is made safe
// like any other (core.Sanitize: no control characters, valid UTF-8).
// A line such as "#merci" is a hashtag, not a comment, and is kept.
func parseDraft(text string) string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var kept []string
	for line := range strings.SplitSeq(text, "\n") {
		if isComment(line) {
			continue
		}
		kept = append(kept, line)
	}
	for len(kept) > 0 && strings.TrimSpace(kept[len(kept)-1]) == "" {
		kept = kept[:len(kept)-1]
	}
	for len(kept) > 0 && strings.TrimSpace(kept[0]) == "" {
		kept = kept[1:]
	}
	return core.Sanitize(strings.Join(kept, "\n"))
}

func isComment(line string) bool {
	line = strings.TrimRight(line, " \t\r")
	return line == "#" || strings.HasPrefix(line, "# ") || strings.HasPrefix(line, "#\t")
}

// editorNotFound reports that the editor command does not exist.
func editorNotFound(err error) bool {
	return errors.Is(err, exec.ErrNotFound) || errors.Is(err, os.ErrNotExist)
}
