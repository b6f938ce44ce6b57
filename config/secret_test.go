package config

import (
	"context"
	"strings"
	"testing"
	"time"
)

const topSecret = "s3cr3t-T0KEN-42"

func TestSecret(t *testing.T) {
	env := func(k string) string {
		return map[string]string{"MASTODON_TOKEN": " " + topSecret + "\n", "EMPTY": "  "}[k]
	}
	path := "clients[0].accounts[1]"
	tests := []struct {
		name    string
		account Account
		want    string
		wantErr string // exact error; "" = no error
	}{
		{"none", Account{}, "", ""},
		{"inline", Account{Token: topSecret}, topSecret, ""},
		{"env", Account{TokenEnv: "MASTODON_TOKEN", path: path}, topSecret, ""},
		{"env unset", Account{TokenEnv: "OTHER_TOKEN", path: path}, "",
			"clients[0].accounts[1].token_env: OTHER_TOKEN is not set (export it, or use token_cmd to read it from a password manager)"},
		{"env blank", Account{TokenEnv: "EMPTY", path: path}, "",
			"clients[0].accounts[1].token_env: EMPTY is not set (export it, or use token_cmd to read it from a password manager)"},
		{"env without path", Account{TokenEnv: "OTHER_TOKEN"}, "",
			"token_env: OTHER_TOKEN is not set (export it, or use token_cmd to read it from a password manager)"},
		{"cmd", Account{TokenCmd: "printf '  %s\\n' " + topSecret, path: path}, topSecret, ""},
		{"cmd fails", Account{TokenCmd: "echo " + topSecret + "; echo 'vault locked\nsecond line' >&2; exit 3", path: path}, "",
			"clients[0].accounts[1].token_cmd: the command failed (exit status 3): vault locked"},
		{"cmd fails silently", Account{TokenCmd: "exit 1", path: path}, "",
			"clients[0].accounts[1].token_cmd: the command failed (exit status 1)"},
		{"cmd echoes secret on stderr", Account{TokenCmd: "echo " + topSecret + "; echo bad " + topSecret + " >&2; false", path: path}, "",
			"clients[0].accounts[1].token_cmd: the command failed (exit status 1): bad ***"},
		{"cmd prints nothing", Account{TokenCmd: "true", path: path}, "",
			"clients[0].accounts[1].token_cmd: the command printed nothing (it must print the token on stdout)"},
		{"cmd stderr control chars", Account{TokenCmd: "printf 'a\\033[31mb\\n' >&2; exit 2", path: path}, "",
			"clients[0].accounts[1].token_cmd: the command failed (exit status 2): a[31mb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.account.Secret(t.Context(), env)
			if tt.wantErr == "" {
				if err != nil || got != tt.want {
					t.Fatalf("Secret() = %q, %v; want %q", got, err, tt.want)
				}
				return
			}
			if err == nil || err.Error() != tt.wantErr {
				t.Fatalf("err = %v\nwant %s", err, tt.wantErr)
			}
			if got != "" || strings.Contains(err.Error(), topSecret) {
				t.Fatalf("secret leaked: value %q, error %v", got, err)
			}
		})
	}
}

func TestSecretCmdTimeout(t *testing.T) {
	a := Account{TokenCmd: "echo " + topSecret + "; exec sleep 30", path: "clients[0].accounts[0]"}
	_, err := a.secret(t.Context(), nil, 50*time.Millisecond)
	want := "clients[0].accounts[0].token_cmd: the command did not finish within 50ms (does it wait for a prompt?)"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %s", err, want)
	}
}

func TestSecretCmdCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := Account{TokenCmd: "echo x"}.Secret(ctx, nil)
	if err == nil || err.Error() != "token_cmd: the command was cancelled" {
		t.Fatalf("err = %v", err)
	}
}
