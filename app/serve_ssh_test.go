package app

import (
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/creack/pty"

	"cmdeck/serve/servetest"
)

// TestServeWithTheSystemSSHClient is what a person types: OpenSSH's ssh,
// in a real pseudo-terminal, against `cmdeck serve`.
func TestServeWithTheSystemSSHClient(t *testing.T) {
	sshPath, err := exec.LookPath("ssh")
	if err != nil {
		t.Skip("no ssh client on this machine (.ci/run installs openssh-client): the system-ssh test is skipped")
	}
	s := startServe(t, nil)
	dir := t.TempDir()

	cmd := exec.Command(sshPath, sshArgs(t, s.addr, writeKey(t, dir, s.crew.carla))...)
	cmd.Env = []string{"HOME=" + dir, "TERM=xterm-256color", "PATH=" + os.Getenv("PATH")} // no agent: only the key given
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 80, Rows: 24})
	if err != nil {
		t.Fatal(err)
	}
	defer ptmx.Close()
	screen := servetest.NewDisplay(t, 80, 24, ptmx, ptmx)
	defer screen.Close()
	screen.WaitFor("[1 Inbox]", within)
	screen.Type("q")
	if err := waitCmd(cmd); err != nil {
		t.Fatalf("ssh after q: %v, want exit 0:\n%s", err, screen.Text())
	}

	// A key that is not authorized is refused the way ssh says it.
	refused := exec.Command(sshPath, append(sshArgs(t, s.addr, writeKey(t, dir, s.crew.eve)), "true")...)
	refused.Env = cmd.Env
	out, err := refused.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 255 || !strings.Contains(string(out), "Permission denied") {
		t.Fatalf("an unauthorized key: %v, %q; want exit 255 and Permission denied", err, out)
	}
}

// sshArgs connect to addr with key only, trusting the new host key and
// recording nothing, without reading the user's ssh config.
func sshArgs(t *testing.T, addr, key string) []string {
	t.Helper()
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	return []string{"-F", "/dev/null", "-p", port, "-i", key, "-o", "IdentitiesOnly=yes",
		"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
		"-o", "LogLevel=ERROR", "-tt", host}
}

// writeKey writes key's private half where ssh -i reads it (0600, or ssh
// refuses it).
func writeKey(t *testing.T, dir string, key servetest.Key) string {
	t.Helper()
	path := filepath.Join(dir, strings.NewReplacer(":", "_", "/", "_", "+", "_").Replace(key.Fingerprint))
	if err := os.WriteFile(path, key.PEM, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// waitCmd waits for cmd, at most within.
func waitCmd(cmd *exec.Cmd) error {
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	if !servetest.Eventually(within, func() bool { return len(done) > 0 }) {
		_ = cmd.Process.Kill()
		return errors.New("still running")
	}
	return <-done
}
