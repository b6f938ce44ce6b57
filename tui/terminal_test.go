package tui

import (
	"errors"
	"os/exec"
	"runtime"
	"slices"
	"testing"
)

// fixedEnv is a fixed environment for getenv.
func fixedEnv(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

func TestDetectHyperlinks(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want bool
	}{
		{"nothing known", nil, false},
		{"plain xterm", map[string]string{"TERM": "xterm-256color"}, false},
		{"GNU screen", map[string]string{"TERM": "screen-256color"}, false},
		{"linux console", map[string]string{"TERM": "linux"}, false},
		{"dumb", map[string]string{"TERM": "dumb"}, false},
		{"dumb wins over the program", map[string]string{"TERM": "dumb", "TERM_PROGRAM": "iTerm.app"}, false},
		{"iTerm2", map[string]string{"TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app"}, true},
		{"WezTerm program", map[string]string{"TERM_PROGRAM": "WezTerm"}, true},
		{"VS Code", map[string]string{"TERM_PROGRAM": "vscode"}, true},
		{"Ghostty program", map[string]string{"TERM_PROGRAM": "ghostty"}, true},
		{"Hyper", map[string]string{"TERM_PROGRAM": "Hyper"}, true},
		{"Apple Terminal", map[string]string{"TERM": "xterm-256color", "TERM_PROGRAM": "Apple_Terminal"}, false},
		{"VTE 0.50", map[string]string{"TERM": "xterm-256color", "VTE_VERSION": "5000"}, true},
		{"VTE 0.76", map[string]string{"VTE_VERSION": "7600"}, true},
		{"old VTE", map[string]string{"VTE_VERSION": "4803"}, false},
		{"VTE garbage", map[string]string{"VTE_VERSION": "new"}, false},
		{"kitty", map[string]string{"TERM": "xterm-kitty"}, true},
		{"alacritty", map[string]string{"TERM": "alacritty"}, true},
		{"foot", map[string]string{"TERM": "foot-extra"}, true},
		{"wezterm TERM", map[string]string{"TERM": "wezterm"}, true},
		{"ghostty TERM", map[string]string{"TERM": "xterm-ghostty"}, true},
		{"Konsole", map[string]string{"TERM": "xterm-256color", "KONSOLE_VERSION": "230804"}, true},
		{"Windows Terminal", map[string]string{"WT_SESSION": "f00"}, true},
		{"tmux in kitty", map[string]string{"TERM": "screen-256color", "TMUX": "/tmp/tmux-0/default,1,0", "KITTY_WINDOW_ID": "1"}, false},
		{"tmux in VTE", map[string]string{"TERM": "tmux-256color", "TMUX": "/tmp/tmux", "VTE_VERSION": "7600"}, true},
		{"forced on", map[string]string{"TERM": "xterm", "CMDECK_HYPERLINKS": "1"}, true},
		{"forced on in dumb", map[string]string{"TERM": "dumb", "CMDECK_HYPERLINKS": "1"}, true},
		{"forced off", map[string]string{"TERM": "xterm-kitty", "CMDECK_HYPERLINKS": "0"}, false},
		{"unknown force ignored", map[string]string{"TERM": "xterm-kitty", "CMDECK_HYPERLINKS": "yes"}, true},
	}
	for _, tt := range tests {
		if got := DetectHyperlinks(fixedEnv(tt.env)); got != tt.want {
			t.Errorf("%s: DetectHyperlinks = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// starts records what an opener would have run.
type starts struct{ got [][]string }

func (s *starts) start(name, arg string) error {
	s.got = append(s.got, []string{name, arg})
	return nil
}

// lookPathIn finds only the programs in have, in /usr/bin.
func lookPathIn(have ...string) func(string) (string, error) {
	return func(name string) (string, error) {
		if slices.Contains(have, name) {
			return "/usr/bin/" + name, nil
		}
		return "", exec.ErrNotFound
	}
}

func TestLocalOpener(t *testing.T) {
	tests := []struct {
		name  string
		goos  string
		env   map[string]string
		path  []string
		wants string // the program run; "" = no opener
	}{
		{"linux over SSH, no display", "linux", map[string]string{"SSH_CONNECTION": "1 2 3 4"}, []string{"xdg-open"}, ""},
		{"linux console", "linux", nil, []string{"xdg-open"}, ""},
		{"X11", "linux", map[string]string{"DISPLAY": ":0"}, []string{"xdg-open"}, "/usr/bin/xdg-open"},
		{"Wayland", "linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, []string{"xdg-open"}, "/usr/bin/xdg-open"},
		{"X forwarded over SSH", "linux", map[string]string{"DISPLAY": "localhost:10.0", "SSH_TTY": "/dev/pts/1"}, []string{"xdg-open"}, "/usr/bin/xdg-open"},
		{"display without xdg-open", "linux", map[string]string{"DISPLAY": ":0"}, nil, ""},
		{"FreeBSD desktop", "freebsd", map[string]string{"DISPLAY": ":0"}, []string{"xdg-open"}, "/usr/bin/xdg-open"},
		{"macOS", "darwin", nil, []string{"open"}, "/usr/bin/open"},
		{"macOS over SSH", "darwin", map[string]string{"SSH_CONNECTION": "1 2 3 4"}, []string{"open"}, ""},
		{"macOS over SSH (tty)", "darwin", map[string]string{"SSH_TTY": "/dev/ttys001"}, []string{"open"}, ""},
		{"macOS over SSH with X", "darwin", map[string]string{"SSH_TTY": "/dev/ttys001", "DISPLAY": "localhost:10.0"}, []string{"open"}, "/usr/bin/open"},
		{"Windows", "windows", map[string]string{"DISPLAY": ":0"}, []string{"xdg-open", "open"}, ""},
	}
	const link = "https://chirper.example/@pixelforge/1"
	for _, tt := range tests {
		s := &starts{}
		open := localOpener(tt.goos, fixedEnv(tt.env), lookPathIn(tt.path...), s.start)
		if tt.wants == "" {
			if open != nil {
				t.Errorf("%s: an opener, want none", tt.name)
			}
			continue
		}
		if open == nil {
			t.Errorf("%s: no opener", tt.name)
			continue
		}
		if err := open(link); err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
		if want := [][]string{{tt.wants, link}}; !slices.EqualFunc(s.got, want, slices.Equal) {
			t.Errorf("%s: ran %q, want %q", tt.name, s.got, want)
		}
	}
}

// Only web and mail links reach the opener, as one argument; anything
// else is refused before any process starts.
func TestLocalOpenerRefusesOtherLinks(t *testing.T) {
	s := &starts{}
	open := localOpener("linux", fixedEnv(map[string]string{"DISPLAY": ":0"}), lookPathIn("xdg-open"), s.start)
	for _, bad := range []string{"file:///etc/passwd", "javascript:alert(1)", "-e http://x", "https://a b", "smb://host/share", ""} {
		if err := open(bad); !errors.Is(err, errNotWebLink) {
			t.Errorf("open(%q) = %v, want refused", bad, err)
		}
	}
	if len(s.got) != 0 {
		t.Fatalf("started %q", s.got)
	}
	if err := open("mailto:contact@example.com"); err != nil || len(s.got) != 1 || s.got[0][1] != "mailto:contact@example.com" {
		t.Fatalf("mailto: %v, ran %q", err, s.got)
	}
}

// The real LocalOpener in a session with no display at all: none, on
// every system but macOS (whose open needs no variable).
func TestLocalOpenerWithoutDisplay(t *testing.T) {
	if runtime.GOOS == "darwin" {
		t.Skip("macOS opens without a display variable")
	}
	if LocalOpener(fixedEnv(map[string]string{"SSH_CONNECTION": "1 2 3 4", "TERM": "xterm"})) != nil {
		t.Fatal("an opener without a display")
	}
}

// startDetached starts the program and does not wait for it; a program
// that is not there is an error.
func TestStartDetached(t *testing.T) {
	bin, err := exec.LookPath("true")
	if err != nil {
		t.Skip("no true(1) here")
	}
	if err := startDetached(bin, "https://example.com"); err != nil {
		t.Fatalf("startDetached: %v", err)
	}
	if err := startDetached("/nonexistent/cmdeck-opener", "https://example.com"); err == nil {
		t.Fatal("a missing program started")
	}
}
