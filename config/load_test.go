package config

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// fakeEnv is an env func over a map; HOME points into a temp dir so no test
// ever reads the real user's files.
func fakeEnv(t *testing.T, vars map[string]string) func(string) string {
	t.Helper()
	m := map[string]string{"HOME": t.TempDir()}
	for k, v := range vars {
		m[k] = v
	}
	return func(k string) string { return m[k] }
}

// writeConfig writes body to a private config file and returns its path.
func writeConfig(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

const minimal = `
language: fr
clients:
  - slug: pixelforge
    accounts:
      - provider: demo
        handle: "@pixelforge"
`

func TestLoadDemoWhenNoFile(t *testing.T) {
	env := fakeEnv(t, nil)
	c, warns, err := Load(Options{Env: env, Known: knownProviders})
	if err != nil {
		t.Fatal(err)
	}
	if !c.Demo || c.Path != "" || len(c.Clients) != 0 || len(warns) != 0 {
		t.Fatalf("got Demo=%v Path=%q clients=%d warns=%v; want demo with no clients", c.Demo, c.Path, len(c.Clients), warns)
	}
	if c.SyncInterval != DefaultSyncInterval || c.UndoWindow != DefaultUndoWindow || c.Language != "" || c.Timezone != "" {
		t.Fatalf("defaults not applied: %+v", c)
	}
	if got, want := c.DBPath(env), filepath.Join(env("HOME"), ".local/share/cmdeck/demo.db"); got != want {
		t.Fatalf("DBPath = %q, want %q", got, want)
	}
}

func TestLoadDemoStillHonorsEnvAndFlags(t *testing.T) {
	env := fakeEnv(t, map[string]string{"CMDECK_LANGUAGE": "fr", "CMDECK_DB": "/env.db"})
	c, _, err := Load(Options{Env: env, DB: "/flag.db"})
	if err != nil {
		t.Fatal(err)
	}
	if !c.Demo || c.Language != "fr" || c.DB != "/flag.db" {
		t.Fatalf("got Demo=%v Language=%q DB=%q", c.Demo, c.Language, c.DB)
	}
}

func TestLoadReadsXDGFile(t *testing.T) {
	xdg := t.TempDir()
	p := filepath.Join(xdg, "cmdeck", "config.yaml")
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(minimal), 0o600); err != nil {
		t.Fatal(err)
	}
	c, _, err := Load(Options{Env: fakeEnv(t, map[string]string{"XDG_CONFIG_HOME": xdg}), Known: knownProviders})
	if err != nil {
		t.Fatal(err)
	}
	if c.Demo || c.Path != p || len(c.Clients) != 1 || c.Clients[0].Name != "pixelforge" {
		t.Fatalf("got Demo=%v Path=%q clients=%+v", c.Demo, c.Path, c.Clients)
	}
}

func TestLoadMissingNamedFile(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope.yaml")
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"--config", Options{File: missing},
			"config file " + missing + ": no such file; create it from config.example.yaml or drop --config"},
		{"CMDECK_CONFIG", Options{Env: func(k string) string {
			if k == "CMDECK_CONFIG" {
				return missing
			}
			return ""
		}}, "config file " + missing + ": no such file; create it from config.example.yaml or unset CMDECK_CONFIG"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, err := Load(tt.opts)
			if err == nil || err.Error() != tt.want || c != nil {
				t.Fatalf("err = %v, want %q (config %v)", err, tt.want, c)
			}
		})
	}
}

func TestLoadUnreadableFile(t *testing.T) {
	dir := t.TempDir() // a directory is not a file
	_, _, err := Load(Options{File: dir})
	if err == nil || !strings.HasPrefix(err.Error(), "config file "+dir+": cannot read it") {
		t.Fatalf("err = %v", err)
	}
}

func TestLoadPrecedence(t *testing.T) {
	file := writeConfig(t, `
language: en
timezone: Europe/Paris
sync_interval: 1m
undo_window: 10s
db: /file.db
cm: {name: Camille, agency: Hirondelle}
`)
	tests := []struct {
		name  string
		env   map[string]string
		opts  Options
		check func(c *Config) string
	}{
		{"file beats defaults", nil, Options{}, func(c *Config) string {
			return diff(c.Language, "en") + diff(c.SyncInterval.String(), "1m0s") + diff(c.UndoWindow.String(), "10s") + diff(c.CM.Name, "Camille")
		}},
		{"env beats file", map[string]string{
			"CMDECK_LANGUAGE": "fr", "CMDECK_TIMEZONE": "America/Montreal", "CMDECK_SYNC_INTERVAL": "2m",
			"CMDECK_UNDO_WINDOW": "3s", "CMDECK_DB": "/env.db", "CMDECK_CM_NAME": "Léa",
		}, Options{}, func(c *Config) string {
			return diff(c.Language, "fr") + diff(c.Timezone, "America/Montreal") + diff(c.SyncInterval.String(), "2m0s") +
				diff(c.UndoWindow.String(), "3s") + diff(c.DB, "/env.db") + diff(c.CM.Name, "Léa") + diff(c.CM.Agency, "Hirondelle")
		}},
		{"flag beats env", map[string]string{"CMDECK_LANGUAGE": "fr", "CMDECK_DB": "/env.db"},
			Options{Lang: "en", DB: "/flag.db"}, func(c *Config) string {
				return diff(c.Language, "en") + diff(c.DB, "/flag.db")
			}},
		{"empty env is unset", map[string]string{"CMDECK_LANGUAGE": " "}, Options{}, func(c *Config) string {
			return diff(c.Language, "en")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.File, tt.opts.Env = file, fakeEnv(t, tt.env)
			c, _, err := Load(tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if d := tt.check(c); d != "" {
				t.Fatal(d)
			}
		})
	}
}

func diff(got, want string) string {
	if got == want {
		return ""
	}
	return "got " + got + ", want " + want + "; "
}

// TestLoadProblemsNameWhere checks that a validation problem points at the
// file line, env var or flag its value came from.
func TestLoadProblemsNameWhere(t *testing.T) {
	file := writeConfig(t, "language: de\nsync_interval: 2s\nclients:\n  - slug: Bad Slug\n")
	tests := []struct {
		name string
		env  map[string]string
		opts Options
		want []Problem
	}{
		{"file lines", nil, Options{}, []Problem{
			{Path: "language", Where: file + ":1"},
			{Path: "sync_interval", Where: file + ":2"},
			{Path: "clients[0].slug", Where: file + ":4"},
		}},
		{"env and flag", map[string]string{"CMDECK_LANGUAGE": "xx", "CMDECK_SYNC_INTERVAL": "1s"}, Options{Lang: "de"}, []Problem{
			{Path: "language", Where: "--lang"},
			{Path: "sync_interval", Where: "CMDECK_SYNC_INTERVAL"},
			{Path: "clients[0].slug", Where: file + ":4"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.File, tt.opts.Env = file, fakeEnv(t, tt.env)
			_, _, err := Load(tt.opts)
			var ve *ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) != len(tt.want) {
				t.Fatalf("err = %v", err)
			}
			for i, w := range tt.want {
				if g := ve.Problems[i]; g.Path != w.Path || g.Where != w.Where {
					t.Errorf("problem %d: got %s at %q, want %s at %q", i, g.Path, g.Where, w.Path, w.Where)
				}
			}
		})
	}
}

func TestLoadBadEnvDuration(t *testing.T) {
	env := fakeEnv(t, map[string]string{"CMDECK_SYNC_INTERVAL": "often"})
	_, _, err := Load(Options{Env: env})
	want := "configuration has a problem:\n  CMDECK_SYNC_INTERVAL: sync_interval: \"often\" is not a duration (write e.g. 30s, 2m or 1h30m)"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v\nwant %s", err, want)
	}
}

func TestLoadValidatesKeyActionsAndProviders(t *testing.T) {
	file := writeConfig(t, minimal+"keys:\n  inbox.repyl: [r]\n")
	_, _, err := Load(Options{File: file, Env: fakeEnv(t, nil), Known: []string{"mastodon"}, KeyActions: []string{"inbox.reply"}})
	assertProblems(t, err, []Problem{
		{Path: "keys.inbox.repyl", Message: `unknown action "inbox.repyl" (did you mean "inbox.reply"?)`},
		{Path: "clients[0].accounts[0].provider", Message: `unknown provider "demo" (known: mastodon)`},
	})
}

func TestLoadKeepsUserMapKeysAsWritten(t *testing.T) {
	file := writeConfig(t, `
keys:
  inbox.Reply: R
  inbox.done: [d, "ctrl+d"]
  next.item: ","
clients:
  - slug: pixelforge
    accounts:
      - provider: mastodon
        handle: "@pf"
        settings:
          instanceURL: https://mastodon.social
          port: 443
`)
	c, _, err := Load(Options{File: file, Env: fakeEnv(t, nil)})
	if err != nil {
		t.Fatal(err)
	}
	keys := c.Keys
	if len(keys) != 3 || strings.Join(keys["inbox.Reply"], " ") != "R" ||
		strings.Join(keys["inbox.done"], " ") != "d ctrl+d" || strings.Join(keys["next.item"], " ") != "," {
		t.Fatalf("keys = %#v", keys)
	}
	s := c.Clients[0].Accounts[0].Settings
	if s["instanceURL"] != "https://mastodon.social" || s["port"] != "443" || len(s) != 2 {
		t.Fatalf("settings = %#v", s)
	}
}

func TestLoadYAMLAnchorsAndMerge(t *testing.T) {
	file := writeConfig(t, `
base: &demo
  provider: demo
clients:
  - slug: a
    accounts:
      - <<: *demo
        handle: "@a"
`)
	// "base" is not a config key: anchors must live inside known keys.
	_, _, err := Load(Options{File: file, Env: fakeEnv(t, nil)})
	assertProblems(t, err, []Problem{{Path: "base", Message: `unknown key (valid keys here: language, timezone, sync_interval, undo_window, db, cm, keys, clients, saved_filters, reply_templates, tags, calendar, rules, rules_files, notify, serve, pipes, display)`}})

	file = writeConfig(t, `
clients:
  - slug: a
    accounts:
      - &acc {provider: demo, handle: "@a", settings: {Region: eu}}
      - <<: *acc
        handle: "@b"
`)
	c, _, err := Load(Options{File: file, Env: fakeEnv(t, nil), Known: knownProviders})
	if err != nil {
		t.Fatal(err)
	}
	b := c.Clients[0].Accounts[1]
	if b.Provider != "demo" || b.Handle != "@b" || b.Settings["Region"] != "eu" {
		t.Fatalf("merged account = %+v", b)
	}
}

func TestLoadSetsAccountPathsAndNames(t *testing.T) {
	file := writeConfig(t, minimal+"  - slug: fournil\n    name: Le Fournil\n    accounts:\n      - {provider: demo, handle: \"@f\", token_env: FOURNIL_TOKEN}\n")
	c, _, err := Load(Options{File: file, Env: fakeEnv(t, nil)})
	if err != nil {
		t.Fatal(err)
	}
	if c.Clients[0].Name != "pixelforge" || c.Clients[1].Name != "Le Fournil" {
		t.Fatalf("names = %q, %q", c.Clients[0].Name, c.Clients[1].Name)
	}
	_, err = c.Clients[1].Accounts[0].Secret(t.Context(), func(string) string { return "" })
	if err == nil || !strings.HasPrefix(err.Error(), "clients[1].accounts[0].token_env: FOURNIL_TOKEN is not set") {
		t.Fatalf("err = %v", err)
	}
}

func TestLoadDurationsFromFile(t *testing.T) {
	file := writeConfig(t, "sync_interval: 1m30s\nundo_window: 2s\n")
	c, _, err := Load(Options{File: file, Env: fakeEnv(t, nil)})
	if err != nil {
		t.Fatal(err)
	}
	if c.SyncInterval != 90*time.Second || c.UndoWindow != 2*time.Second {
		t.Fatalf("got %v %v", c.SyncInterval, c.UndoWindow)
	}
}

func TestLoadExampleFile(t *testing.T) {
	c, warns, err := Load(Options{File: "../config.example.yaml", Env: fakeEnv(t, nil), Known: []string{"demo", "mastodon"}})
	if err != nil {
		t.Fatalf("config.example.yaml: %v", err)
	}
	if err := c.Validate([]string{"demo", "mastodon"}); err != nil {
		t.Fatalf("config.example.yaml: %v", err)
	}
	if c.Demo || len(c.Clients) < 2 || c.Timezone != "Europe/Paris" || c.Language != "fr" || len(c.Keys) == 0 || c.CM.Name == "" {
		t.Fatalf("example is not realistic enough: %+v", c)
	}
	if len(c.Filters()) == 0 || len(c.TagList()) == 0 || !slices.ContainsFunc(c.Templates(), func(t Template) bool { return t.Client != "" }) {
		t.Fatalf("example lacks saved filters, tags or a client's saved reply: %+v %v %+v", c.Filters(), c.TagList(), c.Templates())
	}
	if len(c.Clients[0].Accounts[0].QueueSlots()) == 0 || c.LateLimit() != DefaultLateLimit || c.Calendar.LateLimit == "" {
		t.Fatalf("example lacks queue slots or the late limit: %q %q", c.Clients[0].Accounts[0].Slots, c.Calendar.LateLimit)
	}
	for _, w := range warns {
		if strings.Contains(w, "no clients") {
			t.Fatalf("unexpected warning %q", w)
		}
	}
}
