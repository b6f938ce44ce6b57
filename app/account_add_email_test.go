package app

import (
	"context"
	"errors"
	"strings"
	"testing"

	"cmdeck/i18n"
)

func TestAccountAddEmailRefusesBadFlagsBeforeConnecting(t *testing.T) {
	for name, o := range map[string]AccountAddEmail{
		"plain to a remote host": {IMAP: "mail.example.test:143", SMTP: "mail.example.test:25", TLS: "none", Username: "a@example.test"},
		"bad client slug":        {IMAP: "m:993", SMTP: "m:465", Username: "a@example.test", Client: "Le Fournil"},
		"no imap":                {SMTP: "m:465", Username: "a@example.test"},
	} {
		err := RunAccountAddEmail(context.Background(), o, i18n.New(i18n.EN))
		var ce *ConfigError
		if !errors.As(err, &ce) {
			t.Errorf("%s: %v, want a *ConfigError", name, err)
		}
	}
}

// The block names where the password is read, after the handle, and never
// the password itself.
func TestAccountBlockNamesTheTokenEnv(t *testing.T) {
	got, err := accountYAML("fournil", accountEntry{Provider: "email", Handle: "contact@fournil.test",
		TokenEnv: "FOURNIL_MAIL", Settings: map[string]string{"imap": "m:993"}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "        handle: contact@fournil.test\n        token_env: FOURNIL_MAIL\n        settings:") {
		t.Errorf("block:\n%s", got)
	}
}

func TestAccountAddEmailClientSlug(t *testing.T) {
	if got := (AccountAddEmail{Username: "contact@le-fournil.fr"}).clientSlug(); got != "le-fournil" {
		t.Errorf("slug %q", got)
	}
}
