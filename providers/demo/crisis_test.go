package demo

import (
	"strings"
	"testing"
	"time"

	"cmdeck/core"
)

// isCrisis spots the burst's messages by their remote ids.
func isCrisis(it core.Item) bool { return strings.Contains(it.RemoteID, "-x") }

// pollFor syncs a as the deck does (the backlog at start, then every 30 s)
// for d, and returns what arrived after the backlog.
func pollFor(t *testing.T, a core.Account, start time.Time, d time.Duration, seed int64) []core.Item {
	t.Helper()
	clk := &fakeClock{now: start}
	p := newProvider(t, a, clk, seed)
	cur := fetch(t, p, "").Cursor
	var got []core.Item
	for clk.now.Before(start.Add(d)) {
		clk.advance(30 * time.Second)
		for {
			b := fetch(t, p, cur)
			got, cur = append(got, b.Items...), b.Cursor
			if !b.More {
				break
			}
		}
	}
	return got
}

func pixelforgeChirper(t *testing.T) core.Account {
	t.Helper()
	for _, a := range workspaceAccounts() {
		if a.ClientSlug == crisisClient && a.Network == crisisNetwork {
			return a
		}
	}
	t.Fatal("no PixelForge account on Chirper")
	return core.Account{}
}

// Within the deck's first minutes PixelForge gets a burst of angry
// messages about a crashing patch: a dozen, from different people, in
// French and English, inside one clock hour (spikes are counted per hour),
// all waiting for an answer.
func TestCrisisArrivesInTheFirstMinutes(t *testing.T) {
	got := pollFor(t, pixelforgeChirper(t), t0, 30*time.Minute, 42)
	var burst []core.Item
	for _, it := range got {
		if isCrisis(it) {
			burst = append(burst, it)
		}
	}
	if len(burst) != len(crisisPosts()) {
		t.Fatalf("%d crisis messages in the first 30 minutes, want %d", len(burst), len(crisisPosts()))
	}
	authors, langs := map[string]bool{}, map[string]bool{}
	hour := burst[0].CreatedAt.Truncate(time.Hour)
	for _, it := range burst {
		authors[it.Author.RemoteID] = true
		langs[it.Lang] = true
		if it.CreatedAt.Sub(t0) < crisisDelay || it.CreatedAt.Sub(t0) > 25*time.Minute {
			t.Errorf("%s at +%v, want a few minutes after the first sync", it.RemoteID, it.CreatedAt.Sub(t0))
		}
		if !it.CreatedAt.Truncate(time.Hour).Equal(hour) {
			t.Errorf("%s at %v, outside the burst's clock hour %v", it.RemoteID, it.CreatedAt, hour)
		}
		if it.Sentiment != core.SentimentNegative || it.SentimentScore > -0.5 || !it.NeedsReply || it.Outgoing {
			t.Errorf("%s: %s %.2f needs reply %v: want an angry message waiting for us", it.RemoteID, it.Sentiment, it.SentimentScore, it.NeedsReply)
		}
		if !strings.Contains(strings.ToLower(it.Body), "crash") && !strings.Contains(it.Body, "plante") &&
			!strings.Contains(it.Body, "corromp") && !strings.Contains(it.Body, "corrupt") {
			t.Errorf("%s: %q is not about the crashing patch", it.RemoteID, it.Body)
		}
	}
	if len(authors) < 8 || !langs["fr"] || !langs["en"] {
		t.Errorf("%d authors, languages %v: want many people, in French and English", len(authors), langs)
	}
}

// A first sync late in an hour moves the burst to the next hour rather
// than splitting it across two.
func TestCrisisStaysInOneHour(t *testing.T) {
	for _, minute := range []int{0, 10, 44, 45, 50, 57, 59} {
		origin := t0.Add(time.Duration(minute) * time.Minute).UnixMilli()
		start := crisisStart(origin)
		end := start + crisisSpan.Milliseconds()
		if start/hourMs != (end+crisisMargin.Milliseconds())/hourMs {
			t.Errorf("first sync at :%02d: burst %v–%v crosses an hour", minute, time.UnixMilli(start).UTC(), time.UnixMilli(end).UTC())
		}
		if delay := time.Duration(start-origin) * time.Millisecond; delay < crisisDelay || delay > crisisDelay+crisisSpan+crisisMargin+time.Minute {
			t.Errorf("first sync at :%02d: burst %v after it", minute, delay)
		}
	}
}

// The other accounts have no crisis, and an account synced with an old
// cursor (before the crisis existed) does not get one either.
func TestCrisisOnlyForPixelForgeAndNewCursors(t *testing.T) {
	for _, a := range workspaceAccounts() {
		if a.ClientSlug == crisisClient && a.Network == crisisNetwork {
			continue
		}
		for _, it := range pollFor(t, a, t0, 20*time.Minute, 42) {
			if isCrisis(it) {
				t.Fatalf("%s %s got crisis message %s", a.Network, a.Handle, it.RemoteID)
			}
		}
	}
	clk := &fakeClock{now: t0}
	p := newProvider(t, pixelforgeChirper(t), clk, 42)
	old := cursor{ms: t0.UnixMilli(), seq: 50}
	cur := cursorPrefixV1 + ":" + old.String()[len(cursorPrefix)+1:strings.LastIndex(old.String(), ":")]
	for range 40 {
		clk.advance(30 * time.Second)
		b := fetch(t, p, cur)
		for _, it := range b.Items {
			if isCrisis(it) {
				t.Fatalf("old cursor %q got crisis message %s", cur, it.RemoteID)
			}
		}
		cur = b.Cursor
	}
}
