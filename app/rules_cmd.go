package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"cmdeck/config"
	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/rules"
)

// DefaultRulesSince is the period `cmdeck rules test` looks at by default.
const DefaultRulesSince = "30d"

// RulesTestFlags are the flags of `cmdeck rules test`, as typed.
type RulesTestFlags struct {
	Client string // client slug (required)
	Since  string // as for export: "2026-10-01", "30d", "2w", "36h"; "" = DefaultRulesSince
	Rules  string // a rules file to try instead of the config's rules
	JSON   bool
}

// RunRulesTest is `cmdeck rules test`: it dry-runs the client's rules (the
// config's, or a file's) over the cached history and prints what would
// have fired. It reads the database, never writes to it, reads no secret
// and touches no network. Every mistake of the user is a *ConfigError.
func RunRulesTest(ctx context.Context, cfg *config.Config, f RulesTestFlags, out io.Writer, t *i18n.Catalog) error {
	return runRulesTest(ctx, cfg, f, core.SystemClock{}.Now(), out, t)
}

func runRulesTest(ctx context.Context, cfg *config.Config, f RulesTestFlags, now time.Time, out io.Writer, t *i18n.Catalog) error {
	since := strings.TrimSpace(f.Since)
	if since == "" {
		since = DefaultRulesSince
	}
	from, err := ParseSince(since, now, cfg.Location())
	if err != nil {
		return &ConfigError{Err: fmt.Errorf("--since: %w", err)}
	}
	st, err := openExisting(ctx, cfg.DBPath(os.Getenv))
	if err != nil {
		return err
	}
	defer st.Close()
	client, err := findClient(ctx, st, strings.TrimSpace(f.Client))
	if err != nil {
		return err
	}
	set, err := rulesToTest(cfg, f.Rules, client.Slug, t)
	if err != nil {
		return err
	}
	rep, err := DryRun(ctx, st, set, client, from, now)
	if err != nil {
		return err
	}
	if f.JSON {
		return writeDryRunJSON(out, rep)
	}
	return writeDryRun(out, rep, cfg.Location(), t)
}

// rulesToTest is the rule set to try: the file's, or the config's (the
// demo's for the demo workspace). Without any rule for the client it says
// where to write some.
func rulesToTest(cfg *config.Config, file, client string, t *i18n.Catalog) (*rules.Set, error) {
	var set *rules.Set
	if file != "" {
		s, err := config.ReadRulesFile(file, client, cfg.Timezone)
		if err != nil {
			return nil, &ConfigError{Err: err}
		}
		set = s
	} else {
		set = cfg.RuleSet()
	}
	if set == nil || !appliesTo(set, client) {
		return nil, &ConfigError{Err: errors.New(tr(t, "cli.rules.no_rules", client))}
	}
	return set, nil
}

// appliesTo reports a rule of the set that the client gets.
func appliesTo(set *rules.Set, client string) bool {
	for _, r := range set.Rules() {
		if r.Client == "" || r.Client == client {
			return true
		}
	}
	return false
}

// writeDryRun prints the alerts as a table, then a line per rule.
func writeDryRun(out io.Writer, rep DryRunReport, loc *time.Location, t *i18n.Catalog) error {
	name := core.SanitizeLine(rep.Client.Name)
	from := rep.Since.In(loc).Format("2006-01-02 15:04")
	if len(rep.Alerts) == 0 {
		fmt.Fprintln(out, tr(t, "cli.rules.none", name, from, loc.String(), rep.Checked))
	} else {
		fmt.Fprintln(out, tr(t, "cli.rules.head", len(rep.Alerts), name, from, loc.String(), rep.Checked))
		fmt.Fprintln(out)
		tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
		writeRow(tw, strings.Split(tr(t, "cli.rules.columns"), ","))
		for _, a := range rep.Alerts {
			writeRow(tw, []string{a.At.In(loc).Format("2006-01-02 15:04"), string(a.Severity),
				core.SanitizeLine(a.Rule), strconv.Itoa(len(a.ItemIDs)), core.SanitizeLine(a.Title)})
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	fmt.Fprintln(out)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	writeRow(tw, strings.Split(tr(t, "cli.rules.summary"), ","))
	for _, r := range rep.Rules {
		writeRow(tw, []string{core.SanitizeLine(r.Rule), string(r.Type), string(r.Severity),
			strconv.Itoa(r.Alerts), strconv.Itoa(r.Items)})
	}
	return tw.Flush()
}

func writeRow(w io.Writer, cells []string) {
	fmt.Fprintln(w, strings.Join(cells, "\t"))
}

// dryRunJSON is the --json output: stable field names for scripts.
type dryRunJSON struct {
	Client     string          `json:"client"`
	ClientName string          `json:"client_name"`
	Since      time.Time       `json:"since"`
	Until      time.Time       `json:"until"`
	Checked    int             `json:"checked"`
	Alerts     []dryAlertJSON  `json:"alerts"`
	Rules      []ruleStatsJSON `json:"rules"`
}

type dryAlertJSON struct {
	At       time.Time `json:"at"`
	Severity string    `json:"severity"`
	Rule     string    `json:"rule"`
	Type     string    `json:"type"`
	Title    string    `json:"title"`
	Items    int       `json:"items"`
	ItemIDs  []int64   `json:"item_ids"`
	Figure   int       `json:"figure"`
	Group    string    `json:"group"`
}

type ruleStatsJSON struct {
	Rule     string `json:"rule"`
	Type     string `json:"type"`
	Severity string `json:"severity"`
	Alerts   int    `json:"alerts"`
	Items    int    `json:"items"`
}

func writeDryRunJSON(out io.Writer, rep DryRunReport) error {
	j := dryRunJSON{Client: rep.Client.Slug, ClientName: rep.Client.Name, Since: rep.Since.UTC(),
		Until: rep.Until.UTC(), Checked: rep.Checked, Alerts: []dryAlertJSON{}, Rules: []ruleStatsJSON{}}
	for _, a := range rep.Alerts {
		j.Alerts = append(j.Alerts, dryAlertJSON{At: a.At.UTC(), Severity: string(a.Severity), Rule: a.Rule,
			Type: string(a.Type), Title: a.Title, Items: len(a.ItemIDs), ItemIDs: a.ItemIDs, Figure: a.Figure, Group: a.GroupKey})
	}
	for _, r := range rep.Rules {
		j.Rules = append(j.Rules, ruleStatsJSON{Rule: r.Rule, Type: string(r.Type), Severity: string(r.Severity),
			Alerts: r.Alerts, Items: r.Items})
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(j)
}

// tr is t.T (kept as a name for the call sites).
func tr(t *i18n.Catalog, key string, args ...any) string { return t.T(key, args...) }
