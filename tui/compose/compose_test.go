package compose

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"cmdeck/i18n"
	"cmdeck/store"
	"cmdeck/tui/common"
)

func TestTypingUpdatesTextAndCounter(t *testing.T) {
	m := newModel(t, i18n.EN, 280, "")
	press(m, typeText("Bonjour Jeanne,\nmerci !")...)
	if got, want := m.Value(), "Bonjour Jeanne,\nmerci !"; got != want {
		t.Fatalf("Value() = %q, want %q", got, want)
	}
	header := strings.SplitN(plain(m), "\n", 2)[0]
	if !strings.Contains(header, "23/280") {
		t.Errorf("header %q does not show the count 23/280", header)
	}
	if !strings.Contains(header, "Reply to @jeanne_d on Chirper · Le Fournil") {
		t.Errorf("header %q does not say who the reply goes to", header)
	}
	press(m, "backspace", "backspace")
	if header := strings.SplitN(plain(m), "\n", 2)[0]; !strings.Contains(header, "21/280") {
		t.Errorf("after two backspaces the header %q does not show 21/280", header)
	}
}

func TestCounterWithoutLimitShowsJustTheCount(t *testing.T) {
	m := newModel(t, i18n.EN, 0, "abc")
	header := strings.SplitN(plain(m), "\n", 2)[0]
	if !strings.HasSuffix(strings.TrimRight(header, " "), " 3") || strings.Contains(header, "/") {
		t.Errorf("header %q: want the bare count 3", header)
	}
}

func TestLevelOf(t *testing.T) {
	tests := []struct {
		n, limit int
		want     level
	}{
		{0, 0, levelOK}, {10000, 0, levelOK},
		{251, 280, levelOK}, {252, 280, levelNear}, {280, 280, levelNear}, {281, 280, levelOver},
		{8, 10, levelOK}, {9, 10, levelNear}, {11, 10, levelOver},
		{0, 1, levelNear}, {2, 1, levelOver},
	}
	for _, tt := range tests {
		if got := levelOf(tt.n, tt.limit); got != tt.want {
			t.Errorf("levelOf(%d, %d) = %d, want %d", tt.n, tt.limit, got, tt.want)
		}
	}
}

func TestSend(t *testing.T) {
	tests := []struct {
		name     string
		limit    int
		readOnly bool
		typed    string
		wantText string // "" = refused
		footer   string // what the footer says after a refusal
	}{
		{name: "sends trimmed", limit: 280, typed: "  Merci !\n\n", wantText: "Merci !"},
		{name: "multi-line", limit: 280, typed: "Bonjour,\nà demain", wantText: "Bonjour,\nà demain"},
		{name: "exactly at the limit", limit: 5, typed: "cinq!", wantText: "cinq!"},
		{name: "limit counts graphemes", limit: 3, typed: "👍🏽🇫🇷é", wantText: "👍🏽🇫🇷é"},
		{name: "no limit", limit: 0, typed: strings.Repeat("a", 5000), wantText: strings.Repeat("a", 5000)},
		{name: "empty", limit: 280, typed: "", footer: "Nothing to send yet"},
		{name: "only spaces", limit: 280, typed: "  \n ", footer: "Nothing to send yet"},
		{name: "one too many", limit: 5, typed: "sixsix", footer: "Not sent: 1 character too many"},
		{name: "many too many", limit: 5, typed: "twelve chars", footer: "Not sent: 7 characters too many"},
		{name: "read-only", limit: 280, readOnly: true, typed: "Merci", footer: "Read-only session"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := testCtx(i18n.EN, tt.limit)
			ctx.ReadOnly = tt.readOnly
			m := New(ctx, target(), thread(), "")
			m.SetSize(120, 7)
			m.Update(tea.PasteMsg{Content: tt.typed})
			msgs := press(m, "ctrl+s")
			send, sent := find[SendMsg](msgs)
			if tt.wantText == "" {
				if sent {
					t.Fatalf("sent %q, want a refusal", send.Text)
				}
				if !strings.Contains(plain(m), tt.footer) {
					t.Fatalf("view does not say %q:\n%s", tt.footer, plain(m))
				}
				if m.Value() != tt.typed {
					t.Errorf("the refusal changed the text to %q", m.Value())
				}
				return
			}
			if !sent {
				t.Fatalf("no SendMsg; view:\n%s", plain(m))
			}
			if send.ItemID != 42 || send.Text != tt.wantText {
				t.Errorf("SendMsg = {%d, %q}, want {42, %q}", send.ItemID, send.Text, tt.wantText)
			}
		})
	}
}

func TestOverLimitFooterSaysByHowMuch(t *testing.T) {
	m := newModel(t, i18n.FR, 10, "")
	press(m, typeText("bonjour à tous")...)
	view := plain(m)
	if !strings.Contains(view, "14/10") || !strings.Contains(view, "4 caractères de trop") {
		t.Errorf("the view does not show 14/10 and the excess in French:\n%s", view)
	}
	press(m, "backspace", "backspace", "backspace", "backspace")
	if strings.Contains(plain(m), "de trop") {
		t.Errorf("back within the limit, the view still complains:\n%s", plain(m))
	}
}

func TestRefusalNoticeClearsOnEdit(t *testing.T) {
	m := newModel(t, i18n.EN, 280, "")
	press(m, "ctrl+s")
	if !strings.Contains(plain(m), "Nothing to send") {
		t.Fatalf("no refusal shown:\n%s", plain(m))
	}
	press(m, "a")
	if strings.Contains(plain(m), "Nothing to send") {
		t.Errorf("the refusal stays after typing:\n%s", plain(m))
	}
}

func TestEscClosesKeepingTheDraft(t *testing.T) {
	tests := []struct{ draft, typed, want string }{
		{"", "Merci beaucoup", "Merci beaucoup"},
		{"Déjà commencé", " et fini", "Déjà commencé et fini"},
		{"", "   ", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		m := newModel(t, i18n.EN, 280, tt.draft)
		if tt.typed != "" {
			m.Update(tea.PasteMsg{Content: tt.typed})
		}
		c, ok := find[CloseMsg](press(m, "esc"))
		if !ok {
			t.Fatalf("draft %q + %q: no CloseMsg", tt.draft, tt.typed)
		}
		if c.ItemID != 42 || c.Draft != tt.want {
			t.Errorf("draft %q + %q: CloseMsg = {%d, %q}, want {42, %q}", tt.draft, tt.typed, c.ItemID, c.Draft, tt.want)
		}
	}
}

func TestLongRepliesAreNotCut(t *testing.T) {
	m := newModel(t, i18n.EN, 0, strings.Repeat("ligne\n", 150))
	press(m, "enter", "x")
	if got := strings.Count(m.Value(), "\n"); got != 151 {
		t.Errorf("%d line breaks, want 151: enter was refused past some line count", got)
	}
}

func TestDraftIsRestored(t *testing.T) {
	m := newModel(t, i18n.EN, 280, "Bonjour,\nà bientôt")
	if m.Value() != "Bonjour,\nà bientôt" || m.ItemID() != 42 {
		t.Fatalf("Value() = %q, ItemID() = %d", m.Value(), m.ItemID())
	}
	press(m, typeText("!")...)
	if m.Value() != "Bonjour,\nà bientôt!" {
		t.Errorf("typing does not continue at the end of the draft: %q", m.Value())
	}
}

func TestComposerKeysDoNotEditText(t *testing.T) {
	m := newModel(t, i18n.EN, 280, "ab")
	press(m, "ctrl+t", "esc") // open and close the picker
	if m.Value() != "ab" {
		t.Errorf("ctrl+t changed the text (textarea transpose?): %q", m.Value())
	}
	press(m, "ctrl+a", "end", "x")
	if m.Value() != "abx" {
		t.Errorf("end no longer goes to the end of the line: %q", m.Value())
	}
}

func TestCtrlEOpensTheEditorWithTheDraft(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	m := newModel(t, i18n.EN, 280, "Mon brouillon")
	var cmd tea.Cmd
	m, cmd = m.Update(keyMsg("ctrl+e"))
	if cmd == nil {
		t.Fatal("ctrl+e returned no command")
	}
	if m.Value() != "Mon brouillon" {
		t.Errorf("ctrl+e changed the text: %q", m.Value())
	}
	cmd() // writes the file and returns the exec message (run by Bubble Tea)
	content := onlyDraftFile(t, dir)
	if !strings.HasPrefix(content, "Mon brouillon\n\n# Reply to @jeanne_d on Chirper") {
		t.Errorf("the file does not start with the draft and the header:\n%s", content)
	}
	if !strings.Contains(content, "# 280 characters at most.") {
		t.Errorf("the file does not give the limit:\n%s", content)
	}
}

func TestEditorDoneReplacesTheDraft(t *testing.T) {
	tests := []struct {
		name   string
		msg    EditorDoneMsg
		want   string
		notice string
	}{
		{"text", EditorDoneMsg{ItemID: 42, Text: "Écrit dans vim"}, "Écrit dans vim", ""},
		{"aborted", EditorDoneMsg{ItemID: 42}, "brouillon", "Editor closed without a reply"},
		{"failed", EditorDoneMsg{ItemID: 42, Err: &EditorError{Editor: "vim", Err: errors.New("exit status 1")}}, "brouillon", "Editor “vim” failed"},
		{"not found", EditorDoneMsg{ItemID: 42, Err: &EditorError{Editor: "nano", Err: errNotFound()}}, "brouillon", "Editor “nano” not found"},
		{"another item", EditorDoneMsg{ItemID: 7, Text: "pas pour moi"}, "brouillon", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newModel(t, i18n.EN, 280, "brouillon")
			m.SetSize(120, 7)
			m.Update(tt.msg)
			if m.Value() != tt.want {
				t.Errorf("Value() = %q, want %q", m.Value(), tt.want)
			}
			if tt.notice != "" && !strings.Contains(plain(m), tt.notice) {
				t.Errorf("the view does not say %q:\n%s", tt.notice, plain(m))
			}
		})
	}
}

func TestShortHelp(t *testing.T) {
	m := newModel(t, i18n.EN, 280, "")
	keys := func() []string {
		var out []string
		for _, b := range m.ShortHelp() {
			out = append(out, b.Help().Key)
		}
		return out
	}
	if got := strings.Join(keys(), " "); got != "ctrl+s esc ctrl+e ctrl+t" {
		t.Errorf("composer keys = %q", got)
	}
	press(m, "ctrl+t")
	if got := strings.Join(keys(), " "); got != "↑/↓ enter esc" {
		t.Errorf("picker keys = %q", got)
	}
}

func TestSizes(t *testing.T) {
	sizes := [][2]int{{80, 7}, {120, 8}, {40, 6}, {20, 4}, {10, 3}, {80, 2}, {80, 1}, {3, 5}}
	for _, picking := range []bool{false, true} {
		for _, sz := range sizes {
			m := newModel(t, i18n.FR, 280, strings.Repeat("Un long brouillon 🥐 qui déborde. ", 8))
			if picking {
				press(m, "ctrl+t")
			}
			m.SetSize(sz[0], sz[1])
			checkSize(t, m.View(), sz[0], sz[1])
		}
	}
	m := newModel(t, i18n.EN, 280, "x")
	m.SetSize(0, 0)
	if m.View() != "" {
		t.Errorf("a 0×0 composer draws %q", m.View())
	}
}

func TestZeroValuesDoNotPanic(t *testing.T) {
	m := New(common.Context{}, store.ItemView{}, nil, "")
	m.SetSize(80, 7)
	for _, msg := range []tea.Msg{nil, tea.WindowSizeMsg{Width: 1, Height: 1}, keyMsg("ctrl+t"), keyMsg("ctrl+s"), keyMsg("x"), EditorDoneMsg{}} {
		m.Update(msg)
		checkSize(t, m.View(), 80, 7)
	}
	if !strings.Contains(plain(m), "Reply to this message") {
		t.Errorf("no header for an unknown author:\n%s", plain(m))
	}
	if m.Limit() != 0 {
		t.Errorf("Limit() = %d without a LimitFunc", m.Limit())
	}
}
