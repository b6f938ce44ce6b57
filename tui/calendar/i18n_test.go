package calendar

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"cmdeck/core"
	"cmdeck/i18n"
)

// Every "calendar.*" key the pane and its composer use has a text in both
// languages, so no raw key ever reaches the screen: the keys written out
// in the code (a plural's base key stands for its .one and .other), and
// those built from a name (statuses, views, writes, recurrences, fields).
func TestEveryMessageKeyHasBothLanguages(t *testing.T) {
	var keys []string
	keyRe := regexp.MustCompile(`"(calendar\.[a-z0-9_.]+)"`)
	for _, dir := range []string{".", "../postcompose"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range keyRe.FindAllStringSubmatch(string(src), -1) {
				if !strings.HasSuffix(m[1], ".") {
					keys = append(keys, m[1])
				}
			}
		}
	}
	if len(keys) < 100 {
		t.Fatalf("found only %d keys: the scan is broken", len(keys))
	}
	for _, st := range statusOrder {
		keys = append(keys, "calendar.status."+string(st))
	}
	for _, v := range viewNames {
		keys = append(keys, "calendar.view."+v)
	}
	for i, op := range opNames {
		keys = append(keys, "calendar.err."+op)
		// A create or an update says what it did in its own words.
		if writeOp(i) != opCreate && writeOp(i) != opUpdate {
			keys = append(keys, "calendar.done."+op)
		}
	}
	for _, r := range []core.Recurrence{core.RecurWeekly, core.RecurMonthly} {
		keys = append(keys, "calendar.recur."+string(r))
	}
	for _, f := range []string{"none", "accounts", "when", "repeat", "media", "preview"} {
		if f == "none" {
			keys = append(keys, "calendar.recur.none")
			continue
		}
		keys = append(keys, "calendar.compose.label."+f)
	}
	en, fr := i18n.New(i18n.EN), i18n.New(i18n.FR)
	for _, k := range keys {
		if has(en, k) && has(fr, k) {
			continue
		}
		if has(en, k+".one") && has(fr, k+".one") && has(en, k+".other") && has(fr, k+".other") {
			continue
		}
		t.Errorf("key %q has no text", k)
	}
}

func has(c *i18n.Catalog, key string) bool { return c.T(key) != key }
