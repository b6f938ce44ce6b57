package calendar

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cmdeck/draw"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// contestSource is the sample calendar with comments on post 1, the
// published Chirper post of PixelForge (client 1), and on a sibling
// published on its Mastodon account.
func contestSource() *fakeSource {
	f := sample()
	c := func(network, handle, body string) store.ContestComment {
		return store.ContestComment{PostID: 1, Network: network, Handle: handle, Body: body, At: at(10, 12, 0)}
	}
	f.comments = map[int64][]store.ContestComment{1: {
		c("Chirper", "@alice", "Je participe au #Concours !"),
		c("Chirper", "@Alice", "concours encore"), // the same person again
		c("Chirper", "@bob", "le concours 🎉"),
		c("Chirper", "@carol", "CONCOURS"),
		c("Chirper", "@dave", "bonjour"),        // without the word
		c("Chirper", "@pixelforge", "concours"), // the brand itself
		c("mastodon.social", "@pixelforge", "concours"),
		c("mastodon.social", "@erin@other.example", "concours"),
	}}
	return f
}

// contestEntrants is who qualifies among contestSource's comments.
var contestEntrants = []string{"chirper\t@alice", "chirper\t@bob", "chirper\t@carol", "mastodon.social\t@erin@other.example"}

func runDrawCmd(t *testing.T, m *Model, args string) {
	t.Helper()
	_, cmd := m.Update(common.RunActionMsg{Action: "calendar.draw", Args: args})
	drain(t, m, cmd)
}

// The same seed gives the same winners, the brand's accounts (in both
// forms of a Mastodon handle) never enter, each person enters once, and
// the draw is written, private, where the box says.
func TestDrawIsReproducibleAndWritten(t *testing.T) {
	dir := t.TempDir()
	f := contestSource()
	m := newPane(t, f, 100, 30, nil)
	m.SetReportDir(dir)
	selectPost(t, m, 1)

	const seed = "cac40/8123.45"
	_, want := draw.Pick(contestEntrants, seed, 2)
	path := filepath.Join(dir, "cmdeck-draw-1-cac40-8123-45.txt")
	var runs []string
	for range 2 {
		runDrawCmd(t, m, "2 "+seed+" concours")
		box, ok := m.dialog.(*drawBox)
		if !ok {
			t.Fatalf("no draw box; footer %q", footerText(m))
		}
		view := strings.Join(strings.Fields(text(m)), " ")
		for i, w := range want {
			network, handle, _ := strings.Cut(w, "\t")
			if line := strings.Join(strings.Fields(box.lines[2+i]), " "); line != strings.Join([]string{string(rune('1'+i)) + ".", handle, "(" + network + ")"}, " ") {
				t.Errorf("winner %d shown as %q, want %s", i+1, line, w)
			}
		}
		if box.lines[len(box.lines)-1] != path || !strings.Contains(view, "Contest draw") {
			t.Errorf("the box does not show the draw and its file %s:\n%s", path, text(m))
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		runs = append(runs, string(data))
		press(t, m, "esc")
		if m.dialog != nil {
			t.Fatal("esc did not close the draw box")
		}
	}
	if runs[0] != runs[1] {
		t.Errorf("two draws with the same seed differ:\n%s\n---\n%s", runs[0], runs[1])
	}
	out := runs[0]
	for i, w := range want {
		if !strings.Contains(out, string(rune('1'+i))+". "+w+"\n") {
			t.Errorf("the file lacks winner %d %q:\n%s", i+1, w, out)
		}
	}
	_, list, _ := strings.Cut(out, "-----BEGIN ENTRANTS-----\n")
	list, _, _ = strings.Cut(list, "-----END ENTRANTS-----")
	if list != strings.Join(contestEntrants, "\n")+"\n" {
		t.Errorf("entrants in the file:\n%s\nwant %q", list, contestEntrants)
	}
	if !strings.Contains(out, "excluded accounts: @pixelforge, @pixelforge@mastodon.social\n") {
		t.Errorf("the file does not name the brand's accounts once each:\n%s", out)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("file mode = %v (%v), want 0600", fi.Mode().Perm(), err)
	}
	if len(f.contests) != 2 || f.contests[0] != 1 {
		t.Errorf("ContestComments asked for %v, want post 1 twice", f.contests)
	}
}

func TestDrawErrors(t *testing.T) {
	tests := []struct {
		name, args string
		post       int64 // selected; 0 for the month view (no post)
		want       string
	}{
		{"no args", "", 1, "write :draw N SEED"},
		{"no seed", "3", 1, "write :draw N SEED"},
		{"N zero", "0 seed", 1, "N is how many winners"},
		{"N not a number", "trois seed", 1, "N is how many winners"},
		{"no post", "1 seed", 0, "select the contest post"},
		{"scheduled post", "1 seed", 5, "not published"},
		{"published, no comment", "1 seed", 11, "0 comment(s) cached, none qualifies"},
		{"nobody has the word", "1 seed introuvable", 1, "8 comment(s) cached, none qualifies"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := contestSource()
			f.posts[10].RemoteID = "r11"
			m := newPane(t, f, 120, 30, nil)
			m.SetReportDir(t.TempDir())
			if tt.post == 11 {
				press(t, m, "[")
			}
			if tt.post == 0 {
				press(t, m, "m")
			} else {
				selectPost(t, m, tt.post)
			}
			runDrawCmd(t, m, tt.args)
			if m.dialog != nil {
				t.Fatal("a draw box opened")
			}
			if !m.notice.bad || !strings.Contains(footerText(m), tt.want) {
				t.Errorf("footer = %q, want an error with %q", footerText(m), tt.want)
			}
		})
	}
}

// A viewer's session cannot run a draw: it is the brand's act, and it
// writes a file on the server.
func TestDrawRefusedToAViewer(t *testing.T) {
	dir := t.TempDir()
	m := newPane(t, contestSource(), 120, 30, func(c *common.Context) { c.ReadOnly = true })
	m.SetReportDir(dir)
	selectPost(t, m, 1)
	runDrawCmd(t, m, "2 seed")
	if m.dialog != nil || !m.notice.bad || !strings.Contains(footerText(m), "Read-only") {
		t.Fatalf("footer %q, dialog %v: want the read-only refusal", footerText(m), m.dialog != nil)
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Fatalf("a viewer's draw wrote %d file(s)", len(files))
	}
}

func TestDrawFileName(t *testing.T) {
	for seed, want := range map[string]string{
		"CAC40 8123,45":         "cmdeck-draw-7-CAC40-8123-45.txt",
		"../../etc/passwd":      "cmdeck-draw-7-etc-passwd.txt",
		"…":                     "cmdeck-draw-7-seed.txt",
		strings.Repeat("a", 99): "cmdeck-draw-7-" + strings.Repeat("a", maxSeedInName) + ".txt",
	} {
		if got := drawFileName(7, seed); got != want {
			t.Errorf("drawFileName(%q) = %q, want %q", seed, got, want)
		}
	}
}
