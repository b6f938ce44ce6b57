package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	tea "charm.land/bubbletea/v2"

	"cmdeck/config"
	"cmdeck/core"
	"cmdeck/engine"
	"cmdeck/i18n"
	"cmdeck/providers"
	"cmdeck/tui"
	"cmdeck/tui/common"
)

// ConfigError is an error the user fixes in their configuration or flags;
// main exits with code 2 for it.
type ConfigError struct{ Err error }

func (e *ConfigError) Error() string { return e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }

// LoadOptions are the global flags that shape the configuration.
type LoadOptions struct {
	File, DB, Lang string
	Warn           io.Writer // where config warnings go
}

// LoadConfig reads and validates the configuration (defaults, file, env,
// flags). Every failure is a *ConfigError.
func LoadConfig(o LoadOptions) (*config.Config, error) {
	known := ProviderNames()
	cfg, warnings, err := config.Load(config.Options{
		File: o.File, DB: o.DB, Lang: o.Lang, Env: os.Getenv, Known: known, KeyActions: tui.KeyActions(),
	})
	if err != nil {
		return nil, &ConfigError{Err: err}
	}
	if o.Warn != nil {
		for _, w := range warnings {
			fmt.Fprintln(o.Warn, "cmdeck: warning:", w)
		}
	}
	return cfg, nil
}

// RunDeck opens the deck on cfg's workspace and runs until the user quits.
func RunDeck(ctx context.Context, cfg *config.Config, lang i18n.Lang) error {
	ws, err := Open(ctx, cfg, Options{})
	if err != nil {
		return err
	}
	defer ws.Close()

	var program *tea.Program
	runner, err := ws.NewRunner("tui", func(e engine.Event) {
		if program != nil {
			program.Send(deckMsg(e))
		}
	})
	if err != nil {
		return err
	}
	opts := deckOptions(ws, newNetworks(ws), lang, localActor(cfg), runner.TriggerNow)
	opts.NoColor = os.Getenv("NO_COLOR") != ""
	opts.Opener = tui.LocalOpener(os.Getenv)
	opts.Hyperlinks = tui.DetectHyperlinks(os.Getenv)
	opts.Lite = cfg.Display.Lite(tui.OverSSH(os.Getenv))
	model, err := tui.New(opts)
	if err != nil {
		return &ConfigError{Err: err}
	}
	program = tea.NewProgram(model, tea.WithContext(ctx))

	stop := runInBackground(ctx, ws, runner)
	_, runErr := program.Run()
	stop()
	if errors.Is(runErr, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil // interrupted by a signal: a clean exit
	}
	return runErr
}

// runInBackground runs the engine until stop is called; stop waits for it
// to finish and closes the runner, which releases the lease.
func runInBackground(ctx context.Context, ws *Workspace, runner *engine.Runner) (stop func()) {
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := runner.Run(runCtx); err != nil && !errors.Is(err, context.Canceled) {
			ws.Logger.Error("engine stopped", "err", err)
		}
	}()
	return func() {
		cancel()
		<-done
		runner.Close()
	}
}

// deckOptions are the deck's options for a workspace, whoever sits at it:
// its data, settings and networks, with actor acting (the executor and the
// audit log name them) and trigger asking the engine to sync now. What
// depends on the terminal (color, links, its environment) and on the
// person's role is the caller's to set.
func deckOptions(ws *Workspace, nets *networks, lang i18n.Lang, actor string, trigger func()) tui.Options {
	cfg := ws.Config
	filters, templates, tags := inboxSettings(cfg)
	pipes, runPipe := deckPipes(ws)
	return tui.Options{
		Source:         ws.Store,
		Clock:          ws.Clock,
		Loc:            cfg.Location(),
		Lang:           lang,
		Workspace:      workspaceName(cfg),
		Demo:           cfg.Demo,
		Keys:           cfg.Keys,
		Trigger:        trigger,
		Executor:       newExecutor(ws, nets, actor),
		Caps:           nets.Caps,
		Limit:          nets.Limit,
		SavedFilters:   filters,
		ReplyTemplates: templates,
		Tags:           tags,
		ReauthCommand:  reauthCommand(cfg),
		Slots:          ws.SlotsFunc(),
		MediaLimit:     nets.MediaLimit,
		Actor:          actor,
		Bell:           cfg.Notify.Bell,
		Desktop:        cfg.Notify.Desktop,
		ReportDir:      filepath.Dir(ws.DBPath),
		BusinessHours:  clientHours(cfg, ws),
		Reports:        networkReports,
		Pipes:          pipes,
		RunPipe:        runPipe,
	}
}

// deckMsg turns an engine event into what the deck understands: a sync
// report, or the report of an outbox action that finished (the deck then
// re-reads, and says so when it failed). The lease holder is given by its
// mode, so the status bar says who syncs ("daemon") rather than a pid.
func deckMsg(e engine.Event) tea.Msg {
	if e.ActionID != 0 {
		return common.ActionReportMsg{Kind: e.ActionKind, Handle: e.Handle, Err: e.ActionErr}
	}
	ev := common.SyncEvent{
		AccountID: e.AccountID, Handle: e.Handle, NewItems: e.NewItems, Err: e.Err, At: e.At,
		LeaseHeld: e.Lease.Held, LeaseHolder: holderMode(e.Lease.Holder),
	}
	for _, n := range e.Alerts { // newly opened alerts: the deck rings once for each
		ev.Alerts = append(ev.Alerts, common.AlertNotice{ID: n.ID, ClientID: n.ClientID, ClientSlug: n.ClientSlug,
			Rule: n.Rule, Severity: n.Severity, Title: n.Title, ItemCount: n.ItemCount})
	}
	return ev
}

func workspaceName(cfg *config.Config) string {
	if cfg.Demo {
		return "demo"
	}
	return filepath.Base(cfg.Path)
}

// RunSync does one headless sync pass (or, without once, syncs until
// interrupted) and prints what it fetched.
func RunSync(ctx context.Context, cfg *config.Config, once bool, out io.Writer, t *i18n.Catalog) error {
	ws, err := Open(ctx, cfg, Options{})
	if err != nil {
		return err
	}
	defer ws.Close()
	if !once {
		runner, err := ws.NewRunner("sync", func(e engine.Event) { printEvent(out, t, e) })
		if err != nil {
			return err
		}
		defer runner.Close()
		fmt.Fprintln(out, t.T("cli.sync.running"))
		if err := runner.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
			return err
		}
		return nil
	}
	runner, err := ws.NewRunner("sync", nil)
	if err != nil {
		return err
	}
	defer runner.Close()
	reports, err := runner.SyncOnce(ctx)
	if err != nil {
		return err
	}
	total, failed := 0, 0
	for _, r := range reports {
		if r.Err != nil {
			failed++
			fmt.Fprintln(out, t.T("cli.sync.account_failed", r.Handle, r.Err))
			continue
		}
		total += r.NewItems
		fmt.Fprintln(out, t.T("cli.sync.account", r.Handle, r.NewItems, r.Batches))
	}
	fmt.Fprintln(out, t.T("cli.sync.total", total, len(reports), ws.DBPath))
	if failed > 0 {
		return errors.New(t.T("cli.sync.failures", failed))
	}
	return nil
}

func printEvent(out io.Writer, t *i18n.Catalog, e engine.Event) {
	switch {
	case e.Err != nil:
		fmt.Fprintln(out, t.T("cli.sync.account_failed", e.Handle, e.Err))
	case !e.Lease.Held && e.Lease.Holder != "":
		fmt.Fprintln(out, t.T("cli.sync.lease_other", e.Lease.Holder))
	case e.NewItems > 0:
		fmt.Fprintln(out, t.T("cli.sync.account", e.Handle, e.NewItems, 1))
	}
}

// RunGenerate builds a large demo database at path.
func RunGenerate(ctx context.Context, path string, n int, out io.Writer, t *i18n.Catalog) error {
	if n <= 0 {
		return &ConfigError{Err: fmt.Errorf("--items must be positive, got %d", n)}
	}
	step := max(n/20, 1)
	next := step
	rep, err := Generate(ctx, path, n, core.SystemClock{}, func(done int) {
		if done >= next {
			fmt.Fprintf(out, "\r%d / %d items", done, n)
			next += step
		}
	})
	fmt.Fprintln(out)
	if err != nil {
		return err
	}
	rate := float64(rep.Items) / rep.Elapsed.Seconds()
	fmt.Fprintln(out, t.T("cli.generate.done", rep.Items, rep.Accounts, rep.Elapsed.Round(time.Millisecond), rate, path))
	return nil
}

// RunConfigCheck reports a valid configuration (errors never reach here:
// LoadConfig returned them) and checks that every secret can be read.
func RunConfigCheck(ctx context.Context, cfg *config.Config, out io.Writer, t *i18n.Catalog) error {
	if cfg.Demo {
		fmt.Fprintln(out, t.T("cli.check.demo"))
		return nil
	}
	accounts, failed := 0, 0
	registry := Registry(core.SystemClock{})
	for ci, c := range cfg.Clients {
		for ai, a := range c.Accounts {
			accounts++
			secret, err := a.Secret(ctx, os.Getenv)
			if err != nil {
				failed++
				fmt.Fprintln(out, err) // the error names the account's path already
				continue
			}
			// Building the provider checks its settings; it touches no network.
			acct := core.Account{ClientSlug: c.Slug, Provider: a.Provider, Network: a.Network, Handle: a.Handle}
			if _, err := registry.New(providers.AccountConfig{Account: acct, Settings: a.Settings, Secret: secret}); err != nil {
				failed++
				fmt.Fprintf(out, "%s: %v\n", cfg.AccountPath(ci, ai), err)
			}
		}
	}
	if failed > 0 {
		return &ConfigError{Err: errors.New(t.T("cli.check.secrets", cfg.Path, failed))}
	}
	fmt.Fprintln(out, t.T("cli.check.ok", cfg.Path, len(cfg.Clients), accounts))
	return nil
}

// Version reports the module version and VCS revision the binary was built from.
func Version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	v := bi.Main.Version
	if v == "" || v == "(devel)" {
		v = "dev"
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " (" + s.Value[:12] + ")"
		}
	}
	return v
}
