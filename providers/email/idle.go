package email

import (
	"context"
	"fmt"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"cmdeck/providers"
)

// idleLimit ends one wait even without news: a long-idle connection may
// have died silently behind a NAT, and the engine's next sync would not
// notice; a fresh wait costs one login.
const idleLimit = 20 * time.Minute

// WaitForNew is providers.Waiter: it idles (IMAP IDLE) on the first synced
// folder and returns when the server announces a new message there, after
// idleLimit, or when ctx ends. A server without IDLE answers an error
// wrapping providers.ErrUnsupported: the mailbox is then only polled. The
// other folders are read at each sync, as before.
func (p *Provider) WaitForNew(ctx context.Context) error {
	news := make(chan struct{}, 1)
	h := &imapclient.UnilateralDataHandler{Mailbox: func(d *imapclient.UnilateralDataMailbox) {
		if d.NumMessages != nil {
			select {
			case news <- struct{}{}:
			default:
			}
		}
	}}
	s, err := p.connectWith(ctx, h)
	if err != nil {
		return err
	}
	defer s.close()
	if !s.c.Caps().Has(imap.CapIdle) {
		return fmt.Errorf("email: %s has no IDLE: %w", p.set.IMAP, providers.ErrUnsupported)
	}
	if _, err := s.c.Select(p.set.Folders[0], nil).Wait(); err != nil {
		return p.wrap(ctx, "opening "+p.set.Folders[0], err)
	}
	idle, err := s.c.Idle()
	if err != nil {
		return p.wrap(ctx, "idling", err)
	}
	timer := time.NewTimer(idleLimit)
	defer timer.Stop()
	select {
	case <-news:
	case <-timer.C:
	case <-ctx.Done():
	}
	if err := idle.Close(); err == nil {
		_ = idle.Wait()
	}
	return ctx.Err()
}
