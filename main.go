// Command cmdeck is a keyboard-first terminal deck for community managers.
// This file holds the command tree and its wiring only; the work is done by
// the packages it calls.
package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"cmdeck/app"
	"cmdeck/config"
	"cmdeck/i18n"
)

// exitConfig is the exit code for a configuration the user must fix.
const exitConfig = 2

// globals are the flags every command shares.
type globals struct {
	configFile string
	db         string
	lang       string
}

func main() {
	// SIGHUP too: a closed terminal or a dropped SSH link must end the deck
	// cleanly, releasing the sync lease at once rather than after its TTL.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	err := newRoot().ExecuteContext(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "cmdeck:", err)
		var ce *app.ConfigError
		if errors.As(err, &ce) {
			os.Exit(exitConfig)
		}
		os.Exit(1)
	}
}

func newRoot() *cobra.Command {
	g := &globals{}
	root := &cobra.Command{
		Use:           "cmdeck",
		Short:         "A keyboard-first terminal deck for community managers",
		Long:          "cmdeck opens a deck with four panes (Inbox, Calendar, Alerts, Stats) over a local cache that\nprovider adapters keep in sync. With no config file it opens the embedded demo workspace.",
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := g.load(cmd)
			if err != nil {
				return err
			}
			return app.RunDeck(cmd.Context(), cfg, g.langOf(cfg))
		},
	}
	root.PersistentFlags().StringVar(&g.configFile, "config", "", "config file (default $XDG_CONFIG_HOME/cmdeck/config.yaml)")
	root.PersistentFlags().StringVar(&g.db, "db", "", "database file (default under $XDG_DATA_HOME/cmdeck/)")
	root.PersistentFlags().StringVar(&g.lang, "lang", "", "interface language: en or fr (default from config, then LANG)")

	root.AddCommand(newSyncCmd(g), newDaemonCmd(g), newDemoCmd(g), newConfigCmd(g), newExportCmd(g),
		newRulesCmd(g), newAccountCmd(g), newAccountsCmd(g), newReportCmd(g), newDrawCmd(g), newServeCmd(g), newVersionCmd())
	return root
}

// load reads and validates the configuration after the flags are parsed.
func (g *globals) load(cmd *cobra.Command) (*config.Config, error) {
	return app.LoadConfig(app.LoadOptions{File: g.configFile, DB: g.db, Lang: g.lang, Warn: cmd.ErrOrStderr()})
}

func (g *globals) langOf(cfg *config.Config) i18n.Lang {
	return i18n.Detect(g.lang, cfg.Language, os.Getenv)
}

// langQuiet is the language for a command that works without a valid
// config (connecting the first account): the config's when it loads.
func (g *globals) langQuiet() i18n.Lang {
	if cfg, err := app.LoadConfig(app.LoadOptions{File: g.configFile, Lang: g.lang}); err == nil {
		return g.langOf(cfg)
	}
	return i18n.Detect(g.lang, "", os.Getenv)
}

// configFileOrEnv is the config file named by --config or $CMDECK_CONFIG,
// "" for the default one.
func (g *globals) configFileOrEnv() string {
	if g.configFile != "" {
		return g.configFile
	}
	return os.Getenv("CMDECK_CONFIG")
}

func newSyncCmd(g *globals) *cobra.Command {
	var once bool
	cmd := &cobra.Command{
		Use:   "sync",
		Short: "Sync every account without opening the deck",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := g.load(cmd)
			if err != nil {
				return err
			}
			return app.RunSync(cmd.Context(), cfg, once, cmd.OutOrStdout(), i18n.New(g.langOf(cfg)))
		},
	}
	cmd.Flags().BoolVar(&once, "once", false, "one pass over every account, then exit")
	return cmd
}

func newDaemonCmd(g *globals) *cobra.Command {
	var logFile string
	cmd := &cobra.Command{
		Use:   "daemon",
		Short: "Run sync, the outbox and scheduled posts headless, for a service manager",
		Long: "Runs what the deck runs in the background — sync, the outbox, scheduled and recurring posts,\n" +
			"missed-post alerts — without a screen, until SIGTERM or SIGINT (then it releases the lease and\n" +
			"exits 0). The deck and the daemon share one database: whoever holds the lease runs, the other\n" +
			"waits and takes over when it stops. See docs/DAEMON.md and docs/cmdeck.service.",
		Example: "  cmdeck daemon\n  cmdeck daemon --log ~/.local/state/cmdeck/daemon.log\n  systemctl --user enable --now cmdeck",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := g.load(cmd)
			if err != nil {
				return err
			}
			return app.RunDaemon(cmd.Context(), cfg, app.DaemonOptions{LogFile: logFile, Stderr: cmd.ErrOrStderr()})
		},
	}
	cmd.Flags().StringVar(&logFile, "log", "", "append the log to `FILE` (default: standard error)")
	return cmd
}

func newServeCmd(g *globals) *cobra.Command {
	var listen, authorizedKeys string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the deck over SSH: one deck per connection, one engine for all",
		Long: "Serves the deck over SSH to the people whose public keys are in authorized_keys and mapped\n" +
			"under serve.users (name and role: owner, cm or viewer). Each connection gets its own deck over\n" +
			"the same database; this process syncs unless a daemon holds the lease. Actions are recorded in\n" +
			"the audit log under the person's name. Stops cleanly on SIGTERM or SIGINT. See docs/SERVE.md.",
		Example: "  cmdeck serve\n  cmdeck serve --listen 127.0.0.1:2222\n  ssh -p 2222 localhost",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := g.load(cmd)
			if err != nil {
				return err
			}
			if err := app.ApplyServeFlags(cfg, listen, authorizedKeys); err != nil {
				return err
			}
			return app.RunServe(cmd.Context(), cfg, g.langOf(cfg), cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&listen, "listen", "", "`HOST:PORT` to listen on (default serve.listen, 127.0.0.1:2222)")
	cmd.Flags().StringVar(&authorizedKeys, "authorized-keys", "",
		"authorized_keys `FILE` (default serve.authorized_keys, authorized_keys in the config directory)")
	return cmd
}

func newDemoCmd(g *globals) *cobra.Command {
	demoCmd := &cobra.Command{Use: "demo", Short: "Tools for the demo workspace"}
	var items int
	gen := &cobra.Command{
		Use:   "generate",
		Short: "Build a large demo database for benchmarks and scale checks",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if g.db == "" {
				return &app.ConfigError{Err: errors.New("--db FILE is required: generate never writes into your workspace database")}
			}
			return app.RunGenerate(cmd.Context(), g.db, items, cmd.OutOrStdout(), i18n.New(i18n.Detect(g.lang, "", os.Getenv)))
		},
	}
	gen.Flags().IntVar(&items, "items", 10000, "number of items to generate")
	demoCmd.AddCommand(gen)
	return demoCmd
}

func newConfigCmd(g *globals) *cobra.Command {
	cfgCmd := &cobra.Command{Use: "config", Short: "Work with the configuration"}
	check := &cobra.Command{
		Use:   "check",
		Short: "Validate the configuration and say what is wrong",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := g.load(cmd)
			if err != nil {
				return err
			}
			return app.RunConfigCheck(cmd.Context(), cfg, cmd.OutOrStdout(), i18n.New(g.langOf(cfg)))
		},
	}
	cfgCmd.AddCommand(check)
	return cfgCmd
}

func newExportCmd(g *globals) *cobra.Command {
	exportCmd := &cobra.Command{Use: "export", Short: "Export data for a client"}
	var f app.ExportTagsFlags
	tags := &cobra.Command{
		Use:   "tags",
		Short: "Write a client's tagged messages as CSV or a Markdown report",
		Example: "  cmdeck export tags --client fournil --since 2026-10-01 -o fournil.csv\n" +
			"  cmdeck export tags --client fournil --since 30d --format md",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := g.load(cmd)
			if err != nil {
				return err
			}
			return app.ExportTags(cmd.Context(), cfg, f, cmd.OutOrStdout(), i18n.New(g.langOf(cfg)))
		},
	}
	tags.Flags().StringVar(&f.Client, "client", "", "client slug (required)")
	tags.Flags().StringVar(&f.Since, "since", app.DefaultExportSince, "start of the period: a date (2026-10-01) or a period back (30d, 2w, 36h)")
	tags.Flags().StringVar(&f.Format, "format", "", "csv or md (default: md for an -o file ending in .md, else csv)")
	tags.Flags().StringVarP(&f.Output, "output", "o", "", "file to write (default: standard output)")
	exportCmd.AddCommand(tags)
	return exportCmd
}

func newRulesCmd(g *globals) *cobra.Command {
	rulesCmd := &cobra.Command{Use: "rules", Short: "Work with the alert rules"}
	var f app.RulesTestFlags
	test := &cobra.Command{
		Use:   "test",
		Short: "Show what a client's alert rules would have raised over the cached messages",
		Long: "Dry-runs the client's alert rules (from the config, or --rules FILE) over the messages cached\n" +
			"in the database, oldest first, as the engine would have evaluated them when each arrived, and\n" +
			"prints the alerts that would have fired, then a line per rule. Nothing is written, no network\n" +
			"is asked: tune a rule's words and thresholds here before it wakes anyone.",
		Example: "  cmdeck rules test --client fournil\n" +
			"  cmdeck rules test --client fournil --since 2w --rules ./fournil-alerts.yaml\n" +
			"  cmdeck rules test --client pixelforge --json | jq '.rules'",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := g.load(cmd)
			if err != nil {
				return err
			}
			return app.RunRulesTest(cmd.Context(), cfg, f, cmd.OutOrStdout(), i18n.New(g.langOf(cfg)))
		},
	}
	test.Flags().StringVar(&f.Client, "client", "", "client slug (required)")
	test.Flags().StringVar(&f.Since, "since", app.DefaultRulesSince, "start of the period: a date (2026-10-01) or a period back (30d, 2w, 36h)")
	test.Flags().StringVar(&f.Rules, "rules", "", "try the rules of this `FILE` (a list of rules) instead of the config's")
	test.Flags().BoolVar(&f.JSON, "json", false, "print JSON, for scripts")
	rulesCmd.AddCommand(test)
	return rulesCmd
}

func newAccountCmd(g *globals) *cobra.Command {
	accountCmd := &cobra.Command{Use: "account", Short: "Connect network accounts"}
	addCmd := &cobra.Command{Use: "add", Short: "Connect an account and print its config block"}
	var o app.AccountAdd
	mastodon := &cobra.Command{
		Use:   "mastodon",
		Short: "Connect a Mastodon account: approve cmdeck in the browser, paste the code",
		Long: "Registers cmdeck on the server, prints the page where you approve it, reads the code it shows,\n" +
			"checks the token with the server, saves it in <config dir>/tokens/<user>@<host>.token (mode 0600)\n" +
			"and prints the account block to add to the config. With --print-token the token goes to\n" +
			"standard output instead, for your password manager.",
		Example: "  cmdeck account add mastodon --server https://mastodon.social --client fournil\n" +
			"  cmdeck account add mastodon --server mastodon.social --print-token | pass insert -m cmdeck/fournil",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.HTTP = &http.Client{Timeout: 30 * time.Second}
			o.In, o.Out, o.Err = cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr()
			o.Env, o.ConfigFile = os.Getenv, g.configFileOrEnv()
			return app.RunAccountAdd(cmd.Context(), o, i18n.New(g.langQuiet()))
		},
	}
	mastodon.Flags().StringVar(&o.Server, "server", "", "your instance, e.g. https://mastodon.social (required)")
	mastodon.Flags().StringVar(&o.Client, "client", "", "the cmdeck client (slug) the account belongs to, for the printed block")
	mastodon.Flags().BoolVar(&o.PrintToken, "print-token", false, "print the token on stdout instead of saving it in a file")
	mastodon.Flags().BoolVar(&o.Admin, "admin", false, "also ask for the admin scopes (silence, suspend; a moderator's account)")
	addCmd.AddCommand(mastodon, newBlueskyAddCmd(g), newEmailAddCmd(g))
	accountCmd.AddCommand(addCmd)
	return accountCmd
}

// newBlueskyAddCmd is `cmdeck account add bluesky`.
func newBlueskyAddCmd(g *globals) *cobra.Command {
	var o app.AccountAddBluesky
	cmd := &cobra.Command{
		Use:   "bluesky",
		Short: "Connect a Bluesky account with its handle and an app password",
		Long: "Logs in with the handle and an app password (created in Bluesky's settings) to check them,\n" +
			"then prints the account block to add to the config. The block reads the password from an\n" +
			"environment variable (--password-env) or a command (--password-cmd); it is never printed.",
		Example: "  CMDECK_BSKY_APP_PASSWORD=xxxx-xxxx-xxxx-xxxx cmdeck account add bluesky --handle lefournil.bsky.social --client fournil\n" +
			"  cmdeck account add bluesky --handle me.example.com --pds https://pds.example.com --password-cmd 'pass show cmdeck/bsky'",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.HTTP = &http.Client{Timeout: 30 * time.Second}
			o.In, o.Out, o.Err = cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr()
			o.Env, o.ConfigFile = os.Getenv, g.configFileOrEnv()
			return app.RunAccountAddBluesky(cmd.Context(), o, i18n.New(g.langQuiet()))
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Handle, "handle", "", "the account's handle, e.g. lefournil.bsky.social (required)")
	f.StringVar(&o.PDS, "pds", "", "the account's PDS (default: found from the handle)")
	f.StringVar(&o.Service, "service", "", "where the handle is resolved (default https://bsky.social)")
	f.StringVar(&o.Client, "client", "", "the cmdeck client (slug) the account belongs to, for the printed block")
	f.StringVar(&o.PasswordEnv, "password-env", app.DefaultBlueskyPasswordEnv, "the environment variable holding the app password")
	f.StringVar(&o.PasswordCmd, "password-cmd", "", "a command printing the app password, written in the block instead of the variable")
	return cmd
}

// newEmailAddCmd is `cmdeck account add email`.
func newEmailAddCmd(g *globals) *cobra.Command {
	var o app.AccountAddEmail
	cmd := &cobra.Command{
		Use:   "email",
		Short: "Connect a mailbox (IMAP to read, SMTP to reply): the client's contact@ address",
		Long: "Logs in on the IMAP and SMTP servers to check the login, then prints the account block to add\n" +
			"to the config. The block reads the password from an environment variable (--password-env) or a\n" +
			"command (--password-cmd); it is never printed. TLS is implicit by default (993/465); use\n" +
			"--tls starttls for 143/587, and --ca-file for a server with its own certificate authority.",
		Example: "  CMDECK_MAIL_PASSWORD=… cmdeck account add email --imap mail.example.com:993 --smtp mail.example.com:465 \\\n" +
			"      --username contact@lefournil.fr --from 'Le Fournil <contact@lefournil.fr>' --client fournil",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.In, o.Out, o.Err = cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr()
			o.Env, o.ConfigFile = os.Getenv, g.configFileOrEnv()
			return app.RunAccountAddEmail(cmd.Context(), o, i18n.New(g.langQuiet()))
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.IMAP, "imap", "", "the IMAP server, host:port (required)")
	f.StringVar(&o.SMTP, "smtp", "", "the SMTP server, host:port (required)")
	f.StringVar(&o.TLS, "tls", "", "implicit (default), starttls, or none (loopback only)")
	f.StringVar(&o.CAFile, "ca-file", "", "a CA certificate file for a server with its own authority")
	f.StringVar(&o.Username, "username", "", "the login, usually the address (required)")
	f.StringVar(&o.From, "from", "", `who replies come from, e.g. "Le Fournil <contact@lefournil.fr>" (default: the username)`)
	f.StringVar(&o.Folders, "folders", "", `the folders to sync, e.g. "INBOX,Support" (default INBOX)`)
	f.StringVar(&o.Client, "client", "", "the cmdeck client (slug) the account belongs to, for the printed block")
	f.StringVar(&o.PasswordEnv, "password-env", app.DefaultMailPasswordEnv, "the environment variable holding the password")
	f.StringVar(&o.PasswordCmd, "password-cmd", "", "a command printing the password, written in the block instead of the variable")
	return cmd
}

func newAccountsCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "accounts",
		Short: "Show every account's sync health: last success, state, last error, rate limit",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := g.load(cmd)
			if err != nil {
				return err
			}
			return app.RunAccounts(cmd.Context(), cfg, asJSON, cmd.OutOrStdout(), i18n.New(g.langOf(cfg)))
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON, for scripts")
	return cmd
}

func newReportCmd(g *globals) *cobra.Command {
	var f app.ReportFlags
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Write a client's monthly report (Markdown, CSV or a self-contained HTML page)",
		Long: "Computes a client's figures for a calendar month (in the configured time zone) against the\n" +
			"month before, from the cached data, and writes the report in the interface language (--lang)\n" +
			"with the CM's name and agency (cm: in the config). It never syncs: run cmdeck sync first for\n" +
			"the latest figures.",
		Example: "  cmdeck report --client fournil --month 2026-10\n" +
			"  cmdeck report --client fournil --month 2026-10 --format html -o fournil-2026-10.html\n" +
			"  cmdeck report --client pixelforge --month 2026-10 --format csv --lang fr > pixelforge.csv",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := g.load(cmd)
			if err != nil {
				return err
			}
			lang := g.langOf(cfg)
			return app.RunReport(cmd.Context(), cfg, f, lang, cmd.OutOrStdout(), cmd.ErrOrStderr(), i18n.New(lang))
		},
	}
	cmd.Flags().StringVar(&f.Client, "client", "", "client slug (required)")
	cmd.Flags().StringVar(&f.Month, "month", "", "the calendar month, `YYYY-MM` (required)")
	cmd.Flags().StringVar(&f.Format, "format", app.FormatMarkdown, "md, csv or html")
	cmd.Flags().StringVarP(&f.Output, "output", "o", "", "file to write (default: standard output)")
	return cmd
}

func newDrawCmd(g *globals) *cobra.Command {
	f := app.DrawFlags{Winners: app.DefaultWinners, ExcludeBrand: true}
	cmd := &cobra.Command{
		Use:   "draw",
		Short: "Draw a contest's winners among a post's comments, verifiably",
		Long: "Reads the cached comments on a published post (and on the posts published with it on the\n" +
			"client's other accounts), keeps one entry per person and network, and draws the winners from\n" +
			"the seed and the entrant list's SHA-256. It prints the list, its hash, the seed and the method,\n" +
			"so anyone can redo the draw. Use a seed made public after the deadline. It never syncs.",
		Example: "  cmdeck draw --post 42 --winners 3 --seed 2026-12-02-lotto --deadline 2026-12-01T18:00\n" +
			"  cmdeck draw --post 42 --seed 7-14-21 --must-contain concours -o draw.txt",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := g.load(cmd)
			if err != nil {
				return err
			}
			return app.RunDraw(cmd.Context(), cfg, f, cmd.OutOrStdout(), cmd.ErrOrStderr(), i18n.New(g.langOf(cfg)))
		},
	}
	cmd.Flags().Int64Var(&f.Post, "post", 0, "the contest post's `ID` (required)")
	cmd.Flags().IntVar(&f.Winners, "winners", app.DefaultWinners, "how many winners")
	cmd.Flags().StringVar(&f.Seed, "seed", "", "the public seed, e.g. a lottery result drawn after the deadline (required)")
	cmd.Flags().StringVar(&f.Deadline, "deadline", "", "only comments written before this time count, e.g. 2026-12-01T18:00 (configured zone)")
	cmd.Flags().StringVar(&f.MustContain, "must-contain", "", "a word every entry must contain (any case and accents)")
	cmd.Flags().BoolVar(&f.ExcludeBrand, "exclude-brand", true, "the client's own accounts never win")
	cmd.Flags().StringVarP(&f.Output, "output", "o", "", "file to write (default: standard output)")
	return cmd
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			fmt.Fprintln(cmd.OutOrStdout(), "cmdeck", app.Version())
		},
	}
}
