package app

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"cmdeck/config"
	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/providers/mastodon"
)

// DefaultAppName is the application name cmdeck registers on a server: the
// user sees it in their "authorized apps" list.
const DefaultAppName = "cmdeck"

// AdminScopes are added with --admin: server moderation (silence, suspend)
// needs them, and only a moderator's account can grant them.
var AdminScopes = []string{"admin:read", "admin:write"}

// addTimeout bounds the whole exchange with the server once the code is
// typed; the wait for the user's code has no limit but ctrl+c.
const addTimeout = time.Minute

// AccountAdd is `cmdeck account add mastodon`: its flags, and what it reads
// and writes, injected so a test drives it whole against a local server.
type AccountAdd struct {
	Server     string // --server: https://mastodon.social (a bare host gets https://)
	Client     string // --client: the cmdeck client (slug) the printed block goes under
	PrintToken bool   // --print-token: print the token instead of writing a file
	Admin      bool   // --admin: ask for the admin scopes too

	HTTP       *http.Client        // nil: a client with a timeout
	Clock      core.Clock          // nil: the system clock
	In         io.Reader           // where the code is typed
	Out        io.Writer           // the YAML block, or the token with --print-token
	Err        io.Writer           // the page to open, the prompt, notes
	ConfigDir  string              // tokens go under ConfigDir/tokens
	ConfigFile string              // named in the note over the block; "" = the default file
	Env        func(string) string // HOME, to write the token path with ~/
	AppName    string              // "" = DefaultAppName
}

// connected is the account the token opens, as the server said.
type connected struct {
	server *url.URL // scheme://host[:port]
	user   string   // the account's username (acct without a domain)
	host   string   // the server's host name, for the handle and the file
	token  string
}

// handle is "@user@host", the account's handle anywhere on the fediverse.
func (c connected) handle() string { return "@" + c.user + "@" + c.host }

// RunAccountAdd registers cmdeck on the server, has the user approve it in
// a browser and paste the code, exchanges the code for a token, checks the
// token with the server, then saves it (or prints it with PrintToken) and
// prints the account block for the config. The token is written only to
// the token file or, with PrintToken, to Out: never to Err, never in an
// error. A mistake in the flags is a *ConfigError.
func RunAccountAdd(ctx context.Context, o AccountAdd, t *i18n.Catalog) error {
	o = o.withDefaults()
	server, err := serverURL(o.Server)
	if err != nil {
		return &ConfigError{Err: err}
	}
	if o.Client != "" && !validSlug(o.Client) {
		return &ConfigError{Err: fmt.Errorf("--client %q: a client slug holds only a-z, 0-9 and - (e.g. %q)", o.Client, slugFrom(o.Client))}
	}
	acct, err := o.authorize(ctx, server, t)
	if err != nil {
		return err
	}
	if o.PrintToken {
		return o.printToken(acct, t)
	}
	path, replaced, err := saveToken(o.ConfigDir, acct)
	if err != nil {
		return err
	}
	if replaced {
		fmt.Fprintln(o.Err, t.T("cli.account.replaced", acct.handle(), path))
	}
	fmt.Fprintln(o.Err, t.T("cli.account.saved", acct.handle(), path))
	block, err := accountYAML(o.clientSlug(acct), accountEntry{
		Provider: "mastodon", Handle: acct.handle(), TokenFile: tildePath(path, lookupEnv(o.Env, "HOME")),
		Settings: o.settings(acct),
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(o.Out, t.T("cli.account.paste", o.ConfigFile))
	_, err = io.WriteString(o.Out, block)
	return err
}

// settings are the account's provider settings in the printed block: the
// server, and admin when the token was asked for the admin scopes (the
// provider then offers silence and suspend).
func (o AccountAdd) settings(acct connected) map[string]string {
	s := map[string]string{"server": acct.server.String()}
	if o.Admin {
		s["admin"] = "true"
	}
	return s
}

func (o AccountAdd) withDefaults() AccountAdd {
	if o.HTTP == nil {
		o.HTTP = &http.Client{Timeout: 30 * time.Second}
	}
	if o.Clock == nil {
		o.Clock = core.SystemClock{}
	}
	if o.AppName == "" {
		o.AppName = DefaultAppName
	}
	if o.Err == nil {
		o.Err = io.Discard
	}
	if o.Env == nil {
		o.Env = func(string) string { return "" }
	}
	if o.ConfigDir == "" {
		o.ConfigDir = config.ConfigDir(o.Env)
	}
	if o.ConfigFile == "" {
		o.ConfigFile = config.DefaultFile(o.Env)
	}
	return o
}

// scopes are the OAuth scopes asked for.
func (o AccountAdd) scopes() []string {
	s := append([]string(nil), mastodon.DefaultScopes...)
	if o.Admin {
		s = append(s, AdminScopes...)
	}
	return s
}

// authorize runs the OAuth dance and checks the token it gives.
func (o AccountAdd) authorize(ctx context.Context, server *url.URL, t *i18n.Catalog) (connected, error) {
	scopes, base := o.scopes(), server.String()
	regCtx, cancel := context.WithTimeout(ctx, addTimeout)
	app, err := mastodon.RegisterApp(regCtx, o.HTTP, base, o.AppName, scopes)
	cancel()
	if err != nil {
		return connected{}, fmt.Errorf("registering cmdeck on %s: %s", server.Host, clean(err))
	}
	fmt.Fprintln(o.Err, t.T("cli.account.open", strings.Join(scopes, " ")))
	fmt.Fprintln(o.Err, "  "+mastodon.AuthorizeURL(base, app, scopes))
	fmt.Fprint(o.Err, t.T("cli.account.code_prompt")+" ")
	code, err := readLine(ctx, o.In)
	if err != nil {
		return connected{}, err
	}
	if code == "" {
		return connected{}, &ConfigError{Err: errors.New("no code given: open the page, approve cmdeck and paste the code it shows")}
	}
	ctx, cancel = context.WithTimeout(ctx, addTimeout)
	defer cancel()
	token, err := mastodon.ExchangeCode(ctx, o.HTTP, base, app, code, scopes)
	if err != nil {
		return connected{}, fmt.Errorf("exchanging the code on %s: %s", server.Host, cleanSecret(err, code))
	}
	return o.verify(ctx, server, token)
}

// verify asks the server whose token it is, and refuses a username that
// could not be part of a handle or a file name.
func (o AccountAdd) verify(ctx context.Context, server *url.URL, token string) (connected, error) {
	c, err := mastodon.NewClient(server.String(), token, o.Clock, o.HTTP)
	if err != nil {
		return connected{}, fmt.Errorf("checking the token: %s", cleanSecret(err, token))
	}
	a, err := c.VerifyCredentials(ctx)
	if err != nil {
		return connected{}, fmt.Errorf("checking the token with %s: %s", server.Host, cleanSecret(err, token))
	}
	user := strings.TrimPrefix(a.Acct, "@")
	if i := strings.IndexByte(user, '@'); i >= 0 {
		user = user[:i] // the server's own accounts have no domain; be safe
	}
	if !usernameRe.MatchString(user) {
		return connected{}, fmt.Errorf("the server named the account %q, which is not a valid username", core.SanitizeLine(user))
	}
	return connected{server: server, user: user, host: strings.ToLower(server.Hostname()), token: token}, nil
}

// printToken writes the token alone on Out (for a pipe into a password
// manager) and, on Err, where to keep it and the block to paste.
func (o AccountAdd) printToken(acct connected, t *i18n.Catalog) error {
	if _, err := fmt.Fprintln(o.Out, acct.token); err != nil {
		return err
	}
	name := tokenName(acct)
	fmt.Fprintln(o.Err, t.T("cli.account.print_token", acct.handle()))
	block, err := accountYAML(o.clientSlug(acct), accountEntry{
		Provider: "mastodon", Handle: acct.handle(), TokenCmd: "pass show cmdeck/" + strings.TrimSuffix(name, ".token"),
		Settings: o.settings(acct),
	})
	if err != nil {
		return err
	}
	_, err = io.WriteString(o.Err, block)
	return err
}

// clientSlug is --client, else a slug made from the username.
func (o AccountAdd) clientSlug(acct connected) string {
	if o.Client != "" {
		return o.Client
	}
	return slugFrom(acct.user)
}

// usernameRe is what Mastodon accepts as a username: letters, digits and
// underscores (some compatible servers add dots and dashes).
var usernameRe = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$`)

// serverURL turns --server into scheme://host[:port]. A bare host means
// https; plain http is left for the client to refuse (it accepts it on a
// loopback address only, for tests).
func serverURL(s string) (*url.URL, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, errors.New("--server is required (your instance, e.g. --server https://mastodon.social)")
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Hostname() == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("--server %q: give the instance's address, e.g. https://mastodon.social", core.SanitizeLine(s))
	}
	if strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.User != nil {
		return nil, fmt.Errorf("--server %q: give only the instance's address, without a path, e.g. https://%s", core.SanitizeLine(s), u.Host)
	}
	return &url.URL{Scheme: u.Scheme, Host: strings.ToLower(u.Host)}, nil
}

// readLine reads one line from in; ctrl+c (ctx) stops the wait, since a
// read from a terminal cannot be interrupted otherwise.
func readLine(ctx context.Context, in io.Reader) (string, error) {
	if in == nil {
		return "", errors.New("no input to read the code from")
	}
	type answer struct {
		line string
		err  error
	}
	ch := make(chan answer, 1)
	go func() {
		line, err := bufio.NewReader(in).ReadString('\n')
		if errors.Is(err, io.EOF) && line != "" {
			err = nil
		}
		ch <- answer{strings.TrimSpace(line), err}
	}()
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case a := <-ch:
		if errors.Is(a.err, io.EOF) {
			return "", nil
		}
		return a.line, a.err
	}
}

// clean is an error's text on one line, without control characters: it may
// quote the server.
func clean(err error) string { return core.SanitizeLine(err.Error()) }

// cleanSecret is clean with the secret masked, should an error ever quote
// what was sent.
func cleanSecret(err error, secret string) string {
	s := clean(err)
	if secret != "" {
		s = strings.ReplaceAll(s, secret, "***")
	}
	return s
}

func lookupEnv(env func(string) string, k string) string {
	if env == nil {
		return ""
	}
	return env(k)
}
