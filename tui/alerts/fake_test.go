package alerts

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"

	"cmdeck/core"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// now is Wednesday 12 March 2025, 10:00 UTC.
var now = time.Date(2025, 3, 12, 10, 0, 0, 0, time.UTC)

// fakeSource is an in-memory alert store that lists and pages exactly as
// the store's contract says (severity then newest first, or resolved
// newest first; keyset after the last row), and records the writes and
// the actor they carried. Any other query panics the test through the
// embedded nil Source.
type fakeSource struct {
	common.Source
	alerts   []store.AlertView
	items    map[int64][]store.ItemView // by alert id, newest first
	hours    func(clientID int64, from, to time.Time) store.AlertHours
	err      error // every read fails with it
	writeErr error

	queries []store.AlertQuery
	writes  []string // "ack 1", "snooze 2 2025-03-12T11:00:00Z", "resolve 3"
	detail  []int64  // the alerts whose items were read
	hoursQ  [][2]time.Time
}

func rank(s core.Severity) int { return severityRank(s) }

// sorted lists the alerts the query selects, in the store's order.
func (f *fakeSource) sorted(q store.AlertQuery) []store.AlertView {
	var out []store.AlertView
	for _, a := range f.alerts {
		if (a.State == store.AlertResolved) != q.History || (q.ClientID != 0 && a.ClientID != q.ClientID) {
			continue
		}
		if !q.History && a.State == store.AlertSnoozed && a.SnoozedUntil.After(now) {
			continue
		}
		out = append(out, a)
	}
	sort.SliceStable(out, func(i, j int) bool { return f.less(out[i], out[j], q.History) })
	return out
}

// less is the list order: (rank desc,) time desc, id desc.
func (f *fakeSource) less(a, b store.AlertView, history bool) bool {
	if !history && rank(a.Severity) != rank(b.Severity) {
		return rank(a.Severity) > rank(b.Severity)
	}
	ta, tb := keyTime(a, history), keyTime(b, history)
	if !ta.Equal(tb) {
		return ta.After(tb)
	}
	return a.ID > b.ID
}

func (f *fakeSource) Alerts(_ context.Context, q store.AlertQuery) ([]store.AlertView, error) {
	f.queries = append(f.queries, q)
	if f.err != nil {
		return nil, f.err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	var out []store.AlertView
	after := store.AlertView{Alert: core.Alert{ID: q.AfterID, LastAt: q.AfterAt}, ResolvedAt: q.AfterAt}
	after.Severity = [...]core.Severity{core.SeverityInfo, core.SeverityWarning, core.SeverityCritical}[q.AfterRank]
	for _, a := range f.sorted(q) {
		if q.AfterID != 0 && !f.less(after, a, q.History) {
			continue
		}
		if len(out) < limit {
			out = append(out, a)
		}
	}
	return out, nil
}

func (f *fakeSource) Clients(context.Context) ([]core.Client, error) {
	return []core.Client{
		{ID: 1, Slug: "pixelforge", Name: "PixelForge Studio", Color: "#7C3AED"},
		{ID: 2, Slug: "fournil", Name: "Le Fournil", Color: "#D97706"},
		{ID: 3, Slug: "azur", Name: "Banque Azur"},
	}, nil
}

func (f *fakeSource) ListItems(_ context.Context, fl store.ItemFilter, _ store.PageKey, _ store.Direction, limit int) ([]store.ItemView, error) {
	if f.err != nil {
		return nil, f.err
	}
	if fl.AlertID == 0 {
		return nil, errors.New("the pane must ask for one alert's items")
	}
	f.detail = append(f.detail, fl.AlertID)
	items := f.items[fl.AlertID]
	return slices.Clone(items[:min(limit, len(items))]), nil
}

func (f *fakeSource) ClientHours(_ context.Context, clientID int64, from, to time.Time) (store.AlertHours, error) {
	f.hoursQ = append(f.hoursQ, [2]time.Time{from, to})
	if f.hours != nil {
		return f.hours(clientID, from, to), nil
	}
	return store.AlertHours{From: from, Volume: make([]int, int(to.Sub(from)/time.Hour)),
		Negative: make([]int, int(to.Sub(from)/time.Hour))}, nil
}

// write records a write and its actor, then changes the alert.
func (f *fakeSource) write(_ context.Context, what string, id int64, change func(*store.AlertView)) error {
	f.writes = append(f.writes, what)
	if f.writeErr != nil {
		return f.writeErr
	}
	for i := range f.alerts {
		if f.alerts[i].ID == id {
			change(&f.alerts[i])
			return nil
		}
	}
	return store.ErrNotFound
}

func (f *fakeSource) AckAlert(ctx context.Context, id int64) error {
	return f.write(ctx, fmt.Sprintf("ack %d", id), id, func(a *store.AlertView) { a.State, a.Acked = store.AlertAcked, true })
}

func (f *fakeSource) SnoozeAlert(ctx context.Context, id int64, until, _ time.Time) error {
	return f.write(ctx, fmt.Sprintf("snooze %d %s", id, until.UTC().Format(time.RFC3339)), id, func(a *store.AlertView) {
		a.State, a.SnoozedUntil = store.AlertSnoozed, until
	})
}

func (f *fakeSource) ResolveAlert(ctx context.Context, id int64, at time.Time) error {
	return f.write(ctx, fmt.Sprintf("resolve %d", id), id, func(a *store.AlertView) {
		a.State, a.ResolvedAt = store.AlertResolved, at
	})
}

// sampleAlerts are four open alerts (one acked, one snoozed until this
// afternoon but listed), and one resolved.
func sampleAlerts() []store.AlertView {
	mk := func(id, client int64, slug, name, color, rule string, sev core.Severity, title, excerpt string, n int, first, last time.Duration, st store.AlertState) store.AlertView {
		return store.AlertView{
			Alert: core.Alert{ID: id, ClientID: client, Rule: rule, Severity: sev, Title: title, ItemCount: n,
				FirstAt: now.Add(-first), LastAt: now.Add(-last), Acked: st == store.AlertAcked},
			State: st, ClientSlug: slug, ClientName: name, ClientColor: color, Excerpt: excerpt,
		}
	}
	out := []store.AlertView{
		mk(1, 3, "azur", "Banque Azur", "", "negative", core.SeverityCritical, "negative azur",
			"Service client injoignable depuis une semaine, c'est inadmissible", 42, 3*time.Hour, 5*time.Minute, store.AlertOpen),
		mk(2, 1, "pixelforge", "PixelForge Studio", "#7C3AED", "negative", core.SeverityWarning, "negative pixelforge",
			"Le patch a cassé ma sauvegarde 😡", 5, 26*time.Hour, 2*time.Hour, store.AlertAcked),
		mk(3, 2, "fournil", "Le Fournil", "#D97706", "baguette", core.SeverityInfo, "« baguette » mentionnée 🥖",
			"Meilleure baguette du quartier", 1, 9*24*time.Hour, 2*24*time.Hour, store.AlertOpen),
		mk(4, 2, "fournil", "Le Fournil", "#D97706", "missed", core.SeverityWarning, "missed fournil", "", 2,
			5*time.Hour, 5*time.Hour, store.AlertSnoozed),
		mk(5, 1, "pixelforge", "PixelForge Studio", "#7C3AED", "negative", core.SeverityCritical, "negative pixelforge",
			"Remboursez-moi", 12, 50*time.Hour, 48*time.Hour, store.AlertResolved),
	}
	out[3].SnoozedUntil = now.Add(-time.Minute) // its snooze ended: listed again
	out[4].ResolvedAt = now.Add(-20 * time.Hour)
	return out
}

// sampleItems are alert 1's newest items.
func sampleItems() map[int64][]store.ItemView {
	mk := func(id int64, handle, body string, ago time.Duration, s core.Sentiment) store.ItemView {
		return store.ItemView{Item: core.Item{ID: id, ClientID: 3, Author: core.Author{Handle: handle, Name: handle},
			Body: body, CreatedAt: now.Add(-ago), Sentiment: s}, ClientName: "Banque Azur"}
	}
	return map[int64][]store.ItemView{1: {
		mk(9, "@marc", "Service client injoignable depuis une semaine, c'est inadmissible", 5*time.Minute, core.SentimentNegative),
		mk(8, "@sato", "口座の開設について質問があります", 40*time.Minute, core.SentimentNeutral),
		mk(7, "@lea", "Toujours pas de réponse\nà mon courrier", 2*time.Hour, core.SentimentNegative),
		mk(6, "@jean", "Merci pour le suivi !", 3*time.Hour, core.SentimentPositive),
	}}
}

// burst is a client's day: quiet, then a negative burst three hours ago.
func burst(_ int64, from, to time.Time) store.AlertHours {
	n := int(to.Sub(from) / time.Hour)
	h := store.AlertHours{From: from, Volume: make([]int, n), Negative: make([]int, n)}
	for i := range n {
		at := from.Add(time.Duration(i) * time.Hour)
		h.Volume[i] = 2 + i%3
		if back := now.Sub(at); back <= 3*time.Hour {
			h.Volume[i], h.Negative[i] = 20+int(back/time.Hour)*5, 12+int(back/time.Hour)*3
		}
	}
	return h
}
