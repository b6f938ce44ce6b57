package compose

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"cmdeck/i18n"
)

// errNotFound is what exec says for a command not on $PATH.
func errNotFound() error { return &exec.Error{Name: "nano", Err: exec.ErrNotFound} }

// onlyDraftFile returns the content of the one file in dir, checking it is
// private to the user.
func onlyDraftFile(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 1 {
		t.Fatalf("want one draft file in %s, got %d (%v)", dir, len(entries), err)
	}
	info, err := entries[0].Info()
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("draft file mode %o, want 600", perm)
	}
	data, err := os.ReadFile(filepath.Join(dir, entries[0].Name()))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestDraftFile(t *testing.T) {
	got := draftFile(i18n.New(i18n.EN), time.UTC, 280, target(), thread(), "Bonjour Jeanne,\n\nOui !\n")
	want := `Bonjour Jeanne,

Oui !

# Reply to @jeanne_d on Chirper · Le Fournil
# 280 characters at most.
# Write your reply above. Lines starting with “# ” are left out.
# Save an empty reply to cancel.
#
# Jeanne Dupont (@jeanne_d) · 2026-11-24 05:30  ◀ you are replying to this
#   Vos croissants sont-ils pur beurre ?
#   Et le dimanche ?
#
# You (@lefournil) · 2026-11-24 06:00
#   Oui, 100 % beurre AOP.
#
# Jeanne Dupont (@jeanne_d) · 2026-11-24 06:30
#   Merci !
`
	if got != want {
		t.Errorf("draftFile:\n%s\nwant:\n%s", got, want)
	}
	if back := parseDraft(got); back != "Bonjour Jeanne,\n\nOui !" {
		t.Errorf("parseDraft(draftFile) = %q, want the draft back", back)
	}
}

func TestDraftFileInFrenchAndLongThreads(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no time zone data")
	}
	long := thread()
	for len(long) < maxQuoted+7 {
		long = append(long, thread()[2])
	}
	got := draftFile(i18n.New(i18n.FR), paris, 0, target(), long, "")
	for _, want := range []string{"\n\n# Réponse à @jeanne_d sur Chirper · Le Fournil\n", "(7 messages plus anciens non affichés)", "· 2026-11-24 07:30\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("the file lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "caractères au plus") {
		t.Errorf("a limit line without a limit:\n%s", got)
	}
	if n := strings.Count(got, "\n#   "); n != maxQuoted {
		t.Errorf("%d quoted body lines, want the last %d messages (one line each)", n, maxQuoted)
	}
}

func TestParseDraft(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Merci !\n", "Merci !"},
		{"comments dropped", "Merci !\n# Reply to @x\n#\n#   quoted\n", "Merci !"},
		{"hashtags kept", "#merci à tous\nÀ bientôt #boulangerie\n# a comment", "#merci à tous\nÀ bientôt #boulangerie"},
		{"inner blank lines kept", "Bonjour,\n\nMerci.\n\n\n", "Bonjour,\n\nMerci."},
		{"leading blank lines dropped", "\n\n  \nBonjour", "Bonjour"},
		{"CRLF", "Bonjour\r\n# c\r\nMerci\r\n", "Bonjour\nMerci"},
		{"aborted", "\n\n# Reply to @x\n# Save an empty reply to cancel.\n", ""},
		{"only spaces", "   \n\t\n", ""},
		{"control characters", "Merci\x1b[31m !\x07", "Merci !"},
		{"invalid UTF-8", "caf\xe9", "caf\uFFFD"},
		{"tab comment", "#\tnote\nok", "ok"},
	}
	for _, tt := range tests {
		if got := parseDraft(tt.in); got != tt.want {
			t.Errorf("%s: parseDraft(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestEditorArgv(t *testing.T) {
	tests := []struct {
		visual, editor string
		want           []string
	}{
		{"", "", []string{"vi"}},
		{"", "nano", []string{"nano"}},
		{"code -w", "nano", []string{"code", "-w"}},
		{"  ", "emacs -nw ", []string{"emacs", "-nw"}},
	}
	for _, tt := range tests {
		env := func(k string) string { return map[string]string{"VISUAL": tt.visual, "EDITOR": tt.editor}[k] }
		if got := editorArgv(env); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("VISUAL=%q EDITOR=%q: %q, want %q", tt.visual, tt.editor, got, tt.want)
		}
	}
}

// script writes an executable shell script into dir and returns its path.
func script(t *testing.T, dir, name, body string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+body), 0o700); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestEditorRoundTrip runs the same steps as the Cmd, with a real process
// standing in for the editor: write the file, run the editor on it, read
// it back, and the file is gone.
func TestEditorRoundTrip(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	bin, tmp := t.TempDir(), t.TempDir()
	// The "editor" checks it got the draft, then writes a reply above the
	// comments it keeps, as a CM would. Its flag proves argv is split.
	edit := script(t, bin, "fake-editor", `
[ "$1" = "-w" ] || exit 3
f="$2"
head -n 1 "$f" | grep -q '^Brouillon$' || exit 4
{ printf 'Bonjour Jeanne,\n\nOui, pur beurre !\n\n'; grep '^#' "$f"; } > "$f.new" && mv "$f.new" "$f"
`)
	content := draftFile(i18n.New(i18n.EN), time.UTC, 280, target(), thread(), "Brouillon")
	path, err := writeDraftFile(tmp, content)
	if err != nil {
		t.Fatal(err)
	}
	if got := onlyDraftFile(t, tmp); got != content {
		t.Fatalf("file content differs from what was written")
	}
	env := func(k string) string {
		if k == "EDITOR" {
			return edit + " -w"
		}
		return ""
	}
	argv := editorArgv(env)
	runErr := editorProcess(argv, path).Run()
	done := finishEditor(42, argv[0], path, runErr)
	if done.Err != nil {
		t.Fatalf("finishEditor: %v", done.Err)
	}
	if want := "Bonjour Jeanne,\n\nOui, pur beurre !"; done.ItemID != 42 || done.Text != want {
		t.Errorf("EditorDoneMsg = {%d, %q}, want {42, %q}", done.ItemID, done.Text, want)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the draft file is left behind: %v", err)
	}
}

func TestEditorFailures(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	bin, tmp := t.TempDir(), t.TempDir()
	tests := []struct {
		name     string
		argv     []string
		notFound bool
	}{
		{"exits 1", []string{script(t, bin, "broken", "exit 1\n")}, false},
		{"missing", []string{filepath.Join(bin, "no-such-editor")}, true},
		{"not on PATH", []string{"cmdeck-no-such-editor-xyz"}, true},
	}
	for _, tt := range tests {
		path, err := writeDraftFile(tmp, "draft\n")
		if err != nil {
			t.Fatal(err)
		}
		runErr := editorProcess(tt.argv, path).Run()
		done := finishEditor(42, tt.argv[0], path, runErr)
		var ee *EditorError
		if !errors.As(done.Err, &ee) || ee.Editor != tt.argv[0] {
			t.Errorf("%s: Err = %v, want an EditorError naming the editor", tt.name, done.Err)
			continue
		}
		if got := editorNotFound(ee.Err); got != tt.notFound {
			t.Errorf("%s: editorNotFound = %v, want %v (%v)", tt.name, got, tt.notFound, ee.Err)
		}
		if done.Text != "" {
			t.Errorf("%s: a failed editor gave text %q", tt.name, done.Text)
		}
		if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: the draft file is left behind", tt.name)
		}
	}
}

func TestWriteDraftFileError(t *testing.T) {
	if _, err := writeDraftFile(filepath.Join(t.TempDir(), "missing"), "x"); err == nil {
		t.Error("writing into a missing directory succeeded")
	}
	if _, err := readDraftFile(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("reading a missing file succeeded")
	}
}

func TestEditorCmdWritesThePrivateFile(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	env := func(k string) string {
		return map[string]string{"LANG": "fr_FR.UTF-8", "EDITOR": "true"}[k]
	}
	cmd := EditorCmd(target(), thread(), "Brouillon", env)
	if cmd == nil {
		t.Fatal("no command")
	}
	if msg := cmd(); msg == nil {
		t.Fatal("the command returned no message")
	}
	content := onlyDraftFile(t, dir)
	if !strings.HasPrefix(content, "Brouillon\n\n# Réponse à @jeanne_d sur Chirper") {
		t.Errorf("the file is not in the locale's language, or lacks the draft:\n%s", content)
	}
}

func TestEditorExitedReadsInACommand(t *testing.T) {
	tmp := t.TempDir()
	path, err := writeDraftFile(tmp, "Réponse\n# comment\n")
	if err != nil {
		t.Fatal(err)
	}
	msg := editorExited(42, "vi", path)(nil)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the callback touched the file before its command ran: %v", err)
	}
	done, ok := find[EditorDoneMsg](run(func() tea.Msg { return msg }))
	if !ok || done.Text != "Réponse" || done.ItemID != 42 {
		t.Errorf("got %#v, want the reply for item 42", done)
	}
}
