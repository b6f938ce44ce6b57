package stats

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/store"
)

// storeFixture is a real store with one client in Paris and a few items
// around the end of February and March 2025.
func storeFixture(t *testing.T) (*store.Store, core.Client) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "stats.db"), store.WithClock(core.NewManualClock(time.Date(2025, 4, 2, 0, 0, 0, 0, time.UTC))))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	clients, accounts, err := st.UpsertWorkspace(ctx, []core.Client{{Slug: "fournil", Name: "Le Fournil"}},
		[]core.Account{{ClientSlug: "fournil", Provider: "demo", Network: "Chirper", Handle: "@fournil"}})
	if err != nil {
		t.Fatal(err)
	}
	loc := paris(t)
	at := func(d, h, m int) time.Time { return time.Date(2025, 3, d, h, m, 0, 0, loc) }
	in := func(remote string, when time.Time) core.Item {
		return core.Item{RemoteID: remote, Kind: core.KindComment, CreatedAt: when, NeedsReply: true, Body: "?",
			Author: core.Author{RemoteID: "u-" + remote, Handle: "@" + remote}}
	}
	out := func(remote, parent string, when time.Time) core.Item {
		return core.Item{RemoteID: remote, Kind: core.KindReply, Outgoing: true, State: core.StateDone, CreatedAt: when,
			ParentRemoteID: parent, ThreadRemoteID: parent, Body: "!", Author: core.Author{RemoteID: "self:@fournil"}}
	}
	items := []core.Item{
		// 23:30 UTC on 28 February: 1 March in Paris, February in UTC.
		in("edge", time.Date(2025, 2, 28, 23, 30, 0, 0, time.UTC)),
		// Friday 7 March 17:30 → Monday 10 March 09:45 (Paris).
		in("friday", at(7, 17, 30)), out("r-friday", "friday", at(10, 9, 45)),
		// Saturday 29 March 12:00 → Monday 31 March 10:00, across the DST change.
		in("dst", at(29, 12, 0)), out("r-dst", "dst", at(31, 10, 0)),
	}
	if _, err := st.IngestBatch(ctx, accounts[0].ID, core.Batch{Items: items}, time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	return st, clients[0]
}

// The first-response times over the clock and in business hours across
// a weekend and a DST change, and the month cut in Paris and in UTC.
func TestComputeOnStore(t *testing.T) {
	st, client := storeFixture(t)
	loc := paris(t)
	hours, err := ParseHours("mon-fri 09:00-18:00", loc)
	if err != nil {
		t.Fatal(err)
	}
	march, err := Month("2025-03", loc)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Compute(context.Background(), st, Query{ClientID: client.ID, From: march.From, To: march.To, Loc: loc, BusinessHours: hours})
	if err != nil {
		t.Fatal(err)
	}
	want(t, "received (Paris)", r.Received, 3, 0)
	want(t, "replies", r.Replies, 2, 0)
	want(t, "needing reply", r.NeedingReply, 3, 0)
	want(t, "answered share", r.AnsweredShare, 2.0/3, na)
	// Over the clock: 2 d 16 h 15 min and 45 h (the night of the change
	// has 23 hours); in business hours: 75 min and 60 min.
	want(t, "FRT median", r.FirstResponse.Median, (231300+162000)/2.0, na)
	want(t, "FRT business median", r.FirstResponse.BusinessMedian, (4500+3600)/2.0, na)
	want(t, "FRT business p90", r.FirstResponse.BusinessP90, 3600+0.9*900, na)
	if len(r.Days) != 31 || r.Days[0].Received != 1 || r.Days[29].Start.Sub(r.Days[28].Start) != 24*time.Hour ||
		r.Days[30].Start.Sub(r.Days[29].Start) != 23*time.Hour {
		t.Errorf("Paris days: %d, first %+v", len(r.Days), r.Days[0])
	}
	if r.Client.Name != "Le Fournil" || !r.Previous.From.Equal(time.Date(2025, 2, 1, 0, 0, 0, 0, loc)) {
		t.Errorf("client %+v, previous from %v", r.Client, r.Previous.From)
	}

	inUTC, _ := Month("2025-03", time.UTC)
	r, err = Compute(context.Background(), st, Query{ClientID: client.ID, From: inUTC.From, To: inUTC.To, Loc: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	want(t, "received (UTC)", r.Received, 2, 1)
	want(t, "FRT business median (no hours)", r.FirstResponse.BusinessMedian, na, na)
}
