package app

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"cmdeck/config"
	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/store"
	"cmdeck/tui"
)

// testEnv points every XDG directory into a temp dir, so the test never
// touches the user's files.
func testEnv(t *testing.T) func(string) string {
	dir := t.TempDir()
	vars := map[string]string{
		"HOME":            dir,
		"XDG_CONFIG_HOME": dir + "/config",
		"XDG_DATA_HOME":   dir + "/data",
	}
	return func(k string) string { return vars[k] }
}

// openDemo opens the demo workspace (no config file) in a temp dir.
func openDemo(t *testing.T, clock core.Clock) *Workspace {
	t.Helper()
	env := testEnv(t)
	cfg, _, err := config.Load(config.Options{Env: env, Known: ProviderNames()})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	if !cfg.Demo {
		t.Fatal("no config file should mean the demo workspace")
	}
	ws, err := Open(context.Background(), cfg, Options{Env: env, Clock: clock, LogTo: &strings.Builder{}})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { ws.Close() })
	return ws
}

// TestDemoFlowsFromProviderToScreen checks the whole path: the demo provider
// feeds the engine, the engine writes the store, the deck shows it.
func TestDemoFlowsFromProviderToScreen(t *testing.T) {
	ctx := context.Background()
	clock := core.NewManualClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	ws := openDemo(t, clock)
	if len(ws.Clients) < 3 || len(ws.Accounts) < 6 {
		t.Fatalf("demo workspace: %d clients, %d accounts", len(ws.Clients), len(ws.Accounts))
	}

	runner, err := ws.NewRunner("test", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer runner.Close()
	reports, err := runner.SyncOnce(ctx)
	if err != nil {
		t.Fatal(err)
	}
	first := 0
	for _, r := range reports {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Handle, r.Err)
		}
		first += r.NewItems
	}
	if first < 200 {
		t.Fatalf("first sync brought %d items, want a real backlog", first)
	}

	// The community lives: later, new items arrive.
	clock.Advance(30 * time.Minute)
	reports, err = runner.SyncOnce(ctx)
	if err != nil {
		t.Fatal(err)
	}
	later := 0
	for _, r := range reports {
		later += r.NewItems
	}
	if later == 0 {
		t.Fatal("no new item after 30 minutes: the demo does not live")
	}

	posts, err := ws.Store.Posts(ctx, clock.Now().AddDate(0, 0, -14), clock.Now().AddDate(0, 0, 14), 100)
	if err != nil || len(posts) == 0 {
		t.Fatalf("calendar posts: %d, %v", len(posts), err)
	}

	m, err := tui.New(tui.Options{Source: ws.Store, Clock: clock, Loc: time.UTC, Lang: i18n.EN, Workspace: "demo", Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	view := settle(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	newest, err := ws.Store.ListItems(ctx, store.ItemFilter{IncomingOnly: true}, store.PageKey{}, store.Older, 1)
	if err != nil || len(newest) != 1 {
		t.Fatalf("newest item: %v", err)
	}
	if !strings.Contains(view, newest[0].Author.Name) {
		t.Errorf("the inbox does not show the newest item's author %q:\n%s", newest[0].Author.Name, view)
	}
}

// TestDemoReopenKeepsData checks that reopening the demo workspace neither
// duplicates clients nor reseeds posts.
func TestDemoReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	clock := core.NewManualClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	env := testEnv(t)
	cfg, _, err := config.Load(config.Options{Env: env, Known: ProviderNames()})
	if err != nil {
		t.Fatal(err)
	}
	count := func() (int, int) {
		ws, err := Open(ctx, cfg, Options{Env: env, Clock: clock, LogTo: &strings.Builder{}})
		if err != nil {
			t.Fatal(err)
		}
		defer ws.Close()
		posts, err := ws.Store.Posts(ctx, clock.Now().AddDate(-1, 0, 0), clock.Now().AddDate(1, 0, 0), 1000)
		if err != nil {
			t.Fatal(err)
		}
		return len(ws.Clients), len(posts)
	}
	c1, p1 := count()
	c2, p2 := count()
	if c1 != c2 || p1 != p2 {
		t.Fatalf("reopen changed the workspace: clients %d→%d, posts %d→%d", c1, c2, p1, p2)
	}
}

// settle feeds msg to the model and runs the commands it returns until the
// model stops asking for data, then returns the plain-text view. Commands
// that wait on a timer longer than a moment (polls, minute ticks) are
// dropped: they would only repeat what the test already has.
func settle(t *testing.T, m tea.Model, msg tea.Msg) string {
	t.Helper()
	queue := []tea.Msg{msg}
	var cmds []tea.Cmd
	if c := m.Init(); c != nil {
		cmds = append(cmds, c)
	}
	for rounds := 0; rounds < 50 && (len(queue) > 0 || len(cmds) > 0); rounds++ {
		for _, msg := range queue {
			var c tea.Cmd
			m, c = m.Update(msg)
			if c != nil {
				cmds = append(cmds, c)
			}
		}
		queue = queue[:0]
		for _, c := range cmds {
			queue = append(queue, run(c)...)
		}
		cmds = cmds[:0]
	}
	return ansi.Strip(m.View().Content)
}

// run executes one command, unpacking batches, with a short deadline so
// timer commands do not hold the test.
func run(c tea.Cmd) []tea.Msg {
	done := make(chan tea.Msg, 1)
	go func() { done <- c() }()
	select {
	case msg := <-done:
		switch msg := msg.(type) {
		case nil:
			return nil
		case tea.BatchMsg:
			var out []tea.Msg
			for _, c := range msg {
				if c != nil {
					out = append(out, run(c)...)
				}
			}
			return out
		case tea.QuitMsg:
			return nil
		default:
			return []tea.Msg{msg}
		}
	case <-time.After(500 * time.Millisecond):
		return nil
	}
}
