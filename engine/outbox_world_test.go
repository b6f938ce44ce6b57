package engine

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
	"cmdeck/store"
)

// network is a fake social network shared by every provider built for it,
// so it outlives a "crashed" runner: it counts sends and checks, remembers
// what took effect, and answers from a script.
type network struct {
	mu      sync.Mutex
	sends   int                          // Do calls
	checks  int                          // Check calls
	done    map[string]core.ActionResult // effects, by idempotency key
	script  []error                      // the next Do answers (nil = success)
	offline error                        // when set, every call fails with it
	panics  int                          // the next Do calls that panic
	sent    []core.Action                // what each Do call carried
}

func newNetwork() *network { return &network{done: map[string]core.ActionResult{}} }

func (n *network) push(errs ...error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.script = append(n.script, errs...)
}

func (n *network) setOffline(err error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.offline = err
}

func (n *network) counts() (sends, checks, effects int) {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.sends, n.checks, len(n.done)
}

func (n *network) do(a core.Action) (core.ActionResult, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.sends++
	n.sent = append(n.sent, a)
	if n.panics > 0 {
		n.panics--
		panic("boom")
	}
	if n.offline != nil {
		return core.ActionResult{}, n.offline
	}
	if len(n.script) > 0 {
		err := n.script[0]
		n.script = n.script[1:]
		if err != nil {
			return core.ActionResult{}, err
		}
	}
	if res, ok := n.done[a.IdempotencyKey]; ok {
		return res, nil
	}
	res := core.ActionResult{RemoteID: "net-" + a.IdempotencyKey, URL: "https://net.example/" + a.IdempotencyKey}
	n.done[a.IdempotencyKey] = res
	return res, nil
}

// sentActions returns what each Do call carried, in order.
func (n *network) sentActions() []core.Action {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]core.Action(nil), n.sent...)
}

func (n *network) check(a core.Action) (core.ActionResult, bool, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.checks++
	if n.offline != nil {
		return core.ActionResult{}, false, n.offline
	}
	res, ok := n.done[a.IdempotencyKey]
	return res, ok, nil
}

// sender is a provider on the network that can check (providers.Checker).
type sender struct{ n *network }

func (p sender) Capabilities() providers.Capabilities {
	return providers.Capabilities{providers.CapReply}
}
func (p sender) Fetch(ctx context.Context, cursor string) (core.Batch, error) {
	return core.Batch{Cursor: "c"}, nil
}
func (p sender) Do(ctx context.Context, a core.Action) (core.ActionResult, error) { return p.n.do(a) }
func (p sender) Check(ctx context.Context, a core.Action) (core.ActionResult, bool, error) {
	return p.n.check(a)
}

// blind is a provider that cannot check.
type blind struct{ n *network }

func (p blind) Capabilities() providers.Capabilities {
	return providers.Capabilities{providers.CapReply}
}
func (p blind) Fetch(ctx context.Context, cursor string) (core.Batch, error) {
	return core.Batch{Cursor: "c"}, nil
}
func (p blind) Do(ctx context.Context, a core.Action) (core.ActionResult, error) { return p.n.do(a) }

// outboxWorld is a real store on a temp file with one account on the fake
// network, an item needing a reply, and what the runners reported.
type outboxWorld struct {
	t      *testing.T
	db     *store.Store
	path   string
	clock  *core.ManualClock
	net    *network
	reg    *providers.Registry
	acct   core.Account
	itemID int64

	mu     sync.Mutex
	events []Event
}

func newOutboxWorld(t *testing.T, provider string) *outboxWorld {
	t.Helper()
	ctx := context.Background()
	w := &outboxWorld{t: t, path: filepath.Join(t.TempDir(), "cmdeck.db"),
		clock: core.NewManualClock(t0), net: newNetwork(), reg: providers.NewRegistry()}
	w.db = openReal(t, w.path, w.clock)
	w.reg.Register("sender", func(providers.AccountConfig) (providers.Provider, error) { return sender{w.net}, nil })
	w.reg.Register("blind", func(providers.AccountConfig) (providers.Provider, error) { return blind{w.net}, nil })
	_, accts, err := w.db.UpsertWorkspace(ctx, []core.Client{{Slug: "pf", Name: "PixelForge"}},
		[]core.Account{{ClientSlug: "pf", Provider: provider, Network: "Fakenet", Handle: "@pf"}})
	if err != nil {
		t.Fatal(err)
	}
	w.acct = accts[0]
	it := core.Item{RemoteID: "m1", Kind: core.KindComment, Body: "Où est mon colis ?", CreatedAt: t0,
		NeedsReply: true, Author: core.Author{RemoteID: "u1", Handle: "@zoe"}}
	res, err := w.db.IngestBatch(ctx, w.acct.ID, core.Batch{Items: []core.Item{it}}, t0)
	if err != nil {
		t.Fatal(err)
	}
	w.itemID = res.NewItemIDs[0]
	return w
}

// runner builds a runner on its own store handle (another process's view).
func (w *outboxWorld) runner(owner string, edit ...func(*Options)) *Runner {
	w.t.Helper()
	db := openReal(w.t, w.path, w.clock)
	o := Options{Store: db, Registry: w.reg, Clock: w.clock, Owner: owner, Seed: 1,
		Notify: func(e Event) {
			if e.ActionID != 0 {
				w.mu.Lock()
				w.events = append(w.events, e)
				w.mu.Unlock()
			}
		}}
	for _, e := range edit {
		e(&o)
	}
	r, err := New(o)
	if err != nil {
		w.t.Fatal(err)
	}
	w.t.Cleanup(func() { r.Close() })
	return r
}

func (w *outboxWorld) step(r *Runner) {
	w.t.Helper()
	if _, err := r.Step(context.Background(), w.clock.Now()); err != nil {
		w.t.Fatalf("Step: %v", err)
	}
}

// reply queues a reply due after a 5 s undo window.
func (w *outboxWorld) reply(key string) int64 {
	w.t.Helper()
	id, err := w.db.Enqueue(context.Background(), core.Action{Kind: core.ActReply, ItemID: w.itemID,
		Payload: "Il arrive demain", IdempotencyKey: key, NotBefore: w.clock.Now().Add(5 * time.Second), Actor: "lea"})
	if err != nil {
		w.t.Fatal(err)
	}
	return id
}

// action reads an outbox row.
func (w *outboxWorld) action(id int64) store.ActionView {
	w.t.Helper()
	all, err := w.db.Actions(context.Background(), nil, 100)
	if err != nil {
		w.t.Fatal(err)
	}
	for _, a := range all {
		if a.ID == id {
			return a
		}
	}
	w.t.Fatalf("action %d not found", id)
	return store.ActionView{}
}

func (w *outboxWorld) actionEvents() []Event {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]Event(nil), w.events...)
}

// replies counts our replies stored in the item's thread.
func (w *outboxWorld) replies() int {
	w.t.Helper()
	thread, err := w.db.Thread(context.Background(), w.itemID)
	if err != nil {
		w.t.Fatal(err)
	}
	n := 0
	for _, it := range thread {
		if it.Outgoing {
			n++
		}
	}
	return n
}
