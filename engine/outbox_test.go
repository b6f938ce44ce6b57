package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

func TestOutboxSendsWhenDue(t *testing.T) {
	w := newOutboxWorld(t, "sender")
	r := w.runner("a")
	id := w.reply("k1")
	w.step(r)
	if sends, _, _ := w.net.counts(); sends != 0 {
		t.Fatalf("%d sends inside the undo window", sends)
	}
	w.clock.Advance(4 * time.Second)
	w.step(r)
	if sends, _, _ := w.net.counts(); sends != 0 {
		t.Fatalf("%d sends before not_before", sends)
	}
	w.clock.Advance(time.Second)
	w.step(r)
	if sends, checks, _ := w.net.counts(); sends != 1 || checks != 0 {
		t.Fatalf("sends %d checks %d, want one send and no check for a first attempt", sends, checks)
	}
	if a := w.action(id); a.State != core.ActionDone {
		t.Fatalf("action %+v, want done", a.Action)
	}
	if w.replies() != 1 {
		t.Fatal("the reply is not in the thread")
	}
	ev := w.actionEvents()
	if len(ev) != 1 || ev[0].ActionID != id || ev[0].ActionKind != core.ActReply || ev[0].ActionErr != nil ||
		ev[0].Err != nil || ev[0].Handle != "@pf" || ev[0].AccountID != w.acct.ID || !ev[0].At.Equal(w.clock.Now()) {
		t.Fatalf("events %+v", ev)
	}
	w.clock.Advance(time.Minute)
	w.step(r)
	if sends, _, _ := w.net.counts(); sends != 1 {
		t.Fatalf("a done action was sent again (%d sends)", sends)
	}
}

func TestOutboxUndoneNeverSent(t *testing.T) {
	w := newOutboxWorld(t, "sender")
	r := w.runner("a")
	id := w.reply("k1")
	w.clock.Advance(3 * time.Second)
	if err := w.db.Cancel(context.Background(), id, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	w.clock.Advance(time.Minute)
	w.step(r)
	if sends, _, _ := w.net.counts(); sends != 0 || w.action(id).State != core.ActionCancelled || w.replies() != 0 {
		t.Fatalf("an undone action was sent (%d sends, state %s)", sends, w.action(id).State)
	}
}

func TestOutboxRetriesWithGrowingBackoff(t *testing.T) {
	w := newOutboxWorld(t, "sender")
	r := w.runner("a")
	id := w.reply("k1")
	reset := errors.New("connection reset")
	w.net.push(reset, reset, reset) // the fourth send succeeds
	w.clock.Advance(5 * time.Second)
	w.step(r)
	for i, wait := range []time.Duration{10 * time.Second, 30 * time.Second, time.Minute} {
		a := w.action(id)
		if a.State != core.ActionPending || !a.NotBefore.Equal(w.clock.Now().Add(wait)) ||
			!strings.Contains(a.LastError, "connection reset") {
			t.Fatalf("after failure %d: %+v, want pending until +%v", i+1, a.Action, wait)
		}
		w.clock.Advance(wait - time.Millisecond)
		w.step(r)
		if sends, _, _ := w.net.counts(); sends != i+1 {
			t.Fatalf("retry %d went out before its backoff (%d sends)", i+1, sends)
		}
		w.clock.Advance(time.Millisecond)
		w.step(r)
	}
	sends, checks, effects := w.net.counts()
	if sends != 4 || effects != 1 || w.action(id).State != core.ActionDone || w.replies() != 1 {
		t.Fatalf("sends %d effects %d state %s", sends, effects, w.action(id).State)
	}
	// Each retry first asked whether an earlier send had gone through.
	if checks != 3 {
		t.Errorf("checks %d, want one before each retry", checks)
	}
}

func TestOutboxPermanentFailure(t *testing.T) {
	w := newOutboxWorld(t, "sender")
	r := w.runner("a")
	id := w.reply("k1")
	w.net.push(&providers.PermanentError{Err: errors.New("403 forbidden: the page cannot answer")})
	w.clock.Advance(5 * time.Second)
	w.step(r)
	a := w.action(id)
	if a.State != core.ActionFailed || !strings.Contains(a.LastError, "403 forbidden") {
		t.Fatalf("action %+v, want failed with the reason", a.Action)
	}
	failed, _ := w.db.Actions(context.Background(), []core.ActionState{core.ActionFailed}, 10)
	if len(failed) != 1 || failed[0].ID != id {
		t.Fatalf("failed actions view %+v", failed)
	}
	ev := w.actionEvents()
	if len(ev) != 1 || ev[0].ActionID != id || !providers.IsPermanent(ev[0].ActionErr) {
		t.Fatalf("events %+v, want one failure", ev)
	}
	for range 5 {
		w.clock.Advance(time.Hour)
		w.step(r)
	}
	if sends, _, _ := w.net.counts(); sends != 1 {
		t.Fatalf("a permanent failure was retried (%d sends)", sends)
	}
}

func TestOutboxOfflineThenBack(t *testing.T) {
	w := newOutboxWorld(t, "sender")
	r := w.runner("a")
	id := w.reply("k1")
	w.net.setOffline(errors.New("dial tcp: network is unreachable"))
	w.clock.Advance(5 * time.Second)
	for range 5 { // five failed attempts over about 22 minutes
		w.step(r)
		w.clock.Advance(15 * time.Minute)
	}
	if a := w.action(id); a.State != core.ActionPending || a.Attempts != 5 {
		t.Fatalf("offline: %+v, want still queued after 5 attempts", a.Action)
	}
	w.net.setOffline(nil)
	w.step(r)
	sends, _, effects := w.net.counts()
	if w.action(id).State != core.ActionDone || effects != 1 || w.replies() != 1 {
		t.Fatalf("back online: state %s, %d sends, %d effects", w.action(id).State, sends, effects)
	}
}

func TestOutboxGivesUpAfterMaxAttempts(t *testing.T) {
	w := newOutboxWorld(t, "sender")
	r := w.runner("a")
	id := w.reply("k1")
	w.net.setOffline(errors.New("503 service unavailable"))
	w.clock.Advance(5 * time.Second)
	for range MaxActionAttempts + 3 {
		w.step(r)
		w.clock.Advance(time.Hour)
	}
	a := w.action(id)
	if a.State != core.ActionFailed || a.Attempts != MaxActionAttempts ||
		!strings.Contains(a.LastError, fmt.Sprintf("gave up after %d attempts", MaxActionAttempts)) ||
		!strings.Contains(a.LastError, "503") {
		t.Fatalf("action %+v, want failed after %d attempts", a.Action, MaxActionAttempts)
	}
}

// The crash: runner A claims and sends, then dies before recording. After
// the stale time runner B takes the row back, asks the network, finds the
// reply and records it: exactly one send in total.
func TestOutboxCrashBetweenSendAndRecord(t *testing.T) {
	w := newOutboxWorld(t, "sender")
	id := w.reply("k1")
	w.clock.Advance(5 * time.Second)
	claimed, err := w.db.ClaimDue(context.Background(), "A", w.clock.Now(), DefaultOutboxStale, 1)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claim %v, %v", claimed, err)
	}
	if _, err := (sender{w.net}).Do(context.Background(), claimed[0].Action); err != nil {
		t.Fatal(err)
	}
	// A is gone. B starts within the stale time: the claim is still A's.
	b := w.runner("B")
	w.clock.Advance(time.Minute)
	w.step(b)
	if a := w.action(id); a.State != core.ActionClaimed {
		t.Fatalf("a fresh claim was taken back: %s", a.State)
	}
	w.clock.Advance(time.Minute + time.Second)
	w.step(b)
	sends, checks, effects := w.net.counts()
	if sends != 1 || checks != 1 || effects != 1 {
		t.Fatalf("sends %d checks %d effects %d; want exactly one send", sends, checks, effects)
	}
	a := w.action(id)
	if a.State != core.ActionDone || w.replies() != 1 {
		t.Fatalf("action %+v, replies %d", a.Action, w.replies())
	}
	thread, _ := w.db.Thread(context.Background(), w.itemID)
	if got := thread[len(thread)-1].RemoteID; got != "net-k1" {
		t.Errorf("stored reply id %q, want the network's", got)
	}
}

// A crash on a network that cannot check: sending again could double the
// reply, so the action is failed as uncertain for a person to decide.
func TestOutboxCrashWithoutChecker(t *testing.T) {
	w := newOutboxWorld(t, "blind")
	id := w.reply("k1")
	w.clock.Advance(5 * time.Second)
	claimed, _ := w.db.ClaimDue(context.Background(), "A", w.clock.Now(), DefaultOutboxStale, 1)
	if len(claimed) != 1 {
		t.Fatal("nothing claimed")
	}
	if _, err := (blind{w.net}).Do(context.Background(), claimed[0].Action); err != nil {
		t.Fatal(err)
	}
	b := w.runner("B")
	w.clock.Advance(DefaultOutboxStale + time.Second)
	w.step(b)
	a := w.action(id)
	if sends, _, _ := w.net.counts(); sends != 1 {
		t.Fatalf("%d sends, want 1", sends)
	}
	if a.State != core.ActionFailed || !strings.Contains(a.LastError, "uncertain") {
		t.Fatalf("action %+v, want failed as uncertain", a.Action)
	}
	if ev := w.actionEvents(); len(ev) != 1 || !errors.Is(ev[0].ActionErr, ErrUncertain) {
		t.Fatalf("events %+v", ev)
	}
	// A person checked and retries: it is sent (the network dedupes by key).
	if err := w.db.RetryAction(context.Background(), id, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	w.step(b)
	if a := w.action(id); a.State != core.ActionDone {
		t.Fatalf("after a manual retry: %s", a.State)
	}
}

// Without a checker, a retry after an error relies on the idempotency key.
func TestOutboxRetryWithoutChecker(t *testing.T) {
	w := newOutboxWorld(t, "blind")
	r := w.runner("a")
	id := w.reply("k1")
	w.net.push(errors.New("timeout"))
	w.clock.Advance(5 * time.Second)
	w.step(r)
	w.clock.Advance(10 * time.Second)
	w.step(r)
	if sends, checks, _ := w.net.counts(); sends != 2 || checks != 0 || w.action(id).State != core.ActionDone {
		t.Fatalf("sends %d checks %d state %s", sends, checks, w.action(id).State)
	}
}

func TestOutboxRedactsSecretAndSurvivesPanic(t *testing.T) {
	w := newOutboxWorld(t, "sender")
	const token = "tok-s3cr3t-value"
	r := w.runner("a", func(o *Options) {
		o.Secret = func(context.Context, core.Account) (string, error) { return token, nil }
	})
	id := w.reply("k1")
	w.net.push(&providers.PermanentError{Err: errors.New("GET https://api.example/?token=" + token + ": 401")})
	w.clock.Advance(5 * time.Second)
	w.step(r)
	a := w.action(id)
	if a.State != core.ActionFailed || strings.Contains(a.LastError, token) || !strings.Contains(a.LastError, "[redacted]") {
		t.Fatalf("stored error %q", a.LastError)
	}
	if ev := w.actionEvents(); len(ev) != 1 || strings.Contains(ev[0].ActionErr.Error(), token) {
		t.Fatalf("event error leaks the secret: %+v", ev)
	}

	id2 := w.reply("k2")
	w.net.mu.Lock()
	w.net.panics = 1
	w.net.mu.Unlock()
	w.clock.Advance(5 * time.Second)
	w.step(r)
	if a := w.action(id2); a.State != core.ActionPending || !strings.Contains(a.LastError, "panicked") {
		t.Fatalf("after a panic: %+v, want queued for a retry", a.Action)
	}
	w.clock.Advance(10 * time.Second)
	w.step(r)
	if a := w.action(id2); a.State != core.ActionDone {
		t.Fatalf("after the retry: %s", a.State)
	}
}

func TestOutboxStaleOption(t *testing.T) {
	base := Options{Store: newMemStore(), Registry: providers.NewRegistry()}
	tests := []struct {
		name  string
		edit  func(*Options)
		want  time.Duration
		valid bool
	}{
		{"default", func(*Options) {}, DefaultOutboxStale, true},
		{"long calls", func(o *Options) { o.CallTimeout = 3 * time.Minute }, 6 * time.Minute, true},
		{"set", func(o *Options) { o.OutboxStale = 10 * time.Minute }, 10 * time.Minute, true},
		{"shorter than a call", func(o *Options) { o.OutboxStale = 10 * time.Second }, 0, false},
		{"negative", func(o *Options) { o.OutboxStale = -time.Second }, 0, false},
	}
	for _, tc := range tests {
		o := base
		tc.edit(&o)
		r, err := New(o)
		if (err == nil) != tc.valid {
			t.Errorf("%s: err %v", tc.name, err)
			continue
		}
		if tc.valid && r.outboxStale != tc.want {
			t.Errorf("%s: stale %v, want %v", tc.name, r.outboxStale, tc.want)
		}
	}
}

func TestRetryDelay(t *testing.T) {
	want := []time.Duration{10 * time.Second, 30 * time.Second, time.Minute, 5 * time.Minute,
		15 * time.Minute, 15 * time.Minute, 15 * time.Minute}
	for i, d := range want {
		if got := retryDelay(i + 1); got != d {
			t.Errorf("retryDelay(%d) = %v, want %v", i+1, got, d)
		}
	}
}
