package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeToken writes a token file with mode and returns its path.
func writeToken(t *testing.T, dir, name, body string, mode os.FileMode) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
	return p
}

// A token file's trimmed content is the secret; ~/ is the HOME env gives.
func TestSecretTokenFile(t *testing.T) {
	home := t.TempDir()
	env := func(k string) string { return map[string]string{"HOME": home}[k] }
	full := writeToken(t, home, "me.token", "\n  "+topSecret+"  \n", 0o600)
	writeToken(t, home, "empty.token", " \n\t\n", 0o600)
	dir := filepath.Join(home, "a-dir")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := "clients[0].accounts[1]"
	tests := []struct {
		name    string
		file    string
		want    string
		wantErr string
	}{
		{"absolute", full, topSecret, ""},
		{"tilde", "~/me.token", topSecret, ""},
		{"missing", "~/nope.token", "",
			"clients[0].accounts[1].token_file: " + filepath.Join(home, "nope.token") +
				" does not exist (check the path, or create it with: cmdeck account add mastodon --server URL)"},
		{"empty", "~/empty.token", "",
			"clients[0].accounts[1].token_file: " + filepath.Join(home, "empty.token") +
				" is empty (it must hold the token; create it again with: cmdeck account add mastodon --server URL)"},
		{"unreadable", dir, "",
			"clients[0].accounts[1].token_file: cannot read " + dir + ": is a directory (it must be a file you may read: chmod 600 " + dir + ")"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Account{TokenFile: tt.file, path: path}.Secret(t.Context(), env)
			if tt.wantErr == "" {
				if err != nil || got != tt.want {
					t.Fatalf("Secret() = %q, %v; want %q", got, err, tt.want)
				}
				return
			}
			if err == nil || err.Error() != tt.wantErr {
				t.Fatalf("err = %v\nwant %s", err, tt.wantErr)
			}
			if got != "" {
				t.Fatalf("a failed read returned %q", got)
			}
		})
	}
}

// A token file others may read gets the config file's kind of warning,
// naming the account's key and the chmod that fixes it.
func TestWarnReadableTokenFile(t *testing.T) {
	for _, tt := range []struct {
		name string
		mode os.FileMode
		warn bool
	}{
		{"private", 0o600, false},
		{"group-readable", 0o640, true},
		{"world-readable", 0o644, true},
		{"owner read-only", 0o400, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			env := fakeEnv(t, nil)
			tok := writeToken(t, env("HOME"), "me.token", topSecret, tt.mode)
			file := writeConfig(t, "clients:\n  - slug: a\n    accounts:\n      - provider: mastodon\n        handle: \"@a\"\n        token_file: ~/me.token\n")
			_, warns, err := Load(Options{File: file, Env: env})
			if err != nil {
				t.Fatal(err)
			}
			want := "clients[0].accounts[0].token_file: " + tok + " is readable by others and holds a token: chmod 600 " + tok
			switch {
			case tt.warn && (len(warns) != 1 || warns[0] != want):
				t.Fatalf("warnings = %q\nwant [%s]", warns, want)
			case !tt.warn && len(warns) != 0:
				t.Fatalf("warnings = %q, want none", warns)
			}
			for _, w := range warns {
				if strings.Contains(w, topSecret) {
					t.Fatalf("warning leaks the token: %q", w)
				}
			}
		})
	}
}

// token_file is a known key of an account, and loads as written.
func TestLoadTokenFile(t *testing.T) {
	env := fakeEnv(t, nil)
	file := writeConfig(t, "clients:\n  - slug: a\n    accounts:\n      - provider: mastodon\n        handle: \"@a\"\n        token_file: ~/t.token\n        settings: {server: https://m.example}\n")
	c, _, err := Load(Options{File: file, Env: env})
	if err != nil {
		t.Fatal(err)
	}
	a := c.Clients[0].Accounts[0]
	if a.TokenFile != "~/t.token" || a.TokenFilePath(env) != filepath.Join(env("HOME"), "t.token") {
		t.Fatalf("token_file %q → %q", a.TokenFile, a.TokenFilePath(env))
	}
}
