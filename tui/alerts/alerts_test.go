package alerts

import (
	"cmdeck/tui/tuitest"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"cmdeck/core"
	"cmdeck/i18n"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// pane is a Model under test with what it sent to the root.
type pane struct {
	*Model
	src  *fakeSource
	sent []tea.Msg // messages meant for the root (jumps, crisis requests)
}

func newPane(t *testing.T, src *fakeSource, w, h int, edit func(*common.Context)) *pane {
	t.Helper()
	ctx := common.Context{Source: src, Styles: common.NewStyles(common.DefaultPalette(true)), T: i18n.New(i18n.EN),
		Clock: core.NewManualClock(now), Loc: time.UTC, Actor: "lea"}
	if edit != nil {
		edit(&ctx)
	}
	p := &pane{Model: New(ctx, DefaultKeyMap(ctx.T)), src: src}
	p.SetSize(w, h)
	p.run(p.Init())
	return p
}

func newSample(t *testing.T, w, h int) *pane {
	t.Helper()
	return newPane(t, &fakeSource{alerts: sampleAlerts(), items: sampleItems(), hours: burst}, w, h, nil)
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
	case common.ShowItemsMsg, common.CrisisRequestMsg:
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

func (p *pane) typeText(s string) {
	for _, r := range s {
		p.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// keyMsg is a key press by name (tuitest.Key).
func keyMsg(k string) tea.KeyPressMsg { return tuitest.Key(k) }

func (p *pane) text() string { return ansi.Strip(p.View()) }

func (p *pane) ids() []int64 {
	var out []int64
	for _, a := range p.list.rows {
		out = append(out, a.ID)
	}
	return out
}

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

func TestListsOpenAlertsInTheStoreOrder(t *testing.T) {
	p := newSample(t, 80, 21)
	if got := p.ids(); !slices.Equal(got, []int64{1, 2, 4, 3}) {
		t.Fatalf("rows %v, want critical, then warnings newest first, then info", got)
	}
	if q := p.src.queries[0]; q.History || q.ClientID != 0 || q.Limit != pageSize {
		t.Fatalf("first query %+v", q)
	}
}

func TestMovesAndReadsTheSelectedDetails(t *testing.T) {
	tests := []struct {
		keys   []string
		wantID int64
	}{
		{nil, 1},
		{[]string{"j"}, 2},
		{[]string{"j", "j", "j", "j", "j"}, 3},
		{[]string{"j", "k", "k"}, 1},
		{[]string{"G"}, 3},
		{[]string{"G", "g"}, 1},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.keys, ""), func(t *testing.T) {
			p := newSample(t, 80, 21)
			p.press(tt.keys...)
			if got := p.selectedID(); got != tt.wantID {
				t.Fatalf("selected alert %d, want %d", got, tt.wantID)
			}
			if last := p.src.detail[len(p.src.detail)-1]; last != tt.wantID || p.detail.id != tt.wantID || !p.detail.loaded {
				t.Fatalf("details read for %d (shown %d), want %d", last, p.detail.id, tt.wantID)
			}
		})
	}
}

func TestReloadKeepsSelectionAndDropsStale(t *testing.T) {
	p := newSample(t, 80, 21)
	p.press("j") // alert 2
	stale := p.load()
	fresh := sampleAlerts()[0]
	fresh.ID, fresh.LastAt = 9, now
	p.src.alerts = append(p.src.alerts, fresh)
	p.send(common.DataChangedMsg{Version: 3})
	if got := p.selectedID(); got != 2 {
		t.Fatalf("selection moved to %d on reload, want 2", got)
	}
	p.src.alerts = nil
	p.send(stale())
	if len(p.list.rows) != 5 {
		t.Fatalf("a stale result was applied: %v", p.ids())
	}
}

// Keyset paging: 250 alerts come a page at a time as the cursor goes
// down, each page asked after the last row, none twice, none lost.
func TestKeysetPaging(t *testing.T) {
	src := &fakeSource{}
	for i := range 250 {
		sev := []core.Severity{core.SeverityCritical, core.SeverityWarning, core.SeverityInfo}[i%3]
		src.alerts = append(src.alerts, store.AlertView{Alert: core.Alert{ID: int64(i + 1), ClientID: 1,
			Rule: "negative", Severity: sev, LastAt: now.Add(-time.Duration(i/2) * time.Minute)}, State: store.AlertOpen})
	}
	p := newPane(t, src, 80, 21, nil)
	if len(p.list.rows) != pageSize || !p.list.more {
		t.Fatalf("first load: %d rows, more %v", len(p.list.rows), p.list.more)
	}
	p.press("G", "G", "G")
	want := src.sorted(store.AlertQuery{})
	if len(p.list.rows) != len(want) {
		t.Fatalf("%d rows after paging, want %d", len(p.list.rows), len(want))
	}
	for i := range want {
		if p.list.rows[i].ID != want[i].ID {
			t.Fatalf("row %d is %d, want %d", i, p.list.rows[i].ID, want[i].ID)
		}
	}
	second := src.queries[1]
	last := want[pageSize-1]
	if second.AfterID != last.ID || second.AfterRank != severityRank(last.Severity) || !second.AfterAt.Equal(last.LastAt) {
		t.Fatalf("second page asked %+v, want after row %+v", second, last.Alert)
	}
	// A reload reads as many rows as are shown, so the cursor stays.
	asked := len(src.queries)
	p.send(common.DataChangedMsg{})
	if q := src.queries[asked]; q.Limit != 250 || q.AfterID != 0 || p.selectedID() != want[249].ID {
		t.Fatalf("reload asked %+v; selected %d", q, p.selectedID())
	}
}

func TestAckResolveAndSnooze(t *testing.T) {
	tests := []struct {
		name   string
		keys   []string
		typed  string
		writes []string
		notice string
	}{
		{"ack", []string{"a"}, "", []string{"ack 1"}, "Alert acknowledged."},
		{"ack twice", []string{"j", "a"}, "", nil, "Already acknowledged."},
		{"resolve", []string{"x"}, "", []string{"resolve 1"}, "Alert resolved"},
		{"snooze an hour", []string{"s", "enter"}, "", []string{"snooze 1 2025-03-12T11:00:00Z"}, "until 11:00"},
		{"snooze tomorrow", []string{"s"}, "tomorrow", []string{"snooze 1 2025-03-13T09:00:00Z"}, "until Thu 09:00"},
		{"snooze typed", []string{"s"}, "fri 18h", []string{"snooze 1 2025-03-14T18:00:00Z"}, "until Fri 18:00"},
		{"snooze cancelled", []string{"s", "esc"}, "", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newSample(t, 80, 21)
			p.press(tt.keys...)
			if tt.typed != "" {
				p.typeText(tt.typed)
				p.press("enter")
			}
			if !slices.Equal(p.src.writes, tt.writes) {
				t.Fatalf("writes %q, want %q", p.src.writes, tt.writes)
			}
			if tt.notice != "" && !strings.Contains(p.notice.text, tt.notice) {
				t.Fatalf("notice %q, want %q", p.notice.text, tt.notice)
			}
			if len(tt.writes) > 0 && p.src.queries[len(p.src.queries)-1].Limit == 0 {
				t.Fatal("no reload after the write")
			}
		})
	}
}

func TestResolvedAlertLeavesTheList(t *testing.T) {
	p := newSample(t, 80, 21)
	p.press("x")
	if slices.Contains(p.ids(), 1) || p.selectedID() != 2 {
		t.Fatalf("rows %v, selected %d after resolving 1", p.ids(), p.selectedID())
	}
	p.press("h")
	if !p.src.queries[len(p.src.queries)-1].History || !slices.Equal(p.ids(), []int64{1, 5}) {
		t.Fatalf("history %v (query %+v)", p.ids(), p.src.queries[len(p.src.queries)-1])
	}
	// A resolved alert cannot be acknowledged, snoozed or resolved again.
	before := len(p.src.writes)
	p.press("a", "x", "s")
	if len(p.src.writes) != before || p.dialog != nil || !strings.Contains(p.notice.text, "resolved") {
		t.Fatalf("acted on a resolved alert: %q, notice %q", p.src.writes, p.notice.text)
	}
	p.press("h")
	if p.src.queries[len(p.src.queries)-1].History {
		t.Fatal("h did not go back to the open alerts")
	}
}

func TestBadSnoozeTimeIsExplained(t *testing.T) {
	p := newSample(t, 80, 21)
	p.press("s")
	p.typeText("the day after never")
	p.press("enter")
	if len(p.src.writes) != 0 || !p.notice.bad || p.notice.text == "" {
		t.Fatalf("writes %q, notice %+v", p.src.writes, p.notice)
	}
}

func TestWriteErrorShown(t *testing.T) {
	p := newSample(t, 80, 21)
	p.src.writeErr = errors.New("database is locked")
	p.press("a")
	if !p.notice.bad || !strings.Contains(p.text(), "Could not acknowledge the alert: database is locked") {
		t.Fatalf("error not shown:\n%s", p.text())
	}
}

func TestReadOnlyRefusesWrites(t *testing.T) {
	p := newPane(t, &fakeSource{alerts: sampleAlerts(), items: sampleItems()}, 80, 21,
		func(c *common.Context) { c.ReadOnly = true })
	p.press("a", "x", "s", "C")
	if len(p.src.writes) != 0 || p.dialog != nil || len(p.sent) != 0 || !strings.Contains(p.notice.text, "Read-only") {
		t.Fatalf("writes %q, dialog %v, sent %v, notice %q", p.src.writes, p.dialog != nil, p.sent, p.notice.text)
	}
}

func TestEnterShowsTheAlertsItemsInTheInbox(t *testing.T) {
	p := newSample(t, 80, 21)
	p.press("enter")
	want := common.ShowItemsMsg{AlertID: 1, Label: "Negative messages · Banque Azur"}
	if len(p.sent) != 1 || p.sent[0] != want {
		t.Fatalf("sent %+v, want %+v", p.sent, want)
	}
}

func TestClientFilter(t *testing.T) {
	p := newSample(t, 80, 21)
	p.press("c")
	p.typeText("fournil")
	p.press("enter")
	q := p.src.queries[len(p.src.queries)-1]
	if q.ClientID != 2 || !slices.Equal(p.ids(), []int64{4, 3}) {
		t.Fatalf("query %+v, rows %v", q, p.ids())
	}
	if !strings.Contains(p.text(), "client: Le Fournil") {
		t.Fatalf("filter not named:\n%s", p.text())
	}
	p.press("c")
	p.typeText("every")
	p.press("enter")
	if q := p.src.queries[len(p.src.queries)-1]; q.ClientID != 0 || len(p.list.rows) != 4 {
		t.Fatalf("back to every client: %+v %v", q, p.ids())
	}
}

func TestCrisisModeAsksFirst(t *testing.T) {
	p := newSample(t, 80, 21)
	p.press("C")
	if p.dialog == nil || !strings.Contains(p.text(), "Crisis mode for Banque Azur?") {
		t.Fatalf("no confirmation:\n%s", p.text())
	}
	p.press("n")
	if len(p.sent) != 0 {
		t.Fatalf("sent %v after no", p.sent)
	}
	p.press("C", "y")
	if len(p.sent) != 1 || p.sent[0] != (common.CrisisRequestMsg{ClientID: 3, On: true}) {
		t.Fatalf("sent %+v", p.sent)
	}
	// In crisis, C offers to end it, and the details say so.
	p.send(common.CrisesMsg{Crises: []common.Crisis{{ClientID: 3, Name: "Banque Azur", Since: now.Add(-time.Hour)}}})
	if !strings.Contains(p.text(), "crisis mode since 09:00") {
		t.Fatalf("details do not show the crisis:\n%s", p.text())
	}
	p.press("C", "enter")
	if len(p.sent) != 2 || p.sent[1] != (common.CrisisRequestMsg{ClientID: 3, On: false}) {
		t.Fatalf("sent %+v", p.sent)
	}
}

func TestHoursWindow(t *testing.T) {
	tests := []struct {
		name        string
		first, last time.Time
		from, to    time.Time
	}{
		{"open", now.Add(-3*time.Hour - 20*time.Minute), now.Add(-5 * time.Minute),
			time.Date(2025, 3, 11, 6, 0, 0, 0, time.UTC), time.Date(2025, 3, 12, 11, 0, 0, 0, time.UTC)},
		{"ended long ago", now.Add(-5 * 24 * time.Hour), now.Add(-4 * 24 * time.Hour),
			time.Date(2025, 3, 6, 10, 0, 0, 0, time.UTC), time.Date(2025, 3, 9, 11, 0, 0, 0, time.UTC)},
		{"weeks long", now.Add(-30 * 24 * time.Hour), now.Add(-time.Minute),
			time.Date(2025, 3, 5, 11, 0, 0, 0, time.UTC), time.Date(2025, 3, 12, 11, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := store.AlertView{Alert: core.Alert{FirstAt: tt.first, LastAt: tt.last}}
			from, to := hoursWindow(a, now)
			if !from.Equal(tt.from) || !to.Equal(tt.to) {
				t.Fatalf("window %v → %v, want %v → %v", from, to, tt.from, tt.to)
			}
		})
	}
}

func TestBucketsGroupFromTheEnd(t *testing.T) {
	h := store.AlertHours{Volume: []int{1, 2, 3, 4, 5, 10, 0}, Negative: []int{0, 0, 3, 0, 5, 1, 0}}
	b := bucket(h, 3)
	if b.per != 3 || b.skip != 2 {
		t.Fatalf("per %d skip %d", b.per, b.skip)
	}
	if !slices.Equal(b.volume, []int{1, 9, 15}) || !slices.Equal(b.share, []int{0, 33, 40}) {
		t.Fatalf("volume %v share %v", b.volume, b.share)
	}
	if one := bucket(h, 20); one.per != 1 || !slices.Equal(one.volume, h.Volume) {
		t.Fatalf("room for every hour: %+v", one)
	}
}

func TestSparklinesMarkTheAlert(t *testing.T) {
	p := newSample(t, 80, 21)
	text := p.text()
	for _, want := range []string{"Volume", "Negative", "▲", "11 Mar 07:00", "Newest items (4 of 42)", "@marc"} {
		if !strings.Contains(text, want) {
			t.Errorf("details lack %q:\n%s", want, text)
		}
	}
	// The alert began at 06:40: its mark is under the 06:00 hour cell.
	lines := strings.Split(text, "\n")
	var spark, axis string
	for i, l := range lines {
		if strings.HasPrefix(l, "Volume") {
			spark, axis = l, lines[i+2]
		}
	}
	from, _ := hoursWindow(p.list.rows[0], now)
	hour := int(p.list.rows[0].FirstAt.Sub(from) / time.Hour)
	col := strings.Index(axis, "▲")
	if col < 0 || len([]rune(axis[:col])) != len([]rune("Negative "))+hour {
		t.Fatalf("mark at %d, want label + %d:\n%s\n%s", col, hour, spark, axis)
	}
	// Far enough from the mark, the axis ends on "now".
	p.press("j")
	if !strings.Contains(p.text(), "now\n") && !strings.Contains(p.text(), "now ") {
		t.Fatalf("no \"now\" on the axis:\n%s", p.text())
	}
}

func TestRuleTitles(t *testing.T) {
	tests := []struct {
		lang  i18n.Lang
		alert core.Alert
		want  string
	}{
		{i18n.EN, core.Alert{Rule: "negative", Title: "negative azur"}, "Negative messages"},
		{i18n.FR, core.Alert{Rule: "negative"}, "Messages négatifs"},
		{i18n.FR, core.Alert{Rule: "missed"}, "Publications manquées"},
		{i18n.EN, core.Alert{Rule: "ceo\nmentions", Title: "x"}, "ceo"},
		{i18n.EN, core.Alert{Title: "untitled rule"}, "untitled rule"},
	}
	for _, tt := range tests {
		p := newPane(t, &fakeSource{}, 80, 10, func(c *common.Context) { c.T = i18n.New(tt.lang) })
		if got := p.ruleTitle(store.AlertView{Alert: tt.alert}); got != tt.want {
			t.Errorf("%s %+v: %q, want %q", tt.lang, tt.alert, got, tt.want)
		}
	}
}

func TestAgesFollowTheClock(t *testing.T) {
	p := newSample(t, 200, 20)
	if !strings.Contains(p.text(), "3h → 5m") {
		t.Fatalf("ages wrong:\n%s", p.text())
	}
	p.ctx.Clock.(*core.ManualClock).Advance(10 * time.Minute)
	p.send(common.TickMsg{Now: p.ctx.Clock.Now()})
	if !strings.Contains(p.text(), "3h → 15m") {
		t.Fatalf("ages did not move with the clock:\n%s", p.text())
	}
}

func TestErrorShownAndRetried(t *testing.T) {
	src := &fakeSource{alerts: sampleAlerts(), err: errors.New("disk I/O error")}
	p := newPane(t, src, 60, 6, func(c *common.Context) { c.T = i18n.New(i18n.FR) })
	if !strings.Contains(p.text(), "Impossible de charger les alertes : disk I/O error") {
		t.Fatalf("error not shown:\n%s", p.text())
	}
	src.err = nil
	p.send(common.TickMsg{Now: now})
	if p.list.err != nil || len(p.list.rows) != 4 {
		t.Fatal("tick did not retry")
	}
}

func TestNothingPanicsOnTinySizes(t *testing.T) {
	p := newSample(t, 0, 0)
	for _, sz := range [][2]int{{0, 0}, {1, 1}, {5, 2}, {10, 1}, {200, 3}, {30, 9}, {121, 4}} {
		p.SetSize(sz[0], sz[1])
		p.press("j", "G", "k")
		if sz[0] > 0 && sz[1] > 0 {
			checkSize(t, p.View(), sz[0], sz[1])
		}
	}
}

func TestKeyMapNamesEveryAction(t *testing.T) {
	km := DefaultKeyMap(i18n.New(i18n.FR))
	acts := km.Actions()
	if len(acts) != len(actionOrder()) {
		t.Fatalf("%d actions, %d in order", len(acts), len(actionOrder()))
	}
	for _, name := range actionOrder() {
		b, ok := acts[name]
		if !ok || len(b.Keys()) == 0 || strings.HasPrefix(b.Help().Desc, "alerts.") || strings.HasPrefix(b.Help().Desc, "panes.") {
			t.Errorf("action %q: %v %q", name, ok, b.Help().Desc)
		}
		if got := km.action(keyMsg(b.Keys()[0])); got != name {
			t.Errorf("key %q runs %q, want %q", b.Keys()[0], got, name)
		}
	}
}

// The pane's screens, as text (the NO_COLOR one with its styles: bold
// and reverse only, no color). At 80×21 and 160×45 the pane fills an
// 80×24 and a 160×48 terminal under the deck's bars.
func TestViews(t *testing.T) {
	crisis := func(p *pane) {
		p.send(common.CrisesMsg{Crises: []common.Crisis{{ClientID: 3, Name: "Banque Azur", Since: now.Add(-40 * time.Minute)}}})
	}
	tests := []struct {
		name    string
		w, h    int
		lang    i18n.Lang
		noColor bool
		alerts  []store.AlertView
		then    func(p *pane)
	}{
		{"en_80x21", 80, 21, i18n.EN, false, sampleAlerts(), nil},
		{"fr_80x21", 80, 21, i18n.FR, false, sampleAlerts(), nil},
		{"en_160x45", 160, 45, i18n.EN, false, sampleAlerts(), nil},
		{"fr_160x45", 160, 45, i18n.FR, false, sampleAlerts(), func(p *pane) { p.press("j") }},
		{"nocolor_80x21", 80, 21, i18n.EN, true, sampleAlerts(), nil},
		{"crisis_80x21", 80, 21, i18n.EN, false, sampleAlerts(), crisis},
		{"history_80x21", 80, 21, i18n.EN, false, sampleAlerts(), func(p *pane) { p.press("h") }},
		{"snooze_80x21", 80, 21, i18n.EN, false, sampleAlerts(), func(p *pane) { p.press("s") }},
		{"crisis_confirm_fr_80x21", 80, 21, i18n.FR, false, sampleAlerts(), func(p *pane) { p.press("C") }},
		{"narrow_50x8", 50, 8, i18n.FR, false, sampleAlerts(), nil},
		{"empty_80x8", 80, 8, i18n.EN, false, nil, nil},
		{"empty_fr_80x8", 80, 8, i18n.FR, false, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := &fakeSource{alerts: tt.alerts, items: sampleItems(), hours: burst}
			p := newPane(t, src, tt.w, tt.h, func(c *common.Context) {
				c.T = i18n.New(tt.lang)
				if tt.noColor {
					c.Styles = common.NewStyles(common.NoColorPalette())
				}
			})
			if tt.then != nil {
				tt.then(p)
			}
			view := p.View()
			checkSize(t, view, tt.w, tt.h)
			if tt.noColor {
				golden.RequireEqual(t, []byte(view))
				return
			}
			golden.RequireEqual(t, []byte(ansi.Strip(view)))
		})
	}
}

func TestAlertTitles(t *testing.T) {
	tests := []struct {
		rule, slug, title, excerpt, want string
	}{
		{"délai-réponse", "fournil", "délai-réponse — fournil: > 2h", "Toujours rien", "> 2h · “Toujours rien”"},
		{"colère", "pixelforge", "colère — pixelforge", "Remboursez", "“Remboursez”"},
		{"pic", "azur", "pic — azur: 34/h vs 5.0/h", "", "34/h vs 5.0/h"},
		{"negative", "azur", "negative azur", "Service client", "“Service client”"},
		{"baguette", "fournil", "« baguette » mentionnée", "Meilleure baguette", "« baguette » mentionnée"},
		{"ceo", "azur", "ceo", "", ""},
		{"colère", "pixelforge", "colère — pixelforge-bis", "x", "colère — pixelforge-bis"},
	}
	p := newPane(t, &fakeSource{}, 80, 10, nil)
	for _, tt := range tests {
		a := store.AlertView{Alert: core.Alert{Rule: tt.rule, Title: tt.title}, ClientSlug: tt.slug, Excerpt: tt.excerpt}
		if got := p.alertTitle(a); got != tt.want {
			t.Errorf("%q: %q, want %q", tt.title, got, tt.want)
		}
	}
}
