package tui

// DetectHyperlinks reports whether the terminal described by the
// environment draws OSC 8 hyperlinks (rather than printing their
// payload). getenv reads that terminal's environment: the process's for a
// local deck, the SSH session's for a served one.
func DetectHyperlinks(getenv func(string) string) bool {
	return false // TODO(remote helper): detect from TERM, TERM_PROGRAM, VTE_VERSION…
}

// LocalOpener returns the command that opens a link on this machine's
// display (xdg-open under X11/Wayland, open on macOS), or nil when there is
// no display to open it on (an SSH login without forwarding).
func LocalOpener(getenv func(string) string) func(url string) error {
	return nil // TODO(remote helper)
}
