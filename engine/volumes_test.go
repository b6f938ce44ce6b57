package engine

import (
	"context"
	"slices"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/rules"
	"cmdeck/store"
)

// hourStore answers ClientHours with 10 items an hour and records the
// ranges asked for.
type hourStore struct {
	*memStore
	asked [][2]time.Time
}

func (s *hourStore) ClientHours(_ context.Context, _ int64, from, to time.Time) (store.AlertHours, error) {
	s.asked = append(s.asked, [2]time.Time{from, to})
	h := store.AlertHours{From: from}
	for t := from; t.Before(to); t = t.Add(time.Hour) {
		h.Volume = append(h.Volume, 10)
	}
	return h, nil
}

// The volumes are read from the store once per hour; a batch's new
// incoming items are added to the hours held, not to others (the store
// counts those when they are read).
func TestVolumesReadOnceThenCounted(t *testing.T) {
	ctx := context.Background()
	st := &hourStore{memStore: newMemStore()}
	v := volumes{}
	h := time.Date(2026, 3, 2, 14, 0, 0, 0, time.UTC)
	got, err := v.read(ctx, st, 1, h.Add(-3*time.Hour), h.Add(time.Hour))
	if err != nil || !slices.Equal(got, []int{10, 10, 10, 10}) || len(st.asked) != 1 {
		t.Fatalf("first read %v, %v, asked %v", got, err, st.asked)
	}
	own := rules.Item{CreatedAt: h.Add(5 * time.Minute), Outgoing: true}
	v.add(1, []rules.Item{{CreatedAt: h.Add(time.Minute)}, {CreatedAt: h.Add(2 * time.Minute)}, own,
		{CreatedAt: h.Add(time.Hour)}})
	got, _ = v.read(ctx, st, 1, h.Add(-3*time.Hour), h.Add(time.Hour))
	if !slices.Equal(got, []int{10, 10, 10, 12}) || len(st.asked) != 1 {
		t.Fatalf("after a batch %v, asked %v; want the current hour grown, no new read", got, st.asked)
	}
	// A wider window reads only the hours not held.
	v.read(ctx, st, 1, h.Add(-5*time.Hour), h.Add(2*time.Hour))
	if len(st.asked) != 2 || !st.asked[1][0].Equal(h.Add(-5*time.Hour)) || !st.asked[1][1].Equal(h.Add(2*time.Hour)) {
		t.Fatalf("asked %v", st.asked)
	}
	v.prune(h)
	if _, held := v[1][h.Add(-time.Hour)]; held {
		t.Error("an hour before the prune time is still held")
	}
}

// Sentiment is added to a copy of the provider's batch.
func TestAnnotatedLeavesTheProvidersBatch(t *testing.T) {
	in := []core.Item{{Body: "C'est horrible, je suis déçu"}}
	out := annotated(core.Batch{Items: in})
	if in[0].Sentiment != core.SentimentUnknown || out.Items[0].Sentiment != core.SentimentNegative {
		t.Fatalf("provider's %q, annotated %q", in[0].Sentiment, out.Items[0].Sentiment)
	}
}
