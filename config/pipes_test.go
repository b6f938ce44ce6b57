package config

import (
	"strings"
	"testing"
	"time"
)

func TestPipes(t *testing.T) {
	body := minimal + `pipes:
  - name: translate
    command: trans -b :fr
    input: "{{.Body}}"
    timeout: 30s
  - name: ticket
    command: 'curl -s -d @- "$CRM_URL"'
    show: status
`
	c, _, err := Load(Options{File: writeConfig(t, body), Env: fakeEnv(t, nil), Known: knownProviders})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Pipes) != 2 || !c.Pipes[0].ShowOutput() || c.Pipes[1].ShowOutput() || c.Pipes[0].Timeout != 30*time.Second {
		t.Fatalf("pipes %+v", c.Pipes)
	}
}

// Each problem names its key and the fix; the command is never quoted.
func TestPipeProblems(t *testing.T) {
	body := minimal + `pipes:
  - name: translate
    command: "trans -b :fr --key S3CRET"
    input: "{{.Bdy}}"
  - name: translate
    command: cat
  - name: two words
    command: cat
    show: popup
  - name: slow
    command: "  "
    timeout: 1h
`
	_, _, err := Load(Options{File: writeConfig(t, body), Env: fakeEnv(t, nil), Known: knownProviders})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		"pipes[0].input: input cannot be filled",
		`pipes[1].name: "translate" is already used by pipes[0]`,
		`pipes[2].name: "two words" is not one word`,
		`pipes[2].show: "popup" is not a choice (output or status)`,
		"pipes[3].command: command is empty",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "S3CRET") {
		t.Errorf("the command was quoted:\n%v", err)
	}
}
