package config

import (
	"errors"
	"strings"
	"testing"
)

func TestLoadBadYAML(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string // after "config file <path>"
	}{
		{"unquoted colon", "cm:\n  name: Camille\n  agency: Acme: Paris\n",
			`, near line 3: YAML syntax error: mapping values are not allowed in this context (check the indentation, and quote a value that holds ": ", e.g. name: "Acme: Paris")`},
		{"tab indent", "cm:\n\tname: Camille\n",
			`, near line 2: YAML syntax error: found character that cannot start any token (indent with spaces, not tabs)`},
		{"tab before second key", "language: fr\n\tcm: x\n",
			`, near line 2: YAML syntax error: found a tab character that violates indentation (indent with spaces, not tabs)`},
		{"unclosed list", "language: fr\nkeys:\n  inbox.reply: [r, x\n",
			`, near line 2: YAML syntax error: did not find expected ',' or ']' (close the [ ] or { } that opens there, or quote the value)`},
		{"unclosed quote", "language: fr\ntimezone: \"Europe/Paris\n",
			`, near line 2: YAML syntax error: found unexpected end of stream (a quote is not closed)`},
		{"misaligned", "clients:\n  - slug: a\n   name: b\n",
			`, near line 1: YAML syntax error: did not find expected '-' indicator (check the indentation: keys at the same level must line up, and list items start with "- ")`},
		{"unknown anchor", "language: *lang\n",
			`: YAML syntax error: unknown anchor 'lang' referenced (define the &anchor before using *anchor)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := writeConfig(t, tt.body)
			c, _, err := Load(Options{File: file, Env: fakeEnv(t, nil)})
			if c != nil || err == nil {
				t.Fatalf("want an error, got config %+v", c)
			}
			if got, want := err.Error(), "config file "+file+tt.want; got != want {
				t.Fatalf("error:\n got  %s\n want %s", got, want)
			}
			if strings.Contains(err.Error(), "goroutine") || strings.Contains(err.Error(), ".go:") {
				t.Fatalf("error looks like a trace: %v", err)
			}
		})
	}
}

func TestLoadSchemaProblems(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []Problem // Where is "<file>:<line>" with the line given here
	}{
		{"typo in nested key", "clients:\n  - slug: a\n    acounts: []\n",
			[]Problem{{Path: "clients[0].acounts", Message: `unknown key (did you mean "accounts"?)`, Where: "3"}}},
		{"typo in account key", "clients:\n  - slug: a\n    accounts:\n      - provider: demo\n        tokn_env: X\n",
			[]Problem{{Path: "clients[0].accounts[0].tokn_env", Message: `unknown key (did you mean "token_env"?)`, Where: "5"}}},
		{"case typo", "Language: fr\n",
			[]Problem{{Path: "Language", Message: `unknown key (did you mean "language"?)`, Where: "1"}}},
		{"unrelated key", "theme: dark\n",
			[]Problem{{Path: "theme", Message: "unknown key (valid keys here: language, timezone, sync_interval, undo_window, db, cm, keys, clients, saved_filters, reply_templates, tags, calendar, rules, rules_files, notify, serve, pipes, display)", Where: "1"}}},
		{"cm typo", "cm:\n  nmae: Camille\n",
			[]Problem{{Path: "cm.nmae", Message: `unknown key (did you mean "name"?)`, Where: "2"}}},
		{"duration without unit", "sync_interval: 30\n",
			[]Problem{{Path: "sync_interval", Message: "30 has no unit (write 30s for seconds, or e.g. 2m or 1h)", Where: "1"}}},
		{"bad duration", "undo_window: five seconds\n",
			[]Problem{{Path: "undo_window", Message: `"five seconds" is not a duration (write e.g. 30s, 2m or 1h30m)`, Where: "1"}}},
		{"duration as list", "undo_window: [5s]\n",
			[]Problem{{Path: "undo_window", Message: "expected a duration such as 30s, found a list", Where: "1"}}},
		{"clients not a list", "clients:\n  slug: a\n",
			[]Problem{{Path: "clients", Message: `expected a list (items start with "- "), found a set of keys`, Where: "2"}}},
		{"client not a mapping", "clients:\n  - pixelforge\n",
			[]Problem{{Path: "clients[0]", Message: "expected a set of keys, found a single value", Where: "2"}}},
		{"string given a list", "language: [fr, en]\n",
			[]Problem{{Path: "language", Message: "expected a single value, found a list", Where: "1"}}},
		{"setting not scalar", "clients:\n  - slug: a\n    accounts:\n      - provider: demo\n        settings:\n          tags: [a, b]\n",
			[]Problem{{Path: "clients[0].accounts[0].settings.tags", Message: "expected a single value, found a list", Where: "6"}}},
		{"key bound to a map", "keys:\n  inbox.reply: {a: b}\n",
			[]Problem{{Path: "keys.inbox.reply", Message: `expected a list (items start with "- "), found a set of keys`, Where: "2"}}},
		{"duplicate key", "language: fr\nlanguage: en\n",
			[]Problem{{Path: "language", Message: "set twice (also line 1; keep one)", Where: "2"}}},
		{"duplicate map key", "keys:\n  a: [x]\n  a: [y]\n",
			[]Problem{{Path: "keys.a", Message: "set twice (also line 2; keep one)", Where: "3"}}},
		{"unquoted color", "clients:\n  - slug: a\n    color: #7C3AED\n",
			[]Problem{{Path: "clients[0].color", Message: `#7C3AED was read as a comment: quote it, e.g. color: "#7C3AED"`, Where: "3"}}},
		{"top level list", "- a\n- b\n",
			[]Problem{{Path: "", Message: "the file must hold keys such as language: and clients:, found a list", Where: "1"}}},
		{"several at once", "langage: fr\nclients:\n  - slug: a\n    colour: \"#FFFFFF\"\n",
			[]Problem{
				{Path: "langage", Message: `unknown key (did you mean "language"?)`, Where: "1"},
				{Path: "clients[0].colour", Message: `unknown key (did you mean "color"?)`, Where: "4"},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := writeConfig(t, tt.body)
			_, _, err := Load(Options{File: file, Env: fakeEnv(t, nil)})
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v (%T), want *ValidationError", err, err)
			}
			if ve.File != file || len(ve.Problems) != len(tt.want) {
				t.Fatalf("got file %q and problems:\n%v", ve.File, err)
			}
			for i, w := range tt.want {
				w.Where = file + ":" + w.Where
				if g := ve.Problems[i]; g != w {
					t.Errorf("problem %d:\n got  %s: %s\n want %s: %s", i, g.Where, g, w.Where, w)
				}
			}
		})
	}
}

func TestLoadAcceptsEmptyValuesAndFile(t *testing.T) {
	for _, body := range []string{"", "# only a comment\n", "cm:\nkeys:\nclients:\n", "~\n"} {
		file := writeConfig(t, body)
		c, warns, err := Load(Options{File: file, Env: fakeEnv(t, nil)})
		if err != nil {
			t.Fatalf("%q: %v", body, err)
		}
		if !c.Demo || c.SyncInterval != DefaultSyncInterval {
			t.Fatalf("%q: got %+v", body, c)
		}
		if len(warns) != 1 || !strings.Contains(warns[0], "defines no clients") {
			t.Fatalf("%q: warnings = %v", body, warns)
		}
	}
}

func TestLoadAliasBombStops(t *testing.T) {
	var b strings.Builder
	b.WriteString("clients:\n  - &c0\n    slug: a\n    accounts:\n      - &a0\n        provider: demo\n        handle: x\n        settings: {")
	for i := range 60 {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("k" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + ": v")
	}
	b.WriteString("}\n")
	b.WriteString("      - &a1 [" + strings.Repeat("*a0, ", 59) + "*a0]\n")
	b.WriteString("  - &c1 {slug: b, accounts: [" + strings.Repeat("*a0, ", 99) + "*a0]}\n")
	for range 200 {
		b.WriteString("  - *c1\n")
	}
	file := writeConfig(t, b.String())
	_, _, err := Load(Options{File: file, Env: fakeEnv(t, nil)})
	if err == nil || !strings.Contains(err.Error(), "expands to too many values") {
		t.Fatalf("err = %v", err)
	}
}
