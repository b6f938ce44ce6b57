package config

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"strings"
	"time"
	"unicode"
)

// TokenCmdTimeout bounds a token_cmd, so a password manager waiting for a
// prompt that never comes cannot hang the start.
const TokenCmdTimeout = 10 * time.Second

// AccountPath is the key path of account ai of client ci, for messages:
// "clients[0].accounts[1]".
func (c *Config) AccountPath(ci, ai int) string {
	return fmt.Sprintf("clients[%d].accounts[%d]", ci, ai)
}

// Secret resolves the account's token: the inline token, the variable named
// by token_env (looked up with env), the trimmed stdout of token_cmd run by
// sh -c, or the trimmed content of token_file (a leading ~/ is $HOME from
// env). An account with none of them has no secret ("", nil). Errors name
// the key to fix and never hold the secret.
func (a Account) Secret(ctx context.Context, env func(string) string) (string, error) {
	return a.secret(ctx, env, TokenCmdTimeout)
}

func (a Account) secret(ctx context.Context, env func(string) string, timeout time.Duration) (string, error) {
	switch {
	case a.Token != "":
		return a.Token, nil
	case a.TokenEnv != "":
		v := ""
		if env != nil {
			v = strings.TrimSpace(env(a.TokenEnv))
		}
		if v == "" {
			return "", fmt.Errorf("%s: %s is not set (export it, or use token_cmd to read it from a password manager)",
				a.keyPath("token_env"), a.TokenEnv)
		}
		return v, nil
	case a.TokenCmd != "":
		return a.runTokenCmd(ctx, timeout)
	case a.TokenFile != "":
		return a.readTokenFile(env)
	}
	return "", nil
}

// TokenFilePath is token_file with a leading ~/ expanded ("" when unset).
func (a Account) TokenFilePath(env func(string) string) string {
	if a.TokenFile == "" {
		return ""
	}
	return expandHome(strings.TrimSpace(a.TokenFile), lookup(env, "HOME"))
}

// readTokenFile returns the token file's trimmed content. The content is
// the secret, so no error quotes it; they name the key and the path.
func (a Account) readTokenFile(env func(string) string) (string, error) {
	path := a.TokenFilePath(env)
	key := a.keyPath("token_file")
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("%s: %s does not exist (check the path, or create it with: cmdeck account add mastodon --server URL)", key, path)
	case err != nil:
		return "", fmt.Errorf("%s: cannot read %s: %v (it must be a file you may read: chmod 600 %s)", key, path, unwrapPath(err), path)
	}
	token := strings.TrimSpace(string(data))
	if token == "" {
		return "", fmt.Errorf("%s: %s is empty (it must hold the token; create it again with: cmdeck account add mastodon --server URL)", key, path)
	}
	return token, nil
}

// runTokenCmd runs token_cmd and returns its trimmed stdout. Stdout is the
// secret, so it never appears in an error, and neither does the command
// line (someone may have written "echo <token>").
func (a Account) runTokenCmd(ctx context.Context, timeout time.Duration) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "sh", "-c", a.TokenCmd)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// A grandchild that keeps the pipes open must not outlive the timeout.
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	out := strings.TrimSpace(stdout.String())
	path := a.keyPath("token_cmd")
	switch {
	case ctx.Err() == context.DeadlineExceeded:
		return "", fmt.Errorf("%s: the command did not finish within %s (does it wait for a prompt?)", path, timeout)
	case ctx.Err() != nil:
		return "", fmt.Errorf("%s: the command was cancelled", path)
	case err != nil:
		return "", fmt.Errorf("%s: the command failed (%s)%s", path, exitStatus(err), stderrHint(stderr.String(), out))
	case out == "":
		return "", fmt.Errorf("%s: the command printed nothing (it must print the token on stdout)%s", path, stderrHint(stderr.String(), out))
	}
	return out, nil
}

// exitStatus describes how the command ended without exposing its output.
func exitStatus(err error) string {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ProcessState.String() // "exit status 1", "signal: killed"
	}
	return "could not start sh"
}

// stderrHint is ": <first line of stderr>", cleaned of control characters,
// shortened, and with the secret masked should the command echo it there.
func stderrHint(stderr, secret string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(stderr), "\n")
	if secret != "" {
		line = strings.ReplaceAll(line, secret, "***")
	}
	line = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
			return -1
		}
		return r
	}, strings.TrimSpace(line))
	if r := []rune(line); len(r) > 160 {
		line = string(r[:160]) + "…"
	}
	if line == "" {
		return ""
	}
	return ": " + line
}

// keyPath is the account's key path plus key, or just key for an account
// that was not loaded from a file.
func (a Account) keyPath(key string) string {
	if a.path == "" {
		return key
	}
	return a.path + "." + key
}
