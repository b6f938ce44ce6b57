package app

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cmdeck/config"
	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/store"
)

var healthNow = time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)

// sampleHealth: one account fine, one whose token was refused, one in
// backoff, one never synced.
func sampleHealth() []store.AccountHealth {
	acct := func(slug, handle, provider string) core.Account {
		return core.Account{ClientSlug: slug, Provider: provider, Network: provider, Handle: handle}
	}
	return []store.AccountHealth{
		{Account: acct("fournil", "@lefournil@m.social", "mastodon"), ClientName: "Le Fournil",
			LastSuccess: healthNow.Add(-5 * time.Minute), RateRemaining: 287, RateReset: healthNow.Add(20 * time.Minute)},
		{Account: acct("fournil", "@old@m.social", "mastodon"), ClientName: "Le Fournil",
			LastSuccess: healthNow.Add(-26 * time.Hour), LastError: "mastodon: 401: The access token is invalid",
			ErrorClass: "auth", Failures: 4, BackoffUntil: healthNow.Add(time.Hour), RateRemaining: -1},
		{Account: acct("pixelforge", "@pixelforge", "demo"), ClientName: "PixelForge",
			LastSuccess: healthNow.Add(-2 * time.Hour), LastError: "dial tcp: i/o timeout", ErrorClass: "transient",
			Failures: 2, BackoffUntil: healthNow.Add(35 * time.Minute), RateRemaining: -1},
		{Account: acct("pixelforge", "@new", "demo"), ClientName: "PixelForge", RateRemaining: -1},
	}
}

// The table: one aligned row per account, then how to re-authorize the
// refused one, with the server its config names.
func TestWriteAccountsTable(t *testing.T) {
	var out bytes.Buffer
	servers := map[string]string{accountKey(core.Account{ClientSlug: "fournil", Provider: "mastodon", Handle: "@old@m.social"}): "https://m.social"}
	err := WriteAccounts(&out, i18n.New(i18n.EN), sampleHealth(), AccountsView{Now: healthNow, Loc: time.UTC, Servers: servers})
	if err != nil {
		t.Fatal(err)
	}
	want := "" +
		"CLIENT      ACCOUNT              NETWORK   LAST OK  STATE                RATE LIMIT       LAST ERROR\n" +
		"Le Fournil  @lefournil@m.social  mastodon  5m       ok                   287 until 09:50\n" +
		"Le Fournil  @old@m.social        mastodon  1d       re-authorize         –                mastodon: 401: The access token is invalid\n" +
		"PixelForge  @pixelforge          demo      2h       backoff until 10:05  –                dial tcp: i/o timeout\n" +
		"PixelForge  @new                 demo      –        never synced         –\n" +
		"\n" +
		"re-authorize @old@m.social: cmdeck account add mastodon --server https://m.social\n"
	if out.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", out.String(), want)
	}
}

// --json: stable names, null for what never happened or is unknown, the
// fix for the refused token.
func TestWriteAccountsJSON(t *testing.T) {
	var out bytes.Buffer
	if err := WriteAccounts(&out, i18n.New(i18n.EN), sampleHealth(), AccountsView{Now: healthNow, JSON: true}); err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out.String())
	}
	if len(rows) != 4 {
		t.Fatalf("%d rows", len(rows))
	}
	checks := []struct {
		row   int
		field string
		want  any
	}{
		{0, "state", "ok"}, {0, "rate_remaining", 287.0}, {0, "last_success", "2026-11-24T09:25:00Z"},
		{0, "client", "fournil"}, {0, "client_name", "Le Fournil"}, {0, "account", "@lefournil@m.social"},
		{1, "state", "reauthorize"}, {1, "error_class", "auth"}, {1, "failures", 4.0},
		{1, "reauthorize", "cmdeck account add mastodon --server https://m.social"},
		{2, "state", "backoff"}, {2, "backoff_until", "2026-11-24T10:05:00Z"}, {2, "rate_remaining", nil},
		{3, "state", "never-synced"}, {3, "last_success", nil}, {3, "last_error", ""},
	}
	for _, c := range checks {
		if got := rows[c.row][c.field]; got != c.want {
			t.Errorf("row %d %s = %#v, want %#v", c.row, c.field, got, c.want)
		}
	}
	if _, ok := rows[0]["reauthorize"]; ok {
		t.Errorf("a healthy account has a reauthorize command")
	}
}

// `cmdeck accounts` on a workspace: the configured accounts are listed,
// never synced until the engine ran, without reading any secret.
func TestRunAccountsListsTheConfiguredAccounts(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "config.yaml")
	body := "db: " + filepath.Join(dir, "ws.db") + "\nclients:\n  - slug: fournil\n    name: Le Fournil\n    accounts:\n" +
		"      - provider: mastodon\n        handle: \"@lefournil@m.social\"\n        token_env: CMDECK_TEST_UNSET\n" +
		"        settings: {server: https://m.social}\n"
	if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, _, err := config.Load(config.Options{File: file, Env: func(string) string { return "" }, Known: ProviderNames()})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := RunAccounts(context.Background(), cfg, false, &out, i18n.New(i18n.FR)); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "CLIENT") || !strings.Contains(lines[1], "@lefournil@m.social") ||
		!strings.Contains(lines[1], "jamais synchronisé") {
		t.Fatalf("output:\n%s", out.String())
	}
	out.Reset()
	if err := RunAccounts(context.Background(), cfg, true, &out, i18n.New(i18n.EN)); err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	if err := json.Unmarshal(out.Bytes(), &rows); err != nil || len(rows) != 1 || rows[0]["state"] != "never-synced" {
		t.Fatalf("json %v: %s", err, out.String())
	}
}
