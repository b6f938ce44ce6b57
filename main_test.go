package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cmdeck/app"
)

// TestBadConfigIsAConfigError checks that every kind of config mistake ends
// as a *app.ConfigError (exit code 2) with a message naming the problem.
func TestBadConfigIsAConfigError(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	t.Setenv("CMDECK_TEST_UNSET_TOKEN", "")
	t.Setenv("CMDECK_TEST_SET_TOKEN", "not-a-real-token")
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"missing file", []string{"--config", filepath.Join(dir, "nope.yaml"), "config", "check"}, "no such file"},
		{"typo", []string{"--config", write("typo.yaml", "clients:\n  - slug: a\n    name: A\n    acounts: []\n"), "config", "check"}, `did you mean "accounts"`},
		{"unknown provider", []string{"--config", write("prov.yaml", "clients:\n  - slug: a\n    name: A\n    accounts:\n      - provider: mastdon\n        handle: x\n"), "config", "check"}, `unknown provider "mastdon"`},
		{"unreadable secret", []string{"--config", write("sec.yaml", "clients:\n  - slug: a\n    name: A\n    accounts:\n      - provider: demo\n        handle: x\n        token_env: CMDECK_TEST_UNSET_TOKEN\n"), "sync", "--once"}, "CMDECK_TEST_UNSET_TOKEN"},
		{"network setting missing", []string{"--config", write("srv.yaml", "clients:\n  - slug: a\n    name: A\n    accounts:\n      - provider: mastodon\n        handle: \"@a@example.social\"\n        token_env: CMDECK_TEST_SET_TOKEN\n"), "sync", "--once"}, `clients[0].accounts[0]: mastodon: setting "server" is required`},
		{"bad yaml", []string{"--config", write("yaml.yaml", "language: fr\n  x: [\n"), "config", "check"}, "YAML"},
		{"bad language flag", []string{"--lang", "de", "config", "check"}, "language"},
		{"account add without a server", []string{"account", "add", "mastodon"}, "--server is required"},
		{"account add, bad client", []string{"account", "add", "mastodon", "--server", "m.example", "--client", "Le Fournil"}, "a client slug holds only"},
		{"unreadable token file", []string{"--config", write("tf.yaml", "clients:\n  - slug: a\n    name: A\n    accounts:\n      - provider: demo\n        handle: x\n        token_file: "+filepath.Join(dir, "none.token")+"\n"), "sync", "--once"}, "token_file: " + filepath.Join(dir, "none.token") + " does not exist"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := newRoot()
			var out bytes.Buffer
			root.SetOut(&out)
			root.SetErr(&out)
			root.SetArgs(c.args)
			err := root.Execute()
			var ce *app.ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v (%T), want a *app.ConfigError", err, err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %q, want it to mention %q", err, c.want)
			}
		})
	}
}

func TestVersionPrints(t *testing.T) {
	root := newRoot()
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetArgs([]string{"version"})
	if err := root.Execute(); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "cmdeck ") {
		t.Fatalf("version output %q", out.String())
	}
}

// `cmdeck accounts` lists the workspace's accounts; --json is for scripts.
func TestAccountsCommand(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	cfg := filepath.Join(dir, "c.yaml")
	if err := os.WriteFile(cfg, []byte("clients:\n  - slug: a\n    name: A\n    accounts:\n      - provider: demo\n        handle: \"@a\"\n        network: Chirper\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--config", cfg, "accounts"}, "never synced"},
		{[]string{"--config", cfg, "accounts", "--json"}, `"state": "never-synced"`},
	} {
		root := newRoot()
		var out bytes.Buffer
		root.SetOut(&out)
		root.SetErr(&out)
		root.SetArgs(tt.args)
		if err := root.Execute(); err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		if !strings.Contains(out.String(), tt.want) || !strings.Contains(out.String(), "@a") {
			t.Errorf("%v: output %q lacks %q", tt.args, out.String(), tt.want)
		}
	}
}

// `cmdeck daemon` exists and its help names --log, the one flag a service
// unit needs to know about.
func TestDaemonCommandHelp(t *testing.T) {
	root := newRoot()
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&out)
	root.SetArgs([]string{"daemon", "--help"})
	if err := root.Execute(); err != nil {
		t.Fatal(err)
	}
	help := out.String()
	for _, want := range []string{"cmdeck daemon [flags]", "--log FILE", "SIGTERM"} {
		if !strings.Contains(help, want) {
			t.Errorf("daemon --help lacks %q:\n%s", want, help)
		}
	}
}

// A --log file that cannot be written is a mistake in the command line:
// exit code 2, naming the file, before anything runs.
func TestDaemonBadLogFile(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	root := newRoot()
	root.SetOut(&bytes.Buffer{})
	root.SetErr(&bytes.Buffer{})
	bad := filepath.Join(blocker, "daemon.log") // under a file: cannot exist
	root.SetArgs([]string{"daemon", "--log", bad})
	err := root.Execute()
	var ce *app.ConfigError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), bad) {
		t.Fatalf("err = %v, want a *app.ConfigError naming %s", err, bad)
	}
}

// `cmdeck rules test` dry-runs a client's rules over what sync cached, and
// a wrong client is a configuration error naming the known ones.
func TestRulesTestCommand(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	cfg := filepath.Join(dir, "c.yaml")
	body := "clients:\n  - slug: a\n    name: A\n    accounts:\n      - provider: demo\n        handle: \"@a\"\n        network: Chirper\n" +
		"    rules:\n      - name: negative\n        type: sentiment\n"
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (string, error) {
		root := newRoot()
		var out bytes.Buffer
		root.SetOut(&out)
		root.SetErr(&out)
		root.SetArgs(append([]string{"--config", cfg}, args...))
		err := root.Execute()
		return out.String(), err
	}
	if _, err := run("sync", "--once"); err != nil {
		t.Fatal(err)
	}
	out, err := run("rules", "test", "--client", "a", "--since", "30d")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "messages checked") || !strings.Contains(out, "negative") {
		t.Errorf("rules test output:\n%s", out)
	}
	out, err = run("rules", "test", "--client", "a", "--json")
	if err != nil || !strings.Contains(out, `"client": "a"`) {
		t.Errorf("--json: %v\n%s", err, out)
	}
	_, err = run("rules", "test", "--client", "b")
	var ce *app.ConfigError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), `unknown client "b" (known: a)`) {
		t.Errorf("unknown client: err = %v", err)
	}
}

// `cmdeck report --help` and `cmdeck draw --help` list their flags.
func TestReportAndDrawHelp(t *testing.T) {
	for cmd, flags := range map[string][]string{
		"report": {"--client", "--month YYYY-MM", "--format", "-o, --output", "--lang"},
		"draw":   {"--post ID", "--winners", "--seed", "--deadline", "--must-contain", "--exclude-brand", "-o, --output"},
	} {
		root := newRoot()
		var out bytes.Buffer
		root.SetOut(&out)
		root.SetErr(&out)
		root.SetArgs([]string{cmd, "--help"})
		if err := root.Execute(); err != nil {
			t.Fatal(err)
		}
		for _, want := range append(flags, "cmdeck "+cmd+" [flags]") {
			if !strings.Contains(out.String(), want) {
				t.Errorf("%s --help lacks %q:\n%s", cmd, want, out.String())
			}
		}
	}
}

// A bad month or a missing seed is a configuration error (exit code 2),
// reported before any database is needed.
func TestReportAndDrawFlagMistakes(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	for _, args := range [][]string{
		{"report", "--client", "fournil", "--month", "october"},
		{"report", "--client", "fournil", "--month", "2026-10", "--format", "pdf"},
		{"draw", "--post", "1"},
	} {
		root := newRoot()
		root.SetOut(&bytes.Buffer{})
		root.SetErr(&bytes.Buffer{})
		root.SetArgs(args)
		err := root.Execute()
		var ce *app.ConfigError
		if !errors.As(err, &ce) || strings.Contains(err.Error(), "no database") {
			t.Errorf("%q: err = %v, want a *app.ConfigError about the flags", args, err)
		}
	}
}
