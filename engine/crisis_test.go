package engine

import (
	"context"
	"slices"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/store"
)

// setCrisis turns the world's client's crisis mode on or off at the clock's time.
func (w *outboxWorld) setCrisis(on bool) {
	w.t.Helper()
	if err := w.db.SetCrisis(context.Background(), w.acct.ClientID, on, w.clock.Now()); err != nil {
		w.t.Fatal(err)
	}
}

// In crisis a client's posts wait, shown paused, while its replies still
// go. When it ends, a post whose time passed follows the late policy:
// published late within the limit, missed beyond it.
func TestCrisisPausesPostsAndResumesWithTheLatePolicy(t *testing.T) {
	w := newOutboxWorld(t, "sender")
	r := w.runner("host:1:daemon", func(o *Options) { o.LateLimit = time.Hour })
	early := w.plan(store.PostDraft{Body: "soldes", At: t0.Add(10 * time.Minute)})
	later := w.plan(store.PostDraft{Body: "nouveautés", At: t0.Add(2 * time.Hour)})
	w.setCrisis(true)
	w.reply("r1")

	for _, at := range []time.Time{t0.Add(11 * time.Minute), t0.Add(2*time.Hour + time.Minute)} {
		w.clock.Set(at)
		w.step(r)
	}
	if got := w.sentBodies(); !slices.Equal(got, []string{"Il arrive demain"}) {
		t.Fatalf("sent %q during the crisis, want only the reply", got)
	}
	for _, id := range []int64{early, later} {
		if p := w.post(id); !p.Paused || p.Status != core.PostScheduled || p.ActionState != core.ActionPending {
			t.Fatalf("post %d during the crisis: %+v, want scheduled and paused", id, p)
		}
	}

	// Crisis off at +2h30: "soldes" is 2h20 late (beyond the hour),
	// "nouveautés" 30 minutes (within it).
	w.clock.Set(t0.Add(2*time.Hour + 30*time.Minute))
	w.setCrisis(false)
	w.step(r)
	if got := w.sentBodies(); !slices.Equal(got, []string{"Il arrive demain", "nouveautés"}) {
		t.Fatalf("sent %q after the crisis", got)
	}
	if p := w.post(early); p.Status != core.PostMissed || p.Paused {
		t.Fatalf("the post late beyond the limit: %+v, want missed", p)
	}
	if p := w.post(later); p.Status != core.PostPublished {
		t.Fatalf("the post late within the limit: %+v, want published", p)
	}
}

// A post already handed to its network when the crisis starts is taken
// back (the network's copy cancelled) and waits with the outbox, not
// handed over again; after the crisis it is handed over again and the
// network publishes it.
func TestCrisisTakesHandedPostsBack(t *testing.T) {
	w := newHoldWorld(t)
	r := w.runner("host:1:daemon")
	at := t0.Add(3 * time.Hour)
	id := w.plan(store.PostDraft{Body: "Lancement", At: at})
	w.step(r)
	if p := w.post(id); !p.HeldByNetwork || len(w.hold.heldCopies()) != 1 {
		t.Fatalf("before the crisis %+v, want handed over", p)
	}
	w.setCrisis(true)
	w.stepAt(r, t0.Add(time.Minute))
	p := w.post(id)
	if len(w.hold.heldCopies()) != 0 || p.HeldByNetwork || !p.Paused || p.ActionState != core.ActionPending {
		t.Fatalf("in crisis: post %+v, network holds %+v; want the copy cancelled and the post paused",
			p, w.hold.heldCopies())
	}
	schedules := w.hold.callCount("schedule")
	w.stepAt(r, t0.Add(time.Hour))
	if w.hold.callCount("schedule") != schedules {
		t.Fatal("a paused post was handed over again")
	}
	w.clock.Set(t0.Add(90 * time.Minute))
	w.setCrisis(false)
	w.step(r)
	if p := w.post(id); !p.HeldByNetwork || p.Paused {
		t.Fatalf("after the crisis %+v, want handed over again", p)
	}
	w.stepAt(r, at.Add(ConfirmGrace))
	if got := texts(w.hold.published()); !slices.Equal(got, []string{"network:Lancement"}) {
		t.Fatalf("published %q, want the post once, by the network", got)
	}
	if p := w.post(id); p.Status != core.PostPublished {
		t.Fatalf("post %+v, want published", p)
	}
}
