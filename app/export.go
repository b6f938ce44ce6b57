package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"cmdeck/config"
	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/store"
)

// Export formats.
const (
	FormatCSV      = "csv"
	FormatMarkdown = "md"
)

// DefaultExportSince is the period exported when --since is not given.
const DefaultExportSince = "30d"

// ExportTagsFlags are the flags of `cmdeck export tags`, as typed.
type ExportTagsFlags struct {
	Client string // client slug
	Since  string // "2026-10-01", "30d", "2w" or a Go duration ("36h"); "" = DefaultExportSince
	Format string // "csv" or "md"; "" = from the output's extension, else csv
	Output string // file to write; "" or "-" = stdout
}

// ExportRequest is what to export, once the flags are checked.
type ExportRequest struct {
	Client string    // client slug
	Since  time.Time // items created at or after
	Format string    // FormatCSV or FormatMarkdown
}

// ExportTags runs `cmdeck export tags`: it checks the flags, opens the
// workspace database and writes the client's tagged items to the output
// file (replaced only once the export is complete) or to stdout. It does
// not sync and does not read account secrets, so it runs from a cron job
// without the tokens. Every mistake of the user is a *ConfigError.
func ExportTags(ctx context.Context, cfg *config.Config, f ExportTagsFlags, stdout io.Writer, t *i18n.Catalog) error {
	req, err := exportRequest(f, cfg.Location(), core.SystemClock{}.Now())
	if err != nil {
		return err
	}
	st, err := openExisting(ctx, cfg.DBPath(os.Getenv))
	if err != nil {
		return err
	}
	defer st.Close()
	if f.Output == "" || f.Output == "-" {
		_, err := RunExportTags(ctx, cfg, st, req, stdout, t)
		return err
	}
	n, err := writeFileAtomically(f.Output, func(w io.Writer) (int, error) {
		return RunExportTags(ctx, cfg, st, req, w, t)
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, t.T("cli.export.done", n, f.Output))
	return nil
}

// exportRequest checks the flags.
func exportRequest(f ExportTagsFlags, loc *time.Location, now time.Time) (ExportRequest, error) {
	format := strings.ToLower(strings.TrimSpace(f.Format))
	if format == "" {
		format = FormatCSV
		if strings.EqualFold(filepath.Ext(f.Output), ".md") {
			format = FormatMarkdown
		}
	}
	if format != FormatCSV && format != FormatMarkdown {
		return ExportRequest{}, &ConfigError{Err: fmt.Errorf("--format %q: use csv or md", f.Format)}
	}
	since := f.Since
	if strings.TrimSpace(since) == "" {
		since = DefaultExportSince
	}
	at, err := ParseSince(since, now, loc)
	if err != nil {
		return ExportRequest{}, &ConfigError{Err: fmt.Errorf("--since: %w", err)}
	}
	return ExportRequest{Client: strings.TrimSpace(f.Client), Since: at, Format: format}, nil
}

// ParseSince reads the start of an export period: a date (2026-10-01,
// midnight in loc), a number of days or weeks back (30d, 2w, calendar days
// in loc), or a Go duration back (36h). The result may not be after now.
func ParseSince(s string, now time.Time, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if loc == nil {
		loc = time.UTC
	}
	if d, err := time.ParseInLocation(time.DateOnly, s, loc); err == nil {
		if d.After(now) {
			return time.Time{}, fmt.Errorf("%s is in the future", s)
		}
		return d, nil
	}
	if n, unit, ok := daysBack(s); ok {
		days := n * unit
		local := now.In(loc)
		return time.Date(local.Year(), local.Month(), local.Day()-days, 0, 0, 0, 0, loc), nil
	}
	if d, err := time.ParseDuration(s); err == nil && d > 0 {
		return now.Add(-d), nil
	}
	return time.Time{}, fmt.Errorf("%q is neither a date nor a period (write e.g. 2026-10-01, 30d, 2w or 36h)", s)
}

// daysBack reads "30d" (unit 1) or "2w" (unit 7); the count is positive
// and at most ten years.
func daysBack(s string) (n, unit int, ok bool) {
	if len(s) < 2 {
		return 0, 0, false
	}
	switch s[len(s)-1] {
	case 'd', 'D':
		unit = 1
	case 'w', 'W':
		unit = 7
	default:
		return 0, 0, false
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n <= 0 || n > 3660/unit {
		return 0, 0, false
	}
	return n, unit, true
}

// openExisting opens the workspace database, refusing to create one: an
// export of a database that does not exist is a wrong --db or config.
func openExisting(ctx context.Context, path string) (*store.Store, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, &ConfigError{Err: fmt.Errorf("no database at %s: open cmdeck or run cmdeck sync first, or pass --db", path)}
	}
	st, err := store.Open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	return st, nil
}

// RunExportTags writes one client's tagged items since req.Since to out,
// as CSV (a header row, then one row per item) or a Markdown report grouped
// by tag. Only the tags of cfg's vocabulary count (the CM's triage tags, not
// labels a network or a rule put on items). Dates are in cfg's zone. st nil opens cfg's database. An unknown
// client or format is a *ConfigError naming the known ones. It returns how
// many items it wrote.
func RunExportTags(ctx context.Context, cfg *config.Config, st *store.Store, req ExportRequest, out io.Writer, t *i18n.Catalog) (int, error) {
	if req.Format != FormatCSV && req.Format != FormatMarkdown {
		return 0, &ConfigError{Err: fmt.Errorf("unknown export format %q (use csv or md)", req.Format)}
	}
	if st == nil {
		opened, err := openExisting(ctx, cfg.DBPath(os.Getenv))
		if err != nil {
			return 0, err
		}
		defer opened.Close()
		st = opened
	}
	client, err := findClient(ctx, st, req.Client)
	if err != nil {
		return 0, err
	}
	items, err := st.TaggedItems(ctx, client.ID, req.Since)
	if err != nil {
		return 0, err
	}
	items = vocabularyOnly(items, cfg.TagList())
	x := exporter{t: t, loc: cfg.Location()}
	if req.Format == FormatCSV {
		err = x.csv(out, items)
	} else {
		err = x.markdown(out, client, req.Since, items)
	}
	if err != nil {
		return 0, fmt.Errorf("writing the export: %w", err)
	}
	return len(items), nil
}

// findClient looks a client up by slug among those the database knows
// (clients gone from config keep their history, so they can be exported).
func findClient(ctx context.Context, st *store.Store, slug string) (core.Client, error) {
	clients, err := st.Clients(ctx)
	if err != nil {
		return core.Client{}, err
	}
	slugs := make([]string, 0, len(clients))
	for _, c := range clients {
		if c.Slug == slug {
			return c, nil
		}
		slugs = append(slugs, c.Slug)
	}
	slices.Sort(slugs)
	known := strings.Join(slugs, ", ")
	if known == "" {
		known = "none yet: open cmdeck or run cmdeck sync first"
	}
	if slug == "" {
		return core.Client{}, &ConfigError{Err: fmt.Errorf("--client is required (known: %s)", known)}
	}
	return core.Client{}, &ConfigError{Err: fmt.Errorf("unknown client %q (known: %s)", slug, known)}
}

// vocabularyOnly keeps, on each item, the tags of the vocabulary, and
// drops the items left without one.
func vocabularyOnly(items []store.ItemView, vocabulary []string) []store.ItemView {
	out := items[:0]
	for _, it := range items {
		var tags []string
		for _, tag := range it.Tags {
			if slices.Contains(vocabulary, tag) {
				tags = append(tags, tag)
			}
		}
		if len(tags) > 0 {
			it.Tags = tags
			out = append(out, it)
		}
	}
	return out
}

// writeFileAtomically writes a file through a temporary file beside it, so
// a failed export never leaves half a file (or clobbers the last good one).
// The file is private: it quotes customers' messages.
func writeFileAtomically(path string, write func(io.Writer) (int, error)) (int, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".cmdeck-export-*")
	if err != nil {
		return 0, &ConfigError{Err: fmt.Errorf("-o %s: %w", path, err)}
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	n, err := write(tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return 0, fmt.Errorf("-o %s: %w", path, err)
	}
	return n, nil
}
