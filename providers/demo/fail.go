package demo

import (
	"errors"
	"fmt"
	"sync"

	"cmdeck/providers"
)

// failSwitch holds a failure injected for tests: the next request (Fetch or
// Do) fails with it, then the network works again.
type failSwitch struct {
	mu   sync.Mutex
	next providers.ErrorClass // ClassNone: nothing pending
}

// FailNext makes the next Fetch or Do of this provider fail with an error
// of class (the typed sentinels of providers; permanent is a
// *providers.PermanentError; an unknown class fails as transient), as a real
// network can at any moment: tests use it to check that the engine, the
// outbox and the health view handle each class. ClassNone cancels a pending
// failure.
func (p *Provider) FailNext(class providers.ErrorClass) {
	p.fail.mu.Lock()
	defer p.fail.mu.Unlock()
	p.fail.next = class
}

// injected takes the pending failure, if any, as the error the network
// answers with.
func (p *Provider) injected() error {
	p.fail.mu.Lock()
	class := p.fail.next
	p.fail.next = providers.ClassNone
	p.fail.mu.Unlock()
	if class == providers.ClassNone {
		return nil
	}
	return failure(p.gen.net.name, class)
}

// failure is the error the demo network answers for a class.
func failure(network string, class providers.ErrorClass) error {
	switch class {
	case providers.ClassAuth:
		return fmt.Errorf("demo %s: the access was revoked: %w", network, providers.ErrAuth)
	case providers.ClassRateLimited:
		return fmt.Errorf("demo %s: too many requests, try again later: %w", network, providers.ErrRateLimited)
	case providers.ClassNotFound:
		return fmt.Errorf("demo %s: %w", network, providers.ErrNotFound)
	case providers.ClassPermanent:
		return &providers.PermanentError{Err: fmt.Errorf("demo %s: the request was refused", network)}
	}
	return errors.New("demo " + network + ": the network is unavailable, try again later")
}
