package store

import (
	"context"
	"testing"
	"time"
)

func TestLease(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	// A second store on the same file plays the other process.
	other, err := Open(ctx, f.path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	ttl := time.Minute
	steps := []struct {
		name      string
		s         *Store
		owner     string
		at        time.Duration
		wantHeld  bool
		wantOwner string
	}{
		{"first takes it", f.s, "tui", 0, true, "tui"},
		{"other is refused", other, "daemon", 10 * time.Second, false, "tui"},
		{"holder renews", f.s, "tui", 50 * time.Second, true, "tui"},
		{"still held after the first ttl", other, "daemon", 90 * time.Second, false, "tui"},
		{"expired: other takes it", other, "daemon", 111 * time.Second, true, "daemon"},
		{"old holder is refused", f.s, "tui", 112 * time.Second, false, "daemon"},
	}
	for _, st := range steps {
		now := t0.Add(st.at)
		l, held, err := st.s.AcquireLease(ctx, "engine", st.owner, now, ttl)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if held != st.wantHeld || l.Owner != st.wantOwner || l.Name != "engine" {
			t.Fatalf("%s: got %+v held=%v", st.name, l, held)
		}
		if held && !l.Expires.Equal(now.Add(ttl)) {
			t.Fatalf("%s: expires %v, want %v", st.name, l.Expires, now.Add(ttl))
		}
	}
	// Releasing someone else's lease does nothing; releasing ours frees it.
	if err := f.s.ReleaseLease(ctx, "engine", "tui"); err != nil {
		t.Fatal(err)
	}
	if _, held, _ := f.s.AcquireLease(ctx, "engine", "tui", t0.Add(113*time.Second), ttl); held {
		t.Fatal("a lease released by a non-holder was taken")
	}
	other.ReleaseLease(ctx, "engine", "daemon")
	if _, held, _ := f.s.AcquireLease(ctx, "engine", "tui", t0.Add(114*time.Second), ttl); !held {
		t.Fatal("a released lease could not be taken")
	}
}

func TestLeaseBadInput(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name, owner string
		ttl         time.Duration
	}{{"", "x", time.Minute}, {"engine", "", time.Minute}, {"engine", "x", 0}, {"engine", "x", -time.Second}} {
		if _, _, err := f.s.AcquireLease(ctx, tc.name, tc.owner, t0, tc.ttl); err == nil {
			t.Errorf("AcquireLease(%q, %q, %v) succeeded", tc.name, tc.owner, tc.ttl)
		}
	}
}
