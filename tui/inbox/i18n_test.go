package inbox

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"cmdeck/i18n"
)

// Every "inbox.*" key the pane's code uses has a text in both languages, so
// no raw key ever reaches the screen.
func TestEveryMessageKeyHasBothLanguages(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	keyRe := regexp.MustCompile(`"(inbox\.[a-z0-9_.]+)"`)
	en, fr := i18n.New(i18n.EN), i18n.New(i18n.FR)
	seen := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyRe.FindAllStringSubmatch(string(src), -1) {
			seen++
			if en.T(m[1]) == m[1] || fr.T(m[1]) == m[1] {
				t.Errorf("%s: key %q has no text", f, m[1])
			}
		}
	}
	if seen < 20 {
		t.Errorf("found only %d keys: the scan is broken", seen)
	}
}
