package calendar

import (
	"sort"
	"time"

	"cmdeck/core"
)

// lineKind says what a line of the agenda shows.
type lineKind int

const (
	lineDay   lineKind = iota // a day heading
	linePost                  // one post
	lineEmpty                 // "nothing on this day" under today's heading
)

// line is one line of the agenda: a heading or a post.
type line struct {
	kind lineKind
	day  time.Time // the day, for headings
	post int       // index into agenda.posts, for posts
}

// entry is a post with the names its row shows.
type entry struct {
	post    core.Post
	at      time.Time // when it happens, in the display zone; zero if unscheduled
	client  core.Client
	account core.Account
}

// agenda is the loaded posts laid out as lines, grouped by day.
type agenda struct {
	today     time.Time
	from, to  time.Time
	truncated bool // the load hit maxPosts
	posts     []entry
	lines     []line
	postLine  []int // posts[i] is drawn on lines[postLine[i]]
	todayLine int   // the line of today's heading
	failed    int
}

// postTime is when a post happens: published, else scheduled.
func postTime(p core.Post) time.Time {
	if !p.PublishedAt.IsZero() {
		return p.PublishedAt
	}
	return p.ScheduledAt
}

// buildAgenda sorts the posts by time and lays them out under day headings.
// Today always gets a heading, so "t" has somewhere to land.
func buildAgenda(msg loadedMsg, loc *time.Location) agenda {
	a := agenda{today: msg.today, from: msg.from, to: msg.to, truncated: len(msg.posts) >= maxPosts}
	clients := map[int64]core.Client{}
	for _, c := range msg.clients {
		clients[c.ID] = c
	}
	accounts := map[int64]core.Account{}
	for _, s := range msg.accounts {
		accounts[s.Account.ID] = s.Account
	}
	for _, p := range msg.posts {
		e := entry{post: p, client: clients[p.ClientID], account: accounts[p.AccountID]}
		if t := postTime(p); !t.IsZero() {
			e.at = t.In(loc)
		}
		if p.Status == core.PostFailed {
			a.failed++
		}
		a.posts = append(a.posts, e)
	}
	// Unscheduled drafts (zero time) sort last, in their own group.
	sort.SliceStable(a.posts, func(i, j int) bool {
		ti, tj := a.posts[i].at, a.posts[j].at
		if ti.IsZero() != tj.IsZero() {
			return tj.IsZero()
		}
		if !ti.Equal(tj) {
			return ti.Before(tj)
		}
		return a.posts[i].post.ID < a.posts[j].post.ID
	})
	a.layout(loc)
	return a
}

// layout builds the lines: a heading each time the day changes, with
// today's heading inserted even when today has no post.
func (a *agenda) layout(loc *time.Location) {
	a.postLine = make([]int, len(a.posts))
	a.todayLine = -1
	var cur time.Time
	first := true
	heading := func(day time.Time) {
		if day.Equal(a.today) {
			a.todayLine = len(a.lines)
		}
		a.lines = append(a.lines, line{kind: lineDay, day: day})
	}
	for i, e := range a.posts {
		day := time.Time{}
		if !e.at.IsZero() {
			day = dayOf(e.at, loc)
		}
		if first || !day.Equal(cur) {
			// Today falls between the previous day and this one.
			if a.todayLine < 0 && (day.IsZero() || day.After(a.today)) {
				heading(a.today)
				a.lines = append(a.lines, line{kind: lineEmpty})
			}
			heading(day)
			cur, first = day, false
		}
		a.postLine[i] = len(a.lines)
		a.lines = append(a.lines, line{kind: linePost, post: i})
	}
	if a.todayLine < 0 {
		heading(a.today)
		a.lines = append(a.lines, line{kind: lineEmpty})
	}
}

func dayOf(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// firstFrom is the index of the first post on or after day (the last post
// when every post is earlier).
func (a *agenda) firstFrom(day time.Time) int {
	for i, e := range a.posts {
		if e.at.IsZero() || !e.at.Before(day) {
			return i
		}
	}
	return len(a.posts) - 1
}

// indexOf finds the post with id, or returns fallback.
func (a *agenda) indexOf(id int64, fallback int) int {
	if id == 0 {
		return fallback
	}
	for i, e := range a.posts {
		if e.post.ID == id {
			return i
		}
	}
	return fallback
}
