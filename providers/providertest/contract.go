// Package providertest is the contract every provider passes: the checks
// the engine and the deck rely on, run against a provider bound to a test
// network (the demo itself, or an httptest server speaking a real API).
package providertest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

// Harness binds the contract to one provider.
type Harness struct {
	// New returns a provider over a fresh test network.
	New func(t *testing.T) providers.Provider
	// Advance makes new items arrive on the network (nil: the contract
	// skips the checks that need new items).
	Advance func(t *testing.T)
	// Performed says how many times the network applied the action with
	// this idempotency key (nil: exactly-once is checked through Checker
	// only).
	Performed func(t *testing.T, key string) int
	// Fail makes the test network answer the provider's next request with
	// a failure of that class (auth, rate-limited, not-found, permanent,
	// transient); nil: the contract skips the typed-error checks.
	Fail func(t *testing.T, class providers.ErrorClass)
}

// Run checks the contract.
func Run(t *testing.T, h Harness) {
	t.Run("first sync", func(t *testing.T) { firstSync(t, h) })
	t.Run("cursor resumes without duplicates", func(t *testing.T) { resumes(t, h) })
	t.Run("bad cursor is an error", func(t *testing.T) { badCursor(t, h) })
	t.Run("cancelled context", func(t *testing.T) { cancelled(t, h) })
	t.Run("undeclared actions are refused", func(t *testing.T) { undeclared(t, h) })
	t.Run("declared actions work", func(t *testing.T) { declared(t, h) })
	t.Run("reply once", func(t *testing.T) { replyOnce(t, h) })
	t.Run("typed failures", func(t *testing.T) { typedFailures(t, h) })
}

// fetchAll drains More from cursor and returns the items and the last cursor.
func fetchAll(t *testing.T, p providers.Provider, cursor string) ([]core.Item, string) {
	t.Helper()
	var items []core.Item
	for range 50 {
		b, err := p.Fetch(context.Background(), cursor)
		if err != nil {
			t.Fatalf("Fetch(%q): %v", cursor, err)
		}
		items = append(items, b.Items...)
		if b.Cursor != "" {
			cursor = b.Cursor
		}
		if !b.More {
			return items, cursor
		}
	}
	t.Fatal("Fetch kept saying More after 50 batches")
	return nil, ""
}

func firstSync(t *testing.T, h Harness) {
	items, cursor := fetchAll(t, h.New(t), "")
	if len(items) == 0 {
		t.Fatal("the first sync brought nothing: the test network should hold a backlog")
	}
	if cursor == "" {
		t.Error("the first sync returned no cursor to resume from")
	}
	seen := map[string]bool{}
	for _, it := range items {
		if err := checkItem(it); err != nil {
			t.Errorf("item %q: %v", it.RemoteID, err)
		}
		if seen[it.RemoteID] {
			t.Errorf("item %q came twice in one sync", it.RemoteID)
		}
		seen[it.RemoteID] = true
	}
}

// checkItem is what the store and the deck need of every item.
func checkItem(it core.Item) error {
	switch {
	case it.RemoteID == "":
		return errors.New("no remote id")
	case it.CreatedAt.IsZero():
		return errors.New("no creation time")
	case it.CreatedAt.Location() != time.UTC:
		return fmt.Errorf("time %v is not in UTC", it.CreatedAt)
	case it.Author.RemoteID == "" && !it.Outgoing:
		return errors.New("no author id")
	}
	for _, k := range core.ItemKinds {
		if it.Kind == k {
			return nil
		}
	}
	return fmt.Errorf("unknown kind %q", it.Kind)
}

func resumes(t *testing.T, h Harness) {
	p := h.New(t)
	first, cursor := fetchAll(t, p, "")
	seen := map[string]bool{}
	for _, it := range first {
		seen[it.RemoteID] = true
	}
	again, _ := fetchAll(t, p, cursor)
	for _, it := range again {
		if seen[it.RemoteID] {
			t.Errorf("item %q came again after resuming from the cursor", it.RemoteID)
		}
	}
	if h.Advance == nil {
		return
	}
	h.Advance(t)
	fresh, _ := fetchAll(t, p, cursor)
	if len(fresh) == 0 {
		t.Error("no new item after the network moved on")
	}
	for _, it := range fresh {
		if seen[it.RemoteID] {
			t.Errorf("old item %q came back as new", it.RemoteID)
		}
	}
}

func badCursor(t *testing.T, h Harness) {
	if _, err := h.New(t).Fetch(context.Background(), "\x00garbage{"); err == nil {
		t.Error("a garbage cursor was accepted: the engine would silently resync or skip")
	}
}

func cancelled(t *testing.T, h Harness) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	done := make(chan error, 1)
	go func() {
		_, err := h.New(t).Fetch(ctx, "")
		done <- err
	}()
	select {
	case <-done: // an error, or a batch already at hand: both fine
	case <-time.After(10 * time.Second):
		t.Error("Fetch ignored a cancelled context")
	}
}

// allActions are every action kind; ForAction says the capability each needs.
var allActions = []core.ActionKind{core.ActReply, core.ActHide, core.ActUnhide, core.ActDelete,
	core.ActBlock, core.ActUnblock, core.ActSpam, core.ActPublish, core.ActLike, core.ActMute,
	core.ActUnmute, core.ActReport, core.ActSilence, core.ActSuspend, core.ActMarkRead, core.ActMarkUnread}

func undeclared(t *testing.T, h Harness) {
	p := h.New(t)
	items, _ := fetchAll(t, p, "")
	target := incoming(t, items)
	caps := p.Capabilities()
	for _, k := range allActions {
		if caps.Has(providers.ForAction(k)) {
			continue
		}
		a := actionOn(k, target, "contract-"+string(k))
		if _, err := p.Do(context.Background(), a); !providers.IsPermanent(err) {
			t.Errorf("%s is not declared, but Do answered %v (want a permanent error)", k, err)
		}
	}
}

// incoming returns the first fetched item someone else wrote, with an
// author, still on the network: what the deck's actions aim at.
func incoming(t *testing.T, items []core.Item) core.Item {
	t.Helper()
	for _, it := range items {
		if !it.Outgoing && it.Author.RemoteID != "" && it.State != core.StateDeleted {
			return it
		}
	}
	t.Fatal("the first sync brought no item from someone else")
	return core.Item{}
}

// actionOn builds the action of kind k the deck would queue on item it:
// per-author kinds aim at the author's remote id, the others at the item;
// a reply and a post carry a text, a report its reason.
func actionOn(k core.ActionKind, it core.Item, key string) core.Action {
	a := core.Action{Kind: k, TargetRemoteID: it.RemoteID, IdempotencyKey: key}
	switch {
	case k.PerAuthor():
		a.TargetRemoteID = it.Author.RemoteID
	case k == core.ActPublish:
		a.TargetRemoteID, a.Payload = "", "Nouveautés de la semaine"
	case k == core.ActReply:
		a.Payload = "Merci pour votre message !"
	case k == core.ActReport:
		a.Payload = "spam"
	}
	return a
}

// declared checks that every action the provider declares works on a
// fetched item, and takes effect once. Delete aims at a reply of ours (a
// page can delete only its own messages everywhere), made first when the
// network can reply, else at one of ours from the sync.
func declared(t *testing.T, h Harness) {
	p := h.New(t)
	items, _ := fetchAll(t, p, "")
	target := incoming(t, items)
	caps := p.Capabilities()
	var ours *core.Item
	for i := range items {
		if items[i].Outgoing {
			ours = &items[i]
			break
		}
	}
	for _, k := range allActions {
		if !caps.Has(providers.ForAction(k)) {
			continue
		}
		a := actionOn(k, target, "contract-declared-"+string(k))
		if k == core.ActDelete {
			if ours == nil {
				t.Logf("delete: no message of ours to delete; skipped")
				continue
			}
			a.TargetRemoteID = ours.RemoteID
		}
		res, err := p.Do(context.Background(), a)
		if err != nil {
			t.Errorf("%s is declared, but Do(%+v) failed: %v", k, a, err)
			continue
		}
		if k == core.ActReply && res.RemoteID != "" {
			// Our own fresh reply is the surest thing to delete.
			ours = &core.Item{RemoteID: res.RemoteID, Outgoing: true}
		}
		if h.Performed != nil {
			if n := h.Performed(t, a.IdempotencyKey); n != 1 {
				t.Errorf("%s took effect %d times, want once", k, n)
			}
		}
	}
}

func replyOnce(t *testing.T, h Harness) {
	p := h.New(t)
	if !p.Capabilities().Has(providers.CapReply) {
		t.Skip("the network cannot reply")
	}
	items, _ := fetchAll(t, p, "")
	target := incoming(t, items)
	a := core.Action{Kind: core.ActReply, TargetRemoteID: target.RemoteID,
		Payload: "Merci pour votre message !", IdempotencyKey: "contract-reply-1"}
	res, err := p.Do(context.Background(), a)
	if err != nil {
		t.Fatalf("reply: %v", err)
	}
	if res.RemoteID == "" {
		t.Error("the reply came back without the id the network gave it")
	}
	if ch, ok := p.(providers.Checker); ok {
		got, found, err := ch.Check(context.Background(), a)
		if err != nil || !found || got.RemoteID != res.RemoteID {
			t.Errorf("Check after the reply: %+v, found %v, %v; want the reply %q", got, found, err, res.RemoteID)
		}
		other := a
		other.IdempotencyKey, other.Payload = "contract-reply-never-sent", "Jamais envoyé"
		if _, found, err := ch.Check(context.Background(), other); err != nil || found {
			t.Errorf("Check of an action never sent: found %v, %v", found, err)
		}
	}
	if h.Performed != nil {
		// A retry of the same action (same key) must not post twice.
		if _, err := p.Do(context.Background(), a); err != nil {
			t.Fatalf("retrying the reply: %v", err)
		}
		if n := h.Performed(t, a.IdempotencyKey); n != 1 {
			t.Errorf("the network applied the reply %d times, want exactly once", n)
		}
	}
}

// failureClasses are the typed failures a network can answer with.
var failureClasses = []providers.ErrorClass{providers.ClassAuth, providers.ClassRateLimited,
	providers.ClassNotFound, providers.ClassTransient, providers.ClassPermanent}

// typedFailures checks that each kind of failure the network can answer
// reaches the engine as its class (the health view, the backoff and the
// outbox depend on it), and that the provider works again afterwards from
// the same cursor, without bringing anything twice.
func typedFailures(t *testing.T, h Harness) {
	if h.Fail == nil {
		t.Skip("the harness cannot make the network fail")
	}
	for _, class := range failureClasses {
		t.Run(string(class), func(t *testing.T) {
			p := h.New(t)
			first, cursor := fetchAll(t, p, "")
			seen := make(map[string]bool, len(first))
			for _, it := range first {
				seen[it.RemoteID] = true
			}
			h.Fail(t, class)
			_, err := p.Fetch(context.Background(), cursor)
			if got := providers.Classify(err); got != class {
				t.Fatalf("after Fail(%s), Fetch answered %v (class %q), want class %q", class, err, got, class)
			}
			if h.Advance != nil {
				h.Advance(t) // so the fetch after the failure has news to bring
			}
			again, _ := fetchAll(t, p, cursor)
			if h.Advance != nil && len(again) == 0 {
				t.Error("nothing new after the failure, though the network moved on")
			}
			for _, it := range again {
				if seen[it.RemoteID] {
					t.Errorf("item %q came again after the failure", it.RemoteID)
				}
				seen[it.RemoteID] = true
			}
		})
	}
}
