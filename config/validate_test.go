package config

import (
	"errors"
	"strings"
	"testing"
	"time"
)

var knownProviders = []string{"demo", "mastodon"}

// validConfig is a configuration that passes Validate; each case breaks one
// thing in a copy.
func validConfig() *Config {
	return &Config{
		Language:     "fr",
		Timezone:     "Europe/Paris",
		SyncInterval: 30 * time.Second,
		UndoWindow:   5 * time.Second,
		Keys:         map[string][]string{"inbox.reply": {"r"}},
		Clients: []Client{
			{Slug: "pixelforge", Name: "PixelForge", Color: "#7C3AED", Accounts: []Account{
				{Provider: "demo", Handle: "@pixelforge"},
				{Provider: "mastodon", Handle: "@pf@mastodon.social", TokenEnv: "MASTODON_TOKEN"},
			}},
			{Slug: "fournil", Name: "Le Fournil", Accounts: []Account{
				{Provider: "demo", Handle: "@lefournil"},
			}},
		},
	}
}

func TestValidateAcceptsValidConfig(t *testing.T) {
	if err := validConfig().ValidateWith(knownProviders, []string{"inbox.reply"}); err != nil {
		t.Fatalf("valid config rejected: %v", err)
	}
	empty := &Config{SyncInterval: DefaultSyncInterval, UndoWindow: DefaultUndoWindow}
	if err := empty.Validate(nil); err != nil {
		t.Fatalf("empty config with defaults rejected: %v", err)
	}
}

func TestValidateProblems(t *testing.T) {
	tests := []struct {
		name    string
		actions []string
		breakIt func(c *Config)
		want    []Problem
	}{
		{"language", nil, func(c *Config) { c.Language = "de" },
			[]Problem{{Path: "language", Message: `unknown language "de" (use en or fr, or leave it empty to follow LANG)`}}},
		{"language typo", nil, func(c *Config) { c.Language = "fn" },
			[]Problem{{Path: "language", Message: `unknown language "fn" (did you mean "en"? use en or fr, or leave it empty to follow LANG)`}}},
		{"timezone", nil, func(c *Config) { c.Timezone = "Europe/Pariss" },
			[]Problem{{Path: "timezone", Message: `unknown time zone "Europe/Pariss" (use an IANA name such as Europe/Paris, or leave it empty for the system zone)`}}},
		{"sync too short", nil, func(c *Config) { c.SyncInterval = 2 * time.Second },
			[]Problem{{Path: "sync_interval", Message: "2s is too short (use 5s or more, e.g. 30s or 2m)"}}},
		{"undo zero", nil, func(c *Config) { c.UndoWindow = 0 },
			[]Problem{{Path: "undo_window", Message: "0s must be positive (e.g. 5s; it is how long you can undo a reply)"}}},
		{"undo negative", nil, func(c *Config) { c.UndoWindow = -time.Second },
			[]Problem{{Path: "undo_window", Message: "-1s must be positive (e.g. 5s; it is how long you can undo a reply)"}}},
		{"slug missing", nil, func(c *Config) { c.Clients[1].Slug = "" },
			[]Problem{{Path: "clients[1].slug", Message: `required (a short id such as "le-fournil")`}}},
		{"slug missing no name", nil, func(c *Config) { c.Clients[1].Slug, c.Clients[1].Name = "", "" },
			[]Problem{{Path: "clients[1].slug", Message: `required (a short id such as "client-2")`}}},
		{"slug charset", nil, func(c *Config) { c.Clients[0].Slug = "Café Lumière" },
			[]Problem{{Path: "clients[0].slug", Message: `"Café Lumière" may only hold a-z, 0-9 and - (e.g. "cafe-lumiere")`}}},
		{"slug trailing dash", nil, func(c *Config) { c.Clients[0].Slug = "pixel-" },
			[]Problem{{Path: "clients[0].slug", Message: `"pixel-" may only hold a-z, 0-9 and - (e.g. "pixel")`}}},
		{"slug duplicate", nil, func(c *Config) { c.Clients[1].Slug = "pixelforge" },
			[]Problem{{Path: "clients[1].slug", Message: `"pixelforge" is already used by clients[0] (slugs must be unique)`}}},
		{"color", nil, func(c *Config) { c.Clients[0].Color = "purple" },
			[]Problem{{Path: "clients[0].color", Message: `"purple" is not a color (use #RRGGBB in quotes, e.g. "#7C3AED")`}}},
		{"short color", nil, func(c *Config) { c.Clients[0].Color = "#FFF" },
			[]Problem{{Path: "clients[0].color", Message: `"#FFF" is not a color (use #RRGGBB in quotes, e.g. "#7C3AED")`}}},
		{"provider typo", nil, func(c *Config) { c.Clients[1].Accounts[0].Provider = "mastdon" },
			[]Problem{{Path: "clients[1].accounts[0].provider", Message: `unknown provider "mastdon" (did you mean "mastodon"? known: demo, mastodon)`}}},
		{"provider unknown", nil, func(c *Config) { c.Clients[1].Accounts[0].Provider = "myspace" },
			[]Problem{{Path: "clients[1].accounts[0].provider", Message: `unknown provider "myspace" (known: demo, mastodon)`}}},
		{"provider missing", nil, func(c *Config) { c.Clients[0].Accounts[1].Provider = "" },
			[]Problem{{Path: "clients[0].accounts[1].provider", Message: "required (known: demo, mastodon)"}}},
		{"handle missing", nil, func(c *Config) { c.Clients[0].Accounts[0].Handle = "" },
			[]Problem{{Path: "clients[0].accounts[0].handle", Message: "required (the account's name on the network, e.g. @pixelforge)"}}},
		{"account twice", nil, func(c *Config) { c.Clients[0].Accounts[1] = c.Clients[0].Accounts[0] },
			[]Problem{{Path: "clients[0].accounts[1]", Message: "demo @pixelforge is listed twice (also accounts[0]; keep one)"}}},
		{"two secrets", nil, func(c *Config) { c.Clients[0].Accounts[1].Token = "s3cr3t" },
			[]Problem{{Path: "clients[0].accounts[1]", Message: "token and token_env are exclusive: keep one"}}},
		{"three secrets", nil, func(c *Config) {
			c.Clients[0].Accounts[1].Token, c.Clients[0].Accounts[1].TokenCmd = "s3cr3t", "pass show x"
		}, []Problem{{Path: "clients[0].accounts[1]", Message: "token and token_env and token_cmd are exclusive: keep one"}}},
		{"token_env and token_file", nil, func(c *Config) { c.Clients[0].Accounts[1].TokenFile = "~/t.token" },
			[]Problem{{Path: "clients[0].accounts[1]", Message: "token_env and token_file are exclusive: keep one"}}},
		{"blank token_file", nil, func(c *Config) {
			c.Clients[0].Accounts[1].TokenEnv, c.Clients[0].Accounts[1].TokenFile = "", "  "
		}, []Problem{{Path: "clients[0].accounts[1].token_file", Message: "must name a file that holds the token (e.g. ~/.config/cmdeck/tokens/me@mastodon.social.token)"}}},
		{"token in token_env", nil, func(c *Config) { c.Clients[0].Accounts[1].TokenEnv = "abc-123.s3cr3t" },
			[]Problem{{Path: "clients[0].accounts[1].token_env", Message: "must name an environment variable (letters, digits and _, e.g. MASTODON_TOKEN), not hold the token itself"}}},
		{"unknown action", []string{"inbox.reply", "inbox.done"}, func(c *Config) { c.Keys["inbox.repyl"] = []string{"x"} },
			[]Problem{{Path: "keys.inbox.repyl", Message: `unknown action "inbox.repyl" (did you mean "inbox.reply"?)`}}},
		{"unknown action far", []string{"inbox.reply"}, func(c *Config) { c.Keys["launch.rocket"] = []string{"x"} },
			[]Problem{{Path: "keys.launch.rocket", Message: `unknown action "launch.rocket" (press ? in cmdeck to see the action names)`}}},
		{"actions unchecked when nil", nil, func(c *Config) { c.Keys["launch.rocket"] = []string{"x"} }, nil},
		{"no keys", nil, func(c *Config) { c.Keys["inbox.reply"] = nil },
			[]Problem{{Path: "keys.inbox.reply", Message: `no key given (list at least one, e.g. ["ctrl+r"])`}}},
		{"empty key", nil, func(c *Config) { c.Keys["inbox.reply"] = []string{"r", " "} },
			[]Problem{{Path: "keys.inbox.reply[1]", Message: `empty key (write a key such as "r", "ctrl+r" or "space")`}}},
		{"all at once", nil, func(c *Config) {
			c.Language = "de"
			c.Clients[0].Color = "red"
			c.Clients[1].Accounts[0].Provider = "mastdon"
		}, []Problem{
			{Path: "language", Message: `unknown language "de" (use en or fr, or leave it empty to follow LANG)`},
			{Path: "clients[0].color", Message: `"red" is not a color (use #RRGGBB in quotes, e.g. "#7C3AED")`},
			{Path: "clients[1].accounts[0].provider", Message: `unknown provider "mastdon" (did you mean "mastodon"? known: demo, mastodon)`},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validConfig()
			tt.breakIt(c)
			err := c.ValidateWith(knownProviders, tt.actions)
			assertProblems(t, err, tt.want)
		})
	}
}

func TestValidateUnknownProviderSkippedWithoutRegistry(t *testing.T) {
	c := validConfig()
	c.Clients[0].Accounts[0].Provider = "anything"
	if err := c.Validate(nil); err != nil {
		t.Fatalf("provider names checked without a registry: %v", err)
	}
}

func TestValidationErrorNeverQuotesSecrets(t *testing.T) {
	c := validConfig()
	a := &c.Clients[0].Accounts[1]
	a.Token, a.TokenEnv, a.TokenCmd = "tok-SECRET-1", "tok SECRET 2", "echo tok-SECRET-3"
	err := c.Validate(knownProviders)
	if err == nil {
		t.Fatal("want an error")
	}
	if strings.Contains(err.Error(), "SECRET") {
		t.Fatalf("error leaks a secret: %v", err)
	}
}

func TestValidationErrorText(t *testing.T) {
	e := &ValidationError{File: "/c/config.yaml", Problems: []Problem{
		{Path: "language", Message: "bad", Where: "CMDECK_LANGUAGE"},
		{Path: "clients[0].slug", Message: "required", Where: "/c/config.yaml:7"},
		{Path: "timezone", Message: "unknown"},
	}}
	want := "config file /c/config.yaml has 3 problems:\n" +
		"  CMDECK_LANGUAGE: language: bad\n" +
		"  /c/config.yaml:7: clients[0].slug: required\n" +
		"  timezone: unknown"
	if got := e.Error(); got != want {
		t.Fatalf("Error() =\n%s\nwant\n%s", got, want)
	}
	one := &ValidationError{Problems: e.Problems[2:]}
	if got, want := one.Error(), "configuration has a problem:\n  timezone: unknown"; got != want {
		t.Fatalf("Error() = %q, want %q", got, want)
	}
}

// assertProblems checks err is a *ValidationError holding exactly want
// (paths and messages; Where is checked by the Load tests).
func assertProblems(t *testing.T, err error, want []Problem) {
	t.Helper()
	if len(want) == 0 {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error = %v (%T), want *ValidationError", err, err)
	}
	if len(ve.Problems) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%v", len(ve.Problems), len(want), err)
	}
	for i, w := range want {
		g := ve.Problems[i]
		if g.Path != w.Path || g.Message != w.Message {
			t.Errorf("problem %d:\n got  %s\n want %s", i, g, w)
		}
	}
}
