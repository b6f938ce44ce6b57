package engine

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"cmdeck/core"
	"cmdeck/rules"
	"cmdeck/store"
)

// alertWorld is a real store with one client ("pf") and one scripted
// account, a runner with alert rules, and the alert hook's calls.
type alertWorld struct {
	*fixture
	db   *store.Store
	acct core.Account

	hookMu  sync.Mutex
	notices []AlertNotice
}

func newAlertWorld(t *testing.T, start time.Time) *alertWorld {
	t.Helper()
	clock := core.NewManualClock(start)
	db := openReal(t, filepath.Join(t.TempDir(), "cmdeck.db"), clock)
	_, accts, err := db.UpsertWorkspace(context.Background(), []core.Client{{Slug: "pf", Name: "PixelForge"}},
		[]core.Account{{ClientSlug: "pf", Provider: "fake", Network: "Fakenet", Handle: "@pf"}})
	if err != nil {
		t.Fatal(err)
	}
	w := &alertWorld{fixture: newFixture(t, accts[0]), db: db, acct: accts[0]}
	w.clock = clock
	return w
}

// runner builds a runner on the world's store with rs as its rules.
func (w *alertWorld) runner(rs []rules.Rule, edit ...func(*Options)) *Runner {
	w.t.Helper()
	set, err := rules.Compile(rs)
	if err != nil {
		w.t.Fatalf("Compile: %v", err)
	}
	return w.fixture.runner("host:1:daemon", append([]func(*Options){func(o *Options) {
		o.Store, o.Rules = w.db, set
		o.OnAlert = func(_ context.Context, n AlertNotice) {
			w.hookMu.Lock()
			defer w.hookMu.Unlock()
			w.notices = append(w.notices, n)
		}
	}}, edit...)...)
}

// push scripts one batch of items for the next sync.
func (w *alertWorld) push(its ...core.Item) {
	w.scripts[w.acct.ID].push(fetchStep{batch: core.Batch{Cursor: fmt.Sprint(len(its), w.clock.Now().Unix()), Items: its}})
}

// stepAt sets the clock and steps.
func (w *alertWorld) stepAt(r *Runner, at time.Time) StepReport {
	w.t.Helper()
	w.clock.Set(at)
	return w.step(r)
}

// hookCalls waits for the runner's hooks under way and returns every call.
func (w *alertWorld) hookCalls(r *Runner) []AlertNotice {
	r.hooks.Wait()
	w.hookMu.Lock()
	defer w.hookMu.Unlock()
	return slices.Clone(w.notices)
}

// live lists the live alerts.
func (w *alertWorld) live() []store.AlertView {
	w.t.Helper()
	vs, err := w.db.Alerts(context.Background(), store.AlertQuery{})
	if err != nil {
		w.t.Fatal(err)
	}
	return vs
}

// seq numbers the remote ids of msg.
var seq struct {
	sync.Mutex
	n int
}

// msg is an incoming comment created at at, by author (a remote id).
func msg(author, body string, at time.Time) core.Item {
	seq.Lock()
	seq.n++
	n := seq.n
	seq.Unlock()
	return core.Item{RemoteID: fmt.Sprintf("m%d", n), Kind: core.KindComment, Body: body, CreatedAt: at,
		Author: core.Author{RemoteID: author, Handle: "@" + author, Name: author}}
}

// syncAlerts lists the Alerts of the sync events (AccountID set), in order.
func (w *alertWorld) syncAlerts() [][]AlertNotice {
	var out [][]AlertNotice
	for _, e := range w.eventList() {
		if e.AccountID != 0 && e.ActionID == 0 {
			out = append(out, e.Alerts)
		}
	}
	return out
}

var refundRule = rules.Rule{Name: "remboursement", Type: rules.TypeKeyword, Query: `rembours* OR "pas reçu"`}

// A burst of matching items is one alert that grows: opened (and
// announced) once, by the first batch, grown by the next ones.
func TestBurstIsOneGrowingAlert(t *testing.T) {
	w := newAlertWorld(t, t0)
	r := w.runner([]rules.Rule{refundRule})
	now := w.clock.Now()
	w.scripts[w.acct.ID].push(
		fetchStep{batch: core.Batch{Cursor: "1", More: true, Items: []core.Item{
			msg("zoe", "Je veux être remboursée !", now), msg("leo", "Bonjour", now), msg("ana", "Colis pas reçu", now)}}},
		fetchStep{batch: core.Batch{Cursor: "2", Items: []core.Item{msg("max", "Remboursement svp", now)}}},
	)
	rep := w.step(r)
	if a := rep.Accounts[0]; a.Alerts != 2 || len(a.NewAlerts) != 1 {
		t.Fatalf("report: %d raised, %d opened; want 2 raises of one new alert", a.Alerts, len(a.NewAlerts))
	}
	live := w.live()
	if len(live) != 1 || live[0].Rule != "remboursement" || live[0].ItemCount != 3 || live[0].ClientSlug != "pf" {
		t.Fatalf("live alerts %+v, want one of 3 items", live)
	}
	calls := w.hookCalls(r)
	if len(calls) != 1 {
		t.Fatalf("hook called %d times, want once", len(calls))
	}
	if n := calls[0]; n.ID != live[0].ID || n.ClientID != w.acct.ClientID || n.ClientSlug != "pf" ||
		n.Rule != "remboursement" || n.Severity != core.SeverityWarning || n.ItemCount != 2 || !n.At.Equal(t0) ||
		!strings.Contains(n.Title, "remboursement") {
		t.Fatalf("notice %+v", n)
	}
	if ev := w.syncAlerts(); len(ev) != 1 || len(ev[0]) != 1 || ev[0][0].ID != live[0].ID {
		t.Fatalf("sync events' alerts %+v, want the opened alert", ev)
	}

	// Later matches, and our own reply that matches, grow it silently.
	own := msg("pf", "Votre remboursement est parti", t0.Add(time.Minute))
	own.Outgoing = true
	w.push(msg("eve", "toujours pas reçu", t0.Add(time.Minute)), own)
	w.stepAt(r, t0.Add(time.Minute))
	if live := w.live(); len(live) != 1 || live[0].ItemCount != 4 {
		t.Fatalf("after growth %+v, want one alert of 4 items", live)
	}
	if calls := w.hookCalls(r); len(calls) != 1 {
		t.Fatalf("hook called %d times after growth, want still once", len(calls))
	}
	if ev := w.syncAlerts(); len(ev) != 2 || len(ev[1]) != 0 {
		t.Fatalf("the growing sync's event has alerts %+v", ev[1])
	}
}

// Items without a sentiment are scored before they are stored (language
// too); a provider's own label is kept; our replies are not scored. The
// sentiment rule reads the score.
func TestSentimentAnnotatedAtIngest(t *testing.T) {
	w := newAlertWorld(t, t0)
	r := w.runner([]rules.Rule{{Name: "mécontentement", Type: rules.TypeSentiment}})
	angry := msg("zoe", "Service horrible, je suis très déçue, plus jamais !", t0)
	happy := msg("leo", "Merci beaucoup, c'est parfait, j'adore !", t0)
	labelled := msg("ana", "Service horrible", t0)
	labelled.Sentiment, labelled.SentimentScore = core.SentimentPositive, 0.8
	own := msg("pf", "Désolés, c'est horrible, nous sommes navrés", t0)
	own.Outgoing = true
	w.push(angry, happy, labelled, own)
	w.step(r)
	got := map[string]store.ItemView{}
	vs, err := w.db.ListItems(context.Background(), store.ItemFilter{}, store.PageKey{}, store.Older, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		got[v.Author.RemoteID] = v
	}
	if v := got["zoe"]; v.Sentiment != core.SentimentNegative || v.SentimentScore > -0.5 || v.Lang != "fr" {
		t.Errorf("angry item stored as %s %.2f %q", v.Sentiment, v.SentimentScore, v.Lang)
	}
	if v := got["leo"]; v.Sentiment != core.SentimentPositive || v.SentimentScore <= 0 {
		t.Errorf("happy item stored as %s %.2f", v.Sentiment, v.SentimentScore)
	}
	if v := got["ana"]; v.Sentiment != core.SentimentPositive || v.SentimentScore != 0.8 {
		t.Errorf("the provider's label was replaced: %s %.2f", v.Sentiment, v.SentimentScore)
	}
	if v := got["pf"]; v.Sentiment != core.SentimentUnknown || v.SentimentScore != 0 {
		t.Errorf("our reply was scored: %s %.2f", v.Sentiment, v.SentimentScore)
	}
	live := w.live()
	if len(live) != 1 || live[0].ItemCount != 1 {
		t.Fatalf("sentiment alerts %+v, want one for the angry item", live)
	}
	if ids, _ := w.db.AlertItems(context.Background(), live[0].ID); len(ids) != 1 || ids[0] != got["zoe"].ID {
		t.Fatalf("alert items %v, want the angry item %d", ids, got["zoe"].ID)
	}
}

// Spikes are counted against a steady baseline kept by the store: the
// items' own hourly volume, and the engine's counters for a query. A burst
// fires each rule once, when the hour's volume (across batches) passes
// the bar the baseline sets; later batches of the hour grow the alert.
func TestSpikeFiresOnceOnBurst(t *testing.T) {
	burst := time.Date(2026, 3, 3, 15, 0, 0, 0, time.UTC)
	w := newAlertWorld(t, burst.Add(-24*time.Hour))
	r := w.runner([]rules.Rule{
		// 4 items an hour: the bar is max(10, 3×4) = 12.
		{Name: "emballement", Type: rules.TypeSpike, BaselineHours: 24, Factor: 3, MinCount: 10},
		// 2 complaints an hour: the bar is max(6, 4×2) = 8.
		{Name: "plaintes", Type: rules.TypeSpike, Query: "retard OR rembours*", BaselineHours: 24, Factor: 4, MinCount: 6},
	})
	batch := func(at time.Time, complaints, others int) {
		var its []core.Item
		for range complaints {
			its = append(its, msg("a", "Encore du retard sur ma commande", at))
		}
		for range others {
			its = append(its, msg("b", "Merci pour tout", at))
		}
		w.push(its...)
		w.stepAt(r, at)
	}
	for h := range 24 {
		batch(burst.Add(time.Duration(h-24)*time.Hour+5*time.Minute), 2, 2)
	}
	if live := w.live(); len(live) != 0 {
		t.Fatalf("the baseline raised %+v", live)
	}
	// 8 items, 6 complaints: under both bars (a store that forgot the
	// baseline would fire the complaints rule here).
	batch(burst.Add(5*time.Minute), 6, 2)
	if live := w.live(); len(live) != 0 {
		t.Fatalf("under the bars, raised %+v", live)
	}
	// 13 items, 9 complaints this hour: both fire (counted across the
	// hour's batches, not only this one).
	batch(burst.Add(10*time.Minute), 3, 2)
	live := w.live()
	if len(live) != 2 {
		t.Fatalf("after the burst %+v, want both spike alerts", live)
	}
	for _, a := range live {
		want := map[string]int{"emballement": 5, "plaintes": 3}[a.Rule]
		if a.ItemCount != want || !strings.Contains(a.Title, "/h") {
			t.Errorf("alert %+v, want %d items", a, want)
		}
	}
	batch(burst.Add(20*time.Minute), 2, 0)
	if calls := w.hookCalls(r); len(calls) != 2 {
		t.Fatalf("hook called %d times, want once per rule", len(calls))
	}
	for _, a := range w.live() {
		if want := map[string]int{"emballement": 7, "plaintes": 5}[a.Rule]; a.ItemCount != want {
			t.Errorf("grown alert %s has %d items, want %d", a.Rule, a.ItemCount, want)
		}
	}
}

// A reply due within 2 business hours, asked on Friday at 17:00, falls
// due on Monday at 10:00: the alert opens then, once, and a weekend
// message due the same Monday grows it.
func TestSLAAcrossTheWeekendFiresOnce(t *testing.T) {
	fri := time.Date(2026, 3, 6, 17, 0, 0, 0, time.UTC)
	mon10 := time.Date(2026, 3, 9, 10, 0, 0, 0, time.UTC)
	w := newAlertWorld(t, fri)
	r := w.runner([]rules.Rule{{Name: "délai", Type: rules.TypeSLA, Within: 2 * time.Hour,
		BusinessHours: "mon-fri 09:00-18:00", Zone: "UTC"}})
	ask := func(author string, at time.Time) core.Item {
		it := msg(author, "Une question sur ma commande ?", at)
		it.NeedsReply = true
		return it
	}
	answered := ask("leo", fri.Add(-30*time.Minute))
	w.push(ask("zoe", fri), answered)
	w.step(r)
	vs, _ := w.db.ListItems(context.Background(), store.ItemFilter{AuthorID: 0}, store.PageKey{}, store.Older, 10)
	for _, v := range vs {
		if v.Author.RemoteID == "leo" {
			if err := w.db.SetState(context.Background(), []int64{v.ID}, core.StateReplied, fri); err != nil {
				t.Fatal(err)
			}
		}
	}
	sat := time.Date(2026, 3, 7, 11, 0, 0, 0, time.UTC)
	for at := fri.Add(20 * time.Minute); at.Before(mon10.Add(3 * time.Hour)); at = at.Add(20 * time.Minute) {
		if at.Equal(sat) {
			w.push(ask("ana", sat)) // due Monday 11:00
		}
		w.stepAt(r, at)
		live := w.live()
		switch {
		case at.Before(mon10) && len(live) != 0:
			t.Fatalf("at %s: alerts %+v before the deadline", at, live)
		case !at.Before(mon10) && len(live) != 1:
			t.Fatalf("at %s: alerts %+v, want one", at, live)
		}
	}
	live := w.live()
	// Raised at 10:00 and grown at 11:00, never again: each item alerts
	// once, when it crosses its deadline.
	if live[0].Rule != "délai" || live[0].ItemCount != 2 || !strings.Contains(live[0].Title, "> 2h") ||
		!live[0].LastAt.Equal(mon10.Add(time.Hour)) {
		t.Fatalf("SLA alert %+v, want the two late items", live[0])
	}
	calls := w.hookCalls(r)
	if len(calls) != 1 || calls[0].ItemCount != 1 || !calls[0].At.Equal(mon10) {
		t.Fatalf("hook calls %+v, want one at Monday 10:00", calls)
	}
	var slaEvents int
	for _, e := range w.eventList() {
		if e.AccountID == 0 && len(e.Alerts) > 0 {
			slaEvents++
		}
	}
	if slaEvents != 1 {
		t.Errorf("%d SLA events, want 1", slaEvents)
	}
}

// An author whose items were hidden or marked spam count times within the
// period alerts with their next item; one hidden fewer times does not.
func TestRepeatOffender(t *testing.T) {
	ctx := context.Background()
	w := newAlertWorld(t, t0)
	r := w.runner([]rules.Rule{{Name: "récidiviste", Type: rules.TypeRepeatOffender, Count: 3, Period: 30 * 24 * time.Hour}})
	var old []core.Item
	for i := range 3 {
		old = append(old, msg("troll", fmt.Sprintf("pub %d", i), t0), msg("grump", fmt.Sprintf("bof %d", i), t0))
	}
	w.push(old...)
	w.step(r)
	if live := w.live(); len(live) != 0 {
		t.Fatalf("alerts %+v before any offence", live)
	}
	vs, err := w.db.ListItems(ctx, store.ItemFilter{}, store.PageKey{}, store.Older, 10)
	if err != nil {
		t.Fatal(err)
	}
	var troll, grump []int64
	for _, v := range vs {
		switch v.Author.RemoteID {
		case "troll":
			troll = append(troll, v.ID)
		case "grump":
			grump = append(grump, v.ID)
		}
	}
	if err := w.db.SetState(ctx, troll, core.StateHidden, t0); err != nil {
		t.Fatal(err)
	}
	if err := w.db.SetState(ctx, grump[:2], core.StateSpam, t0); err != nil {
		t.Fatal(err)
	}
	w.push(msg("troll", "encore moi", t0.Add(time.Hour)), msg("grump", "re-bof", t0.Add(time.Hour)))
	w.stepAt(r, t0.Add(time.Hour))
	live := w.live()
	if len(live) != 1 || live[0].Rule != "récidiviste" || live[0].ItemCount != 1 || !strings.Contains(live[0].Title, "@troll ×3") {
		t.Fatalf("alerts %+v, want one for @troll", live)
	}
}

// The hook runs on its own goroutine: a hook that blocks does not hold
// the engine up, and one that panics does not take it down.
func TestOnAlertNeverBlocks(t *testing.T) {
	w := newAlertWorld(t, t0)
	release := make(chan struct{})
	started := make(chan AlertNotice, 10)
	var panics sync.Once
	r := w.runner([]rules.Rule{refundRule}, func(o *Options) {
		o.OnAlert = func(_ context.Context, n AlertNotice) {
			started <- n
			panics.Do(func() { panic("hook bug") })
			<-release
		}
	})
	w.push(msg("zoe", "remboursement", t0))
	w.step(r) // returns although the hook panicked
	w.push(msg("leo", "pas reçu", t0.Add(time.Minute)))
	if err := w.db.ResolveAlert(context.Background(), w.live()[0].ID, t0); err != nil {
		t.Fatal(err)
	}
	w.stepAt(r, t0.Add(time.Minute)) // returns although the hook blocks
	if live := w.live(); len(live) != 1 || live[0].ItemCount != 1 {
		t.Fatalf("live alerts %+v", live)
	}
	close(release)
	r.hooks.Wait()
	if len(started) != 2 {
		t.Fatalf("hook started %d times, want 2", len(started))
	}
	if !strings.Contains(w.logText(), "alert hook panicked") {
		t.Error("the hook's panic was not logged")
	}
}

// A resolved alert joins the history; the next match opens a new alert,
// announced again.
func TestResolveThenNewMatchOpensNewAlert(t *testing.T) {
	ctx := context.Background()
	w := newAlertWorld(t, t0)
	r := w.runner([]rules.Rule{refundRule})
	w.push(msg("zoe", "remboursement", t0))
	w.step(r)
	first := w.live()[0]
	if err := w.db.ResolveAlert(ctx, first.ID, t0); err != nil {
		t.Fatal(err)
	}
	w.push(msg("leo", "pas reçu", t0.Add(time.Minute)))
	w.stepAt(r, t0.Add(time.Minute))
	live := w.live()
	if len(live) != 1 || live[0].ID == first.ID || live[0].ItemCount != 1 {
		t.Fatalf("live %+v, want a new alert", live)
	}
	// Hooks run concurrently: the two announcements may come in any order.
	calls := w.hookCalls(r)
	if len(calls) != 2 || !slices.ContainsFunc(calls, func(c AlertNotice) bool { return c.ID == live[0].ID }) {
		t.Fatalf("hook calls %+v, want the new alert announced", calls)
	}
	// Snoozed, it grows silently.
	if err := w.db.SnoozeAlert(ctx, live[0].ID, t0.Add(time.Hour), t0); err != nil {
		t.Fatal(err)
	}
	w.push(msg("ana", "rembourser", t0.Add(2*time.Minute)))
	w.stepAt(r, t0.Add(2*time.Minute))
	if len(w.live()) != 0 || len(w.hookCalls(r)) != 2 {
		t.Fatalf("a snoozed alert came back or was announced")
	}
	w.clock.Set(t0.Add(time.Hour))
	if live := w.live(); len(live) != 1 || live[0].ItemCount != 2 {
		t.Fatalf("after the snooze %+v, want the alert with 2 items", live)
	}
}

func TestNewItemsUsesIngestIndex(t *testing.T) {
	b := core.Batch{Items: items("x", 4, core.SentimentNegative)}
	tests := []struct {
		name    string
		res     store.IngestResult
		wantIDs []int64
		wantRem []string
	}{
		{"none new", store.IngestResult{}, nil, nil},
		{"some new", store.IngestResult{NewItemIDs: []int64{10, 11}, NewItemIndex: []int{1, 3}},
			[]int64{10, 11}, []string{"x-1", "x-3"}},
		{"bad index skipped", store.IngestResult{NewItemIDs: []int64{10, 11, 12}, NewItemIndex: []int{-1, 9, 0}},
			[]int64{12}, []string{"x-0"}},
		{"index missing", store.IngestResult{NewItemIDs: []int64{10}}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := newItems(b, tt.res)
			if len(got) != len(tt.wantIDs) {
				t.Fatalf("got %d items, want %d", len(got), len(tt.wantIDs))
			}
			for i, it := range got {
				if it.ID != tt.wantIDs[i] || it.RemoteID != tt.wantRem[i] {
					t.Errorf("item %d = id %d %q, want id %d %q", i, it.ID, it.RemoteID, tt.wantIDs[i], tt.wantRem[i])
				}
			}
		})
	}
}

// The rules read the items as stored; rebuilt from the batch (a store
// that does not report them), they are sanitized first, and the
// provider's batch is left as it was.
func TestStoredItemsNeverRaw(t *testing.T) {
	raw := "remboursement\x1b]52;c;aGVsbG8=\x07 svp\u202e"
	b := core.Batch{Items: []core.Item{{RemoteID: "r", Body: raw, Tags: []string{"\x1b[31mtag"}}}}
	res := store.IngestResult{NewItemIDs: []int64{7}, NewItemIndex: []int{0}}
	got := storedItems(b, res)
	if len(got) != 1 || got[0].ID != 7 || got[0].Body != "remboursement svp" || got[0].Tags[0] != "tag" {
		t.Fatalf("rebuilt items %+v", got)
	}
	if b.Items[0].Body != raw || b.Items[0].Tags[0] != "\x1b[31mtag" {
		t.Fatal("the provider's batch was rewritten")
	}
	stored := []core.Item{{ID: 7, Body: "as stored"}}
	res.Items = stored
	if got := storedItems(b, res); got[0].Body != "as stored" {
		t.Fatalf("with the store's items: %+v", got)
	}
}
