package calendar

import (
	"cmdeck/tui/tuitest"
	"cmp"
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// now is Wednesday 12 March 2025, 10:00 UTC.
var now = time.Date(2025, 3, 12, 10, 0, 0, 0, time.UTC)

func at(day, hour, minute int) time.Time {
	return time.Date(2025, 3, day, hour, minute, 0, 0, time.UTC)
}

// move and update are writes the fake received.
type move struct {
	id int64
	d  time.Duration
}

type update struct {
	id   int64
	body string
	at   time.Time
}

// fakeSource is an in-memory calendar that answers like the store
// (calendar time, keyset pages, per-day counts) and records every query
// and write. The embedded nil Source makes any other query panic.
type fakeSource struct {
	common.Source
	mu       sync.Mutex
	clients  []core.Client
	accounts []store.AccountSync
	posts    []store.PostView
	err      error // every read fails with it
	writeErr error // every write fails with it
	taken    map[int64]map[time.Time]bool
	// engaged is each account's published posts with their engagement;
	// engagedErr fails their read.
	engaged    map[int64][]core.Engaged
	engagedErr error

	queries  []store.PostQuery // CalendarPosts
	months   []store.PostQuery // MonthDays
	perDay   []int
	created  []store.PostDraft
	updates  []update
	moves    []move
	deleted  []int64
	publish  []int64
	retried  []int64
	dupes    []int64
	slotReqs []int64

	comments map[int64][]store.ContestComment // ContestComments by post
	contests []int64                          // the posts asked about
}

func newFake(posts ...store.PostView) *fakeSource {
	f := &fakeSource{taken: map[int64]map[time.Time]bool{}}
	f.clients = []core.Client{
		{ID: 1, Slug: "pixelforge", Name: "PixelForge Studio", Color: "#7C3AED"},
		{ID: 2, Slug: "dupre", Name: "Boulangerie Dupré", Color: "#D97706"},
		{ID: 3, Slug: "azur", Name: "Banque Azur"},
	}
	for _, a := range []core.Account{
		{ID: 11, ClientID: 1, ClientSlug: "pixelforge", Provider: "demo", Network: "Chirper", Handle: "@pixelforge"},
		{ID: 12, ClientID: 1, ClientSlug: "pixelforge", Provider: "mastodon", Network: "mastodon.social", Handle: "@pixelforge@mastodon.social"},
		{ID: 21, ClientID: 2, ClientSlug: "dupre", Provider: "demo", Network: "Facegram", Handle: "@dupre"},
		{ID: 31, ClientID: 3, ClientSlug: "azur", Provider: "demo", Network: "Chirper", Handle: "@banqueazur"},
	} {
		f.accounts = append(f.accounts, store.AccountSync{Account: a})
	}
	f.posts = posts
	return f
}

// post builds a post of account acc (its client's names filled in).
func (f *fakeSource) post(id, acc int64, st core.PostStatus, when time.Time, body string) store.PostView {
	v := store.PostView{Post: core.Post{ID: id, AccountID: acc, Status: st, Body: body}, At: when}
	switch st {
	case core.PostPublished:
		v.PublishedAt = when
	default:
		v.ScheduledAt = when
	}
	if st == core.PostScheduled || st == core.PostFailed || st == core.PostMissed {
		v.ActionState = core.ActionPending
		if st != core.PostScheduled {
			v.ActionState = core.ActionFailed
		}
	}
	for _, a := range f.accounts {
		if a.Account.ID == acc {
			v.ClientID, v.Handle, v.Network, v.Provider = a.Account.ClientID, a.Account.Handle, a.Account.Network, a.Account.Provider
		}
	}
	for _, c := range f.clients {
		if c.ID == v.ClientID {
			v.ClientSlug, v.ClientName, v.ClientColor = c.Slug, c.Name, c.Color
		}
	}
	return v
}

// samplePosts is a week of every status around now, and two posts out
// of the week.
func samplePosts(f *fakeSource) []store.PostView {
	p := []store.PostView{
		f.post(1, 11, core.PostPublished, at(10, 9, 0), "Le patch 1.2 est disponible ! 🎮\nNotes complètes sur le site."),
		f.post(2, 21, core.PostPublished, at(10, 18, 30), "Nouvelle baguette tradition, à goûter dès demain matin 🥖"),
		f.post(3, 31, core.PostFailed, at(11, 12, 0), "Taux du livret : ce qui change en avril"),
		f.post(4, 11, core.PostPublishing, at(12, 9, 55), "Soirée tournoi : inscriptions ouvertes"),
		f.post(5, 11, core.PostScheduled, at(12, 14, 0), "Live Q&A ce soir avec l'équipe 🎥"),
		f.post(6, 12, core.PostScheduled, at(12, 14, 0), "Live Q&A ce soir avec l'équipe 🎥"),
		f.post(7, 21, core.PostDraft, at(13, 8, 0), "新しいアップデート 東京のお店 — version japonaise du menu"),
		f.post(8, 31, core.PostMissed, at(14, 7, 30), "Nos agences sont fermées lundi"),
		f.post(9, 21, core.PostScheduled, at(16, 11, 0), strings.Repeat("Une très longue publication qui ne tient pas sur une ligne, ", 4)),
		f.post(10, 11, core.PostScheduled, at(20, 10, 0), "Patch 1.3 : la feuille de route"),
		f.post(11, 11, core.PostPublished, at(3, 9, 0), "old"),
	}
	p[0].Likes, p[0].Shares, p[0].Replies = 1234, 56, 12
	p[0].URL, p[0].PublishedBy, p[0].RemoteID = "https://chirper.example/@pixelforge/1", "daemon", "r1"
	p[2].Error, p[2].Attempts = "token expired", 3
	p[4].GroupKey, p[5].GroupKey = "g1", "g1"
	p[4].Recur = core.RecurWeekly
	p[7].Error = "nothing ran at its time"
	return p
}

// rows are the posts of q, by calendar time then id, before the keyset
// position and the limit.
func (f *fakeSource) rows(q store.PostQuery) []store.PostView {
	var out []store.PostView
	for _, p := range f.posts {
		if p.At.Before(q.From) || !p.At.Before(q.To) ||
			(q.ClientID != 0 && p.ClientID != q.ClientID) || (q.AccountID != 0 && p.AccountID != q.AccountID) {
			continue
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b store.PostView) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

func (f *fakeSource) Clients(context.Context) ([]core.Client, error) { return f.clients, f.err }

func (f *fakeSource) Accounts(context.Context) ([]store.AccountSync, error) { return f.accounts, f.err }

func (f *fakeSource) ContestComments(_ context.Context, postID int64) ([]store.ContestComment, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.contests = append(f.contests, postID)
	return slices.Clone(f.comments[postID]), f.err
}

func (f *fakeSource) CalendarPosts(_ context.Context, q store.PostQuery) ([]store.PostView, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queries = append(f.queries, q)
	if f.err != nil {
		return nil, f.err
	}
	var out []store.PostView
	for _, p := range f.rows(q) {
		after := p.At.After(q.AfterAt) || (p.At.Equal(q.AfterAt) && p.ID > q.AfterID)
		if (q.AfterID == 0 || after) && (q.Limit <= 0 || len(out) < q.Limit) {
			out = append(out, p)
		}
	}
	return out, nil
}

func (f *fakeSource) MonthDays(_ context.Context, q store.PostQuery, loc *time.Location, perDay int) ([]store.DayCount, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.months, f.perDay = append(f.months, q), append(f.perDay, perDay)
	if f.err != nil {
		return nil, f.err
	}
	return dayCounts(f.rows(q), q.From, q.To, loc, perDay), nil
}

// dayCounts groups rows (by time) into the days of [from, to) in loc.
func dayCounts(rows []store.PostView, from, to time.Time, loc *time.Location, perDay int) []store.DayCount {
	var out []store.DayCount
	i := 0
	for day := from.In(loc); day.Before(to); day = day.AddDate(0, 0, 1) {
		d := store.DayCount{Day: day, ByStatus: map[core.PostStatus]int{}}
		next := day.AddDate(0, 0, 1)
		for ; i < len(rows) && rows[i].At.Before(next); i++ {
			d.Total++
			d.ByStatus[rows[i].Status]++
			if len(d.First) < perDay {
				d.First = append(d.First, rows[i])
			}
		}
		out = append(out, d)
	}
	return out
}

func (f *fakeSource) Post(_ context.Context, id int64) (store.PostView, error) {
	for _, p := range f.posts {
		if p.ID == id {
			return p, nil
		}
	}
	return store.PostView{}, store.ErrNotFound
}

func (f *fakeSource) CreatePosts(_ context.Context, d store.PostDraft, _ time.Time) ([]int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.created = append(f.created, d)
	if f.writeErr != nil {
		return nil, f.writeErr
	}
	var ids []int64
	for _, acc := range d.AccountIDs {
		id := int64(100 + len(f.posts))
		st := core.PostScheduled
		if d.At.IsZero() {
			st = core.PostDraft
		}
		when := d.At
		if when.IsZero() {
			when = now
		}
		f.posts = append(f.posts, f.post(id, acc, st, when, d.Body))
		ids = append(ids, id)
	}
	return ids, nil
}

func (f *fakeSource) UpdatePost(_ context.Context, id int64, body string, when, _ time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.updates = append(f.updates, update{id, body, when})
	return f.writeErr
}

func (f *fakeSource) MovePost(_ context.Context, id int64, d time.Duration, _ time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.moves = append(f.moves, move{id, d})
	if f.writeErr != nil {
		return f.writeErr
	}
	for i := range f.posts {
		if f.posts[i].ID == id {
			f.posts[i].At, f.posts[i].ScheduledAt = f.posts[i].At.Add(d), f.posts[i].ScheduledAt.Add(d)
		}
	}
	return nil
}

func (f *fakeSource) DeletePost(_ context.Context, id int64, _ time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.deleted = append(f.deleted, id)
	if f.writeErr != nil {
		return f.writeErr
	}
	f.posts = slices.DeleteFunc(f.posts, func(p store.PostView) bool { return p.ID == id })
	return nil
}

func (f *fakeSource) DuplicatePost(_ context.Context, id int64, _ time.Time) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.dupes = append(f.dupes, id)
	if f.writeErr != nil {
		return 0, f.writeErr
	}
	for _, p := range f.posts {
		if p.ID == id {
			d := f.post(500, p.AccountID, core.PostDraft, now, p.Body)
			d.ScheduledAt = time.Time{}
			f.posts = append(f.posts, d)
		}
	}
	return 500, nil
}

func (f *fakeSource) PublishNow(_ context.Context, id int64, _ time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.publish = append(f.publish, id)
	return f.writeErr
}

func (f *fakeSource) RetryPost(_ context.Context, id int64, _ time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.retried = append(f.retried, id)
	return f.writeErr
}

func (f *fakeSource) SlotsTaken(_ context.Context, accountID int64, from, to time.Time) (map[time.Time]bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.slotReqs = append(f.slotReqs, accountID)
	out := map[time.Time]bool{}
	for t := range f.taken[accountID] {
		if !t.Before(from) && t.Before(to) {
			out[t.UTC()] = true
		}
	}
	return out, nil
}

// PublishedEngagement serves the engagement set for each account.
func (f *fakeSource) PublishedEngagement(_ context.Context, accountIDs []int64, since time.Time, _ int) ([]core.Engaged, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []core.Engaged
	for _, id := range accountIDs {
		for _, e := range f.engaged[id] {
			if !e.At.Before(since) {
				out = append(out, e)
			}
		}
	}
	return out, f.engagedErr
}

// newCtx is a context over src in lang, with or without color.
func newCtx(src common.Source, lang i18n.Lang, noColor bool) common.Context {
	p := common.DefaultPalette(true)
	if noColor {
		p = common.NoColorPalette()
	}
	return common.Context{Source: src, Styles: common.NewStyles(p), T: i18n.New(lang),
		Clock: core.NewManualClock(now), Loc: time.UTC, Actor: "lea",
		Limit: func(id int64) int {
			if id == 11 || id == 31 {
				return 280
			}
			return 500
		}}
}

// newPane builds the pane over src at w×h and runs its first loads.
func newPane(t testing.TB, src common.Source, w, h int, adjust func(*common.Context)) *Model {
	t.Helper()
	ctx := newCtx(src, i18n.EN, false)
	if adjust != nil {
		adjust(&ctx)
	}
	m := New(ctx, DefaultKeyMap(ctx.T))
	m.SetSize(w, h)
	drain(t, m, m.Init())
	return m
}

// drain runs cmd and everything it leads to, feeding each message back
// as the program would, and returns the messages.
func drain(t testing.TB, m *Model, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	return tuitest.Drain(t, cmd, 1000, func(msg tea.Msg) tea.Cmd { _, next := m.Update(msg); return next })
}

// runCmd runs cmd and returns its messages, batches flattened.
func runCmd(cmd tea.Cmd) []tea.Msg { return tuitest.Messages(cmd) }

// keyMsg is a key press by name (tuitest.Key).
func keyMsg(k string) tea.KeyPressMsg { return tuitest.Key(k) }

// press sends keys one at a time, running what each starts.
func press(t testing.TB, m *Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		_, cmd := m.Update(keyMsg(k))
		drain(t, m, cmd)
	}
}

// typeText types s, one key per character.
func typeText(t testing.TB, m *Model, s string) {
	t.Helper()
	for _, r := range s {
		if r == ' ' {
			press(t, m, "space")
			continue
		}
		_, cmd := m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		drain(t, m, cmd)
	}
}

// text is the view without styles.
func text(m *Model) string { return ansi.Strip(m.View()) }

// footerText is the view's last line, without styles.
func footerText(m *Model) string {
	lines := strings.Split(text(m), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// checkSize fails unless view is exactly w×h cells.
func checkSize(t testing.TB, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Fatalf("view has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw != w {
			t.Fatalf("line %d is %d cells wide, want %d: %q", i, lw, w, ansi.Strip(l))
		}
	}
}
