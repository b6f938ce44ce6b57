package postcompose

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/providers"
	"cmdeck/store"
	"cmdeck/tui/common"
	"cmdeck/tui/compose"
)

// now is Wednesday 12 March 2025, 10:00 UTC.
var now = time.Date(2025, 3, 12, 10, 0, 0, 0, time.UTC)

func at(day, hour, minute int) time.Time {
	return time.Date(2025, 3, day, hour, minute, 0, 0, time.UTC)
}

func slots(t testing.TB, specs ...string) []core.Slot {
	t.Helper()
	var out []core.Slot
	for _, s := range specs {
		sl, err := core.ParseSlot(s)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, sl)
	}
	return out
}

func TestCommonSlot(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no tz database")
	}
	tests := []struct {
		name   string
		queues []queue
		loc    *time.Location
		want   time.Time
		ok     bool
	}{
		{"one queue, next slot", []queue{{slots: slots(t, "daily 09:00")}}, time.UTC, at(13, 9, 0), true},
		{"taken slots are skipped", []queue{{slots: slots(t, "daily 09:00"), taken: map[time.Time]bool{at(13, 9, 0): true, at(14, 9, 0): true}}},
			time.UTC, at(15, 9, 0), true},
		{"the first time both queues have free", []queue{
			{slots: slots(t, "weekdays 09:00"), taken: map[time.Time]bool{at(13, 9, 0): true}},
			{slots: slots(t, "daily 09:00", "daily 18:00")},
		}, time.UTC, at(14, 9, 0), true},
		{"queues that never meet", []queue{{slots: slots(t, "mon 09:00")}, {slots: slots(t, "tue 09:00")}}, time.UTC, time.Time{}, false},
		{"a queue without slots", []queue{{slots: slots(t, "daily 09:00")}, {}}, time.UTC, time.Time{}, false},
		{"slots are wall-clock times in the zone", []queue{{slots: slots(t, "daily 09:00")}}, paris,
			time.Date(2025, 3, 13, 8, 0, 0, 0, time.UTC), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := commonSlot(tt.queues, now, tt.loc)
			if ok != tt.ok || !got.Equal(tt.want) {
				t.Fatalf("commonSlot = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestSplitAtCountsCharactersAsNetworksDo(t *testing.T) {
	tests := []struct {
		s          string
		limit      int
		kept, over string
	}{
		{"abcdef", 4, "abcd", "ef"},
		{"abc", 4, "abc", ""},
		{"abc", 0, "abc", ""},
		{"🇫🇷🇫🇷🇫🇷", 2, "🇫🇷🇫🇷", "🇫🇷"},                   // a flag is one character
		{"e\u0301te\u0301", 2, "e\u0301t", "e\u0301"}, // an accent joins its letter
		{"東京の店", 3, "東京の", "店"},
	}
	for _, tt := range tests {
		kept, over := splitAt(tt.s, tt.limit)
		if kept != tt.kept || over != tt.over {
			t.Errorf("splitAt(%q, %d) = %q, %q; want %q, %q", tt.s, tt.limit, kept, over, tt.kept, tt.over)
		}
	}
}

func TestCheckFile(t *testing.T) {
	dir := t.TempDir()
	png := filepath.Join(dir, "a.png")
	if err := os.WriteFile(png, append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 100)...), 0o600); err != nil {
		t.Fatal(err)
	}
	mov := filepath.Join(dir, "clip.MOV")
	if err := os.WriteFile(mov, []byte{0, 0, 0, 0x14, 'f', 't', 'y', 'p', 'q', 't', ' ', ' '}, 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.jpg")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	a, err := checkFile(png)
	if err != nil || a.mime != "image/png" || a.size != 108 || a.path != png {
		t.Fatalf("checkFile(png) = %+v, %v", a, err)
	}
	if a, err := checkFile(mov); err != nil || a.mime != "video/quicktime" {
		t.Fatalf("a QuickTime file is %+v, %v (the extension should tell)", a, err)
	}
	for path, want := range map[string]fileProblem{
		filepath.Join(dir, "missing.png"): fileMissing,
		dir:                               fileNotRegular,
		empty:                             fileEmpty,
	} {
		_, err := checkFile(path)
		var fe *fileError
		if !errors.As(err, &fe) || fe.problem != want {
			t.Errorf("checkFile(%s) = %v, want problem %d", filepath.Base(path), err, want)
		}
	}
}

func TestExpandHome(t *testing.T) {
	if got := expandHome("~/Images/a.png", "/home/lea"); got != "/home/lea/Images/a.png" {
		t.Errorf("got %q", got)
	}
	if got := expandHome("a.png", "/home/lea"); got != "a.png" {
		t.Errorf("got %q", got)
	}
}

// newComposer is a composer over two clients' accounts.
func newComposer(t testing.TB, o Options) *Model {
	t.Helper()
	ctx := common.Context{T: i18n.New(i18n.EN), Clock: core.NewManualClock(now), Loc: time.UTC,
		Limit: func(id int64) int { return map[int64]int{1: 10, 2: 500}[id] }}
	clients := []core.Client{{ID: 1, Name: "PixelForge"}, {ID: 2, Name: "Dupré"}}
	accounts := []store.AccountSync{
		{Account: core.Account{ID: 1, ClientID: 1, Network: "Chirper", Handle: "@pf"}},
		{Account: core.Account{ID: 2, ClientID: 2, Network: "Facegram", Handle: "@dupre"}},
	}
	m := New(ctx, clients, accounts, o)
	m.SetSize(80, 20)
	return m
}

func press(k string) tea.KeyPressMsg {
	switch k {
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "alt+enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter, Mod: tea.ModAlt}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "ctrl+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	}
	return tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
}

// submitted runs cmd and returns the SubmitMsg it gives, if any.
func submitted(cmd tea.Cmd) (SubmitMsg, bool) {
	if cmd == nil {
		return SubmitMsg{}, false
	}
	s, ok := cmd().(SubmitMsg)
	return s, ok
}

func TestPreviewMarksWhatPassesTheLimit(t *testing.T) {
	m := newComposer(t, Options{Body: "0123456789ABC", AccountIDs: []int64{1, 2}})
	lines := m.previewLines(60)
	joined := ansi.Strip(strings.Join(lines, "\n"))
	for _, want := range []string{"Chirper @pf", "✗ length 13/10", "3 characters too many", "Facegram @dupre", "length 13/500"} {
		if !strings.Contains(joined, want) {
			t.Errorf("previews lack %q:\n%s", want, joined)
		}
	}
	// The part past Chirper's ten characters is drawn apart (reverse video).
	var chirper string
	for _, l := range lines {
		if strings.Contains(ansi.Strip(l), "0123456789ABC") {
			chirper = l
			break
		}
	}
	if !strings.Contains(chirper, "ABC") || strings.Contains(chirper, "0123456789ABC") {
		t.Errorf("the overflow is not styled apart: %q", chirper)
	}
}

func TestSubmitChecksBeforeSaving(t *testing.T) {
	m := newComposer(t, Options{})
	if _, ok := submitted(m.submit(false)); ok || m.Notice() != "Write something or attach a file." {
		t.Fatalf("an empty post was saved (%q)", m.Notice())
	}
	if m.focus != fieldText {
		t.Errorf("the text field should take the keyboard")
	}
	m.text.SetValue("Bonjour")
	if _, ok := submitted(m.submit(false)); ok || m.focus != fieldAccounts {
		t.Fatalf("a post without account was saved (%q)", m.Notice())
	}
	m.checked[2] = true
	if _, ok := submitted(m.submit(true)); ok || !strings.Contains(m.Notice(), "Type when it goes out") {
		t.Fatalf("scheduled without a time (%q)", m.Notice())
	}
	m.when.SetValue("in 2h")
	m.reparse()
	s, ok := submitted(m.submit(true))
	if !ok || !s.Draft.At.Equal(now.Add(2*time.Hour)) || s.Draft.Body != "Bonjour" {
		t.Fatalf("submit = %+v, %v", s, ok)
	}
	if _, ok := submitted(m.submit(true)); ok {
		t.Fatal("a second save went out while the first was in flight")
	}
	m.Failed("database is locked")
	if _, ok := submitted(m.submit(true)); !ok {
		t.Fatal("the composer cannot save again after a failure")
	}
}

func TestEditingSkipsWhatCannotChange(t *testing.T) {
	m := newComposer(t, Options{EditID: 9, Body: "x", AccountIDs: []int64{2}, When: "2025-03-13 09:00"})
	var seen []field
	for range fieldCount {
		m.Update(press("tab"))
		seen = append(seen, m.focus)
	}
	for _, f := range seen {
		if f == fieldAccounts || f == fieldRepeat || f == fieldMedia {
			t.Fatalf("tab stopped on field %d while editing: %v", f, seen)
		}
	}
	if got := m.Checked(); len(got) != 1 || got[0] != 2 {
		t.Fatalf("editing lists accounts %v, want only the post's", got)
	}
}

func TestRepeatCycles(t *testing.T) {
	m := newComposer(t, Options{})
	m.setFocus(fieldRepeat)
	for _, want := range []core.Recurrence{core.RecurWeekly, core.RecurMonthly, core.RecurNone} {
		m.Update(press("l"))
		if m.recur != want {
			t.Fatalf("recur = %q, want %q", m.recur, want)
		}
	}
	m.Update(tea.KeyPressMsg{Code: tea.KeyLeft})
	if m.recur != core.RecurMonthly {
		t.Fatalf("left went to %q", m.recur)
	}
}

// The editor runs through tea.ExecProcess in the program (compose.EditText,
// tested in tui/compose); here its answers are fed back as the program
// would.
func TestEditorAnswers(t *testing.T) {
	m := newComposer(t, Options{Body: "avant"})
	if cmd := m.openEditor(); cmd == nil {
		t.Fatal("ctrl+e gives no command")
	}
	m.Update(editorMsg{text: "Écrit dans l’éditeur"})
	if m.Body() != "Écrit dans l’éditeur" {
		t.Fatalf("body = %q", m.Body())
	}
	m.Update(editorMsg{})
	if m.Body() != "Écrit dans l’éditeur" || !strings.Contains(m.Notice(), "unchanged") {
		t.Fatalf("an aborted edit changed the text (%q, %q)", m.Body(), m.Notice())
	}
	m.Update(editorMsg{err: &compose.EditorError{Editor: "nvim", Err: exec.ErrNotFound}})
	if m.Body() != "Écrit dans l’éditeur" || !strings.Contains(m.Notice(), "nvim") {
		t.Fatalf("a missing editor is not named (%q)", m.Notice())
	}
}

func TestViewFitsEverySize(t *testing.T) {
	m := newComposer(t, Options{Body: strings.Repeat("mot ", 200), AccountIDs: []int64{1, 2}, When: "demain 9h"})
	for _, sz := range [][2]int{{1, 1}, {10, 3}, {40, 8}, {80, 21}, {119, 30}, {160, 45}} {
		for f := range fieldCount {
			m.setFocus(f)
			m.SetSize(sz[0], sz[1])
			view := m.View()
			lines := strings.Split(view, "\n")
			if len(lines) != sz[1] {
				t.Fatalf("%dx%d field %d: %d lines", sz[0], sz[1], f, len(lines))
			}
			for i, l := range lines {
				if w := lipgloss.Width(l); w != sz[0] {
					t.Fatalf("%dx%d field %d: line %d is %d wide", sz[0], sz[1], f, i, w)
				}
			}
		}
	}
}

func TestOnlyAccountsThatPublishAreListed(t *testing.T) {
	ctx := common.Context{T: i18n.New(i18n.EN), Clock: core.NewManualClock(now), Loc: time.UTC,
		Caps: func(id int64) providers.Capabilities {
			if id == 2 {
				return providers.Capabilities{providers.CapReply} // a review site
			}
			return providers.Capabilities{providers.CapPublish}
		}}
	clients := []core.Client{{ID: 1, Name: "PixelForge"}, {ID: 2, Name: "Dupré"}}
	accounts := []store.AccountSync{
		{Account: core.Account{ID: 1, ClientID: 1, Network: "Chirper", Handle: "@pf"}},
		{Account: core.Account{ID: 2, ClientID: 2, Network: "ReviewHub", Handle: "Dupré"}},
	}
	m := New(ctx, clients, accounts, Options{})
	if len(m.accIdx) != 1 || m.rows[m.accIdx[0]].account.ID != 1 {
		t.Fatalf("listed %+v, want only the account that publishes", m.rows)
	}
	for _, r := range m.rows {
		if r.heading && r.client.ID == 2 {
			t.Fatal("a client without any account that publishes has a heading")
		}
	}
}
