package app

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cmdeck/config"
	"cmdeck/core"
	"cmdeck/engine"
)

// testHook is a hook for cmd whose log goes to the returned buffer.
func testHook(cmd string, timeout time.Duration) (*alertHook, *lockedBuffer) {
	logs := &lockedBuffer{}
	ws := &Workspace{
		Config:  &config.Config{Path: "/home/cm/my config.yaml", Notify: config.Notify{OnAlert: cmd, OnAlertTimeout: timeout}},
		Clients: []core.Client{{ID: 7, Slug: "pixelforge", Name: "PixelForge Studio"}},
		Logger:  slog.New(slog.NewTextHandler(logs, nil)),
	}
	return newAlertHook(ws), logs
}

func testNotice() engine.AlertNotice {
	return engine.AlertNotice{ID: 42, ClientID: 7, ClientSlug: "pixelforge", Rule: "pic-négatif",
		Severity: core.SeverityCritical, Title: "pic-négatif — pixelforge: 12/h vs 0.8/h\x1b[2J", ItemCount: 12,
		At: time.Date(2026, 11, 24, 9, 14, 0, 0, time.FixedZone("CET", 3600))}
}

// The command gets the alert as JSON on stdin, with the fields scripts
// rely on, the title cleaned of terminal escapes.
func TestOnAlertGetsTheAlertAsJSON(t *testing.T) {
	out := filepath.Join(t.TempDir(), "alert.json")
	h, logs := testHook("cat > "+shellQuote(out), 5*time.Second)
	h.OnAlert(context.Background(), testNotice())
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("the command did not run: %v (log: %s)", err, logs)
	}
	var got map[string]any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("stdin %q: %v", data, err)
	}
	want := map[string]any{
		"id": 42.0, "client": "pixelforge", "client_name": "PixelForge Studio", "rule": "pic-négatif",
		"severity": "critical", "title": "pic-négatif — pixelforge: 12/h vs 0.8/h", "items": 12.0,
		"at": "2026-11-24T08:14:00Z", "deck": "cmdeck --config '/home/cm/my config.yaml'",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %#v, want %#v", k, got[k], v)
		}
	}
	if logs.String() != "" {
		t.Errorf("a command that worked logged %q", logs)
	}
}

// A failing command is logged by its exit status only: the command may
// hold a webhook token, its output anything.
func TestOnAlertFailureLogsNoSecret(t *testing.T) {
	h, logs := testHook("echo SECRET-OUTPUT; echo >&2 SECRET-ERR; curl_fake_T0KEN=1 exit 3", 5*time.Second)
	h.OnAlert(context.Background(), testNotice())
	log := logs.String()
	if !strings.Contains(log, "on_alert failed: exit 3") {
		t.Errorf("log %q lacks the exit status", log)
	}
	for _, secret := range []string{"T0KEN", "SECRET", "echo"} {
		if strings.Contains(log, secret) {
			t.Errorf("log %q quotes the command or its output (%s)", log, secret)
		}
	}
}

func TestOnAlertTimeout(t *testing.T) {
	h, logs := testHook("exec sleep 30", 50*time.Millisecond)
	h.OnAlert(context.Background(), testNotice())
	if !strings.Contains(logs.String(), "on_alert failed: timed out after 50ms") {
		t.Errorf("log %q, want a timeout", logs)
	}
}

// At most maxHooks commands run at once; an alert beyond is skipped with a
// log line instead of piling up processes.
func TestOnAlertBoundsConcurrency(t *testing.T) {
	h, logs := testHook("true", time.Second)
	started, release := make(chan struct{}), make(chan struct{})
	h.run = func(ctx context.Context, _ string, _ []byte) error {
		started <- struct{}{}
		<-release
		return nil
	}
	done := make(chan struct{})
	for range maxHooks {
		go func() { h.OnAlert(context.Background(), testNotice()); done <- struct{}{} }()
		<-started
	}
	h.OnAlert(context.Background(), testNotice()) // returns at once: every slot is taken
	if !strings.Contains(logs.String(), "on_alert skipped: 4 already running") {
		t.Errorf("log %q, want the skipped alert", logs)
	}
	close(release)
	for range maxHooks {
		<-done
	}
	// Slots are given back: the next alert runs.
	ran := false
	h.run = func(context.Context, string, []byte) error { ran = true; return nil }
	h.OnAlert(context.Background(), testNotice())
	if !ran {
		t.Error("after the others finished, the next alert did not run")
	}
}

func TestNoHookWithoutCommand(t *testing.T) {
	if h, _ := testHook("  ", time.Second); h != nil {
		t.Fatal("a blank on_alert built a hook")
	}
}

func TestDeckCommand(t *testing.T) {
	if got := deckCommand(&config.Config{Demo: true}); got != "cmdeck" {
		t.Errorf("demo: %q", got)
	}
	if got := deckCommand(&config.Config{Path: "/x/it's.yaml"}); got != `cmdeck --config '/x/it'\''s.yaml'` {
		t.Errorf("quoted path: %q", got)
	}
}

// The engine gets the config's rules, and the hook only when there is a
// command to run.
func TestRunnerOptionsWireRulesAndHook(t *testing.T) {
	ws := openDemo(t, core.NewManualClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)))
	opts := ws.runnerOptions("test", nil)
	if opts.Rules == nil || opts.Rules != ws.Config.RuleSet() {
		t.Errorf("Rules = %v, want the config's set", opts.Rules)
	}
	if opts.OnAlert != nil {
		t.Error("OnAlert set without notify.on_alert")
	}
	ws.Config.Notify.OnAlert = "true"
	if ws.runnerOptions("test", nil).OnAlert == nil {
		t.Error("OnAlert not set with notify.on_alert")
	}
}
