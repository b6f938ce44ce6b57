package config

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"cmdeck/rules"
)

// writeFile writes body to name in dir and returns its path.
func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// loadIn writes config.yaml into dir and loads it.
func loadIn(t *testing.T, dir, body string, env func(string) string) (*Config, error) {
	t.Helper()
	c, _, err := Load(Options{File: writeFile(t, dir, "config.yaml", body), Env: env, Known: knownProviders})
	return c, err
}

const rulesConfig = `
timezone: Europe/Paris
rules:
  - name: arnaque
    type: keyword
    query: arnaque OR scam
rules_files: [shared/all.yaml]
clients:
  - slug: fournil
    accounts:
      - provider: demo
        handle: "@lefournil"
    rules:
      - name: délai
        type: sla
        within: 2h
        business_hours: "tue-sat 07:00-19:00"
      - name: spike
        type: spike
        min_count: 5
    rules_files: [alerts/fournil.yaml, ~/shared.yaml]
  - slug: pixelforge
    accounts:
      - provider: demo
        handle: "@pixelforge"
`

// Rules from the three places reach one compiled set: the top-level ones
// for every client, a client's own (inline and from its files, relative to
// the config or under ~) with the client set, and SLA zones defaulting to
// the configured one.
func TestLoadRulesFromEveryPlace(t *testing.T) {
	dir := t.TempDir()
	env := fakeEnv(t, nil)
	writeFile(t, dir, "alerts/fournil.yaml", "- name: remboursement\n  type: keyword\n  query: rembours*\n")
	writeFile(t, dir, "shared/all.yaml", "- name: vip\n  type: vip\n  marked: true\n")
	writeFile(t, env("HOME"), "shared.yaml", "rules:\n  - name: colère\n    type: sentiment\n    threshold: -0.7\n")
	c, err := loadIn(t, dir, rulesConfig, env)
	if err != nil {
		t.Fatal(err)
	}
	set := c.RuleSet()
	if set == nil {
		t.Fatal("RuleSet is nil")
	}
	got := map[string]rules.Rule{}
	for _, r := range set.Rules() {
		got[r.Name] = r
	}
	want := map[string]string{"arnaque": "", "vip": "", "délai": "fournil", "spike": "fournil", "remboursement": "fournil", "colère": "fournil"}
	if len(got) != len(want) {
		t.Fatalf("rules %v, want %v", got, want)
	}
	for name, client := range want {
		if r, ok := got[name]; !ok || r.Client != client {
			t.Errorf("rule %q: client %q (present %v), want %q", name, r.Client, ok, client)
		}
	}
	if z := got["délai"].Zone; z != "Europe/Paris" {
		t.Errorf("SLA zone = %q, want the configured Europe/Paris", z)
	}
	if z := got["arnaque"].Zone; z != "" {
		t.Errorf("a keyword rule got zone %q; only SLA rules take one", z)
	}
	if th := got["colère"].Threshold; th == nil || *th != -0.7 {
		t.Errorf("threshold from the file = %v, want -0.7", th)
	}
}

// The bakery's rules file, written for the rules package, loads as a
// client's rules file (the rules: key form).
func TestLoadBakeryRulesFile(t *testing.T) {
	bakery, err := filepath.Abs("../rules/testdata/bakery.yaml")
	if err != nil {
		t.Fatal(err)
	}
	body := "clients:\n  - slug: fournil\n    accounts:\n      - provider: demo\n        handle: x\n    rules_files: [\"" + bakery + "\"]\n"
	c, err := loadIn(t, t.TempDir(), body, fakeEnv(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	if set := c.RuleSet(); set == nil || set.Len() != 12 {
		t.Fatalf("bakery rules: %v, want 12 rules", set)
	}
}

// Without a timezone, an SLA rule's hours are the system's.
func TestSLAZoneDefaultsToSystem(t *testing.T) {
	body := "clients:\n  - slug: a\n    accounts:\n      - provider: demo\n        handle: x\n    rules:\n      - name: sla\n        type: sla\n        within: 1h\n"
	c, err := loadIn(t, t.TempDir(), body, fakeEnv(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	if z := c.RuleSet().Rules()[0].Zone; z != "Local" {
		t.Fatalf("zone = %q, want Local", z)
	}
}

// Every problem of every rule is reported in one pass, each naming the key
// path (inline) or the file and rule (rules files), with the line and a fix.
func TestRuleProblemsNameTheirPlace(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "alerts.yaml", `
- name: ok
  type: keyword
  query: retard
- name: spike
  type: spike
  factor: 0.5
- name: délai
  type: keyword
  query: lent
`)
	body := `clients:
  - slug: fournil
    accounts:
      - provider: demo
        handle: x
    rules:
      - name: délai
        type: keyword
        query: retard
      - name: cassé
        type: keyword
        query: "a b OR c"
    rules_files: [alerts.yaml, missing.yaml]
`
	_, err := loadIn(t, dir, body, fakeEnv(t, nil))
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v, want a *ValidationError", err)
	}
	text := err.Error()
	for _, want := range []string{
		"config.yaml:12: clients[0].rules[1].query: column 5: AND and OR mixed",
		"(fix: ",
		"clients[0].rules_files[0] (alerts.yaml): rule 1 \"spike\": factor: must be above 1 (fix: ",
		"alerts.yaml:5: clients[0].rules_files[0]",
		"clients[0].rules_files[0] (alerts.yaml): rule 2 \"délai\": name: also the name of clients[0].rules[0]",
		"clients[0].rules_files[1]: rules file " + filepath.Join(dir, "missing.yaml"),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("error lacks %q:\n%s", want, text)
		}
	}
}

// A rules file is checked like the config: unknown keys with a suggestion,
// durations without a unit, the wrong shape, each at its line.
func TestRulesFileSchemaProblems(t *testing.T) {
	for _, tc := range []struct{ name, file, want string }{
		{"typo", "- name: a\n  type: keyword\n  querry: x\n", `alerts.yaml:3: clients[0].rules_files[0] (alerts.yaml): rules[0].querry: unknown key (did you mean "query"?)`},
		{"no unit", "- name: a\n  type: sla\n  within: 2\n", `alerts.yaml:3: clients[0].rules_files[0] (alerts.yaml): rules[0].within: 2 has no unit`},
		{"not a list", "name: a\n", `alerts.yaml:1: clients[0].rules_files[0] (alerts.yaml): unknown key "name"`},
		{"scalar", "just text\n", `clients[0].rules_files[0] (alerts.yaml): expected a list of rules`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "alerts.yaml", tc.file)
			body := "clients:\n  - slug: a\n    accounts:\n      - provider: demo\n        handle: x\n    rules_files: [alerts.yaml]\n"
			_, err := loadIn(t, dir, body, fakeEnv(t, nil))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v\nwant it to contain %q", err, tc.want)
			}
		})
	}
}

// client: under a client must be that client; at the top level it must
// name one.
func TestRuleClientKeys(t *testing.T) {
	body := `rules:
  - name: a
    type: keyword
    query: x
    client: fornil
clients:
  - slug: fournil
    accounts:
      - provider: demo
        handle: x
    rules:
      - name: b
        type: keyword
        query: y
        client: pixelforge
`
	_, err := loadIn(t, t.TempDir(), body, fakeEnv(t, nil))
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{`rules[0].client: unknown client "fornil" (did you mean "fournil"?`, `clients[0].rules[0].client: "pixelforge", but the rule sits under client "fournil"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

// A top-level rule naming a client applies to it only.
func TestTopLevelRuleForOneClient(t *testing.T) {
	body := "rules:\n  - {name: a, type: keyword, query: x, client: fournil}\nclients:\n  - slug: fournil\n    accounts:\n      - provider: demo\n        handle: x\n"
	c, err := loadIn(t, t.TempDir(), body, fakeEnv(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	if r := c.RuleSet().Rules()[0]; r.Client != "fournil" {
		t.Fatalf("client = %q", r.Client)
	}
}

func TestNoRulesIsANilSet(t *testing.T) {
	c, _, err := Load(Options{File: writeConfig(t, minimal), Env: fakeEnv(t, nil), Known: knownProviders})
	if err != nil {
		t.Fatal(err)
	}
	if set := c.RuleSet(); set != nil {
		t.Fatalf("RuleSet = %v, want nil without rules", set)
	}
}

// The demo workspace has rules for each of its clients, of every kind the
// demo shows, and they compile.
func TestDemoRules(t *testing.T) {
	c, _, err := Load(Options{Env: fakeEnv(t, nil)})
	if err != nil {
		t.Fatal(err)
	}
	set := c.RuleSet()
	if set == nil {
		t.Fatal("the demo has no rules")
	}
	types := map[string][]rules.Type{}
	for _, r := range set.Rules() {
		types[r.Client] = append(types[r.Client], r.Type)
		if r.Type == rules.TypeSLA && (r.Within != 2*time.Hour || r.BusinessHours == "") {
			t.Errorf("%s %s: SLA %v in %q, want 2h in business hours", r.Client, r.Name, r.Within, r.BusinessHours)
		}
	}
	for _, client := range []string{"pixelforge", "fournil", "ironpulse", "banque-lumen"} {
		for _, typ := range []rules.Type{rules.TypeKeyword, rules.TypeSentiment, rules.TypeSpike, rules.TypeSLA, rules.TypeVIP} {
			if !slices.Contains(types[client], typ) {
				t.Errorf("demo client %s has no %s rule", client, typ)
			}
		}
	}
}

// The demo's keyword rules catch what the brief's examples say they do.
func TestDemoKeywordExamples(t *testing.T) {
	set, err := rules.Compile(DemoDefaults().Rules)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ client, body, rule string }{
		{"fournil", "Intoxication après le flan, toute la famille", "hygiène"},
		{"fournil", "J'ai eu mal au ventre toute la nuit", "hygiène"},
		{"fournil", "Je demande à être remboursée", "remboursement"},
		{"pixelforge", "Le jeu plante quand je charge ma sauvegarde", "crash-sauvegarde"},
		{"pixelforge", "Crash when loading my save", "crash-sauvegarde"},
		{"banque-lumen", "C'est une arnaque ce SMS ?", "fraude"},
	} {
		it := rules.Item{ID: 1, Client: tc.client, Body: tc.body, CreatedAt: time.Unix(1e9, 0)}
		hits, err := set.Evaluate([]rules.Item{it}, staticEnv{now: it.CreatedAt})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, h := range hits {
			found = found || h.Rule == tc.rule
		}
		if !found {
			t.Errorf("%s %q: hits %+v, want rule %s", tc.client, tc.body, hits, tc.rule)
		}
	}
}

// staticEnv is a rules.Env with nothing stored.
type staticEnv struct{ now time.Time }

func (e staticEnv) Now() time.Time { return e.now }
func (e staticEnv) HourlyCounts(_ string, _ *rules.Query, from, to time.Time) ([]int, error) {
	return make([]int, int(to.Sub(from)/time.Hour)), nil
}
func (e staticEnv) OffenceCount(string, time.Time) (int, error) { return 0, nil }

// ReadRulesFile (cmdeck rules test --rules) reads a file for one client
// and names the file and rule in its problems.
func TestReadRulesFile(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.yaml", "- {name: a, type: keyword, query: x}\n- {name: b, type: sla, within: 1h}\n")
	set, err := ReadRulesFile(good, "fournil", "Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	rs := set.Rules()
	if len(rs) != 2 || rs[0].Client != "fournil" || rs[1].Zone != "Europe/Paris" {
		t.Fatalf("rules %+v", rs)
	}
	bad := writeFile(t, dir, "bad.yaml", "- {name: a, type: keyword}\n")
	_, err = ReadRulesFile(bad, "fournil", "")
	var ve *ValidationError
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), `--rules (`+bad+`): rule 0 "a": query: missing`) {
		t.Fatalf("err = %v", err)
	}
}

func TestNotifyDefaultsAndFile(t *testing.T) {
	c, _, err := Load(Options{File: writeConfig(t, minimal), Env: fakeEnv(t, nil), Known: knownProviders})
	if err != nil {
		t.Fatal(err)
	}
	if !c.Notify.Bell || !c.Notify.Desktop || c.Notify.OnAlert != "" || c.AlertTimeout() != DefaultOnAlertTimeout {
		t.Fatalf("defaults: %+v", c.Notify)
	}
	body := minimal + "notify:\n  bell: false\n  on_alert: \"curl -s -d @- https://hooks.example/T0KEN\"\n  on_alert_timeout: 3s\n"
	c, _, err = Load(Options{File: writeConfig(t, body), Env: fakeEnv(t, nil), Known: knownProviders})
	if err != nil {
		t.Fatal(err)
	}
	if c.Notify.Bell || !c.Notify.Desktop || c.Notify.OnAlert == "" || c.AlertTimeout() != 3*time.Second {
		t.Fatalf("from the file: %+v", c.Notify)
	}
}

// A bad notify: is reported without quoting the command (it may hold a
// webhook token).
func TestNotifyProblems(t *testing.T) {
	body := minimal + "notify:\n  on_alert: \"  \"\n  on_alert_timeout: 1h\n"
	_, _, err := Load(Options{File: writeConfig(t, body), Env: fakeEnv(t, nil), Known: knownProviders})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"notify.on_alert: is blank", "notify.on_alert_timeout: 1h0m0s is too long"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	body = minimal + "notify:\n  on_alert_timeout: 10\n"
	_, _, err = Load(Options{File: writeConfig(t, body), Env: fakeEnv(t, nil), Known: knownProviders})
	if err == nil || !strings.Contains(err.Error(), "notify.on_alert_timeout: 10 has no unit") {
		t.Fatalf("err = %v", err)
	}
}
