package email

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/mail"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"cmdeck/providers"
)

// send delivers raw to one recipient through the SMTP submission server,
// authenticated as the mailbox's user.
func (p *Provider) send(ctx context.Context, to string, raw []byte) error {
	from, err := mail.ParseAddress(p.set.From)
	if err != nil {
		return &providers.PermanentError{Err: fmt.Errorf("email: settings.from %q is not an address", p.set.From)}
	}
	c, err := p.smtpClient(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.SendMail(from.Address, []string{to}, bytes.NewReader(raw)); err != nil {
		return p.smtpError("sending", err)
	}
	_ = c.Quit()
	return nil
}

// smtpClient dials, secures and authenticates; a cancelled ctx closes the
// connection.
func (p *Provider) smtpClient(ctx context.Context) (*smtp.Client, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	conn, err := p.dial(ctx, "tcp", p.set.SMTP)
	if err != nil {
		return nil, fmt.Errorf("email: connecting to %s: %w", p.set.SMTP, err)
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	c, err := p.newSMTP(conn)
	if err != nil {
		stop()
		conn.Close()
		return nil, p.smtpError("greeting", err)
	}
	if err := c.Auth(sasl.NewPlainClient("", p.set.Username, p.pass)); err != nil {
		stop()
		c.Close()
		return nil, p.smtpError("login", err)
	}
	return c, nil
}

func (p *Provider) newSMTP(conn net.Conn) (*smtp.Client, error) {
	switch p.set.TLS {
	case "implicit":
		c := smtp.NewClient(tlsClient(conn, p.tlsFor(p.set.SMTP)))
		return c, c.Hello("localhost")
	case "starttls":
		return smtp.NewClientStartTLS(conn, p.tlsFor(p.set.SMTP))
	}
	c := smtp.NewClient(conn)
	return c, c.Hello("localhost")
}

// smtpError types an SMTP failure: 535 and friends are ErrAuth, other 5xx
// permanent, the rest transient; the password never appears.
func (p *Provider) smtpError(what string, err error) error {
	var se *smtp.SMTPError
	if errors.As(err, &se) {
		msg := p.redact(se.Message)
		switch {
		case se.Code == 535 || se.Code == 534 || se.Code == 530 || (what == "login" && se.Code >= 500):
			return fmt.Errorf("email: smtp %s refused: %d %s: %w", what, se.Code, msg, providers.ErrAuth)
		case se.Code >= 500:
			return &providers.PermanentError{Err: fmt.Errorf("email: smtp %s refused: %d %s", what, se.Code, msg)}
		}
		return fmt.Errorf("email: smtp %s: %d %s", what, se.Code, msg)
	}
	return fmt.Errorf("email: smtp %s: %s", what, p.redact(err.Error()))
}
