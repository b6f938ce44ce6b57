package tui

import (
	"errors"
	"os/exec"
	"runtime"
	"strconv"
	"strings"

	"cmdeck/tui/common"
)

// vteHyperlinks is the first VTE (GNOME Terminal, Tilix…) drawing them:
// 0.50, which reports VTE_VERSION 5000.
const vteHyperlinks = 5000

// DetectHyperlinks reports whether the terminal described by the
// environment draws OSC 8 hyperlinks (rather than printing their
// payload). getenv reads that terminal's environment: the process's for a
// local deck, the SSH session's for a served one. CMDECK_HYPERLINKS=0 or 1
// forces the answer; a terminal not known to draw them gets plain text,
// which is always readable.
func DetectHyperlinks(getenv func(string) string) bool {
	switch getenv("CMDECK_HYPERLINKS") {
	case "0":
		return false
	case "1":
		return true
	}
	term := getenv("TERM")
	if term == "dumb" || term == "linux" {
		return false
	}
	// GNU screen may print what it does not know; tmux (which sets $TMUX)
	// passes the link on or drops it, so the outer terminal decides.
	if strings.HasPrefix(term, "screen") && getenv("TMUX") == "" {
		return false
	}
	return knownHyperlinkTerminal(getenv, term)
}

// OverSSH reports that the deck runs in an SSH session (ssh sets these
// for the remote shell): its frames then cross a network, which is when
// the low-bandwidth mode pays (config's display.low_bandwidth: auto).
func OverSSH(getenv func(string) string) bool {
	return getenv("SSH_CONNECTION") != "" || getenv("SSH_TTY") != ""
}

// knownHyperlinkTerminal recognizes a terminal that draws OSC 8 from the
// variables it sets.
func knownHyperlinkTerminal(getenv func(string) string, term string) bool {
	switch getenv("TERM_PROGRAM") {
	case "iTerm.app", "WezTerm", "vscode", "ghostty", "Hyper":
		return true
	}
	// These terminals set their own TERM (xterm-kitty, foot-extra,
	// xterm-ghostty…), and TERM is what an SSH client passes on.
	for _, t := range []string{"kitty", "alacritty", "foot", "wezterm", "ghostty"} {
		if strings.Contains(term, t) {
			return true
		}
	}
	if v, err := strconv.Atoi(getenv("VTE_VERSION")); err == nil && v >= vteHyperlinks {
		return true
	}
	return getenv("KONSOLE_VERSION") != "" || getenv("WT_SESSION") != ""
}

// errNotWebLink refuses a link that is not http(s) or mailto: a file: or
// custom-scheme link from a network must not start programs here.
var errNotWebLink = errors.New("only web and mail links are opened")

// LocalOpener returns the command that opens a link on this machine's
// display (xdg-open under X11/Wayland, open on macOS), or nil when there is
// no display to open it on (an SSH login without forwarding).
func LocalOpener(getenv func(string) string) func(url string) error {
	return localOpener(runtime.GOOS, getenv, exec.LookPath, startDetached)
}

// localOpener is LocalOpener for a given system, with the PATH lookup and
// the process start injected so tests run nothing.
func localOpener(goos string, getenv func(string) string, lookPath func(string) (string, error),
	start func(name, arg string) error) func(url string) error {
	name := openerName(goos, getenv)
	if name == "" {
		return nil
	}
	path, err := lookPath(name)
	if err != nil {
		return nil
	}
	return func(url string) error {
		link, ok := common.WebLink(url)
		if !ok {
			return errNotWebLink
		}
		return start(path, link)
	}
}

// openerName is the program that opens links on goos's display, "" when
// there is no display: a Linux or BSD session without X11 or Wayland, or
// a macOS one reached over SSH without X forwarding (open would show the
// page on the Mac's own screen, to nobody).
func openerName(goos string, getenv func(string) string) string {
	display := getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != ""
	switch goos {
	case "darwin":
		overSSH := getenv("SSH_CONNECTION") != "" || getenv("SSH_TTY") != ""
		if overSSH && !display {
			return ""
		}
		return "open"
	case "linux", "freebsd", "openbsd", "netbsd", "dragonfly":
		if !display {
			return ""
		}
		return "xdg-open"
	}
	return ""
}

// startDetached starts name with arg as its one argument (never through a
// shell) and reaps it in the background: the deck does not wait for the
// browser. Its output goes nowhere, so nothing it prints lands on the
// deck's screen.
func startDetached(name, arg string) error {
	cmd := exec.Command(name, arg)
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }()
	return nil
}
