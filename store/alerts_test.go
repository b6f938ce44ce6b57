package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"cmdeck/core"
)

// raise calls RaiseAlert and fails the test on error.
func (f *fixture) raise(t *testing.T, a core.Alert, group string, items ...int64) (int64, bool) {
	t.Helper()
	id, opened, err := f.s.RaiseAlert(context.Background(), a, group, items)
	if err != nil {
		t.Fatalf("RaiseAlert: %v", err)
	}
	return id, opened
}

// ingestN stores n items of the first account, one a minute from at,
// and returns their ids.
func (f *fixture) ingestN(t *testing.T, prefix string, n int, at time.Time) []int64 {
	t.Helper()
	var items []core.Item
	for i := range n {
		items = append(items, item(prefix+string(rune('a'+i)), at.Add(time.Duration(i)*time.Minute), prefix+" bad"))
	}
	return f.ingest(t, 0, core.Batch{Items: items}).NewItemIDs
}

func TestRaiseAlertGroups(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	ids := f.ingestN(t, "g", 5, t0)
	client := f.clients[0].ID
	base := core.Alert{ClientID: client, Rule: "negative", Severity: core.SeverityWarning, Title: "2 negative"}
	first := base
	first.LastAt = t0
	a1, opened := f.raise(t, first, "h10", ids[0], ids[1])
	if !opened {
		t.Fatal("the first raise did not report an opened alert")
	}

	// Same group: grows, dedupes items, escalates, moves last_at.
	grow := base
	grow.Severity, grow.Title, grow.LastAt = core.SeverityCritical, "4 negative", t0.Add(time.Minute)
	if got, opened := f.raise(t, grow, "h10", ids[1], ids[2], ids[3], 9999); got != a1 || opened {
		t.Fatalf("same group = %d (opened %v), want alert %d grown", got, opened, a1)
	}
	// A lower severity does not downgrade it.
	calm := base
	calm.Severity, calm.Title, calm.LastAt = core.SeverityInfo, "", t0.Add(2*time.Minute)
	f.raise(t, calm, "h10", ids[3])

	// Another group, and another client, are separate alerts.
	other := base
	other.LastAt = t0.Add(-time.Hour)
	a2, _ := f.raise(t, other, "h11", ids[4])
	a3, _ := f.raise(t, core.Alert{ClientID: f.clients[1].ID, Rule: "negative", LastAt: t0.Add(-2 * time.Hour)}, "h10")

	open, err := f.s.OpenAlerts(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(open) != 3 || open[0].ID != a1 || open[1].ID != a2 || open[2].ID != a3 {
		t.Fatalf("OpenAlerts = %+v", open)
	}
	got := open[0]
	if got.ItemCount != 4 || got.Severity != core.SeverityCritical || got.Title != "4 negative" ||
		!got.FirstAt.Equal(t0) || !got.LastAt.Equal(t0.Add(2*time.Minute)) {
		t.Fatalf("grown alert = %+v", got)
	}
	if linked, _ := f.s.AlertItems(ctx, a1); len(linked) != 4 {
		t.Errorf("AlertItems = %v", linked)
	}
	if open[2].Severity != core.SeverityInfo {
		t.Errorf("default severity = %q", open[2].Severity)
	}

	// Acked: it leaves OpenAlerts but keeps growing.
	if err := f.s.AckAlert(ctx, a1); err != nil {
		t.Fatal(err)
	}
	if again, opened := f.raise(t, first, "h10", ids[4]); again != a1 || opened {
		t.Fatalf("raise after ack = %d (opened %v), want %d grown", again, opened, a1)
	}
	if open, _ := f.s.OpenAlerts(ctx, 10); len(open) != 2 {
		t.Errorf("OpenAlerts after ack = %+v, want the two others", open)
	}
	if err := f.s.AckAlert(ctx, 9999); !errors.Is(err, ErrNotFound) {
		t.Errorf("AckAlert(unknown) = %v, want ErrNotFound", err)
	}
}

// alertByID lists the live alerts and the history and finds one.
func (f *fixture) alertByID(t *testing.T, id int64) (AlertView, bool) {
	t.Helper()
	for _, hist := range []bool{false, true} {
		vs, err := f.s.Alerts(context.Background(), AlertQuery{History: hist})
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			if v.ID == id {
				return v, true
			}
		}
	}
	return AlertView{}, false
}

// An alert's life: acked alerts grow and stay acked; snoozed ones grow
// silently and come back when the snooze ends or when they escalate;
// resolved ones join the history and their group opens a new alert.
func TestAlertLifecycle(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	ids := f.ingestN(t, "l", 6, t0)
	warn := core.Alert{ClientID: f.clients[0].ID, Rule: "plaintes", Severity: core.SeverityWarning, LastAt: t0}
	id, _ := f.raise(t, warn, "d1", ids[0])

	if err := f.s.AckAlert(ctx, id); err != nil {
		t.Fatal(err)
	}
	f.raise(t, warn, "d1", ids[1])
	if v, _ := f.alertByID(t, id); v.State != AlertAcked || !v.Acked || v.ItemCount != 2 {
		t.Fatalf("acked alert after growth = %+v", v)
	}

	// Snoozed for an hour: hidden, grows silently.
	if err := f.s.SnoozeAlert(ctx, id, t0.Add(time.Hour), t0); err != nil {
		t.Fatal(err)
	}
	if _, listed := f.alertByID(t, id); listed {
		t.Fatal("a snoozed alert is listed")
	}
	f.raise(t, warn, "d1", ids[2])
	f.clock.Set(t0.Add(time.Hour))
	v, listed := f.alertByID(t, id)
	if !listed || v.State != AlertOpen || v.ItemCount != 3 || !v.SnoozedUntil.Equal(t0.Add(time.Hour)) {
		t.Fatalf("after the snooze = %+v (listed %v), want open again with 3 items", v, listed)
	}

	// Escalation wakes a snoozed alert at once.
	if err := f.s.SnoozeAlert(ctx, id, t0.Add(5*time.Hour), f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	crit := warn
	crit.Severity = core.SeverityCritical
	f.raise(t, crit, "d1", ids[3])
	if v, listed := f.alertByID(t, id); !listed || v.State != AlertOpen || v.Severity != core.SeverityCritical {
		t.Fatalf("escalated snoozed alert = %+v (listed %v), want open", v, listed)
	}
	if err := f.s.SnoozeAlert(ctx, id, t0, f.clock.Now()); err == nil {
		t.Error("a snooze into the past was accepted")
	}

	// Resolved: history; the group's next match opens a new alert.
	if err := f.s.ResolveAlert(ctx, id, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	v, _ = f.alertByID(t, id)
	if v.State != AlertResolved || !v.ResolvedAt.Equal(f.clock.Now()) {
		t.Fatalf("resolved alert = %+v", v)
	}
	next, opened := f.raise(t, warn, "d1", ids[4])
	if next == id || !opened {
		t.Fatalf("match after resolve = %d (opened %v), want a new alert", next, opened)
	}
	if v, _ := f.alertByID(t, next); v.ItemCount != 1 || v.State != AlertOpen {
		t.Fatalf("new alert = %+v", v)
	}
	// Resolving twice, acking or snoozing a resolved alert change nothing.
	if err := f.s.ResolveAlert(ctx, id, f.clock.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := f.s.AckAlert(ctx, id); err != nil {
		t.Fatal(err)
	}
	if v, _ := f.alertByID(t, id); v.State != AlertResolved || !v.ResolvedAt.Equal(f.clock.Now()) {
		t.Fatalf("resolved alert after more writes = %+v", v)
	}
	if err := f.s.ResolveAlert(ctx, 9999, t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("ResolveAlert(unknown) = %v", err)
	}
	if err := f.s.SnoozeAlert(ctx, 9999, t0.Add(time.Hour), t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("SnoozeAlert(unknown) = %v", err)
	}
}

// The live list sorts by severity then newest, pages by keyset without
// gaps or repeats, filters by client and shows the newest item's first
// line; the history pages newest resolved first.
func TestAlertsListingAndPaging(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	ids := f.ingestN(t, "p", 3, t0)
	late := item("late", t0.Add(time.Hour), "Dernière ligne\nsuite cachée")
	lateID := f.ingest(t, 0, core.Batch{Items: []core.Item{late}}).NewItemIDs[0]
	pf, bl := f.clients[0].ID, f.clients[1].ID
	sevs := []core.Severity{core.SeverityInfo, core.SeverityCritical, core.SeverityWarning}
	var want []int64 // expected order, filled below
	byID := map[int64]core.Alert{}
	for i := range 9 {
		a := core.Alert{ClientID: pf, Rule: "r", Severity: sevs[i%3], LastAt: t0.Add(time.Duration(i) * time.Minute)}
		if i%4 == 3 {
			a.ClientID = bl
		}
		id, _ := f.raise(t, a, "g"+string(rune('0'+i)))
		byID[id] = a
	}
	for _, sev := range []core.Severity{core.SeverityCritical, core.SeverityWarning, core.SeverityInfo} {
		for i := 8; i >= 0; i-- {
			for id, a := range byID {
				if a.Severity == sev && a.LastAt.Equal(t0.Add(time.Duration(i)*time.Minute)) {
					want = append(want, id)
				}
			}
		}
	}
	// Pages of two, by keyset.
	var got []int64
	q := AlertQuery{Limit: 2}
	for range 10 {
		page, err := f.s.Alerts(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range page {
			got = append(got, v.ID)
		}
		if len(page) < 2 {
			break
		}
		q = q.After(page[len(page)-1])
	}
	if len(got) != len(want) {
		t.Fatalf("paged %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("paged %v, want %v", got, want)
		}
	}

	// Client filter, client fields and the excerpt of the newest item.
	withItems, _ := f.raise(t, core.Alert{ClientID: bl, Rule: "x", LastAt: t0}, "gx", ids[0], lateID, ids[2])
	list, err := f.s.Alerts(ctx, AlertQuery{ClientID: bl})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 {
		t.Fatalf("client filter listed %d alerts, want 3", len(list))
	}
	for _, v := range list {
		if v.ClientID != bl || v.ClientSlug != "boulangerie" || v.ClientName != "Boulangerie Martin" || v.ClientColor != "#D97706" {
			t.Errorf("client fields of %+v", v)
		}
		if v.ID == withItems && v.Excerpt != "Dernière ligne" {
			t.Errorf("excerpt = %q, want the newest item's first line", v.Excerpt)
		}
	}

	// History: resolved newest first, paged.
	for i, id := range want[:3] {
		if err := f.s.ResolveAlert(ctx, id, t0.Add(time.Duration(i)*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	h := AlertQuery{History: true, Limit: 2}
	first, err := f.s.Alerts(ctx, h)
	if err != nil || len(first) != 2 || first[0].ID != want[2] || first[1].ID != want[1] {
		t.Fatalf("history page 1 = %+v, %v", first, err)
	}
	rest, err := f.s.Alerts(ctx, h.After(first[1]))
	if err != nil || len(rest) != 1 || rest[0].ID != want[0] {
		t.Fatalf("history page 2 = %+v, %v", rest, err)
	}
	if live, _ := f.s.Alerts(ctx, AlertQuery{}); len(live) != len(want)+1-3 {
		t.Errorf("live list after resolving 3 = %d alerts", len(live))
	}
}

func TestClientHours(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	base := t0.Truncate(time.Hour)
	mk := func(remote string, at time.Time, s core.Sentiment, outgoing bool) core.Item {
		it := item(remote, at, "x")
		it.Sentiment, it.Outgoing = s, outgoing
		return it
	}
	f.ingest(t, 0, core.Batch{Items: []core.Item{
		mk("a", base.Add(10*time.Minute), core.SentimentNegative, false),
		mk("b", base.Add(50*time.Minute), core.SentimentPositive, false),
		mk("c", base.Add(2*time.Hour), core.SentimentNegative, false),
		mk("own", base.Add(2*time.Hour), core.SentimentNegative, true), // our reply: not counted
		mk("early", base.Add(-time.Minute), core.SentimentNegative, false),
	}})
	f.ingest(t, 2, core.Batch{Items: []core.Item{mk("other", base, core.SentimentNegative, false)}})
	// A range not on hour boundaries is widened to whole hours.
	got, err := f.s.ClientHours(ctx, f.clients[0].ID, base.Add(5*time.Minute), base.Add(2*time.Hour+time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if !got.From.Equal(base) || len(got.Volume) != 3 {
		t.Fatalf("hours = %+v", got)
	}
	wantVol, wantNeg := []int{2, 0, 1}, []int{1, 0, 1}
	for i := range wantVol {
		if got.Volume[i] != wantVol[i] || got.Negative[i] != wantNeg[i] {
			t.Fatalf("volume %v negative %v, want %v %v", got.Volume, got.Negative, wantVol, wantNeg)
		}
	}
	if _, err := f.s.ClientHours(ctx, 1, base, base); err == nil {
		t.Error("an empty range was accepted")
	}
	if _, err := f.s.ClientHours(ctx, 1, base, base.Add(40*24*time.Hour)); err == nil {
		t.Error("a 40-day range was accepted")
	}
}

// Offences are the author's items hidden or marked spam since a time and
// still so; hidden then spam is one offence, at the first time.
func TestOffenceCount(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	var batch []core.Item
	for i := range 5 {
		it := item(string(rune('a'+i)), t0, "spam")
		it.Author = core.Author{RemoteID: "troll", Handle: "@troll"}
		batch = append(batch, it)
	}
	stranger := item("s", t0, "hello")
	res := f.ingest(t, 0, core.Batch{Items: append(batch, stranger)})
	ids := res.NewItemIDs
	author := res.Items[0].Author.ID
	if author == 0 || res.Items[0].ClientID != f.clients[0].ID || res.Items[0].Body != "spam" {
		t.Fatalf("stored item = %+v", res.Items[0])
	}
	day := 24 * time.Hour
	set := func(id int64, st core.ItemState, at time.Time) {
		t.Helper()
		if err := f.s.SetState(ctx, []int64{id}, st, at); err != nil {
			t.Fatal(err)
		}
	}
	set(ids[0], core.StateHidden, t0.Add(-40*day)) // too old
	set(ids[1], core.StateHidden, t0.Add(-2*day))
	set(ids[1], core.StateSpam, t0) // still one offence, two days ago
	set(ids[2], core.StateSpam, t0.Add(-day))
	set(ids[3], core.StateHidden, t0.Add(-day))
	set(ids[3], core.StateRead, t0) // unhidden: not an offence
	set(ids[5], core.StateHidden, t0)
	count := func(since time.Time) int {
		t.Helper()
		n, err := f.s.OffenceCount(ctx, author, since)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(t0.Add(-30 * day)); n != 2 {
		t.Errorf("offences in 30 days = %d, want 2", n)
	}
	if n := count(t0.Add(-36 * time.Hour)); n != 1 {
		t.Errorf("offences in 36 hours = %d, want 1 (the spam mark kept the hide's time)", n)
	}
	times, err := f.s.OffenceTimes(ctx, []int64{author, res.Items[5].Author.ID, 9999}, t0.Add(-30*day))
	if err != nil || len(times) != 2 || len(times[author]) != 2 || len(times[res.Items[5].Author.ID]) != 1 {
		t.Errorf("OffenceTimes = %v, %v; want the troll's 2 and the stranger's 1", times, err)
	}
	// A hide through the outbox counts too.
	a := f.enqueue(t, core.Action{AccountID: f.accounts[0].ID, Kind: core.ActHide, ItemID: ids[4], TargetRemoteID: "e"})
	f.clock.Advance(time.Minute)
	f.claim(t, f.s, "w", 10)
	if err := f.s.CompleteAction(ctx, a, core.ActionResult{}, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if n := count(t0.Add(-30 * day)); n != 3 {
		t.Errorf("offences after an outbox hide = %d, want 3", n)
	}
}

func TestRuleHours(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	pf, bl := f.clients[0].ID, f.clients[1].ID
	h := t0.Truncate(time.Hour)
	add := []RuleHour{
		{ClientID: pf, Query: "q", Hour: h.Add(-2*time.Hour + 5*time.Minute), Count: 2},
		{ClientID: pf, Query: "q", Hour: h, Count: 1},
		{ClientID: pf, Query: "q", Hour: h.Add(10 * time.Minute), Count: 3},
		{ClientID: pf, Query: "other", Hour: h, Count: 7},
		{ClientID: bl, Query: "q", Hour: h, Count: 9},
		{ClientID: pf, Query: "q", Hour: h, Count: 0},
	}
	if err := f.s.AddRuleHours(ctx, add); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.RuleHours(ctx, pf, "q", h.Add(-3*time.Hour), h.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	want := []int{0, 2, 0, 4}
	for i := range want {
		if len(got) != len(want) || got[i] != want[i] {
			t.Fatalf("rule hours = %v, want %v", got, want)
		}
	}
	if err := f.s.PruneRuleHours(ctx, h.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	got, _ = f.s.RuleHours(ctx, pf, "q", h.Add(-3*time.Hour), h.Add(time.Hour))
	if got[1] != 0 || got[3] != 4 {
		t.Fatalf("after pruning = %v, want the old hour gone and the current kept", got)
	}
}

func TestAwaitingReply(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	var batch []core.Item
	for i := range 6 {
		it := item("w"+string(rune('a'+i)), t0.Add(time.Duration(i)*time.Hour), "?")
		it.NeedsReply = i != 1
		it.Outgoing = i == 2
		batch = append(batch, it)
	}
	ids := f.ingest(t, 0, core.Batch{Items: batch}).NewItemIDs
	if err := f.s.SetState(ctx, []int64{ids[3]}, core.StateDone, t0); err != nil {
		t.Fatal(err)
	}
	if err := f.s.Snooze(ctx, []int64{ids[5]}, t0.Add(48*time.Hour)); err != nil {
		t.Fatal(err)
	}
	// Waiting: 0, 4 and 5 (snoozed still waits); 1 needs none, 2 is ours, 3 done.
	pf := f.clients[0].ID
	page, err := f.s.AwaitingReply(ctx, pf, t0, PageKey{}, 2)
	if err != nil || len(page) != 2 || page[0].ID != ids[0] || page[1].ID != ids[4] {
		t.Fatalf("page 1 = %v, %v", waitingIDs(page), err)
	}
	if w := page[0]; w.ClientSlug != "pixelforge" || w.Network != "Chirper" || w.Body != "?" ||
		w.Author.ID == 0 || w.Author.Handle != "@userwa" || !w.NeedsReply || !w.CreatedAt.Equal(t0) {
		t.Errorf("row = %+v", w)
	}
	rest, err := f.s.AwaitingReply(ctx, pf, t0, KeyOf(page[1].Item), 2)
	if err != nil || len(rest) != 1 || rest[0].ID != ids[5] {
		t.Fatalf("page 2 = %v, %v", waitingIDs(rest), err)
	}
	if recent, _ := f.s.AwaitingReply(ctx, pf, t0.Add(time.Hour), PageKey{}, 10); len(recent) != 2 {
		t.Fatalf("since t0+1h = %v, want 2 items", waitingIDs(recent))
	}
	other := item("o", t0, "?")
	other.NeedsReply = true
	f.ingest(t, 2, core.Batch{Items: []core.Item{other}})
	if got, _ := f.s.AwaitingReply(ctx, f.clients[1].ID, t0, PageKey{}, 10); len(got) != 1 || got[0].ClientSlug != "boulangerie" {
		t.Fatalf("the other client's = %+v", got)
	}
}

func waitingIDs(ws []Waiting) []int64 {
	out := make([]int64, len(ws))
	for i, w := range ws {
		out[i] = w.ID
	}
	return out
}

func itemIDs(vs []ItemView) []int64 {
	out := make([]int64, len(vs))
	for i, v := range vs {
		out[i] = v.ID
	}
	return out
}

// The inbox's jump from an alert lists its items only, newest first, in
// keyset pages, and counts them.
func TestAlertIDFilter(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	ids := f.ingestN(t, "f", 6, t0)
	al, _ := f.raise(t, core.Alert{ClientID: f.clients[0].ID, Rule: "r", LastAt: t0}, "g", ids[0], ids[2], ids[3], ids[5])
	other, _ := f.raise(t, core.Alert{ClientID: f.clients[0].ID, Rule: "r", LastAt: t0}, "h", ids[1])
	flt := ItemFilter{AlertID: al}
	if n, err := f.s.CountItems(ctx, flt); err != nil || n != 4 {
		t.Fatalf("CountItems = %d, %v; want 4", n, err)
	}
	first := f.mustList(t, flt, PageKey{}, Older, 3)
	if got := itemIDs(first); len(got) != 3 || got[0] != ids[5] || got[1] != ids[3] || got[2] != ids[2] {
		t.Fatalf("page 1 = %v", got)
	}
	rest := f.mustList(t, flt, KeyOf(first[2].Item), Older, 3)
	if got := itemIDs(rest); len(got) != 1 || got[0] != ids[0] {
		t.Fatalf("page 2 = %v", got)
	}
	if got := itemIDs(f.mustList(t, ItemFilter{AlertID: other, ClientID: f.clients[0].ID}, PageKey{}, Older, 10)); len(got) != 1 || got[0] != ids[1] {
		t.Fatalf("other alert = %v", got)
	}
}
