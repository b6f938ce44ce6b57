package config

import (
	"os"
	"strings"
	"testing"
)

func TestWarnReadableSecret(t *testing.T) {
	const account = "clients:\n  - slug: a\n    accounts:\n      - provider: mastodon\n        handle: \"@a\"\n"
	tests := []struct {
		name string
		body string
		mode os.FileMode
		warn bool
	}{
		{"inline token, world-readable", account + "        token: abc\n", 0o644, true},
		{"inline token, group-readable", account + "        token: abc\n", 0o640, true},
		{"inline token, private", account + "        token: abc\n", 0o600, false},
		{"secret setting, readable", account + "        settings: {client_secret: xyz}\n", 0o644, true},
		{"harmless setting, readable", account + "        settings: {instance: https://m.social}\n", 0o644, false},
		{"token_env, readable", account + "        token_env: A_TOKEN\n", 0o644, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := writeConfig(t, tt.body)
			if err := os.Chmod(file, tt.mode); err != nil {
				t.Fatal(err)
			}
			_, warns, err := Load(Options{File: file, Env: fakeEnv(t, nil)})
			if err != nil {
				t.Fatal(err)
			}
			want := "config.yaml is readable by others and holds a token: chmod 600 " + file
			got := len(warns) == 1 && strings.HasPrefix(warns[0], want)
			if got != tt.warn || (!tt.warn && len(warns) != 0) {
				t.Fatalf("warnings = %q, want warning: %v", warns, tt.warn)
			}
			for _, w := range warns {
				if strings.Contains(w, "abc") || strings.Contains(w, "xyz") {
					t.Fatalf("warning leaks the secret: %q", w)
				}
			}
		})
	}
}
