package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

// holdNet is a fake network that holds scheduled posts and publishes them
// at their time, like a Mastodon server: it reads the test's clock at each
// call, so a post scheduled there goes out whether or not a runner steps.
type holdNet struct {
	mu     sync.Mutex
	clock  core.Clock
	lead   time.Duration // MinScheduleLead
	nextID int
	held   map[string]*heldPost // by scheduled id
	out    []netPost            // published, in order
	calls  map[string]int       // by method
	keys   []string             // the idempotency key of each Schedule call
	// refuse, when set, is every Schedule answer (a server without
	// scheduled posts answers ErrNotFound).
	refuse error
	// lostAnswers makes the next Schedule calls hold the post but fail,
	// as when the answer is lost on the way back.
	lostAnswers int
}

// heldPost is a post the network holds until at.
type heldPost struct {
	text  string
	media int
	at    time.Time
}

// netPost is a post the network published; via says who sent it: the
// network itself at its time, or the outbox (Do).
type netPost struct {
	id, text, via string
	at            time.Time
}

func newHoldNet(clock core.Clock) *holdNet {
	return &holdNet{clock: clock, lead: 5 * time.Minute, held: map[string]*heldPost{}, calls: map[string]int{}}
}

// tick publishes the held posts whose time came, in time order. n.mu is
// held.
func (n *holdNet) tick() {
	now := n.clock.Now()
	var due []string
	for id, h := range n.held {
		if !h.at.After(now) {
			due = append(due, id)
		}
	}
	slices.SortFunc(due, func(a, b string) int { return n.held[a].at.Compare(n.held[b].at) })
	for _, id := range due {
		n.publish(n.held[id].text, "network", n.held[id].at)
		delete(n.held, id)
	}
}

// publish adds a published post. n.mu is held.
func (n *holdNet) publish(text, via string, at time.Time) netPost {
	n.nextID++
	p := netPost{id: fmt.Sprintf("st-%d", n.nextID), text: text, via: via, at: at}
	n.out = append(n.out, p)
	return p
}

// enter counts a call and lets time do its work. n.mu is held.
func (n *holdNet) enter(method string) {
	n.calls[method]++
	n.tick()
}

func (n *holdNet) schedule(a core.Action, at time.Time) (string, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.enter("schedule")
	n.keys = append(n.keys, a.IdempotencyKey)
	if n.refuse != nil {
		return "", n.refuse
	}
	if at.Before(n.clock.Now().Add(n.lead)) {
		return "", &providers.PermanentError{Err: errors.New("422: scheduled_at must be at least 5 minutes ahead")}
	}
	// Like Mastodon's Schedule: a post already held with this text and
	// time is the one an earlier, lost answer scheduled.
	for id, h := range n.held {
		if h.text == a.Payload && h.at.Equal(at) && h.media == len(a.Media) {
			return id, nil
		}
	}
	n.nextID++
	id := fmt.Sprintf("sch-%d", n.nextID)
	n.held[id] = &heldPost{text: a.Payload, media: len(a.Media), at: at}
	if n.lostAnswers > 0 {
		n.lostAnswers--
		return "", errors.New("connection reset by peer")
	}
	return id, nil
}

func (n *holdNet) reschedule(id string, at time.Time) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.enter("reschedule")
	h, ok := n.held[id]
	if !ok {
		return fmt.Errorf("404: %w", providers.ErrNotFound)
	}
	h.at = at
	return nil
}

func (n *holdNet) unschedule(id string) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.enter("unschedule")
	if _, ok := n.held[id]; !ok {
		return fmt.Errorf("404: %w", providers.ErrNotFound)
	}
	delete(n.held, id)
	return nil
}

// check finds a published post with the action's text, as Mastodon's
// Check does (it has no key to look for).
func (n *holdNet) check(a core.Action) (core.ActionResult, bool, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.enter("check")
	for _, p := range n.out {
		if p.text == a.Payload {
			return core.ActionResult{RemoteID: p.id, URL: "https://hold.example/" + p.id}, true, nil
		}
	}
	return core.ActionResult{}, false, nil
}

func (n *holdNet) do(a core.Action) (core.ActionResult, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.enter("do")
	p := n.publish(a.Payload, "outbox", n.clock.Now())
	return core.ActionResult{RemoteID: p.id, URL: "https://hold.example/" + p.id}, nil
}

// fetch returns the account's published posts, as a sync stores them.
func (n *holdNet) fetch() core.Batch {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.tick()
	b := core.Batch{Cursor: "c"}
	for _, p := range n.out {
		b.Posts = append(b.Posts, core.Post{RemoteID: p.id, Body: p.text, Status: core.PostPublished,
			PublishedAt: p.at, URL: "https://hold.example/" + p.id})
	}
	return b
}

// lose drops every held post without publishing it.
func (n *holdNet) lose() {
	n.mu.Lock()
	defer n.mu.Unlock()
	clear(n.held)
}

// callCount is how many times method was called.
func (n *holdNet) callCount(method string) int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.calls[method]
}

// heldCopies lists the held posts.
func (n *holdNet) heldCopies() []heldPost {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.tick()
	var out []heldPost
	for _, h := range n.held {
		out = append(out, *h)
	}
	return out
}

// published lists the published posts.
func (n *holdNet) published() []netPost {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.tick()
	return append([]netPost(nil), n.out...)
}

// scheduleKeys lists the idempotency keys Schedule was given.
func (n *holdNet) scheduleKeys() []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]string(nil), n.keys...)
}

// holder is a provider on a holdNet: it schedules and checks.
type holder struct{ n *holdNet }

func (p holder) Capabilities() providers.Capabilities {
	return providers.Capabilities{providers.CapPublish}
}
func (p holder) Fetch(ctx context.Context, cursor string) (core.Batch, error) {
	return p.n.fetch(), nil
}
func (p holder) Do(ctx context.Context, a core.Action) (core.ActionResult, error) {
	return p.n.do(a)
}
func (p holder) Check(ctx context.Context, a core.Action) (core.ActionResult, bool, error) {
	return p.n.check(a)
}
func (p holder) MinScheduleLead() time.Duration { return p.n.lead }
func (p holder) Schedule(ctx context.Context, a core.Action, at time.Time) (string, error) {
	return p.n.schedule(a, at)
}
func (p holder) Reschedule(ctx context.Context, id string, at time.Time) error {
	return p.n.reschedule(id, at)
}
func (p holder) Unschedule(ctx context.Context, id string) error { return p.n.unschedule(id) }

// holdWorld is an outboxWorld whose account is on a holdNet.
type holdWorld struct {
	*outboxWorld
	hold *holdNet
}

func newHoldWorld(t *testing.T) *holdWorld {
	t.Helper()
	w := &holdWorld{outboxWorld: newOutboxWorld(t, "holder")}
	w.hold = newHoldNet(w.clock)
	w.reg.Register("holder", func(providers.AccountConfig) (providers.Provider, error) { return holder{w.hold}, nil })
	return w
}

// stepAt sets the clock to at and steps r.
func (w *holdWorld) stepAt(r *Runner, at time.Time) {
	w.t.Helper()
	w.clock.Set(at)
	w.step(r)
}

// texts lists the texts of published posts, with who sent each.
func texts(ps []netPost) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.via+":"+p.text)
	}
	return out
}
