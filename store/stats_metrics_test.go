package store

import (
	"context"
	"errors"
	"reflect"
	"strconv"
	"testing"
	"time"

	"cmdeck/core"
)

// March 2025, UTC: the metrics fixture's period is its first two days.
func mar(day, hour, minute int) time.Time {
	return time.Date(2025, 3, day, hour, minute, 0, 0, time.UTC)
}

// metricItem is an incoming item of the metrics fixture.
func metricItem(remote string, kind core.ItemKind, at time.Time, s core.Sentiment, author string, followers int) core.Item {
	return core.Item{RemoteID: remote, Kind: kind, CreatedAt: at, Sentiment: s, Body: "text " + remote,
		Author: core.Author{RemoteID: author, Handle: "@" + author, Name: author, Followers: followers}}
}

// ourReply is an outgoing reply to parent in thread, as a sync brings it.
func ourReply(remote, parent, thread string, at time.Time) core.Item {
	return core.Item{RemoteID: remote, Kind: core.KindReply, Outgoing: true, State: core.StateDone,
		ParentRemoteID: parent, ThreadRemoteID: thread, CreatedAt: at, Body: "merci",
		Author: core.Author{RemoteID: "self:@pixelforge", Handle: "@pixelforge"}}
}

// metricsFixture fills the store with a small, hand-counted March:
//
//	account 0 (pixelforge, Chirper), period 1–2 March UTC:
//	  a1  comment  1 Mar 10:00 positive  u1 (100 followers)  needs reply, tag idea
//	      our replies r1 10:30 and r1b 12:00 (first: 30 min)
//	  a2  mention  1 Mar 11:00 negative  u2 (5000)           needs reply, tags complaint, bug
//	      answered through the outbox on 2 Mar 08:00 (21 h)
//	  a9  comment  1 Mar 13:00 neutral   u3 (10)  in a1's thread, answered r9 at 13:05
//	  a3  comment  2 Mar 09:00 neutral   u1                  no reply needed
//	  a8  comment  2 Mar 10:00 negative  u4 (1)  needs reply but hidden
//	account 1 (pixelforge, mastodon)
//	  a4  dm       2 Mar 15:00 (no label) u5 (50)           needs reply, waiting
//	outside: a5 (28 Feb 23:00), a6 (3 Mar 00:00), account 2's b1 (other client)
func metricsFixture(t *testing.T) (*fixture, map[string]int64) {
	t.Helper()
	f := newFixture(t)
	ctx := context.Background()
	a1 := metricItem("a1", core.KindComment, mar(1, 10, 0), core.SentimentPositive, "u1", 100)
	a1.NeedsReply, a1.Tags = true, []string{"idea"}
	a2 := metricItem("a2", core.KindMention, mar(1, 11, 0), core.SentimentNegative, "u2", 5000)
	a2.NeedsReply, a2.Tags = true, []string{"complaint", "bug"}
	a9 := metricItem("a9", core.KindComment, mar(1, 13, 0), core.SentimentNeutral, "u3", 10)
	a9.ParentRemoteID, a9.ThreadRemoteID = "a1", "a1"
	a3 := metricItem("a3", core.KindComment, mar(2, 9, 0), core.SentimentNeutral, "u1", 100)
	a8 := metricItem("a8", core.KindComment, mar(2, 10, 0), core.SentimentNegative, "u4", 1)
	a8.NeedsReply, a8.State = true, core.StateHidden
	a5 := metricItem("a5", core.KindComment, time.Date(2025, 2, 28, 23, 0, 0, 0, time.UTC), core.SentimentPositive, "u1", 100)
	a6 := metricItem("a6", core.KindComment, mar(3, 0, 0), core.SentimentPositive, "u1", 100)
	f.ingest(t, 0, core.Batch{
		Items: []core.Item{a1, a2, a9, a3, a8, a5, a6,
			ourReply("r1", "a1", "a1", mar(1, 10, 30)), ourReply("r1b", "a1", "a1", mar(1, 12, 0)),
			ourReply("r9", "a9", "a1", mar(1, 13, 5))},
		Snapshots: []core.StatSnapshot{
			{Day: time.Date(2025, 2, 27, 0, 0, 0, 0, time.UTC), Followers: 900, Following: 1, Posts: 1},
			{Day: mar(1, 0, 0), Followers: 1000, Following: 1, Posts: 1},
			{Day: mar(2, 0, 0), Followers: 1010, Following: 1, Posts: 2},
			{Day: mar(3, 0, 0), Followers: 1200, Following: 1, Posts: 2}, // after the period
		},
		Engagements: []core.Engagement{
			{RemoteID: "e1", Kind: core.EngageLike, PostRemoteID: "p1", At: mar(1, 18, 0), Author: core.Author{RemoteID: "u6"}},
			{RemoteID: "e2", Kind: core.EngageFollow, At: mar(2, 7, 0), Author: core.Author{RemoteID: "u7"}},
			{RemoteID: "e3", Kind: core.EngageFollow, At: mar(3, 7, 0), Author: core.Author{RemoteID: "u8"}},
		},
	})
	a4 := metricItem("a4", core.KindDM, mar(2, 15, 0), core.SentimentUnknown, "u5", 50)
	a4.NeedsReply = true
	f.ingest(t, 1, core.Batch{Items: []core.Item{a4},
		Snapshots: []core.StatSnapshot{{Day: mar(2, 0, 0), Followers: -1, Following: -1, Posts: -1}}})
	f.ingest(t, 2, core.Batch{Items: []core.Item{metricItem("b1", core.KindComment, mar(1, 12, 0), core.SentimentPositive, "u1", 100)}})

	ids := map[string]int64{}
	for _, r := range []string{"a1", "a2", "a9", "a4"} {
		ids[r] = itemID(t, f, r)
	}
	// a2 is answered through the outbox: the reply joins the thread then.
	f.clock.Set(mar(2, 8, 0))
	act, err := f.s.Enqueue(ctx, core.Action{Kind: core.ActReply, ItemID: ids["a2"], Payload: "désolé", IdempotencyKey: "k-a2"})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.CompleteAction(ctx, act, core.ActionResult{RemoteID: "r2"}, mar(2, 8, 0)); err != nil {
		t.Fatal(err)
	}
	for _, p := range []core.Post{
		{AccountID: f.accounts[0].ID, RemoteID: "p1", Body: "launch", Status: core.PostPublished, PublishedAt: mar(1, 9, 0), Likes: 12, Shares: 3, Replies: 2},
		{AccountID: f.accounts[1].ID, RemoteID: "p2", Body: "later", Status: core.PostPublished, PublishedAt: mar(5, 9, 0), Likes: 99},
		{AccountID: f.accounts[0].ID, Body: "draft", ScheduledAt: mar(2, 9, 0)},
	} {
		if _, err := f.s.InsertPost(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	return f, ids
}

// itemID finds an item by remote id.
func itemID(t *testing.T, f *fixture, remote string) int64 {
	t.Helper()
	var id int64
	if err := f.s.db.QueryRow(`SELECT id FROM items WHERE remote_id = ?`, remote).Scan(&id); err != nil {
		t.Fatalf("item %s: %v", remote, err)
	}
	return id
}

func TestClientMetricsFixture(t *testing.T) {
	f, ids := metricsFixture(t)
	acc0, acc1 := f.accounts[0].ID, f.accounts[1].ID
	m, err := f.s.ClientMetrics(context.Background(), f.clients[0].ID, mar(1, 0, 0), mar(3, 0, 0), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if m.Client.Slug != "pixelforge" || len(m.Accounts) != 2 || m.Accounts[0].ID != acc0 {
		t.Errorf("workspace: %+v %+v", m.Client, m.Accounts)
	}
	if want := []time.Time{mar(1, 0, 0), mar(2, 0, 0)}; !reflect.DeepEqual(m.Days, want) {
		t.Errorf("days = %v, want %v", m.Days, want)
	}
	wantItems := []ItemGroup{
		{Day: 0, AccountID: acc0, Kind: core.KindComment, Sentiment: core.SentimentNeutral, Count: 1},  // a9
		{Day: 0, AccountID: acc0, Kind: core.KindComment, Sentiment: core.SentimentPositive, Count: 1}, // a1
		{Day: 0, AccountID: acc0, Kind: core.KindMention, Sentiment: core.SentimentNegative, Count: 1}, // a2
		{Day: 0, AccountID: acc0, Kind: core.KindReply, Outgoing: true, Count: 3},                      // r1 r1b r9
		{Day: 1, AccountID: acc0, Kind: core.KindComment, Sentiment: core.SentimentNegative, Count: 1}, // a8
		{Day: 1, AccountID: acc0, Kind: core.KindComment, Sentiment: core.SentimentNeutral, Count: 1},  // a3
		{Day: 1, AccountID: acc0, Kind: core.KindReply, Outgoing: true, Count: 1},                      // r2
		{Day: 1, AccountID: acc1, Kind: core.KindDM, Count: 1},                                         // a4
	}
	if !reflect.DeepEqual(m.Items, wantItems) {
		t.Errorf("items:\n got %+v\nwant %+v", m.Items, wantItems)
	}
	wantResp := []Response{
		{ItemID: ids["a1"], AccountID: acc0, Kind: core.KindComment, CreatedAt: mar(1, 10, 0), FirstReply: mar(1, 10, 30)},
		{ItemID: ids["a2"], AccountID: acc0, Kind: core.KindMention, CreatedAt: mar(1, 11, 0), FirstReply: mar(2, 8, 0), Replied: true},
		{ItemID: ids["a9"], AccountID: acc0, Kind: core.KindComment, CreatedAt: mar(1, 13, 0), FirstReply: mar(1, 13, 5)},
		{ItemID: ids["a4"], AccountID: acc1, Kind: core.KindDM, CreatedAt: mar(2, 15, 0)},
	}
	if !reflect.DeepEqual(m.Responses, wantResp) {
		t.Errorf("responses:\n got %+v\nwant %+v", m.Responses, wantResp)
	}
	checkMetricsAuthors(t, m)
	if want := []TagCount{{"bug", 1}, {"complaint", 1}, {"idea", 1}}; !reflect.DeepEqual(m.Tags, want) {
		t.Errorf("tags = %+v, want %+v", m.Tags, want)
	}
	if len(m.Posts) != 1 || m.Posts[0].RemoteID != "p1" || m.Posts[0].Likes != 12 || m.Posts[0].Shares != 3 ||
		m.Posts[0].Replies != 2 || !m.Posts[0].PublishedAt.Equal(mar(1, 9, 0)) {
		t.Errorf("posts = %+v, want p1 only with 12/3/2", m.Posts)
	}
	checkMetricsActivity(t, m, acc0, acc1)
}

// checkMetricsAuthors: u1 wrote a1 and a3; u2, u3, u4, u5 one each.
func checkMetricsAuthors(t *testing.T, m ClientMetrics) {
	t.Helper()
	if m.ActiveAuthors != 5 {
		t.Errorf("active authors = %d, want 5", m.ActiveAuthors)
	}
	handles := func(as []AuthorActivity) (out []string) {
		for _, a := range as {
			out = append(out, a.Author.Handle)
		}
		return out
	}
	if got := handles(m.TopAuthors); len(got) != 5 || got[0] != "@u1" || m.TopAuthors[0].Items != 2 {
		t.Errorf("top authors = %v (%+v), want @u1 first with 2", got, m.TopAuthors)
	}
	if got, want := handles(m.TopReach), []string{"@u2", "@u1", "@u5", "@u3", "@u4"}; !reflect.DeepEqual(got, want) {
		t.Errorf("top reach = %v, want %v", got, want)
	}
	if m.TopReach[0].Author.Followers != 5000 || m.TopReach[0].Items != 1 {
		t.Errorf("top reach[0] = %+v", m.TopReach[0])
	}
}

// checkMetricsActivity: snapshots from a week before, events per day, the
// outbox's replies.
func checkMetricsActivity(t *testing.T, m ClientMetrics, acc0, acc1 int64) {
	t.Helper()
	var snaps []string
	for _, sn := range m.Snapshots {
		snaps = append(snaps, sn.Day.Format("01-02")+":"+strconv.Itoa(sn.Followers))
	}
	if want := []string{"02-27:900", "03-01:1000", "03-02:1010", "03-02:-1"}; !reflect.DeepEqual(snaps, want) {
		t.Errorf("snapshots = %v, want %v", snaps, want)
	}
	wantEng := []EngagementGroup{{Day: 0, AccountID: acc0, Kind: core.EngageLike, Count: 1},
		{Day: 1, AccountID: acc0, Kind: core.EngageFollow, Count: 1}}
	if !reflect.DeepEqual(m.Engagements, wantEng) {
		t.Errorf("engagements = %+v, want %+v", m.Engagements, wantEng)
	}
	if want := map[int64]int{acc0: 1}; !reflect.DeepEqual(m.DeckReplies, want) {
		t.Errorf("deck replies = %v, want %v", m.DeckReplies, want)
	}
}

// A day is cut at the zone's midnight: an item at 23:30 UTC on 28
// February is on 1 March in Paris, and in February in UTC.
func TestClientMetricsZoneBoundary(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no time zone database")
	}
	f := newFixture(t)
	f.ingest(t, 0, core.Batch{Items: []core.Item{
		metricItem("x", core.KindComment, time.Date(2025, 2, 28, 23, 30, 0, 0, time.UTC), core.SentimentPositive, "u1", 1),
	}})
	ctx := context.Background()
	from := time.Date(2025, 3, 1, 0, 0, 0, 0, paris)
	m, err := f.s.ClientMetrics(ctx, f.clients[0].ID, from, from.AddDate(0, 1, 0), paris)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Days) != 31 || len(m.Items) != 1 || m.Items[0].Day != 0 {
		t.Errorf("Paris March: %d days, items %+v; want 31 days, the item on day 0", len(m.Days), m.Items)
	}
	// 30 March is 23 hours long in Paris.
	if d := m.Days[30].Sub(m.Days[29]); d != 23*time.Hour {
		t.Errorf("30 March lasts %v in Paris, want 23h", d)
	}
	m, err = f.s.ClientMetrics(ctx, f.clients[0].ID, mar(1, 0, 0), time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Items) != 0 {
		t.Errorf("UTC March holds %+v, want nothing", m.Items)
	}
}

func TestClientMetricsUnknownClient(t *testing.T) {
	f := newFixture(t)
	_, err := f.s.ClientMetrics(context.Background(), 999, mar(1, 0, 0), mar(2, 0, 0), nil)
	if err == nil || !errors.Is(err, ErrNotFound) {
		t.Errorf("err = %v, want ErrNotFound", err)
	}
}

// A contest post published on two accounts: its comments on both, and
// nothing else.
func TestContestComments(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ids, err := f.s.CreatePosts(ctx, PostDraft{AccountIDs: []int64{f.accounts[0].ID, f.accounts[1].ID},
		Body: "Concours !", At: mar(10, 9, 0)}, mar(1, 0, 0))
	if err != nil || len(ids) != 2 {
		t.Fatalf("CreatePosts: %v %v", ids, err)
	}
	for i, remote := range []string{"p-chirp", "p-masto"} {
		f.exec(t, `UPDATE posts SET status = 'published', remote_id = ?, published_at = ? WHERE id = ?`,
			remote, mar(10, 9, 0).UnixMilli(), ids[i])
	}
	other, err := f.s.InsertPost(ctx, core.Post{AccountID: f.accounts[0].ID, RemoteID: "p-other", Status: core.PostPublished, PublishedAt: mar(10, 9, 0)})
	if err != nil {
		t.Fatal(err)
	}
	c := func(remote, parent, thread string, at time.Time, author string) core.Item {
		it := metricItem(remote, core.KindComment, at, "", author, 1)
		it.ParentRemoteID, it.ThreadRemoteID = parent, thread
		return it
	}
	spam := c("c-spam", "p-chirp", "", mar(10, 11, 0), "spammer")
	spam.State = core.StateSpam
	f.ingest(t, 0, core.Batch{Items: []core.Item{
		c("c1", "p-chirp", "", mar(10, 10, 0), "alice"),
		c("c2", "c1", "p-chirp", mar(10, 12, 0), "bob"), // in the post's conversation
		c("c-early", "p-chirp", "", mar(10, 8, 0), "eve"),
		c("c-other", "p-other", "", mar(10, 10, 0), "carol"),
		spam, ourReply("r-c1", "c1", "p-chirp", mar(10, 10, 5)),
	}})
	f.ingest(t, 1, core.Batch{Items: []core.Item{c("m1", "p-masto", "", mar(10, 9, 30), "alice")}})

	got, err := f.s.ContestComments(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, cm := range got {
		lines = append(lines, cm.Network+" "+cm.Handle+" "+cm.At.Format("15:04"))
	}
	want := []string{"mastodon.social @alice 09:30", "Chirper @alice 10:00", "Chirper @bob 12:00"}
	if !reflect.DeepEqual(lines, want) {
		t.Errorf("comments = %q, want %q", lines, want)
	}
	if got[0].PostID != ids[1] || got[1].PostID != ids[0] || got[1].Body != "text c1" {
		t.Errorf("comments = %+v", got)
	}
	if got, _ := f.s.ContestComments(ctx, other); len(got) != 1 || got[0].Handle != "@carol" {
		t.Errorf("a post outside the group: %+v", got)
	}

	// The Stats pane's jump lists the same conversation in the inbox: every
	// comment on the group's posts since they were published, whatever its
	// state, but not our reply (the inbox shows it in the thread) nor
	// another post's.
	var bodies []string
	for _, it := range f.mustList(t, ItemFilter{PostID: ids[0], IncomingOnly: true,
		States: []core.ItemState{core.StateNew, core.StateSpam}}, PageKey{}, Older, 10) {
		bodies = append(bodies, it.Body)
	}
	if want := []string{"text c2", "text c-spam", "text c1", "text m1"}; !reflect.DeepEqual(bodies, want) {
		t.Errorf("PostID filter = %q, want %q", bodies, want)
	}
}
