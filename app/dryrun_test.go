package app

import (
	"bytes"
	"context"
	"encoding/json"
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
	"cmdeck/rules"
	"cmdeck/store"
)

// monday is the Monday the dry-run history happens on.
var monday = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

// dryRules are the rules of the dry-run tests, for client fournil.
func dryRules() []rules.Rule {
	return []rules.Rule{
		{Name: "remboursement", Client: "fournil", Type: rules.TypeKeyword, Query: "rembours*"},
		{Name: "pic", Client: "fournil", Type: rules.TypeSpike, Severity: core.SeverityCritical, Query: "retard", MinCount: 5},
		{Name: "délai", Client: "fournil", Type: rules.TypeSLA, Within: 2 * time.Hour,
			BusinessHours: "mon-fri 09:00-18:00", Zone: "UTC"},
		{Name: "jamais", Client: "fournil", Type: rules.TypeKeyword, Query: "licorne"},
	}
}

// msg is one cached item of the history.
type msg struct {
	id, body   string
	at         time.Duration // after monday
	needsReply bool
	state      core.ItemState
	outgoing   bool
	thread     string // the conversation it answers, for our replies
}

// dryHistory is fournil's cached week: a day of quiet before the period,
// refund requests on two days, a burst of complaints about delays, and
// questions answered on time, late, never, or closed without a reply.
func dryHistory() []msg {
	h := time.Hour
	m := time.Minute
	return []msg{
		{id: "old", body: "Encore du retard", at: -14 * h, state: core.StateRead},
		{id: "r1", body: "Je veux un remboursement", at: 10 * h, state: core.StateRead},
		{id: "r2", body: "Remboursez-moi !", at: 11 * h, state: core.StateRead},
		{id: "r3", body: "Remboursement svp", at: 34 * h, state: core.StateRead},
		{id: "s1", body: "retard livraison", at: 14 * h, state: core.StateRead},
		{id: "s2", body: "encore un retard", at: 14*h + 5*m, state: core.StateRead},
		{id: "s3", body: "retard retard", at: 14*h + 10*m, state: core.StateRead},
		{id: "s4", body: "gros retard", at: 14*h + 15*m, state: core.StateRead},
		{id: "s5", body: "retard !", at: 14*h + 20*m, state: core.StateRead},
		{id: "s6", body: "toujours en retard", at: 14*h + 25*m, state: core.StateRead},
		{id: "qa", body: "Question A ?", at: 9*h + 30*m, needsReply: true, state: core.StateNew},
		{id: "qb", body: "Question B ?", at: 9*h + 40*m, state: core.StateReplied},
		{id: "ob", body: "Réponse B", at: 10 * h, outgoing: true, thread: "qb", state: core.StateDone},
		{id: "qc", body: "Question C ?", at: 16 * h, state: core.StateReplied},
		{id: "oc", body: "Réponse C", at: 36 * h, outgoing: true, thread: "qc", state: core.StateDone},
		{id: "qd", body: "Question D ?", at: 17 * h, state: core.StateDone},
	}
}

// dryStore is a store holding fournil's history and another client's item.
func dryStore(t *testing.T) (*store.Store, string) {
	t.Helper()
	if monday.Weekday() != time.Monday {
		t.Fatalf("%v is a %v", monday, monday.Weekday())
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cmdeck.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	clients := []core.Client{{Slug: "fournil", Name: "Le Fournil"}, {Slug: "other", Name: "Other"}}
	accounts := []core.Account{
		{ClientSlug: "fournil", Provider: "demo", Network: "Chirper", Handle: "@f"},
		{ClientSlug: "other", Provider: "demo", Network: "Chirper", Handle: "@o"},
	}
	_, accts, err := st.UpsertWorkspace(ctx, clients, accounts)
	if err != nil {
		t.Fatal(err)
	}
	var items []core.Item
	for i, m := range dryHistory() {
		it := core.Item{RemoteID: m.id, Kind: core.KindComment, Body: m.body, CreatedAt: monday.Add(m.at),
			State: m.state, NeedsReply: m.needsReply, Outgoing: m.outgoing, Lang: "fr",
			Author: core.Author{Network: "Chirper", RemoteID: "u" + string(rune('a'+i%5)), Handle: "@client", Name: "Client"}}
		if m.outgoing {
			it.Kind, it.ParentRemoteID, it.ThreadRemoteID = core.KindReply, m.thread, m.thread
			it.Author = core.Author{Network: "Chirper", RemoteID: "self", Handle: "@f", Name: "Le Fournil"}
		}
		items = append(items, it)
	}
	ingest := func(acct core.Account, items []core.Item) {
		if _, err := st.IngestBatch(ctx, acct.ID, core.Batch{Items: items}, monday.Add(48*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	ingest(accts[0], items)
	ingest(accts[1], []core.Item{{RemoteID: "x", Kind: core.KindComment, Body: "remboursement", CreatedAt: monday.Add(10 * time.Hour),
		Author: core.Author{Network: "Chirper", RemoteID: "z", Handle: "@z"}}})
	return st, path
}

func dryRun(t *testing.T, st *store.Store, since time.Time) DryRunReport {
	t.Helper()
	set, err := rules.Compile(dryRules())
	if err != nil {
		t.Fatal(err)
	}
	clients, err := st.Clients(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	rep, err := DryRun(context.Background(), st, set, clients[slices.IndexFunc(clients, func(c core.Client) bool { return c.Slug == "fournil" })], since, monday.Add(48*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// alertsOf lists the report's alerts of one rule.
func alertsOf(rep DryRunReport, rule string) []DryAlert {
	var out []DryAlert
	for _, a := range rep.Alerts {
		if a.Rule == rule {
			out = append(out, a)
		}
	}
	return out
}

// The dry run replays the period as the engine would have lived it.
func TestDryRunReplaysThePeriod(t *testing.T) {
	st, _ := dryStore(t)
	rep := dryRun(t, st, monday)

	// Keyword alerts group by day: Monday's two requests are one alert.
	kw := alertsOf(rep, "remboursement")
	if len(kw) != 2 || len(kw[0].ItemIDs) != 2 || len(kw[1].ItemIDs) != 1 {
		t.Errorf("remboursement: %+v, want Monday's alert of 2 and Tuesday's of 1", kw)
	}
	if !kw[0].At.Equal(monday.Add(10 * time.Hour)) {
		t.Errorf("remboursement opened at %v, want the first request's time", kw[0].At)
	}

	// The spike opens when the fifth complaint of the hour arrives, not
	// before: each item is judged on what had arrived by then.
	sp := alertsOf(rep, "pic")
	if len(sp) != 1 {
		t.Fatalf("pic: %+v, want one alert", sp)
	}
	if want := monday.Add(14*time.Hour + 20*time.Minute); !sp[0].At.Equal(want) {
		t.Errorf("spike opened at %v, want %v (the fifth item)", sp[0].At, want)
	}
	if sp[0].Figure != 6 || sp[0].Severity != core.SeverityCritical {
		t.Errorf("spike figure %d severity %s, want 6 and critical", sp[0].Figure, sp[0].Severity)
	}

	// The SLA: A still waits (late at 11:30), B was answered in time, C
	// was answered the next day (late at 18:00), D was closed without a
	// reply we know of. A and C fell due on Monday: one alert.
	sla := alertsOf(rep, "délai")
	if len(sla) != 1 || len(sla[0].ItemIDs) != 2 {
		t.Fatalf("délai: %+v, want one alert of A and C", sla)
	}
	if want := monday.Add(11*time.Hour + 30*time.Minute); !sla[0].At.Equal(want) {
		t.Errorf("SLA alert at %v, want A's deadline %v", sla[0].At, want)
	}

	if rep.Checked != 13 {
		t.Errorf("checked %d items, want the 13 incoming ones of the period", rep.Checked)
	}
	var summary []string
	for _, r := range rep.Rules {
		summary = append(summary, r.Rule+":"+string(rune('0'+r.Alerts)))
	}
	if want := []string{"remboursement:2", "pic:1", "délai:1", "jamais:0"}; !slices.Equal(summary, want) {
		t.Errorf("summary %v, want %v", summary, want)
	}
}

// Items before since only feed the history: Tuesday alone has one refund
// request, and Monday's spike is not reported.
func TestDryRunSince(t *testing.T) {
	st, _ := dryStore(t)
	rep := dryRun(t, st, monday.Add(24*time.Hour))
	if len(alertsOf(rep, "pic")) != 0 || len(alertsOf(rep, "remboursement")) != 1 {
		t.Fatalf("alerts %+v, want Tuesday's refund request only", rep.Alerts)
	}
}

// A dry run writes nothing: no alert exists afterwards.
func TestDryRunWritesNothing(t *testing.T) {
	st, _ := dryStore(t)
	if rep := dryRun(t, st, monday); len(rep.Alerts) == 0 {
		t.Fatal("nothing fired; the test proves nothing")
	}
	for _, history := range []bool{false, true} {
		got, err := st.Alerts(context.Background(), store.AlertQuery{History: history})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 0 {
			t.Fatalf("the dry run stored alerts: %+v", got)
		}
	}
}

// rulesConfig is a config over the test database with the dry-run rules.
func rulesConfig(path string) *config.Config {
	var rs []rules.Rule
	for _, r := range dryRules() {
		r.Client = ""
		rs = append(rs, r)
	}
	return &config.Config{DB: path, Timezone: "UTC", Clients: []config.Client{{Slug: "fournil", Name: "Le Fournil", Rules: rs}}}
}

// The command prints a table and a summary, or JSON.
func TestRunRulesTestOutput(t *testing.T) {
	_, path := dryStore(t)
	cfg := rulesConfig(path)
	now := monday.Add(48 * time.Hour)
	var out bytes.Buffer
	err := runRulesTest(context.Background(), cfg, RulesTestFlags{Client: "fournil", Since: "2026-11-23"}, now, &out, i18n.New(i18n.EN))
	if err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{
		"4 alerts would have fired for Le Fournil since 2026-11-23 00:00 (UTC): 13 messages checked; nothing was written.",
		"2026-11-23 14:20  critical  pic",
		"2026-11-23 11:30  warning   délai",
		"jamais         keyword  warning   0       0",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	out.Reset()
	err = runRulesTest(context.Background(), cfg, RulesTestFlags{Client: "fournil", Since: "2026-11-23", JSON: true}, now, &out, i18n.New(i18n.EN))
	if err != nil {
		t.Fatal(err)
	}
	var j struct {
		Client  string `json:"client"`
		Checked int    `json:"checked"`
		Alerts  []struct {
			Rule    string  `json:"rule"`
			ItemIDs []int64 `json:"item_ids"`
		} `json:"alerts"`
	}
	if err := json.Unmarshal(out.Bytes(), &j); err != nil {
		t.Fatalf("%v:\n%s", err, out.String())
	}
	if j.Client != "fournil" || j.Checked != 13 || len(j.Alerts) != 4 {
		t.Errorf("JSON %+v", j)
	}
}

// --rules tries a file's rules instead of the config's.
func TestRunRulesTestWithFile(t *testing.T) {
	_, path := dryStore(t)
	file := filepath.Join(t.TempDir(), "try.yaml")
	if err := os.WriteFile(file, []byte("- {name: livraison, type: keyword, query: retard}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err := runRulesTest(context.Background(), rulesConfig(path), RulesTestFlags{Client: "fournil", Since: "2026-11-23", Rules: file},
		monday.Add(48*time.Hour), &out, i18n.New(i18n.EN))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "1 alerts would have fired") || strings.Contains(out.String(), "remboursement") {
		t.Errorf("output:\n%s", out.String())
	}
}

// Mistakes are configuration errors (exit code 2) that say what to do.
func TestRunRulesTestMistakes(t *testing.T) {
	_, path := dryStore(t)
	now := monday.Add(48 * time.Hour)
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("- {name: x, type: keyword}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		cfg  *config.Config
		f    RulesTestFlags
		want string
	}{
		{"unknown client", rulesConfig(path), RulesTestFlags{Client: "fornil"}, `unknown client "fornil" (known: fournil, other)`},
		{"no rules", &config.Config{DB: path, Clients: []config.Client{{Slug: "fournil"}}}, RulesTestFlags{Client: "fournil"}, `no alert rule applies to client "fournil"`},
		{"other client's rules", rulesConfig(path), RulesTestFlags{Client: "other"}, `no alert rule applies to client "other"`},
		{"bad file", rulesConfig(path), RulesTestFlags{Client: "fournil", Rules: bad}, `rule 0 "x": query: missing`},
		{"bad since", rulesConfig(path), RulesTestFlags{Client: "fournil", Since: "yesterday"}, "--since"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := runRulesTest(context.Background(), tc.cfg, tc.f, now, &bytes.Buffer{}, i18n.New(i18n.EN))
			var ce *ConfigError
			if !errors.As(err, &ce) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want a *ConfigError with %q", err, tc.want)
			}
		})
	}
}
