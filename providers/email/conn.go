package email

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"cmdeck/providers"
)

// session is one logged-in IMAP connection, closed when the operation
// using it ends: mail is polled on the engine's ticker, and a fresh
// connection per pass keeps no state that could go stale.
type session struct {
	c    *imapclient.Client
	stop func() bool
}

// connect dials, secures and logs in. A cancelled ctx closes the connection,
// which unblocks any command in flight.
func (p *Provider) connect(ctx context.Context) (*session, error) {
	return p.connectWith(ctx, nil)
}

// connectWith is connect with a handler for what the server says unasked
// (new messages while idling); nil ignores it.
func (p *Provider) connectWith(ctx context.Context, h *imapclient.UnilateralDataHandler) (*session, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	conn, err := p.dial(ctx, "tcp", p.set.IMAP)
	if err != nil {
		return nil, fmt.Errorf("email: connecting to %s: %w", p.set.IMAP, err)
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	opts := &imapclient.Options{TLSConfig: p.tlsFor(p.set.IMAP), UnilateralDataHandler: h}
	var c *imapclient.Client
	switch p.set.TLS {
	case "implicit":
		tc := tlsClient(conn, opts.TLSConfig)
		c = imapclient.New(tc, opts)
	case "starttls":
		c, err = imapclient.NewStartTLS(conn, opts)
	default:
		c = imapclient.New(conn, opts)
	}
	if err == nil {
		err = c.WaitGreeting()
	}
	if err != nil {
		stop()
		conn.Close()
		return nil, p.wrap(ctx, "greeting", err)
	}
	if err := c.Login(p.set.Username, p.pass).Wait(); err != nil {
		stop()
		c.Close()
		return nil, p.wrap(ctx, "login", err)
	}
	return &session{c: c, stop: stop}, nil
}

func (s *session) close() {
	s.stop()
	done := make(chan struct{})
	go func() { s.c.Logout().Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
	}
	s.c.Close()
}

// wrap turns an IMAP failure into a typed error, without the password:
// a refused login is ErrAuth, a missing mailbox ErrNotFound, a cancelled
// context its own error, anything else (network, server gone) transient.
func (p *Provider) wrap(ctx context.Context, what string, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return fmt.Errorf("email: %s: %w", what, ctxErr)
	}
	var ie *imap.Error
	if errors.As(err, &ie) {
		msg := p.redact(ie.Text)
		switch {
		case ie.Code == imap.ResponseCodeAuthenticationFailed || ie.Code == imap.ResponseCodeAuthorizationFailed ||
			ie.Code == imap.ResponseCodeExpired || (what == "login" && ie.Type == imap.StatusResponseTypeNo):
			return fmt.Errorf("email: %s refused: %s: %w", what, msg, providers.ErrAuth)
		case ie.Code == imap.ResponseCodeNonExistent || ie.Code == imap.ResponseCodeTryCreate:
			return fmt.Errorf("email: %s: %s: %w", what, msg, providers.ErrNotFound)
		case ie.Type == imap.StatusResponseTypeBad:
			return &providers.PermanentError{Err: fmt.Errorf("email: %s rejected: %s", what, msg)}
		}
		return fmt.Errorf("email: %s: %s", what, msg)
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return fmt.Errorf("email: %s: connection lost: %s", what, p.redact(err.Error()))
	}
	return fmt.Errorf("email: %s: %s", what, p.redact(err.Error()))
}
