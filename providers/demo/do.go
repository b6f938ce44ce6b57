package demo

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strings"
	"sync"
	"unicode/utf8"

	"cmdeck/core"
	"cmdeck/providers"
)

// outbox remembers what the demo network has been asked to do, so a retried
// action (same idempotency key) is answered from memory instead of being
// performed twice, and tests can check exactly-once delivery.
type outbox struct {
	mu    *sync.Mutex
	calls map[string]int       // Do calls accepted, per key
	done  map[string]performed // effect and result, per key
	log   []core.Action        // effects, in the order they happened
}

type performed struct {
	fingerprint uint64
	result      core.ActionResult
}

func newOutbox() outbox {
	return outbox{mu: &sync.Mutex{}, calls: map[string]int{}, done: map[string]performed{}}
}

// Do performs one action on the demo network. The result is derived from
// the idempotency key: the same key gives the same result and only one
// effect. Reusing a key for a different action is a permanent error. A
// post's attachments must exist and fit MediaLimit, else the post is
// refused (permanently) as a real network would; a retry of a post that
// went out is answered from memory, whatever became of its files.
func (p *Provider) Do(ctx context.Context, a core.Action) (core.ActionResult, error) {
	if err := ctx.Err(); err != nil {
		return core.ActionResult{}, err
	}
	if err := p.injected(); err != nil {
		return core.ActionResult{}, err
	}
	if !p.gen.net.caps.Has(providers.ForAction(a.Kind)) {
		return core.ActionResult{}, fmt.Errorf("demo %s: %q: %w", p.gen.net.name, a.Kind, providers.ErrUnsupported)
	}
	if err := validate(a); err != nil {
		return core.ActionResult{}, &providers.PermanentError{Err: err}
	}
	if n, limit := utf8.RuneCountInString(a.Payload), p.gen.net.limit; hasText(a.Kind) && limit > 0 && n > limit {
		return core.ActionResult{}, &providers.PermanentError{
			Err: fmt.Errorf("demo %s: the text is %d characters long; the limit is %d", p.gen.net.name, n, limit)}
	}
	fp := fingerprint(a)
	o := &p.out
	o.mu.Lock()
	defer o.mu.Unlock()
	if prev, ok := o.done[a.IdempotencyKey]; ok {
		if prev.fingerprint != fp {
			return core.ActionResult{}, &providers.PermanentError{
				Err: errors.New("demo: idempotency key already used for a different action")}
		}
		o.calls[a.IdempotencyKey]++
		return prev.result, nil
	}
	if a.Kind == core.ActPublish {
		if err := p.media.check(a.Media); err != nil {
			return core.ActionResult{}, &providers.PermanentError{Err: err}
		}
	}
	res := p.result(a)
	o.done[a.IdempotencyKey] = performed{fingerprint: fp, result: res}
	o.calls[a.IdempotencyKey]++
	o.log = append(o.log, a)
	return res, nil
}

// fingerprint identifies what an action does, to tell a retry (same key,
// same action) from a key reused for something else.
func fingerprint(a core.Action) uint64 {
	h := hash(hashString(string(a.Kind)), hashString(a.TargetRemoteID), hashString(a.Payload))
	for _, m := range a.Media {
		h = hash(h, hashString(m))
	}
	return h
}

// hasText reports whether an action kind's payload is published text (as
// opposed to a moderation reason).
func hasText(k core.ActionKind) bool { return k == core.ActReply || k == core.ActPublish }

// validate rejects actions no network would accept.
func validate(a core.Action) error {
	if strings.TrimSpace(a.IdempotencyKey) == "" {
		return errors.New("demo: action has no idempotency key")
	}
	if hasText(a.Kind) && strings.TrimSpace(a.Payload) == "" && (a.Kind != core.ActPublish || len(a.Media) == 0) {
		return fmt.Errorf("demo: %s needs a text", a.Kind)
	}
	if a.Kind != core.ActPublish && strings.TrimSpace(a.TargetRemoteID) == "" {
		return fmt.Errorf("demo: %s needs a target", a.Kind)
	}
	return nil
}

// result is what the network answers: created things get an id derived from
// the key; moderation actions point at their target.
func (p *Provider) result(a core.Action) core.ActionResult {
	g := p.gen
	id := fmt.Sprintf("%012x", hash(g.seed, saltDo, hashString(a.IdempotencyKey))>>16)
	switch a.Kind {
	case core.ActReply:
		rid := g.code + "-r" + id
		return core.ActionResult{RemoteID: rid, URL: g.base + "/" + rid}
	case core.ActPublish:
		rid := g.code + "-post" + id
		return core.ActionResult{RemoteID: rid, URL: g.base + "/posts/" + rid}
	}
	return core.ActionResult{URL: g.base + "/" + a.TargetRemoteID}
}

// Sent returns, per idempotency key, how many Do calls were accepted
// (retries included). A copy: the caller may keep it.
func (p *Provider) Sent() map[string]int {
	p.out.mu.Lock()
	defer p.out.mu.Unlock()
	return maps.Clone(p.out.calls)
}

// Performed returns how many times the action with key took effect on the
// network: 0 or 1, whatever the number of retries.
func (p *Provider) Performed(key string) int {
	p.out.mu.Lock()
	defer p.out.mu.Unlock()
	n := 0
	for _, a := range p.out.log {
		if a.IdempotencyKey == key {
			n++
		}
	}
	return n
}

// Actions returns the performed actions in order, for tests that check what
// was sent.
func (p *Provider) Actions() []core.Action {
	p.out.mu.Lock()
	defer p.out.mu.Unlock()
	return append([]core.Action(nil), p.out.log...)
}
