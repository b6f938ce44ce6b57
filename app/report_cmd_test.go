package app

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/rules"
)

// reportNow is the demo's "now" in the report tests: its first sync brings
// ten days of history, the last days of October among them.
var reportNow = time.Date(2026, 11, 5, 9, 0, 0, 0, time.UTC)

// syncedDemo is the demo workspace after one sync at reportNow.
func syncedDemo(t *testing.T) *Workspace {
	t.Helper()
	ws := openDemo(t, core.NewManualClock(reportNow))
	syncOnce(t, ws)
	return ws
}

// demoClient is the demo client the report tests use.
func demoClient(t *testing.T, ws *Workspace) core.Client {
	t.Helper()
	if len(ws.Clients) == 0 {
		t.Fatal("the demo has no client")
	}
	return ws.Clients[0]
}

// reportOf runs the report command's body on the workspace; it returns
// stdout and stderr.
func reportOf(t *testing.T, ws *Workspace, f ReportFlags, lang i18n.Lang) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	req, err := checkReportFlags(f, ws.Config.Location())
	if err != nil {
		return "", "", err
	}
	err = runReport(context.Background(), ws.Config, ws.Store, req,
		reportEnv{lang: lang, now: reportNow, stdout: &out, stderr: &errOut, t: i18n.New(lang)})
	return out.String(), errOut.String(), err
}

// The report of a demo client's last month, in each format: it holds the
// client and the month, and October's synced items are counted.
func TestReportFormats(t *testing.T) {
	ws := syncedDemo(t)
	client := demoClient(t, ws)
	f := ReportFlags{Client: client.Slug, Month: "2026-10"}

	md, _, err := reportOf(t, ws, f, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# ", client.Name, "October 2026", "September 2026"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%.600s", want, md)
		}
	}

	f.Format = "csv"
	csv, _, err := reportOf(t, ws, f, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(csv, "\uFEFF") || !strings.Contains(csv, "figures,") {
		t.Errorf("csv:\n%.400s", csv)
	}
	if received := csvField(csv, "figures", "received"); received == "" || received == "0" || received == "n/a" {
		t.Errorf("October's received items = %q, want the synced ones counted", received)
	}

	f.Format = "HTML"
	page, _, err := reportOf(t, ws, f, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page, "<!DOCTYPE html>") || !strings.Contains(page, client.Name) {
		t.Errorf("html lacks the page or the client name %q", client.Name)
	}
	for _, bad := range []string{`src="http`, `href="http`, `src="//`, `href="//`, "url(", "@import", "<script", "<link"} {
		if strings.Contains(page, bad) {
			t.Errorf("html loads something from outside: %q", bad)
		}
	}
}

// csvField is the second column of the CSV row section,name.
func csvField(csv, section, name string) string {
	for line := range strings.SplitSeq(csv, "\n") {
		cells := strings.Split(strings.TrimSpace(line), ",")
		if len(cells) > 2 && cells[0] == section && cells[1] == name {
			return cells[2]
		}
	}
	return ""
}

// The report speaks the language it is given, and carries the CM's
// byline from the config.
func TestReportLanguageAndByline(t *testing.T) {
	ws := syncedDemo(t)
	ws.Config.CM.Name, ws.Config.CM.Agency = "Léa Martin", "Agence Lumière"
	md, _, err := reportOf(t, ws, ReportFlags{Client: demoClient(t, ws).Slug, Month: "2026-10"}, i18n.FR)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"octobre 2026", "Léa Martin", "Agence Lumière"} {
		if !strings.Contains(md, want) {
			t.Errorf("french report lacks %q:\n%.600s", want, md)
		}
	}
}

// With -o the report goes to the file, and stderr says where.
func TestReportToFile(t *testing.T) {
	ws := syncedDemo(t)
	path := filepath.Join(t.TempDir(), "report.html")
	out, errOut, err := reportOf(t, ws, ReportFlags{Client: demoClient(t, ws).Slug, Month: "2026-10", Format: "html", Output: path}, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	body, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(body), "<!DOCTYPE html>") {
		t.Fatalf("file: %v\n%.200s", err, body)
	}
	if out != "" || !strings.Contains(errOut, "report written to "+path) {
		t.Errorf("stdout %q, stderr %q", out, errOut)
	}
}

// An unknown client, a bad month or format are the user's to fix: exit
// code 2, with the known slugs for the client.
func TestReportMistakesAreConfigErrors(t *testing.T) {
	ws := syncedDemo(t)
	slug := demoClient(t, ws).Slug
	for name, tc := range map[string]struct {
		f    ReportFlags
		want string
	}{
		"unknown client": {ReportFlags{Client: "nobody", Month: "2026-10"}, slug},
		"bad month":      {ReportFlags{Client: slug, Month: "2026-13"}, "YYYY-MM"},
		"no month":       {ReportFlags{Client: slug}, "--month"},
		"bad format":     {ReportFlags{Client: slug, Month: "2026-10", Format: "pdf"}, "md, csv or html"},
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := reportOf(t, ws, tc.f, i18n.EN)
			var ce *ConfigError
			if !errors.As(err, &ce) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want a *ConfigError mentioning %q", err, tc.want)
			}
		})
	}
}

// The business hours are the first SLA rule's for the client, in its zone;
// a rule for another client does not count, and without one there are none.
func TestBusinessHoursFromSLARules(t *testing.T) {
	set, err := rules.Compile([]rules.Rule{
		{Name: "other", Client: "b", Type: rules.TypeSLA, Within: time.Hour, BusinessHours: "sat 10:00-11:00", Zone: "UTC"},
		{Name: "sla", Client: "a", Type: rules.TypeSLA, Within: time.Hour, BusinessHours: "mon-fri 09:00-18:00", Zone: "UTC"},
	})
	if err != nil {
		t.Fatal(err)
	}
	h, err := businessHours(set, "a", time.UTC)
	if err != nil || h == nil {
		t.Fatalf("hours = %v, %v", h, err)
	}
	monday := time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
	// Monday 08:00 to 10:00 holds one business hour under a's rule; b's
	// Saturday hours would give none.
	if got := h.Between(monday, monday.Add(2*time.Hour)); got != time.Hour {
		t.Errorf("business time Monday 08:00-10:00 = %v, want 1h (client a's hours)", got)
	}
	if h, err := businessHours(set, "c", time.UTC); h != nil || err != nil {
		t.Errorf("client without an SLA rule: %v, %v", h, err)
	}
	if h, err := businessHours(nil, "a", time.UTC); h != nil || err != nil {
		t.Errorf("no rules: %v, %v", h, err)
	}
}

// A feed reports no figure of ours; a social network reports them all.
func TestNetworkReports(t *testing.T) {
	if r := networkReports(core.Account{Provider: "rss"}); r.Likes || r.Activity {
		t.Errorf("rss reports %+v", r)
	}
	if r := networkReports(core.Account{Provider: "mastodon"}); !r.Likes || !r.Activity {
		t.Errorf("mastodon reports %+v", r)
	}
}
