// Package email is the IMAP + SMTP adapter: it syncs one or more folders of
// a mailbox incrementally by UID (UIDVALIDITY in the cursor), and answers,
// archives, deletes and marks as spam through IMAP and SMTP.
package email

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"

	"github.com/emersion/go-imap/v2"

	"cmdeck/core"
	"cmdeck/providers"
)

// Dialer opens a TCP connection; tests and the e2e harness inject theirs.
type Dialer func(ctx context.Context, network, addr string) (net.Conn, error)

// Settings is an account's configuration, from the config's settings map.
type Settings struct {
	IMAP     string   // host:port
	SMTP     string   // host:port
	TLS      string   // "implicit" (default), "starttls" or "none" (loopback only)
	CAFile   string   // extra CA to trust (a self-hosted server's)
	Folders  []string // folders to sync, default INBOX
	Archive  string
	Junk     string
	Sent     string
	From     string // "Name <addr>" our replies come from
	Username string
}

// Provider is the email adapter bound to one mailbox.
type Provider struct {
	set    Settings
	pass   string
	clock  core.Clock
	dial   Dialer
	tlsCfg *tls.Config
}

// New builds the provider from an account config. dial may be nil (the
// system dialer).
func New(cfg providers.AccountConfig, clock core.Clock, dial Dialer) (*Provider, error) {
	set, err := ParseSettings(withUsername(cfg.Settings, cfg.Account.Handle))
	if err != nil {
		return nil, err
	}
	if dial == nil {
		var d net.Dialer
		dial = d.DialContext
	}
	p := &Provider{set: set, pass: cfg.Secret, clock: clock, dial: dial}
	if p.tlsCfg, err = tlsConfig(set.CAFile); err != nil {
		return nil, err
	}
	return p, nil
}

// withUsername gives settings a username, the account's handle (the
// mailbox's address) when none is set: most logins are the address.
func withUsername(m map[string]string, handle string) map[string]string {
	if strings.TrimSpace(m["username"]) != "" || strings.TrimSpace(handle) == "" {
		return m
	}
	out := make(map[string]string, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	out["username"] = strings.TrimSpace(handle)
	return out
}

// ParseSettings reads and checks the settings map.
func ParseSettings(m map[string]string) (Settings, error) {
	s := Settings{
		IMAP: m["imap"], SMTP: m["smtp"], TLS: strings.ToLower(m["tls"]), CAFile: m["ca_file"],
		Archive: or(m["archive"], "Archive"), Junk: or(m["junk"], "Junk"), Sent: or(m["sent"], "Sent"),
		From: m["from"], Username: m["username"],
	}
	for _, f := range strings.Split(or(m["folders"], "INBOX"), ",") {
		if f = strings.TrimSpace(f); f != "" {
			s.Folders = append(s.Folders, f)
		}
	}
	if s.TLS == "" {
		s.TLS = "implicit"
	}
	var problems []string
	if s.IMAP == "" {
		problems = append(problems, "settings.imap is missing (host:port)")
	}
	if s.SMTP == "" {
		problems = append(problems, "settings.smtp is missing (host:port)")
	}
	if s.Username == "" {
		problems = append(problems, "settings.username is missing")
	}
	switch s.TLS {
	case "implicit", "starttls":
	case "none":
		for _, a := range []string{s.IMAP, s.SMTP} {
			if a != "" && !providers.IsLoopbackAddr(a) {
				problems = append(problems, fmt.Sprintf("settings.tls: none is only allowed to a loopback server, not %s", a))
			}
		}
	default:
		problems = append(problems, fmt.Sprintf("settings.tls: %q is not implicit, starttls or none", s.TLS))
	}
	if s.From == "" {
		s.From = s.Username
	}
	if len(problems) > 0 {
		return s, &providers.PermanentError{Err: errors.New("email: " + strings.Join(problems, "; "))}
	}
	return s, nil
}

func or(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return strings.TrimSpace(s)
}

// tlsConfig trusts the system roots plus the configured CA file.
func tlsConfig(caFile string) (*tls.Config, error) {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if caFile == "" {
		return cfg, nil
	}
	pem, err := os.ReadFile(caFile)
	if err != nil {
		return nil, &providers.PermanentError{Err: fmt.Errorf("email: settings.ca_file: %w", err)}
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, &providers.PermanentError{Err: fmt.Errorf("email: settings.ca_file %s holds no PEM certificate", caFile)}
	}
	cfg.RootCAs = pool
	return cfg, nil
}

// tlsFor returns the TLS config for a server address (its host as the
// name to verify).
func (p *Provider) tlsFor(addr string) *tls.Config {
	c := p.tlsCfg.Clone()
	if host, _, err := net.SplitHostPort(addr); err == nil {
		c.ServerName = host
	}
	return c
}

// Capabilities: reply, archive (the deck's hide), delete, spam.
func (p *Provider) Capabilities() providers.Capabilities {
	return providers.Capabilities{providers.CapReply, providers.CapHide, providers.CapDelete, providers.CapSpam,
		providers.CapReadState}
}

// redact removes the password from a text bound for an error or a log.
func (p *Provider) redact(s string) string {
	if p.pass == "" {
		return s
	}
	return strings.ReplaceAll(s, p.pass, "[redacted]")
}

// CheckLogin proves the settings and the password work: an IMAP LOGIN and
// an opening of each synced folder, then an SMTP AUTH. `account add email`
// runs it before printing the config block.
func (p *Provider) CheckLogin(ctx context.Context) error {
	s, err := p.connect(ctx)
	if err != nil {
		return err
	}
	defer s.close()
	for _, f := range p.set.Folders {
		if _, err := s.c.Select(f, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
			return p.wrap(ctx, "opening "+f, err)
		}
	}
	c, err := p.smtpClient(ctx)
	if err != nil {
		return err
	}
	_ = c.Quit()
	c.Close()
	return nil
}

// Factory is New as a registry factory: app registers it as "email".
func Factory(clock core.Clock, dial Dialer) providers.Factory {
	return func(cfg providers.AccountConfig) (providers.Provider, error) {
		p, err := New(cfg, clock, dial)
		if err != nil {
			return nil, err
		}
		return p, nil
	}
}
