package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"cmdeck/config"
	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/store"
)

// exportNow is the tests' "now": 24 November 2026, 08:30 in Paris.
var exportNow = time.Date(2026, 11, 24, 7, 30, 0, 0, time.UTC)

// exportStore is a temp store with two clients. Le Fournil has six items:
// three tagged since October (one by batch tags, two by SetTag), one tagged
// in September, one untagged, one with only a network's label (not a tag of
// the vocabulary); PixelForge has one tagged item.
func exportStore(t *testing.T) (*store.Store, string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cmdeck.db")
	st, err := store.Open(ctx, path, store.WithClock(core.NewManualClock(exportNow)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	_, accts, err := st.UpsertWorkspace(ctx,
		[]core.Client{{Slug: "fournil", Name: "Le Fournil"}, {Slug: "pixelforge", Name: "PixelForge Studio"}},
		[]core.Account{
			{ClientSlug: "fournil", Provider: "demo", Network: "ReviewHub", Handle: "Le Fournil"},
			{ClientSlug: "pixelforge", Provider: "demo", Network: "Chirper", Handle: "@pixelforge"},
		})
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time {
		d, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	item := func(remote, who, body, when string, tags ...string) core.Item {
		return core.Item{RemoteID: remote, Kind: core.KindReview, Body: body, CreatedAt: at(when), Tags: tags,
			URL:    "https://reviewhub.example/r/" + remote,
			Author: core.Author{RemoteID: "u-" + who, Handle: "@" + who, Name: who}}
	}
	res, err := st.IngestBatch(ctx, accts[0].ID, core.Batch{Items: []core.Item{
		item("old", "ana", "Trop cher", "2026-09-20T10:00:00Z", "complaint"),
		item("r1", "lea", "Le pain était rassis,\nvraiment déçue", "2026-10-02T12:03:00Z", "complaint", "toxic"),
		item("r2", "tom", "=HYPERLINK(\"http://evil\") [click](http://evil) <b>", "2026-10-05T08:00:00Z"),
		item("r3", "zoe", "Et si vous faisiez des chouquettes le dimanche ?", "2026-11-01T09:15:00Z"),
		item("r4", "max", "Rien à dire", "2026-11-02T09:15:00Z"),
		item("r5", "bot", "Gagnez 3800 € par jour", "2026-11-02T10:00:00Z", "spam-suspect"),
	}}, exportNow)
	if err != nil {
		t.Fatal(err)
	}
	ids := res.NewItemIDs // old, r1, r2, r3, r4
	if err := st.SetTag(ctx, ids[2:3], "complaint", true); err != nil {
		t.Fatal(err)
	}
	if err := st.SetTag(ctx, ids[3:4], "idea", true); err != nil {
		t.Fatal(err)
	}
	if err := st.SetState(ctx, ids[1:2], core.StateDone, exportNow); err != nil {
		t.Fatal(err)
	}
	if _, err := st.IngestBatch(ctx, accts[1].ID, core.Batch{Items: []core.Item{
		item("p1", "kim", "Bug au lancement", "2026-11-03T09:00:00Z", "bug"),
	}}, exportNow); err != nil {
		t.Fatal(err)
	}
	return st, path
}

func parisConfig() *config.Config { return &config.Config{Timezone: "Europe/Paris"} }

var october1 = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)

func TestExportTagsCSV(t *testing.T) {
	st, _ := exportStore(t)
	cat := i18n.New(i18n.EN)
	var buf bytes.Buffer
	n, err := RunExportTags(context.Background(), parisConfig(), st,
		ExportRequest{Client: "fournil", Since: october1, Format: FormatCSV}, &buf, cat)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("the export is not valid CSV: %v\n%s", err, buf.String())
	}
	if n != 3 || len(rows) != 4 {
		t.Fatalf("%d items, %d rows; want 3 items after a header:\n%q", n, len(rows), rows)
	}
	if want := (exporter{t: cat}).header(); !slices.Equal(rows[0], want) {
		t.Errorf("header %q, want %q", rows[0], want)
	}
	// Dates in Paris time (UTC+2 in October, UTC+1 in November), oldest first.
	wantFirst := []string{"2026-10-02 14:03", "ReviewHub", "Le Fournil", "'@lea", "complaint",
		(exporter{t: cat}).state(core.StateDone), "https://reviewhub.example/r/r1", "Le pain était rassis,\nvraiment déçue"}
	if !slices.Equal(rows[1], wantFirst) {
		t.Errorf("first row\n%q\nwant\n%q", rows[1], wantFirst)
	}
	if got := rows[2][7]; !strings.HasPrefix(got, "'=HYPERLINK") {
		t.Errorf("formula cell %q was not defused", got)
	}
	if rows[3][0] != "2026-11-01 10:15" || rows[3][4] != "idea" {
		t.Errorf("third row %q", rows[3])
	}
}

func TestExportTagsMarkdown(t *testing.T) {
	st, _ := exportStore(t)
	var buf bytes.Buffer
	_, err := RunExportTags(context.Background(), parisConfig(), st,
		ExportRequest{Client: "fournil", Since: october1, Format: FormatMarkdown}, &buf, i18n.New(i18n.FR))
	if err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	complaint, idea := strings.Index(md, "## complaint (2)"), strings.Index(md, "## idea (1)")
	if complaint < 0 || idea < complaint {
		t.Fatalf("want a complaint (2) section before idea (1):\n%s", md)
	}
	for _, want := range []string{
		"- **complaint** (2)\n- **idea** (1)\n",
		"2026-10-02 14:03 · ReviewHub Le Fournil · @lea",
		"Le pain était rassis, vraiment déçue <https://reviewhub.example/r/r1>",
		`\[click\](http://evil) \<b\>`,
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
	for _, unwanted := range []string{"Trop cher", "Rien à dire", "Bug au lancement", "3800", "toxic", "spam-suspect"} {
		if strings.Contains(md, unwanted) {
			t.Errorf("report holds %q (before since, untagged, another client's, or not in the vocabulary):\n%s", unwanted, md)
		}
	}
}

func TestExportTagsEmptyPeriod(t *testing.T) {
	st, _ := exportStore(t)
	var buf bytes.Buffer
	cat := i18n.New(i18n.EN)
	n, err := RunExportTags(context.Background(), parisConfig(), st,
		ExportRequest{Client: "fournil", Since: exportNow, Format: FormatMarkdown}, &buf, cat)
	if err != nil || n != 0 || !strings.Contains(buf.String(), mdEscape(cat.T("cli.export.empty"))) {
		t.Errorf("n=%d err=%v report:\n%s", n, err, buf.String())
	}
}

func TestExportTagsUserMistakes(t *testing.T) {
	st, _ := exportStore(t)
	tests := []struct {
		name string
		req  ExportRequest
		want string
	}{
		{"unknown client", ExportRequest{Client: "fornil", Since: october1, Format: FormatCSV},
			`unknown client "fornil" (known: fournil, pixelforge)`},
		{"no client", ExportRequest{Since: october1, Format: FormatCSV}, "--client is required (known: fournil, pixelforge)"},
		{"unknown format", ExportRequest{Client: "fournil", Format: "xlsx"}, `unknown export format "xlsx"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			_, err := RunExportTags(context.Background(), parisConfig(), st, tt.req, &buf, i18n.New(i18n.EN))
			var ce *ConfigError
			if !errors.As(err, &ce) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want a *ConfigError with %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %q before failing", buf.String())
			}
		})
	}
}

func TestParseSince(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no tz database:", err)
	}
	tests := []struct {
		in      string
		want    time.Time
		wantErr string
	}{
		{"2026-10-01", time.Date(2026, 10, 1, 0, 0, 0, 0, paris), ""},
		{" 2026-11-24 ", time.Date(2026, 11, 24, 0, 0, 0, 0, paris), ""},
		{"30d", time.Date(2026, 10, 25, 0, 0, 0, 0, paris), ""},
		{"1d", time.Date(2026, 11, 23, 0, 0, 0, 0, paris), ""},
		{"2w", time.Date(2026, 11, 10, 0, 0, 0, 0, paris), ""},
		{"36h", exportNow.Add(-36 * time.Hour), ""},
		{"2026-12-01", time.Time{}, "in the future"},
		{"0d", time.Time{}, "neither a date nor a period"},
		{"-3d", time.Time{}, "neither a date nor a period"},
		{"99999999999999999w", time.Time{}, "neither a date nor a period"},
		{"-1h", time.Time{}, "neither a date nor a period"},
		{"2026-13-01", time.Time{}, "neither a date nor a period"},
		{"last month", time.Time{}, "neither a date nor a period"},
		{"", time.Time{}, "neither a date nor a period"},
	}
	for _, tt := range tests {
		got, err := ParseSince(tt.in, exportNow, paris)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseSince(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseSince(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestExportRequestFromFlags(t *testing.T) {
	tests := []struct {
		flags      ExportTagsFlags
		wantFormat string
		wantErr    string
	}{
		{ExportTagsFlags{Client: "fournil"}, FormatCSV, ""},
		{ExportTagsFlags{Client: "fournil", Output: "rapport.MD"}, FormatMarkdown, ""},
		{ExportTagsFlags{Client: "fournil", Output: "rapport.md", Format: "csv"}, FormatCSV, ""},
		{ExportTagsFlags{Client: "fournil", Format: " MD "}, FormatMarkdown, ""},
		{ExportTagsFlags{Client: "fournil", Format: "pdf"}, "", `--format "pdf": use csv or md`},
		{ExportTagsFlags{Client: "fournil", Since: "yesterday"}, "", "--since: "},
	}
	for _, tt := range tests {
		req, err := exportRequest(tt.flags, time.UTC, exportNow)
		if tt.wantErr != "" {
			var ce *ConfigError
			if !errors.As(err, &ce) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%+v: error = %v, want a *ConfigError with %q", tt.flags, err, tt.wantErr)
			}
			continue
		}
		if err != nil || req.Format != tt.wantFormat || !req.Since.Equal(time.Date(2026, 10, 25, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%+v: %+v, %v; want format %s since 30 days", tt.flags, req, err, tt.wantFormat)
		}
	}
}

func TestExportTagsToFile(t *testing.T) {
	_, dbPath := exportStore(t)
	cfg := parisConfig()
	cfg.DB = dbPath
	out := filepath.Join(t.TempDir(), "fournil.md")
	var stdout bytes.Buffer
	err := ExportTags(context.Background(), cfg,
		ExportTagsFlags{Client: "fournil", Since: "2026-10-01", Output: out}, &stdout, i18n.New(i18n.EN))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(data), "## complaint (2)") {
		t.Fatalf("file %s: %v\n%s", out, err, data)
	}
	if info, _ := os.Stat(out); info.Mode().Perm()&0o077 != 0 {
		t.Errorf("export file mode %v: it quotes customers, keep it private", info.Mode().Perm())
	}
	if want := i18n.New(i18n.EN).T("cli.export.done", 3, out) + "\n"; stdout.String() != want {
		t.Errorf("stdout %q, want %q", stdout.String(), want)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".cmdeck-export-*"))
	if len(leftovers) != 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}

	// A failed export leaves the previous file alone.
	err = ExportTags(context.Background(), cfg, ExportTagsFlags{Client: "nope", Output: out}, &stdout, i18n.New(i18n.EN))
	if again, _ := os.ReadFile(out); err == nil || !bytes.Equal(again, data) {
		t.Errorf("failed export: err %v, file changed: %v", err, !bytes.Equal(again, data))
	}
}

func TestExportTagsNeverCreatesADatabase(t *testing.T) {
	cfg := parisConfig()
	cfg.DB = filepath.Join(t.TempDir(), "missing.db")
	err := ExportTags(context.Background(), cfg, ExportTagsFlags{Client: "fournil"}, &bytes.Buffer{}, i18n.New(i18n.EN))
	var ce *ConfigError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "no database at") {
		t.Errorf("error = %v, want a *ConfigError about the missing database", err)
	}
	if _, statErr := os.Stat(cfg.DB); statErr == nil {
		t.Error("the export created a database")
	}
}

func TestExportTagsFollowsTheConfiguredVocabulary(t *testing.T) {
	st, _ := exportStore(t)
	cfg := parisConfig()
	cfg.Tags = []string{"idea", "question"}
	var buf bytes.Buffer
	n, err := RunExportTags(context.Background(), cfg, st,
		ExportRequest{Client: "fournil", Since: october1, Format: FormatCSV}, &buf, i18n.New(i18n.EN))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := csv.NewReader(&buf).ReadAll()
	if n != 1 || len(rows) != 2 || rows[1][4] != "idea" {
		t.Errorf("%d items, rows %q; want only the idea", n, rows)
	}
}
