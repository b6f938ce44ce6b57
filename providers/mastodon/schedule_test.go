package mastodon

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/providers"
)

func TestMinScheduleLead(t *testing.T) {
	p := newFake(t).provider(t, core.NewManualClock(t0))
	var _ providers.Scheduler = p
	if d := p.MinScheduleLead(); d <= 5*time.Minute || d > 10*time.Minute {
		t.Errorf("MinScheduleLead = %v: Mastodon needs more than 5 minutes, with a small margin", d)
	}
}

func TestSchedule(t *testing.T) {
	f := newFake(t)
	p := f.provider(t, core.NewManualClock(t0))
	ctx := context.Background()
	paris := time.FixedZone("CET", 3600)
	when := time.Date(2026, 11, 21, 10, 0, 0, 123456789, paris) // 09:00:00 UTC
	a := core.Action{Kind: core.ActPublish, Payload: "visibility:unlisted\nNew release!", IdempotencyKey: "pub-1"}
	id, err := p.Schedule(ctx, a, when)
	if err != nil || id == "" {
		t.Fatalf("%q %v", id, err)
	}
	if len(f.bodies) != 1 {
		t.Fatalf("bodies = %v", f.bodies)
	}
	if b := f.bodies[0]; b["scheduled_at"] != "2026-11-21T09:00:00Z" || b["status"] != "New release!" || b["visibility"] != "unlisted" {
		t.Errorf("body = %v", b)
	}
	if f.idemKeys[0] != "pub-1" {
		t.Errorf("idempotency key = %q", f.idemKeys[0])
	}
	if n := f.count("GET /api/v1/scheduled_statuses"); n != 1 {
		t.Errorf("looked for an earlier attempt %d times, want once", n)
	}
	// The answer was lost and the engine schedules again: the same post is
	// found, nothing is created twice, even if the server ignored the key.
	again, err := p.Schedule(ctx, a, when.Add(300*time.Millisecond))
	if err != nil || again != id || len(f.bodies) != 1 {
		t.Fatalf("again: %q %v, %d posts", again, err, len(f.bodies))
	}
	// Another text, or another time: a new scheduled post.
	other := a
	other.Payload = "Another one"
	if id2, err := p.Schedule(ctx, other, when); err != nil || id2 == id {
		t.Errorf("other text: %q %v", id2, err)
	}
	if id3, err := p.Schedule(ctx, a, when.Add(time.Hour)); err != nil || id3 == id {
		t.Errorf("other time: %q %v", id3, err)
	}
	if len(f.scheduled) != 3 {
		t.Errorf("scheduled = %d", len(f.scheduled))
	}
}

func TestScheduleFindsAcrossPages(t *testing.T) {
	f := newFake(t)
	p := f.provider(t, core.NewManualClock(t0))
	ctx := context.Background()
	when := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
	a := core.Action{Kind: core.ActPublish, Payload: "Black Friday", IdempotencyKey: "bf"}
	first, err := p.Schedule(ctx, a, when)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 45 { // newer scheduled posts push it to the second page
		if _, err := p.Schedule(ctx, core.Action{Kind: core.ActPublish, Payload: "filler " + strconv.Itoa(i), IdempotencyKey: "f"}, when); err != nil {
			t.Fatal(err)
		}
	}
	n := len(f.bodies)
	got, err := p.Schedule(ctx, a, when)
	if err != nil || got != first || len(f.bodies) != n {
		t.Errorf("got %q (want %q), %v, %d new posts", got, first, err, len(f.bodies)-n)
	}
}

func TestScheduleUnavailable(t *testing.T) {
	f := newFake(t)
	f.noSchedule = true
	p := f.provider(t, core.NewManualClock(t0))
	_, err := p.Schedule(context.Background(), core.Action{Kind: core.ActPublish, Payload: "x", IdempotencyKey: "k"}, t0.Add(time.Hour))
	if providers.Classify(err) != providers.ClassNotFound {
		t.Errorf("no endpoint: %v (class %s), want not-found so the outbox publishes", err, providers.Classify(err))
	}
	if len(f.bodies) != 0 {
		t.Error("posted anyway")
	}
}

func TestSchedulePublishedAtOnce(t *testing.T) {
	f := newFake(t)
	f.publishNow = true // a server that ignores scheduled_at
	p := f.provider(t, core.NewManualClock(t0))
	_, err := p.Schedule(context.Background(), core.Action{Kind: core.ActPublish, Payload: "x", IdempotencyKey: "k"}, t0.Add(time.Hour))
	if err == nil || !providers.IsPermanent(err) || providers.Classify(err) == providers.ClassNotFound {
		t.Errorf("published at once: %v (class %s): must fail for good, not fall back to publishing again", err, providers.Classify(err))
	}
}

func TestScheduleRefusals(t *testing.T) {
	f := newFake(t)
	p := f.provider(t, core.NewManualClock(t0))
	ctx := context.Background()
	for _, a := range []core.Action{
		{Kind: core.ActReply, TargetRemoteID: "1", Payload: "x"},
		{Kind: core.ActPublish, Payload: " "},
	} {
		if _, err := p.Schedule(ctx, a, t0.Add(time.Hour)); !providers.IsPermanent(err) {
			t.Errorf("%+v: %v", a, err)
		}
	}
	if _, err := p.Do(ctx, core.Action{Kind: core.ActPublish, Payload: "visibility:public\n  "}); !providers.IsPermanent(err) {
		t.Errorf("publish without text nor media: %v", err)
	}
	if len(f.calls) != 0 {
		t.Errorf("requests sent: %v", f.calls)
	}
}

func TestRescheduleAndUnschedule(t *testing.T) {
	f := newFake(t)
	p := f.provider(t, core.NewManualClock(t0))
	ctx := context.Background()
	id, err := p.Schedule(ctx, core.Action{Kind: core.ActPublish, Payload: "x", IdempotencyKey: "k"}, t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	later := time.Date(2026, 11, 22, 18, 30, 0, 0, time.FixedZone("EST", -5*3600))
	if err := p.Reschedule(ctx, id, later); err != nil {
		t.Fatal(err)
	}
	if got := f.scheduled[0]["scheduled_at"]; got != "2026-11-22T23:30:00.000Z" {
		t.Errorf("scheduled_at = %v", got)
	}
	if n := f.count("PUT /api/v1/scheduled_statuses/" + id); n != 1 {
		t.Errorf("PUT %d times", n)
	}
	if err := p.Unschedule(ctx, id); err != nil {
		t.Fatal(err)
	}
	if len(f.scheduled) != 0 {
		t.Errorf("still scheduled: %v", f.scheduled)
	}
	if err := p.Unschedule(ctx, id); providers.Classify(err) != providers.ClassNotFound {
		t.Errorf("unschedule twice: %v", err)
	}
	if err := p.Reschedule(ctx, id, later); providers.Classify(err) != providers.ClassNotFound {
		t.Errorf("reschedule a gone post: %v", err)
	}
	if err := p.Unschedule(ctx, ""); !providers.IsPermanent(err) {
		t.Errorf("no id: %v", err)
	}
}

func TestScheduleNotImplemented(t *testing.T) {
	// A server that lists scheduled posts but cannot make them (501).
	f := newFake(t)
	p := f.provider(t, core.NewManualClock(t0))
	f.set(func() { f.failWith, f.failPath = http.StatusNotImplemented, "/api/v1/statuses" })
	_, err := p.Schedule(context.Background(), core.Action{Kind: core.ActPublish, Payload: "x", IdempotencyKey: "k"}, t0.Add(time.Hour))
	if providers.Classify(err) != providers.ClassNotFound {
		t.Errorf("501: %v (class %s)", err, providers.Classify(err))
	}
	var ae *APIError
	if !errors.As(err, &ae) || ae.Status != http.StatusNotImplemented {
		t.Errorf("not an APIError: %v", err)
	}
}
