package bluesky

import (
	"testing"
	"time"

	"cmdeck/providers"
)

func TestCursorRoundTrip(t *testing.T) {
	c := notifCursor{at: time.Date(2026, 1, 2, 3, 4, 5, 6000, time.UTC), tied: []string{"at://did:plc:a/app.bsky.feed.post/1"}}
	got, first, err := parseCursor(c.String())
	if err != nil || first || !got.at.Equal(c.at) || len(got.tied) != 1 || got.tied[0] != c.tied[0] {
		t.Fatalf("round trip: %+v %v %v", got, first, err)
	}
	for _, bad := range []string{"x", "v1:", "v1:abc", "v1:-5", "v1:12 notauri", "\x00garbage{"} {
		if _, _, err := parseCursor(bad); !providers.IsPermanent(err) {
			t.Errorf("parseCursor(%q) = %v, want a permanent error", bad, err)
		}
	}
}

func TestCursorTies(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := notifCursor{at: t0}
	c.advance(t0.Add(time.Millisecond), "at://a/c/1")
	c.advance(t0.Add(time.Millisecond), "at://a/c/2")
	if c.isNew(t0.Add(time.Millisecond), "at://a/c/1") || c.isNew(t0, "at://a/c/9") {
		t.Error("a notification already seen counts as new")
	}
	if !c.isNew(t0.Add(time.Millisecond), "at://a/c/3") {
		t.Error("a notification at the same millisecond but not seen was dropped")
	}
}
