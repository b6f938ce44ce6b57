package stats

import (
	"cmdeck/tui/tuitest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"cmdeck/core"
	"cmdeck/i18n"
	metrics "cmdeck/stats"
	"cmdeck/tui/common"
	"cmdeck/tui/dialog"
)

// pane is a Model under test with what it sent to the root.
type pane struct {
	*Model
	src   *fakeSource
	clock *core.ManualClock
	sent  []tea.Msg
}

type setup struct {
	lang    i18n.Lang
	noColor bool
	opts    []Option
}

func newPane(t *testing.T, src *fakeSource, w, h int, s setup) *pane {
	t.Helper()
	palette := common.DefaultPalette(true)
	if s.noColor {
		palette = common.NoColorPalette()
	}
	p := &pane{src: src, clock: core.NewManualClock(now)}
	ctx := common.Context{Source: src, Styles: common.NewStyles(palette), T: i18n.New(s.lang),
		Clock: p.clock, Loc: time.UTC}
	p.Model = New(ctx, DefaultKeyMap(ctx.T), append([]Option{WithReportDir(t.TempDir())}, s.opts...)...)
	p.SetSize(w, h)
	p.run(p.Init())
	return p
}

// run executes a command and feeds its messages back, as the program
// would; messages for the root are kept in sent.
func (p *pane) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			p.run(c)
		}
	case common.ShowItemsMsg:
		p.sent = append(p.sent, msg)
	default:
		p.send(msg)
	}
}

func (p *pane) send(msg tea.Msg) {
	_, cmd := p.Update(msg)
	p.run(cmd)
}

func (p *pane) press(keys ...string) {
	for _, k := range keys {
		p.send(keyMsg(k))
	}
}

// keyMsg is a key press by name (tuitest.Key).
func keyMsg(k string) tea.KeyPressMsg { return tuitest.Key(k) }

func (p *pane) text() string { return ansi.Strip(p.View()) }

func day(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }

func checkSize(t *testing.T, view string, w, h int) {
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

// checkLoad checks that the latest load asked the client's figures for
// the period and for the one before it.
func checkLoad(t *testing.T, src *fakeSource, client int64, from, to, prevFrom time.Time) {
	t.Helper()
	calls := src.asked()
	if len(calls) < 2 {
		t.Fatalf("%d reads, want a load's two", len(calls))
	}
	a, b := calls[len(calls)-2], calls[len(calls)-1]
	if a.from.After(b.from) {
		a, b = b, a
	}
	if b.client != client || !b.from.Equal(from) || !b.to.Equal(to) {
		t.Fatalf("asked client %d [%v, %v), want client %d [%v, %v)", b.client, b.from, b.to, client, from, to)
	}
	if a.client != client || !a.from.Equal(prevFrom) || !a.to.Equal(from) {
		t.Fatalf("asked previous client %d [%v, %v), want [%v, %v)", a.client, a.from, a.to, prevFrom, from)
	}
}

func TestPeriodKeyCyclesThePeriods(t *testing.T) {
	p := newPane(t, newFake(), 80, 21, setup{})
	checkLoad(t, p.src, 1, day(3, 6), day(3, 13), day(2, 27))
	tests := []struct {
		name               string
		from, to, prevFrom time.Time
	}{
		{"30d", day(2, 11), day(3, 13), day(1, 12)},
		// 90 days ending tomorrow's midnight: from 13 December 2024.
		{"90d", time.Date(2024, 12, 13, 0, 0, 0, 0, time.UTC), day(3, 13), time.Date(2024, 9, 14, 0, 0, 0, 0, time.UTC)},
		{"month", day(3, 1), day(3, 13), day(2, 17)},
		{"last_month", day(2, 1), day(3, 1), day(1, 1)},
		{"7d", day(3, 6), day(3, 13), day(2, 27)},
	}
	for _, tt := range tests {
		p.press("p")
		if got := p.span.name(); got != tt.name {
			t.Fatalf("period %s, want %s", got, tt.name)
		}
		checkLoad(t, p.src, 1, tt.from, tt.to, tt.prevFrom)
		if !strings.Contains(p.text(), i18n.New(i18n.EN).T("stats.period."+tt.name)) {
			t.Fatalf("%s: header does not name the period:\n%s", tt.name, p.text())
		}
	}
}

func TestClientKeysSwitchTheClient(t *testing.T) {
	p := newPane(t, newFake(), 80, 21, setup{})
	for _, step := range []struct {
		keys []string
		want int64
	}{
		{[]string{"]"}, 2},
		{[]string{"]"}, 3},
		{[]string{"]"}, 1},
		{[]string{"["}, 3},
		{[]string{"c", "f", "o", "u", "r", "enter"}, 2},
	} {
		p.press(step.keys...)
		checkLoad(t, p.src, step.want, day(3, 6), day(3, 13), day(2, 27))
		if p.data.client != step.want || p.data.rep.Client.ID != step.want {
			t.Fatalf("after %v showing client %d, want %d", step.keys, p.data.client, step.want)
		}
	}
	if p.dialog != nil || p.Capturing() {
		t.Fatal("the picker stayed open")
	}
	// Another pane's picker answer changes nothing.
	before := len(p.src.asked())
	p.send(dialog.PickerResult{ID: "alerts/client", OK: true, Option: dialog.Option{Value: "1"}})
	if len(p.src.asked()) != before || p.data.client != 2 {
		t.Fatal("acted on another pane's picker")
	}
}

func TestKeyFiguresAgainstThePreviousPeriod(t *testing.T) {
	p := newPane(t, newFake(), 80, 40, setup{})
	r := p.data.rep
	view := p.text()
	for _, f := range []struct {
		label string
		m     metrics.Metric
	}{{"Items received", r.Received}, {"Replies sent", r.Replies}} {
		if !f.m.Cur.OK || !f.m.Prev.OK || f.m.Cur.Value == f.m.Prev.Value {
			t.Fatalf("%s: the sample should move: %+v", f.label, f.m)
		}
		line := lineWith(view, f.label)
		mark := "▲"
		if f.m.Cur.Value < f.m.Prev.Value {
			mark = "▼"
		}
		want := intText(p.ctx.T, f.m.Cur.Value)
		if !strings.Contains(line, want) || !strings.Contains(line, mark) || !strings.Contains(line, "%") {
			t.Fatalf("%s line %q lacks %s, %s and a %%", f.label, line, want, mark)
		}
	}
	end := intText(p.ctx.T, r.Followers.End.Cur.Value)
	if line := lineWith(view, "Followers"); !r.Followers.End.Cur.OK || !strings.Contains(line, end) {
		t.Fatalf("followers line %q, want the period's end figure %s", line, end)
	}
}

func TestUnavailableFiguresSayNA(t *testing.T) {
	src := newFake()
	src.bare[1] = true
	p := newPane(t, src, 80, 60, setup{})
	view := p.text()
	for _, label := range []string{"First response, median", "First response, 90th pct", "Followers", "Answered"} {
		line := lineWith(view, label)
		if strings.Count(line, "n/a") < 2 || strings.Contains(line, " 0 ") {
			t.Errorf("%s line %q: want n/a for the figure and its change, never 0", label, line)
		}
	}
	// Likes not reported by the network: n/a in the posts, not 0.
	src.bare[1] = false
	p = newPane(t, src, 80, 60, setup{opts: []Option{WithReports(func(core.Account) metrics.Reports {
		return metrics.Reports{Shares: true, Replies: true}
	})}})
	if line := lineWith(p.text(), "Patch 1.4.2"); !strings.Contains(line, "n/a") || !strings.Contains(line, "31") {
		t.Fatalf("post line %q: want n/a likes and 31 shares", line)
	}
	fr := newPane(t, func() *fakeSource { f := newFake(); f.bare[1] = true; return f }(), 80, 60, setup{lang: i18n.FR})
	if line := lineWith(fr.text(), "Abonnés"); !strings.Contains(line, "n.d.") {
		t.Fatalf("French followers line %q, want n.d.", line)
	}
}

func lineWith(view, s string) string {
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

func TestEnterShowsTheMembersItemsInTheInbox(t *testing.T) {
	p := newPane(t, newFake(), 80, 21, setup{})
	p.press("j") // brings the members into view, the first selected
	if p.cursor != 0 || !strings.Contains(p.text(), "› @marc") {
		t.Fatalf("first j: cursor %d\n%s", p.cursor, p.text())
	}
	p.press("j", "enter")
	want := common.ShowItemsMsg{Query: "author:@lea client:pixelforge"}
	if len(p.sent) != 1 || p.sent[0] != want {
		t.Fatalf("sent %+v, want %+v", p.sent, want)
	}
}

// Past the members the cursor walks the top posts; enter on one shows its
// comments in the Inbox, under a chip naming the post.
func TestEnterShowsThePostsCommentsInTheInbox(t *testing.T) {
	p := newPane(t, newFake(), 80, 21, setup{})
	members := len(p.data.rep.Contributors)
	for range members + 1 { // the first j brings the members into view
		p.press("j")
	}
	if p.cursor != members || !strings.Contains(p.text(), "› Patch 1.4.2") {
		t.Fatalf("cursor %d (members %d): the first post is not selected and shown\n%s", p.cursor, members, p.text())
	}
	p.press("enter")
	want := common.ShowItemsMsg{PostID: 1, Label: "Patch 1.4.2 is out: saves fix…"}
	if len(p.sent) != 1 || p.sent[0] != want {
		t.Fatalf("sent %+v, want %+v", p.sent, want)
	}
	p.press("G", "j", "j")
	if p.cursor != p.rows()-1 {
		t.Fatalf("cursor %d past the last post, want it on the last row %d", p.cursor, p.rows()-1)
	}
}

func TestMemberQueryIsOneTerm(t *testing.T) {
	tests := map[string]string{
		"@lea":                          "author:@lea client:fournil",
		"marc@piaille.fr":               "author:@marc@piaille.fr client:fournil",
		"@evil\" client:azur":           `author:"@evil client:azur" client:fournil`,
		"@bell\x1b]52;c;aGk=\x07\nnext": `author:"@bell ]52;c;aGk=" client:fournil`,
		"   ":                           "",
	}
	for in, want := range tests {
		if got := memberQuery(in, "fournil"); got != want {
			t.Errorf("memberQuery(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReportIsWrittenAndItsPathShown(t *testing.T) {
	dir := t.TempDir()
	p := newPane(t, newFake(), 80, 21, setup{opts: []Option{WithReportDir(dir)}})
	p.press("]", "p", "R")
	path := filepath.Join(dir, "cmdeck-report-fournil-30d.html")
	body, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(body), "<!DOCTYPE html>") || !strings.Contains(string(body), "Le Fournil") {
		t.Fatalf("not the client's HTML report:\n%.300s", body)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Fatalf("report mode %v, want 0600", info.Mode().Perm())
	}
	if !strings.Contains(strings.Split(p.text(), "\n")[0], "Report written") {
		t.Fatalf("header does not say where:\n%s", p.text())
	}
	// A directory that is not there: the error is shown, nothing panics.
	p.opts.reportDir = filepath.Join(dir, "missing")
	p.press("R")
	if !strings.Contains(p.text(), "Could not write the report") {
		t.Fatalf("no error shown:\n%s", p.text())
	}
}

func TestReportNameIsSafe(t *testing.T) {
	if got := reportName("../../etc/Pixel Forge", 4, lastMonth); got != "cmdeck-report-etcpixelforge-last_month.html" {
		t.Fatalf("reportName = %q", got)
	}
	if got := reportName("…", 4, last7); got != "cmdeck-report-4-7d.html" {
		t.Fatalf("reportName = %q", got)
	}
}

func TestDataChangesReloadAtMostEvery30s(t *testing.T) {
	p := newPane(t, newFake(), 80, 21, setup{})
	reads := func() int { return len(p.src.asked()) }
	start := reads()
	p.clock.Advance(10 * time.Second)
	p.send(common.DataChangedMsg{Version: 2})
	p.send(common.DataChangedMsg{Version: 3})
	if reads() != start {
		t.Fatalf("reloaded %d times within 30s of the last load", (reads()-start)/2)
	}
	// The minute tick runs the reload that waited, once.
	p.clock.Advance(20 * time.Second)
	p.send(common.TickMsg{Now: p.clock.Now()})
	p.send(common.TickMsg{Now: p.clock.Now()})
	if reads() != start+2 {
		t.Fatalf("the tick ran %d reloads, want 1", (reads()-start)/2)
	}
	// A change 30s after the last load reloads at once.
	p.clock.Advance(30 * time.Second)
	p.send(common.DataChangedMsg{Version: 4})
	if reads() != start+4 {
		t.Fatal("a change 30s after the last load did not reload at once")
	}
	// A key load in between reads the change: the tick has nothing to do.
	p.clock.Advance(time.Second)
	p.send(common.DataChangedMsg{Version: 5})
	p.press("p")
	n := reads()
	p.clock.Advance(time.Minute)
	p.send(common.TickMsg{Now: p.clock.Now()})
	if reads() != n {
		t.Fatal("reloaded again after a key load read the change")
	}
}

// Figures that count nothing (a new workspace before its first sync) are
// read again at the first data change, not 30 s later.
func TestEmptyFiguresReloadAtOnce(t *testing.T) {
	src := newFake()
	src.empty = true
	p := newPane(t, src, 80, 21, setup{})
	if !p.empty() {
		t.Fatal("the figures of an empty source are not seen as empty")
	}
	reads := func() int { return len(p.src.asked()) }
	start := reads()
	src.mu.Lock()
	src.empty = false
	src.mu.Unlock()
	p.clock.Advance(time.Second)
	p.send(common.DataChangedMsg{Version: 2})
	if reads() == start || p.empty() {
		t.Fatal("a data change did not reload empty figures at once")
	}
	n := reads()
	p.send(common.DataChangedMsg{Version: 3})
	if reads() != n {
		t.Fatal("figures with data reloaded within 30 s")
	}
}

func TestStaleResultsAreDropped(t *testing.T) {
	p := newPane(t, newFake(), 80, 21, setup{})
	stale := p.load()
	p.press("]")
	p.send(stale())
	if p.data.client != 2 {
		t.Fatalf("a stale result replaced the figures: client %d", p.data.client)
	}
}

func TestErrorsKeepTheFiguresAndRetry(t *testing.T) {
	src := newFake()
	src.err = errLocked
	p := newPane(t, src, 80, 21, setup{})
	if !strings.Contains(p.text(), "Could not compute the figures: database is locked") {
		t.Fatalf("first error not shown:\n%s", p.text())
	}
	src.err = nil
	p.send(common.TickMsg{Now: now.Add(time.Minute)})
	if !p.data.loaded || p.data.err != nil {
		t.Fatal("the tick did not retry")
	}
	src.err = errLocked
	p.press("p")
	view := p.text()
	if !strings.Contains(view, "database is locked") || !strings.Contains(view, "Items received") {
		t.Fatalf("want the old figures and the error:\n%s", view)
	}
}

func TestNewDayMovesThePeriod(t *testing.T) {
	p := newPane(t, newFake(), 80, 21, setup{})
	n := len(p.src.asked())
	p.send(common.TickMsg{Now: now.Add(time.Hour)})
	if len(p.src.asked()) != n {
		t.Fatal("reloaded within the same day")
	}
	p.clock.Set(now.Add(15 * time.Hour))
	p.send(common.TickMsg{Now: now.Add(15 * time.Hour)})
	checkLoad(t, p.src, 1, day(3, 7), day(3, 14), day(2, 28))
}

func TestBars(t *testing.T) {
	got := bars([]float64{0, 1, 4, 8}, 8, 2, 2)
	want := []string{"      █ ", "  ▂ █ █ "}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("bars = %q, want %q", got, want)
	}
	if b := bucket([]float64{1, 3, 5, 7, 9}, 2); len(b) != 2 || b[0] != 3 || b[1] != 8 {
		t.Fatalf("bucket = %v", b)
	}
	days := []metrics.Day{{Negative: 0, Positive: 4}, {}, {Negative: 4}, {Negative: 1, Neutral: 9}}
	if got := negativeSpark(days, 10); got != "▁ █▂" {
		t.Fatalf("negativeSpark = %q: a day with nothing labelled must be a gap", got)
	}
}

func TestChangeMarks(t *testing.T) {
	tr, s := i18n.New(i18n.EN), common.NewStyles(common.NoColorPalette())
	fig := func(cur, prev float64) metrics.Metric {
		return metrics.Metric{Cur: metrics.Num(cur), Prev: metrics.Num(prev)}
	}
	tests := []struct {
		m      metrics.Metric
		points bool
		want   string
	}{
		{fig(118, 100), false, "▲ 18%"},
		{fig(90, 100), false, "▼ 10%"},
		{fig(100, 100), false, "= 0%"},
		{fig(5, 0), false, "n/a"},
		{metrics.Metric{Cur: metrics.Num(3)}, false, "n/a"},
		{fig(0.87, 0.82), true, "▲ 5 pts"},
	}
	for _, tt := range tests {
		if got, _ := change(tr, s, tt.m, tt.points, up); got != tt.want {
			t.Errorf("change(%+v) = %q, want %q", tt.m, got, tt.want)
		}
	}
	if got := durText(tr, 3*3600+600); got != "3 h 10" {
		t.Errorf("durText = %q", got)
	}
	if got := intText(i18n.New(i18n.FR), 1234567); got != "1\u00a0234\u00a0567" {
		t.Errorf("intText fr = %q", got)
	}
}

func TestViews(t *testing.T) {
	tests := []struct {
		name string
		w, h int
		s    setup
		keys []string
		src  func() *fakeSource
	}{
		{"en_80x21", 80, 21, setup{}, nil, nil},
		{"fr_80x21", 80, 21, setup{lang: i18n.FR}, nil, nil},
		{"en_160x45", 160, 45, setup{}, nil, nil},
		{"fr_160x45", 160, 45, setup{lang: i18n.FR}, nil, nil},
		{"members_80x21", 80, 21, setup{}, []string{"j", "j"}, nil},
		{"month_160x45", 160, 45, setup{}, []string{"p", "p", "p"}, nil},
		{"na_80x21", 80, 21, setup{}, nil, func() *fakeSource { f := newFake(); f.bare[1] = true; return f }},
		{"nocolor_80x21", 80, 21, setup{noColor: true}, nil, nil},
		{"picker_80x21", 80, 21, setup{}, []string{"c"}, nil},
		{"narrow_50x10", 50, 10, setup{lang: i18n.FR}, nil, nil},
		{"empty_80x8", 80, 8, setup{}, nil, func() *fakeSource { f := newFake(); f.clients = nil; return f }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := newFake()
			if tt.src != nil {
				src = tt.src()
			}
			p := newPane(t, src, tt.w, tt.h, tt.s)
			p.press(tt.keys...)
			view := p.View()
			checkSize(t, view, tt.w, tt.h)
			golden.RequireEqual(t, []byte(ansi.Strip(view)))
		})
	}
}

func TestLoadingState(t *testing.T) {
	ctx := common.Context{Source: newFake(), T: i18n.New(i18n.EN), Clock: core.NewManualClock(now)}
	m := New(ctx, DefaultKeyMap(ctx.T))
	m.SetSize(60, 6)
	m.Init()
	if !strings.Contains(ansi.Strip(m.View()), "Loading") {
		t.Fatal("no loading state")
	}
	checkSize(t, m.View(), 60, 6)
}

func TestNothingPanicsOnTinySizes(t *testing.T) {
	p := newPane(t, newFake(), 0, 0, setup{})
	for _, sz := range [][2]int{{0, 0}, {1, 1}, {5, 2}, {10, 1}, {300, 3}, {139, 5}, {140, 5}} {
		p.SetSize(sz[0], sz[1])
		p.press("G", "j", "k", "g")
		if sz[0] > 0 && sz[1] > 0 {
			checkSize(t, p.View(), sz[0], sz[1])
		}
	}
}
