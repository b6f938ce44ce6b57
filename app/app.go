// Package app assembles a workspace from a configuration: the store, the
// clients and accounts, the provider registry and the engine. main.go calls
// it; it holds no cobra and no UI.
package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"cmdeck/config"
	"cmdeck/core"
	"cmdeck/engine"
	"cmdeck/providers"
	"cmdeck/providers/bluesky"
	"cmdeck/providers/demo"
	"cmdeck/providers/email"
	"cmdeck/providers/mastodon"
	"cmdeck/providers/rss"
	"cmdeck/store"
)

// DemoSeed makes the demo workspace the same on every machine.
const DemoSeed = 20261124

// Workspace is an opened workspace: everything a command needs.
type Workspace struct {
	Config   *config.Config
	Store    *store.Store
	Registry *providers.Registry
	Clock    core.Clock
	Clients  []core.Client
	Accounts []core.Account
	DBPath   string
	Logger   *slog.Logger

	logFile io.Closer
	tick    time.Duration
	// accounts maps an account id to its config entry (settings, secret source).
	accounts map[int64]config.Account
	// secrets holds each account's resolved secret, read once at Open so a
	// token command runs once and an unreadable secret stops the start.
	secrets map[int64]string
}

// Options tune Open.
type Options struct {
	Env   func(string) string
	Clock core.Clock
	// LogTo receives the log; nil means a cmdeck.log file beside the database.
	LogTo io.Writer
	// Tick is how often the engine looks for due work; 0 is the engine's
	// default. Tests shorten it.
	Tick time.Duration
}

// Registry returns the registry of every provider cmdeck knows.
func Registry(clock core.Clock) *providers.Registry {
	r := providers.NewRegistry()
	demo.Register(r, clock, DemoSeed)
	r.Register("mastodon", func(cfg providers.AccountConfig) (providers.Provider, error) {
		return mastodon.New(cfg, clock, nil)
	})
	r.Register("rss", func(cfg providers.AccountConfig) (providers.Provider, error) {
		return rss.New(cfg, clock, nil)
	})
	r.Register("bluesky", func(cfg providers.AccountConfig) (providers.Provider, error) {
		return bluesky.New(cfg, clock, nil)
	})
	r.Register("email", email.Factory(clock, nil))
	return r
}

// ProviderNames lists the known provider names without building a workspace,
// for config validation.
func ProviderNames() []string { return Registry(core.SystemClock{}).Names() }

// Open opens the store for cfg and makes its clients and accounts exist. The
// demo workspace (cfg.Demo) gets the embedded demo clients and, on first
// creation, seed posts for the calendar.
func Open(ctx context.Context, cfg *config.Config, opts Options) (*Workspace, error) {
	if opts.Clock == nil {
		opts.Clock = core.SystemClock{}
	}
	if opts.Env == nil {
		opts.Env = os.Getenv
	}
	w := &Workspace{Config: cfg, Clock: opts.Clock, Registry: Registry(opts.Clock), tick: opts.Tick,
		accounts: map[int64]config.Account{}, secrets: map[int64]string{}}
	w.DBPath = cfg.DBPath(opts.Env)
	if err := os.MkdirAll(filepath.Dir(w.DBPath), 0o700); err != nil {
		return nil, fmt.Errorf("data directory %s: %w", filepath.Dir(w.DBPath), err)
	}
	if err := w.openLog(opts.LogTo); err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, w.DBPath)
	if err != nil {
		w.closeLog()
		return nil, fmt.Errorf("database %s: %w", w.DBPath, err)
	}
	w.Store = st
	if err := w.upsertWorkspace(ctx); err != nil {
		w.Close()
		return nil, err
	}
	if err := w.resolveSecrets(ctx, opts.Env); err != nil {
		w.Close()
		return nil, err
	}
	if err := w.checkProviders(); err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}

func (w *Workspace) openLog(to io.Writer) error {
	if to == nil {
		path := filepath.Join(filepath.Dir(w.DBPath), "cmdeck.log")
		f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
		if err != nil {
			return fmt.Errorf("log file %s: %w", path, err)
		}
		w.logFile, to = f, f
	}
	w.Logger = slog.New(slog.NewTextHandler(to, &slog.HandlerOptions{Level: slog.LevelInfo}))
	return nil
}

func (w *Workspace) closeLog() {
	if w.logFile != nil {
		_ = w.logFile.Close()
		w.logFile = nil
	}
}

// upsertWorkspace makes the configured (or demo) clients and accounts exist.
func (w *Workspace) upsertWorkspace(ctx context.Context) error {
	clients, accounts, byKey := w.configured()
	cs, as, err := w.Store.UpsertWorkspace(ctx, clients, accounts)
	if err != nil {
		return fmt.Errorf("saving clients and accounts: %w", err)
	}
	w.Clients, w.Accounts = cs, as
	for _, a := range as {
		if ca, ok := byKey[accountKey(a)]; ok {
			w.accounts[a.ID] = ca
		}
	}
	if w.Config.Demo {
		return w.seedDemoPosts(ctx)
	}
	return nil
}

// configured turns the config (or the demo) into core clients and accounts,
// and indexes the config accounts for secret lookup.
func (w *Workspace) configured() ([]core.Client, []core.Account, map[string]config.Account) {
	byKey := map[string]config.Account{}
	if w.Config.Demo {
		cs, as := demo.Workspace()
		return cs, as, byKey
	}
	var clients []core.Client
	var accounts []core.Account
	for _, c := range w.Config.Clients {
		clients = append(clients, core.Client{Slug: c.Slug, Name: c.Name, Color: c.Color})
		for _, a := range c.Accounts {
			ca := core.Account{ClientSlug: c.Slug, Provider: a.Provider, Network: a.Network, Handle: a.Handle}
			if ca.Network == "" {
				ca.Network = defaultNetworkName(a.Provider)
			}
			accounts = append(accounts, ca)
			byKey[accountKey(ca)] = a
		}
	}
	return clients, accounts, byKey
}

// defaultNetworkName is the network an account's rows name when the config
// gives none: the provider's name, spelled as people write it for the
// networks added since the first ones (older names stay as they were, so
// the authors already stored keep their network).
func defaultNetworkName(provider string) string {
	switch provider {
	case "bluesky":
		return "Bluesky"
	case "email":
		return "Email"
	}
	return provider
}

func accountKey(a core.Account) string { return a.ClientSlug + "\x00" + a.Provider + "\x00" + a.Handle }

// resolveSecrets reads every account's secret (inline, env or command). Any
// failure is a *ConfigError listing every account that failed; the errors
// name the config path, never the secret.
func (w *Workspace) resolveSecrets(ctx context.Context, env func(string) string) error {
	var problems []string
	for id, ca := range w.accounts {
		secret, err := ca.Secret(ctx, env)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		w.secrets[id] = secret
	}
	if len(problems) == 0 {
		return nil
	}
	sort.Strings(problems)
	return &ConfigError{Err: fmt.Errorf("cannot read %d secret(s):\n  %s", len(problems), strings.Join(problems, "\n  "))}
}

// checkProviders builds every configured account's provider once, so a
// setting the network needs (a Mastodon server URL) is reported at start,
// with the account's config path, rather than as a sync error later.
// Building a provider touches no network.
func (w *Workspace) checkProviders() error {
	var problems []string
	for _, a := range w.Accounts {
		ca, ok := w.accounts[a.ID]
		if !ok {
			continue
		}
		_, err := w.Registry.New(providers.AccountConfig{Account: a, Settings: ca.Settings, Secret: w.secrets[a.ID]})
		if err != nil {
			problems = append(problems, w.accountPath(a)+": "+err.Error())
		}
	}
	if len(problems) == 0 {
		return nil
	}
	sort.Strings(problems)
	return &ConfigError{Err: fmt.Errorf("%d account(s) cannot be used:\n  %s", len(problems), strings.Join(problems, "\n  "))}
}

// accountPath is an account's place in the config file, for messages.
func (w *Workspace) accountPath(a core.Account) string {
	for ci, c := range w.Config.Clients {
		for ai, ca := range c.Accounts {
			if c.Slug == a.ClientSlug && ca.Provider == a.Provider && ca.Handle == a.Handle {
				return w.Config.AccountPath(ci, ai)
			}
		}
	}
	return a.Handle
}

// Secret returns an account's secret as read at Open.
func (w *Workspace) Secret(_ context.Context, a core.Account) (string, error) {
	return w.secrets[a.ID], nil
}

// Settings returns an account's provider settings from config.
func (w *Workspace) Settings(a core.Account) map[string]string { return w.accounts[a.ID].Settings }

// NewRunner builds the engine for this workspace. mode names the process
// kind in the lease owner ("tui", "sync", "daemon"); the calendar shows it
// on the posts the runner publishes ("published by daemon").
func (w *Workspace) NewRunner(mode string, notify func(engine.Event)) (*engine.Runner, error) {
	return engine.New(w.runnerOptions(mode, notify))
}

// runnerOptions are the engine's options for this workspace: its settings,
// its alert rules, and the on_alert hook when the config has one.
func (w *Workspace) runnerOptions(mode string, notify func(engine.Event)) engine.Options {
	opts := engine.Options{
		Store:     w.Store,
		Registry:  w.Registry,
		Clock:     w.Clock,
		Interval:  w.Config.SyncInterval,
		Jitter:    0.1,
		Owner:     LeaseOwner(mode),
		Tick:      w.tick,
		Location:  w.Config.Location(),
		LateLimit: w.Config.LateLimit(),
		Secret:    w.Secret,
		Settings:  w.Settings,
		Logger:    w.Logger,
		Notify:    notify,
		Rules:     w.Config.RuleSet(),
	}
	// A nil *alertHook's method value would not be a nil func: set it
	// only when there is a command to run.
	if hook := newAlertHook(w); hook != nil {
		opts.OnAlert = hook.OnAlert
	}
	return opts
}

// LeaseOwner names this process for the engine lease: host:pid:mode.
func LeaseOwner(mode string) string {
	host, err := os.Hostname()
	if err != nil {
		host = "localhost"
	}
	return fmt.Sprintf("%s:%d:%s", host, os.Getpid(), mode)
}

// Close closes the store and the log.
func (w *Workspace) Close() error {
	var err error
	if w.Store != nil {
		err = w.Store.Close()
	}
	w.closeLog()
	return err
}
