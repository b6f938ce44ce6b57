package alerts

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"cmdeck/core"
	"cmdeck/i18n"
)

// Every "alerts.*" key the pane uses has a text in both languages, so no
// raw key reaches the screen: those written out in the code (a plural's
// base key stands for its .one and .other) and those built from a name
// (writes, severities).
func TestEveryMessageKeyHasBothLanguages(t *testing.T) {
	var keys []string
	keyRe := regexp.MustCompile(`"(alerts\.[a-z0-9_.]+)"`)
	files, err := filepath.Glob("*.go")
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
	if len(keys) < 50 {
		t.Fatalf("found only %d keys: the scan is broken", len(keys))
	}
	for _, op := range opNames {
		keys = append(keys, "alerts.err."+op, "alerts.done."+op)
	}
	for _, s := range []core.Severity{core.SeverityInfo, core.SeverityWarning, core.SeverityCritical} {
		keys = append(keys, "alerts.severity."+string(s))
	}
	keys = append(keys, "alerts.open.more", "alerts.resolved.more")
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
