package i18n

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// verbRe matches fmt verbs with their flags, width and precision ("%d",
// "%-5s", "%.1f", "%q"); "%%" is a literal percent sign, not a verb.
var verbRe = regexp.MustCompile(`%[-+# 0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[a-zA-Z%]`)

func verbs(s string) []string {
	var out []string
	for _, v := range verbRe.FindAllString(s, -1) {
		if v != "%%" {
			out = append(out, v)
		}
	}
	return out
}

// TestEveryMessageHasBothLanguages checks every key of every table: both
// texts present, the same fmt verbs in the same order (a French text with a
// missing %d would print "%!d(MISSING)" on screen), no stray whitespace
// around words (a text may be only a space: a thousands separator).
func TestEveryMessageHasBothLanguages(t *testing.T) {
	for key, m := range all() {
		if m.EN == "" {
			t.Errorf("%s: no English text", key)
		}
		if m.FR == "" {
			t.Errorf("%s: no French text", key)
		}
		if en, fr := verbs(m.EN), verbs(m.FR); !slices.Equal(en, fr) {
			t.Errorf("%s: verbs differ: EN %v, FR %v", key, en, fr)
		}
		for _, s := range []string{m.EN, m.FR} {
			if trimmed := strings.TrimSpace(s); trimmed != "" && trimmed != s {
				t.Errorf("%s: leading or trailing space in %q", key, s)
			}
		}
	}
}

// TestKeysStayInTheirArea checks that no two tables define the same key
// (the merge would silently keep one) and that each table's keys carry its
// area's prefix.
func TestKeysStayInTheirArea(t *testing.T) {
	areas := map[string]map[string]Msg{"cli": cliMsgs(), "root": rootMsgs(), "inbox": inboxMsgs(), "panes": panesMsgs(), "dialog": dialogMsgs(), "compose": composeMsgs(), "health": healthMsgs(), "calendar": calendarMsgs(), "alerts": alertsMsgs(), "stats": statsMsgs()}
	if len(areas) != len(tables()) {
		t.Fatalf("a table is missing from this test: %d areas, %d tables", len(areas), len(tables()))
	}
	owner := map[string]string{}
	for area, table := range areas {
		for key := range table {
			if !strings.HasPrefix(key, area+".") {
				t.Errorf("%s: in the %s table but not prefixed %q", key, area, area+".")
			}
			if prev, dup := owner[key]; dup {
				t.Errorf("%s: defined in both %s and %s", key, prev, area)
			}
			owner[key] = area
		}
	}
}

func TestVerbsHelper(t *testing.T) {
	tests := map[string][]string{
		"%d items":         {"%d"},
		"%d%% · %s":        {"%d", "%s"},
		"%-5s and %.1f %q": {"%-5s", "%.1f", "%q"},
		"no verbs":         nil,
	}
	for in, want := range tests {
		if got := verbs(in); !slices.Equal(got, want) {
			t.Errorf("verbs(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestLookup(t *testing.T) {
	fr := New(FR)
	if got := fr.T("alerts.rule.negative"); got != "Messages négatifs" {
		t.Errorf("fr lookup = %q", got)
	}
	if got := New("de").T("root.key.quit"); got != "quit" {
		t.Errorf("unknown language should fall back to English, got %q", got)
	}
	if got := fr.T("no.such.key"); got != "no.such.key" {
		t.Errorf("unknown key = %q, want the key itself", got)
	}
	if got := fr.T("root.status.needs_reply", 3); got != "3 à répondre" {
		t.Errorf("formatted = %q", got)
	}
	if got := fmt.Sprint(Detect("", "", func(k string) string {
		return map[string]string{"LANG": "fr_FR.UTF-8"}[k]
	})); got != "fr" {
		t.Errorf("Detect from LANG = %q", got)
	}
}
