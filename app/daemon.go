package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"cmdeck/config"
	"cmdeck/core"
	"cmdeck/engine"
)

// DaemonMode names the daemon in the lease owner ("host:pid:daemon"), so
// the deck can say who syncs and the calendar who published a post.
const DaemonMode = "daemon"

// DaemonOptions are the inputs of RunDaemon besides the configuration.
type DaemonOptions struct {
	// LogFile receives the log (appended, created private); "" sends it
	// to Stderr, where systemd's journal collects it.
	LogFile string
	Stderr  io.Writer
}

// RunDaemon is `cmdeck daemon`: the engine without the deck — sync, the
// outbox, scheduled and recurring posts, missed-post alerts — until ctx
// ends (SIGTERM or SIGINT in main). It then releases the lease and returns
// nil, so the service manager sees a clean stop.
func RunDaemon(ctx context.Context, cfg *config.Config, o DaemonOptions) error {
	out, closeLog, err := daemonLog(o)
	if err != nil {
		return err
	}
	defer closeLog()
	ws, err := Open(ctx, cfg, Options{LogTo: out})
	if err != nil {
		return err
	}
	defer ws.Close()
	return ws.Daemon(ctx)
}

// daemonLog opens where the daemon's log goes, and how to close it.
func daemonLog(o DaemonOptions) (io.Writer, func(), error) {
	if o.LogFile == "" {
		if o.Stderr == nil {
			return os.Stderr, func() {}, nil
		}
		return o.Stderr, func() {}, nil
	}
	if err := os.MkdirAll(filepath.Dir(o.LogFile), 0o700); err != nil {
		return nil, nil, &ConfigError{Err: fmt.Errorf("--log %s: %w", o.LogFile, err)}
	}
	f, err := os.OpenFile(o.LogFile, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, nil, &ConfigError{Err: fmt.Errorf("--log %s: %w (name a file you may write)", o.LogFile, err)}
	}
	return f, func() { _ = f.Close() }, nil
}

// Daemon runs the engine on this workspace as the daemon until ctx ends.
// When another process holds the lease (a deck, another daemon), the
// engine waits and takes over once that process stops or its lease runs
// out; the log says which. Closing the runner releases the lease.
func (w *Workspace) Daemon(ctx context.Context) error {
	d := daemonEvents{log: w.Logger}
	runner, err := w.NewRunner(DaemonMode, d.event)
	if err != nil {
		return err
	}
	w.Logger.Info("daemon: starting", "owner", runner.Owner(), "db", w.DBPath,
		"accounts", len(w.Accounts), "demo", w.Config.Demo, "zone", zoneText(w.Config),
		"late_limit", lateLimitText(w.Config))
	runErr := runner.Run(ctx)
	if err := runner.Close(); err != nil {
		w.Logger.Error("daemon: releasing the lease", "err", err.Error())
	}
	if runErr != nil && !errors.Is(runErr, context.Canceled) {
		w.Logger.Error("daemon: stopped", "err", runErr.Error())
		return runErr
	}
	w.Logger.Info("daemon: stopped; the lease is released")
	return nil
}

// zoneText is the configured zone for the log: its name, or "system".
func zoneText(cfg *config.Config) string {
	if cfg.Timezone == "" {
		return "system"
	}
	return cfg.Timezone
}

// lateLimitText is the late limit for the log: "never" or a duration.
func lateLimitText(cfg *config.Config) string {
	if d := cfg.LateLimit(); d >= 0 {
		return d.String()
	}
	return "never"
}

// daemonEvents logs what the engine reports that it does not log itself:
// who holds the lease, and each account's sync failures and new items.
// Sent and failed actions are logged by the engine.
type daemonEvents struct{ log *slog.Logger }

func (d daemonEvents) event(e engine.Event) {
	for _, a := range e.Alerts {
		d.log.Info("daemon: alert opened", "client", a.ClientSlug, "rule", a.Rule,
			"severity", string(a.Severity), "items", a.ItemCount, "title", core.SanitizeLine(a.Title))
	}
	switch {
	case e.ActionID != 0:
		return
	case e.AccountID == 0 && len(e.Alerts) > 0:
		return // an SLA check, not a lease change
	case e.AccountID == 0:
		d.lease(e.Lease)
	case e.Err != nil:
		d.log.Warn("daemon: sync failed", "account", e.Handle, "err", e.Err.Error())
	case e.NewItems > 0:
		d.log.Info("daemon: synced", "account", e.Handle, "new", e.NewItems)
	}
}

// lease says whether the daemon runs or waits, and for whom. The holder is
// read from the database, so it is cleaned before it reaches the log.
func (d daemonEvents) lease(l engine.LeaseInfo) {
	if l.Held {
		d.log.Info("daemon: running: this process holds the lease")
		return
	}
	holder := core.SanitizeLine(l.Holder)
	if holder == "" {
		holder = "another process"
	}
	d.log.Info("daemon: waiting for the lease held by "+holder+"; taking over when it stops",
		"expires", l.Expires)
}

// holderMode is what the deck shows of a lease owner ("host:pid:mode"):
// its mode, "daemon" or "tui", which says who syncs; an owner in another
// form is shown whole. The pid is for the log, not the status bar.
func holderMode(owner string) string {
	parts := strings.Split(owner, ":")
	if len(parts) != 3 || parts[2] == "" {
		return owner
	}
	return parts[2]
}
