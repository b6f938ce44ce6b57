package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"cmdeck/config"
	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/providers"
	"cmdeck/providers/email"
)

// AccountAddEmail is `cmdeck account add email`: its flags, and what it
// reads and writes, injected so a test drives it against local servers.
type AccountAddEmail struct {
	IMAP, SMTP string // host:port of each server
	TLS        string // implicit (default), starttls, none (loopback only)
	CAFile     string // a self-hosted server's CA
	Username   string // the login, usually the address
	From       string // "Le Fournil <contact@…>": who replies come from; "" = Username
	Folders    string // "INBOX,Support"; "" = INBOX
	Client     string // the cmdeck client (slug) the block goes under
	// PasswordEnv names the variable holding the password, both to read it
	// now and in the printed block (token_env); PasswordCmd, when set,
	// goes in the block instead (token_cmd, e.g. "pass show mail/contact").
	PasswordEnv, PasswordCmd string

	Dial       email.Dialer        // nil: the system dialer
	Clock      core.Clock          // nil: the system clock
	In         io.Reader           // where the password is typed when PasswordEnv is unset
	Out        io.Writer           // the YAML block
	Err        io.Writer           // the prompt and notes
	ConfigFile string              // named in the note over the block; "" = the default file
	Env        func(string) string // reads PasswordEnv
}

// DefaultMailPasswordEnv is the variable the block names when no
// --password-env is given.
const DefaultMailPasswordEnv = "CMDECK_MAIL_PASSWORD"

// RunAccountAddEmail checks the login on both servers (IMAP LOGIN, SMTP
// AUTH) and prints the account block to paste. The password is read from
// the environment or typed, and never printed nor put in an error: the
// block names where cmdeck reads it (token_env or token_cmd).
func RunAccountAddEmail(ctx context.Context, o AccountAddEmail, t *i18n.Catalog) error {
	o = o.withDefaults()
	if o.Client != "" && !validSlug(o.Client) {
		return &ConfigError{Err: fmt.Errorf("--client %q: a client slug holds only a-z, 0-9 and - (e.g. %q)", o.Client, slugFrom(o.Client))}
	}
	settings := o.settings()
	if _, err := email.ParseSettings(settings); err != nil {
		return &ConfigError{Err: err}
	}
	pass, err := o.password(ctx, t)
	if err != nil {
		return err
	}
	p, err := email.New(providers.AccountConfig{Settings: settings, Secret: pass}, o.Clock, o.Dial)
	if err != nil {
		return &ConfigError{Err: errors.New(cleanSecret(err, pass))}
	}
	ctx, cancel := context.WithTimeout(ctx, addTimeout)
	defer cancel()
	if err := p.CheckLogin(ctx); err != nil {
		return fmt.Errorf("checking the login: %s", cleanSecret(err, pass))
	}
	fmt.Fprintln(o.Err, t.T("cli.account.email_connected", core.SanitizeLine(o.Username), o.IMAP, o.SMTP))
	entry := accountEntry{Provider: "email", Handle: o.Username, TokenCmd: o.PasswordCmd, Settings: settings}
	if o.PasswordCmd == "" {
		entry.TokenEnv = o.PasswordEnv
	}
	block, err := accountYAML(o.clientSlug(), entry)
	if err != nil {
		return err
	}
	fmt.Fprintln(o.Out, t.T("cli.account.paste", o.ConfigFile))
	_, err = io.WriteString(o.Out, block)
	return err
}

func (o AccountAddEmail) withDefaults() AccountAddEmail {
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
		o.PasswordEnv = DefaultMailPasswordEnv
	}
	if o.From == "" {
		o.From = o.Username
	}
	if o.ConfigFile == "" {
		o.ConfigFile = config.DefaultFile(o.Env)
	}
	return o
}

// settings is the block's settings: map, as the provider reads it.
func (o AccountAddEmail) settings() map[string]string {
	s := map[string]string{"imap": o.IMAP, "smtp": o.SMTP, "username": o.Username, "from": o.From}
	for k, v := range map[string]string{"tls": o.TLS, "ca_file": o.CAFile, "folders": o.Folders} {
		if v != "" {
			s[k] = v
		}
	}
	return s
}

// password reads it from PasswordEnv, else asks for it on In.
func (o AccountAddEmail) password(ctx context.Context, t *i18n.Catalog) (string, error) {
	if p := o.Env(o.PasswordEnv); p != "" {
		return p, nil
	}
	fmt.Fprint(o.Err, t.T("cli.account.email_password", core.SanitizeLine(o.Username), o.PasswordEnv)+" ")
	p, err := readLine(ctx, o.In)
	if err != nil {
		return "", err
	}
	if p == "" {
		return "", &ConfigError{Err: fmt.Errorf("no password given: type it, or set %s", o.PasswordEnv)}
	}
	return p, nil
}

// clientSlug is --client, else one made from the address's domain.
func (o AccountAddEmail) clientSlug() string {
	if o.Client != "" {
		return o.Client
	}
	domain := o.Username
	if i := strings.LastIndexByte(domain, '@'); i >= 0 {
		domain = domain[i+1:]
	}
	if i := strings.IndexByte(domain, '.'); i > 0 {
		domain = domain[:i]
	}
	return slugFrom(domain)
}
