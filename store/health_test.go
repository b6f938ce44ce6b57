package store

import (
	"context"
	"testing"
	"time"

	"cmdeck/core"
)

// healthOf returns the health row of an account, failing if it is missing.
func healthOf(t *testing.T, hs []AccountHealth, id int64) AccountHealth {
	t.Helper()
	for _, h := range hs {
		if h.Account.ID == id {
			return h
		}
	}
	t.Fatalf("no health row for account %d in %+v", id, hs)
	return AccountHealth{}
}

func mustHealth(t *testing.T, s *Store) []AccountHealth {
	t.Helper()
	hs, err := s.AccountHealth(context.Background())
	if err != nil {
		t.Fatalf("AccountHealth: %v", err)
	}
	return hs
}

func TestAccountHealthNeverSynced(t *testing.T) {
	f := newFixture(t)
	hs := mustHealth(t, f.s)
	if len(hs) != len(f.accounts) {
		t.Fatalf("%d rows, want one per account (%d)", len(hs), len(f.accounts))
	}
	h := healthOf(t, hs, f.accounts[0].ID)
	want := AccountHealth{Account: f.accounts[0], ClientName: "PixelForge Studio", RateRemaining: -1}
	if h != want {
		t.Fatalf("never synced = %+v, want %+v", h, want)
	}
}

// Accounts come by client name, then handle: Boulangerie before PixelForge,
// and PixelForge's two handles in order.
func TestAccountHealthOrder(t *testing.T) {
	f := newFixture(t)
	var got []string
	for _, h := range mustHealth(t, f.s) {
		got = append(got, h.ClientName+" "+h.Account.Handle)
	}
	want := []string{"Boulangerie Martin @boulangerie", "PixelForge Studio @pixelforge",
		"PixelForge Studio @pixelforge@mastodon.social"}
	if err := eq(got, want); err != nil {
		t.Fatalf("order %v: %v", got, err)
	}
}

func TestAccountHealthFailureThenSuccess(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	acc := f.accounts[1].ID
	f.ingest(t, 1, core.Batch{Cursor: "c1"})
	attempt, until := t0.Add(time.Minute), t0.Add(15*time.Minute)
	if err := f.s.RecordSyncFailure(ctx, acc, "HTTP 401: token revoked", "auth", attempt, until, 3); err != nil {
		t.Fatal(err)
	}
	reset := t0.Add(5 * time.Minute)
	if err := f.s.RecordRate(ctx, acc, 42, reset); err != nil {
		t.Fatal(err)
	}
	h := healthOf(t, mustHealth(t, f.s), acc)
	if h.ErrorClass != "auth" || h.LastError != "HTTP 401: token revoked" || h.Failures != 3 ||
		!h.LastAttempt.Equal(attempt) || !h.BackoffUntil.Equal(until) || !h.LastSuccess.Equal(t0) {
		t.Fatalf("after an auth failure = %+v", h)
	}
	if h.RateRemaining != 42 || !h.RateReset.Equal(reset) {
		t.Fatalf("rate = %d until %v, want 42 until %v", h.RateRemaining, h.RateReset, reset)
	}
	// Recording the rate did not touch the failure, nor the cursor.
	if st, _ := f.s.SyncState(ctx, acc); st.Cursor != "c1" || st.Failures != 3 {
		t.Fatalf("sync state after RecordRate = %+v", st)
	}

	f.clock.Advance(20 * time.Minute)
	f.ingest(t, 1, core.Batch{})
	h = healthOf(t, mustHealth(t, f.s), acc)
	if h.ErrorClass != "" || h.LastError != "" || h.Failures != 0 || !h.BackoffUntil.IsZero() ||
		!h.LastSuccess.Equal(f.clock.Now()) {
		t.Fatalf("a success did not clear the failure: %+v", h)
	}
	if h.RateRemaining != 42 {
		t.Errorf("a success forgot the rate the network reported: %d", h.RateRemaining)
	}
	// The other accounts are untouched.
	if o := healthOf(t, mustHealth(t, f.s), f.accounts[0].ID); o.ErrorClass != "" || o.RateRemaining != -1 {
		t.Errorf("another account changed: %+v", o)
	}
}

// A rate recorded before any sync creates the row without inventing a
// success, and a negative budget reads as unknown.
func TestRecordRateBeforeAnySync(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	acc := f.accounts[2].ID
	if err := f.s.RecordRate(ctx, acc, 0, t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	h := healthOf(t, mustHealth(t, f.s), acc)
	if h.RateRemaining != 0 || !h.LastSuccess.IsZero() || h.LastError != "" {
		t.Fatalf("after RecordRate(0) = %+v", h)
	}
	if err := f.s.RecordRate(ctx, acc, -7, time.Time{}); err != nil {
		t.Fatal(err)
	}
	h = healthOf(t, mustHealth(t, f.s), acc)
	if h.RateRemaining != -1 || !h.RateReset.IsZero() {
		t.Fatalf("a negative budget = %d until %v, want -1 and no reset", h.RateRemaining, h.RateReset)
	}
}

// The error class is ours, but it is stored text shown in a terminal: it is
// sanitized like the message.
func TestRecordSyncFailureSanitizesClass(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	acc := f.accounts[0].ID
	if err := f.s.RecordSyncFailure(ctx, acc, "bad\x1b]52;c;aGk=\x07 news", "auth\x1b[31m", t0, t0, 1); err != nil {
		t.Fatal(err)
	}
	h := healthOf(t, mustHealth(t, f.s), acc)
	if h.ErrorClass != "auth" || h.LastError != "bad news" {
		t.Fatalf("class %q, error %q: want both sanitized", h.ErrorClass, h.LastError)
	}
}
