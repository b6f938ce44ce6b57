// Package pipe sends an inbox item to a command the CM configured
// (pipes: in config): a translator, a CRM, a ticketing tool. The item's
// fields reach the command as data, never as shell code: on its standard
// input (JSON, or a Go template over the item) and in CMDECK_ITEM_*
// environment variables, which the shell expands without reading them as
// commands. What the command prints comes back sanitized, like any text
// from outside.
package pipe

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"text/template"
	"time"

	"cmdeck/core"
	"cmdeck/store"
)

// Limits of one run.
const (
	DefaultTimeout = 20 * time.Second
	MaxTimeout     = 5 * time.Minute
	// MaxOutput is the most of the command's output kept (as much as a
	// message body); more is cut.
	MaxOutput = core.MaxBodyBytes
	// maxStderr is how much of the error output is read for the reason.
	maxStderr = 4 << 10
	// waitDelay bounds how long the output pipes of a finished or killed
	// command may stay open (a child it left behind).
	waitDelay = 2 * time.Second
)

// Item is what a pipe sees of an inbox item: the template's data, and the
// JSON written to the command when it has no input template. The JSON
// field names are an interface: scripts depend on them.
type Item struct {
	ID         int64     `json:"id"`
	Client     string    `json:"client"`      // slug
	ClientName string    `json:"client_name"` // display name
	Network    string    `json:"network"`
	Account    string    `json:"account"` // the brand's handle there
	Kind       string    `json:"kind"`    // comment, mention, dm, review, …
	Author     string    `json:"author"`  // display name
	Handle     string    `json:"handle"`  // the author's handle
	Body       string    `json:"body"`
	URL        string    `json:"url"`
	Lang       string    `json:"lang"`
	Sentiment  string    `json:"sentiment"`
	Tags       []string  `json:"tags"`
	CreatedAt  time.Time `json:"created_at"` // RFC 3339, UTC
}

// ItemOf is the pipe's view of a stored item.
func ItemOf(it store.ItemView) Item {
	tags := it.Tags
	if tags == nil {
		tags = []string{}
	}
	return Item{
		ID: it.ID, Client: it.ClientSlug, ClientName: it.ClientName, Network: it.Network,
		Account: it.AccountHandle, Kind: string(it.Kind), Author: it.Author.Name, Handle: it.Author.Handle,
		Body: it.Body, URL: it.URL, Lang: it.Lang, Sentiment: string(it.Sentiment), Tags: tags,
		CreatedAt: it.CreatedAt.UTC(),
	}
}

// sample is an item with every field set, to try an input template on.
func sample() Item {
	return Item{ID: 1, Client: "fournil", ClientName: "Le Fournil", Network: "Chirper", Account: "@lefournil",
		Kind: "comment", Author: "Léa", Handle: "@lea", Body: "Merci !", URL: "https://chirper.example/1",
		Lang: "fr", Sentiment: "positive", Tags: []string{"idea"}, CreatedAt: time.Unix(0, 0).UTC()}
}

// Spec is one pipe as config writes it.
type Spec struct {
	Name    string
	Command string        // run with sh -c
	Input   string        // a Go template over Item; "" writes the item as JSON
	Timeout time.Duration // 0: DefaultTimeout
}

// Pipe is a Spec ready to run.
type Pipe struct {
	Spec
	input *template.Template // nil: JSON
}

// Compile checks a spec: a command, an input template that parses and
// runs on a sample item, a timeout within bounds. The error says what to
// fix, without quoting the command (it may hold a token).
func Compile(s Spec) (*Pipe, error) {
	if strings.TrimSpace(s.Command) == "" {
		return nil, errors.New("command is empty (a shell command, e.g. \"trans -b :fr\")")
	}
	if s.Timeout < 0 || s.Timeout > MaxTimeout {
		return nil, fmt.Errorf("timeout %s is out of range (0 to %s)", s.Timeout, MaxTimeout)
	}
	p := &Pipe{Spec: s}
	if s.Timeout == 0 {
		p.Timeout = DefaultTimeout
	}
	if strings.TrimSpace(s.Input) == "" {
		return p, nil
	}
	t, err := template.New(s.Name).Option("missingkey=error").Parse(s.Input)
	if err != nil {
		return nil, fmt.Errorf("input is not a valid template: %s", templateError(err))
	}
	if err := t.Execute(io.Discard, sample()); err != nil {
		return nil, fmt.Errorf("input cannot be filled: %s (fields: .Body, .Author, .Handle, .URL, .Client, .ClientName, .Network, .Account, .Kind, .Lang, .Sentiment, .Tags, .CreatedAt, .ID)", templateError(err))
	}
	p.input = t
	return p, nil
}

// templateError is the template's message without the template's name.
func templateError(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, ": "); strings.HasPrefix(msg, "template: ") && i >= 0 {
		msg = msg[len("template: "):]
		if j := strings.Index(msg, ": "); j >= 0 {
			msg = msg[j+2:]
		}
	}
	return msg
}

// Result is what a run printed: sanitized, cut at MaxOutput.
type Result struct {
	Output    string
	Truncated bool
}

// Error is a run that failed, never quoting the command: Status says how
// ("exit 2", "timed out after 20s"), Detail is the first line the command
// wrote on its error output ("no such language"), for the CM to read; a
// log gets the status only.
type Error struct {
	Pipe, Status, Detail string
}

func (e *Error) Error() string {
	if e.Detail == "" {
		return e.Pipe + ": " + e.Status
	}
	return e.Pipe + ": " + e.Status + ": " + e.Detail
}

// Run runs the pipe on it and returns what it printed.
func (p *Pipe) Run(ctx context.Context, it Item) (Result, error) {
	stdin, err := p.stdin(it)
	if err != nil {
		return Result{}, &Error{Pipe: p.Name, Status: "the input could not be filled", Detail: templateError(err)}
	}
	ctx, cancel := context.WithTimeout(ctx, p.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", p.Command)
	cmd.Stdin = bytes.NewReader(stdin)
	cmd.Env = append(os.Environ(), itemEnv(it)...)
	var out, errOut capped
	out.max, errOut.max = MaxOutput, maxStderr
	cmd.Stdout, cmd.Stderr = &out, &errOut
	cmd.WaitDelay = waitDelay
	if err := cmd.Run(); err != nil {
		return Result{}, &Error{Pipe: p.Name, Status: failure(ctx, err, p.Timeout), Detail: firstLine(errOut.String())}
	}
	return Result{Output: core.Sanitize(out.String()), Truncated: out.cut}, nil
}

// stdin is the input template filled, or the item as JSON.
func (p *Pipe) stdin(it Item) ([]byte, error) {
	if p.input == nil {
		return json.Marshal(it)
	}
	var b bytes.Buffer
	err := p.input.Execute(&b, it)
	return b.Bytes(), err
}

// itemEnv is the item in CMDECK_ITEM_* variables, for a command line to
// quote ("$CMDECK_ITEM_BODY"). A NUL cannot be in the environment.
func itemEnv(it Item) []string {
	clean := func(s string) string { return strings.ReplaceAll(s, "\x00", "") }
	vars := [][2]string{
		{"ID", strconv.FormatInt(it.ID, 10)}, {"CLIENT", it.Client}, {"CLIENT_NAME", it.ClientName},
		{"NETWORK", it.Network}, {"ACCOUNT", it.Account}, {"KIND", it.Kind}, {"AUTHOR", it.Author},
		{"HANDLE", it.Handle}, {"BODY", it.Body}, {"URL", it.URL}, {"LANG", it.Lang},
		{"SENTIMENT", it.Sentiment}, {"TAGS", strings.Join(it.Tags, ",")},
		{"CREATED_AT", it.CreatedAt.Format(time.RFC3339)},
	}
	out := make([]string, len(vars))
	for i, v := range vars {
		out[i] = "CMDECK_ITEM_" + v[0] + "=" + clean(v[1])
	}
	return out
}

// failure says how a run failed: a timeout, or the exit status.
func failure(ctx context.Context, err error, timeout time.Duration) string {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return "timed out after " + timeout.String()
	}
	var exit *exec.ExitError
	var execErr *exec.Error
	switch {
	case errors.As(err, &exit) && exit.ExitCode() >= 0:
		return fmt.Sprintf("exit %d", exit.ExitCode())
	case errors.As(err, &exit):
		return "killed by " + exit.ProcessState.String()
	case errors.As(err, &execErr):
		return "cannot start sh: " + execErr.Err.Error()
	}
	return "could not run"
}

// firstLine is the first non-blank line of s, sanitized and kept short.
func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = core.SanitizeLine(l); l != "" {
			if r := []rune(l); len(r) > 160 {
				return string(r[:160]) + core.Ellipsis
			}
			return l
		}
	}
	return ""
}

// capped keeps the first max bytes written and notes that more came. It
// has no ReadFrom (a bytes.Buffer's would read past the cap).
type capped struct {
	buf bytes.Buffer
	max int
	cut bool
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.max - c.buf.Len(); room < len(p) {
		c.cut = true
		if room > 0 {
			c.buf.Write(p[:room])
		}
		return len(p), nil
	}
	return c.buf.Write(p)
}

func (c *capped) String() string { return c.buf.String() }
