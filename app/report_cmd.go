package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"cmdeck/config"
	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/report"
	"cmdeck/rules"
	"cmdeck/stats"
	"cmdeck/store"
)

// Report formats.
const FormatHTML = "html"

// ReportFlags are the flags of `cmdeck report`, as typed.
type ReportFlags struct {
	Client string // client slug (required)
	Month  string // "2026-10" (required)
	Format string // md, csv or html; "" = md
	Output string // file to write; "" or "-" = stdout
}

// reportRequest is what to report, once the flags are checked.
type reportRequest struct {
	client string // slug
	month  stats.Period
	format string
	output string // "" or "-" = stdout
}

// RunReport is `cmdeck report`: a client's monthly report from the
// database. It reads the database only: no sync, no lease, no secret, no
// network, so it runs from a cron job beside a running deck. lang is the
// report's language (the interface's). Every mistake of the user is a
// *ConfigError.
func RunReport(ctx context.Context, cfg *config.Config, f ReportFlags, lang i18n.Lang, stdout, stderr io.Writer, t *i18n.Catalog) error {
	// The flags first: a typo is reported even before a database exists.
	req, err := checkReportFlags(f, cfg.Location())
	if err != nil {
		return err
	}
	st, err := openExisting(ctx, cfg.DBPath(os.Getenv))
	if err != nil {
		return err
	}
	defer st.Close()
	return runReport(ctx, cfg, st, req, reportEnv{lang: lang, now: core.SystemClock{}.Now(), stdout: stdout, stderr: stderr, t: t})
}

// reportEnv is what a report run gets from outside: its language, the
// time it is written (shown on the HTML page) and where it writes.
type reportEnv struct {
	lang           i18n.Lang
	now            time.Time
	stdout, stderr io.Writer
	t              *i18n.Catalog
}

// runReport computes the month and writes the report.
func runReport(ctx context.Context, cfg *config.Config, st *store.Store, req reportRequest, env reportEnv) error {
	client, err := findClient(ctx, st, req.client)
	if err != nil {
		return err
	}
	rep, err := computeMonth(ctx, cfg, st, client, req.month)
	if err != nil {
		return err
	}
	opts := reportOptions(cfg, client, env.lang, env.now)
	write := func(w io.Writer) (int, error) { return 0, writeReport(w, req.format, rep, opts) }
	if req.output == "" || req.output == "-" {
		_, err := write(env.stdout)
		return err
	}
	if _, err := writeFileAtomically(req.output, write); err != nil {
		return err
	}
	fmt.Fprintln(env.stderr, tr(env.t, "cli.report.done", req.output))
	return nil
}

// checkReportFlags reads the format and the month (in loc, the zone the
// days are cut in).
func checkReportFlags(f ReportFlags, loc *time.Location) (reportRequest, error) {
	format := strings.ToLower(strings.TrimSpace(f.Format))
	if format == "" {
		format = FormatMarkdown
	}
	if format != FormatMarkdown && format != FormatCSV && format != FormatHTML {
		return reportRequest{}, &ConfigError{Err: fmt.Errorf("--format %q: use md, csv or html", f.Format)}
	}
	if strings.TrimSpace(f.Month) == "" {
		return reportRequest{}, &ConfigError{Err: fmt.Errorf("--month is required, e.g. --month 2026-10")}
	}
	month, err := stats.Month(strings.TrimSpace(f.Month), loc)
	if err != nil {
		return reportRequest{}, &ConfigError{Err: fmt.Errorf("--month: %w", err)}
	}
	return reportRequest{client: strings.TrimSpace(f.Client), month: month, format: format, output: f.Output}, nil
}

// computeMonth computes the client's figures for the month, in the
// configured zone, with the client's business hours.
func computeMonth(ctx context.Context, cfg *config.Config, st *store.Store, client core.Client, month stats.Period) (stats.Report, error) {
	hours, err := businessHours(cfg.RuleSet(), client.Slug, cfg.Location())
	if err != nil {
		return stats.Report{}, &ConfigError{Err: err}
	}
	return stats.Compute(ctx, st, stats.Query{ClientID: client.ID, From: month.From, To: month.To,
		Loc: cfg.Location(), BusinessHours: hours, Reports: networkReports})
}

// businessHours are the client's business hours: those of the first SLA
// rule that applies to it, in that rule's zone (the config's when it names
// none); nil without one, and the business-hours figures are then "not
// available" rather than guessed.
func businessHours(set *rules.Set, client string, loc *time.Location) (*stats.Hours, error) {
	if set == nil {
		return nil, nil
	}
	for _, r := range set.Rules() {
		if r.Type != rules.TypeSLA || (r.Client != "" && r.Client != client) {
			continue
		}
		if z, err := time.LoadLocation(r.Zone); err == nil && r.Zone != "" {
			loc = z
		}
		return stats.ParseHours(r.BusinessHours, loc)
	}
	return nil, nil
}

// clientHours gives the Stats pane each client's business hours, read
// once from the rules (nil: not available). A malformed spec was refused
// when the config loaded, so an error here only means "none".
func clientHours(cfg *config.Config, ws *Workspace) func(clientID int64) *stats.Hours {
	byID := map[int64]*stats.Hours{}
	for _, c := range ws.Clients {
		if h, err := businessHours(cfg.RuleSet(), c.Slug, cfg.Location()); err == nil {
			byID[c.ID] = h
		}
	}
	return func(clientID int64) *stats.Hours { return byID[clientID] }
}

// networkReports says which figures an account's network gives: a feed
// (rss) has no posts of ours and no activity, so its zeros must not count
// as figures; every other provider reports them.
func networkReports(a core.Account) stats.Reports {
	if a.Provider == "rss" {
		return stats.Reports{}
	}
	return stats.AllReported
}

// reportOptions fill the report's byline and look from the config: the
// configured client's name and color win over what the store last saw.
func reportOptions(cfg *config.Config, client core.Client, lang i18n.Lang, now time.Time) report.Options {
	opts := report.Options{ClientName: client.Name, Color: client.Color, CMName: strings.TrimSpace(cfg.CM.Name),
		Agency: strings.TrimSpace(cfg.CM.Agency), Lang: string(lang), Generated: now}
	for _, c := range cfg.Clients {
		if c.Slug != client.Slug {
			continue
		}
		if c.Name != "" {
			opts.ClientName = c.Name
		}
		if c.Color != "" {
			opts.Color = c.Color
		}
	}
	return opts
}

// writeReport writes the report in format.
func writeReport(w io.Writer, format string, rep stats.Report, opts report.Options) error {
	var err error
	switch format {
	case FormatCSV:
		err = report.CSV(w, rep)
	case FormatHTML:
		err = report.HTML(w, rep, opts)
	default:
		err = report.Markdown(w, rep, opts)
	}
	if err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	return nil
}
