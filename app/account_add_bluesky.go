package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"time"

	"cmdeck/config"
	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/providers/bluesky"
)

// DefaultBlueskyPasswordEnv is the variable the printed block reads the
// app password from when --password-env is not given.
const DefaultBlueskyPasswordEnv = "CMDECK_BSKY_APP_PASSWORD"

// AccountAddBluesky is `cmdeck account add bluesky`: its flags, and what it
// reads and writes, injected so a test drives it whole against a local
// network. The app password is read from the variable PasswordEnv names
// or, when that is unset, as one line from In; it is never printed.
type AccountAddBluesky struct {
	Handle      string // --handle: alice.bsky.social (required)
	PDS         string // --pds: the account's PDS; "" = Service, which serves it
	Service     string // --service: the entryway; "" = https://bsky.social
	Client      string // --client: the cmdeck client (slug) the printed block goes under
	PasswordEnv string // --password-env: where the config reads the app password; "" = DefaultBlueskyPasswordEnv
	PasswordCmd string // --password-cmd: a command printing it (then in the block instead of the variable)

	HTTP       *http.Client        // nil: a client with a timeout
	Clock      core.Clock          // nil: the system clock
	In         io.Reader           // where the app password is typed, when the variable is unset
	Out        io.Writer           // the YAML block
	Err        io.Writer           // the prompt and notes
	Env        func(string) string // the password variable
	ConfigFile string              // named in the note over the block; "" = the default file
}

// handleRe is an AT Protocol handle: dot-separated DNS labels.
var handleRe = regexp.MustCompile(`^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$`)

// RunAccountAddBluesky logs in with the handle and app password
// (com.atproto.server.createSession) to check them, then prints the
// account block for the config, which reads the password through
// token_env or token_cmd. A mistake in the flags is a *ConfigError.
func RunAccountAddBluesky(ctx context.Context, o AccountAddBluesky, t *i18n.Catalog) error {
	o = o.withDefaults()
	handle := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(o.Handle), "@"))
	if !handleRe.MatchString(handle) {
		return &ConfigError{Err: fmt.Errorf("--handle %q: give the account's handle, e.g. --handle alice.bsky.social", core.SanitizeLine(o.Handle))}
	}
	if o.Client != "" && !validSlug(o.Client) {
		return &ConfigError{Err: fmt.Errorf("--client %q: a client slug holds only a-z, 0-9 and - (e.g. %q)", o.Client, slugFrom(o.Client))}
	}
	pass, err := o.password(ctx, t)
	if err != nil {
		return err
	}
	did, err := o.check(ctx, handle, pass)
	if err != nil {
		return err
	}
	fmt.Fprintln(o.Err, t.T("cli.account.bsky_connected", handle, did))
	block, err := accountYAML(o.clientSlug(handle), o.entry(handle))
	if err != nil {
		return err
	}
	fmt.Fprintln(o.Out, t.T("cli.account.paste", o.ConfigFile))
	_, err = io.WriteString(o.Out, strings.TrimRight(block, "\n")+"\n")
	return err
}

func (o AccountAddBluesky) withDefaults() AccountAddBluesky {
	if o.HTTP == nil {
		o.HTTP = &http.Client{Timeout: 30 * time.Second}
	}
	if o.Clock == nil {
		o.Clock = core.SystemClock{}
	}
	if o.Err == nil {
		o.Err = io.Discard
	}
	if o.Env == nil {
		o.Env = func(string) string { return "" }
	}
	if o.PasswordEnv == "" {
		o.PasswordEnv = DefaultBlueskyPasswordEnv
	}
	if o.Service == "" {
		o.Service = "https://bsky.social"
	}
	if o.ConfigFile == "" {
		o.ConfigFile = config.DefaultFile(o.Env)
	}
	return o
}

// password is the app password from the variable, else typed on In.
func (o AccountAddBluesky) password(ctx context.Context, t *i18n.Catalog) (string, error) {
	if v := strings.TrimSpace(o.Env(o.PasswordEnv)); v != "" {
		return v, nil
	}
	fmt.Fprint(o.Err, t.T("cli.account.bsky_password", o.PasswordEnv)+" ")
	pass, err := readLine(ctx, o.In)
	if err != nil {
		return "", err
	}
	if pass == "" {
		return "", &ConfigError{Err: fmt.Errorf("no app password given: create one in Bluesky's settings, then type it or set %s", o.PasswordEnv)}
	}
	return pass, nil
}

// check logs in once and returns the account's DID.
func (o AccountAddBluesky) check(ctx context.Context, handle, pass string) (string, error) {
	server := o.server()
	c, err := bluesky.NewClient(server, handle, pass, o.Clock, o.HTTP)
	if err != nil {
		return "", &ConfigError{Err: errors.New(cleanSecret(err, pass))}
	}
	ctx, cancel := context.WithTimeout(ctx, addTimeout)
	defer cancel()
	if err := c.Login(ctx); err != nil {
		return "", fmt.Errorf("logging in as @%s on %s: %s", handle, server, cleanSecret(err, pass))
	}
	return core.SanitizeLine(c.DID()), nil
}

// server is where the account logs in: the PDS when given, else the service.
func (o AccountAddBluesky) server() string {
	if s := strings.TrimSpace(o.PDS); s != "" {
		return s
	}
	return strings.TrimSpace(o.Service)
}

func (o AccountAddBluesky) entry(handle string) accountEntry {
	e := accountEntry{Provider: "bluesky", Handle: "@" + handle, Settings: map[string]string{}}
	if o.PasswordCmd != "" {
		e.TokenCmd = o.PasswordCmd
	} else {
		e.TokenEnv = o.PasswordEnv
	}
	if s := strings.TrimSpace(o.PDS); s != "" {
		e.Settings["pds"] = s
	} else {
		e.Settings["service"] = strings.TrimSpace(o.Service)
	}
	return e
}

// clientSlug is --client, else a slug from the handle's first label.
func (o AccountAddBluesky) clientSlug(handle string) string {
	if o.Client != "" {
		return o.Client
	}
	first, _, _ := strings.Cut(handle, ".")
	return slugFrom(first)
}
