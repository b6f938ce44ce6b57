package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"cmdeck/config"
	"cmdeck/core"
	"cmdeck/engine"
)

// maxHooks is how many notify.on_alert commands may run at once. A burst
// of alerts with a slow webhook must not pile up processes: beyond this,
// an alert's command is skipped (and logged); the alert itself is stored
// and shown in the deck all the same.
const maxHooks = 4

// hookWaitDelay is how long a finished or killed command's output pipes may
// stay open (a child it left behind) before Wait gives up on them.
const hookWaitDelay = 2 * time.Second

// alertHook runs notify.on_alert for each alert the engine raises, with the
// alert as JSON on its standard input. The engine calls OnAlert from a
// goroutine of its own; the hook still bounds how many run at once.
type alertHook struct {
	command string
	timeout time.Duration
	names   map[int64]string // client id → display name, for the JSON
	deck    string           // the command that opens the deck on this workspace
	log     *slog.Logger
	slots   chan struct{}
	// run starts the command: runShell, or a fake in tests.
	run func(ctx context.Context, command string, stdin []byte) error
}

// newAlertHook builds the hook of ws's config, nil when on_alert is unset.
func newAlertHook(ws *Workspace) *alertHook {
	cmd := strings.TrimSpace(ws.Config.Notify.OnAlert)
	if cmd == "" {
		return nil
	}
	names := map[int64]string{}
	for _, c := range ws.Clients {
		names[c.ID] = c.Name
	}
	return &alertHook{command: cmd, timeout: ws.Config.AlertTimeout(), names: names,
		deck: deckCommand(ws.Config), log: ws.Logger, slots: make(chan struct{}, maxHooks), run: runShell}
}

// deckCommand is how to open the deck on this workspace, for the JSON: a
// script may offer it as the notification's action.
func deckCommand(cfg *config.Config) string {
	if cfg.Path == "" {
		return "cmdeck"
	}
	return "cmdeck --config " + shellQuote(cfg.Path)
}

// shellQuote quotes s for sh.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// alertJSON is what on_alert reads on stdin. The field names are an
// interface: scripts depend on them.
type alertJSON struct {
	ID         int64     `json:"id"`
	Client     string    `json:"client"`      // slug
	ClientName string    `json:"client_name"` // display name
	Rule       string    `json:"rule"`
	Severity   string    `json:"severity"` // info, warning or critical
	Title      string    `json:"title"`
	Items      int       `json:"items"` // messages in the alert so far
	At         time.Time `json:"at"`    // RFC 3339, UTC
	// Deck opens the deck on this workspace; the alert is in its Alerts
	// pane (key 3).
	Deck string `json:"deck"`
}

func (h *alertHook) payload(n engine.AlertNotice) ([]byte, error) {
	name := h.names[n.ClientID]
	if name == "" {
		name = n.ClientSlug
	}
	return json.Marshal(alertJSON{
		ID: n.ID, Client: core.SanitizeLine(n.ClientSlug), ClientName: core.SanitizeLine(name),
		Rule: core.SanitizeLine(n.Rule), Severity: string(n.Severity), Title: core.SanitizeLine(n.Title),
		Items: n.ItemCount, At: n.At.UTC(), Deck: h.deck,
	})
}

// OnAlert is engine.Options.OnAlert: it runs the command for one alert,
// unless maxHooks already run. Its output is discarded; a failure is
// logged by its exit status only, since the command (which may hold a
// webhook token) and its output must not reach the log.
func (h *alertHook) OnAlert(ctx context.Context, n engine.AlertNotice) {
	select {
	case h.slots <- struct{}{}:
	default:
		h.log.Warn("on_alert skipped: "+strconv.Itoa(maxHooks)+" already running", "alert", n.ID)
		return
	}
	defer func() { <-h.slots }()
	stdin, err := h.payload(n)
	if err != nil {
		h.log.Error("on_alert: encoding the alert", "alert", n.ID, "err", err.Error())
		return
	}
	// ctx is the engine's: a command still running when cmdeck stops is
	// killed with it.
	runCtx, cancel := context.WithTimeout(ctx, h.timeout)
	defer cancel()
	if err := h.run(runCtx, h.command, stdin); err != nil {
		h.log.Warn("on_alert failed: "+hookFailure(runCtx, err, h.timeout), "alert", n.ID)
	}
}

// hookFailure says why a command failed without quoting it or its output:
// "exit 1", "timed out after 10s", "killed by signal: terminated".
func hookFailure(ctx context.Context, err error, timeout time.Duration) string {
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return "timed out after " + timeout.String()
	case ctx.Err() != nil:
		return "stopped with cmdeck"
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		if code := exit.ExitCode(); code >= 0 {
			return fmt.Sprintf("exit %d", code)
		}
		return "killed by " + exit.ProcessState.String()
	}
	var execErr *exec.Error
	if errors.As(err, &execErr) {
		return "cannot start sh: " + execErr.Err.Error()
	}
	return "could not run the command"
}

// runShell runs command with sh -c, stdin as its input and its output
// discarded, killed when ctx ends.
func runShell(ctx context.Context, command string, stdin []byte) error {
	cmd := exec.CommandContext(ctx, "sh", "-c", command)
	cmd.Stdin = bytes.NewReader(stdin)
	cmd.WaitDelay = hookWaitDelay
	return cmd.Run()
}
