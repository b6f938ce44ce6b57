package engine

// The hourly volumes the spike rules without a query compare: each
// client's incoming items per UTC hour, read from the store (one grouped
// query on items(client_id, created_at)) and kept between batches, so the
// store is asked only for hours never read, and each batch adds its own
// new items to the hours it holds: the cost of a batch does not grow with
// the volume of the baseline, nor with that of a busy current hour.
// Only the lease holder ingests, so what it keeps stays true while it
// holds the lease; the volumes are forgotten when it takes the lease
// (another runner ingested meanwhile) and past the longest baseline.

import (
	"context"
	"time"

	"cmdeck/rules"
)

// volumes is the runner's copy of the store's hourly volumes: client id →
// UTC hour → incoming items created in it.
type volumes map[int64]map[time.Time]int

// add counts a client's new items (stored since the hours held were
// read) in the hours it holds. An hour it does not hold is read later
// from the store, which counts them already.
func (v volumes) add(clientID int64, items []rules.Item) {
	hours := v[clientID]
	if hours == nil {
		return
	}
	for i := range items {
		if items[i].Outgoing {
			continue
		}
		h := items[i].CreatedAt.UTC().Truncate(time.Hour)
		if _, held := hours[h]; held {
			hours[h]++
		}
	}
}

// prune drops the hours before before.
func (v volumes) prune(before time.Time) {
	for _, hours := range v {
		for h := range hours {
			if h.Before(before) {
				delete(hours, h)
			}
		}
	}
}

// read returns the client's volume for each hour of [from, to), asking
// the store once for the span of the hours it does not hold.
func (v volumes) read(ctx context.Context, st Store, clientID int64, from, to time.Time) ([]int, error) {
	hours := v[clientID]
	if hours == nil {
		hours = map[time.Time]int{}
		v[clientID] = hours
	}
	var lo, hi time.Time
	for h := from; h.Before(to); h = h.Add(time.Hour) {
		if _, ok := hours[h]; !ok {
			if lo.IsZero() {
				lo = h
			}
			hi = h.Add(time.Hour)
		}
	}
	if !lo.IsZero() {
		got, err := st.ClientHours(ctx, clientID, lo, hi)
		if err != nil {
			return nil, err
		}
		for i, n := range got.Volume {
			hours[got.From.Add(time.Duration(i)*time.Hour)] = n
		}
	}
	out := make([]int, 0, int(to.Sub(from)/time.Hour))
	for h := from; h.Before(to); h = h.Add(time.Hour) {
		out = append(out, hours[h])
	}
	return out, nil
}
