package pipe

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func mustCompile(t *testing.T, s Spec) *Pipe {
	t.Helper()
	p, err := Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func run(t *testing.T, p *Pipe, it Item) (Result, error) {
	t.Helper()
	return p.Run(context.Background(), it)
}

// Without an input template the command reads the item as JSON.
func TestRunGetsTheItemAsJSON(t *testing.T) {
	p := mustCompile(t, Spec{Name: "json", Command: "cat"})
	res, err := run(t, p, sample())
	if err != nil {
		t.Fatal(err)
	}
	var got Item
	if err := json.Unmarshal([]byte(res.Output), &got); err != nil || got.Body != "Merci !" || got.Handle != "@lea" || got.Tags[0] != "idea" {
		t.Fatalf("output %q (%v), want the item as JSON", res.Output, err)
	}
}

// An input template fills the standard input; the output comes back.
func TestRunWithInputTemplate(t *testing.T) {
	p := mustCompile(t, Spec{Name: "upper", Command: "tr a-z A-Z", Input: "{{.Author}} ({{.Handle}}): {{.Body}}"})
	res, err := run(t, p, sample())
	if err != nil || res.Output != "LéA (@LEA): MERCI !" {
		t.Fatalf("output %q, %v", res.Output, err)
	}
}

// The item's text reaches the command as data: a message written as shell
// code is not run, whether the command reads it on stdin or quotes the
// environment variable.
func TestHostileTextIsNeverRun(t *testing.T) {
	dir := t.TempDir()
	marker := filepath.Join(dir, "pwned")
	it := sample()
	it.Body = "$(touch " + marker + ") `touch " + marker + "` ; touch " + marker
	for _, cmd := range []string{`cat`, `printf '%s' "$CMDECK_ITEM_BODY"`, `echo "$CMDECK_ITEM_BODY" | cat`} {
		p := mustCompile(t, Spec{Name: "safe", Command: cmd, Input: "{{.Body}}"})
		res, err := run(t, p, it)
		if err != nil {
			t.Fatalf("%s: %v", cmd, err)
		}
		if _, err := os.Stat(marker); err == nil {
			t.Fatalf("%s ran the message's text", cmd)
		}
		if !strings.Contains(res.Output, "$(touch") {
			t.Errorf("%s: output %q, want the text as written", cmd, res.Output)
		}
	}
}

// What the command prints is sanitized: no escape sequence reaches the
// terminal.
func TestOutputIsSanitized(t *testing.T) {
	p := mustCompile(t, Spec{Name: "evil", Command: `printf 'ok\033]0;pwned\007\033[2Jdone\n'`})
	res, err := run(t, p, sample())
	if err != nil || strings.ContainsAny(res.Output, "\x1b\x07") || !strings.Contains(res.Output, "ok") {
		t.Fatalf("output %q, %v", res.Output, err)
	}
}

// A failure says the exit status and the first line of the error output;
// a command that runs too long is stopped; a huge output is cut.
func TestFailures(t *testing.T) {
	p := mustCompile(t, Spec{Name: "fail", Command: "echo 'no such language' >&2; exit 3"})
	_, err := run(t, p, sample())
	var pe *Error
	if !errors.As(err, &pe) || pe.Status != "exit 3" || pe.Detail != "no such language" || err.Error() != "fail: exit 3: no such language" {
		t.Fatalf("err %v", err)
	}
	slow := mustCompile(t, Spec{Name: "slow", Command: "exec sleep 5", Timeout: 50 * time.Millisecond})
	if _, err := run(t, slow, sample()); !errors.As(err, &pe) || pe.Status != "timed out after 50ms" {
		t.Fatalf("slow: %v", err)
	}
	big := mustCompile(t, Spec{Name: "big", Command: "yes | head -c 1000000"})
	res, err := run(t, big, sample())
	if err != nil || !res.Truncated || len(res.Output) > MaxOutput {
		t.Fatalf("big: %d bytes, truncated %v, %v", len(res.Output), res.Truncated, err)
	}
}

// The item's fields are in CMDECK_ITEM_* variables.
func TestEnvironment(t *testing.T) {
	p := mustCompile(t, Spec{Name: "env", Command: `printf '%s|%s|%s|%s' "$CMDECK_ITEM_ID" "$CMDECK_ITEM_HANDLE" "$CMDECK_ITEM_CLIENT" "$CMDECK_ITEM_TAGS"`})
	it := sample()
	it.Body = "a\x00b" // a NUL cannot be in the environment
	res, err := run(t, p, it)
	if err != nil || res.Output != "1|@lea|fournil|idea" {
		t.Fatalf("output %q, %v", res.Output, err)
	}
}

// Compile refuses what cannot work and says what to fix.
func TestCompile(t *testing.T) {
	for _, tc := range []struct {
		spec Spec
		want string
	}{
		{Spec{Name: "a", Command: "  "}, "command is empty"},
		{Spec{Name: "a", Command: "cat", Input: "{{.Body"}, "input is not a valid template"},
		{Spec{Name: "a", Command: "cat", Input: "{{.Nope}}"}, "input cannot be filled"},
		{Spec{Name: "a", Command: "cat", Timeout: time.Hour}, "timeout 1h0m0s is out of range"},
	} {
		if _, err := Compile(tc.spec); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want %q", tc.spec, err, tc.want)
		}
	}
	if p := mustCompile(t, Spec{Name: "a", Command: "cat"}); p.Timeout != DefaultTimeout {
		t.Errorf("default timeout %s", p.Timeout)
	}
}
