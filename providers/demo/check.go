package demo

import (
	"context"
	"errors"

	"cmdeck/core"
	"cmdeck/providers"
)

// The demo provider can tell whether an action already took effect, and
// knows its network's length limit.
var (
	_ providers.Checker      = (*Provider)(nil)
	_ providers.Limiter      = (*Provider)(nil)
	_ providers.MediaChecker = (*Provider)(nil)
)

// Check reports whether the action with a's idempotency key already took
// effect on the demo network, with the result it got then. The engine asks
// before re-sending an action whose worker died between send and record.
// A key that was used for a different action is a permanent error, as in Do.
func (p *Provider) Check(ctx context.Context, a core.Action) (core.ActionResult, bool, error) {
	if err := ctx.Err(); err != nil {
		return core.ActionResult{}, false, err
	}
	fp := fingerprint(a)
	o := &p.out
	o.mu.Lock()
	defer o.mu.Unlock()
	prev, ok := o.done[a.IdempotencyKey]
	if !ok {
		return core.ActionResult{}, false, nil
	}
	if prev.fingerprint != fp {
		return core.ActionResult{}, false, &providers.PermanentError{
			Err: errors.New("demo: idempotency key already used for a different action")}
	}
	return prev.result, true, nil
}

// LengthLimit is the longest reply or post the account's network accepts,
// in characters (0 = no limit): Chirper 280, Facegram 2200, ForumPlus
// 10000, ReviewHub 1000.
func (p *Provider) LengthLimit() int { return p.gen.net.limit }
