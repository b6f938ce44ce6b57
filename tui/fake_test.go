package tui

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"cmdeck/core"
	"cmdeck/store"
)

// now is Wednesday 12 March 2025, 10:00 UTC.
var now = time.Date(2025, 3, 12, 10, 0, 0, 0, time.UTC)

func at(day, hour, minute int) time.Time {
	return time.Date(2025, 3, day, hour, minute, 0, 0, time.UTC)
}

// fakeSource is a fixed, in-memory common.Source that pages items by
// keyset exactly like the store's contract and counts the queries, so tests
// can see who asked for what. It is safe for the program's goroutines.
type fakeSource struct {
	mu        sync.Mutex
	clients   []core.Client
	accounts  []store.AccountSync
	items     []store.ItemView // newest first
	posts     []core.Post
	alerts    []store.AlertView
	crises    map[int64]time.Time
	setCrisis []string // "3 on", "3 off"
	crisisErr error    // SetCrisis fails with it
	// alertItems are the items of each alert (ItemFilter.AlertID).
	alertItems map[int64][]int64
	status     store.StatusCounts
	actions    []store.ActionView // the outbox, newest first
	health     []store.AccountHealth
	version    int64
	calls      map[string]int
}

func newFakeSource() *fakeSource {
	f := &fakeSource{calls: map[string]int{}, version: 1}
	f.clients = []core.Client{
		{ID: 1, Slug: "pixelforge", Name: "PixelForge Studio", Color: "#7C3AED"},
		{ID: 2, Slug: "dupre", Name: "Boulangerie Dupré", Color: "#D97706"},
		{ID: 3, Slug: "azur", Name: "Banque Azur"},
	}
	acc := []core.Account{
		{ID: 11, ClientID: 1, ClientSlug: "pixelforge", Provider: "demo", Network: "Chirper", Handle: "@pixelforge"},
		{ID: 21, ClientID: 2, ClientSlug: "dupre", Provider: "demo", Network: "mastodon.social", Handle: "@dupre"},
		{ID: 31, ClientID: 3, ClientSlug: "azur", Provider: "demo", Network: "Chirper", Handle: "@banqueazur"},
	}
	for _, a := range acc {
		f.accounts = append(f.accounts, store.AccountSync{Account: a})
	}
	f.items = sampleItems(f.clients, acc)
	f.health = sampleHealth(f.clients, acc)
	f.posts = []core.Post{
		{ID: 1, ClientID: 1, AccountID: 11, Status: core.PostPublished, PublishedAt: at(10, 9, 0),
			Body: "Le patch 1.2 est disponible ! 🎮", Likes: 1234, Shares: 56, Replies: 12},
		{ID: 2, ClientID: 3, AccountID: 31, Status: core.PostFailed, ScheduledAt: at(11, 12, 0),
			Body: "Taux du livret : ce qui change", Error: "token expired"},
		{ID: 3, ClientID: 1, AccountID: 11, Status: core.PostScheduled, ScheduledAt: at(12, 14, 0),
			Body: "Live Q&A ce soir avec l'équipe 🎥"},
		{ID: 4, ClientID: 2, AccountID: 21, Status: core.PostDraft, ScheduledAt: at(13, 8, 0),
			Body: "新しいアップデート 東京のお店"},
	}
	f.alerts = []store.AlertView{
		{Alert: core.Alert{ID: 1, ClientID: 3, Rule: "negative", Severity: core.SeverityCritical, ItemCount: 42,
			FirstAt: now.Add(-3 * time.Hour), LastAt: now.Add(-5 * time.Minute)}, State: store.AlertOpen,
			ClientSlug: "azur", ClientName: "Banque Azur", Excerpt: "Service client injoignable depuis une semaine"},
		{Alert: core.Alert{ID: 2, ClientID: 1, Rule: "negative", Severity: core.SeverityWarning, ItemCount: 5,
			FirstAt: now.Add(-26 * time.Hour), LastAt: now.Add(-2 * time.Hour)}, State: store.AlertAcked,
			ClientSlug: "pixelforge", ClientName: "PixelForge Studio", ClientColor: "#7C3AED",
			Excerpt: "Le patch a cassé ma sauvegarde 😡"},
	}
	f.crises = map[int64]time.Time{}
	f.alertItems = map[int64][]int64{1: {4, 1}, 2: {6}}
	f.status = store.StatusCounts{NeedsReply: 15, QueuedActions: 2, FailedActions: 1, LastSync: at(12, 9, 58)}
	f.actions = sampleActions()
	return f
}

// sampleActions is an outbox with a row in every state, newest first.
func sampleActions() []store.ActionView {
	mk := func(id int64, kind core.ActionKind, st core.ActionState, client, network, handle, excerpt, lastErr string, attempts int, created time.Time) store.ActionView {
		return store.ActionView{
			Action: core.Action{ID: id, AccountID: 11, Kind: kind, ItemID: id, State: st, Attempts: attempts,
				LastError: lastErr, CreatedAt: created, NotBefore: created.Add(5 * time.Second), Actor: "marie"},
			ClientName: client, Network: network, AccountHandle: handle, ItemExcerpt: excerpt,
		}
	}
	return []store.ActionView{
		mk(7, core.ActHide, core.ActionPending, "PixelForge Studio", "Chirper", "@pixelforge", "Le patch a cassé ma sauvegarde 😡", "", 0, now.Add(-2*time.Second)),
		mk(6, core.ActReply, core.ActionClaimed, "Boulangerie Dupré", "mastodon.social", "@dupre", "Meilleure baguette du quartier, merci !", "", 1, now.Add(-time.Minute)),
		mk(5, core.ActBlock, core.ActionFailed, "Banque Azur", "Chirper", "@banqueazur", "Service client injoignable depuis une semaine", "403 forbidden: this account cannot block", 3, now.Add(-3*time.Hour)),
		mk(4, core.ActDelete, core.ActionDone, "PixelForge Studio", "Chirper", "@pixelforge", "spam spam spam", "", 1, now.Add(-5*time.Hour)),
		mk(3, core.ActSpam, core.ActionCancelled, "Banque Azur", "Chirper", "@banqueazur", "口座の開設について質問があります", "", 0, now.Add(-26*time.Hour)),
	}
}

func sampleItems(clients []core.Client, acc []core.Account) []store.ItemView {
	mk := func(id int64, a int, kind core.ItemKind, name, handle, body string, ago time.Duration, st core.ItemState, needs bool, s core.Sentiment) store.ItemView {
		c := clients[a]
		return store.ItemView{
			Item: core.Item{ID: id, AccountID: acc[a].ID, ClientID: c.ID, RemoteID: "r" + string(rune('a'+id)),
				Kind: kind, Author: core.Author{ID: id, Handle: handle, Name: name, Followers: int(id) * 1500},
				Body: body, CreatedAt: now.Add(-ago), State: st, NeedsReply: needs, Sentiment: s},
			ClientSlug: c.Slug, ClientName: c.Name, ClientColor: c.Color, Network: acc[a].Network,
			AccountHandle: acc[a].Handle, Provider: acc[a].Provider,
		}
	}
	return []store.ItemView{
		mk(6, 0, core.KindComment, "Léa Martin", "@lea", "Le patch a cassé ma sauvegarde 😡 qui peut m'aider ?", 2*time.Minute, core.StateNew, true, core.SentimentNegative),
		mk(5, 1, core.KindReview, "Jean Dupont", "@jdupont", "Meilleure baguette du quartier, merci !", 40*time.Minute, core.StateNew, false, core.SentimentPositive),
		mk(4, 2, core.KindDM, "佐藤 健", "@sato", "口座の開設について質問があります", 3*time.Hour, core.StateRead, true, core.SentimentNeutral),
		mk(3, 0, core.KindMention, "Sam", "@sam", "@pixelforge when is the next tournament?", 26*time.Hour, core.StateReplied, false, core.SentimentNeutral),
		mk(2, 1, core.KindForum, "Chloé", "@chloe", "Vous faites des croissants sans gluten ?", 3*24*time.Hour, core.StateDone, false, core.SentimentUnknown),
		mk(1, 2, core.KindComment, "Marc", "@marc", "Service client injoignable depuis une semaine, c'est inadmissible", 9*24*time.Hour, core.StateNew, true, core.SentimentNegative),
	}
}

func (f *fakeSource) count(name string) {
	f.mu.Lock()
	f.calls[name]++
	f.mu.Unlock()
}

// callsTo returns how many times a method was called.
func (f *fakeSource) callsTo(name string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[name]
}

func (f *fakeSource) setVersion(v int64) {
	f.mu.Lock()
	f.version = v
	f.mu.Unlock()
}

func (f *fakeSource) Clients(context.Context) ([]core.Client, error) {
	f.count("Clients")
	return slices.Clone(f.clients), nil
}

func (f *fakeSource) Accounts(context.Context) ([]store.AccountSync, error) {
	f.count("Accounts")
	return slices.Clone(f.accounts), nil
}

func (f *fakeSource) visible(fl store.ItemFilter) []store.ItemView {
	var out []store.ItemView
	for _, it := range f.items {
		if it.State == core.StateDeleted || (fl.IncomingOnly && it.Outgoing) || (fl.Kind != "" && it.Kind != fl.Kind) ||
			(fl.AlertID != 0 && !slices.Contains(f.alertItems[fl.AlertID], it.ID)) ||
			(fl.ClientID != 0 && it.ClientID != fl.ClientID) {
			continue
		}
		out = append(out, it)
	}
	return out
}

// before reports whether a comes before b in newest-first order.
func before(a, b store.PageKey) bool {
	return a.CreatedAt > b.CreatedAt || (a.CreatedAt == b.CreatedAt && a.ID > b.ID)
}

func (f *fakeSource) ListItems(_ context.Context, fl store.ItemFilter, from store.PageKey, dir store.Direction, limit int) ([]store.ItemView, error) {
	f.count("ListItems")
	items := f.visible(fl)
	var out []store.ItemView
	switch {
	case dir == store.Older:
		for _, it := range items {
			if (from.IsZero() || before(from, store.KeyOf(it.Item))) && len(out) < limit {
				out = append(out, it)
			}
		}
	default: // Newer: the limit items just before from, newest first
		var prior []store.ItemView
		for _, it := range items {
			if from.IsZero() || before(store.KeyOf(it.Item), from) {
				prior = append(prior, it)
			}
		}
		out = prior[max(len(prior)-limit, 0):]
	}
	return out, nil
}

func (f *fakeSource) CountItems(_ context.Context, fl store.ItemFilter) (int, error) {
	f.count("CountItems")
	return len(f.visible(fl)), nil
}

func (f *fakeSource) Thread(_ context.Context, itemID int64) ([]store.ItemView, error) {
	f.count("Thread")
	for _, it := range f.items {
		if it.ID == itemID {
			return []store.ItemView{it}, nil
		}
	}
	return nil, nil
}

func (f *fakeSource) AuthorHistory(context.Context, int64, int64) (int, error) {
	f.count("AuthorHistory")
	return 3, nil
}

func (f *fakeSource) Posts(_ context.Context, from, to time.Time, limit int) ([]core.Post, error) {
	f.count("Posts")
	var out []core.Post
	for _, p := range f.posts {
		t := p.PublishedAt
		if t.IsZero() {
			t = p.ScheduledAt
		}
		if !t.Before(from) && t.Before(to) && len(out) < limit {
			out = append(out, p)
		}
	}
	return out, nil
}

func (f *fakeSource) Alerts(_ context.Context, q store.AlertQuery) ([]store.AlertView, error) {
	f.count("Alerts")
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []store.AlertView
	for _, a := range f.alerts {
		if (a.State == store.AlertResolved) == q.History && q.AfterID == 0 {
			out = append(out, a)
		}
	}
	return out, nil
}

// The alert writes are only counted: the pane's own tests check them.
func (f *fakeSource) AckAlert(context.Context, int64) error {
	f.count("AckAlert")
	return nil
}

func (f *fakeSource) SnoozeAlert(context.Context, int64, time.Time, time.Time) error {
	f.count("SnoozeAlert")
	return nil
}

func (f *fakeSource) ResolveAlert(context.Context, int64, time.Time) error {
	f.count("ResolveAlert")
	return nil
}

// ClientHours is a quiet day with a burst in the last three hours.
func (f *fakeSource) ClientHours(_ context.Context, _ int64, from, to time.Time) (store.AlertHours, error) {
	f.count("ClientHours")
	n := int(to.Sub(from) / time.Hour)
	h := store.AlertHours{From: from, Volume: make([]int, n), Negative: make([]int, n)}
	for i := range n {
		h.Volume[i] = 1 + i%4
		if back := now.Sub(from.Add(time.Duration(i) * time.Hour)); back <= 3*time.Hour {
			h.Volume[i], h.Negative[i] = 30-int(back/time.Hour)*6, 20-int(back/time.Hour)*5
		}
	}
	return h, nil
}

func (f *fakeSource) SetCrisis(_ context.Context, clientID int64, on bool, at time.Time) error {
	f.count("SetCrisis")
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.crisisErr != nil {
		return f.crisisErr
	}
	if on {
		f.crises[clientID] = at
		f.setCrisis = append(f.setCrisis, fmt.Sprintf("%d on", clientID))
	} else {
		delete(f.crises, clientID)
		f.setCrisis = append(f.setCrisis, fmt.Sprintf("%d off", clientID))
	}
	return nil
}

func (f *fakeSource) Crises(context.Context) (map[int64]time.Time, error) {
	f.count("Crises")
	f.mu.Lock()
	defer f.mu.Unlock()
	return maps.Clone(f.crises), nil
}

// ClientMetrics serves a few items a day for the client (more on later
// days, a third of them negative), each answered within the hour, so the
// Stats pane has figures to draw.
func (f *fakeSource) ClientMetrics(_ context.Context, clientID int64, from, to time.Time, loc *time.Location) (store.ClientMetrics, error) {
	f.count("ClientMetrics")
	f.mu.Lock()
	defer f.mu.Unlock()
	m := store.ClientMetrics{From: from, To: to}
	for _, c := range f.clients {
		if c.ID == clientID {
			m.Client = c
		}
	}
	for _, a := range f.accounts {
		if a.Account.ClientID == clientID {
			m.Accounts = append(m.Accounts, a.Account)
		}
	}
	for d := from.In(loc); d.Before(to); d = time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, loc) {
		day := len(m.Days)
		m.Days = append(m.Days, d)
		n := 2 + day%5
		m.Items = append(m.Items,
			store.ItemGroup{Day: day, Kind: core.KindMention, Sentiment: core.SentimentNegative, Count: n / 3},
			store.ItemGroup{Day: day, Kind: core.KindMention, Sentiment: core.SentimentPositive, Count: n - n/3})
		m.Responses = append(m.Responses, store.Response{ItemID: int64(day + 1), Kind: core.KindMention,
			CreatedAt: d.Add(9 * time.Hour), FirstReply: d.Add(9*time.Hour + time.Duration(10+day)*time.Minute)})
	}
	return m, nil
}

func (f *fakeSource) Status(context.Context) (store.StatusCounts, error) {
	f.count("Status")
	return f.status, nil
}

func (f *fakeSource) Actions(_ context.Context, states []core.ActionState, limit int) ([]store.ActionView, error) {
	f.count("Actions")
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []store.ActionView
	for _, a := range f.actions {
		if (len(states) == 0 || slices.Contains(states, a.State)) && len(out) < limit {
			out = append(out, a)
		}
	}
	return out, nil
}

func (f *fakeSource) PendingActions(_ context.Context, itemIDs []int64) ([]core.Action, error) {
	f.count("PendingActions")
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []core.Action
	for _, a := range f.actions {
		open := a.State == core.ActionPending || a.State == core.ActionClaimed || a.State == core.ActionFailed
		if open && slices.Contains(itemIDs, a.ItemID) {
			out = append(out, a.Action)
		}
	}
	return out, nil
}

// ContestComments: the deck's tests hold no contest.
func (f *fakeSource) ContestComments(context.Context, int64) ([]store.ContestComment, error) {
	f.count("ContestComments")
	return nil, nil
}

func (f *fakeSource) AccountHealth(context.Context) ([]store.AccountHealth, error) {
	f.count("AccountHealth")
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.health), nil
}

func (f *fakeSource) DataVersion(context.Context) (int64, error) {
	f.count("DataVersion")
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.version, nil
}

// sampleHealth: PixelForge syncs fine, the bakery's account waits out a
// backoff, the bank's never synced. No token is refused: the status bar
// carries no re-authorize hint unless a test sets one.
func sampleHealth(clients []core.Client, acc []core.Account) []store.AccountHealth {
	hs := make([]store.AccountHealth, len(acc))
	for i, a := range acc {
		hs[i] = store.AccountHealth{Account: a, ClientName: clients[i].Name, RateRemaining: -1}
	}
	hs[0].LastSuccess, hs[0].LastAttempt = now.Add(-2*time.Minute), now.Add(-2*time.Minute)
	hs[0].RateRemaining, hs[0].RateReset = 287, now.Add(20*time.Minute)
	hs[1].LastSuccess, hs[1].LastAttempt = now.Add(-3*time.Hour), now.Add(-4*time.Minute)
	hs[1].LastError, hs[1].ErrorClass, hs[1].Failures = "mastodon: GET /api/v1/notifications: 503: Service Unavailable", "transient", 3
	hs[1].BackoffUntil = now.Add(12 * time.Minute)
	return hs
}

// refuseToken makes the network refuse the bakery's token: the account
// needs re-authorizing.
func (f *fakeSource) refuseToken() {
	f.mu.Lock()
	defer f.mu.Unlock()
	h := &f.health[1]
	h.Account.Provider, h.Account.Handle = "mastodon", "@dupre@mastodon.social"
	h.LastError, h.ErrorClass = "mastodon: GET /api/v1/notifications: 401: The access token is invalid", "auth"
}

// postView is a fake post as the calendar sees it, with its client and
// account; its calendar time is published, else scheduled, else now.
func (f *fakeSource) postView(p core.Post) store.PostView {
	v := store.PostView{Post: p, At: p.PublishedAt}
	if v.At.IsZero() {
		v.At = p.ScheduledAt
	}
	if v.At.IsZero() {
		v.At = now
	}
	for _, c := range f.clients {
		if c.ID == p.ClientID {
			v.ClientSlug, v.ClientName, v.ClientColor = c.Slug, c.Name, c.Color
		}
	}
	for _, a := range f.accounts {
		if a.Account.ID == p.AccountID {
			v.Handle, v.Network, v.Provider = a.Account.Handle, a.Account.Network, a.Account.Provider
		}
	}
	return v
}

// calendarRows are the posts of q by calendar time then id, without the
// limit or the keyset position.
func (f *fakeSource) calendarRows(q store.PostQuery) []store.PostView {
	var out []store.PostView
	for _, p := range f.posts {
		v := f.postView(p)
		if v.At.Before(q.From) || !v.At.Before(q.To) ||
			(q.ClientID != 0 && v.ClientID != q.ClientID) || (q.AccountID != 0 && v.AccountID != q.AccountID) {
			continue
		}
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b store.PostView) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	return out
}

func (f *fakeSource) CalendarPosts(_ context.Context, q store.PostQuery) ([]store.PostView, error) {
	f.count("CalendarPosts")
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []store.PostView
	for _, v := range f.calendarRows(q) {
		after := v.At.After(q.AfterAt) || (v.At.Equal(q.AfterAt) && v.ID > q.AfterID)
		if (q.AfterID == 0 || after) && (q.Limit <= 0 || len(out) < q.Limit) {
			out = append(out, v)
		}
	}
	return out, nil
}

func (f *fakeSource) MonthDays(_ context.Context, q store.PostQuery, loc *time.Location, perDay int) ([]store.DayCount, error) {
	f.count("MonthDays")
	f.mu.Lock()
	defer f.mu.Unlock()
	rows := f.calendarRows(q)
	var out []store.DayCount
	for day := q.From.In(loc); day.Before(q.To); day = day.AddDate(0, 0, 1) {
		d := store.DayCount{Day: day, ByStatus: map[core.PostStatus]int{}}
		for _, v := range rows {
			if !v.At.Before(day) && v.At.Before(day.AddDate(0, 0, 1)) {
				d.Total++
				d.ByStatus[v.Status]++
				if len(d.First) < perDay {
					d.First = append(d.First, v)
				}
			}
		}
		out = append(out, d)
	}
	return out, nil
}

func (f *fakeSource) Post(_ context.Context, id int64) (store.PostView, error) {
	f.count("Post")
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, p := range f.posts {
		if p.ID == id {
			return f.postView(p), nil
		}
	}
	return store.PostView{}, store.ErrNotFound
}

// The calendar's writes are only counted: the root's tests are about
// routing, the pane's own tests check what is written.
func (f *fakeSource) CreatePosts(_ context.Context, d store.PostDraft, _ time.Time) ([]int64, error) {
	f.count("CreatePosts")
	return make([]int64, len(d.AccountIDs)), nil
}

func (f *fakeSource) UpdatePost(context.Context, int64, string, time.Time, time.Time) error {
	f.count("UpdatePost")
	return nil
}

func (f *fakeSource) MovePost(context.Context, int64, time.Duration, time.Time) error {
	f.count("MovePost")
	return nil
}

func (f *fakeSource) DeletePost(context.Context, int64, time.Time) error {
	f.count("DeletePost")
	return nil
}

func (f *fakeSource) DuplicatePost(context.Context, int64, time.Time) (int64, error) {
	f.count("DuplicatePost")
	return 0, nil
}

func (f *fakeSource) PublishNow(context.Context, int64, time.Time) error {
	f.count("PublishNow")
	return nil
}

func (f *fakeSource) RetryPost(context.Context, int64, time.Time) error {
	f.count("RetryPost")
	return nil
}

func (f *fakeSource) SlotsTaken(context.Context, int64, time.Time, time.Time) (map[time.Time]bool, error) {
	f.count("SlotsTaken")
	return map[time.Time]bool{}, nil
}

func (f *fakeSource) PublishedEngagement(context.Context, []int64, time.Time, int) ([]core.Engaged, error) {
	f.count("PublishedEngagement")
	return nil, nil
}
