package app

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"cmdeck/config"
	"cmdeck/core"
	"cmdeck/engine"
	"cmdeck/i18n"
	"cmdeck/serve"
	"cmdeck/tui"
)

// ServeMode names `cmdeck serve` in the lease owner ("host:pid:serve"):
// the decks of other processes then say that serve syncs.
const ServeMode = "serve"

// ApplyServeFlags lets `cmdeck serve`'s flags override the serve: block;
// empty flags keep it. A listen address that is not host:port is a
// *ConfigError.
func ApplyServeFlags(cfg *config.Config, listen, authorizedKeys string) error {
	if listen != "" {
		if _, port, err := net.SplitHostPort(listen); err != nil || port == "" {
			return &ConfigError{Err: fmt.Errorf("--listen %q is not host:port (e.g. 127.0.0.1:2222)", listen)}
		}
		cfg.Serve.Listen = listen
	}
	if authorizedKeys != "" {
		cfg.Serve.AuthorizedKeys = authorizedKeys
	}
	return nil
}

// RunServe is `cmdeck serve`: the deck over SSH, one deck per connection
// over one workspace, and one engine for all of them (it syncs unless
// another process, a daemon, holds the lease). It prints what happens to
// out (a line per connection) and logs it, and stops cleanly when ctx
// ends: sessions told to quit, the lease released, the store closed.
func RunServe(ctx context.Context, cfg *config.Config, lang i18n.Lang, out io.Writer) error {
	return runServe(ctx, cfg, lang, out, serveDeps{env: os.Getenv})
}

// serveDeps are what tests change in runServe.
type serveDeps struct {
	env   func(string) string
	clock core.Clock // the workspace's; nil: the system clock
	logTo io.Writer  // the log; nil: cmdeck.log
	tick  time.Duration
	// ready is called once the server listens, with its address and the
	// workspace.
	ready func(addr net.Addr, ws *Workspace)
	// programOptions are added to every session's program.
	programOptions []tea.ProgramOption
}

func runServe(ctx context.Context, cfg *config.Config, lang i18n.Lang, out io.Writer, d serveDeps) error {
	ws, err := Open(ctx, cfg, Options{Env: d.env, Clock: d.clock, LogTo: d.logTo, Tick: d.tick})
	if err != nil {
		return err
	}
	defer ws.Close()
	decks := &servedDecks{ws: ws, nets: newNetworks(ws), lang: lang}
	srv, err := serve.New(serveOptions(ws, d, out, decks.model))
	if err != nil {
		return &ConfigError{Err: err}
	}
	lease := &leaseReport{out: out}
	runner, err := ws.NewRunner(ServeMode, func(e engine.Event) {
		lease.event(e)
		srv.Broadcast(deckMsg(e))
	})
	if err != nil {
		return err
	}
	decks.trigger = runner.TriggerNow
	addr, err := srv.Listen()
	if err != nil {
		runner.Close()
		return err
	}
	announce(out, ws, srv, addr, d.env)
	if d.ready != nil {
		d.ready(addr, ws)
	}
	stop := runInBackground(ctx, ws, runner)
	err = srv.Serve(ctx)
	stop()
	fmt.Fprintln(out, "cmdeck serve: stopped; the sync lease is released")
	ws.Logger.Info("serve: stopped")
	return err
}

// serveOptions are the server's options from the serve: block.
func serveOptions(ws *Workspace, d serveDeps, out io.Writer, model serve.ModelFunc) serve.Options {
	cfg := ws.Config
	return serve.Options{
		Listen:         cfg.ServeListen(),
		HostKey:        cfg.ServeHostKey(d.env),
		AuthorizedKeys: cfg.ServeAuthorizedKeys(d.env),
		Users:          serveUsers(cfg),
		IdleTimeout:    cfg.Serve.IdleTimeout,
		MaxSessions:    cfg.ServeMaxSessions(),
		NewModel:       model,
		Logger:         ws.Logger,
		Out:            out,
		ProgramOptions: d.programOptions,
	}
}

// serveUsers maps serve.users to the server's users. Config validation
// already refused a user whose key has no fingerprint.
func serveUsers(cfg *config.Config) []serve.User {
	users := make([]serve.User, 0, len(cfg.Serve.Users))
	for _, u := range cfg.Serve.Users {
		fp, err := u.KeyFingerprint()
		if err != nil {
			continue
		}
		users = append(users, serve.User{Name: u.Name, Role: u.Role, Fingerprint: fp})
	}
	return users
}

// announce prints where the server listens, how to check its identity,
// who may connect, and what needs attention.
func announce(out io.Writer, ws *Workspace, srv *serve.Server, addr net.Addr, env func(string) string) {
	cfg := ws.Config
	if srv.HostKeyCreated() {
		fmt.Fprintf(out, "cmdeck serve: new host key %s\n", cfg.ServeHostKey(env))
	}
	fmt.Fprintf(out, "cmdeck serve: listening on %s (host key %s, %d user(s) mapped, database %s)\n",
		addr, srv.HostKeyFingerprint(), len(cfg.Serve.Users), ws.DBPath)
	warnings := srv.Warnings()
	if !loopbackOnly(cfg.ServeListen()) {
		warnings = append(warnings, fmt.Sprintf("%s is not a loopback address: anyone who can reach this machine "+
			"can try to log in (keys are still required); prefer 127.0.0.1 behind an SSH tunnel or a firewall",
			cfg.ServeListen()))
	}
	for _, w := range warnings {
		fmt.Fprintln(out, "cmdeck serve: warning:", w)
		ws.Logger.Warn("serve: " + w)
	}
	ws.Logger.Info("serve: listening", "addr", addr.String(), "host_key", srv.HostKeyFingerprint(),
		"users", len(cfg.Serve.Users))
}

// loopbackOnly says whether host:port listens on this machine only.
func loopbackOnly(listen string) bool {
	host, _, err := net.SplitHostPort(listen)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// servedDecks builds the deck of each session over the one workspace.
type servedDecks struct {
	ws      *Workspace
	nets    *networks
	lang    i18n.Lang
	trigger func()
}

// model is the deck for one person: acting under their name (the audit
// log records it), with what their role allows, drawn for their terminal
// (its environment, not the server's). There is no opener: the server's
// display is not theirs, so o shows the link to copy.
func (d *servedDecks) model(s serve.Session) (tea.Model, error) {
	opts := deckOptions(d.ws, d.nets, d.lang, s.User.Name, d.trigger)
	opts.Role = s.User.Role
	opts.ReadOnly = s.User.Role == config.RoleViewer
	opts.NoColor = s.Getenv("NO_COLOR") != ""
	opts.Hyperlinks = tui.DetectHyperlinks(s.Getenv)
	opts.Lite = d.ws.Config.Display.Lite(true)
	opts.Getenv = s.Getenv
	return tui.New(opts)
}

// leaseReport prints who syncs when it changes: this process, or another
// one (a daemon) whose lease it waits for.
type leaseReport struct {
	out  io.Writer
	mu   sync.Mutex
	last string
}

func (l *leaseReport) event(e engine.Event) {
	if e.AccountID != 0 || e.ActionID != 0 || len(e.Alerts) > 0 {
		return
	}
	line := "cmdeck serve: syncing (this process holds the lease)"
	if !e.Lease.Held {
		holder := core.SanitizeLine(holderMode(e.Lease.Holder))
		if holder == "" {
			holder = "another process"
		}
		line = "cmdeck serve: not syncing: " + holder + " holds the lease; the decks show what it syncs"
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if line != l.last {
		l.last = line
		fmt.Fprintln(l.out, line)
	}
}
