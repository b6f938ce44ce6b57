package tui

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"cmdeck/i18n"
	"cmdeck/tui/common"
)

const testLink = "https://chirper.example/@lea/110"

// collect delivers msg like send, and returns every message its commands
// produced on the way, in order.
func (d *deck) collect(msg tea.Msg) []tea.Msg {
	var seen []tea.Msg
	var run func(tea.Cmd)
	run = func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		switch m := cmd().(type) {
		case nil, tea.QuitMsg:
		case tea.BatchMsg:
			for _, c := range m {
				run(c)
			}
		default:
			seen = append(seen, m)
			_, next := d.Update(m)
			run(next)
		}
	}
	_, cmd := d.Update(msg)
	run(cmd)
	return seen
}

// clipboardWrites are the OSC 52 writes among msgs. Bubble Tea's message
// for them is unexported: it is recognized by its type, taken from
// tea.SetClipboard itself, and read as the string it is.
func clipboardWrites(msgs []tea.Msg) []string {
	want := reflect.TypeOf(tea.SetClipboard("")())
	var out []string
	for _, m := range msgs {
		if v := reflect.ValueOf(m); v.Type() == want {
			out = append(out, v.String())
		}
	}
	return out
}

// withLink gives the newest sample item (Léa's comment) a link.
func withLink(link string) func(*Options) {
	return func(o *Options) { o.Source.(*fakeSource).items[0].URL = link }
}

// opened records what the fake opener was asked to open.
type opened struct {
	mu   sync.Mutex
	urls []string
	err  error
}

func (o *opened) open(url string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.urls = append(o.urls, url)
	return o.err
}

func TestCopyLink(t *testing.T) {
	d := newDeck(t, 100, 24, nil)
	got := clipboardWrites(d.collect(common.CopyMsg{URL: testLink, Text: "the body"}))
	if len(got) != 1 || got[0] != testLink {
		t.Fatalf("clipboard writes %q, want the link", got)
	}
	if s := d.statusLine(); !strings.Contains(s, "Link copied: "+testLink) {
		t.Fatalf("status bar %q", s)
	}
}

// Without a link, the text is copied, cleaned of control bytes (line
// breaks kept), and the status bar counts it.
func TestCopyText(t *testing.T) {
	d := newDeck(t, 100, 24, nil)
	got := clipboardWrites(d.collect(common.CopyMsg{Text: "Le patch\x1b]52;c;ZXZpbA==\x07 a cassé\x00 ma sauvegarde\nqui peut m'aider ?"}))
	if len(got) != 1 {
		t.Fatalf("clipboard writes %q, want one", got)
	}
	for _, r := range got[0] {
		if r != '\n' && unicode.IsControl(r) {
			t.Fatalf("copied %q: control %U in the OSC 52 payload", got[0], r)
		}
	}
	if strings.Contains(got[0], "ZXZpbA") || !strings.Contains(got[0], "ma sauvegarde\nqui peut") {
		t.Fatalf("copied %q", got[0])
	}
	n := utf8.RuneCountInString(got[0])
	if s := d.statusLine(); !strings.Contains(s, "Text copied (") || !strings.Contains(s, " characters)") ||
		!strings.Contains(s, "("+strconv.Itoa(n)+" ") {
		t.Fatalf("status bar %q, want the %d characters copied", s, n)
	}
}

// A huge text is cut to what a terminal takes, and the status bar says so.
func TestCopyCut(t *testing.T) {
	d := newDeck(t, 120, 24, func(o *Options) { o.Lang = i18n.FR })
	got := clipboardWrites(d.collect(common.CopyMsg{Text: strings.Repeat("é", common.ClipMax)}))
	if len(got) != 1 || len(got[0]) > common.ClipMax || !utf8.ValidString(got[0]) {
		t.Fatalf("copied %d bytes (valid %v), want at most %d", len(got[0]), utf8.ValidString(got[0]), common.ClipMax)
	}
	if s := d.statusLine(); !strings.Contains(s, "Texte copié, coupé à ses "+strconv.Itoa(utf8.RuneCountInString(got[0]))) {
		t.Fatalf("status bar %q", s)
	}
}

func TestCopyNothing(t *testing.T) {
	d := newDeck(t, 100, 24, nil)
	if got := clipboardWrites(d.collect(common.CopyMsg{Text: " \n "})); len(got) != 0 {
		t.Fatalf("copied %q", got)
	}
	if s := d.statusLine(); !strings.Contains(s, "Nothing to copy") {
		t.Fatalf("status bar %q", s)
	}
}

func TestOpenWithOpener(t *testing.T) {
	o := &opened{}
	d := newDeck(t, 100, 24, func(opts *Options) { opts.Opener = o.open })
	d.send(common.OpenLinkMsg{URL: testLink})
	if len(o.urls) != 1 || o.urls[0] != testLink || len(d.overlays) != 0 {
		t.Fatalf("opened %q, overlays %d", o.urls, len(d.overlays))
	}
	if s := d.statusLine(); !strings.Contains(s, "Opening "+testLink) {
		t.Fatalf("status bar %q", s)
	}

	o.err = errors.New(`exec: "xdg-open": executable file not found in $PATH`)
	d.send(common.OpenLinkMsg{URL: testLink})
	if s := d.statusLine(); !strings.Contains(s, "Could not open the link: exec:") || !d.flash.err {
		t.Fatalf("status bar %q (error %v)", s, d.flash.err)
	}

	// Not a web link: never handed to the opener, shown instead.
	d.send(common.OpenLinkMsg{URL: "file:///etc/passwd"})
	if len(o.urls) != 2 || len(d.overlays) != 1 {
		t.Fatalf("opened %q, overlays %d", o.urls, len(d.overlays))
	}
	if !strings.Contains(d.text(), "Only web (http, https) and mail links are opened") {
		t.Fatalf("the overlay does not say why:\n%s", d.text())
	}
}

func TestOpenNoLink(t *testing.T) {
	o := &opened{}
	d := newDeck(t, 100, 24, func(opts *Options) { opts.Opener = o.open })
	d.send(common.OpenLinkMsg{})
	if len(o.urls) != 0 || len(d.overlays) != 0 || !strings.Contains(d.statusLine(), "No link to open here") {
		t.Fatalf("opened %q, overlays %d, status %q", o.urls, len(d.overlays), d.statusLine())
	}
}

// Without an opener (a served deck, SSH without X) o shows the link whole,
// to select; y there copies it; esc closes.
func TestOpenWithoutOpener(t *testing.T) {
	d := newDeck(t, 80, 24, nil)
	d.send(common.OpenLinkMsg{URL: testLink})
	if len(d.overlays) != 1 || !strings.Contains(d.text(), testLink) {
		t.Fatalf("overlays %d:\n%s", len(d.overlays), d.text())
	}
	if strings.Contains(d.View().Content, "\x1b]8;") {
		t.Fatal("the overlay draws a hyperlink: it shows plain text to select")
	}
	if got := clipboardWrites(d.collect(keyMsg("y"))); len(got) != 1 || got[0] != testLink {
		t.Fatalf("y in the overlay copied %q", got)
	}
	if len(d.overlays) != 1 {
		t.Fatal("y closed the overlay")
	}
	d.press("j") // other keys do nothing
	d.press("esc")
	if len(d.overlays) != 0 {
		t.Fatal("esc did not close the overlay")
	}
}

func TestLinkOverlay(t *testing.T) {
	long := "https://mastodon.example/@pixelforge/112233445566778899?utm_source=cmdeck&utm_medium=terminal&utm_campaign=" +
		strings.Repeat("printemps-", 6) + "2025#reply"
	tests := []struct {
		name string
		link string
		edit func(*Options)
	}{
		{"short_80x24", testLink, nil},
		{"long_80x24", long, nil},
		{"long_fr_80x24", long, func(o *Options) { o.Lang = i18n.FR }},
		{"refused_80x24", "gemini://capsule.example/journal", func(o *Options) { o.Opener = (&opened{}).open }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDeck(t, 80, 24, tt.edit)
			d.send(common.OpenLinkMsg{URL: tt.link})
			checkSize(t, d.View().Content, 80, 24)
			golden.RequireEqual(t, []byte(d.text()))
		})
	}
}

// y and o in the real Inbox reach the root with the selected item's link.
func TestInboxCopyAndOpen(t *testing.T) {
	o := &opened{}
	d := newRealDeck(t, 120, 40, both(withLink(testLink), func(opts *Options) { opts.Opener = o.open }))
	if got := clipboardWrites(d.collect(keyMsg("y"))); len(got) != 1 || got[0] != testLink {
		t.Fatalf("y copied %q, want the item's link", got)
	}
	d.press("o")
	if len(o.urls) != 1 || o.urls[0] != testLink {
		t.Fatalf("o opened %q", o.urls)
	}
	// The next item has no link: y copies its text, o says there is none.
	d.press("j")
	if got := clipboardWrites(d.collect(keyMsg("y"))); len(got) != 1 || got[0] != "Meilleure baguette du quartier, merci !" {
		t.Fatalf("y copied %q, want the item's text", got)
	}
	d.press("o")
	if len(o.urls) != 1 || !strings.Contains(d.statusLine(), "No link to open here") {
		t.Fatalf("o opened %q; status %q", o.urls, d.statusLine())
	}
}

// The conversation shows the selected message's link: an OSC 8 hyperlink
// when the terminal draws them, plain text otherwise.
func TestInboxHyperlinks(t *testing.T) {
	for _, on := range []bool{true, false} {
		d := newRealDeck(t, 120, 40, both(withLink(testLink), func(o *Options) { o.Hyperlinks = on }))
		view := d.View().Content
		if !strings.Contains(d.text(), testLink) {
			t.Fatalf("hyperlinks %v: the link is not shown:\n%s", on, d.text())
		}
		if got := strings.Contains(view, "\x1b]8;;"+testLink); got != on {
			t.Errorf("hyperlinks %v: OSC 8 drawn = %v", on, got)
		}
		if !on && strings.Contains(view, "\x1b]8;") {
			t.Error("hyperlinks off: some OSC 8 was drawn")
		}
	}
}

// A hostile link is shown cleaned and never becomes a hyperlink.
func TestInboxHostileLink(t *testing.T) {
	hostile := "https://bank.example/\x1b]8;;https://evil.example\x07login"
	d := newRealDeck(t, 120, 40, both(withLink(hostile), func(o *Options) { o.Hyperlinks = true }))
	view := d.View().Content
	if strings.Contains(view, "\x1b]8;") || strings.Contains(view, "evil.example") {
		t.Fatalf("a hostile link drew a hyperlink or its payload:\n%q", view)
	}
	if !strings.Contains(d.text(), "https://bank.example/login") {
		t.Fatalf("the cleaned link is not shown:\n%s", d.text())
	}
}

// A viewer reads, so y and o work in a viewer's deck, from the open
// conversation too.
func TestViewerCopiesFromTheThread(t *testing.T) {
	d := newRealDeck(t, 120, 40, both(withLink(testLink), func(o *Options) { o.Role = RoleViewer }))
	d.press("enter")
	if got := clipboardWrites(d.collect(keyMsg("y"))); len(got) != 1 || got[0] != testLink {
		t.Fatalf("y copied %q", got)
	}
	d.press("o")
	if len(d.overlays) != 1 || !strings.Contains(d.text(), "─ Link ─") {
		t.Fatalf("o without an opener: overlays %d", len(d.overlays))
	}
}
