package config

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"cmdeck/pipe"
)

// Pipe is one entry of pipes:: a command the inbox sends the selected item
// to (| in the deck, or :pipe NAME). See the pipe package for what the
// command receives.
type Pipe struct {
	Name    string        `mapstructure:"name"`    // what the picker and :pipe show
	Command string        `mapstructure:"command"` // run with sh -c; never quoted in messages
	Input   string        `mapstructure:"input"`   // a Go template over the item; "" = JSON
	Show    string        `mapstructure:"show"`    // "output" (default) or "status"
	Timeout time.Duration `mapstructure:"timeout"` // 0 = pipe.DefaultTimeout
}

// The values of show:.
const (
	PipeShowOutput = "output" // the output in a window to read and copy
	PipeShowStatus = "status" // a line in the status bar (a ticket made, a CRM updated)
)

// pipeNameRe is a pipe's name: a word the command line can complete.
var pipeNameRe = regexp.MustCompile(`^[\p{L}0-9][\p{L}0-9_-]{0,31}$`)

// ShowOutput reports whether the pipe's output is shown in a window.
func (p Pipe) ShowOutput() bool {
	return strings.TrimSpace(strings.ToLower(p.Show)) != PipeShowStatus
}

// Spec is the pipe for the pipe package.
func (p Pipe) Spec() pipe.Spec {
	return pipe.Spec{Name: strings.TrimSpace(p.Name), Command: p.Command, Input: p.Input, Timeout: p.Timeout}
}

// validatePipes checks pipes:: unique names that are words, a command, an
// input template that works on an item, show and timeout in range. The
// command is never quoted back: it may hold a token.
func (c *Config) validatePipes(ps *problems) {
	names := uniqueNames{}
	for i, p := range c.Pipes {
		base := fmt.Sprintf("pipes[%d]", i)
		names.check(ps, "pipes", i, p.Name, `"translate"`)
		if n := strings.TrimSpace(p.Name); n != "" && !pipeNameRe.MatchString(n) {
			ps.add(base+".name", "%q is not one word (letters, digits, - and _, e.g. \"translate\")", n)
		}
		switch strings.TrimSpace(strings.ToLower(p.Show)) {
		case "", PipeShowOutput, PipeShowStatus:
		default:
			ps.add(base+".show", "%q is not a choice (output or status)", p.Show)
		}
		if _, err := pipe.Compile(p.Spec()); err != nil {
			key := base + ".command"
			switch {
			case strings.HasPrefix(err.Error(), "input"):
				key = base + ".input"
			case strings.HasPrefix(err.Error(), "timeout"):
				key = base + ".timeout"
			}
			ps.add(key, "%s", err.Error())
		}
	}
}
